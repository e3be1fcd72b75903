/*
 * Generates the synthetic tenant from --seed: people with GUID ids and
 * varied display names (several scripts, diacritics, emoji, combining
 * marks, very long names), userPrincipalName and mail in the tenant's
 * domain (every 7th person's mail is an alias that differs from the
 * userPrincipalName), department and job title; groups of varied sizes, some nested.
 * Built once by the main thread before the server starts; read-only
 * afterwards.
 */
#include "config.h"

#include "tenant.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "names.h"
#include "rng.h"
#include "xmalloc.h"

struct tenant tenant;

/* Hash a string, ignoring ASCII case. */
static uint64_t
tenant_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)tolower((unsigned char)*s);
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Size an index for n entries. */
static void
tenant_index_init(struct tenant_index *ix, size_t n)
{
	size_t size = 16;

	while (size < n * 2)
		size *= 2;
	ix->slots = xcalloc(size, sizeof *ix->slots);
	ix->mask = size - 1;
}

/*
 * Look key up with get(i) giving the key of entry i; returns the slot
 * (empty or holding the match).
 */
static size_t
tenant_index_slot(const struct tenant_index *ix, const char *key,
    const char *(*get)(size_t))
{
	size_t slot = (size_t)tenant_hash(key) & ix->mask;

	while (ix->slots[slot] != 0 &&
	    strcasecmp(get(ix->slots[slot] - 1), key) != 0)
		slot = (slot + 1) & ix->mask;
	return slot;
}

/* The id of user i. */
static const char *
tenant_user_id(size_t i)
{
	return tenant.users[i].id;
}

/* The userPrincipalName of user i. */
static const char *
tenant_user_upn(size_t i)
{
	return tenant.users[i].upn;
}

/* The id of group i. */
static const char *
tenant_group_id(size_t i)
{
	return tenant.groups[i].id;
}

/* Split a "Display|ascii" entry. */
static void
tenant_split(const char *entry, char **display, const char **ascii)
{
	const char *bar = strchr(entry, '|');

	*display = xstrndup(entry, (size_t)(bar - entry));
	*ascii = bar + 1;
}

/* Make the names of user i. */
static void
tenant_make_names(struct user *u, size_t i, struct rng *r, char *ascii,
    size_t asize)
{
	static int *weights;
	const struct names_lang *l;
	const char *ga, *fa, *a2;
	char *g, *f, *g2, *f2, *base;
	size_t k;

	if (weights == NULL) {
		weights = xcalloc(names_nlangs, sizeof *weights);
		for (k = 0; k < names_nlangs; k++)
			weights[k] = names_langs[k].weight;
	}
	l = &names_langs[i == 0 ? 0 : rng_weighted(r, weights, names_nlangs)];
	u->locale = l->locale;
	tenant_split(l->given[rng_below(r, l->ngiven)], &g, &ga);
	tenant_split(l->family[rng_below(r, l->nfamily)], &f, &fa);
	u->given_name = g;
	u->surname = f;
	snprintf(ascii, asize, "%s.%s", ga, fa);
	if (l->family_first && l->no_space)
		xasprintf(&base, "%s%s", f, g);
	else if (l->family_first)
		xasprintf(&base, "%s %s", f, g);
	else
		xasprintf(&base, "%s %s", g, f);

	if (i > 0 && rng_chance(r, 3)) {
		free(base);
		tenant_split(names_combining[rng_below(r, names_ncombining)],
		    &base, &a2);
		snprintf(ascii, asize, "%s", a2);
	} else if (i > 0 && rng_chance(r, 1)) {
		tenant_split(l->given[rng_below(r, l->ngiven)], &g2, &a2);
		tenant_split(l->family[rng_below(r, l->nfamily)], &f2, &a2);
		free(base);
		xasprintf(&base,
		    "%s %s %s de la %s (Contractor – Facilities "
		    "Management, Workplace Services and Corporate Real Estate, "
		    "Europe, Middle East and Africa)",
		    g, g2, f, f2);
		free(g2);
		free(f2);
	} else if (i > 0 && rng_chance(r, 2)) {
		f2 = base;
		xasprintf(&base, "%s (External)", f2);
		free(f2);
	}
	if (i > 0 && rng_chance(r, 4)) {
		f2 = base;
		xasprintf(&base, "%s%s", f2,
		    names_emoji[rng_below(r, names_nemoji)]);
		free(f2);
	}
	u->display_name = base;
}

