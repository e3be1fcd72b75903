/*
 * Graph's JSON answers turned into the model. Pure: no I/O, no globals, so
 * it is fuzzed as is. Anything may come in: missing fields, nulls, numbers
 * where strings belong, unknown values (kept verbatim), huge strings,
 * nesting too deep for cJSON (refused), invalid UTF-8 (kept; text.c
 * sanitises it for display). Safe from any thread.
 */
#include "config.h"

#include "graph_parse.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "presence.h"
#include "user.h"
#include "xmalloc.h"

/* Set *cause (if wanted) to a fixed message; returns -1. */
static int
graph_parse_fail(char **cause, const char *what)
{
	if (cause != NULL)
		*cause = xstrdup(what);
	return -1;
}

/* Parse a body; NULL (with *cause) when it is not JSON. */
static cJSON *
graph_parse_root(const char *body, size_t len, const char *what, char **cause)
{
	cJSON *root;

	if (body == NULL || len == 0) {
		if (cause != NULL)
			xasprintf(cause, "%s is empty", what);
		return NULL;
	}
	if ((root = cJSON_ParseWithLength(body, len)) == NULL) {
		if (cause != NULL)
			xasprintf(cause, "%s is not valid JSON", what);
		return NULL;
	}
	return root;
}

/* A member of an object, or NULL if obj is not an object. */
static const cJSON *
graph_parse_get(const cJSON *obj, const char *name)
{
	if (!cJSON_IsObject(obj))
		return NULL;
	return cJSON_GetObjectItemCaseSensitive(obj, name);
}

/* A string member, or NULL. */
static const char *
graph_parse_str(const cJSON *obj, const char *name)
{
	const cJSON *item = graph_parse_get(obj, name);

	if (!cJSON_IsString(item) || item->valuestring == NULL)
		return NULL;
	return item->valuestring;
}

/*
 * A copy of a scalar member as text: a string as is, a number written out
 * (a number where a string belongs is kept, not lost); NULL otherwise.
 */
static char *
graph_parse_text(const cJSON *obj, const char *name)
{
	const cJSON *item = graph_parse_get(obj, name);
	char *s;
	double d;

	if (cJSON_IsString(item) && item->valuestring != NULL)
		return xstrdup(item->valuestring);
	if (cJSON_IsNumber(item)) {
		d = item->valuedouble;
		if (d == floor(d) && fabs(d) < 1e15)
			xasprintf(&s, "%.0f", d);
		else
			xasprintf(&s, "%.17g", d);
		return s;
	}
	return NULL;
}

/* A number member (or a string of digits) as a long; def if neither. */
static long
graph_parse_long(const cJSON *obj, const char *name, long def)
{
	const cJSON *item = graph_parse_get(obj, name);
	const char *s;
	char *end;
	double d;
	long v;

	if (cJSON_IsNumber(item)) {
		d = item->valuedouble;
		if (isnan(d))
			return def;
		if (d >= (double)LONG_MAX)
			return LONG_MAX;
		if (d <= (double)LONG_MIN)
			return LONG_MIN;
		return (long)d;
	}
	if (cJSON_IsString(item) && (s = item->valuestring) != NULL) {
		while (*s == ' ')
			s++;
		if (!isdigit((unsigned char)*s) && *s != '-')
			return def;
		v = strtol(s, &end, 10);
		if (end == s)
			return def;
		while (*end == ' ')
			end++;
		if (*end != '\0')
			return def;
		return v;
	}
	return def;
}

/* Set an optional output string pointer to NULL. */
static void
graph_parse_clear(char **p)
{
	if (p != NULL)
		*p = NULL;
}

