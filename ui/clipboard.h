/*
 * Copying to the clipboard of the terminal the dashboard is shown on, with
 * OSC 52, which reaches it through SSH; inside tmux also through tmux
 * itself. UI thread only.
 */
#ifndef CLIPBOARD_H
#define CLIPBOARD_H

#include <stddef.h>

struct store_row;
struct ui;

/*
 * The OSC 52 sequence that sets the clipboard to text: ESC ] 52 ; c ;
 * base64 ST, allocated (pure).
 */
char *clipboard_osc52(const char *text);
/* What y copies of a person: the UPN, else the mail; NULL for neither. */
const char *clipboard_what(const struct store_row *);
/*
 * Put text on the clipboard: OSC 52 to the terminal and, inside tmux,
 * tmux load-buffer -w (or, when that fails, OSC 52 through tmux's
 * passthrough). -1 with *cause when nothing could be sent.
 */
int clipboard_copy(const char *text, char **cause);
/* y: copy the selected person's UPN (or mail) and say so. */
void clipboard_selected(struct ui *);

#endif
