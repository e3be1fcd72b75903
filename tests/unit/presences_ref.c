/*
 * The plain reading of a presence collection: what graph_parse_presences_known
 * gave before it scanned, kept as the reference the scan is checked against.
 */
#include "config.h"

#include "presences_ref.h"

#include <string.h>

#include <cjson/cJSON.h>

/* A string member of an object, or NULL. */
static const char *
presences_ref_str(const cJSON *obj, const char *name)
{
	const cJSON *item;

	if (!cJSON_IsObject(obj))
		return NULL;
	item = cJSON_GetObjectItemCaseSensitive(obj, name);
	if (!cJSON_IsString(item))
		return NULL;
	return item->valuestring;
}

/* {"value":[presence...]} or [presence...] through one tree; -1 if not. */
int
presences_ref(const char *body, size_t len, struct presence_list *out,
    graph_parse_known_cb known, void *arg, size_t *nknown)
{
	cJSON *root;
	const cJSON *value, *item;
	const char *id, *seq;
	struct presence *p;

	if (nknown != NULL)
		*nknown = 0;
	if (body == NULL || len == 0 ||
	    (root = cJSON_ParseWithLength(body, len)) == NULL)
		return -1;
	value = cJSON_IsArray(root)
	    ? root
	    : cJSON_GetObjectItemCaseSensitive(root, "value");
	if (!cJSON_IsArray(value)) {
		cJSON_Delete(root);
		return -1;
	}
	cJSON_ArrayForEach(item, value) {
		if ((id = presences_ref_str(item, "id")) == NULL)
			continue;
		seq = presences_ref_str(item, "sequenceNumber");
		if (known != NULL && seq != NULL && known(arg, id, seq)) {
			if (nknown != NULL)
				(*nknown)++;
			continue;
		}
		p = presence_list_add(out);
		if (graph_parse_presence_object(item, p) != 0)
			presence_list_drop_last(out);
	}
	cJSON_Delete(root);
	return 0;
}

/* Are two optional strings the same? */
static int
presences_ref_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* NULL when a and b hold the same presences, else the field that differs. */
const char *
presences_ref_diff(const struct presence_list *a, const struct presence_list *b)
{
	const struct presence *x, *y;
	size_t i;

	if (a->n != b->n)
		return "count";
	for (i = 0; i < a->n; i++) {
		x = &a->v[i];
		y = &b->v[i];
#define SAME(f)                                                                \
	if (!presences_ref_same(x->f, y->f))                                   \
		return #f;
		SAME(id)
		SAME(availability)
		SAME(activity)
		SAME(sequence)
		SAME(status_message)
		SAME(status_content_type)
		SAME(status_expiry)
		SAME(status_expiry_zone)
		SAME(status_published)
		SAME(ooo_message)
		SAME(work_location_type)
		SAME(work_location_source)
		SAME(work_location_place)
#undef SAME
		if (x->has_ooo != y->has_ooo || x->is_ooo != y->is_ooo)
			return "outOfOfficeSettings";
	}
	return NULL;
}
