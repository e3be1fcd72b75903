/* Unit tests for the parsers of Graph's JSON answers. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "graph_parse.h"
#include "presence.h"
#include "presences_ref.h"
#include "user.h"
#include "xmalloc.h"

/* Read tests/unit/data/NAME under $top_srcdir; *len gets its size. */
static char *
load(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char *path, *buf;
	FILE *f;
	long n;

	xasprintf(&path, "%s/tests/unit/data/%s", top != NULL ? top : ".",
	    name);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	free(path);
	*len = (size_t)n;
	return buf;
}

/* Parse one presence from a string, asserting success. */
static void
parse_one(const char *body, struct presence *p)
{
	char *cause = NULL;

	if (graph_parse_presence(body, strlen(body), p, &cause) != 0)
		fail_msg("refused: %s", cause);
}

/* Own presence: every field of the documented shape. */
static void
test_presence_me_all_fields(void **state)
{
	struct presence p;
	char *body, *cause = NULL;
	size_t len;

	(void)state;
	body = load("presence-me.json", &len);
	assert_int_equal(graph_parse_presence(body, len, &p, &cause), 0);
	assert_string_equal(p.id, "fa8bf3dc-eca7-46b7-bad1-db199b62afc3");
	assert_string_equal(p.availability, "Busy");
	assert_string_equal(p.activity, "InACall");
	assert_string_equal(p.sequence, "C0000004F1A2B3C4");
	assert_string_equal(p.status_message, "On the support bridge");
	assert_string_equal(p.status_content_type, "text");
	assert_string_equal(p.status_expiry, "2026-03-02T17:00:00.0000000");
	assert_string_equal(p.status_expiry_zone, "UTC");
	assert_string_equal(p.status_published, "2026-03-02T09:12:44.51Z");
	assert_int_equal(p.has_ooo, 1);
	assert_int_equal(p.is_ooo, 0);
	assert_null(p.ooo_message);
	assert_string_equal(p.work_location_type, "office");
	assert_string_equal(p.work_location_source, "manual");
	assert_null(p.work_location_place);
	presence_done(&p);
	free(body);
}

/* Another user's presence: only the message; OOF on. */
static void
test_presence_other_user(void **state)
{
	struct presence p;
	char *body;
	size_t len;

	(void)state;
	body = load("presence-other.json", &len);
	assert_int_equal(graph_parse_presence(body, len, &p, NULL), 0);
	assert_string_equal(p.status_message,
	    "Quarterly review \xf0\x9f\x93\x8a");
	assert_null(p.status_expiry);
	assert_null(p.status_published);
	assert_null(p.sequence);
	assert_int_equal(p.is_ooo, 1);
	assert_string_equal(p.ooo_message, "Back on Monday");
	assert_null(p.work_location_type);
	presence_done(&p);
	free(body);
}

/* A {"value":[one]} wrapper is accepted for a single presence. */
static void
test_presence_wrapped(void **state)
{
	struct presence p;
	char *body, *cause = NULL;
	size_t len;

	(void)state;
	body = load("presence-wrapped.json", &len);
	assert_int_equal(graph_parse_presence(body, len, &p, NULL), 0);
	assert_string_equal(p.availability, "Available");
	presence_done(&p);
	free(body);
	assert_int_equal(graph_parse_presence("{\"value\":[]}",
	                     strlen("{\"value\":[]}"), &p, &cause),
	    -1);
	assert_non_null(strstr(cause, "empty"));
	free(cause);
}

/* Numbers where strings belong are kept as text; other types dropped. */
static void
test_presence_wrong_types(void **state)
{
	struct presence p;
	char *body;
	size_t len;

	(void)state;
	body = load("presence-wrong-types.json", &len);
	assert_int_equal(graph_parse_presence(body, len, &p, NULL), 0);
	assert_string_equal(p.availability, "3");
	assert_null(p.activity);
	assert_string_equal(p.sequence, "12345678901234");
	assert_string_equal(p.status_message, "plain string, not an itemBody");
	assert_string_equal(p.status_expiry, "2026-03-02T17:00:00Z");
	assert_null(p.status_published);
	assert_int_equal(p.is_ooo, 1);
	assert_string_equal(p.ooo_message, "7");
	assert_null(p.work_location_type);
	presence_done(&p);
	free(body);
}

/* The collection: unknown values kept, items without an id skipped. */
static void
test_presences_collection(void **state)
{
	struct presence_list l;
	char *body, *cause = NULL;
	size_t len;

	(void)state;
	memset(&l, 0, sizeof l);
	body = load("presences.json", &len);
	assert_int_equal(graph_parse_presences(body, len, &l, &cause), 0);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0].activity, "InAMeeting");
	assert_string_equal(l.v[1].availability, "focusing");
	assert_string_equal(l.v[1].activity, "deepWork");
	assert_int_equal(l.v[1].has_ooo, 0);
	assert_null(l.v[1].status_message);
	assert_null(l.v[2].availability);
	assert_string_equal(l.v[3].work_location_type, "timeOff");
	assert_null(l.v[3].work_location_place);
	/* A second page appends. */
	assert_int_equal(graph_parse_presences(body, len, &l, &cause), 0);
	assert_int_equal(l.n, 8);
	presence_list_done(&l);
	free(body);
}

