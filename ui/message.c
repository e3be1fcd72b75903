/*
 * The status bar's message: a failure first (kept until read), else a
 * bulk write's progress, else the newest message; and the bar drawn with
 * it. UI thread.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "msglog.h"
#include "statusbar.h"
#include "ui_int.h"
#include "xmalloc.h"

/* Draw the status bar with the message to show, a failure first. */
void
message_draw(struct ui *ui, time_t now)
{
	const struct msglog_entry *m;
	char *text = NULL, progress[512];
	size_t more;

	m = msglog_show(&ui->log, now, &more);
	if ((m == NULL || !m->failure) &&
	    writes_progress(ui, progress, sizeof progress)) {
		/* A bulk write under way: its progress, 12/40. */
		text = xstrdup(progress);
		m = NULL;
	} else if (m != NULL) {
		if (more != 0)
			xasprintf(&text, "%s (%zu more: L)", m->text, more);
		else
			text = xstrdup(m->text);
	}
	statusbar_draw(stdscr, ui->height - 1, ui->width, &ui->st, ui->snap,
	    &ui->view, text, m != NULL && m->failure, ui->error, now,
	    &ui->opts);
	free(text);
}