/* Fill a presence from a parsed object; -1 if it is not an object. */
int
graph_parse_presence_object(const struct cJSON *obj, struct presence *out)
{
	const cJSON *sm, *msg, *exp, *ooo, *wl, *flag;

	memset(out, 0, sizeof *out);
	if (!cJSON_IsObject(obj))
		return -1;
	out->id = graph_parse_text(obj, "id");
	out->availability = graph_parse_text(obj, "availability");
	out->activity = graph_parse_text(obj, "activity");
	out->sequence = graph_parse_text(obj, "sequenceNumber");

	sm = graph_parse_get(obj, "statusMessage");
	if (cJSON_IsObject(sm)) {
		msg = graph_parse_get(sm, "message");
		if (cJSON_IsObject(msg)) {
			out->status_message = graph_parse_text(msg, "content");
			out->status_content_type =
			    graph_parse_text(msg, "contentType");
		} else
			out->status_message = graph_parse_text(sm, "message");
		exp = graph_parse_get(sm, "expiryDateTime");
		if (cJSON_IsObject(exp)) {
			out->status_expiry = graph_parse_text(exp, "dateTime");
			out->status_expiry_zone =
			    graph_parse_text(exp, "timeZone");
		} else
			out->status_expiry =
			    graph_parse_text(sm, "expiryDateTime");
		out->status_published =
		    graph_parse_text(sm, "publishedDateTime");
	}

	ooo = graph_parse_get(obj, "outOfOfficeSettings");
	if (cJSON_IsObject(ooo)) {
		out->has_ooo = 1;
		flag = graph_parse_get(ooo, "isOutOfOffice");
		if (cJSON_IsBool(flag))
			out->is_ooo = cJSON_IsTrue(flag);
		else if (cJSON_IsNumber(flag))
			out->is_ooo = flag->valuedouble != 0;
		else if (cJSON_IsString(flag) && flag->valuestring != NULL)
			out->is_ooo =
			    strcasecmp(flag->valuestring, "true") == 0;
		out->ooo_message = graph_parse_text(ooo, "message");
	}

	wl = graph_parse_get(obj, "workLocation");
	if (cJSON_IsObject(wl)) {
		out->work_location_type =
		    graph_parse_text(wl, "workLocationType");
		out->work_location_source = graph_parse_text(wl, "source");
		out->work_location_place = graph_parse_text(wl, "placeId");
	}
	return 0;
}

/* Parse one presence: a plain object or a {"value":[one]} wrapper. */
int
graph_parse_presence(const char *body, size_t len, struct presence *out,
    char **cause)
{
	cJSON *root;
	const cJSON *value, *obj;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if ((root = graph_parse_root(body, len, "presence response", cause)) ==
	    NULL)
		return -1;
	obj = root;
	value = graph_parse_get(root, "value");
	if (cJSON_IsArray(value)) {
		obj = cJSON_GetArrayItem(value, 0);
		if (obj == NULL) {
			graph_parse_fail(cause,
			    "presence response has an empty \"value\"");
			goto out;
		}
	}
	if (graph_parse_presence_object(obj, out) != 0) {
		graph_parse_fail(cause, "presence response is not an object");
		goto out;
	}
	if (out->id == NULL && out->availability == NULL &&
	    out->activity == NULL) {
		presence_done(out);
		graph_parse_fail(cause, "presence response has no presence");
		goto out;
	}
	rc = 0;
out:
	cJSON_Delete(root);
	return rc;
}

/*
 * The "value" array of a collection (or the body itself if it is an
 * array); NULL with *cause otherwise.
 */
static const cJSON *
graph_parse_value(const cJSON *root, const char *what, char **cause)
{
	const cJSON *value;

	if (cJSON_IsArray(root))
		return root;
	value = graph_parse_get(root, "value");
	if (!cJSON_IsArray(value)) {
		if (cause != NULL)
			xasprintf(cause, "%s has no \"value\" array", what);
		return NULL;
	}
	return value;
}

/* Parse {"value":[presence...]}, appending those with an id to out. */
int
graph_parse_presences(const char *body, size_t len, struct presence_list *out,
    char **cause)
{
	return graph_parse_presences_known(body, len, out, NULL, NULL, NULL,
	    cause);
}

/*
 * One item of a presence answer the old way, on its parsed tree: left out
 * when it has no id or is known unchanged, else appended to out.
 */
static void
graph_parse_presence_item(const cJSON *item, struct presence_list *out,
    graph_parse_known_cb known, void *arg, size_t *nknown)
{
	const char *id, *seq;
	struct presence *p;

	if ((id = graph_parse_str(item, "id")) == NULL)
		return;
	seq = graph_parse_str(item, "sequenceNumber");
	if (known != NULL && seq != NULL && known(arg, id, seq)) {
		if (nknown != NULL)
			(*nknown)++;
		return;
	}
	p = presence_list_add(out);
	if (graph_parse_presence_object(item, p) != 0)
		presence_list_drop_last(out);
}

