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

#include "intern.h"
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
	struct store_row *me;       /* Protected by lock; set under publish. */

	struct store_event *head; /* Oldest event. Protected by lock. */
	struct store_event *tail; /* Protected by lock. */
	size_t nevents;           /* Protected by lock. */
};

/* The text of an empty sanitised field, shared (never written). */
static char store_empty[] = "";

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

/*
 * Strings packed into one allocation in two passes: the first (buf NULL)
 * counts the bytes, the second copies them at buf.
 */
struct store_pack {
	char *buf;
	size_t len;
};

/* Pack a copy of s (NULL stays NULL) and point *dst at it. */
static void
store_pack(struct store_pack *k, char **dst, const char *s)
{
	size_t n;

	if (s == NULL) {
		if (k->buf != NULL)
			*dst = NULL;
		return;
	}
	n = strlen(s) + 1;
	if (k->buf != NULL) {
		memcpy(k->buf + k->len, s, n);
		*dst = k->buf + k->len;
	}
	k->len += n;
}

/*
 * A value of a small vocabulary: the interned copy when there is one, else
 * a packed one. *v is interned before the first pass, so both agree.
 */
struct store_word {
	const char *s;      /* The value, or NULL. */
	const char *shared; /* Its interned copy, or NULL: pack s. */
};

/* Look a value up in the interned vocabularies. */
static void
store_word(struct store_word *w, const char *s)
{
	w->s = s;
	w->shared = intern(s);
}

/* Point *dst at a vocabulary value, packing it when not interned. */
static void
store_pack_word(struct store_pack *k, char **dst, const struct store_word *w)
{
	if (w->shared != NULL) {
		if (k->buf != NULL)
			*dst = (char *)w->shared;
		return;
	}
	store_pack(k, dst, w->s);
}

/*
 * People's directory strings are carved from slabs, apart from the rows:
 * they live as long as the roster while rows come and go with every
 * change, and kept apart, the space of the rows freed after a refresh is
 * in one piece for the next rows instead of in holes between people.
 * A slab is freed when the last person in it is, and no longer filled.
 */
#define STORE_SLAB (256 * 1024)

struct store_slab {
	size_t live; /* Atomic: people in it, plus one while it is filled. */
	size_t used;
	max_align_t data[];
};

static pthread_mutex_t store_slab_lock = PTHREAD_MUTEX_INITIALIZER;
static struct store_slab *store_slab_current; /* Under store_slab_lock. */

/* Drop one of a slab's counts, freeing it with the last. */
static void
store_slab_drop(struct store_slab *sl)
{
	if (__atomic_sub_fetch(&sl->live, 1, __ATOMIC_ACQ_REL) == 0)
		free(sl);
}

/* The slab's address before each person, rounded up for alignment. */
#define STORE_SLAB_ALIGN(n)                                                    \
	(((n) + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1))
#define STORE_SLAB_HDR STORE_SLAB_ALIGN(sizeof(struct store_slab *))

/*
 * Room for a person of len bytes (after its slab's address, for
 * store_slab_free); a large one gets a slab of its own.
 */
static void *
store_slab_alloc(size_t len)
{
	struct store_slab *sl;
	size_t need, room = STORE_SLAB - sizeof *sl;
	char *p;

	need = STORE_SLAB_ALIGN(STORE_SLAB_HDR + len);
	pthread_mutex_lock(&store_slab_lock);
	sl = store_slab_current;
	if (sl == NULL || sl->used + need > room) {
		if (sl != NULL)
			store_slab_drop(sl); /* No longer filled. */
		sl = xmalloc(need > room ? sizeof *sl + need : STORE_SLAB);
		sl->live = 1;
		sl->used = 0;
		store_slab_current = sl;
	}
	p = (char *)sl->data + sl->used;
	sl->used += need;
	__atomic_fetch_add(&sl->live, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&store_slab_lock);
	*(struct store_slab **)(void *)p = sl;
	return p + STORE_SLAB_HDR;
}

