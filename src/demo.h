/*
 * Demo mode: one bundled graphsim, started detached on a free loopback
 * port with a living tenant, shared by every --demo command and dashboard
 * of the user until it has had no request for a while, and the
 * configuration pointed at it. Main thread only.
 */
#ifndef DEMO_H
#define DEMO_H

struct cfg;

/* The demo tenant's credentials (graphsim's defaults). */
#define DEMO_TENANT "demo"
#define DEMO_CLIENT_ID "7e3a1c52-5d0f-4b8e-9a61-2f4c8d9e0b17"
#define DEMO_CLIENT_SECRET "graphsim-demo-secret"
/* The demo tenant: its size and seed, so that its people never change. */
#define DEMO_USERS "300"
#define DEMO_SEED "1"
/* Seconds without a request before the demo graphsim exits. */
#define DEMO_IDLE 900

/* The demo graphsim as recorded and as it answered. */
struct demo_info {
	int port;
	long pid;
	long idle; /* Its --idle-exit, seconds. */
};

/*
 * Use the demo graphsim that is running, or start one ($TEAMTOP_GRAPHSIM,
 * else next to this program, else the installed one) detached, and set
 * cfg's graph_url, login_url, tenant, client_id and secret. Two teamtops
 * starting at once start one graphsim.
 */
int demo_start(struct cfg *, char **cause);
/*
 * The demo graphsim that runs: 1 with *info, 0 when there is none (or the
 * record is stale, which is left as it is), -1 with *cause.
 */
int demo_status(struct demo_info *, char **cause);
/* Stop the demo graphsim: 1 stopped (*info says which), 0 none, -1. */
int demo_stop(struct demo_info *, char **cause);
/* The path of the graphsim to run (allocated). */
char *demo_graphsim_path(void);

#endif