/* Shapes that are not a collection are refused with a cause. */
static void
test_presences_bad_shapes(void **state)
{
	static const char *const bad[] = { "", "{", "null", "42", "\"x\"",
		"{\"value\":{}}", "{\"value\":\"x\"}", "{}", "<html>",
		"{\"value\":[]} trailing" };
	struct presence_list l;
	char *cause;
	size_t i;

	(void)state;
	memset(&l, 0, sizeof l);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		if (graph_parse_presences(bad[i], strlen(bad[i]), &l, &cause) ==
		        0 &&
		    strcmp(bad[i], "{\"value\":[]} trailing") != 0)
			fail_msg("'%s' accepted", bad[i]);
		free(cause);
	}
	assert_int_equal(l.n, 0);
	assert_int_equal(graph_parse_presences(NULL, 0, &l, &cause), -1);
	free(cause);
	/* A bare array is taken as the collection. */
	assert_int_equal(graph_parse_presences("[{\"id\":\"a\"}]",
	                     strlen("[{\"id\":\"a\"}]"), &l, NULL),
	    0);
	assert_int_equal(l.n, 1);
	presence_list_done(&l);
}

/* A graph_parse_known_cb: known when the pair "id/seq" is in a list. */
struct known_list {
	const char *const *pairs;
	char calls[512]; /* The ids asked, each followed by a space. */
};

static int
known_in_list(void *arg, const char *id, const char *seq)
{
	struct known_list *k = arg;
	char pair[128];
	size_t i;

	strncat(k->calls, id, sizeof k->calls - strlen(k->calls) - 1);
	strncat(k->calls, " ", sizeof k->calls - strlen(k->calls) - 1);
	snprintf(pair, sizeof pair, "%s/%s", id, seq);
	for (i = 0; k->pairs[i] != NULL; i++) {
		if (strcmp(k->pairs[i], pair) == 0)
			return 1;
	}
	return 0;
}

/*
 * Presences known unchanged are left out and counted; the others are
 * built whole, in the order of the answer. Ids are unescaped before they
 * are asked about, wherever the members are.
 */
static void
test_presences_known_left_out(void **state)
{
	static const char *const pairs[] = { "a/5", "c1/7", "d/9", "e\"/1",
		NULL };
	static const char body[] =
	    "{\"@odata.context\":\"x\",\"value\":["
	    "{\"id\":\"a\",\"availability\":\"Busy\",\"sequenceNumber\":\"5\"},"
	    "{\"id\":\"b\",\"availability\":\"Away\",\"sequenceNumber\":\"6\","
	    "\"statusMessage\":{\"message\":{\"content\":\"Out \\u00e9\","
	    "\"contentType\":\"text\"}}},"
	    "{\"id\":\"c\\u0031\",\"availability\":\"Away\","
	    "\"sequenceNumber\":\"7\"},"
	    "{\"sequenceNumber\":\"8\",\"availability\":\"Busy\",\"id\":\"d\"},"
	    "{\"i\\u0064\":\"e\\\"\",\"sequenceNumber\":\"1\"},"
	    "{\"id\":\"f\"}]}";
	struct known_list k = { pairs, "" };
	struct presence_list l;
	size_t nknown;
	char *cause = NULL;

	(void)state;
	memset(&l, 0, sizeof l);
	assert_int_equal(graph_parse_presences_known(body, strlen(body), &l,
	                     known_in_list, &k, &nknown, &cause),
	    0);
	assert_int_equal(nknown, 3);
	assert_string_equal(k.calls, "a b c1 d e\" ");
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].id, "b");
	assert_string_equal(l.v[0].sequence, "6");
	assert_string_equal(l.v[0].status_message, "Out \xc3\xa9");
	assert_string_equal(l.v[1].id, "d");
	assert_string_equal(l.v[1].availability, "Busy");
	assert_string_equal(l.v[2].id, "f");
	assert_null(l.v[2].sequence);
	presence_list_done(&l);
}

/* known for the agreement test: a sequenceNumber of "1" is known. */
static int
known_one(void *arg, const char *id, const char *seq)
{
	(void)arg;
	(void)id;
	return strcmp(seq, "1") == 0;
}