/* {"value":[presence...]} through a whole tree. */
static int
graph_parse_presences_tree(const char *body, size_t len,
    struct presence_list *out, graph_parse_known_cb known, void *arg,
    size_t *nknown, char **cause)
{
	cJSON *root;
	const cJSON *value, *item;
	int rc = -1;

	if ((root = graph_parse_root(body, len, "presence response", cause)) ==
	    NULL)
		return -1;
	if ((value = graph_parse_value(root, "presence response", cause)) ==
	    NULL)
		goto out;
	cJSON_ArrayForEach(item, value)
		graph_parse_presence_item(item, out, known, arg, nknown);
	rc = 0;
out:
	cJSON_Delete(root);
	return rc;
}

/*
 * A light scan of JSON text that builds nothing: it checks the grammar
 * strictly (anything it is unsure cJSON would read the same way, such as
 * escaped surrogates, long numbers or deep nesting, fails it) and finds
 * the members of presence objects that say whether they changed.
 */
#define GRAPH_SCAN_DEPTH 128
#define GRAPH_SCAN_NUMBER 32

struct graph_scan {
	const char *p;
	const char *end;
	int depth;
};

/* A string found by the scan: its bytes between the quotes. */
struct graph_scan_str {
	const char *s;
	size_t len;
	int plain; /* No escapes and no NUL: the bytes are the value. */
};

static int graph_scan_value(struct graph_scan *);

/* The bytes that end the plain run of a string: the quote, an escape, NUL. */
static const unsigned char
    graph_scan_stop[256] = { ['"'] = 1, ['\\'] = 1, ['\0'] = 1 };

static void
graph_scan_ws(struct graph_scan *sc)
{
	while (sc->p < sc->end &&
	    (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\n' ||
	        *sc->p == '\r'))
		sc->p++;
}

/* Is the next byte c? Skipped when it is. */
static int
graph_scan_byte(struct graph_scan *sc, char c)
{
	graph_scan_ws(sc);
	if (sc->p >= sc->end || *sc->p != c)
		return 0;
	sc->p++;
	return 1;
}

static int
graph_scan_string(struct graph_scan *sc, struct graph_scan_str *str)
{
	const char *q;
	unsigned int u;
	int k;

	graph_scan_ws(sc);
	if (sc->p >= sc->end || *sc->p != '"')
		return -1;
	str->s = ++sc->p;
	str->plain = 1;
	/*
	 * Most strings are short and have no escape: one pass to the quote,
	 * cheaper for them than a memchr for each of the quote, the escape
	 * and NUL.
	 */
	for (q = sc->p; q < sc->end && !graph_scan_stop[(unsigned char)*q]; q++)
		;
	if (q < sc->end && *q == '"') {
		str->len = (size_t)(q - sc->p);
		sc->p = q + 1;
		return 0;
	}
	sc->p = q;
	while (sc->p < sc->end && *sc->p != '"') {
		if (*sc->p == '\0')
			str->plain = 0;
		if (*sc->p != '\\') {
			sc->p++;
			continue;
		}
		str->plain = 0;
		if (++sc->p >= sc->end)
			return -1;
		if (*sc->p != 'u') {
			if (strchr("\"\\/bfnrt", *sc->p) == NULL ||
			    *sc->p == '\0')
				return -1;
			sc->p++;
			continue;
		}
		if (sc->end - sc->p < 5)
			return -1;
		for (u = 0, k = 1; k <= 4; k++) {
			if (!isxdigit((unsigned char)sc->p[k]))
				return -1;
			u = u * 16 +
			    (isdigit((unsigned char)sc->p[k])
			            ? (unsigned int)(sc->p[k] - '0')
			            : (unsigned int)(tolower((unsigned char)
			                                         sc->p[k]) -
			                  'a' + 10));
		}
		if (u >= 0xd800 && u <= 0xdfff)
			return -1;
		sc->p += 5;
	}
	if (sc->p >= sc->end)
		return -1;
	str->len = (size_t)(sc->p - str->s);
	sc->p++;
	return 0;
}

/* Is the string the plain name? */
static int
graph_scan_is(const struct graph_scan_str *str, const char *name)
{
	return str->plain && str->len == strlen(name) &&
	    memcmp(str->s, name, str->len) == 0;
}

