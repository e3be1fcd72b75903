/*
 * graphsim: a local emulator of the Microsoft Graph presence API for
 * teamtop's tests, benchmarks and demo mode. This file reads the options,
 * builds the tenant, starts the server and the simulation, writes the
 * port, and waits for SIGTERM or SIGINT, or (with --idle-exit) for a
 * time without requests. Main thread only.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "clock.h"
#include "control.h"
#include "login.h"
#include "presence.h"
#include "server.h"
#include "simulate.h"
#include "tenant.h"
#include "xmalloc.h"

/* The options, with their defaults. */
struct main_options {
	char *host;
	unsigned short port;
	const char *port_file;
	long users;
	long groups;
	uint64_t seed;
	const char *tenant;
	const char *client_id;
	const char *client_secret;
	long simulate;
	long throttle;
	long latency;
	long token_lifetime;
	long device_interval;
	long device_expiry;
	int block_device_code;
	int quiet;
	long idle_exit; /* Seconds without a request before exiting; 0 never. */
};

/* Long options; the values are the indices into main_limits. */
static const struct option main_longopts[] = { { "listen", required_argument,
	                                           NULL, 'l' },
	{ "port-file", required_argument, NULL, 'p' },
	{ "users", required_argument, NULL, 'u' },
	{ "groups", required_argument, NULL, 'g' },
	{ "seed", required_argument, NULL, 's' },
	{ "tenant", required_argument, NULL, 't' },
	{ "client-id", required_argument, NULL, 'c' },
	{ "client-secret", required_argument, NULL, 'S' },
	{ "simulate", required_argument, NULL, 'm' },
	{ "throttle", required_argument, NULL, 'T' },
	{ "latency", required_argument, NULL, 'L' },
	{ "token-lifetime", required_argument, NULL, 'k' },
	{ "device-interval", required_argument, NULL, 'i' },
	{ "device-expiry", required_argument, NULL, 'e' },
	{ "block-device-code", no_argument, NULL, 'b' },
	{ "idle-exit", required_argument, NULL, 'I' },
	{ "quiet", no_argument, NULL, 'q' }, { "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 } };

/* Print the usage and exit with status. */
static void __attribute__((noreturn)) main_usage(int status)
{
	fprintf(status == 0 ? stdout : stderr,
	    "usage: graphsim [--listen 127.0.0.1:PORT] [--port-file FILE] "
	    "[--users N]\n"
	    "                [--groups N] [--seed S] [--tenant NAME] "
	    "[--client-id ID]\n"
	    "                [--client-secret SECRET] [--simulate PER_MINUTE]\n"
	    "                [--throttle PER_30S] [--latency MS] "
	    "[--token-lifetime SECONDS]\n"
	    "                [--device-interval SECONDS] "
	    "[--device-expiry SECONDS]\n"
	    "                [--block-device-code] [--idle-exit SECONDS] "
	    "[--quiet]\n");
	exit(status);
}

/* Refuse an option with a message and exit 2. */
static void __attribute__((noreturn, format(printf, 1, 2)))
main_bad(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "graphsim: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(2);
}

/* Read a whole number of option name in [min, max]. */
static long
main_number(const char *name, const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
		main_bad(
		    "--%s must be a whole number from %ld to %ld, not '%s'",
		    name, min, max, s);
	return v;
}

/* Read --listen: a loopback address and a port. */
static void
main_listen(struct main_options *o, const char *s)
{
	const char *colon = strrchr(s, ':');
	unsigned char addr[16];
	char *host;

	if (colon == NULL)
		main_bad("--listen wants ADDRESS:PORT, not '%s'", s);
	host = xstrndup(s, (size_t)(colon - s));
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	if (strcasecmp(host, "localhost") == 0) {
		free(host);
		host = xstrdup("127.0.0.1");
	}
	if (inet_pton(AF_INET, host, addr) == 1) {
		if (addr[0] != 127)
			main_bad("--listen: %s is not a loopback address; "
			         "graphsim only listens on loopback",
			    host);
	} else if (inet_pton(AF_INET6, host, addr) == 1) {
		if (strcmp(host, "::1") != 0)
			main_bad("--listen: %s is not a loopback address; "
			         "graphsim only listens on loopback",
			    host);
	} else
		main_bad("--listen: '%s' is not an IP address", host);
	o->port =
	    (unsigned short)main_number("listen port", colon + 1, 0, 65535);
	free(o->host);
	o->host = host;
}

/* Whether s is a usable tenant name. */
static int
main_tenant_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		        (*s >= '0' && *s <= '9') || *s == '-' || *s == '.' ||
		        *s == '_'))
			return 0;
	}
	return 1;
}

