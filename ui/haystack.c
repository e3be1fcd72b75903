/*
 * The haystack (haystack.h): every row's search texts end to end, with
 * the rows that changed since it was built read from the row instead.
 */
#include "config.h"

#include "haystack.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct haystack {
	struct snapshot *snap; /* What it is up to date for (a reference). */
	size_t n;
	char *text;           /* Row i's texts start at off[i]; each ends */
	uint32_t *off;        /* with a NUL. */
	const char **words;   /* Row i's search_words. */
	unsigned char *stale; /* 1: row i's texts changed; read the row. */
	size_t nstale;
	size_t nstale_built; /* Those that did not fit when it was built. */
};

/* More rows changed than this and the haystack is built again. */
#define HAYSTACK_STALE(n) ((n) / 16 + 64)

struct haystack *
haystack_new(void)
{
	return xcalloc(1, sizeof(struct haystack));
}

/* Free what is built, keeping the haystack. */
static void
haystack_clear(struct haystack *h)
{
	snapshot_release(h->snap);
	h->snap = NULL;
	free(h->text);
	free(h->off);
	free(h->words);
	free(h->stale);
	h->text = NULL;
	h->off = NULL;
	h->words = NULL;
	h->stale = NULL;
	h->n = h->nstale = h->nstale_built = 0;
}

void
haystack_free(struct haystack *h)
{
	if (h == NULL)
		return;
	haystack_clear(h);
	free(h);
}

/* The bytes of a row's texts in the haystack, its NUL included. */
static size_t
haystack_len(const struct store_row *r)
{
	size_t len = strlen(r->search) + 1;

	if (r->search_status != NULL)
		len += strlen(r->search_status) + 1;
	return len;
}

/*
 * Build it afresh for s. Rows past 4 GiB of text (a hundred thousand
 * status messages of 40 KiB) are read from the row, as changed ones are.
 */
static void
haystack_build(struct haystack *h, const struct snapshot *s)
{
	const struct store_row *r;
	size_t i, len = 0, at = 0, k, need;

	haystack_clear(h);
	for (i = 0; i < s->n; i++) {
		need = haystack_len(s->rows[i]);
		if (len + need <= UINT32_MAX)
			len += need;
	}
	h->n = s->n;
	h->text = xmalloc(len == 0 ? 1 : len);
	h->off = xreallocarray(NULL, s->n + 1, sizeof *h->off);
	h->words = xreallocarray(NULL, s->n == 0 ? 1 : s->n, sizeof *h->words);
	h->stale = xcalloc(s->n == 0 ? 1 : s->n, 1);
	for (i = 0; i < s->n; i++) {
		r = s->rows[i];
		h->off[i] = (uint32_t)at;
		h->words[i] = r->search_words;
		if (at + haystack_len(r) > len) {
			h->stale[i] = 1;
			h->nstale++;
			continue;
		}
		k = strlen(r->search);
		memcpy(h->text + at, r->search, k);
		at += k;
		if (r->search_status != NULL) {
			k = strlen(r->search_status);
			memcpy(h->text + at, r->search_status, k);
			at += k;
			h->text[at++] = '\n';
		}
		h->text[at++] = '\0';
	}
	h->off[s->n] = (uint32_t)at;
	h->nstale_built = h->nstale;
	h->snap = snapshot_ref(s);
}

/* Are the texts of two rows of one person the same? */
static int
haystack_same(const struct store_row *a, const struct store_row *b)
{
	if (a->search != b->search || a->search_words != b->search_words)
		return 0;
	if (a->search_status == NULL || b->search_status == NULL)
		return a->search_status == b->search_status;
	return strcmp(a->search_status, b->search_status) == 0;
}

void
haystack_update(struct haystack *h, const struct snapshot *s)
{
	const struct snapshot *o = h->snap;
	size_t i;

	if (o == s)
		return;
	if (o == NULL || o->n != s->n) {
		haystack_build(h, s);
		return;
	}
	for (i = 0; i < s->n; i++) {
		if (o->rows[i] == s->rows[i] || h->stale[i])
			continue;
		if (strcmp(o->rows[i]->id, s->rows[i]->id) != 0) {
			haystack_build(h, s); /* Another roster. */
			return;
		}
		if (!haystack_same(o->rows[i], s->rows[i])) {
			h->stale[i] = 1;
			h->nstale++;
		}
	}
	if (h->nstale - h->nstale_built > HAYSTACK_STALE(s->n)) {
		haystack_build(h, s);
		return;
	}
	snapshot_release(h->snap);
	h->snap = snapshot_ref(s);
}

void
haystack_search(const struct haystack *h, const char *fold,
    unsigned char *shown, int (*words)(void *arg, const char *text), void *arg)
{
	const struct store_row *r;
	size_t i;

	for (i = 0; i < h->n; i++) {
		if (!shown[i])
			continue;
		if (h->stale[i]) {
			r = h->snap->rows[i];
			if (strstr(r->search, fold) != NULL ||
			    (r->search_status != NULL &&
			        strstr(r->search_status, fold) != NULL) ||
			    words(arg, r->search_words))
				continue;
		} else if (strstr(h->text + h->off[i], fold) != NULL ||
		    words(arg, h->words[i]))
			continue;
		shown[i] = 0;
	}
}
