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

#endif
