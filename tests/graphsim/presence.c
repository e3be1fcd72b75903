/*
 * The presence model. Each person has sessions (one per Teams client,
 * kind "teams", and one per app that called setPresence, kind "app", keyed
 * by sessionId), an optional preferred presence, an optional status
 * message, out-of-office settings and a work location in three layers
 * (manual > automatic > scheduled; the first two, set through /me, last
 * until the end of the UTC day on the internal clock). The visible
 * presence is: the preferred presence while at least one session is alive;
 * else the session ranked highest (DoNotDisturb > Busy > BusyIdle >
 * Available > AvailableIdle > Away > BeRightBack > Offline > anything
 * else; the most recently set wins a tie); else Offline/Offline. An app
 * session that is Available/Available fades to Available/AvailableInactive
 * five minutes after its last setPresence and to Away/Away after ten.
 *
 * Everything is evaluated lazily on the internal clock: each person keeps
 * the time until which its rendered JSON stays right; a read past it
 * prunes what expired, re-renders, and takes a new sequenceNumber if the
 * answer changed. All state is protected by presence_mutex.
 */
#include "config.h"

#include "presence.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "jbuf.h"
#include "names.h"
#include "rng.h"
#include "tenant.h"
#include "xmalloc.h"

/* One presence session. */
struct presence_session {
	char *id;
	enum presence_kind kind;
	const char *availability; /* Static string. */
	const char *activity;     /* Static string. */
	int64_t expires;          /* Ms on the internal clock; 0 never. */
	int64_t refreshed;        /* Ms of the last set. */
};

/* A status message. */
struct presence_status {
	char *content;
	char *content_type;
	char *expiry_date_time; /* As given, or NULL. */
	char *expiry_time_zone;
	int64_t expires;   /* Ms; 0 never. */
	int64_t published; /* Ms. */
};

/* The layers of a work location, in order of precedence. */
enum presence_layer {
	PRESENCE_MANUAL,
	PRESENCE_AUTOMATIC,
	PRESENCE_SCHEDULED,
	PRESENCE_LAYER__COUNT /* Must be last. */
};

static const char *const presence_layer_names[PRESENCE_LAYER__COUNT] = {
	"manual", "automatic", "scheduled"
};

/* One layer of a work location. */
struct presence_location {
	const char
	    *type;      /* Static "office", "remote", "timeOff"; NULL unset. */
	char *place;    /* placeId, or NULL. */
	int64_t until;  /* Ms on the internal clock; 0 never. */
	int64_t set_at; /* Ms. */
};

/* A person's presence state. */
struct presence_person {
	struct presence_session *sessions;
	size_t nsessions;
	const char *pref_availability; /* NULL when none. */
	const char *pref_activity;
	int64_t pref_expires; /* Ms. */
	struct presence_status *status;
	int ooo;
	const char *ooo_message;
	struct presence_location loc[PRESENCE_LAYER__COUNT];
	char *stored;        /* Fields of a stored presence, or NULL. */
	uint64_t model_hash; /* Hash of the last model answer. */
	char *frag;          /* Rendered fields incl. sequenceNumber. */
	size_t body_len;     /* Bytes of frag before the sequenceNumber. */
	size_t frag_len;
	size_t status_off;   /* Where frag's statusMessage value starts. */
	size_t status_len;   /* Its bytes; 0 when frag is a stored presence. */
	int64_t valid_until; /* Ms; frag is right until then. */
};

static pthread_mutex_t presence_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct presence_person *presence_people; /* Protected by mutex. */
static uint64_t presence_seq;                   /* Protected by mutex. */

/* A pair a Teams client may report, with how often it starts that way. */
struct presence_pair {
	const char *availability;
	const char *activity;
	int weight;
};

