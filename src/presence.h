/*
 * The presence model: one person's presence as Graph reports it, the known
 * availability and activity values, the pairs each write method allows, and
 * the bounds of their durations. Pure data, safe from any thread.
 */
#ifndef PRESENCE_H
#define PRESENCE_H

#include <stddef.h>

/*
 * A presence resource. Every string is as Graph sent it (unknown enum
 * values are kept verbatim), allocated, or NULL when the field was absent
 * or null.
 */
struct presence {
	char *id; /* The user's object id. */
	char *availability;
	char *activity;
	char *sequence; /* sequenceNumber, compared with strcmp. */

	char *status_message; /* statusMessage.message.content */
	char *status_content_type;
	char *status_expiry;      /* statusMessage.expiryDateTime.dateTime */
	char *status_expiry_zone; /* statusMessage.expiryDateTime.timeZone */
	char *status_published;   /* statusMessage.publishedDateTime */

	int has_ooo;       /* outOfOfficeSettings was present. */
	int is_ooo;        /* outOfOfficeSettings.isOutOfOffice */
	char *ooo_message; /* outOfOfficeSettings.message */

	char *work_location_type;   /* workLocation.workLocationType */
	char *work_location_source; /* workLocation.source */
	char *work_location_place;  /* workLocation.placeId */
};

/* A growable array of presences. */
struct presence_list {
	struct presence *v;
	size_t n;
	size_t cap;
};

void presence_done(struct presence *);
void presence_copy(struct presence *dst, const struct presence *src);
struct presence *presence_list_add(struct presence_list *);
void presence_list_drop_last(struct presence_list *);
void presence_list_done(struct presence_list *);

#endif