/* Make user i. */
static void
tenant_make_user(size_t i)
{
	struct user *u = &tenant.users[i];
	struct rng r;
	char ascii[128], upn[256];
	size_t slot;

	rng_seed(&r, tenant.seed, i + 1);
	rng_guid(&r, u->id);
	tenant_make_names(u, i, &r, ascii, sizeof ascii);
	snprintf(upn, sizeof upn, "%s@%s", ascii, tenant.domain);
	slot = tenant_index_slot(&tenant.by_upn, upn, tenant_user_upn);
	if (tenant.by_upn.slots[slot] != 0) {
		snprintf(upn, sizeof upn, "%s%zu@%s", ascii, i, tenant.domain);
		slot = tenant_index_slot(&tenant.by_upn, upn, tenant_user_upn);
	}
	u->upn = xstrdup(upn);
	if (i % 7 == 3) {
		const char *dot = strchr(ascii, '.');

		xasprintf(&u->mail, "%c%s%zu@%s", ascii[0],
		    dot != NULL ? dot + 1 : ascii, i, tenant.domain);
	} else
		u->mail = u->upn;
	tenant.by_upn.slots[slot] = (uint32_t)i + 1;
	slot = tenant_index_slot(&tenant.by_id, u->id, tenant_user_id);
	tenant.by_id.slots[slot] = (uint32_t)i + 1;
	u->department = names_departments[rng_below(&r, names_ndepartments)];
	u->job_title = names_titles[rng_below(&r, names_ntitles)];
	u->office = names_offices[rng_below(&r, names_noffices)];
	snprintf(u->phone, sizeof u->phone, "+1 425 555 %04zu",
	    rng_below(&r, 10000));
	if (rng_chance(&r, 60))
		snprintf(u->mobile, sizeof u->mobile, "+1 206 555 %04zu",
		    rng_below(&r, 10000));
}

/* Whether the group list already holds v. */
static int
tenant_has(const size_t *v, size_t n, size_t x)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i] == x)
			return 1;
	}
	return 0;
}

