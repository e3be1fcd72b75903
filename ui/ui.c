/*
 * The dashboard's event loop. Only the UI thread calls curses.
 */
#include "config.h"

#include "ui.h"
