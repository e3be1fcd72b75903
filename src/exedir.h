/*
 * Files next to the running program (the directory of /proc/self/exe), so
 * that a program run from the build tree finds graphsim and the themes
 * there before the installed ones. Safe from any thread.
 */
#ifndef EXEDIR_H
#define EXEDIR_H

/*
 * The path of name in the directory of the running program (allocated),
 * whether or not it exists; NULL when that directory is not known.
 */
char *exedir_path(const char *name);

#endif