static int
graph_scan_number(struct graph_scan *sc)
{
	const char *start = sc->p;

	if (sc->p < sc->end && *sc->p == '-')
		sc->p++;
	if (sc->p >= sc->end || !isdigit((unsigned char)*sc->p))
		return -1;
	if (*sc->p == '0')
		sc->p++;
	else {
		while (sc->p < sc->end && isdigit((unsigned char)*sc->p))
			sc->p++;
	}
	if (sc->p < sc->end && *sc->p == '.') {
		if (++sc->p >= sc->end || !isdigit((unsigned char)*sc->p))
			return -1;
		while (sc->p < sc->end && isdigit((unsigned char)*sc->p))
			sc->p++;
	}
	if (sc->p < sc->end && (*sc->p == 'e' || *sc->p == 'E')) {
		sc->p++;
		if (sc->p < sc->end && (*sc->p == '+' || *sc->p == '-'))
			sc->p++;
		if (sc->p >= sc->end || !isdigit((unsigned char)*sc->p))
			return -1;
		while (sc->p < sc->end && isdigit((unsigned char)*sc->p))
			sc->p++;
	}
	return sc->p - start > GRAPH_SCAN_NUMBER ? -1 : 0;
}

/* An array or an object (open is its opening bracket, already read). */
static int
graph_scan_container(struct graph_scan *sc, char open)
{
	struct graph_scan_str key;
	char close = open == '[' ? ']' : '}';

	if (++sc->depth > GRAPH_SCAN_DEPTH)
		return -1;
	if (!graph_scan_byte(sc, close)) {
		do {
			if (open == '{' &&
			    (graph_scan_string(sc, &key) != 0 ||
			        !graph_scan_byte(sc, ':')))
				return -1;
			if (graph_scan_value(sc) != 0)
				return -1;
		} while (graph_scan_byte(sc, ','));
		if (!graph_scan_byte(sc, close))
			return -1;
	}
	sc->depth--;
	return 0;
}

static int
graph_scan_literal(struct graph_scan *sc, const char *word)
{
	size_t len = strlen(word);

	if ((size_t)(sc->end - sc->p) < len || memcmp(sc->p, word, len) != 0)
		return -1;
	sc->p += len;
	return 0;
}

/* Skip any value. */
static int
graph_scan_value(struct graph_scan *sc)
{
	struct graph_scan_str str;

	graph_scan_ws(sc);
	if (sc->p >= sc->end)
		return -1;
	switch (*sc->p) {
	case '"':
		return graph_scan_string(sc, &str);
	case '{':
	case '[':
		sc->p++;
		return graph_scan_container(sc, sc->p[-1]);
	case 't':
		return graph_scan_literal(sc, "true");
	case 'f':
		return graph_scan_literal(sc, "false");
	case 'n':
		return graph_scan_literal(sc, "null");
	default:
		return graph_scan_number(sc);
	}
}

/* What the scan found of one presence object. */
struct graph_scan_presence {
	const char *start, *end; /* The object's text. */
	struct graph_scan_str id, seq;
	int have_id, have_seq; /* The first such member is a string. */
	int seen_id, seen_seq; /* There is such a member. */
	int odd;               /* An escaped name: only cJSON can tell. */
};

/* Scan an object at sc->p ('{'), noting its id and sequenceNumber. */
static int
graph_scan_presence(struct graph_scan *sc, struct graph_scan_presence *o)
{
	struct graph_scan_str key, *str;
	int *have, *seen;

	memset(o, 0, sizeof *o);
	graph_scan_ws(sc);
	o->start = sc->p++;
	if (++sc->depth > GRAPH_SCAN_DEPTH)
		return -1;
	if (!graph_scan_byte(sc, '}')) {
		do {
			if (graph_scan_string(sc, &key) != 0 ||
			    !graph_scan_byte(sc, ':'))
				return -1;
			if (!key.plain)
				o->odd = 1;
			if (graph_scan_is(&key, "id")) {
				str = &o->id;
				have = &o->have_id;
				seen = &o->seen_id;
			} else if (graph_scan_is(&key, "sequenceNumber")) {
				str = &o->seq;
				have = &o->have_seq;
				seen = &o->seen_seq;
			} else
				seen = NULL;
			graph_scan_ws(sc);
			if (seen != NULL && !*seen && sc->p < sc->end &&
			    *sc->p == '"') {
				if (graph_scan_string(sc, str) != 0)
					return -1;
				*have = 1;
			} else if (graph_scan_value(sc) != 0)
				return -1;
			if (seen != NULL)
				*seen = 1;
		} while (graph_scan_byte(sc, ','));
		if (!graph_scan_byte(sc, '}'))
			return -1;
	}
	sc->depth--;
	o->end = sc->p;
	return 0;
}

