/*
 * The source's events, taken on the UI thread: notices go to the message
 * log (kept in sight until read), outcomes to the writes, fresh reads to
 * the details pane.
 */
#include "config.h"

#include <stdlib.h>

#include "action.h"
#include "details.h"
#include "source.h"
#include "store.h"
#include "ui_int.h"

/*
 * Take every event queued: notices go to the log (a warning the user must
 * not miss), outcomes and what Graph shows after a write to the writes,
 * fresh reads to details.
 */
void
events_take(struct ui *ui)
{
	struct store_event ev;

	while (source_next_event(ui->src, &ev)) {
		switch (ev.kind) {
		case STORE_EVENT_NOTICE:
			msglog_fail(&ui->log, "%s", ev.text);
			break;
		case STORE_EVENT_DETAIL:
			details_fresh(ui, &ev);
			break;
		case STORE_EVENT_OUTCOME:
		case STORE_EVENT_REREAD:
			writes_event(ui, &ev);
			break;
		}
		store_event_done(&ev);
	}
	logview_update(ui);
}