/* The parser and the plain reading agree on body (and *cause if refused). */
static void
agree(const char *body, size_t len)
{
	struct presence_list a, b;
	size_t ka = 99, kb = 99;
	char *cause = NULL;
	const char *diff;
	int ra, rb;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	ra = graph_parse_presences_known(body, len, &a, known_one, NULL, &ka,
	    &cause);
	rb = presences_ref(body, len, &b, known_one, NULL, &kb);
	if (ra != rb)
		fail_msg("'%.*s': %d, the tree %d", (int)len, body, ra, rb);
	if (ra == 0 && ka != kb)
		fail_msg("'%.*s': %zu known, the tree %zu", (int)len, body, ka,
		    kb);
	if ((diff = presences_ref_diff(&a, &b)) != NULL)
		fail_msg("'%.*s': %s differs", (int)len, body, diff);
	if (ra != 0 && cause == NULL)
		fail_msg("'%.*s': refused without a cause", (int)len, body);
	free(cause);
	presence_list_done(&a);
	presence_list_done(&b);
}

/*
 * Hostile answers read exactly as the whole tree reads them: duplicate
 * ids and members, missing ids, escapes in ids and member names, nested
 * look-alikes, odd numbers and literals, and every truncation of each.
 */
static void
test_presences_known_hostile(void **state)
{
	static const char *const bodies[] = {
		"{\"value\":[{\"id\":\"a\",\"sequenceNumber\":\"1\","
		"\"availability\":\"Busy\"},{\"id\":\"a\",\"sequenceNumber\":"
		"\"2\",\"availability\":\"Away\"},{\"id\":\"a\","
		"\"sequenceNumber\":\"1\"}]}",
		"{\"value\":[{\"id\":\"a\",\"id\":\"b\",\"sequenceNumber\":\"2\"},"
		"{\"id\":7,\"id\":\"x\",\"sequenceNumber\":\"2\"},"
		"{\"sequenceNumber\":\"1\",\"sequenceNumber\":\"2\",\"id\":\"y\"},"
		"{\"sequenceNumber\":2,\"sequenceNumber\":\"1\",\"id\":\"z\"},"
		"{\"id\":\"n\",\"sequenceNumber\":1}]}",
		"{\"value\":[{\"availability\":\"Busy\",\"sequenceNumber\":\"1\"},"
		"{\"id\":null},{\"id\":\"\",\"sequenceNumber\":\"1\"},{},"
		"{\"id\":\"\",\"sequenceNumber\":\"\"},{\"ID\":\"up\"}]}",
		"{\"value\":[{\"i\\u0064\":\"esc-key\",\"sequenceNumber\":\"2\"},"
		"{\"id\":\"a\\\"b\\\\c\\/d\\n\\t\\b\\f\\r\",\"sequenceNumber\":"
		"\"1\"},{\"id\":\"\\u00e9\\u4E2D\",\"sequenceNumber\":\"2\"},"
		"{\"id\":\"x\",\"sequence\\u004eumber\":\"1\"},"
		"{\"id\":\"\\ud83d\\ude00\",\"sequenceNumber\":\"2\"},"
		"{\"id\":\"s\",\"sequenceNumber\":\"\\u0031\"},"
		"{\"id\":\"nul\\u0000x\",\"sequenceNumber\":\"2\"}]}",
		"{\"value\":[{\"id\":\"\\udc00\",\"sequenceNumber\":\"2\"}]}",
		"{\"value\":[{\"id\":\"\\ud800x\",\"sequenceNumber\":\"2\"}]}",
		"{\"value\":[{\"id\":\"\\x\"}]}",
		"{\"value\":[{\"id\":\"\\u12g4\"}]}",
		"{\"value\":[{\"id\":\"n\",\"sequenceNumber\":\"2\","
		"\"statusMessage\":{\"id\":\"inner\",\"sequenceNumber\":\"1\","
		"\"message\":{\"content\":\"[{\\\"id\\\":\\\"fake\\\"}]\","
		"\"contentType\":\"text\"},\"expiryDateTime\":{\"dateTime\":"
		"\"2026-01-01T00:00:00\",\"timeZone\":\"UTC\"}},"
		"\"outOfOfficeSettings\":{\"isOutOfOffice\":true,\"message\":"
		"\"x\"},\"workLocation\":{\"workLocationType\":\"office\","
		"\"source\":\"manual\",\"placeId\":\"p\"}},"
		"[1,2,{\"id\":\"q\"}],\"str\",3,null,true,false,{\"id\":\"k\","
		"\"sequenceNumber\":\"1\"}]}",
		"[{\"id\":\"r\",\"sequenceNumber\":\"1\"},{\"id\":\"s\","
		"\"sequenceNumber\":\"2\"}]",
		"{\"value\":[{\"id\":\"first\",\"sequenceNumber\":\"2\"}],"
		"\"value\":[{\"id\":\"second\",\"sequenceNumber\":\"2\"}]}",
		"{\"other\":{\"value\":[]},\"value\":[{\"id\":\"v\","
		"\"sequenceNumber\":\"2\"}],\"@odata.context\":\"x\"}",
		"{\"v\\u0061lue\":[{\"id\":\"v\"}]}",
		"{\"value\":{},\"value\":[{\"id\":\"x\"}]}",
		"{\"value\":[{\"id\":\"num\",\"sequenceNumber\":12345678901234,"
		"\"n\":-0.5e+10,\"m\":1E3,\"z\":0,\"f\":-0.0,\"i\":1e-7,"
		"\"big\":1234567890123456789012345678901234567890,"
		"\"inf\":1e999}]}",
		" \n\t{ \"value\" : [ { \"id\" : \"w\" , \"sequenceNumber\" : "
		"\"1\" } , { \"id\":\"w2\" } ] } \r\n",
		"\xef\xbb\xbf{\"value\":[{\"id\":\"bom\",\"sequenceNumber\":\"2\"}]}",
		"{\"value\":[{\"id\":\"t\"}]} trailing",
		"{\"value\":[{\"id\":\"t\"}]}}",
		"{\"value\":[{\"id\":\"t\",\"x\":tru}]}",
		"{\"value\":[{\"id\":\"t\",\"x\":nul}]}",
		"{\"value\":[{\"id\":\"t\",\"x\":01}]}",
		"{\"value\":[{\"id\":\"t\",\"x\":-}]}",
		"{\"value\":[{\"id\":\"t\",\"x\":1.}]}",
		"{\"value\":[{\"id\":\"t\",\"x\":+1}]}",
		"{\"value\":[{\"id\":\"t\",\"x\":.5}]}",
		"{\"value\":[{\"id\":\"t\",}]}",
		"{\"value\":[{\"id\":\"t\"},]}",
		"{\"value\":[{\"id\":\"t\" \"x\":1}]}",
		"{\"value\":[{\"id\"}]}",
		"{\"value\":[{1:2}]}",
		"{\"value\":[{\"id\":\"tab\there\",\"sequenceNumber\":\"1\"},"
		"{\"id\":\"bad\xff\xfe utf8\",\"sequenceNumber\":\"2\"}]}",
		"{\"value\":[{\"id\":\"a\"}\x01]}",
		"",
		" ",
		"{}",
		"[]",
		"{\"value\":[]}",
		"null",
		"[1]",
		"\"x\"",
		"{\"value\":null}",
		"{\"value\":[[]]}",
		"{\"value\":[{}]}",
	};
	static const char nul[] = "{\"value\":[{\"id\":\"a\0b\","
	                          "\"sequenceNumber\":\"2\"},{\"id\":\"c\","
	                          "\"sequenceNumber\":\"1\0\"},{\"i\0d\":"
	                          "\"d\"}]}";
	static const char head[] = "{\"value\":[{\"id\":\"d\",\"x\":";
	char *deep;
	size_t i, j, len;

	(void)state;
	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		len = strlen(bodies[i]);
		for (j = 0; j <= len; j++)
			agree(bodies[i], j);
	}
	for (j = 0; j <= sizeof nul - 1; j++)
		agree(nul, j);

	/* Nesting: within the scan's depth, beyond it, beyond cJSON's. */
	for (i = 0; i < 3; i++) {
		len = i == 0 ? 100 : i == 1 ? 200 : 1100;
		deep = xmalloc(2 * len + 64);
		strcpy(deep, head);
		memset(deep + sizeof head - 1, '[', len);
		memset(deep + sizeof head - 1 + len, ']', len);
		strcpy(deep + sizeof head - 1 + 2 * len, "}]}");
		agree(deep, strlen(deep));
		free(deep);
	}
}

