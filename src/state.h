/*
 * The state directory, $XDG_STATE_HOME/teamtop (~/.local/state/teamtop):
 * where teamtop keeps what it learns and does (the audit trail, history,
 * tokens, views). The directory is created 0700 and every file in it
 * 0600; a file that others may read is refused. Any thread.
 */
#ifndef STATE_H
#define STATE_H

#include <stddef.h>

/* The directory's path into buf (not created); NULL when it does not fit. */
const char *state_dir(char *buf, size_t len);

/* The path of a file in it into buf; NULL when it does not fit. */
const char *state_path(const char *name, char *buf, size_t len);

/*
 * Open a file of the directory (created 0700 if missing) with flags
 * (O_CREAT creates it 0600). Refuses anything but a regular file, and a
 * file others may read or write, with the path and the fix in *cause.
 * Returns the descriptor (close-on-exec) or -1.
 */
int state_open(const char *name, int flags, char **cause);

/*
 * $XDG_RUNTIME_DIR/teamtop into buf (not created), or the state
 * directory when $XDG_RUNTIME_DIR is not set; NULL when it does not fit.
 */
const char *state_runtime_dir(char *buf, size_t len);

/* state_open for a file of another private directory, such as the above. */
int state_open_in(const char *dir, const char *name, int flags, char **cause);

/*
 * Read a whole file of the directory (at most max bytes), refused as
 * state_open refuses. Returns the allocated contents (NUL-terminated, to
 * be wiped by the caller when secret) with *len, or NULL with *cause; a
 * file that does not exist leaves *cause NULL.
 */
char *state_read(const char *name, size_t max, size_t *len, char **cause);

/*
 * Replace a file of the directory with data, all or nothing: written 0600
 * under a temporary name, synced, then renamed over the old one.
 */
int state_write(const char *name, const char *data, size_t len, char **cause);

/* Remove a file of the directory: 1 removed, 0 there was none, -1 failed. */
int state_remove(const char *name, char **cause);

#endif