static const struct presence_pair presence_teams_pairs[] = {
	{ "Available", "Available", 24 },
	{ "Busy", "Busy", 9 },
	{ "Busy", "InACall", 8 },
	{ "Busy", "InAConferenceCall", 3 },
	{ "Busy", "InAMeeting", 15 },
	{ "DoNotDisturb", "Presenting", 4 },
	{ "DoNotDisturb", "DoNotDisturb", 3 },
	{ "DoNotDisturb", "Focusing", 4 },
	{ "DoNotDisturb", "UrgentInterruptionsOnly", 1 },
	{ "Away", "Away", 10 },
	{ "BeRightBack", "BeRightBack", 6 },
	{ "AvailableIdle", "Inactive", 3 },
	{ "BusyIdle", "Inactive", 2 },
	{ "Available", "OutOfOffice", 2 },
	{ "Away", "OffWork", 2 },
	{ "PresenceUnknown", "PresenceUnknown", 1 },
};
#define PRESENCE_NTEAMS                                                        \
	(sizeof presence_teams_pairs / sizeof presence_teams_pairs[0])

/* The rank of an availability in the aggregation. */
static int
presence_rank(const char *a)
{
	static const char *const order[] = { "DoNotDisturb", "Busy", "BusyIdle",
		"Available", "AvailableIdle", "Away", "BeRightBack",
		"Offline" };
	size_t i, n = sizeof order / sizeof order[0];

	for (i = 0; i < n; i++) {
		if (strcmp(a, order[i]) == 0)
			return (int)(n - i);
	}
	return 0;
}

/* Hash bytes. */
static uint64_t
presence_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Free a status message. */
static void
presence_status_free(struct presence_status *st)
{
	if (st == NULL)
		return;
	free(st->content);
	free(st->content_type);
	free(st->expiry_date_time);
	free(st->expiry_time_zone);
	free(st);
}

/* Add or refresh a session. Mutex held. */
static void
presence_session_set(struct presence_person *p, const char *id,
    enum presence_kind kind, const char *a, const char *b, int64_t expires,
    int64_t now)
{
	struct presence_session *s = NULL;
	size_t i;

	for (i = 0; i < p->nsessions; i++) {
		if (strcmp(p->sessions[i].id, id) == 0)
			s = &p->sessions[i];
	}
	if (s == NULL) {
		p->sessions = xreallocarray(p->sessions, p->nsessions + 1,
		    sizeof *p->sessions);
		s = &p->sessions[p->nsessions++];
		s->id = xstrdup(id);
		s->kind = kind;
	}
	s->availability = a;
	s->activity = b;
	s->expires = expires;
	s->refreshed = now;
}

/* Remove session i. Mutex held. */
static void
presence_session_remove(struct presence_person *p, size_t i)
{
	free(p->sessions[i].id);
	memmove(&p->sessions[i], &p->sessions[i + 1],
	    (p->nsessions - i - 1) * sizeof *p->sessions);
	p->nsessions--;
}

/* The state a session shows at now, after the Available fade. */
static void
presence_session_state(const struct presence_session *s, int64_t now,
    const char **a, const char **b, int64_t *next)
{
	int64_t idle = now - s->refreshed;

	*a = s->availability;
	*b = s->activity;
	if (s->kind != PRESENCE_APP ||
	    strcmp(s->availability, "Available") != 0 ||
	    strcmp(s->activity, "Available") != 0)
		return;
	if (idle >= 2 * PRESENCE_FADE_MS) {
		*a = "Away";
		*b = "Away";
	} else if (idle >= PRESENCE_FADE_MS) {
		*b = "AvailableInactive";
		if (*next == 0 || s->refreshed + 2 * PRESENCE_FADE_MS < *next)
			*next = s->refreshed + 2 * PRESENCE_FADE_MS;
	} else if (*next == 0 || s->refreshed + PRESENCE_FADE_MS < *next)
		*next = s->refreshed + PRESENCE_FADE_MS;
}

/* Keep the earliest future time in *next. */
static void
presence_next(int64_t *next, int64_t t)
{
	if (t != 0 && (*next == 0 || t < *next))
		*next = t;
}

/*
 * Prune what expired at now, and render the model's answer for an app
 * (statusMessage without expiry or published time) into b; returns the
 * time until which it holds (0 for ever). Mutex held.
 */