/* Single presence: garbage, empty and an error body are refused. */
static void
test_presence_bad_bodies(void **state)
{
	static const char *const bad[] = { "", "garbage", "[]", "[1]",
		"{\"error\":{\"code\":\"NotFound\",\"message\":\"x\"}}", "{}",
		"true" };
	struct presence p;
	char *cause;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		if (graph_parse_presence(bad[i], strlen(bad[i]), &p, &cause) ==
		    0)
			fail_msg("'%s' accepted", bad[i]);
		assert_non_null(cause);
		assert_null(p.id);
		free(cause);
	}
	/* The length is honoured: a body cut short is not JSON. */
	assert_int_equal(graph_parse_presence("{\"id\":\"a\"}", 5, &p, NULL),
	    -1);
}

/* A 1 MB status message is kept whole. */
static void
test_presence_huge_string(void **state)
{
	struct presence p;
	char *body;
	size_t n = 1024 * 1024, i;

	(void)state;
	body = xmalloc(n + 128);
	i = (size_t)sprintf(body,
	    "{\"id\":\"a\",\"statusMessage\":{"
	    "\"message\":{\"content\":\"");
	memset(body + i, 'x', n);
	i += n;
	strcpy(body + i, "\"}}}");
	parse_one(body, &p);
	assert_int_equal(strlen(p.status_message), n);
	presence_done(&p);
	free(body);
}

