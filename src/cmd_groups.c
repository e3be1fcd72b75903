/*
 * teamtop groups [PATTERN]: the directory's groups whose name holds
 * PATTERN (ignoring case and accents; with * or ? a wildcard pattern for
 * the whole name), in the locale's order, with their member counts.
 */
#include "config.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "graph.h"
#include "graph_parse.h"
#include "output.h"
#include "roster.h"
#include "text.h"
#include "xmalloc.h"

/* Does a group's name match the folded pattern (NULL matches all)? */
static int
cmd_groups_match(const char *name, const char *pattern)
{
	char *f;
	int m;

	if (pattern == NULL)
		return 1;
	f = text_fold(name);
	if (strpbrk(pattern, "*?") != NULL)
		m = fnmatch(pattern, f, 0) == 0;
	else
		m = strstr(f, pattern) != NULL;
	free(f);
	return m;
}

/* Order groups by name in the locale's collation, then by id. */
static int
cmd_groups_cmp(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;
	int c;

	c = strcoll(a->display_name != NULL ? a->display_name : "",
	    b->display_name != NULL ? b->display_name : "");
	if (c == 0)
		c = strcmp(a->id, b->id);
	return c;
}

/* teamtop groups [PATTERN]: list groups with their member counts. */
int
cmd_groups_exec(struct cmd_args *args)
{
	struct group_list all, shown;
	struct output_opts o;
	struct graph_error e;
	struct graph *g;
	char *pattern = NULL;
	long *counts = NULL;
	size_t i;
	int rc;

	if (args->argc > 1)
		return cmd_usage_error(cmd_find("groups"),
		    "one PATTERN at most: quote a name with spaces");
	if ((g = cmd_graph(args, &rc)) == NULL)
		return rc;
	memset(&all, 0, sizeof all);
	memset(&shown, 0, sizeof shown);
	graph_error_init(&e);
	if (roster_groups(g, &all, &e) != 0) {
		rc = cmd_fail("groups", &e);
		goto out;
	}
	if (args->argc == 1)
		pattern = text_fold(args->argv[0]);
	for (i = 0; i < all.n; i++) {
		if (!cmd_groups_match(all.v[i].display_name, pattern))
			continue;
		shown.v =
		    xgrowarray(shown.v, shown.n, &shown.cap, sizeof *shown.v);
		shown.v[shown.n++] = all.v[i];
		memset(&all.v[i], 0, sizeof all.v[i]);
	}
	if (shown.n != 0)
		qsort(shown.v, shown.n, sizeof *shown.v, cmd_groups_cmp);
	counts = xcalloc(shown.n + 1, sizeof *counts);
	if (roster_count_members(g, &shown, counts, &e) != 0) {
		rc = cmd_fail("groups", &e);
		goto out;
	}
	cmd_output_opts(args, &o);
	rc = output_groups(stdout, (enum output_format)args->format, &shown,
	    counts, &o);
	if (rc == 0 && shown.n == 0 && pattern != NULL) {
		fprintf(stderr, "teamtop groups: no group's name holds '%s'\n",
		    args->argv[0]);
		rc = 1;
	}
out:
	free(counts);
	free(pattern);
	group_list_done(&all);
	group_list_done(&shown);
	graph_error_done(&e);
	graph_free(g);
	return rc;
}
