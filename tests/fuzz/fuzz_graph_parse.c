/*
 * libFuzzer harness for the Graph JSON parsers: every parser, then the
 * sanitiser and the output on whatever a presence parse produced, and the
 * raw bytes through the text functions (folding and edit distance too).
 * Not part of make check; build and run with tests/fuzz/run.sh.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_parse.h"
#include "output.h"
#include "presence.h"
#include "presences_ref.h"
#include "text.h"
#include "user.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Known unchanged for some pairs, from their bytes: both ways are tried. */
static int
fuzz_known(void *arg, const char *id, const char *seq)
{
	(void)arg;
	return ((unsigned char)id[0] ^ (unsigned char)seq[0]) & 1;
}

/*
 * The presences left out as known, by the light scan, must be those the
 * whole tree leaves out, and the others the same presences.
 */
static void
fuzz_known_agrees(const char *body, size_t size)
{
	struct presence_list a, b;
	size_t ka = 0, kb = 0;
	char *cause = NULL;
	int ra, rb;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	ra = graph_parse_presences_known(body, size, &a, fuzz_known, NULL, &ka,
	    &cause);
	rb = presences_ref(body, size, &b, fuzz_known, NULL, &kb);
	if (ra != rb || ka != kb || presences_ref_diff(&a, &b) != NULL ||
	    (ra != 0 && cause == NULL))
		abort();
	free(cause);
	presence_list_done(&a);
	presence_list_done(&b);
}

/* Run every parser on one input; nothing may crash or leak. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body = (const char *)data;
	struct presence p;
	struct presence_list pl;
	struct user_list ul;
	struct group_list gl;
	struct batch_list bl;
	struct token_response t;
	struct device_code_response d;
	char *cause = NULL, *code, *msg, *rid, *next = NULL, *s, *z, *g;
	long count;
	FILE *f;

	memset(&pl, 0, sizeof pl);
	memset(&ul, 0, sizeof ul);
	memset(&gl, 0, sizeof gl);
	memset(&bl, 0, sizeof bl);

	if (graph_parse_presence(body, size, &p, &cause) == 0) {
		s = text_sanitize(p.status_message);
		free(s);
		s = text_fit(p.availability, 12);
		free(s);
		presence_done(&p);
	}
	free(cause);
	cause = NULL;
	if (graph_parse_presences(body, size, &pl, &cause) == 0 &&
	    (f = fopen("/dev/null", "w")) != NULL) {
		output_print(f, OUTPUT_TABLE, NULL, &pl, 1);
		output_print(f, OUTPUT_CSV, NULL, &pl, 1);
		output_print(f, OUTPUT_JSON, NULL, &pl, 1);
		fclose(f);
	}
	free(cause);
	cause = NULL;
	fuzz_known_agrees(body, size);
	if (graph_parse_error(body, size, &code, &msg, &rid) == 0) {
		free(code);
		free(msg);
		free(rid);
	}
	graph_parse_users(body, size, &ul, &next, &cause);
	free(next);
	free(cause);
	cause = next = NULL;
	graph_parse_members(body, size, &ul, &gl, &next, &cause);
	free(next);
	free(cause);
	cause = next = NULL;
	graph_parse_groups(body, size, &gl, &next, &cause);
	free(next);
	free(cause);
	cause = NULL;
	graph_parse_count(body, size, &count, &cause);
	free(cause);
	cause = NULL;
	graph_parse_batch(body, size, &bl, &cause);
	free(cause);
	cause = NULL;
	graph_parse_token(body, size, &t, &cause);
	token_response_done(&t);
	free(cause);
	cause = NULL;
	if (graph_parse_device_code(body, size, &d, &cause) == 0)
		device_code_response_done(&d);
	free(cause);

	/* The raw bytes through the text functions too. */
	z = malloc(size + 1);
	if (z != NULL) {
		memcpy(z, data, size);
		z[size] = '\0';
		s = text_sanitize(z);
		text_width(s);
		free(s);
		s = text_fit(z, (int)(size % 40));
		if (text_width(s) != (int)(size % 40))
			abort();
		free(s);
		/* Folding: never more than 3 bytes a byte, and stable. */
		s = text_fold(z);
		g = text_fold(s);
		if (strlen(s) > 3 * strlen(z) || strcmp(s, g) != 0)
			abort();
		text_distance(z, s);
		free(g);
		free(s);
		free(z);
	}

	presence_list_done(&pl);
	user_list_done(&ul);
	group_list_done(&gl);
	batch_list_done(&bl);
	return 0;
}