static int64_t
presence_model(struct presence_person *p, size_t idx, int64_t now,
    struct jbuf *b)
{
	const char *a = "Offline", *act = "Offline", *sa, *sb, *source = NULL;
	const struct presence_location *wl;
	struct presence_location *l;
	int64_t next = 0, best_t = 0;
	int best = -1, r;
	size_t i;

	for (i = 0; i < p->nsessions;) {
		if (p->sessions[i].expires != 0 &&
		    p->sessions[i].expires <= now)
			presence_session_remove(p, i);
		else
			i++;
	}
	if (p->pref_availability != NULL && p->pref_expires <= now)
		p->pref_availability = p->pref_activity = NULL;
	if (p->status != NULL && p->status->expires != 0 &&
	    p->status->expires <= now) {
		presence_status_free(p->status);
		p->status = NULL;
	}
	for (i = 0; i < p->nsessions; i++) {
		presence_next(&next, p->sessions[i].expires);
		presence_session_state(&p->sessions[i], now, &sa, &sb, &next);
		r = presence_rank(sa);
		if (r > best ||
		    (r == best && p->sessions[i].refreshed >= best_t)) {
			best = r;
			best_t = p->sessions[i].refreshed;
			a = sa;
			act = sb;
		}
	}
	if (p->nsessions > 0 && p->pref_availability != NULL) {
		a = p->pref_availability;
		act = p->pref_activity;
	}
	if (p->pref_availability != NULL)
		presence_next(&next, p->pref_expires);
	if (p->status != NULL)
		presence_next(&next, p->status->expires);
	wl = NULL;
	for (i = 0; i < PRESENCE_LAYER__COUNT; i++) {
		l = &p->loc[i];
		if (l->type != NULL && l->until != 0 && l->until <= now) {
			free(l->place);
			l->place = NULL;
			l->type = NULL;
		}
		if (l->type == NULL)
			continue;
		presence_next(&next, l->until);
		if (wl == NULL) {
			wl = l;
			source = presence_layer_names[i];
		}
	}

	jbuf_adds(b, "\"id\":");
	jbuf_str(b, tenant.users[idx].id);
	jbuf_adds(b, ",\"availability\":");
	jbuf_str(b, a);
	jbuf_adds(b, ",\"activity\":");
	jbuf_str(b, act);
	jbuf_adds(b, ",\"statusMessage\":");
	p->status_off = b->len;
	if (p->status == NULL)
		jbuf_adds(b, "null");
	else {
		jbuf_adds(b, "{\"message\":{\"content\":");
		jbuf_str(b, p->status->content);
		jbuf_adds(b, ",\"contentType\":");
		jbuf_str(b, p->status->content_type);
		jbuf_adds(b, "}}");
	}
	p->status_len = b->len - p->status_off;
	jbuf_adds(b, ",\"outOfOfficeSettings\":{\"message\":");
	jbuf_str_or_null(b, p->ooo_message);
	jbuf_adds(b,
	    p->ooo ? ",\"isOutOfOffice\":true}" : ",\"isOutOfOffice\":false}");
	jbuf_adds(b, ",\"workLocation\":{\"workLocationType\":");
	jbuf_str(b, wl != NULL ? wl->type : "unspecified");
	jbuf_adds(b, ",\"source\":");
	jbuf_str(b, wl != NULL ? source : "none");
	jbuf_adds(b, ",\"placeId\":");
	jbuf_str_or_null(b, wl != NULL ? wl->place : NULL);
	jbuf_addc(b, '}');
	return next;
}