/* Nesting deeper than cJSON's limit is refused, not a crash. */
static void
test_deep_nesting_refused(void **state)
{
	struct presence_list l;
	char *body, *cause = NULL;
	size_t depth = 100000, i;

	(void)state;
	memset(&l, 0, sizeof l);
	body = xmalloc(depth * 2 + 32);
	i = (size_t)sprintf(body, "{\"value\":");
	memset(body + i, '[', depth);
	memset(body + i + depth, ']', depth);
	strcpy(body + i + 2 * depth, "}");
	assert_int_equal(graph_parse_presences(body, strlen(body), &l, &cause),
	    -1);
	free(cause);
	free(body);
	/* Deep but allowed: skipped as not an object. */
	assert_int_equal(graph_parse_presences("{\"value\":[[[[[[{}]]]]]]}",
	                     strlen("{\"value\":[[[[[[{}]]]]]]}"), &l, NULL),
	    0);
	assert_int_equal(l.n, 0);
	presence_list_done(&l);
}

/* Invalid UTF-8 and escapes are kept verbatim (text.c sanitises). */
static void
test_invalid_utf8_kept(void **state)
{
	struct presence p;

	(void)state;
	parse_one("{\"id\":\"a\",\"availability\":\"Bu\xffsy\","
	          "\"statusMessage\":{\"message\":{\"content\":"
	          "\"\\u001b]52;c;AAAA\\u0007hi\"}}}",
	    &p);
	assert_string_equal(p.availability, "Bu\xffsy");
	assert_string_equal(p.status_message, "\x1b]52;c;AAAA\x07hi");
	presence_done(&p);
}

/* Graph's error body: code, message, request id (either spelling). */
static void
test_error_graph(void **state)
{
	char *body, *code, *msg, *rid;
	size_t len;
	const char *old = "{\"error\":{\"code\":\"NotFound\",\"message\":\"\","
	                  "\"innererror\":{\"request-id\":\"r1\"}}}";

	(void)state;
	body = load("error-graph.json", &len);
	assert_int_equal(graph_parse_error(body, len, &code, &msg, &rid), 0);
	assert_string_equal(code, "activityLimitReached");
	assert_string_equal(msg, "The request has been throttled");
	assert_string_equal(rid, "93b6f17e-c05d-4f45-ad2a-6665c708d8a0");
	free(code);
	free(msg);
	free(rid);
	free(body);
	assert_int_equal(graph_parse_error(old, strlen(old), &code, &msg, &rid),
	    0);
	assert_string_equal(code, "NotFound");
	assert_string_equal(msg, "");
	assert_string_equal(rid, "r1");
	free(code);
	free(msg);
	free(rid);
}

/* OAuth's error body: error and error_description. */
static void
test_error_oauth(void **state)
{
	char *body, *code, *msg, *rid;
	size_t len;

	(void)state;
	body = load("error-oauth.json", &len);
	assert_int_equal(graph_parse_error(body, len, &code, &msg, &rid), 0);
	assert_string_equal(code, "invalid_scope");
	assert_non_null(strstr(msg, "AADSTS70011"));
	assert_string_equal(rid, "255d1aef-8c98-452f-ac51-23d051240864");
	free(code);
	free(msg);
	free(rid);
	free(body);
	/* Only the parts asked for. */
	assert_int_equal(graph_parse_error("{\"error\":\"x\"}",
	                     strlen("{\"error\":\"x\"}"), &code, NULL, NULL),
	    0);
	assert_string_equal(code, "x");
	free(code);
}

/* An OAuth description without an error is still an error body. */
static void
test_error_description_alone(void **state)
{
	static const char body[] = "{\"error_description\":\"AADSTS90002\"}";
	char *code, *msg, *rid;

	(void)state;
	assert_int_equal(graph_parse_error(body, strlen(body), &code, &msg,
	                     &rid),
	    0);
	assert_null(code);
	assert_string_equal(msg, "AADSTS90002");
	assert_null(rid);
	free(msg);
}

/* Error bodies that are not errors: -1, outputs NULL. */
static void
test_error_not_an_error(void **state)
{
	static const char *const bad[] = { "", "<html>500</html>", "{}",
		"{\"error\":null}", "{\"error\":42}", "[]",
		"{\"error\":{\"code\":7}}" };
	char *code, *msg, *rid;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		code = msg = rid = (char *)1;
		if (graph_parse_error(bad[i], strlen(bad[i]), &code, &msg,
		        &rid) == 0) {
			/* {"code":7}: an error object with a numeric code. */
			assert_string_equal(code, "7");
			assert_null(msg);
			free(code);
			continue;
		}
		assert_null(code);
		assert_null(msg);
		assert_null(rid);
	}
}

