/*
 * The log of this session's writes: what was sent to whom, what it
 * replaced, how it went; the progress of a bulk write; and the writes that
 * undo one as far as the API allows. Pure data, no I/O; one thread.
 */
#ifndef ACTLOG_H
#define ACTLOG_H

#include <stddef.h>
#include <time.h>

struct action;
struct presence;

/* How a logged write went. */
enum actlog_state {
	ACTLOG_PENDING,
	ACTLOG_DONE,
	ACTLOG_FAILED,
	ACTLOG_UNKNOWN /* No answer came: it may have been applied. */
};

/* One write. */
struct actlog_entry {
	unsigned long tag;     /* Set in the action; comes back with it. */
	unsigned long batch;   /* The writes queued together share it. */
	time_t at;             /* When it was queued. */
	struct action *action; /* A copy of what was sent. */
	char *who;             /* The person, for the log. */
	enum actlog_state state;
	char *result; /* The outcome in words; NULL while pending. */

	/* What the write replaced, as the dashboard showed it. */
	int had_presence;
	char *old_availability; /* The presence shown before (raw). */
	char *old_activity;
	char *old_message; /* setStatusMessage: the message before. */
	time_t old_expiry; /* ... and its expiry; 0 none or not reported. */
	int undone;        /* An undo of it was queued. */

	/* What Graph showed when the person was read again after it. */
	char *shown; /* In words, safe for a terminal; NULL until read. */
	int differs; /* Not what the write asked. */
};

struct actlog {
	struct actlog_entry *v; /* Oldest first. */
	size_t n;
	size_t cap;
	unsigned long last_tag;
	unsigned long last_batch;
};

void actlog_init(struct actlog *);
void actlog_done(struct actlog *);

/* A new batch number for writes queued together. */
unsigned long actlog_batch(struct actlog *);

/*
 * Log a write about to be queued, with the presence it replaces (NULL when
 * unknown); returns the tag to put in the action that is submitted.
 */
unsigned long actlog_add(struct actlog *, unsigned long batch,
    const struct action *, const char *who, const struct presence *before);

/*
 * An outcome (ok 1 done, 0 failed, -1 unknown) for the write with tag;
 * returns its entry, or NULL for a tag that is not logged.
 */
struct actlog_entry *actlog_outcome(struct actlog *, unsigned long tag, int ok,
    const char *text);

/* The entry of the write with tag, or NULL. */
struct actlog_entry *actlog_find(struct actlog *, unsigned long tag);

/* Keep what Graph showed after the write with tag; NULL when not logged. */
struct actlog_entry *actlog_shown(struct actlog *, unsigned long tag,
    const char *text, int differs);

/*
 * Of the done writes of a batch: how many Graph has been read again
 * after, and how many of those show something else than was asked.
 */
void actlog_checked(const struct actlog *, unsigned long batch, size_t *done,
    size_t *read, size_t *differ);

/* How many writes of a batch there are, done, failed (or unknown), pending. */
void actlog_progress(const struct actlog *, unsigned long batch, size_t *total,
    size_t *done, size_t *failed, size_t *pending);

/* The newest batch with a done write not yet undone; 0 when none. */
unsigned long actlog_last_undoable(const struct actlog *);

/*
 * The writes that undo a batch, as far as the API allows: a status
 * message is put back with its old expiry; an app session or preferred
 * presence teamtop set is cleared (Graph cannot give the old one back).
 * Returns the number of actions in *out (free each, then the array);
 * *cannot counts the done writes that cannot be undone (clears). The
 * entries are marked undone.
 */
size_t actlog_undo(struct actlog *, unsigned long batch, time_t now,
    struct action ***out, size_t *cannot);

#endif
