/*
 * The Graph presence routes: GET presence, getPresencesByUserId and the
 * five write methods, with their own request parsing and validation.
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

#endif
