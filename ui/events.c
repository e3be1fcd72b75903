/*
 * The source's events, taken on the UI thread: messages go to the message
 * log (a failure kept in sight until read), fresh reads to the details
 * pane.
 */
#include "config.h"

#include <stdlib.h>

#include "action.h"
#include "details.h"
#include "source.h"
#include "store.h"
#include "ui_int.h"

/*
 * Is an event one the user must not miss? A notice (a warning, such as
 * someone named who is not in the directory) or a write that failed or
 * whose outcome is unknown.
 */
static int
events_failed(const struct store_event *ev)
{
	return ev->kind == STORE_EVENT_NOTICE ||
	    (ev->kind == STORE_EVENT_OUTCOME && ev->ok != 1);
}

/* Take every event queued: messages go to the log, fresh reads to details. */
void
events_take(struct ui *ui)
{
	struct store_event ev;

	while (source_next_event(ui->src, &ev)) {
		if (ev.kind == STORE_EVENT_OUTCOME && ev.ok == 0 &&
		    ev.action == ACTION_SET_STATUS && ev.id != NULL)
			sent_forget(&ui->sent, ev.id);
		if (ev.kind == STORE_EVENT_DETAIL)
			details_fresh(ui, &ev);
		else if (events_failed(&ev))
			msglog_fail(&ui->log, "%s", ev.text);
		else
			msglog_add(&ui->log, "%s", ev.text);
		store_event_done(&ev);
	}
	logview_update(ui);
}
