/*
 * The terminal's state outside curses, saved when the dashboard starts so
 * that a fatal error on any thread can give the terminal back: on the UI
 * thread through endwin(), on another without calling curses. tty_save and
 * tty_started are for the UI thread; tty_restore is safe from any thread.
 */
#ifndef TTY_H
#define TTY_H

/* Can the dashboard run here? -1 with *cause if not. Calls no curses. */
int tty_usable(char **cause);
/* Before newterm(): save the terminal's modes. */
void tty_save(void);
/* After newterm(): capture the sequences that leave curses' modes. */
void tty_started(void);
/* After endwin(): nothing is left to restore. */
void tty_stopped(void);
/* Restore the terminal if curses is up (the fatal() hook). */
void tty_restore(void);
/*
 * Restore it, without curses, before a signal that kills the process
 * (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) takes effect.
 */
void tty_catch_crashes(void);

#endif