/* Bring a person's rendered answer up to date at now. Mutex held. */
static void
presence_refresh(size_t idx, int64_t now)
{
	struct presence_person *p = &presence_people[idx];
	struct jbuf b;
	uint64_t h;
	int64_t next;

	if (p->frag != NULL && (p->valid_until == 0 || now < p->valid_until))
		return;
	jbuf_init(&b);
	next = presence_model(p, idx, now, &b);
	h = presence_hash(b.p, b.len);
	if (h != p->model_hash) {
		p->model_hash = h;
		if (p->frag != NULL) {
			free(p->stored);
			p->stored = NULL;
		}
	}
	if (p->stored != NULL) {
		p->status_len = 0;
		b.len = 0;
		jbuf_adds(&b, "\"id\":");
		jbuf_str(&b, tenant.users[idx].id);
		jbuf_adds(&b, p->stored);
	}
	if (p->frag == NULL || p->body_len != b.len ||
	    memcmp(p->frag, b.p, b.len) != 0) {
		p->body_len = b.len;
		jbuf_printf(&b, ",\"sequenceNumber\":\"%016llX\"",
		    (unsigned long long)++presence_seq);
		free(p->frag);
		p->frag = jbuf_steal(&b, &p->frag_len);
	}
	jbuf_done(&b);
	p->valid_until = next;
}

/* Mark a person changed by a write: re-render at the next read. */
static void
presence_touch(struct presence_person *p)
{
	free(p->stored);
	p->stored = NULL;
	p->valid_until = 1;
}

/* Make person i's initial presence. */
static void
presence_make(size_t i, uint64_t seed, int64_t now)
{
	static const char *const types[] = { "office", "remote", "timeOff" };
	static const enum presence_layer layers[] = { PRESENCE_MANUAL,
		PRESENCE_SCHEDULED, PRESENCE_AUTOMATIC };
	static int weights[PRESENCE_NTEAMS];
	struct presence_person *p = &presence_people[i];
	const struct presence_pair *pair;
	struct presence_status *st;
	struct presence_location *l;
	struct rng r;
	char sid[37];
	int64_t hours;

	if (weights[0] == 0) {
		for (size_t k = 0; k < PRESENCE_NTEAMS; k++)
			weights[k] = presence_teams_pairs[k].weight;
	}
	rng_seed(&r, seed, 0x30000000ULL + i);
	if (rng_chance(&r, 10)) {
		p->ooo = 1;
		p->ooo_message = names_ooo[rng_below(&r, names_nooo)];
	}
	if (!rng_chance(&r, 18)) {
		pair = &presence_teams_pairs[rng_weighted(&r, weights,
		    PRESENCE_NTEAMS)];
		rng_guid(&r, sid);
		presence_session_set(p, sid, PRESENCE_TEAMS, pair->availability,
		    p->ooo && rng_chance(&r, 50) ? "OutOfOffice"
		                                 : pair->activity,
		    0, now - (int64_t)rng_below(&r, 3600000));
		if (rng_chance(&r, 3)) {
			if (rng_chance(&r, 50)) {
				p->pref_availability = "Offline";
				p->pref_activity = "OffWork";
				p->pref_expires = now + 7 * 86400000LL;
			} else {
				p->pref_availability = "DoNotDisturb";
				p->pref_activity = "DoNotDisturb";
				p->pref_expires = now + 86400000LL;
			}
		}
	}
	if (rng_chance(&r, 20)) {
		st = xcalloc(1, sizeof *st);
		st->content =
		    xstrdup(names_messages[rng_below(&r, names_nmessages)]);
		st->content_type = xstrdup("text");
		st->published = now - (int64_t)rng_below(&r, 86400000);
		if (rng_chance(&r, 35)) {
			char dt[CLOCK_ISO_SIZE];

			hours = 1 + (int64_t)rng_below(&r, 48);
			st->expires = (now / 1000 + hours * 3600) * 1000;
			clock_iso(st->expires, dt, 7);
			dt[strlen(dt) - 1] = '\0';
			st->expiry_date_time = xstrdup(dt);
			st->expiry_time_zone = xstrdup("UTC");
		}
		p->status = st;
	}
	if (rng_chance(&r, 35)) {
		l = &p->loc[layers[rng_below(&r, 3)]];
		l->type = types[rng_below(&r, 3)];
		l->set_at = now;
		if (strcmp(l->type, "office") == 0 && rng_chance(&r, 50))
			l->place = xstrdup(
			    names_offices[rng_below(&r, names_noffices - 1)]);
	}
}

