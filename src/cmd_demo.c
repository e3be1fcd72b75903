/*
 * teamtop demo [status | stop]: the shared graphsim of --demo. Main
 * thread.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "demo.h"
#include "duration.h"

/* Say which graphsim info is. */
static void
cmd_demo_say(const char *what, const struct demo_info *info)
{
	char idle[DURATION_BUFSIZE];

	printf("%s http://127.0.0.1:%d (pid %ld)", what, info->port, info->pid);
	if (strncmp(what, "Stopped", 7) != 0 && info->idle > 0)
		printf(", which exits after %s without a request",
		    duration_format_short(info->idle, idle, sizeof idle));
	printf("\n");
}

/* Show or stop the demo graphsim. */
int
cmd_demo_exec(struct cmd_args *args)
{
	const struct cmd_entry *ce = cmd_find("demo");
	struct demo_info info;
	const char *sub = args->argc > 0 ? args->argv[0] : "status";
	char *cause = NULL;
	int rc;

	if (args->argc > 1)
		return cmd_usage_error(ce, "too many arguments");
	if (strcmp(sub, "status") == 0)
		rc = demo_status(&info, &cause);
	else if (strcmp(sub, "stop") == 0)
		rc = demo_stop(&info, &cause);
	else
		return cmd_usage_error(ce, "unknown subcommand '%s'", sub);
	if (rc == -1) {
		fprintf(stderr, "teamtop demo: %s\n", cause);
		free(cause);
		return 2;
	}
	if (rc == 0) {
		printf("No demo graphsim is running.\n");
		return strcmp(sub, "status") == 0 ? 1 : 0;
	}
	cmd_demo_say(strcmp(sub, "stop") == 0 ? "Stopped the demo graphsim at"
	                                      : "The demo graphsim runs at",
	    &info);
	return 0;
}
