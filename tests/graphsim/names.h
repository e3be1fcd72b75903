/*
 * Tables of given and family names in several scripts, with an ASCII form
 * of each for mail addresses, and of departments, job titles and group
 * names. Read-only data; safe from any thread.
 */
#ifndef NAMES_H
#define NAMES_H

#include <stddef.h>

/* One language's names; each entry is "Display|ascii". */
struct names_lang {
	const char *locale; /* preferredLanguage. */
	int family_first;   /* Display as "Family Given". */
	int no_space;       /* No space between the parts (CJK). */
	int weight;         /* Relative frequency. */
	const char *const *given;
	size_t ngiven;
	const char *const *family;
	size_t nfamily;
};

extern const struct names_lang names_langs[];
extern const size_t names_nlangs;
extern const char *const names_departments[];
extern const size_t names_ndepartments;
extern const char *const names_titles[];
extern const size_t names_ntitles;
extern const char *const names_groups[];
extern const size_t names_ngroups;
extern const char *const names_emoji[];
extern const size_t names_nemoji;
extern const char *const names_combining[];
extern const size_t names_ncombining;
extern const char *const names_messages[];
extern const size_t names_nmessages;
extern const char *const names_ooo[];
extern const size_t names_nooo;
extern const char *const names_offices[];
extern const size_t names_noffices;

#endif
