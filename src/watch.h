/*
 * Watches: conditions on a person's presence that the dashboard tells the
 * operator about when they are met ("tell me when Ann is free"), when each
 * fires, and the file in the state directory that keeps them across
 * restarts. Pure apart from watch_load and watch_save; no curses. One
 * thread (the UI's).
 */
#ifndef WATCH_H
#define WATCH_H

#include <stddef.h>
#include <time.h>

#include "presence.h"

/* What a watch waits for. */
enum watch_cond {
	WATCH_BECOMES, /* The availability comes into a category. */
	WATCH_LEAVES,  /* The availability goes out of a category. */
	WATCH_CHANGES, /* The availability or the activity changes. */
	WATCH__COUNT   /* Must be last. */
};

/* One watch on one person. */
struct watch {
	char *id;             /* The person's Graph id. */
	char *name;           /* Who, safe for a terminal (may be the id). */
	enum watch_cond cond; /* What is waited for. */
	enum avail avail;     /* The category of BECOMES and LEAVES. */
	int every;            /* 1: fires each time; 0: once, then dropped. */
	/*
	 * The presence last seen, the transition's starting point: NULL
	 * until one is (then the first seen only sets it).
	 */
	char *availability;
	char *activity;
	unsigned long fired; /* Times it fired. */
	time_t fired_at;     /* When it last fired; 0 never. Wall clock. */
};

struct watch_list {
	struct watch *v;
	size_t n;
};

/* The file of the state directory the watches are kept in. */
#define WATCH_FILE(demo) ((demo) ? "watches-demo" : "watches")

/*
 * Watch id (in place of a watch already on id): cond and avail, every;
 * availability and activity as the person is now (NULL when not known),
 * the starting point of the first transition. Returns the watch.
 */
struct watch *watch_add(struct watch_list *, const char *id, const char *name,
    enum watch_cond, enum avail, int every, const char *availability,
    const char *activity);
/* Drop id's watch; 0 when there was none. */
int watch_drop(struct watch_list *, const char *id);
/* id's watch, or NULL. */
struct watch *watch_find(const struct watch_list *, const char *id);
void watch_done(struct watch_list *);

/*
 * The person of w is seen with this presence: 1 when the condition is met
 * by the change from the presence last seen (which becomes this one), 0
 * otherwise. A watch fires on a transition only: becoming a category
 * from outside it, leaving it for another, any other availability or
 * activity; the first presence seen only starts it. Counts the firing.
 */
int watch_seen(struct watch *w, const char *availability, const char *activity,
    time_t now);

/* The condition in words: "becomes Available", "leaves DoNotDisturb". */
void watch_describe(const struct watch *, char *buf, size_t len);
/* The name of a condition in the file and the environment. */
const char *watch_cond_name(enum watch_cond);

/*
 * The list as the file keeps it, allocated; and read back, adding to
 * the list: lines that make no sense are skipped and counted in *bad.
 */
char *watch_format(const struct watch_list *);
void watch_parse(struct watch_list *, const char *text, size_t *bad);

/*
 * Read the list from the state directory's file (none is an empty list),
 * and write it there (0600, all or nothing). -1 with *cause on an error.
 */
int watch_load(struct watch_list *, const char *file, size_t *bad,
    char **cause);
int watch_save(const struct watch_list *, const char *file, char **cause);

#endif