/* Give back what store_slab_alloc gave. */
static void
store_slab_free(void *p)
{
	store_slab_drop(
	    *(struct store_slab **)(void *)((char *)p - STORE_SLAB_HDR));
}

/*
 * What does not change while a person's directory entry does not: their
 * strings, sanitised and folded, in one allocation shared by every row of
 * theirs.
 */
struct store_person {
	int refs; /* Atomic. */
	char *id;
	char *name;
	char *upn;
	char *mail;
	char *department; /* Usually interned. */
	char *job_title;  /* Usually interned. */
	char *d_name;     /* The same pointer as name when already clean. */
	char *d_upn;
	char *d_mail;
	char *d_department;
	char *d_job_title;
	char *collate;
	char *search;       /* As store_row's. */
	char *search_words; /* As store_row's. */
};

/*
 * Pack s, or point *dst at *same (packed earlier in this pass from the
 * text orig) when s is that same text: a clean string shares the raw one.
 */
static void
store_pack_alias(struct store_pack *k, char **dst, const char *s,
    const char *orig, char *const *same)
{
	if (s != NULL && orig != NULL && strcmp(s, orig) == 0) {
		if (k->buf != NULL)
			*dst = *same;
		return;
	}
	store_pack(k, dst, s);
}

/*
 * The lines of text[0..n-1], NULL ones left out, each ending with a
 * newline, in a new string.
 */
static char *
store_lines(const char *const *text, size_t n)
{
	char *out, *p;
	size_t i, len = 1, k;

	for (i = 0; i < n; i++) {
		if (text[i] != NULL)
			len += strlen(text[i]) + 1;
	}
	out = p = xmalloc(len);
	for (i = 0; i < n; i++) {
		if (text[i] == NULL)
			continue;
		k = strlen(text[i]);
		memcpy(p, text[i], k);
		p += k;
		*p++ = '\n';
	}
	*p = '\0';
	return out;
}

static char *store_collate(const char *);

/* A new person from a directory entry (id "" when it has none). */
static struct store_person *
store_person_new(const struct user *u)
{
	struct store_person *pe, *out = NULL, tmp;
	struct store_word dept, title, d_dept, d_title, words;
	struct store_pack k;
	const char *lines[3];
	char *d_name, *d_upn, *d_mail, *d_d, *d_t, *collate, *search, *w, *f[5];
	size_t len = 0, i;
	int pass;

	d_name = store_clean(u->display_name != NULL ? u->display_name : u->id);
	d_upn = store_clean(u->upn);
	d_mail = store_clean(u->mail);
	d_d = store_clean(u->department);
	d_t = store_clean(u->job_title);
	store_word(&dept, u->department);
	store_word(&title, u->job_title);
	store_word(&d_dept, d_d);
	store_word(&d_title, d_t);
	collate = store_collate(d_name);

	/*
	 * What a search looks in, folded (text_fold). The mail is left out
	 * where it is none or the UPN.
	 */
	f[0] = text_fold(d_name);
	f[1] = text_fold(d_upn);
	f[2] = text_fold(d_mail);
	f[3] = text_fold(d_d);
	f[4] = text_fold(d_t);
	lines[0] = f[0];
	lines[1] = f[1];
	lines[2] = *f[2] == '\0' || strcmp(f[1], f[2]) == 0 ? NULL : f[2];
	search = store_lines(lines, 3);
	lines[0] = f[3];
	lines[1] = f[4];
	w = store_lines(lines, 2);
	store_word(&words, w);
	for (i = 0; i < 5; i++)
		free(f[i]);

	memset(&tmp, 0, sizeof tmp);
	pe = NULL;
	for (pass = 0; pass < 2; pass++) {
		memset(&k, 0, sizeof k);
		if (pass == 1) {
			pe = out = store_slab_alloc(sizeof *pe + len);
			memset(pe, 0, sizeof *pe);
			k.buf = (char *)(pe + 1);
		} else
			pe = &tmp;
		len = 0;
		store_pack(&k, &pe->id, u->id != NULL ? u->id : "");
		store_pack(&k, &pe->name, u->display_name);
		store_pack(&k, &pe->upn, u->upn);
		store_pack(&k, &pe->mail, u->mail);
		store_pack_word(&k, &pe->department, &dept);
		store_pack_word(&k, &pe->job_title, &title);
		if (u->display_name != NULL)
			store_pack_alias(&k, &pe->d_name, d_name,
			    u->display_name, &pe->name);
		else
			store_pack_alias(&k, &pe->d_name, d_name,
			    u->id != NULL ? u->id : "", &pe->id);
		store_pack_alias(&k, &pe->d_upn, d_upn, u->upn, &pe->upn);
		store_pack_alias(&k, &pe->d_mail, d_mail, u->mail, &pe->mail);
		store_pack_word(&k, &pe->d_department, &d_dept);
		store_pack_word(&k, &pe->d_job_title, &d_title);
		store_pack(&k, &pe->collate, collate);
		store_pack(&k, &pe->search, search);
		store_pack_word(&k, &pe->search_words, &words);
		len = k.len;
	}
	out->refs = 1;
	free(d_name);
	free(d_upn);
	free(d_mail);
	free(d_d);
	free(d_t);
	free(collate);
	free(search);
	free(w);
	return out;
}