/* Make group i with its direct members. */
static void
tenant_make_group(size_t i)
{
	struct group *g = &tenant.groups[i];
	size_t n = tenant.nusers, k, start, stride, cap, j, slot;
	struct rng r;
	double lo, hi;
	char *p;

	rng_seed(&r, tenant.seed, 0x10000000ULL + i);
	rng_guid(&r, g->id);
	if (i < names_ngroups)
		g->display_name = xstrdup(names_groups[i]);
	else
		xasprintf(&g->display_name, "Team %zu", i + 1);
	xasprintf(&g->description, "Members of %s", g->display_name);
	xasprintf(&g->mail_nickname, "group%zu", i + 1);
	for (p = g->mail_nickname; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	g->unified = rng_chance(&r, 60);
	slot = tenant_index_slot(&tenant.group_by_id, g->id, tenant_group_id);
	tenant.group_by_id.slots[slot] = (uint32_t)i + 1;

	if (i == 0)
		k = n;
	else {
		cap = n < 5000 ? n : 5000;
		lo = log(2);
		hi = log(cap < 3 ? 3 : (double)cap);
		k = (size_t)exp(lo + (hi - lo) * rng_unit(&r));
		if (k > n)
			k = n;
	}
	g->users = xcalloc(k == 0 ? 1 : k, sizeof *g->users);
	g->nusers = k;
	if (n > 0) {
		start = rng_below(&r, n);
		do {
			stride = 1 + rng_below(&r, n);
			for (j = stride, cap = n; j != 0;) {
				size_t t = cap % j;

				cap = j;
				j = t;
			}
		} while (cap != 1 && n > 1);
		if (i == 0) {
			start = 0;
			stride = 1;
		}
		for (j = 0; j < k; j++)
			g->users[j] = (start + j * stride) % n;
	}
}

/* Nest some groups in others; a group only contains later groups. */
static void
tenant_nest(void)
{
	static const size_t fixed[][2] = { { 1, 2 }, { 1, 3 }, { 4, 5 },
		{ 14, 15 } };
	size_t n = tenant.ngroups, i, j, k;
	struct group *g;
	struct rng r;

	for (i = 0; i < n; i++)
		tenant.groups[i].groups = xcalloc(4, sizeof(size_t));
	for (k = 0; k < sizeof fixed / sizeof fixed[0]; k++) {
		if (fixed[k][1] >= n)
			continue;
		g = &tenant.groups[fixed[k][0]];
		g->groups[g->ngroups++] = fixed[k][1];
	}
	rng_seed(&r, tenant.seed, 0x20000000ULL);
	for (i = 1; i + 1 < n; i++) {
		g = &tenant.groups[i];
		if (g->ngroups >= 3 || !rng_chance(&r, 20))
			continue;
		j = i + 1 + rng_below(&r, n - i - 1);
		if (!tenant_has(g->groups, g->ngroups, j))
			g->groups[g->ngroups++] = j;
	}
}

/* Derive a fixed GUID from a name. */
static void
tenant_name_guid(const char *name, char *out)
{
	struct rng r;

	rng_seed(&r, tenant_hash(name), 0x7e7a7e7a);
	rng_guid(&r, out);
}

/* Build the tenant. */
void
tenant_init(const char *name, const char *client_id, const char *secret,
    uint64_t seed, size_t nusers, size_t ngroups)
{
	size_t i, j;
	char *p;

	memset(&tenant, 0, sizeof tenant);
	tenant.name = xstrdup(name);
	tenant_name_guid(name, tenant.tenant_id);
	xasprintf(&tenant.domain, "%s.onmicrosoft.com", name);
	for (p = tenant.domain; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	tenant.client_id = xstrdup(client_id);
	tenant.client_secret = xstrdup(secret);
	tenant.seed = seed;
	tenant.nusers = nusers;
	tenant.users = xcalloc(nusers == 0 ? 1 : nusers, sizeof *tenant.users);
	tenant_index_init(&tenant.by_id, nusers);
	tenant_index_init(&tenant.by_upn, nusers);
	for (i = 0; i < nusers; i++)
		tenant_make_user(i);
	tenant.ngroups = ngroups;
	tenant.groups =
	    xcalloc(ngroups == 0 ? 1 : ngroups, sizeof *tenant.groups);
	tenant_index_init(&tenant.group_by_id, ngroups);
	for (j = 0; j < ngroups; j++)
		tenant_make_group(j);
	tenant_nest();
}

/* Free the tenant. */
void
tenant_done(void)
{
	size_t i;

	for (i = 0; i < tenant.nusers; i++) {
		free(tenant.users[i].display_name);
		free(tenant.users[i].given_name);
		free(tenant.users[i].surname);
		if (tenant.users[i].mail != tenant.users[i].upn)
			free(tenant.users[i].mail);
		free(tenant.users[i].upn);
	}
	for (i = 0; i < tenant.ngroups; i++) {
		free(tenant.groups[i].display_name);
		free(tenant.groups[i].description);
		free(tenant.groups[i].mail_nickname);
		free(tenant.groups[i].users);
		free(tenant.groups[i].groups);
	}
	free(tenant.users);
	free(tenant.groups);
	free(tenant.by_id.slots);
	free(tenant.by_upn.slots);
	free(tenant.group_by_id.slots);
	free(tenant.name);
	free(tenant.domain);
	free(tenant.client_id);
	free(tenant.client_secret);
	memset(&tenant, 0, sizeof tenant);
}

/* Find a person by id only; -1 when unknown. */
long
tenant_find_user_id(const char *id)
{
	size_t slot = tenant_index_slot(&tenant.by_id, id, tenant_user_id);

	return (long)tenant.by_id.slots[slot] - 1;
}

/* Find a person by id or userPrincipalName; -1 when unknown. */
long
tenant_find_user(const char *key)
{
	long i;
	size_t slot;

	if ((i = tenant_find_user_id(key)) != -1)
		return i;
	slot = tenant_index_slot(&tenant.by_upn, key, tenant_user_upn);
	return (long)tenant.by_upn.slots[slot] - 1;
}

/* Find a group by id; -1 when unknown. */
long
tenant_find_group(const char *id)
{
	size_t slot =
	    tenant_index_slot(&tenant.group_by_id, id, tenant_group_id);

	return (long)tenant.group_by_id.slots[slot] - 1;
}

/* Whether s is a GUID in 8-4-4-4-12 form. */
int
tenant_is_guid(const char *s)
{
	int i;

	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i]))
			return 0;
	}
	return s[36] == '\0';
}

/* Whether a token URL's tenant segment names this tenant. */
int
tenant_names_tenant(const char *s)
{
	return strcasecmp(s, tenant.name) == 0 ||
	    strcasecmp(s, tenant.tenant_id) == 0 ||
	    strcasecmp(s, tenant.domain) == 0;
}
