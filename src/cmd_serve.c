/*
 * teamtop serve: check the credential and run serve, or print the SQL of
 * the roles.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "cmd.h"
#include "cred.h"
#include "graph.h"
#include "pg.h"
#include "serve.h"

/* Run teamtop serve. */
int
cmd_serve_exec(struct cmd_args *args)
{
	struct cfg *cfg = args->cfg;
	struct graph *g;
	int rc;

	if (args->argc != 0)
		return cmd_usage_error(args->entry, "unexpected '%s'",
		    args->argv[0]);
	if (args->init_roles) {
		fputs(pg_roles_sql(), stdout);
		return 0;
	}
	if (cfg->db == NULL || *cfg->db == '\0')
		return cmd_usage_error(args->entry,
		    "no database: give --db URL or db in the configuration");
	/* main() refused a password given on the command line already. */
	/* The credential is checked before anything else, standby or not. */
	if (cfg_delegated(cfg) && !cred_signed_in()) {
		fprintf(stderr,
		    "teamtop serve: no credential: configure the application's "
		    "client secret or certificate (or run teamtop login to "
		    "poll as yourself)\n");
		return 3;
	}
	if ((g = cmd_graph(args, &rc)) == NULL)
		return rc;
	graph_free(g);
	return serve_run(cfg, cfg->db);
}