/* Create everybody's initial presence from the seed. */
void
presence_init(uint64_t seed)
{
	int64_t now = clock_now();
	size_t i;

	presence_seq = (uint64_t)now << 12;
	presence_people = xcalloc(tenant.nusers == 0 ? 1 : tenant.nusers,
	    sizeof *presence_people);
	for (i = 0; i < tenant.nusers; i++)
		presence_make(i, seed, now);
}

/* Free all presence state. */
void
presence_done(void)
{
	struct presence_person *p;
	size_t i, j;

	for (i = 0; i < tenant.nusers; i++) {
		p = &presence_people[i];
		for (j = 0; j < p->nsessions; j++)
			free(p->sessions[j].id);
		free(p->sessions);
		presence_status_free(p->status);
		for (j = 0; j < PRESENCE_LAYER__COUNT; j++)
			free(p->loc[j].place);
		free(p->stored);
		free(p->frag);
	}
	free(presence_people);
	presence_people = NULL;
}

/* Take the presence lock. */
void
presence_lock(void)
{
	pthread_mutex_lock(&presence_mutex);
}

/* Release the presence lock. */
void
presence_unlock(void)
{
	pthread_mutex_unlock(&presence_mutex);
}

/* Append person idx's fields (no braces). Lock held. */
void
presence_append_locked(struct jbuf *b, size_t idx)
{
	presence_refresh(idx, clock_now());
	jbuf_add(b, presence_people[idx].frag, presence_people[idx].frag_len);
}

/* Append person idx's fields (no braces). */
void
presence_append(struct jbuf *b, size_t idx)
{
	presence_lock();
	presence_append_locked(b, idx);
	presence_unlock();
}

/* Append an ISO time or null. */
static void presence_time(struct jbuf *, int64_t);

/*
 * Append person idx's fields as the person reads them through /me: the
 * status message with its expiryDateTime (year 9999 when it never
 * expires, as Graph was seen answering) and publishedDateTime.
 */
void
presence_append_own(struct jbuf *b, size_t idx)
{
	struct presence_person *p = &presence_people[idx];
	const struct presence_status *st;

	presence_lock();
	presence_refresh(idx, clock_now());
	st = p->status;
	if (p->status_len == 0 || st == NULL) {
		jbuf_add(b, p->frag, p->frag_len);
		presence_unlock();
		return;
	}
	jbuf_add(b, p->frag, p->status_off);
	jbuf_adds(b, "{\"message\":{\"content\":");
	jbuf_str(b, st->content);
	jbuf_adds(b, ",\"contentType\":");
	jbuf_str(b, st->content_type);
	jbuf_adds(b, "},\"expiryDateTime\":{\"dateTime\":");
	jbuf_str(b,
	    st->expiry_date_time != NULL ? st->expiry_date_time
	                                 : "9999-12-31T00:00:00.0000000");
	jbuf_adds(b, ",\"timeZone\":");
	jbuf_str(b,
	    st->expiry_date_time != NULL ? st->expiry_time_zone : "UTC");
	jbuf_adds(b, "},\"publishedDateTime\":");
	presence_time(b, st->published);
	jbuf_addc(b, '}');
	jbuf_add(b, p->frag + p->status_off + p->status_len,
	    p->frag_len - p->status_off - p->status_len);
	presence_unlock();
}

/* Append an ISO time or null. */
static void
presence_time(struct jbuf *b, int64_t ms)
{
	char t[CLOCK_ISO_SIZE];

	if (ms == 0) {
		jbuf_adds(b, "null");
		return;
	}
	clock_iso(ms, t, 3);
	jbuf_str(b, t);
}