/* A /users page: users with ids, and the next link. */
static void
test_users_page(void **state)
{
	struct user_list l;
	char *body, *next, *cause = NULL;
	size_t len;

	(void)state;
	memset(&l, 0, sizeof l);
	body = load("users-page.json", &len);
	assert_int_equal(graph_parse_users(body, len, &l, &next, &cause), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].display_name, "Adele Vance");
	assert_string_equal(l.v[0].upn, "AdeleV@contoso.com");
	assert_string_equal(l.v[0].department, "Retail");
	assert_string_equal(l.v[0].job_title, "Retail Manager");
	assert_string_equal(l.v[1].display_name,
	    "\xe5\xb1\xb1\xe7\x94\xb0 \xe5\xa4\xaa\xe9\x83\x8e");
	assert_null(l.v[1].mail);
	assert_null(l.v[1].job_title);
	assert_non_null(strstr(next, "$skiptoken=RFNwdAIAAQAAAD8"));
	free(next);
	/* The last page has no next link. */
	assert_int_equal(graph_parse_users("{\"value\":[]}",
	                     strlen("{\"value\":[]}"), &l, &next, NULL),
	    0);
	assert_null(next);
	assert_int_equal(l.n, 2);
	user_list_done(&l);
	free(body);
	assert_int_equal(graph_parse_users("{\"x\":1}", strlen("{\"x\":1}"), &l,
	                     &next, &cause),
	    -1);
	assert_null(next);
	free(cause);
}

/* Members: users kept, groups reported, other objects skipped. */
static void
test_members(void **state)
{
	struct user_list u;
	struct group_list g;
	char *body, *next;
	size_t len;

	(void)state;
	memset(&u, 0, sizeof u);
	memset(&g, 0, sizeof g);
	body = load("members.json", &len);
	assert_int_equal(graph_parse_members(body, len, &u, &g, &next, NULL),
	    0);
	assert_int_equal(u.n, 2);
	assert_string_equal(u.v[0].display_name, "Adele Vance");
	assert_null(u.v[1].display_name);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.v[0].display_name, "HR Taskforce");
	assert_null(next);
	/* Groups may be ignored. */
	assert_int_equal(graph_parse_members(body, len, &u, NULL, NULL, NULL),
	    0);
	assert_int_equal(u.n, 4);
	user_list_done(&u);
	group_list_done(&g);
	free(body);
}

/* A /groups page. */
static void
test_groups(void **state)
{
	struct group_list g;
	char *body, *next;
	size_t len;

	(void)state;
	memset(&g, 0, sizeof g);
	body = load("groups.json", &len);
	assert_int_equal(graph_parse_groups(body, len, &g, &next, NULL), 0);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.v[0].id, "02bd9fd6-8f93-4758-87c3-1fb73740a315");
	assert_null(g.v[1].display_name);
	group_list_done(&g);
	group_list_done(NULL);
	free(body);
}

/* A page's @odata.count, -1 when it has none; not JSON is an error. */
static void
test_count(void **state)
{
	static const char counted[] = "{\"@odata.count\":73,\"value\":[]}";
	static const char plain[] = "{\"value\":[]}";
	static const char odd[] = "{\"@odata.count\":\"12\",\"value\":[]}";
	char *cause = NULL;
	long n;

	(void)state;
	assert_int_equal(graph_parse_count(counted, strlen(counted), &n,
	                     &cause),
	    0);
	assert_int_equal(n, 73);
	assert_int_equal(graph_parse_count(plain, strlen(plain), &n, &cause),
	    0);
	assert_int_equal(n, -1);
	assert_int_equal(graph_parse_count(odd, strlen(odd), &n, &cause), 0);
	assert_int_equal(n, -1);
	assert_int_equal(graph_parse_count("{", 1, &n, &cause), -1);
	assert_int_equal(n, -1);
	assert_non_null(cause);
	free(cause);
}

