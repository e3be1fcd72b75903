/*
 * The store of snapshots. A source's thread builds each new snapshot from
 * the previous one and swaps it in under the lock; rows whose person did
 * not change are shared, so a refresh in which nothing changed allocates
 * one array. Readers keep the snapshot they hold for as long as they like.
 * Events wait in a queue until they are taken. Safe from any thread.
 */
#include "config.h"

#include "store.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

#include "presence.h"
#include "text.h"
#include "user.h"
#include "xmalloc.h"

struct store {
	pthread_mutex_t publish; /* Held by one publisher at a time. */
	pthread_mutex_t lock;
	struct snapshot *current;   /* Protected by lock. */
	struct store_status status; /* Protected by lock. */
	unsigned long generation;   /* Protected by lock. */

	struct store_event *head; /* Oldest event. Protected by lock. */
	struct store_event *tail; /* Protected by lock. */
	size_t nevents;           /* Protected by lock. */
};

/* Compare two strings that may be NULL. */
static int
store_streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* A sanitised copy for the terminal; never NULL. */
static char *
store_clean(const char *s)
{
	return text_sanitize(s == NULL ? "" : s);
}

/* Are two presences the same, as far as anything shown goes? */
static int
store_presence_equal(const struct presence *a, const struct presence *b)
{
	return store_streq(a->availability, b->availability) &&
	    store_streq(a->activity, b->activity) &&
	    store_streq(a->sequence, b->sequence) &&
	    store_streq(a->status_message, b->status_message) &&
	    store_streq(a->status_content_type, b->status_content_type) &&
	    store_streq(a->status_expiry, b->status_expiry) &&
	    store_streq(a->status_expiry_zone, b->status_expiry_zone) &&
	    store_streq(a->status_published, b->status_published) &&
	    a->has_ooo == b->has_ooo && a->is_ooo == b->is_ooo &&
	    store_streq(a->ooo_message, b->ooo_message) &&
	    store_streq(a->work_location_type, b->work_location_type) &&
	    store_streq(a->work_location_source, b->work_location_source) &&
	    store_streq(a->work_location_place, b->work_location_place);
}

/* Is the user the same as the one the row was built from? */
static int
store_user_equal(const struct store_row *r, const struct user *u)
{
	return store_streq(r->name, u->display_name) &&
	    store_streq(r->upn, u->upn) && store_streq(r->mail, u->mail) &&
	    store_streq(r->department, u->department) &&
	    store_streq(r->job_title, u->job_title);
}

/* Take a reference to a row. */
static struct store_row *
store_row_ref(struct store_row *r)
{
	__atomic_fetch_add(&r->refs, 1, __ATOMIC_RELAXED);
	return r;
}