/* Render graphsim's internal state of person idx as a JSON object. */
void
presence_internal(struct jbuf *b, size_t idx)
{
	struct presence_person *p = &presence_people[idx];
	const struct user *u = &tenant.users[idx];
	const char *sa, *sb;
	int64_t now, next = 0;
	size_t i;

	presence_lock();
	now = clock_now();
	presence_refresh(idx, now);
	jbuf_adds(b, "{\"id\":");
	jbuf_str(b, u->id);
	jbuf_adds(b, ",\"displayName\":");
	jbuf_str(b, u->display_name);
	jbuf_adds(b, ",\"userPrincipalName\":");
	jbuf_str(b, u->upn);
	jbuf_adds(b, ",\"presence\":{");
	jbuf_add(b, p->frag, p->frag_len);
	jbuf_adds(b, "},\"sessions\":[");
	for (i = 0; i < p->nsessions; i++) {
		if (i > 0)
			jbuf_addc(b, ',');
		presence_session_state(&p->sessions[i], now, &sa, &sb, &next);
		jbuf_adds(b, "{\"sessionId\":");
		jbuf_str(b, p->sessions[i].id);
		jbuf_adds(b, ",\"availability\":");
		jbuf_str(b, sa);
		jbuf_adds(b, ",\"activity\":");
		jbuf_str(b, sb);
		jbuf_adds(b, ",\"expiresAt\":");
		presence_time(b, p->sessions[i].expires);
		jbuf_adds(b, ",\"lastSetAt\":");
		presence_time(b, p->sessions[i].refreshed);
		jbuf_adds(b,
		    p->sessions[i].kind == PRESENCE_APP
		        ? ",\"kind\":\"app\"}"
		        : ",\"kind\":\"teams\"}");
	}
	jbuf_adds(b, "],\"preferred\":");
	if (p->pref_availability == NULL)
		jbuf_adds(b, "null");
	else {
		jbuf_adds(b, "{\"availability\":");
		jbuf_str(b, p->pref_availability);
		jbuf_adds(b, ",\"activity\":");
		jbuf_str(b, p->pref_activity);
		jbuf_adds(b, ",\"expiresAt\":");
		presence_time(b, p->pref_expires);
		jbuf_addc(b, '}');
	}
	jbuf_adds(b, ",\"statusMessage\":");
	if (p->status == NULL)
		jbuf_adds(b, "null");
	else {
		jbuf_adds(b, "{\"message\":{\"content\":");
		jbuf_str(b, p->status->content);
		jbuf_adds(b, ",\"contentType\":");
		jbuf_str(b, p->status->content_type);
		jbuf_adds(b, "},\"expiryDateTime\":");
		if (p->status->expiry_date_time == NULL)
			jbuf_adds(b, "null");
		else {
			jbuf_adds(b, "{\"dateTime\":");
			jbuf_str(b, p->status->expiry_date_time);
			jbuf_adds(b, ",\"timeZone\":");
			jbuf_str(b, p->status->expiry_time_zone);
			jbuf_addc(b, '}');
		}
		jbuf_adds(b, ",\"expiresAt\":");
		presence_time(b, p->status->expires);
		jbuf_adds(b, ",\"publishedDateTime\":");
		presence_time(b, p->status->published);
		jbuf_addc(b, '}');
	}
	jbuf_adds(b, ",\"workLocation\":{");
	for (i = 0; i < PRESENCE_LAYER__COUNT; i++) {
		jbuf_printf(b, "%s\"%s\":", i > 0 ? "," : "",
		    presence_layer_names[i]);
		if (p->loc[i].type == NULL) {
			jbuf_adds(b, "null");
			continue;
		}
		jbuf_adds(b, "{\"workLocationType\":");
		jbuf_str(b, p->loc[i].type);
		jbuf_adds(b, ",\"placeId\":");
		jbuf_str_or_null(b, p->loc[i].place);
		jbuf_adds(b, ",\"setAt\":");
		presence_time(b, p->loc[i].set_at);
		jbuf_adds(b, ",\"expiresAt\":");
		presence_time(b, p->loc[i].until);
		jbuf_addc(b, '}');
	}
	jbuf_adds(b, "},\"stored\":");
	jbuf_adds(b, p->stored != NULL ? "true" : "false");
	jbuf_addc(b, '}');
	presence_unlock();
}