/* Parse the command line. */
static void
main_parse(struct main_options *o, int argc, char **argv)
{
	char *end;
	int c;

	memset(o, 0, sizeof *o);
	o->host = xstrdup("127.0.0.1");
	o->users = 200;
	o->groups = 20;
	o->seed = 1;
	o->tenant = "demo";
	o->client_id = "7e3a1c52-5d0f-4b8e-9a61-2f4c8d9e0b17";
	o->client_secret = "graphsim-demo-secret";
	o->token_lifetime = 3600;
	o->device_interval = 5;
	o->device_expiry = 900;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", main_longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			main_listen(o, optarg);
			break;
		case 'p':
			o->port_file = optarg;
			break;
		case 'u':
			o->users = main_number("users", optarg, 0, 2000000);
			break;
		case 'g':
			o->groups = main_number("groups", optarg, 0, 100000);
			break;
		case 's':
			errno = 0;
			o->seed = strtoull(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    *optarg == '-')
				main_bad("--seed must be a whole number, not "
				         "'%s'",
				    optarg);
			break;
		case 't':
			if (!main_tenant_ok(optarg))
				main_bad("--tenant must be letters, digits, "
				         "'-', '.' or '_', not '%s'",
				    optarg);
			o->tenant = optarg;
			break;
		case 'c':
			if (*optarg == '\0')
				main_bad("--client-id must not be empty");
			o->client_id = optarg;
			break;
		case 'S':
			if (*optarg == '\0')
				main_bad("--client-secret must not be empty");
			o->client_secret = optarg;
			break;
		case 'm':
			o->simulate =
			    main_number("simulate", optarg, 0, 6000000);
			break;
		case 'T':
			o->throttle =
			    main_number("throttle", optarg, 0, 10000000);
			break;
		case 'L':
			o->latency = main_number("latency", optarg, 0, 600000);
			break;
		case 'k':
			o->token_lifetime =
			    main_number("token-lifetime", optarg, 1, 7 * 86400);
			break;
		case 'i':
			o->device_interval =
			    main_number("device-interval", optarg, 1, 600);
			break;
		case 'e':
			o->device_expiry =
			    main_number("device-expiry", optarg, 1, 86400);
			break;
		case 'b':
			o->block_device_code = 1;
			break;
		case 'I':
			o->idle_exit =
			    main_number("idle-exit", optarg, 1, 30 * 86400);
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			main_usage(0);
		case ':':
			main_bad("option %s needs a value", argv[optind - 1]);
		default:
			main_bad("unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		main_bad("unexpected argument '%s'", argv[optind]);
}

/* Write the port to file through a temporary name, so it appears whole. */
static int
main_port_file(const char *path, unsigned short port, char **cause)
{
	char *tmp;
	FILE *f;

	xasprintf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	if ((f = fopen(tmp, "w")) == NULL) {
		xasprintf(cause, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	fprintf(f, "%u\n", (unsigned)port);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/*
 * Wait for SIGTERM or SIGINT or, with idle_exit, for idle_exit seconds
 * without a request.
 */
static void
main_wait(const sigset_t *set, long idle_exit)
{
	struct timespec ts = { 1, 0 };
	int sig;

	for (;;) {
		if (idle_exit == 0) {
			if (sigwait(set, &sig) == 0)
				return;
			continue;
		}
		if (sigtimedwait(set, NULL, &ts) != -1)
			return;
		if (server_idle_ms() >= (int64_t)idle_exit * 1000) {
			fprintf(stderr,
			    "graphsim: no request for %ld s, exiting\n",
			    idle_exit);
			return;
		}
	}
}

/* Build the tenant, serve until SIGTERM or SIGINT, exit 0. */
int
main(int argc, char **argv)
{
	struct main_options o;
	struct server_config sc;
	sigset_t set;
	unsigned short port;
	char *cause = NULL;
	int64_t t0 = clock_real();

	main_parse(&o, argc, argv);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, SIG_DFL); /* A shell's background job ignores it. */
	signal(SIGTERM, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	tenant_init(o.tenant, o.client_id, o.client_secret, o.seed,
	    (size_t)o.users, (size_t)o.groups);
	presence_init(o.seed);
	auth_init(o.token_lifetime);
	login_init(o.device_interval, o.device_expiry, o.block_device_code);
	control_init(getenv("GRAPHSIM_INSTANCE"), o.idle_exit);

	memset(&sc, 0, sizeof sc);
	sc.host = o.host;
	sc.port = o.port;
	sc.latency_ms = o.latency;
	sc.throttle = o.throttle;
	if (server_start(&sc, &port, &cause) != 0) {
		fprintf(stderr, "graphsim: %s\n", cause);
		free(cause);
		return 1;
	}
	if (o.port_file != NULL &&
	    main_port_file(o.port_file, port, &cause) != 0) {
		fprintf(stderr, "graphsim: %s\n", cause);
		free(cause);
		server_stop();
		return 1;
	}
	printf("graphsim listening on %s\n", server_base());
	fflush(stdout);
	if (!o.quiet)
		fprintf(stderr,
		    "graphsim: tenant %s (%s), %ld people, %ld "
		    "groups, seed %llu, ready in %lld ms\n",
		    o.tenant, tenant.tenant_id, o.users, o.groups,
		    (unsigned long long)o.seed, (long long)(clock_real() - t0));
	simulate_start(o.simulate, o.seed);

	main_wait(&set, o.idle_exit);

	simulate_stop();
	server_stop();
	login_done();
	presence_done();
	tenant_done();
	free(o.host);
	return 0;
}