/* A NUL-terminated copy of a plain scanned string in a growing buffer. */
static const char *
graph_scan_copy(const struct graph_scan_str *str, char **buf, size_t *size)
{
	if (str->len + 1 > *size) {
		*size = str->len + 1;
		free(*buf);
		*buf = xmalloc(*size);
	}
	memcpy(*buf, str->s, str->len);
	(*buf)[str->len] = '\0';
	return *buf;
}

/*
 * One presence object found by the scan: known unchanged from its id and
 * sequenceNumber alone when they are plain strings, else parsed from its
 * own text as the whole tree would have it. -1 when cJSON refuses it.
 */
static int
graph_scan_item(const struct graph_scan_presence *o, struct presence_list *out,
    graph_parse_known_cb known, void *arg, size_t *nknown, char **idbuf,
    size_t *idsize, char **seqbuf, size_t *seqsize)
{
	cJSON *item;

	if (!o->odd && !o->have_id)
		return 0; /* No id: left out, as the tree would. */
	if (!o->odd && o->id.plain && o->have_seq && o->seq.plain &&
	    known != NULL) {
		if (known(arg, graph_scan_copy(&o->id, idbuf, idsize),
		        graph_scan_copy(&o->seq, seqbuf, seqsize))) {
			if (nknown != NULL)
				(*nknown)++;
			return 0;
		}
		known = NULL; /* Asked already: not known. */
	}
	if ((item = cJSON_ParseWithLength(o->start,
	         (size_t)(o->end - o->start))) == NULL)
		return -1;
	graph_parse_presence_item(item, out, known, arg, nknown);
	cJSON_Delete(item);
	return 0;
}

/*
 * {"value":[presence...]} by the light scan: only the objects not known
 * unchanged become trees. -1 (out and *nknown as they were) when the scan
 * cannot be sure, for the whole tree to decide.
 */
static int
graph_scan_presences(const char *body, size_t len, struct presence_list *out,
    graph_parse_known_cb known, void *arg, size_t *nknown)
{
	struct graph_scan sc;
	struct graph_scan_presence o;
	struct graph_scan_str key;
	size_t n0 = out->n, k0 = nknown != NULL ? *nknown : 0;
	size_t idsize = 0, seqsize = 0;
	char *idbuf = NULL, *seqbuf = NULL;
	int seen_value = 0, in_value, rc = -1;

	sc.p = body;
	sc.end = body + len;
	sc.depth = 0;
	graph_scan_ws(&sc);
	if (sc.p >= sc.end || (*sc.p != '{' && *sc.p != '['))
		goto out;
	if (*sc.p == '{') {
		sc.p++;
		sc.depth++;
		if (graph_scan_byte(&sc, '}'))
			goto out; /* No "value": the tree says so. */
	} else
		seen_value = 1; /* The body is the array. */
	do {
		in_value = 1;
		if (sc.depth == 1) {
			if (graph_scan_string(&sc, &key) != 0 || !key.plain ||
			    !graph_scan_byte(&sc, ':'))
				goto out;
			in_value = graph_scan_is(&key, "value") && !seen_value;
			seen_value |= in_value;
			graph_scan_ws(&sc);
			if (in_value && (sc.p >= sc.end || *sc.p != '['))
				goto out; /* Not an array: the tree says so. */
		}
		if (!in_value) {
			if (graph_scan_value(&sc) != 0)
				goto out;
			continue;
		}
		/* The array of presences. */
		sc.p++;
		if (++sc.depth > GRAPH_SCAN_DEPTH)
			goto out;
		if (!graph_scan_byte(&sc, ']')) {
			do {
				graph_scan_ws(&sc);
				if (sc.p < sc.end && *sc.p == '{') {
					if (graph_scan_presence(&sc, &o) != 0 ||
					    graph_scan_item(&o, out, known, arg,
					        nknown, &idbuf, &idsize,
					        &seqbuf, &seqsize) != 0)
						goto out;
				} else if (graph_scan_value(&sc) != 0)
					goto out;
			} while (graph_scan_byte(&sc, ','));
			if (!graph_scan_byte(&sc, ']'))
				goto out;
		}
		sc.depth--;
		if (sc.depth == 0)
			break; /* The body was the array. */
	} while (graph_scan_byte(&sc, ','));
	if (sc.depth == 1 && !graph_scan_byte(&sc, '}'))
		goto out;
	graph_scan_ws(&sc);
	if (sc.p != sc.end || !seen_value)
		goto out;
	rc = 0;
out:
	free(idbuf);
	free(seqbuf);
	if (rc != 0) {
		while (out->n > n0)
			presence_list_drop_last(out);
		if (nknown != NULL)
			*nknown = k0;
	}
	return rc;
}