/*
 * setManualLocation (automatic 0) or setAutomaticLocation (1): type is
 * office, remote or timeOff (static), place may be NULL. The layer lasts
 * until the end of the UTC day on the internal clock.
 */
void
presence_set_location(size_t idx, int automatic, const char *type,
    const char *place)
{
	struct presence_person *p = &presence_people[idx];
	struct presence_location *l;
	int64_t now;

	presence_lock();
	now = clock_now();
	presence_refresh(idx, now);
	l = &p->loc[automatic ? PRESENCE_AUTOMATIC : PRESENCE_MANUAL];
	free(l->place);
	l->type = type;
	l->place = place != NULL && *place != '\0' ? xstrdup(place) : NULL;
	l->set_at = now;
	l->until = (now / 86400000 + 1) * 86400000;
	presence_touch(p);
	presence_unlock();
}

/*
 * clearLocation (automatic_only 0: the manual and automatic layers) or
 * clearAutomaticLocation (1).
 */
void
presence_clear_location(size_t idx, int automatic_only)
{
	struct presence_person *p = &presence_people[idx];
	int i;

	presence_lock();
	presence_refresh(idx, clock_now());
	for (i = automatic_only ? PRESENCE_AUTOMATIC : PRESENCE_MANUAL;
	     i <= PRESENCE_AUTOMATIC; i++) {
		free(p->loc[i].place);
		memset(&p->loc[i], 0, sizeof p->loc[i]);
	}
	presence_touch(p);
	presence_unlock();
}

/* setPresence: add or refresh an app session for dur ms. */
void
presence_set_session(size_t idx, const char *sid, const char *a, const char *b,
    int64_t dur)
{
	struct presence_person *p = &presence_people[idx];
	int64_t now;

	presence_lock();
	now = clock_now();
	presence_refresh(idx, now);
	presence_session_set(p, sid, PRESENCE_APP, a, b, now + dur, now);
	presence_touch(p);
	presence_unlock();
}

/* clearPresence: remove a session; -1 when there is none. */
int
presence_clear_session(size_t idx, const char *sid)
{
	struct presence_person *p = &presence_people[idx];
	int rc = -1;
	size_t i;

	presence_lock();
	presence_refresh(idx, clock_now());
	for (i = 0; i < p->nsessions; i++) {
		if (strcmp(p->sessions[i].id, sid) == 0) {
			presence_session_remove(p, i);
			presence_touch(p);
			rc = 0;
			break;
		}
	}
	presence_unlock();
	return rc;
}

/* setUserPreferredPresence for dur ms. */
void
presence_set_preferred(size_t idx, const char *a, const char *b, int64_t dur)
{
	struct presence_person *p = &presence_people[idx];
	int64_t now;

	presence_lock();
	now = clock_now();
	presence_refresh(idx, now);
	p->pref_availability = a;
	p->pref_activity = b;
	p->pref_expires = now + dur;
	presence_touch(p);
	presence_unlock();
}

/* clearUserPreferredPresence. */
void
presence_clear_preferred(size_t idx)
{
	struct presence_person *p = &presence_people[idx];

	presence_lock();
	presence_refresh(idx, clock_now());
	p->pref_availability = p->pref_activity = NULL;
	presence_touch(p);
	presence_unlock();
}

/*
 * setStatusMessage: empty content clears; dt/tz are kept as given,
 * expires (ms, 0 for never) is their UTC value.
 */
void
presence_set_status(size_t idx, const char *content, const char *ctype,
    const char *dt, const char *tz, int64_t expires)
{
	struct presence_person *p = &presence_people[idx];
	struct presence_status *st = NULL;
	int64_t now;

	presence_lock();
	now = clock_now();
	presence_refresh(idx, now);
	if (*content != '\0') {
		st = xcalloc(1, sizeof *st);
		st->content = xstrdup(content);
		st->content_type = xstrdup(ctype);
		if (dt != NULL) {
			st->expiry_date_time = xstrdup(dt);
			st->expiry_time_zone = xstrdup(tz);
		}
		st->expires = expires;
		st->published = now;
	}
	presence_status_free(p->status);
	p->status = st;
	presence_touch(p);
	presence_unlock();
}

