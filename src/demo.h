/*
 * Demo mode: run the bundled graphsim on a free loopback port with a
 * living tenant and point the configuration at it. Main thread only.
 */
#ifndef DEMO_H
#define DEMO_H

struct cfg;
struct demo;

/* The demo tenant's credentials (graphsim's defaults). */
#define DEMO_TENANT "demo"
#define DEMO_CLIENT_ID "7e3a1c52-5d0f-4b8e-9a61-2f4c8d9e0b17"
#define DEMO_CLIENT_SECRET "graphsim-demo-secret"

/*
 * Start graphsim ($TEAMTOP_GRAPHSIM, else next to this program, else the
 * installed one) and set cfg's graph_url, login_url, tenant, client_id and
 * secret. graphsim is killed and reaped by demo_stop, at exit, and when
 * teamtop dies.
 */
int demo_start(struct cfg *, struct demo **, char **cause);
/* Stop graphsim and remove its files; accepts NULL. */
void demo_stop(struct demo *);
/* The path of the graphsim to run (allocated). */
char *demo_graphsim_path(void);

#endif
