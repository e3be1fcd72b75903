/*
 * A debug log, off unless a file is given. Safe from any thread. Never pass
 * a secret or a token to it.
 */
#ifndef LOG_H
#define LOG_H

int log_open(const char *path, char **cause);
void log_close(void);
int log_enabled(void);
void log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