/*
 * Store a presence object to be answered as it is (besides id and
 * sequenceNumber) until something changes the person again.
 */
void
presence_put(size_t idx, const cJSON *obj)
{
	struct presence_person *p = &presence_people[idx];
	const cJSON *item;
	struct jbuf b;
	char *v;

	jbuf_init(&b);
	cJSON_ArrayForEach(item, obj) {
		if (item->string == NULL || strcmp(item->string, "id") == 0 ||
		    strcmp(item->string, "sequenceNumber") == 0 ||
		    strncmp(item->string, "@odata.", 7) == 0)
			continue;
		jbuf_addc(&b, ',');
		jbuf_str(&b, item->string);
		jbuf_addc(&b, ':');
		v = cJSON_PrintUnformatted(item);
		jbuf_adds(&b, v != NULL ? v : "null");
		cJSON_free(v);
	}
	if (b.p == NULL)
		jbuf_adds(&b, "");
	presence_lock();
	presence_refresh(idx, clock_now());
	free(p->stored);
	p->stored = jbuf_steal(&b, NULL);
	p->valid_until = 1;
	presence_unlock();
}

/*
 * One change of the simulated office day: a person's Teams client changes
 * state (more meetings and calls than anything else, some breaks, some
 * sign-outs), or a status message comes or goes.
 */
void
presence_simulate(struct rng *r)
{
	static const struct presence_pair day[] = {
		{ "Busy", "InAMeeting", 24 },
		{ "Available", "Available", 20 },
		{ "Busy", "InACall", 12 },
		{ "Busy", "Busy", 6 },
		{ "Away", "Away", 9 },
		{ "BeRightBack", "BeRightBack", 8 },
		{ "DoNotDisturb", "Presenting", 5 },
		{ "DoNotDisturb", "Focusing", 4 },
		{ "Busy", "InAConferenceCall", 3 },
		{ "AvailableIdle", "Inactive", 3 },
		{ "Offline", "Offline", 6 },
	};
	static int weights[sizeof day / sizeof day[0]];
	struct presence_person *p;
	const struct presence_pair *pair;
	struct presence_status *st;
	size_t idx, i, n = sizeof day / sizeof day[0];
	char sid[37];
	int64_t now;

	if (tenant.nusers == 0)
		return;
	if (weights[0] == 0) {
		for (i = 0; i < n; i++)
			weights[i] = day[i].weight;
	}
	idx = rng_below(r, tenant.nusers);
	p = &presence_people[idx];
	presence_lock();
	now = clock_now();
	presence_refresh(idx, now);
	if (rng_chance(r, 15)) {
		if (p->status != NULL) {
			presence_status_free(p->status);
			p->status = NULL;
		} else {
			st = xcalloc(1, sizeof *st);
			st->content = xstrdup(
			    names_messages[rng_below(r, names_nmessages)]);
			st->content_type = xstrdup("text");
			st->published = now;
			p->status = st;
		}
	} else {
		pair = &day[rng_weighted(r, weights, n)];
		for (i = 0; i < p->nsessions; i++) {
			if (p->sessions[i].kind == PRESENCE_TEAMS)
				break;
		}
		if (strcmp(pair->availability, "Offline") == 0) {
			if (i < p->nsessions)
				presence_session_remove(p, i);
		} else if (i < p->nsessions) {
			p->sessions[i].availability = pair->availability;
			p->sessions[i].activity = pair->activity;
			p->sessions[i].refreshed = now;
		} else {
			rng_guid(r, sid);
			presence_session_set(p, sid, PRESENCE_TEAMS,
			    pair->availability, pair->activity, 0, now);
		}
	}
	presence_touch(p);
	presence_unlock();
}