/*
 * {"value":[presence...]}, leaving out those known unchanged: by the light
 * scan, which builds trees only for the objects that changed, and through
 * the whole tree when the scan is unsure (the same result either way).
 */
int
graph_parse_presences_known(const char *body, size_t len,
    struct presence_list *out, graph_parse_known_cb known, void *arg,
    size_t *nknown, char **cause)
{
	if (nknown != NULL)
		*nknown = 0;
	if (body != NULL &&
	    graph_scan_presences(body, len, out, known, arg, nknown) == 0)
		return 0;
	return graph_parse_presences_tree(body, len, out, known, arg, nknown,
	    cause);
}

/*
 * Fill what a parsed error body says, in Graph's form (error is an object)
 * or OAuth's (error is a string, or there is an error_description). Each
 * output may be NULL; -1 when neither form is there.
 */
static int
graph_parse_error_object(const cJSON *root, char **code, char **message,
    char **request_id)
{
	const cJSON *err, *inner;

	err = graph_parse_get(root, "error");
	if (cJSON_IsObject(err)) {
		if (code != NULL)
			*code = graph_parse_text(err, "code");
		if (message != NULL)
			*message = graph_parse_text(err, "message");
		inner = graph_parse_get(err, "innerError");
		if (inner == NULL)
			inner = graph_parse_get(err, "innererror");
		if (request_id != NULL && cJSON_IsObject(inner))
			*request_id = graph_parse_text(inner, "request-id");
		return 0;
	}
	if (cJSON_IsString(err) ||
	    graph_parse_str(root, "error_description") != NULL) {
		if (code != NULL)
			*code = graph_parse_text(root, "error");
		if (message != NULL)
			*message = graph_parse_text(root, "error_description");
		if (request_id != NULL)
			*request_id = graph_parse_text(root, "trace_id");
		return 0;
	}
	return -1;
}

/* Parse an error body in Graph's or OAuth's form. */
int
graph_parse_error(const char *body, size_t len, char **code, char **message,
    char **request_id)
{
	cJSON *root;
	int rc;

	graph_parse_clear(code);
	graph_parse_clear(message);
	graph_parse_clear(request_id);
	if ((root = graph_parse_root(body, len, "error", NULL)) == NULL)
		return -1;
	rc = graph_parse_error_object(root, code, message, request_id);
	cJSON_Delete(root);
	return rc;
}

/* Set *next_link (if wanted) from a page's @odata.nextLink. */
static void
graph_parse_next(const cJSON *root, char **next_link)
{
	const char *s;

	if (next_link == NULL)
		return;
	s = graph_parse_str(root, "@odata.nextLink");
	*next_link = (s != NULL && *s != '\0') ? xstrdup(s) : NULL;
}

/* Fill a user from a parsed object; -1 if it has no string id. */
int
graph_parse_user_object(const struct cJSON *obj, struct user *out)
{
	memset(out, 0, sizeof *out);
	if (graph_parse_str(obj, "id") == NULL)
		return -1;
	out->id = graph_parse_text(obj, "id");
	out->display_name = graph_parse_text(obj, "displayName");
	out->upn = graph_parse_text(obj, "userPrincipalName");
	out->mail = graph_parse_text(obj, "mail");
	out->department = graph_parse_text(obj, "department");
	out->job_title = graph_parse_text(obj, "jobTitle");
	return 0;
}

/* Append a group from a parsed object; nothing if it has no id. */
static void
graph_parse_group_object(const cJSON *obj, struct group_list *out)
{
	struct group *g;

	if (out == NULL || graph_parse_str(obj, "id") == NULL)
		return;
	out->v = xgrowarray(out->v, out->n, &out->cap, sizeof *out->v);
	g = &out->v[out->n++];
	g->id = graph_parse_text(obj, "id");
	g->display_name = graph_parse_text(obj, "displayName");
	g->mail = graph_parse_text(obj, "mail");
}