/* Drop a reference to a row, freeing it with the last. */
void
store_row_release(struct store_row *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (__atomic_sub_fetch(&r->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	free(r->id);
	free(r->name);
	free(r->upn);
	free(r->mail);
	free(r->department);
	free(r->job_title);
	presence_done(&r->presence);
	for (i = 0; i < r->nhistory; i++) {
		free(r->history[i].availability);
		free(r->history[i].activity);
	}
	free(r->d_name);
	free(r->d_upn);
	free(r->d_mail);
	free(r->d_department);
	free(r->d_job_title);
	free(r->d_availability);
	free(r->d_activity);
	free(r->d_status);
	free(r->d_location);
	free(r->search);
	free(r->collate);
	free(r);
}

/* Append s folded for search (text_fold), and a newline, at *p. */
static void
store_fold_append(char **p, const char *s)
{
	char *f = text_fold(s);
	size_t n = strlen(f);

	memcpy(*p, f, n);
	*p += n;
	*(*p)++ = '\n';
	free(f);
}

/*
 * The sort key of a name: the name in lower case (towlower, so that the
 * order ignores case even where the locale's collation does not, as in
 * C.UTF-8), transformed for the locale's collation (strxfrm): strcmp on
 * two keys orders as strcoll would. LC_CTYPE and LC_COLLATE are set once
 * by main before any thread starts. Text the locale cannot decode (non-
 * ASCII in the C locale) is lower-cased in ASCII.
 */
static char *
store_collate(const char *name)
{
	wchar_t *w;
	char *lower, *key;
	size_t n, i;

	if ((n = mbstowcs(NULL, name, 0)) != (size_t)-1) {
		w = xcalloc(n + 1, sizeof *w);
		mbstowcs(w, name, n + 1);
		for (i = 0; i < n; i++)
			w[i] = (wchar_t)towlower((wint_t)w[i]);
		if ((n = wcstombs(NULL, w, 0)) != (size_t)-1) {
			lower = xmalloc(n + 1);
			wcstombs(lower, w, n + 1);
		} else
			lower = xstrdup(name);
		free(w);
	} else {
		lower = xstrdup(name);
		for (i = 0; lower[i] != '\0'; i++) {
			if (lower[i] >= 'A' && lower[i] <= 'Z')
				lower[i] += 'a' - 'A';
		}
	}
	n = strxfrm(NULL, lower, 0);
	key = xmalloc(n + 1);
	strxfrm(key, lower, n + 1);
	free(lower);
	return key;
}

/* Fill the sanitised strings, the search text and the sort key of a row. */
static void
store_row_display(struct store_row *r)
{
	const struct presence *p = &r->presence;
	const char *fields[6];
	size_t len = 1, i;
	char *s;

	r->d_name = store_clean(r->name != NULL ? r->name : r->id);
	r->d_upn = store_clean(r->upn);
	r->d_mail = store_clean(r->mail);
	r->d_department = store_clean(r->department);
	r->d_job_title = store_clean(r->job_title);
	r->d_availability = store_clean(p->availability);
	r->d_activity = store_clean(p->activity);
	r->d_status = store_clean(p->status_message);
	r->d_location = store_clean(p->work_location_type);

	/* Folding never makes valid UTF-8 longer. */
	fields[0] = r->d_name;
	fields[1] = r->d_upn;
	fields[2] = r->d_mail;
	fields[3] = r->d_status;
	fields[4] = r->d_department;
	fields[5] = r->d_job_title;
	for (i = 0; i < 6; i++)
		len += strlen(fields[i]) + 1;
	r->search = s = xmalloc(len);
	for (i = 0; i < 6; i++)
		store_fold_append(&s, fields[i]);
	*s = '\0';
	r->collate = store_collate(r->d_name);
}

/* Add a transition to the end of a row's history, dropping the oldest. */
static void
store_row_push(struct store_row *r, time_t at, const char *availability,
    const char *activity)
{
	struct store_transition *t;

	if (r->nhistory == STORE_HISTORY) {
		free(r->history[0].availability);
		free(r->history[0].activity);
		memmove(&r->history[0], &r->history[1],
		    (STORE_HISTORY - 1) * sizeof r->history[0]);
		r->nhistory--;
	}
	t = &r->history[r->nhistory++];
	t->at = at;
	t->availability = xstrdup_null(availability);
	t->activity = xstrdup_null(activity);
}

/*
 * A new row for a person: the user u (or, when NULL, old's) and the
 * presence p (or, when NULL, old's if it had one). No time in state yet.
 */
static struct store_row *
store_row_new(const struct store_row *old, const struct user *u,
    const struct presence *p)
{
	struct store_row *r;

	r = xcalloc(1, sizeof *r);
	r->refs = 1;
	if (u != NULL) {
		r->id = xstrdup_null(u->id);
		r->name = xstrdup_null(u->display_name);
		r->upn = xstrdup_null(u->upn);
		r->mail = xstrdup_null(u->mail);
		r->department = xstrdup_null(u->department);
		r->job_title = xstrdup_null(u->job_title);
	} else {
		r->id = xstrdup_null(old->id);
		r->name = xstrdup_null(old->name);
		r->upn = xstrdup_null(old->upn);
		r->mail = xstrdup_null(old->mail);
		r->department = xstrdup_null(old->department);
		r->job_title = xstrdup_null(old->job_title);
	}
	if (p == NULL && old != NULL && old->have_presence)
		p = &old->presence;
	if (p != NULL) {
		r->have_presence = 1;
		presence_copy(&r->presence, p);
	}
	r->avail = r->have_presence
	    ? (int)presence_avail(r->presence.availability)
	    : AVAIL_UNKNOWN;
	return r;
}

/* Give a new row its time in state and transitions, as given. */
static void
store_row_set_history(struct store_row *r, time_t since, int since_seen,
    const struct store_transition *history, size_t n)
{
	size_t i;

	if (n > STORE_HISTORY) {
		history += n - STORE_HISTORY;
		n = STORE_HISTORY;
	}
	for (i = 0; i < n; i++) {
		r->history[i].at = history[i].at;
		r->history[i].availability =
		    xstrdup_null(history[i].availability);
		r->history[i].activity = xstrdup_null(history[i].activity);
	}
	r->nhistory = n;
	r->since = since;
	r->since_seen = since_seen;
}

/*
 * Work out a new row's time in state and transitions from the old row and
 * what changed at now: what teamtop learns by watching.
 */
static void
store_row_track(struct store_row *r, const struct store_row *old, time_t now)
{
	const struct presence *p = &r->presence;
	int same_avail;

	if (old != NULL)
		store_row_set_history(r, old->since, old->since_seen,
		    old->history, old->nhistory);
	if (!r->have_presence)
		return;
	if (old == NULL || !old->have_presence) {
		r->since = now;
		r->since_seen = 0;
		store_row_push(r, now, p->availability, p->activity);
		return;
	}
	same_avail = old->presence.availability != NULL &&
	    p->availability != NULL &&
	    strcasecmp(old->presence.availability, p->availability) == 0;
	if (!same_avail) {
		r->since = now;
		r->since_seen = 1;
	}
	if (!same_avail || !store_streq(old->presence.activity, p->activity))
		store_row_push(r, now, p->availability, p->activity);
}

/*
 * The row for a person given the old row (or NULL), the user (or NULL to
 * keep the old one's) and a presence (or NULL). Returns the old row with a
 * new reference when nothing changed.
 */
static struct store_row *
store_row_next(struct store_row *old, const struct user *u,
    const struct presence *p, time_t now, int *changed)
{
	struct store_row *r;

	*changed = 0;
	if (old != NULL && p != NULL && old->have_presence &&
	    old->presence.sequence != NULL && p->sequence != NULL &&
	    strcmp(p->sequence, old->presence.sequence) < 0)
		p = NULL; /* Older than what we have: ignore. */
	if (old != NULL && (u == NULL || store_user_equal(old, u)) &&
	    (p == NULL ||
	        (old->have_presence &&
	            store_presence_equal(&old->presence, p))))
		return store_row_ref(old);

	*changed = 1;
	r = store_row_new(old, u, p);
	store_row_track(r, old, now);
	store_row_display(r);
	return r;
}

/* Is an imported person the same as the old row, history included? */
static int
store_import_equal(const struct store_row *old, const struct store_import *im)
{
	size_t i, n = im->nhistory, skip = 0;

	if (n > STORE_HISTORY) {
		skip = n - STORE_HISTORY;
		n = STORE_HISTORY;
	}
	if (!store_user_equal(old, im->user) ||
	    (im->presence == NULL) != !old->have_presence ||
	    (im->presence != NULL &&
	        !store_presence_equal(&old->presence, im->presence)) ||
	    old->since != im->since || old->since_seen != im->since_seen ||
	    old->nhistory != n)
		return 0;
	for (i = 0; i < n; i++) {
		const struct store_transition *t = &im->history[skip + i];

		if (old->history[i].at != t->at ||
		    !store_streq(old->history[i].availability,
		        t->availability) ||
		    !store_streq(old->history[i].activity, t->activity))
			return 0;
	}
	return 1;
}

/* Order two row indices by the id of their rows in the snapshot arg. */
static int
store_cmp_id(const void *a, const void *b, void *arg)
{
	const struct snapshot *s = arg;
	size_t ia = *(const size_t *)a, ib = *(const size_t *)b;

	return strcmp(s->rows[ia]->id, s->rows[ib]->id);
}

/* Build the id index of a snapshot. Called with store->lock NOT held. */
static void
store_index(struct snapshot *s)
{
	size_t i;

	s->by_id = xreallocarray(NULL, s->n == 0 ? 1 : s->n, sizeof *s->by_id);
	for (i = 0; i < s->n; i++)
		s->by_id[i] = i;
	qsort_r(s->by_id, s->n, sizeof *s->by_id, store_cmp_id, s);
}

/* The index of the row with this id, or (size_t)-1. */
static size_t
store_find_index(const struct snapshot *s, const char *id)
{
	size_t lo = 0, hi = s->n, mid;
	int c;

	if (id == NULL)
		return (size_t)-1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(id, s->rows[s->by_id[mid]]->id);
		if (c == 0)
			return s->by_id[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (size_t)-1;
}

/* The row with this id, or NULL. */
const struct store_row *
snapshot_find(const struct snapshot *s, const char *id)
{
	size_t i;

	if ((i = store_find_index(s, id)) == (size_t)-1)
		return NULL;
	return s->rows[i];
}

/* A new empty snapshot. */
static struct snapshot *
store_snapshot_new(size_t n)
{
	struct snapshot *s;

	s = xcalloc(1, sizeof *s);
	s->refs = 1;
	s->n = n;
	s->rows = xcalloc(n == 0 ? 1 : n, sizeof *s->rows);
	return s;
}

/* Take another reference to a snapshot. */
struct snapshot *
snapshot_ref(const struct snapshot *s)
{
	struct snapshot *w = (struct snapshot *)s;

	__atomic_fetch_add(&w->refs, 1, __ATOMIC_RELAXED);
	return w;
}

/* Drop a reference to a snapshot, freeing it with the last. */
void
snapshot_release(struct snapshot *s)
{
	size_t i;

	if (s == NULL)
		return;
	if (__atomic_sub_fetch(&s->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	for (i = 0; i < s->n; i++)
		store_row_release(s->rows[i]);
	free(s->rows);
	free(s->by_id);
	free(s);
}

/* A new store with an empty snapshot. */
struct store *
store_new(void)
{
	struct store *st;

	st = xcalloc(1, sizeof *st);
	pthread_mutex_init(&st->publish, NULL);
	pthread_mutex_init(&st->lock, NULL);
	st->current = store_snapshot_new(0);
	store_index(st->current);
	return st;
}

/* Free a store; snapshots still held by readers stay valid. */
void
store_free(struct store *st)
{
	struct store_event ev;

	if (st == NULL)
		return;
	snapshot_release(st->current);
	while (store_pop_event(st, &ev))
		store_event_done(&ev);
	pthread_mutex_destroy(&st->lock);
	pthread_mutex_destroy(&st->publish);
	free(st);
}

/* The current snapshot, with a reference for the caller. */
struct snapshot *
store_acquire(struct store *st)
{
	struct snapshot *s;

	pthread_mutex_lock(&st->lock);
	s = st->current;
	__atomic_fetch_add(&s->refs, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&st->lock);
	return s;
}

/* Swap in a new snapshot and drop the store's reference to the old one. */
static void
store_swap(struct store *st, struct snapshot *s)
{
	struct snapshot *old;

	store_index(s);
	pthread_mutex_lock(&st->lock);
	s->generation = ++st->generation;
	old = st->current;
	st->current = s;
	pthread_mutex_unlock(&st->lock);
	snapshot_release(old);
}

/* Order two indices of the presence list arg by id (NULL ids first). */
static int
store_cmp_pl(const void *a, const void *b, void *arg)
{
	const struct presence_list *pl = arg;
	const struct presence *pa = &pl->v[*(const size_t *)a];
	const struct presence *pb = &pl->v[*(const size_t *)b];

	if (pa->id == NULL || pb->id == NULL)
		return (pa->id != NULL) - (pb->id != NULL);
	return strcmp(pa->id, pb->id);
}

/* Find the presence for id in pl through its sorted index. */
static const struct presence *
store_pl_find(const struct presence_list *pl, const size_t *idx, const char *id)
{
	size_t lo = 0, hi = pl->n, mid;
	const struct presence *p;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		p = &pl->v[idx[mid]];
		c = p->id == NULL ? 1 : strcmp(id, p->id);
		if (c == 0)
			return p;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Sort the indices of a presence list by id. */
static size_t *
store_pl_index(const struct presence_list *pl)
{
	size_t *idx, i;

	idx = xreallocarray(NULL, pl->n == 0 ? 1 : pl->n, sizeof *idx);
	for (i = 0; i < pl->n; i++)
		idx[i] = i;
	qsort_r(idx, pl->n, sizeof *idx, store_cmp_pl, (void *)pl);
	return idx;
}

/* Publish a snapshot of the roster with the presences fetched. */
size_t
store_publish(struct store *st, const struct user_list *roster,
    const struct presence_list *pl, time_t now)
{
	struct snapshot *prev, *s;
	struct store_row *old;
	const struct user *u;
	const struct presence *p;
	size_t i, j = 0, changed = 0, *idx = NULL;
	int c;

	pthread_mutex_lock(&st->publish);
	prev = store_acquire(st);
	if (pl != NULL)
		idx = store_pl_index(pl);
	s = store_snapshot_new(roster->n);
	for (i = 0; i < roster->n; i++) {
		u = &roster->v[i];
		if (i < prev->n && store_streq(prev->rows[i]->id, u->id))
			old = prev->rows[i];
		else
			old = (struct store_row *)snapshot_find(prev, u->id);

		p = NULL;
		if (pl != NULL && u->id != NULL) {
			if (j < pl->n && store_streq(pl->v[j].id, u->id))
				p = &pl->v[j++];
			else
				p = store_pl_find(pl, idx, u->id);
		}
		if (u->id == NULL) {
			/* Never expected from the roster; keep it visible. */
			s->rows[i] = store_row_next(NULL, u, NULL, now, &c);
			free(s->rows[i]->id);
			s->rows[i]->id = xstrdup("");
		} else
			s->rows[i] = store_row_next(old, u, p, now, &c);
		changed += c;
	}
	if (pl != NULL)
		s->fetched = now;
	else
		s->fetched = prev->fetched;
	free(idx);
	snapshot_release(prev);
	store_swap(st, s);
	pthread_mutex_unlock(&st->publish);
	return changed;
}

/* Replace the rows of the given presences, keeping everyone else's. */
size_t
store_update(struct store *st, const struct presence_list *pl, time_t now)
{
	struct snapshot *prev, *s;
	struct store_row *old;
	size_t i, k, changed = 0;
	int c;

	pthread_mutex_lock(&st->publish);
	prev = store_acquire(st);
	s = store_snapshot_new(prev->n);
	for (i = 0; i < prev->n; i++)
		s->rows[i] = store_row_ref(prev->rows[i]);
	s->fetched = prev->fetched;
	for (k = 0; k < pl->n; k++) {
		if (pl->v[k].id == NULL)
			continue;
		if ((i = store_find_index(prev, pl->v[k].id)) == (size_t)-1)
			continue;
		old = s->rows[i];
		s->rows[i] = store_row_next(old, NULL, &pl->v[k], now, &c);
		store_row_release(old);
		changed += c;
	}
	snapshot_release(prev);
	store_swap(st, s);
	pthread_mutex_unlock(&st->publish);
	return changed;
}

/* Set some people's time in state. */
size_t
store_set_since(struct store *st, const char *const *ids, const time_t *since,
    size_t n)
{
	struct snapshot *prev, *s;
	struct store_row *old, *r;
	size_t i, k, changed = 0;

	pthread_mutex_lock(&st->publish);
	prev = store_acquire(st);
	s = store_snapshot_new(prev->n);
	for (i = 0; i < prev->n; i++)
		s->rows[i] = store_row_ref(prev->rows[i]);
	s->fetched = prev->fetched;
	for (k = 0; k < n; k++) {
		if ((i = store_find_index(prev, ids[k])) == (size_t)-1)
			continue;
		old = s->rows[i];
		if (old->since == since[k] && old->since_seen)
			continue;
		r = store_row_new(old, NULL, NULL);
		store_row_set_history(r, since[k], 1, old->history,
		    old->nhistory);
		store_row_display(r);
		s->rows[i] = r;
		store_row_release(old);
		changed++;
	}
	snapshot_release(prev);
	store_swap(st, s);
	pthread_mutex_unlock(&st->publish);
	return changed;
}

/* Publish people as another source knows them. */
size_t
store_import(struct store *st, const struct store_import *v, size_t n,
    time_t fetched)
{
	struct snapshot *prev, *s;
	struct store_row *old, *r;
	size_t i, changed = 0;

	pthread_mutex_lock(&st->publish);
	prev = store_acquire(st);
	s = store_snapshot_new(n);
	for (i = 0; i < n; i++) {
		old = (struct store_row *)snapshot_find(prev, v[i].user->id);
		if (old != NULL && store_import_equal(old, &v[i])) {
			s->rows[i] = store_row_ref(old);
			continue;
		}
		r = store_row_new(NULL, v[i].user, v[i].presence);
		if (r->id == NULL)
			r->id = xstrdup("");
		store_row_set_history(r, v[i].since, v[i].since_seen,
		    v[i].history, v[i].nhistory);
		store_row_display(r);
		s->rows[i] = r;
		changed++;
	}
	s->fetched = fetched;
	snapshot_release(prev);
	store_swap(st, s);
	pthread_mutex_unlock(&st->publish);
	return changed;
}

/* Copy the status out. */
void
store_get_status(struct store *st, struct store_status *out)
{
	pthread_mutex_lock(&st->lock);
	*out = st->status;
	pthread_mutex_unlock(&st->lock);
}

/* Change the status under the lock. */
void
store_set_status(struct store *st, void (*fn)(struct store_status *, void *),
    void *arg)
{
	pthread_mutex_lock(&st->lock);
	fn(&st->status, arg);
	pthread_mutex_unlock(&st->lock);
}

/* Free what an event holds. */
void
store_event_done(struct store_event *ev)
{
	free(ev->id);
	free(ev->text);
	presence_done(&ev->presence);
	memset(ev, 0, sizeof *ev);
}

/* Queue a copy of an event; never drops one. */
void
store_push_event(struct store *st, const struct store_event *ev)
{
	struct store_event *e;

	e = xcalloc(1, sizeof *e);
	e->kind = ev->kind;
	e->action = ev->action;
	e->tag = ev->tag;
	e->ok = ev->ok;
	e->id = xstrdup_null(ev->id);
	e->text = store_clean(ev->text);
	if (ev->have_presence) {
		e->have_presence = 1;
		presence_copy(&e->presence, &ev->presence);
	}
	e->at = ev->at != 0 ? ev->at : time(NULL);

	pthread_mutex_lock(&st->lock);
	if (st->tail != NULL)
		st->tail->next = e;
	else
		st->head = e;
	st->tail = e;
	st->nevents++;
	pthread_mutex_unlock(&st->lock);
}

/* Queue a notice. */
void
store_notice(struct store *st, const char *fmt, ...)
{
	struct store_event ev;
	va_list ap;

	memset(&ev, 0, sizeof ev);
	ev.kind = STORE_EVENT_NOTICE;
	va_start(ap, fmt);
	xvasprintf(&ev.text, fmt, ap);
	va_end(ap);
	store_push_event(st, &ev);
	free(ev.text);
}

/* Take the oldest event. */
int
store_pop_event(struct store *st, struct store_event *ev)
{
	struct store_event *e;

	pthread_mutex_lock(&st->lock);
	if ((e = st->head) != NULL) {
		st->head = e->next;
		if (st->head == NULL)
			st->tail = NULL;
		st->nevents--;
	}
	pthread_mutex_unlock(&st->lock);
	if (e == NULL) {
		memset(ev, 0, sizeof *ev);
		return 0;
	}
	*ev = *e;
	ev->next = NULL;
	free(e);
	return 1;
}

/* The number of events waiting. */
size_t
store_events(struct store *st)
{
	size_t n;

	pthread_mutex_lock(&st->lock);
	n = st->nevents;
	pthread_mutex_unlock(&st->lock);
	return n;
}
