/*
 * Directory users and lists of them. Pure data, safe from any thread.
 */
#include "config.h"

#include "user.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Free a user's strings and zero it. */
void
user_done(struct user *u)
{
	if (u == NULL)
		return;
	free(u->id);
	free(u->display_name);
	free(u->upn);
	free(u->mail);
	free(u->department);
	free(u->job_title);
	memset(u, 0, sizeof *u);
}

/* Make dst a deep copy of src; dst is overwritten, not freed. */
void
user_copy(struct user *dst, const struct user *src)
{
	dst->id = xstrdup_null(src->id);
	dst->display_name = xstrdup_null(src->display_name);
	dst->upn = xstrdup_null(src->upn);
	dst->mail = xstrdup_null(src->mail);
	dst->department = xstrdup_null(src->department);
	dst->job_title = xstrdup_null(src->job_title);
}

/* Append a zeroed user and return it. */
struct user *
user_list_add(struct user_list *l)
{
	l->v = xgrowarray(l->v, l->n, &l->cap, sizeof *l->v);
	memset(&l->v[l->n], 0, sizeof l->v[l->n]);
	return &l->v[l->n++];
}

/* Remove and free the last user. */
void
user_list_drop_last(struct user_list *l)
{
	if (l->n == 0)
		return;
	user_done(&l->v[--l->n]);
}

/* Free every user and the array; the list is empty afterwards. */
void
user_list_done(struct user_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		user_done(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The user with this id, or NULL (linear). */
const struct user *
user_list_find(const struct user_list *l, const char *id)
{
	size_t i;

	if (l == NULL || id == NULL)
		return NULL;
	for (i = 0; i < l->n; i++) {
		if (l->v[i].id != NULL && strcmp(l->v[i].id, id) == 0)
			return &l->v[i];
	}
	return NULL;
}