/* What kind of directory object: 'u'ser, 'g'roup or 'o'ther. */
static int
graph_parse_kind(const cJSON *obj)
{
	const char *type;

	if ((type = graph_parse_str(obj, "@odata.type")) == NULL)
		return 'u';
	if (strcasecmp(type, "#microsoft.graph.user") == 0)
		return 'u';
	if (strcasecmp(type, "#microsoft.graph.group") == 0)
		return 'g';
	return 'o';
}

/* Parse a directory page into users and groups (either may be NULL). */
static int
graph_parse_directory(const char *body, size_t len, const char *what,
    struct user_list *users, struct group_list *groups, int all_groups,
    char **next_link, char **cause)
{
	cJSON *root;
	const cJSON *value, *item;
	int rc = -1, kind;

	graph_parse_clear(next_link);
	if ((root = graph_parse_root(body, len, what, cause)) == NULL)
		return -1;
	if ((value = graph_parse_value(root, what, cause)) == NULL)
		goto out;
	cJSON_ArrayForEach(item, value) {
		kind = all_groups ? 'g' : graph_parse_kind(item);
		if (kind == 'u' && users != NULL) {
			if (graph_parse_user_object(item,
			        user_list_add(users)) != 0)
				user_list_drop_last(users);
		} else if (kind == 'g')
			graph_parse_group_object(item, groups);
	}
	graph_parse_next(root, next_link);
	rc = 0;
out:
	cJSON_Delete(root);
	return rc;
}

/* Parse a /users page. */
int
graph_parse_users(const char *body, size_t len, struct user_list *out,
    char **next_link, char **cause)
{
	return graph_parse_directory(body, len, "user list", out, NULL, 0,
	    next_link, cause);
}

/* Parse a /groups page. */
int
graph_parse_groups(const char *body, size_t len, struct group_list *out,
    char **next_link, char **cause)
{
	return graph_parse_directory(body, len, "group list", NULL, out, 1,
	    next_link, cause);
}

/* The @odata.count of a page, -1 when it has none. */
int
graph_parse_count(const char *body, size_t len, long *count, char **cause)
{
	const cJSON *n;
	cJSON *root;

	*count = -1;
	if ((root = graph_parse_root(body, len, "counted list", cause)) == NULL)
		return -1;
	n = cJSON_GetObjectItemCaseSensitive(root, "@odata.count");
	if (cJSON_IsNumber(n) && n->valuedouble >= 0 && n->valuedouble < 1e15)
		*count = (long)n->valuedouble;
	cJSON_Delete(root);
	return 0;
}

/* Parse a group members page: users, and groups for nested expansion. */
int
graph_parse_members(const char *body, size_t len, struct user_list *users,
    struct group_list *groups, char **next_link, char **cause)
{
	return graph_parse_directory(body, len, "member list", users, groups, 0,
	    next_link, cause);
}

/* The Retry-After of a sub-response's headers, -1 if none. */
static long
graph_parse_retry_after(const cJSON *headers)
{
	const cJSON *h;

	if (!cJSON_IsObject(headers))
		return -1;
	cJSON_ArrayForEach(h, headers) {
		if (h->string != NULL &&
		    strcasecmp(h->string, "Retry-After") == 0) {
			if (cJSON_IsNumber(h) || cJSON_IsString(h))
				return graph_parse_long(headers, h->string, -1);
		}
	}
	return -1;
}

/* Parse a $batch response, appending each sub-response to out. */
int
graph_parse_batch(const char *body, size_t len, struct batch_list *out,
    char **cause)
{
	cJSON *root;
	const cJSON *responses, *item, *b;
	struct batch_response *r;
	long status;
	int rc = -1;

	if ((root = graph_parse_root(body, len, "batch response", cause)) ==
	    NULL)
		return -1;
	responses = graph_parse_get(root, "responses");
	if (!cJSON_IsArray(responses)) {
		graph_parse_fail(cause,
		    "batch response has no \"responses\" array");
		goto out;
	}
	cJSON_ArrayForEach(item, responses) {
		if (!cJSON_IsObject(item))
			continue;
		out->v = xgrowarray(out->v, out->n, &out->cap, sizeof *out->v);
		r = &out->v[out->n++];
		memset(r, 0, sizeof *r);
		r->id = graph_parse_text(item, "id");
		status = graph_parse_long(item, "status", 0);
		r->status = (status < 0 || status > 999) ? 0 : (int)status;
		r->retry_after =
		    graph_parse_retry_after(graph_parse_get(item, "headers"));
		b = graph_parse_get(item, "body");
		if (cJSON_IsString(b) && b->valuestring != NULL)
			r->body = xstrdup(b->valuestring);
		else if (cJSON_IsObject(b) || cJSON_IsArray(b)) {
			if ((r->body = cJSON_PrintUnformatted(b)) != NULL) {
				/* Own it with our allocator. */
				char *copy = xstrdup(r->body);

				cJSON_free(r->body);
				r->body = copy;
			}
		}
	}
	rc = 0;
out:
	cJSON_Delete(root);
	return rc;
}

