/*
 * Tests of the Graph calls and the roster against graphsim: chunking and
 * order of getPresencesByUserId, the communications path, object ids,
 * refusals, and groups.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "action.h"
#include "cfg.h"
#include "graph.h"
#include "helpers.h"
#include "presence.h"
#include "roster.h"
#include "user.h"
#include "xmalloc.h"

/* A graphsim for the tests that talk to one. */
struct sim {
	struct graphsim gs;
	struct cfg cfg;
	struct graph *graph;
	struct user_list users;
};

/* Start graphsim with 700 people and a Graph client pointed at it. */
static int
sim_setup(void **state)
{
	struct sim *sim;
	char *cause = NULL;
	struct graph_error e;

	sim = xcalloc(1, sizeof *sim);
	if (graphsim_start(&sim->gs, "test_roster", "700") != 0)
		return -1;
	if (graphsim_cfg(&sim->cfg, sim->gs.url, &cause) != 0)
		return -1;
	if ((sim->graph = graph_new(&sim->cfg, &cause)) == NULL)
		return -1;
	graph_error_init(&e);
	if (roster_resolve(sim->graph, &sim->cfg, &sim->users, NULL, NULL, NULL,
	        &e) != 0 ||
	    sim->users.n != 700)
		return -1;
	*state = sim;
	return 0;
}

/* Stop graphsim and free the client. */
static int
sim_teardown(void **state)
{
	struct sim *sim = *state;

	if (sim == NULL)
		return 0;
	graph_free(sim->graph);
	user_list_done(&sim->users);
	cfg_done(&sim->cfg);
	graphsim_stop(&sim->gs);
	free(sim);
	return 0;
}

/* How many requests graphsim counted for a route since the last reset. */
static int
sim_count(struct sim *sim, const char *route, int reset)
{
	struct graph_error e;
	cJSON *root, *n;
	char *url, *body = NULL;
	int count = -1;

	graph_error_init(&e);
	xasprintf(&url, "%s/_graphsim/stats%s", sim->gs.url,
	    reset ? "/reset" : "");
	if (graph_request(sim->graph, reset ? "POST" : "GET", url,
	        reset ? "{}" : NULL, NULL, &body, &e) == 0 &&
	    !reset) {
		root = cJSON_Parse(body);
		n = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "by_route"),
		    route);
		count = cJSON_IsNumber(n) ? n->valueint : 0;
		cJSON_Delete(root);
	}
	free(body);
	free(url);
	graph_error_done(&e);
	return count;
}

/* 700 ids in reverse order: two requests, answers in the order asked. */
static void
test_presences_chunked_in_order(void **state)
{
	struct sim *sim = *state;
	struct presence_list list;
	struct graph_error e;
	const char **ids;
	size_t i, n = sim->users.n;

	memset(&list, 0, sizeof list);
	graph_error_init(&e);
	ids = xcalloc(n, sizeof *ids);
	for (i = 0; i < n; i++)
		ids[i] = sim->users.v[n - 1 - i].id;
	sim_count(sim, NULL, 1);
	assert_int_equal(graph_get_presences(sim->graph, ids, n, &list, &e), 0);
	assert_int_equal(list.n, n);
	for (i = 0; i < n; i++)
		assert_string_equal(list.v[i].id, ids[i]);
	assert_int_equal(sim_count(sim,
	                     "POST /communications/getPresencesByUserId", 0),
	    2);
	presence_list_done(&list);
	free(ids);
}

/* The communications path reads the same person as /users/{id}/presence. */
static void
test_communications_path_reads_one(void **state)
{
	struct sim *sim = *state;
	struct presence a, b;
	struct graph_error e;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	graph_error_init(&e);
	assert_int_equal(graph_get_presence_comm(sim->graph, sim->users.v[3].id,
	                     &a, &e),
	    0);
	assert_int_equal(graph_get_presence(sim->graph, sim->users.v[3].id, &b,
	                     &e),
	    0);
	assert_string_equal(a.id, sim->users.v[3].id);
	assert_string_equal(a.availability, b.availability);
	presence_done(&a);
	presence_done(&b);
}

/* A UPN is refused by the presence calls: they need object ids. */
static void
test_presence_calls_need_object_ids(void **state)
{
	struct sim *sim = *state;
	struct presence p;
	struct graph_error e;
	char *id = NULL;

	memset(&p, 0, sizeof p);
	graph_error_init(&e);
	assert_int_equal(graph_get_presence(sim->graph, sim->users.v[0].upn, &p,
	                     &e),
	    -1);
	assert_int_equal(e.kind, GRAPH_ERR_USAGE);
	graph_error_done(&e);
	assert_int_equal(roster_resolve_id(sim->graph, sim->users.v[0].upn, &id,
	                     &e),
	    0);
	assert_string_equal(id, sim->users.v[0].id);
	free(id);
}

/* A write that Graph refuses maps to GRAPH_ERR_REFUSED with its code. */
static void
test_refusal_keeps_graph_code(void **state)
{
	struct sim *sim = *state;
	struct graph_error e;
	struct action a;

	graph_error_init(&e);
	memset(&a, 0, sizeof a);
	a.kind = ACTION_CLEAR_PRESENCE;
	a.id = sim->users.v[5].id;
	a.session = "no-such-session";
	assert_int_equal(action_perform(sim->graph, &a, NULL, &e), -1);
	assert_int_equal(e.kind, GRAPH_ERR_REFUSED);
	assert_int_equal(e.status, 404);
	assert_non_null(e.code);
	assert_non_null(e.request_id);
	graph_error_done(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_presences_chunked_in_order),
		cmocka_unit_test(test_communications_path_reads_one),
		cmocka_unit_test(test_presence_calls_need_object_ids),
		cmocka_unit_test(test_refusal_keeps_graph_code),
	};
	int rc;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests_name("graph and roster against graphsim",
	    tests, sim_setup, sim_teardown);
	curl_global_cleanup();
	return rc;
}