/* Drop a reference to a person, freeing it with the last. */
static void
store_person_release(struct store_person *pe)
{
	if (pe != NULL &&
	    __atomic_sub_fetch(&pe->refs, 1, __ATOMIC_ACQ_REL) == 0)
		store_slab_free(pe);
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
	if (r == NULL)
		return;
	if (__atomic_sub_fetch(&r->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	store_person_release(r->person);
	free(r);
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

/*
 * A new row for a person: their shared strings pe (a reference is taken),
 * the presence p (or NULL for none) and the time in state and transitions
 * as given (the last STORE_HISTORY kept). Everything the row holds of its
 * own is in the one allocation of the row; the small vocabularies are
 * interned.
 */
static struct store_row *
store_row_build(struct store_person *pe, const struct presence *p, time_t since,
    int since_seen, const struct store_transition *history, size_t nhistory)
{
	struct store_row *r, *out = NULL, tmp;
	struct store_transition *h;
	struct store_word av, act, ctype, zone, wtype, wsource, d_av, d_act,
	    d_loc, hav[STORE_HISTORY], hact[STORE_HISTORY];
	struct store_pack k;
	struct presence *q;
	char *d_av_s = NULL, *d_act_s = NULL, *d_loc_s = NULL, *d_status = NULL;
	char *folded = NULL;
	size_t i, len = 0, hsize;
	int pass;

	if (nhistory > STORE_HISTORY) {
		history += nhistory - STORE_HISTORY;
		nhistory = STORE_HISTORY;
	}
	for (i = 0; i < nhistory; i++) {
		store_word(&hav[i], history[i].availability);
		store_word(&hact[i], history[i].activity);
	}
	memset(&av, 0, sizeof av);
	act = ctype = zone = wtype = wsource = d_av = d_act = d_loc = av;
	if (p != NULL) {
		store_word(&av, p->availability);
		store_word(&act, p->activity);
		store_word(&ctype, p->status_content_type);
		store_word(&zone, p->status_expiry_zone);
		store_word(&wtype, p->work_location_type);
		store_word(&wsource, p->work_location_source);
		d_av_s = store_clean(p->availability);
		d_act_s = store_clean(p->activity);
		d_loc_s = store_clean(p->work_location_type);
		store_word(&d_av, d_av_s);
		store_word(&d_act, d_act_s);
		store_word(&d_loc, d_loc_s);
		d_status = store_clean(p->status_message);
	} else {
		d_loc_s = store_clean(NULL);
		store_word(&d_av, d_loc_s);
		d_act = d_loc = d_av;
	}
	if (d_status != NULL && *d_status != '\0')
		folded = text_fold(d_status);
	hsize = nhistory * sizeof *h;

	memset(&tmp, 0, sizeof tmp);
	r = &tmp;
	h = NULL;
	for (pass = 0; pass < 2; pass++) {
		memset(&k, 0, sizeof k);
		if (pass == 1) {
			r = out = xmalloc(sizeof *r + hsize + len);
			memset(r, 0, sizeof *r);
			h = (struct store_transition *)(r + 1);
			k.buf = (char *)h + hsize;
		}
		q = &r->presence;
		if (p != NULL) {
			if (p->id != NULL && strcmp(p->id, pe->id) == 0) {
				if (k.buf != NULL)
					q->id = pe->id;
			} else
				store_pack(&k, &q->id, p->id);
			store_pack_word(&k, &q->availability, &av);
			store_pack_word(&k, &q->activity, &act);
			store_pack(&k, &q->sequence, p->sequence);
			store_pack(&k, &q->status_message, p->status_message);
			store_pack_word(&k, &q->status_content_type, &ctype);
			store_pack(&k, &q->status_expiry, p->status_expiry);
			store_pack_word(&k, &q->status_expiry_zone, &zone);
			store_pack(&k, &q->status_published,
			    p->status_published);
			store_pack(&k, &q->ooo_message, p->ooo_message);
			store_pack_word(&k, &q->work_location_type, &wtype);
			store_pack_word(&k, &q->work_location_source, &wsource);
			store_pack(&k, &q->work_location_place,
			    p->work_location_place);
		}
		store_pack_word(&k, &r->d_availability, &d_av);
		store_pack_word(&k, &r->d_activity, &d_act);
		store_pack_word(&k, &r->d_location, &d_loc);
		if (d_status != NULL && p->status_message != NULL &&
		    strcmp(d_status, p->status_message) == 0) {
			if (k.buf != NULL)
				r->d_status = q->status_message;
		} else if (d_status != NULL && *d_status != '\0')
			store_pack(&k, &r->d_status, d_status);
		else if (k.buf != NULL)
			r->d_status = store_empty;
		store_pack(&k, &r->search_status, folded);
		for (i = 0; i < nhistory; i++) {
			struct store_transition *t = h != NULL ? &h[i] : NULL;
			char *dummy;

			if (t != NULL)
				t->at = history[i].at;
			store_pack_word(&k,
			    t != NULL ? &t->availability : &dummy, &hav[i]);
			store_pack_word(&k, t != NULL ? &t->activity : &dummy,
			    &hact[i]);
		}
		len = k.len;
	}
	out->refs = 1;
	__atomic_fetch_add(&pe->refs, 1, __ATOMIC_RELAXED);
	out->person = pe;
	out->id = pe->id;
	out->name = pe->name;
	out->upn = pe->upn;
	out->mail = pe->mail;
	out->department = pe->department;
	out->job_title = pe->job_title;
	out->d_name = pe->d_name;
	out->d_upn = pe->d_upn;
	out->d_mail = pe->d_mail;
	out->d_department = pe->d_department;
	out->d_job_title = pe->d_job_title;
	out->collate = pe->collate;
	out->search = pe->search;
	out->search_words = pe->search_words;
	out->have_presence = p != NULL;
	out->avail =
	    p != NULL ? (int)presence_avail(p->availability) : AVAIL_UNKNOWN;
	out->since = since;
	out->since_seen = since_seen;
	out->history = h;
	out->nhistory = nhistory;
	free(d_av_s);
	free(d_act_s);
	free(d_loc_s);
	free(d_status);
	free(folded);
	return out;
}

/* The transitions of old, and one more at the end (the oldest dropped). */
static size_t
store_history_push(struct store_transition *out, const struct store_row *old,
    time_t at, const char *availability, const char *activity)
{
	size_t n = 0, skip = 0;

	if (old != NULL) {
		n = old->nhistory;
		if (n == STORE_HISTORY)
			skip = 1;
		memcpy(out, old->history + skip, (n - skip) * sizeof *out);
		n -= skip;
	}
	out[n].at = at;
	out[n].availability = (char *)availability;
	out[n].activity = (char *)activity;
	return n + 1;
}

/*
 * The row for a person given the old row (or NULL), the user (or NULL to
 * keep the old one's) and a presence (or NULL). Returns the old row with a
 * new reference when nothing changed. What teamtop learns by watching,
 * the time in state and the transitions, is worked out from the old row.
 */
static struct store_row *
store_row_next(struct store_row *old, const struct user *u,
    const struct presence *p, time_t now, int *changed)
{
	struct store_transition h[STORE_HISTORY];
	const struct store_transition *hist = NULL;
	struct store_person *pe;
	struct store_row *r;
	size_t nh = 0;
	time_t since = 0;
	int since_seen = 0, same_avail;

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
	if (old != NULL && (u == NULL || store_user_equal(old, u))) {
		pe = old->person;
		__atomic_fetch_add(&pe->refs, 1, __ATOMIC_RELAXED);
	} else
		pe = store_person_new(u);
	if (p == NULL && old != NULL && old->have_presence)
		p = &old->presence;
	if (old != NULL) {
		since = old->since;
		since_seen = old->since_seen;
		hist = old->history;
		nh = old->nhistory;
	}
	if (p != NULL && (old == NULL || !old->have_presence)) {
		since = now;
		since_seen = 0;
		nh = store_history_push(h, old, now, p->availability,
		    p->activity);
		hist = h;
	} else if (p != NULL) {
		same_avail = old->presence.availability != NULL &&
		    p->availability != NULL &&
		    strcasecmp(old->presence.availability, p->availability) ==
		        0;
		if (!same_avail) {
			since = now;
			since_seen = 1;
		}
		if (!same_avail ||
		    !store_streq(old->presence.activity, p->activity)) {
			nh = store_history_push(h, old, now, p->availability,
			    p->activity);
			hist = h;
		}
	}
	r = store_row_build(pe, p, since, since_seen, hist, nh);
	store_person_release(pe);
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

/*
 * The id index of a snapshot, shared by the snapshots that have the same
 * people in the same order (most refreshes): sorting 100,000 ids once per
 * roster, not once per refresh.
 */
struct store_ids {
	int refs;   /* Atomic. */
	int unique; /* No two rows have the same id. */
	size_t v[];
};

/* The shared index that by_id belongs to. */
static struct store_ids *
store_ids_of(size_t *by_id)
{
	return (struct store_ids *)(void *)((char *)by_id -
	    offsetof(struct store_ids, v));
}

/*
 * Give a snapshot its id index: like's when given (same people, same
 * order), else one built. Called with store->lock NOT held.
 */
static void
store_index(struct snapshot *s, const struct snapshot *like)
{
	struct store_ids *ids;
	size_t i;

	if (like != NULL && like->by_id != NULL && like->n == s->n) {
		ids = store_ids_of(like->by_id);
		__atomic_fetch_add(&ids->refs, 1, __ATOMIC_RELAXED);
		s->by_id = ids->v;
		return;
	}
	ids = xmalloc(sizeof *ids + (s->n + 1) * sizeof ids->v[0]);
	ids->refs = 1;
	s->by_id = ids->v;
	for (i = 0; i < s->n; i++)
		s->by_id[i] = i;
	qsort_r(s->by_id, s->n, sizeof *s->by_id, store_cmp_id, s);
	ids->unique = 1;
	for (i = 1; i < s->n && ids->unique; i++) {
		if (store_cmp_id(&s->by_id[i - 1], &s->by_id[i], s) == 0)
			ids->unique = 0;
	}
}

/* Drop a snapshot's reference to its id index. */
static void
store_index_release(size_t *by_id)
{
	struct store_ids *ids;

	if (by_id == NULL)
		return;
	ids = store_ids_of(by_id);
	if (__atomic_sub_fetch(&ids->refs, 1, __ATOMIC_ACQ_REL) == 0)
		free(ids);
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
	store_row_release(s->me);
	free(s->rows);
	store_index_release(s->by_id);
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
	store_index(st->current, NULL);
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
	store_row_release(st->me);
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

/*
 * Swap in a new snapshot and drop the store's reference to the old one;
 * like, when not NULL, has the same people in the same order.
 */
static void
store_swap(struct store *st, struct snapshot *s, const struct snapshot *like)
{
	struct snapshot *old;

	store_index(s, like);
	pthread_mutex_lock(&st->lock);
	s->generation = ++st->generation;
	/* The signed-in user's row goes from snapshot to snapshot. */
	if (s->me == NULL && st->me != NULL)
		s->me = store_row_ref(st->me);
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
	int c, same;

	pthread_mutex_lock(&st->publish);
	prev = store_acquire(st);
	if (pl != NULL)
		idx = store_pl_index(pl);
	s = store_snapshot_new(roster->n);
	same = roster->n == prev->n;
	for (i = 0; i < roster->n; i++) {
		u = &roster->v[i];
		if (i < prev->n && u->id != NULL &&
		    store_streq(prev->rows[i]->id, u->id))
			old = prev->rows[i];
		else {
			old = (struct store_row *)snapshot_find(prev, u->id);
			same = 0;
		}

		p = NULL;
		if (pl != NULL && u->id != NULL) {
			if (j < pl->n && store_streq(pl->v[j].id, u->id))
				p = &pl->v[j++];
			else
				p = store_pl_find(pl, idx, u->id);
		}
		/* A user without id (never expected) gets id "". */
		s->rows[i] =
		    store_row_next(u->id == NULL ? NULL : old, u, p, now, &c);
		changed += c;
	}
	if (pl != NULL)
		s->fetched = now;
	else
		s->fetched = prev->fetched;
	free(idx);
	store_swap(st, s, same ? prev : NULL);
	snapshot_release(prev);
	pthread_mutex_unlock(&st->publish);
	return changed;
}

/* Publish the signed-in user's own presence. */
size_t
store_publish_me(struct store *st, const struct user *u,
    const struct presence *p, time_t now)
{
	struct snapshot *prev, *s;
	struct store_row *old, *r;
	size_t i;
	int c;

	pthread_mutex_lock(&st->publish);
	old = st->me;
	r = store_row_next(old, u, p, now, &c);
	if (!c) {
		store_row_release(r);
		pthread_mutex_unlock(&st->publish);
		return 0;
	}
	pthread_mutex_lock(&st->lock);
	st->me = r;
	pthread_mutex_unlock(&st->lock);
	store_row_release(old);
	prev = store_acquire(st);
	s = store_snapshot_new(prev->n);
	for (i = 0; i < prev->n; i++)
		s->rows[i] = store_row_ref(prev->rows[i]);
	s->fetched = prev->fetched;
	store_swap(st, s, prev);
	snapshot_release(prev);
	pthread_mutex_unlock(&st->publish);
	return 1;
}

/* A roster being published a page at a time: see store_roster_new. */
struct store_roster {
	struct store *store;
	struct snapshot *prev;
	struct store_row **rows;
	size_t n, cap;
	time_t now;
	int same; /* So far the people of prev, in its order. */
};

/* Start publishing a roster a part at a time. */
struct store_roster *
store_roster_new(struct store *st, time_t now)
{
	struct store_roster *sr;

	sr = xcalloc(1, sizeof *sr);
	sr->store = st;
	sr->prev = store_acquire(st);
	sr->now = now;
	sr->same = 1;
	return sr;
}

/* Add people to a roster being published (their rows made now). */
void
store_roster_add(struct store_roster *sr, const struct user_list *users)
{
	struct snapshot *prev = sr->prev;
	const struct user *u;
	struct store_row *old;
	size_t i;
	int c;

	for (i = 0; i < users->n; i++) {
		u = &users->v[i];
		if (sr->n < prev->n && u->id != NULL &&
		    store_streq(prev->rows[sr->n]->id, u->id))
			old = prev->rows[sr->n];
		else {
			old = u->id == NULL
			    ? NULL
			    : (struct store_row *)snapshot_find(prev, u->id);
			sr->same = 0;
		}
		sr->rows =
		    xgrowarray(sr->rows, sr->n, &sr->cap, sizeof *sr->rows);
		sr->rows[sr->n++] = store_row_next(old, u, NULL, sr->now, &c);
	}
}

/* Publish the roster and free sr; the number of people. */
size_t
store_roster_publish(struct store_roster *sr)
{
	struct store *st = sr->store;
	struct snapshot *s;
	size_t n = sr->n;

	pthread_mutex_lock(&st->publish);
	s = store_snapshot_new(0);
	free(s->rows);
	s->rows = sr->n != 0 ? xreallocarray(sr->rows, sr->n, sizeof *s->rows)
	                     : sr->rows;
	if (s->rows == NULL)
		s->rows = xcalloc(1, sizeof *s->rows);
	s->n = sr->n;
	s->fetched = sr->prev->fetched;
	store_swap(st, s, sr->same && sr->n == sr->prev->n ? sr->prev : NULL);
	pthread_mutex_unlock(&st->publish);
	snapshot_release(sr->prev);
	free(sr);
	return n;
}

/* Forget a roster being published. */
void
store_roster_free(struct store_roster *sr)
{
	size_t i;

	if (sr == NULL)
		return;
	for (i = 0; i < sr->n; i++)
		store_row_release(sr->rows[i]);
	free(sr->rows);
	snapshot_release(sr->prev);
	free(sr);
}

/* A refresh being built: see store_batch_new. */
struct store_batch {
	struct store *store;
	struct snapshot *base;   /* The snapshot it started from. */
	struct store_row **rows; /* base->n rows, referenced. */
	size_t changed;
	size_t pending; /* Changed since the last publish. */
	size_t next;    /* Where the next id asked is likely to be. */
};

/* Start a refresh from the current snapshot. */
struct store_batch *
store_batch_new(struct store *st)
{
	struct store_batch *b;
	size_t i;

	b = xcalloc(1, sizeof *b);
	b->store = st;
	b->base = store_acquire(st);
	b->rows = xcalloc(b->base->n + 1, sizeof *b->rows);
	for (i = 0; i < b->base->n; i++)
		b->rows[i] = store_row_ref(b->base->rows[i]);
	return b;
}

/* Is this presence what the base already has (same sequenceNumber)? */
int
store_batch_known(void *arg, const char *id, const char *sequence)
{
	struct store_batch *b = arg;
	const struct store_row *r;
	size_t i;

	/*
	 * Graph answers in the order asked, which is the roster's: try the
	 * row after the last one found before searching the index. Only
	 * where ids are unique, so that both find the same row.
	 */
	i = b->next;
	if (i >= b->base->n || b->base->by_id == NULL ||
	    !store_ids_of(b->base->by_id)->unique ||
	    strcmp(b->base->rows[i]->id, id) != 0)
		i = store_find_index(b->base, id);
	if (i == (size_t)-1)
		return 0;
	b->next = i + 1;
	r = b->rows[i];
	return r->have_presence && r->presence.sequence != NULL &&
	    strcmp(r->presence.sequence, sequence) == 0;
}

/* Apply some presences to the refresh being built. */
size_t
store_batch_add(struct store_batch *b, const struct presence_list *pl,
    time_t now)
{
	struct store_row *old;
	size_t i, k, changed = 0;
	int c;

	for (k = 0; k < pl->n; k++) {
		if (pl->v[k].id == NULL)
			continue;
		if ((i = store_find_index(b->base, pl->v[k].id)) == (size_t)-1)
			continue;
		old = b->rows[i];
		b->rows[i] = store_row_next(old, NULL, &pl->v[k], now, &c);
		store_row_release(old);
		changed += c;
	}
	b->changed += changed;
	b->pending += changed;
	return changed;
}

/* Forget a refresh. */
void
store_batch_free(struct store_batch *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->base->n; i++)
		store_row_release(b->rows[i]);
	free(b->rows);
	snapshot_release(b->base);
	free(b);
}

/*
 * Publish the rows of a refresh built so far; it goes on from there. When
 * something else published since it began (a write's re-read), the rows
 * it changed are kept and given the refresh's presence as a newer one
 * would be (stale sequences ignored). fetched is when the snapshot's
 * presences were read. -1 when the roster changed under the refresh.
 */
static int
store_batch_swap(struct store_batch *b, time_t now, time_t fetched)
{
	struct store *st = b->store;
	struct snapshot *cur, *s;
	struct store_row *r, *base;
	size_t i, n = b->base->n;
	int c, same = 1;

	pthread_mutex_lock(&st->publish);
	cur = store_acquire(st);
	if (cur != b->base && cur->n != n) {
		snapshot_release(cur);
		pthread_mutex_unlock(&st->publish);
		return -1;
	}
	s = store_snapshot_new(n);
	for (i = 0; i < n; i++) {
		r = b->rows[i];
		base = b->base->rows[i];
		if (cur->rows[i] == base) {
			s->rows[i] = store_row_ref(r);
			continue;
		}
		if (strcmp(cur->rows[i]->id, base->id) != 0)
			same = 0;
		if (r != base && r->have_presence &&
		    strcmp(cur->rows[i]->id, r->id) == 0)
			s->rows[i] = store_row_next(cur->rows[i], NULL,
			    &r->presence, now, &c);
		else
			s->rows[i] = store_row_ref(cur->rows[i]);
		b->rows[i] = store_row_ref(s->rows[i]);
		store_row_release(r);
	}
	s->fetched = fetched != 0 ? fetched : cur->fetched;
	store_swap(st, s, same ? cur : NULL);
	snapshot_release(cur);
	snapshot_release(b->base);
	__atomic_fetch_add(&s->refs, 1, __ATOMIC_RELAXED);
	b->base = s;
	b->pending = 0;
	pthread_mutex_unlock(&st->publish);
	return 0;
}

/* Publish what a refresh changed so far, and go on. */
void
store_batch_flush(struct store_batch *b)
{
	if (b->pending != 0)
		store_batch_swap(b, time(NULL), 0);
}

/* Rows a refresh changed that are not yet published. */
size_t
store_batch_pending(const struct store_batch *b)
{
	return b->pending;
}

/* Publish a refresh and free it. */
size_t
store_batch_publish(struct store_batch *b, time_t now)
{
	size_t changed = b->changed;

	if (store_batch_swap(b, now, now) != 0)
		changed = 0;
	store_batch_free(b);
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
	store_swap(st, s, prev);
	snapshot_release(prev);
	pthread_mutex_unlock(&st->publish);
	return changed;
}

/* Set some people's time in state. */
size_t
store_set_since(struct store *st, const char *const *ids, const time_t *since,
    size_t n)
{
	struct snapshot *prev, *s;
	struct store_row *old;
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
		s->rows[i] = store_row_build(old->person,
		    old->have_presence ? &old->presence : NULL, since[k], 1,
		    old->history, old->nhistory);
		store_row_release(old);
		changed++;
	}
	store_swap(st, s, prev);
	snapshot_release(prev);
	pthread_mutex_unlock(&st->publish);
	return changed;
}

/* Publish people as another source knows them. */
size_t
store_import(struct store *st, const struct store_import *v, size_t n,
    time_t fetched)
{
	struct snapshot *prev, *s;
	struct store_row *old;
	struct store_person *pe;
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
		if (old != NULL && store_user_equal(old, v[i].user)) {
			pe = old->person;
			__atomic_fetch_add(&pe->refs, 1, __ATOMIC_RELAXED);
		} else
			pe = store_person_new(v[i].user);
		s->rows[i] = store_row_build(pe, v[i].presence, v[i].since,
		    v[i].since_seen, v[i].history, v[i].nhistory);
		store_person_release(pe);
		changed++;
	}
	s->fetched = fetched;
	snapshot_release(prev);
	store_swap(st, s, NULL);
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
