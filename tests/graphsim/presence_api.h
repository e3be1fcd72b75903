/*
 * The Graph presence routes: GET presence, getPresencesByUserId, the
 * five write methods and the four work-location methods of /me, with
 * their own request parsing and validation.
 * Called from any connection thread.
 */
#ifndef PRESENCE_API_H
#define PRESENCE_API_H

struct req;
struct resp;

void presence_api_get(struct req *, struct resp *);
void presence_api_get_comm(struct req *, struct resp *);
void presence_api_many(struct req *, struct resp *);
void presence_api_me(struct req *, struct resp *);
void presence_api_set(struct req *, struct resp *);
void presence_api_clear(struct req *, struct resp *);
void presence_api_set_preferred(struct req *, struct resp *);
void presence_api_clear_preferred(struct req *, struct resp *);
void presence_api_set_status(struct req *, struct resp *);
void presence_api_set_manual_location(struct req *, struct resp *);
void presence_api_set_automatic_location(struct req *, struct resp *);
void presence_api_clear_location(struct req *, struct resp *);
void presence_api_clear_automatic_location(struct req *, struct resp *);

#endif
