/*
 * The dashboard: everything that touches curses.
 */
#ifndef UI_H
#define UI_H

#endif