/* $batch: ids, statuses, Retry-After, bodies as text, in any order. */
static void
test_batch(void **state)
{
	struct batch_list b;
	char *body, *code, *msg;
	size_t len;

	(void)state;
	memset(&b, 0, sizeof b);
	body = load("batch.json", &len);
	assert_int_equal(graph_parse_batch(body, len, &b, NULL), 0);
	assert_int_equal(b.n, 5);
	assert_string_equal(b.v[0].id, "2");
	assert_int_equal(b.v[0].status, 200);
	assert_int_equal(b.v[0].retry_after, -1);
	assert_non_null(strstr(b.v[0].body, "\"displayName\":\"Taro\""));
	assert_string_equal(b.v[1].id, "1");
	assert_int_equal(b.v[1].status, 404);
	assert_int_equal(graph_parse_error(b.v[1].body, strlen(b.v[1].body),
	                     &code, &msg, NULL),
	    0);
	assert_string_equal(code, "Request_ResourceNotFound");
	free(code);
	free(msg);
	assert_int_equal(b.v[2].status, 429);
	assert_int_equal(b.v[2].retry_after, 41);
	assert_int_equal(b.v[3].status, 204);
	assert_null(b.v[3].body);
	assert_string_equal(b.v[4].id, "5");
	assert_int_equal(b.v[4].status, 200);
	assert_string_equal(b.v[4].body, "dGV4dA==");
	batch_list_done(&b);
	free(body);
	assert_int_equal(graph_parse_batch("{\"responses\":{}}",
	                     strlen("{\"responses\":{}}"), &b, NULL),
	    -1);
	assert_int_equal(graph_parse_batch("{\"responses\":[{\"status\":1e300}"
	                                   "]}",
	                     strlen("{\"responses\":[{\"status\":1e300}"
	                            "]}"),
	                     &b, NULL),
	    0);
	assert_int_equal(b.v[0].status, 0);
	batch_list_done(&b);
}

/* Token answers: client credentials and refresh. */
static void
test_token(void **state)
{
	struct token_response t;
	char *body, *cause = NULL;
	size_t len;

	(void)state;
	body = load("token.json", &len);
	assert_int_equal(graph_parse_token(body, len, &t, &cause), 0);
	assert_string_equal(t.token_type, "Bearer");
	assert_int_equal(t.expires_in, 3599);
	assert_non_null(t.access_token);
	assert_null(t.refresh_token);
	token_response_done(&t);
	free(body);
	body = load("token-refresh.json", &len);
	assert_int_equal(graph_parse_token(body, len, &t, &cause), 0);
	assert_int_equal(t.expires_in, 4567);
	assert_string_equal(t.refresh_token, "rt-2");
	assert_string_equal(t.scope, "Presence.Read.All User.ReadBasic.All");
	token_response_done(&t);
	free(body);
}

/* A token answer without a token is refused; the cause holds no secret. */
static void
test_token_refused(void **state)
{
	struct token_response t;
	char *body, *cause = NULL;
	size_t len;

	(void)state;
	body = load("error-oauth.json", &len);
	assert_int_equal(graph_parse_token(body, len, &t, &cause), -1);
	assert_non_null(strstr(cause, "no access_token"));
	assert_null(t.access_token);
	free(cause);
	free(body);
	token_response_done(&t);
	assert_int_equal(graph_parse_token("{\"access_token\":\"\"}",
	                     strlen("{\"access_token\":\"\"}"), &t, &cause),
	    -1);
	free(cause);
	assert_int_equal(graph_parse_token("{\"access_token\":5}",
	                     strlen("{\"access_token\":5}"), &t, &cause),
	    -1);
	free(cause);
	assert_int_equal(graph_parse_token("", strlen(""), &t, &cause), -1);
	free(cause);
	assert_int_equal(graph_parse_token("{\"access_token\":\"a\","
	                                   "\"expires_in\":\"soon\"}",
	                     strlen("{\"access_token\":\"a\","
	                            "\"expires_in\":\"soon\"}"),
	                     &t, NULL),
	    0);
	assert_int_equal(t.expires_in, -1);
	token_response_done(&t);
}

/* A refusal says why, in OAuth's form, Graph's form, or a bare description. */
static void
test_token_refusal_fields(void **state)
{
	static const char graph_form[] =
	    "{\"error\":{\"code\":\"invalid_client\",\"message\":"
	    "\"AADSTS7000215: bad secret\"},\"error_description\":\"no\"}";
	static const char bare[] = "{\"error_description\":\"AADSTS90002: "
	                           "no tenant\",\"error_codes\":[\"x\"]}";
	static const char huge[] =
	    "{\"error\":\"e\",\"error_codes\":[1e300,2]}";
	struct token_response t;
	char *body;
	size_t len;

	(void)state;
	body = load("error-oauth.json", &len);
	assert_int_equal(graph_parse_token(body, len, &t, NULL), -1);
	assert_string_equal(t.error, "invalid_scope");
	assert_non_null(strstr(t.error_description, "AADSTS70011"));
	assert_int_equal(t.error_code, 70011);
	token_response_done(&t);
	assert_null(t.error);
	free(body);

	assert_int_equal(graph_parse_token(graph_form, strlen(graph_form), &t,
	                     NULL),
	    -1);
	assert_string_equal(t.error, "invalid_client");
	assert_string_equal(t.error_description, "AADSTS7000215: bad secret");
	assert_int_equal(t.error_code, 0);
	token_response_done(&t);

	assert_int_equal(graph_parse_token(bare, strlen(bare), &t, NULL), -1);
	assert_null(t.error);
	assert_string_equal(t.error_description, "AADSTS90002: no tenant");
	assert_int_equal(t.error_code, 0);
	token_response_done(&t);

	assert_int_equal(graph_parse_token(huge, strlen(huge), &t, NULL), -1);
	assert_true(t.error_code > 0);
	token_response_done(&t);

	/* A good answer has no refusal. */
	body = load("token.json", &len);
	assert_int_equal(graph_parse_token(body, len, &t, NULL), 0);
	assert_null(t.error);
	assert_null(t.error_description);
	assert_int_equal(t.error_code, 0);
	token_response_done(&t);
	free(body);
}