/* The first of OAuth's error_codes (Entra's AADSTS number), or 0. */
static long
graph_parse_error_code(const cJSON *root)
{
	const cJSON *codes, *first;
	double d;

	codes = graph_parse_get(root, "error_codes");
	first = cJSON_IsArray(codes) ? cJSON_GetArrayItem(codes, 0) : NULL;
	if (!cJSON_IsNumber(first))
		return 0;
	d = first->valuedouble;
	if (!(d > 0))
		return 0;
	if (d >= (double)LONG_MAX)
		return LONG_MAX;
	return (long)d;
}

/* Parse a token endpoint answer: a token, or what the refusal says. */
int
graph_parse_token(const char *body, size_t len, struct token_response *out,
    char **cause)
{
	cJSON *root;
	int rc = -1;

	memset(out, 0, sizeof *out);
	out->expires_in = -1;
	if ((root = graph_parse_root(body, len, "token response", cause)) ==
	    NULL)
		return -1;
	graph_parse_error_object(root, &out->error, &out->error_description,
	    NULL);
	out->error_code = graph_parse_error_code(root);
	out->correlation_id = graph_parse_text(root, "correlation_id");
	if (graph_parse_str(root, "access_token") == NULL ||
	    *graph_parse_str(root, "access_token") == '\0') {
		graph_parse_fail(cause, "token response has no access_token");
		goto out;
	}
	out->access_token = graph_parse_text(root, "access_token");
	out->refresh_token = graph_parse_text(root, "refresh_token");
	out->token_type = graph_parse_text(root, "token_type");
	out->scope = graph_parse_text(root, "scope");
	out->expires_in = graph_parse_long(root, "expires_in", -1);
	rc = 0;
out:
	cJSON_Delete(root);
	return rc;
}

/* Parse a device authorization answer. */
int
graph_parse_device_code(const char *body, size_t len,
    struct device_code_response *out, char **cause)
{
	cJSON *root;
	int rc = -1;

	memset(out, 0, sizeof *out);
	out->expires_in = out->interval = -1;
	if ((root = graph_parse_root(body, len, "device code response",
	         cause)) == NULL)
		return -1;
	if (graph_parse_str(root, "device_code") == NULL) {
		graph_parse_fail(cause,
		    "device code response has no device_code");
		goto out;
	}
	out->device_code = graph_parse_text(root, "device_code");
	out->user_code = graph_parse_text(root, "user_code");
	out->verification_uri = graph_parse_text(root, "verification_uri");
	if (out->verification_uri == NULL)
		out->verification_uri =
		    graph_parse_text(root, "verification_url");
	out->message = graph_parse_text(root, "message");
	out->expires_in = graph_parse_long(root, "expires_in", -1);
	out->interval = graph_parse_long(root, "interval", -1);
	rc = 0;
out:
	cJSON_Delete(root);
	return rc;
}

/* Free a group list; it is empty afterwards. */
void
group_list_done(struct group_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->v[i].id);
		free(l->v[i].display_name);
		free(l->v[i].mail);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Free a batch list; it is empty afterwards. */
void
batch_list_done(struct batch_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->v[i].id);
		free(l->v[i].body);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Free a token answer's strings (the token is wiped first). */
void
token_response_done(struct token_response *t)
{
	if (t == NULL)
		return;
	xfree_secret(t->access_token);
	xfree_secret(t->refresh_token);
	free(t->token_type);
	free(t->scope);
	free(t->error);
	free(t->error_description);
	free(t->correlation_id);
	memset(t, 0, sizeof *t);
	t->expires_in = -1;
}

/* Free a device code answer's strings. */
void
device_code_response_done(struct device_code_response *d)
{
	if (d == NULL)
		return;
	xfree_secret(d->device_code);
	free(d->user_code);
	free(d->verification_uri);
	free(d->message);
	memset(d, 0, sizeof *d);
	d->expires_in = d->interval = -1;
}