/* A device code answer. */
static void
test_device_code(void **state)
{
	struct device_code_response d;
	char *body, *cause = NULL;
	size_t len;

	(void)state;
	body = load("device-code.json", &len);
	assert_int_equal(graph_parse_device_code(body, len, &d, &cause), 0);
	assert_string_equal(d.user_code, "FJ4KQ3RLD");
	assert_string_equal(d.verification_uri,
	    "https://microsoft.com/devicelogin");
	assert_int_equal(d.expires_in, 900);
	assert_int_equal(d.interval, 5);
	assert_non_null(strstr(d.message, "FJ4KQ3RLD"));
	device_code_response_done(&d);
	free(body);
	assert_int_equal(graph_parse_device_code("{}", strlen("{}"), &d,
	                     &cause),
	    -1);
	free(cause);
}

/* Random mutations of every sample never crash or leak. */
static void
test_mutations_never_crash(void **state)
{
	static const char *const files[] = { "presence-me.json",
		"presences.json", "error-graph.json", "users-page.json",
		"members.json", "batch.json", "token.json" };
	static const char noise[] = "{}[]\",:0\\nu\xff";
	struct presence p;
	struct presence_list pl;
	struct user_list ul;
	struct group_list gl;
	struct batch_list bl;
	struct token_response t;
	char *body, *cause, *code, *msg, *rid, *next;
	unsigned int seed = 99;
	size_t len, f, k;
	int i, j;

	(void)state;
	for (f = 0; f < sizeof files / sizeof files[0]; f++) {
		body = load(files[f], &len);
		for (i = 0; i < 300; i++) {
			char *m = xmalloc(len + 1);

			memcpy(m, body, len + 1);
			for (j = 0; j < 4; j++) {
				k = rand_r(&seed) % len;
				m[k] =
				    noise[rand_r(&seed) % (sizeof noise - 1)];
			}
			memset(&pl, 0, sizeof pl);
			memset(&ul, 0, sizeof ul);
			memset(&gl, 0, sizeof gl);
			memset(&bl, 0, sizeof bl);
			cause = NULL;
			if (graph_parse_presence(m, len, &p, &cause) == 0)
				presence_done(&p);
			free(cause);
			cause = NULL;
			graph_parse_presences(m, len, &pl, &cause);
			free(cause);
			if (graph_parse_error(m, len, &code, &msg, &rid) == 0) {
				free(code);
				free(msg);
				free(rid);
			}
			cause = next = NULL;
			graph_parse_members(m, len, &ul, &gl, &next, &cause);
			free(cause);
			free(next);
			cause = NULL;
			graph_parse_batch(m, len, &bl, &cause);
			free(cause);
			cause = NULL;
			graph_parse_token(m, len, &t, &cause);
			token_response_done(&t);
			free(cause);
			presence_list_done(&pl);
			user_list_done(&ul);
			group_list_done(&gl);
			batch_list_done(&bl);
			free(m);
		}
		free(body);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_presence_me_all_fields),
		cmocka_unit_test(test_presence_other_user),
		cmocka_unit_test(test_presence_wrapped),
		cmocka_unit_test(test_presence_wrong_types),
		cmocka_unit_test(test_presences_collection),
		cmocka_unit_test(test_presences_bad_shapes),
		cmocka_unit_test(test_presences_known_left_out),
		cmocka_unit_test(test_presences_known_hostile),
		cmocka_unit_test(test_presence_bad_bodies),
		cmocka_unit_test(test_presence_huge_string),
		cmocka_unit_test(test_deep_nesting_refused),
		cmocka_unit_test(test_invalid_utf8_kept),
		cmocka_unit_test(test_error_graph),
		cmocka_unit_test(test_error_oauth),
		cmocka_unit_test(test_error_not_an_error),
		cmocka_unit_test(test_error_description_alone),
		cmocka_unit_test(test_users_page),
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_batch),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_token),
		cmocka_unit_test(test_token_refused),
		cmocka_unit_test(test_token_refusal_fields),
		cmocka_unit_test(test_device_code),
		cmocka_unit_test(test_mutations_never_crash),
	};

	return cmocka_run_group_tests_name("graph_parse", tests, NULL, NULL);
}
