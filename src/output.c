/*
 * Output of the one-shot commands: tables aligned by display width for a
 * terminal (cells sanitised), CSV by RFC 4180 and JSON with Graph's field
 * names (both keep the data exact; JSON only repairs invalid UTF-8, which
 * JSON cannot carry). Main thread (uses only its arguments).
 */
#include "config.h"

#include "output.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "graph_parse.h"
#include "presence.h"
#include "text.h"
#include "user.h"
#include "xmalloc.h"

/* The widest a table column grows, in display columns. */
#define OUTPUT_MAX_WIDTH 60
/* The narrowest a column is cut to before the next one is cut. */
#define OUTPUT_MIN_CUT 10
/* How many columns a table may cut to fit the terminal. */
#define OUTPUT_MAX_SHRINK 4

/* Rows of strings under a header. */
struct table {
	int ncols;
	char **headers; /* ncols strings. */
	char ***rows;   /* nrows arrays of ncols strings. */
	size_t nrows;
	size_t cap;
	int shrink[OUTPUT_MAX_SHRINK]; /* Cut to fit, first to last. */
	int nshrink;
};

/* Create a table with ncols columns and these headers (copied). */
struct table *
table_new(int ncols, const char *const *headers)
{
	struct table *t;
	int i;

	t = xcalloc(1, sizeof *t);
	t->ncols = ncols < 1 ? 1 : ncols;
	t->headers = xcalloc((size_t)t->ncols, sizeof *t->headers);
	for (i = 0; i < t->ncols; i++) {
		t->headers[i] =
		    xstrdup(i < ncols && headers != NULL && headers[i] != NULL
		            ? headers[i]
		            : "");
	}
	return t;
}

/* Add a row of ncols values (copied; NULL is an empty cell). */
void
table_add_row(struct table *t, const char *const *values)
{
	char **row;
	int i;

	t->rows = xgrowarray(t->rows, t->nrows, &t->cap, sizeof *t->rows);
	row = xcalloc((size_t)t->ncols, sizeof *row);
	for (i = 0; i < t->ncols; i++) {
		row[i] = xstrdup(
		    values != NULL && values[i] != NULL ? values[i] : "");
	}
	t->rows[t->nrows++] = row;
}

/* Cut column col, after those given before, when the table is too wide. */
void
table_shrink(struct table *t, int col)
{
	if (col >= 0 && col < t->ncols && t->nshrink < OUTPUT_MAX_SHRINK)
		t->shrink[t->nshrink++] = col;
}

/* Free a table (NULL is fine). */
void
table_free(struct table *t)
{
	size_t r;
	int i;

	if (t == NULL)
		return;
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->ncols; i++)
			free(t->rows[r][i]);
		free(t->rows[r]);
	}
	free(t->rows);
	for (i = 0; i < t->ncols; i++)
		free(t->headers[i]);
	free(t->headers);
	free(t);
}

/*
 * Write one CSV field, quoted if it holds a comma, quote, CR or LF. With
 * o->inert the text is made inert for a terminal; with o->csv_safe a cell
 * a spreadsheet would run as a formula (= + - @ TAB CR first) gets a
 * leading apostrophe (OWASP's rule for CSV injection).
 */
static void
output_csv_field(FILE *f, const char *s, const struct output_opts *o)
{
	char *clean = NULL, *safe = NULL;

	if (o->inert)
		s = clean = text_sanitize(s);
	if (o->csv_safe && *s != '\0' && strchr("=+-@\t\r", *s) != NULL) {
		xasprintf(&safe, "'%s", s);
		s = safe;
	}
	if (strpbrk(s, ",\"\r\n") == NULL)
		fputs(s, f);
	else {
		fputc('"', f);
		for (; *s != '\0'; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	}
	free(safe);
	free(clean);
}

/* Write one CSV record with CRLF. */
static void
output_csv_row(FILE *f, char *const *cells, int n, const struct output_opts *o)
{
	int i;

	for (i = 0; i < n; i++) {
		if (i != 0)
			fputc(',', f);
		output_csv_field(f, cells[i], o);
	}
	fputs("\r\n", f);
}

/* A JSON string of text made valid UTF-8, or null for NULL. */
static cJSON *
output_json_string(const char *s)
{
	cJSON *item;
	char *fixed;

	if (s == NULL)
		return cJSON_CreateNull();
	fixed = text_fix_utf8(s);
	item = cJSON_CreateString(fixed);
	free(fixed);
	if (item == NULL)
		fatal("out of memory");
	return item;
}

/* Add a string (or null) member. */
static void
output_json_add(cJSON *obj, const char *name, const char *s)
{
	cJSON_AddItemToObject(obj, name, output_json_string(s));
}

/* Print a JSON document and a newline. */
static void output_json_inert(cJSON *);

static void
output_json_print(FILE *f, cJSON *root, const struct output_opts *o)
{
	char *s;

	if (o->inert)
		output_json_inert(root);
	if ((s = cJSON_Print(root)) == NULL)
		fatal("out of memory");
	fputs(s, f);
	fputc('\n', f);
	cJSON_free(s);
}

/* Make every string of a JSON tree inert for a terminal. */
static void
output_json_inert(cJSON *item)
{
	cJSON *c;
	char *clean;

	if (cJSON_IsString(item) && item->valuestring != NULL) {
		clean = text_sanitize(item->valuestring);
		if (cJSON_SetValuestring(item, clean) == NULL)
			fatal("out of memory");
		free(clean);
	}
	for (c = item->child; c != NULL; c = c->next)
		output_json_inert(c);
}

/*
 * Write one line of a terminal table: the cells (sanitised) fitted to the
 * widths, two blanks apart, without trailing blanks, and the line cut to
 * width (not 0) when it is still wider. *line (of *cap bytes) is the
 * buffer it grows.
 */
static void
output_table_line(FILE *f, char *const *clean, int ncols, const int *widths,
    int flags, int width, char **line, size_t *cap)
{
	char *cell;
	size_t len = 0, n;
	int i, fit;

	if (!(flags & OUTPUT_UTF8))
		fit = TEXT_ASCII;
	else
		fit = (flags & OUTPUT_PLAIN) ? TEXT_DOTS : 0;
	for (i = 0; i < ncols; i++) {
		cell = text_fit_flags(clean[i], widths[i],
		    i == ncols - 1 ? fit | TEXT_NOPAD : fit);
		n = strlen(cell);
		if (len + n + 3 > *cap) {
			*cap = (len + n + 3) * 2;
			*line = xreallocarray(*line, *cap, 1);
		}
		if (i != 0) {
			memcpy(*line + len, "  ", 2);
			len += 2;
		}
		memcpy(*line + len, cell, n);
		len += n;
		free(cell);
	}
	/* No trailing blanks when the last cells are empty. */
	while (len > 0 && (*line)[len - 1] == ' ')
		len--;
	(*line)[len] = '\0';
	/* Still too wide for the terminal: cut the line itself. */
	if (width > 0 && text_width(*line) > width) {
		cell = text_fit_flags(*line, width, fit | TEXT_NOPAD);
		free(*line);
		*line = cell;
		len = strlen(cell);
		*cap = len + 1;
	}
	(*line)[len++] = '\n'; /* Where the NUL was. */
	fwrite(*line, 1, len, f);
}

/*
 * Narrow the columns of widths listed in shrink, in that order, so that a
 * line is at most width columns: each first down to OUTPUT_MIN_CUT, then
 * down to one.
 */
static void
output_table_fit(const int *shrink, int nshrink, int ncols, int *widths,
    int width)
{
	int total = 2 * (ncols - 1), i, k, c, floor, cut;

	for (i = 0; i < ncols; i++)
		total += widths[i];
	for (floor = OUTPUT_MIN_CUT; floor >= 1; floor -= OUTPUT_MIN_CUT - 1) {
		for (k = 0; k < nshrink && total > width; k++) {
			c = shrink[k];
			cut = widths[c] - floor;
			if (cut > total - width)
				cut = total - width;
			if (cut > 0) {
				widths[c] -= cut;
				total -= cut;
			}
		}
	}
}

/* Widen widths to fit sanitised cells (up to OUTPUT_MAX_WIDTH). */
static void
output_table_widen(int *widths, char *const *clean, int ncols)
{
	int i, w;

	for (i = 0; i < ncols; i++) {
		w = text_width(clean[i]);
		if (w > OUTPUT_MAX_WIDTH)
			w = OUTPUT_MAX_WIDTH;
		if (w > widths[i])
			widths[i] = w;
	}
}

/*
 * Print a terminal table: sanitised, aligned by display width, and with
 * width (not 0) no wider than that when the table says which columns to
 * cut.
 */
static void
output_table_text(struct table *t, FILE *f, int flags, int width)
{
	int *widths, i;
	char ***clean, *line;
	size_t r, cap;

	widths = xcalloc((size_t)t->ncols, sizeof *widths);
	clean = xcalloc(t->nrows + 1, sizeof *clean);
	for (r = 0; r <= t->nrows; r++) {
		clean[r] = xcalloc((size_t)t->ncols, sizeof *clean[r]);
		for (i = 0; i < t->ncols; i++)
			clean[r][i] = text_sanitize(
			    r == 0 ? t->headers[i] : t->rows[r - 1][i]);
		output_table_widen(widths, clean[r], t->ncols);
	}
	if (t->nshrink == 0)
		width = 0; /* A table that cuts nothing is printed whole. */
	else if (width > 0)
		output_table_fit(t->shrink, t->nshrink, t->ncols, widths,
		    width);
	cap = 256;
	line = xmalloc(cap);
	for (r = 0; r <= t->nrows; r++) {
		output_table_line(f, clean[r], t->ncols, widths, flags, width,
		    &line, &cap);
		for (i = 0; i < t->ncols; i++)
			free(clean[r][i]);
		free(clean[r]);
	}
	free(line);
	free(clean);
	free(widths);
}

/* Print the table in a format; 0, or -1 on a write error. */
int
table_print(struct table *t, FILE *f, enum output_format format, int flags)
{
	struct output_opts o;

	memset(&o, 0, sizeof o);
	o.flags = flags;
	return table_write(t, f, format, &o);
}

/* Print the table in a format with options; 0, or -1 on a write error. */
int
table_write(struct table *t, FILE *f, enum output_format format,
    const struct output_opts *o)
{
	cJSON *root, *value, *obj;
	size_t r;
	int i;

	switch (format) {
	case OUTPUT_CSV:
		output_csv_row(f, t->headers, t->ncols, o);
		for (r = 0; r < t->nrows; r++)
			output_csv_row(f, t->rows[r], t->ncols, o);
		break;
	case OUTPUT_JSON:
		root = cJSON_CreateObject();
		value = cJSON_AddArrayToObject(root, "value");
		for (r = 0; r < t->nrows; r++) {
			obj = cJSON_CreateObject();
			for (i = 0; i < t->ncols; i++)
				output_json_add(obj, t->headers[i],
				    t->rows[r][i]);
			cJSON_AddItemToArray(value, obj);
		}
		output_json_print(f, root, o);
		cJSON_Delete(root);
		break;
	case OUTPUT_TABLE:
	default:
		output_table_text(t, f, o->flags, o->width);
		break;
	}
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}

/* A presence (and its user) as a JSON object with Graph's names. */
struct cJSON *
output_presence_json(const struct presence *p, const struct user *u)
{
	cJSON *obj, *sm, *msg, *exp, *ooo, *wl;

	obj = cJSON_CreateObject();
	output_json_add(obj, "id", p->id);
	if (u != NULL) {
		output_json_add(obj, "displayName", u->display_name);
		output_json_add(obj, "userPrincipalName", u->upn);
		output_json_add(obj, "mail", u->mail);
		output_json_add(obj, "department", u->department);
		output_json_add(obj, "jobTitle", u->job_title);
	}
	output_json_add(obj, "availability", p->availability);
	output_json_add(obj, "activity", p->activity);
	output_json_add(obj, "sequenceNumber", p->sequence);

	if (p->status_message != NULL || p->status_content_type != NULL ||
	    p->status_expiry != NULL || p->status_published != NULL) {
		sm = cJSON_AddObjectToObject(obj, "statusMessage");
		msg = cJSON_AddObjectToObject(sm, "message");
		output_json_add(msg, "content", p->status_message);
		output_json_add(msg, "contentType", p->status_content_type);
		if (p->status_expiry != NULL) {
			exp = cJSON_AddObjectToObject(sm, "expiryDateTime");
			output_json_add(exp, "dateTime", p->status_expiry);
			output_json_add(exp, "timeZone", p->status_expiry_zone);
		}
		if (p->status_published != NULL)
			output_json_add(sm, "publishedDateTime",
			    p->status_published);
	} else
		cJSON_AddNullToObject(obj, "statusMessage");

	if (p->has_ooo) {
		ooo = cJSON_AddObjectToObject(obj, "outOfOfficeSettings");
		cJSON_AddBoolToObject(ooo, "isOutOfOffice", p->is_ooo);
		output_json_add(ooo, "message", p->ooo_message);
	} else
		cJSON_AddNullToObject(obj, "outOfOfficeSettings");

	if (p->work_location_type != NULL || p->work_location_source != NULL ||
	    p->work_location_place != NULL) {
		wl = cJSON_AddObjectToObject(obj, "workLocation");
		output_json_add(wl, "workLocationType", p->work_location_type);
		output_json_add(wl, "source", p->work_location_source);
		output_json_add(wl, "placeId", p->work_location_place);
	} else
		cJSON_AddNullToObject(obj, "workLocation");
	return obj;
}

/* The user of the i-th presence: the i-th user if ids match, else by id. */
static const struct user *
output_user(const struct user_list *users, size_t i, const struct presence *p)
{
	if (users == NULL || p->id == NULL)
		return NULL;
	if (i < users->n && users->v[i].id != NULL &&
	    strcmp(users->v[i].id, p->id) == 0)
		return &users->v[i];
	return user_list_find(users, p->id);
}

/* The CSV columns of output_print. */
static const char *const output_csv_headers[] = { "id", "displayName",
	"userPrincipalName", "mail", "department", "jobTitle", "availability",
	"activity", "statusMessage", "statusExpiry", "statusExpiryTimeZone",
	"outOfOffice", "outOfOfficeMessage", "workLocation", "sequenceNumber" };
#define OUTPUT_CSV_COLUMNS                                                     \
	((int)(sizeof output_csv_headers / sizeof output_csv_headers[0]))

/* The table columns of output_print. */
static const char *const output_table_headers[] = { "NAME", "AVAILABILITY",
	"ACTIVITY", "OOF", "LOCATION", "STATUS MESSAGE" };
#define OUTPUT_TABLE_COLUMNS                                                   \
	((int)(sizeof output_table_headers / sizeof output_table_headers[0]))
/* The columns cut to fit a terminal: the status message, then the name. */
static const int output_table_shrink[] = { OUTPUT_TABLE_COLUMNS - 1, 0 };
#define OUTPUT_TABLE_SHRINK                                                    \
	((int)(sizeof output_table_shrink / sizeof output_table_shrink[0]))

/* The name to show for a person: display name, UPN, mail or id. */
static const char *
output_name(const struct user *u, const struct presence *p)
{
	if (u != NULL && u->display_name != NULL && *u->display_name != '\0')
		return u->display_name;
	if (u != NULL && u->upn != NULL)
		return u->upn;
	if (u != NULL && u->mail != NULL)
		return u->mail;
	return p->id;
}

/* The cells of a person's row: CSV's columns, or the table's. */
static void
output_cells(enum output_format format, const struct user *u,
    const struct presence *p, const char **row)
{
	if (format == OUTPUT_CSV) {
		row[0] = p->id;
		row[1] = u != NULL ? u->display_name : NULL;
		row[2] = u != NULL ? u->upn : NULL;
		row[3] = u != NULL ? u->mail : NULL;
		row[4] = u != NULL ? u->department : NULL;
		row[5] = u != NULL ? u->job_title : NULL;
		row[6] = p->availability;
		row[7] = p->activity;
		row[8] = p->status_message;
		row[9] = p->status_expiry;
		row[10] = p->status_expiry_zone;
		row[11] = !p->has_ooo ? NULL : p->is_ooo ? "true" : "false";
		row[12] = p->ooo_message;
		row[13] = p->work_location_type;
		row[14] = p->sequence;
	} else {
		row[0] = output_name(u, p);
		row[1] = p->availability;
		row[2] = p->activity;
		row[3] = p->is_ooo ? "yes" : NULL;
		row[4] = p->work_location_type;
		row[5] = p->status_message;
	}
}

/* Print presences and their users in a format; 0, or 1 on a write error. */
int
output_print(FILE *f, enum output_format format, const struct user_list *users,
    const struct presence_list *list, int flags)
{
	struct output_opts o;

	memset(&o, 0, sizeof o);
	o.flags = flags;
	return output_write(f, format, users, list, NULL, 0, &o);
}

/* Print presences, and in JSON the people who could not be read. */
int
output_write(FILE *f, enum output_format format, const struct user_list *users,
    const struct presence_list *list, const struct output_error *errors,
    size_t nerrors, const struct output_opts *o)
{
	struct table *t;
	cJSON *root, *value, *obj, *err;
	const struct presence *p;
	const struct user *u;
	const char *row[OUTPUT_CSV_COLUMNS];
	size_t i;
	int rc, c;

	if (format == OUTPUT_JSON) {
		root = cJSON_CreateObject();
		value = cJSON_AddArrayToObject(root, "value");
		for (i = 0; list != NULL && i < list->n; i++) {
			p = &list->v[i];
			cJSON_AddItemToArray(value,
			    output_presence_json(p, output_user(users, i, p)));
		}
		if (nerrors != 0)
			value = cJSON_AddArrayToObject(root, "errors");
		for (i = 0; i < nerrors; i++) {
			obj = cJSON_CreateObject();
			cJSON_AddStringToObject(obj, "user", errors[i].user);
			err = cJSON_AddObjectToObject(obj, "error");
			cJSON_AddStringToObject(err, "code", errors[i].code);
			cJSON_AddStringToObject(err, "message",
			    errors[i].message);
			cJSON_AddItemToArray(value, obj);
		}
		output_json_print(f, root, o);
		cJSON_Delete(root);
		return (fflush(f) != 0 || ferror(f)) ? 1 : 0;
	}

	if (format == OUTPUT_CSV)
		t = table_new(OUTPUT_CSV_COLUMNS, output_csv_headers);
	else {
		t = table_new(OUTPUT_TABLE_COLUMNS, output_table_headers);
		for (c = 0; c < OUTPUT_TABLE_SHRINK; c++)
			table_shrink(t, output_table_shrink[c]);
	}
	for (i = 0; list != NULL && i < list->n; i++) {
		p = &list->v[i];
		u = output_user(users, i, p);
		output_cells(format, u, p, row);
		table_add_row(t, row);
	}
	rc = table_write(t, f, format, o);
	table_free(t);
	return rc == 0 ? 0 : 1;
}

/* Print groups and their member counts in a format; 0, or 1 on error. */
int
output_groups(FILE *f, enum output_format format,
    const struct group_list *groups, const long *counts,
    const struct output_opts *o)
{
	static const char *const csv[] = { "id", "displayName", "mail",
		"members" };
	static const char *const table[] = { "NAME", "MEMBERS", "MAIL", "ID" };
	const struct group *g;
	struct table *t;
	cJSON *root, *value, *obj;
	const char *row[4];
	char count[32];
	size_t i;
	int rc;

	if (format == OUTPUT_JSON) {
		root = cJSON_CreateObject();
		value = cJSON_AddArrayToObject(root, "value");
		for (i = 0; i < groups->n; i++) {
			g = &groups->v[i];
			obj = cJSON_CreateObject();
			output_json_add(obj, "id", g->id);
			output_json_add(obj, "displayName", g->display_name);
			output_json_add(obj, "mail", g->mail);
			if (counts[i] >= 0)
				cJSON_AddNumberToObject(obj, "members",
				    (double)counts[i]);
			else
				cJSON_AddNullToObject(obj, "members");
			cJSON_AddItemToArray(value, obj);
		}
		output_json_print(f, root, o);
		cJSON_Delete(root);
		return (fflush(f) != 0 || ferror(f)) ? 1 : 0;
	}
	t = table_new(4, format == OUTPUT_CSV ? csv : table);
	for (i = 0; i < groups->n; i++) {
		g = &groups->v[i];
		if (counts[i] >= 0)
			snprintf(count, sizeof count, "%ld", counts[i]);
		else
			snprintf(count, sizeof count, "%s",
			    format == OUTPUT_CSV ? "" : "?");
		if (format == OUTPUT_CSV) {
			row[0] = g->id;
			row[1] = g->display_name;
			row[2] = g->mail;
			row[3] = count;
		} else {
			row[0] = g->display_name;
			row[1] = count;
			row[2] = g->mail;
			row[3] = g->id;
		}
		table_add_row(t, row);
	}
	rc = table_write(t, f, format, o);
	table_free(t);
	return rc == 0 ? 0 : 1;
}

/* People printed as they come: see output_stream_new. */
struct output_stream {
	FILE *f;
	enum output_format format;
	struct output_opts o;
	size_t n;    /* Rows written so far. */
	int ncols;   /* OUTPUT_TABLE and OUTPUT_CSV. */
	int *widths; /* OUTPUT_TABLE: the widest cell of each column. */
	FILE *spool; /* OUTPUT_TABLE: the sanitised cells, NUL-ended. */
	int failed;  /* The spool could not be written. */
	int started; /* What comes before the first person is written. */
};

/* Start printing people in a format, as output_write would. */
struct output_stream *
output_stream_new(FILE *f, enum output_format format,
    const struct output_opts *o)
{
	struct output_stream *os;
	char *clean[OUTPUT_TABLE_COLUMNS];
	int i;

	os = xcalloc(1, sizeof *os);
	os->f = f;
	os->format = format;
	os->o = *o;
	if (format == OUTPUT_CSV)
		os->ncols = OUTPUT_CSV_COLUMNS;
	else if (format == OUTPUT_TABLE) {
		os->ncols = OUTPUT_TABLE_COLUMNS;
		os->widths = xcalloc(OUTPUT_TABLE_COLUMNS, sizeof *os->widths);
		for (i = 0; i < OUTPUT_TABLE_COLUMNS; i++)
			clean[i] = text_sanitize(output_table_headers[i]);
		output_table_widen(os->widths, clean, OUTPUT_TABLE_COLUMNS);
		for (i = 0; i < OUTPUT_TABLE_COLUMNS; i++)
			free(clean[i]);
		if ((os->spool = tmpfile()) == NULL)
			os->failed = 1;
	}
	return os;
}

/*
 * Write what comes before the first person, once: nothing is written
 * before there is something to print, so that an error found first
 * leaves no output, as with output_write.
 */
static void
output_stream_start(struct output_stream *os)
{
	if (os->started)
		return;
	os->started = 1;
	if (os->format == OUTPUT_CSV)
		output_csv_row(os->f, (char *const *)output_csv_headers,
		    OUTPUT_CSV_COLUMNS, &os->o);
	else if (os->format == OUTPUT_JSON)
		fputs("{\n\t\"value\":\t[", os->f);
}

/*
 * Write one JSON object as an element of the "value" array: cJSON_Print's
 * text indented two levels deeper (its strings hold no raw newline).
 */
static void
output_stream_json(struct output_stream *os, cJSON *obj)
{
	char *s, *p;

	if (os->o.inert)
		output_json_inert(obj);
	if ((s = cJSON_Print(obj)) == NULL)
		fatal("out of memory");
	if (os->n != 0)
		fputs(", ", os->f);
	for (p = s; *p != '\0'; p++) {
		fputc(*p, os->f);
		if (*p == '\n')
			fputs("\t\t", os->f);
	}
	cJSON_free(s);
}

/* Print presences with their users (matched as output_write does). */
void
output_stream_add(struct output_stream *os, const struct user_list *users,
    const struct presence_list *list)
{
	const char *row[OUTPUT_CSV_COLUMNS];
	char *clean[OUTPUT_TABLE_COLUMNS];
	const struct presence *p;
	const struct user *u;
	cJSON *obj;
	size_t i;
	int c;

	output_stream_start(os);
	for (i = 0; i < list->n; i++, os->n++) {
		p = &list->v[i];
		u = output_user(users, i, p);
		if (os->format == OUTPUT_JSON) {
			obj = output_presence_json(p, u);
			output_stream_json(os, obj);
			cJSON_Delete(obj);
			continue;
		}
		output_cells(os->format, u, p, row);
		if (os->format == OUTPUT_CSV) {
			for (c = 0; c < os->ncols; c++)
				if (row[c] == NULL)
					row[c] = "";
			output_csv_row(os->f, (char *const *)row, os->ncols,
			    &os->o);
			continue;
		}
		for (c = 0; c < os->ncols; c++) {
			clean[c] = text_sanitize(row[c] != NULL ? row[c] : "");
			if (os->spool != NULL &&
			    fwrite(clean[c], 1, strlen(clean[c]) + 1,
			        os->spool) == 0)
				os->failed = 1;
		}
		output_table_widen(os->widths, clean, os->ncols);
		for (c = 0; c < os->ncols; c++)
			free(clean[c]);
	}
}

/*
 * Finish: in JSON the people who could not be read, as output_write; a
 * table is printed now, from its spool. Frees os. 0, or 1 on a write
 * error.
 */
int
output_stream_end(struct output_stream *os, const struct output_error *errors,
    size_t nerrors)
{
	cJSON *root, *value, *obj, *err;
	char *s, *clean[OUTPUT_TABLE_COLUMNS], *line;
	size_t i, cap, gcap;
	int c, rc = 0;

	output_stream_start(os);
	if (os->format == OUTPUT_JSON) {
		/* The rest of the document, as an empty "value" leaves it. */
		root = cJSON_CreateObject();
		cJSON_AddArrayToObject(root, "value");
		if (nerrors != 0)
			value = cJSON_AddArrayToObject(root, "errors");
		for (i = 0; i < nerrors; i++) {
			obj = cJSON_CreateObject();
			cJSON_AddStringToObject(obj, "user", errors[i].user);
			err = cJSON_AddObjectToObject(obj, "error");
			cJSON_AddStringToObject(err, "code", errors[i].code);
			cJSON_AddStringToObject(err, "message",
			    errors[i].message);
			cJSON_AddItemToArray(value, obj);
		}
		if (os->o.inert)
			output_json_inert(root);
		if ((s = cJSON_Print(root)) == NULL)
			fatal("out of memory");
		fputs(strstr(s, "[]") + 1, os->f);
		fputc('\n', os->f);
		cJSON_free(s);
		cJSON_Delete(root);
	} else if (os->format == OUTPUT_TABLE) {
		if (os->spool == NULL || os->failed || fflush(os->spool) != 0)
			rc = 1;
		for (c = 0; c < os->ncols; c++)
			clean[c] = (char *)output_table_headers[c];
		if (os->o.width > 0)
			output_table_fit(output_table_shrink,
			    OUTPUT_TABLE_SHRINK, os->ncols, os->widths,
			    os->o.width);
		cap = 256;
		line = xmalloc(cap);
		output_table_line(os->f, clean, os->ncols, os->widths,
		    os->o.flags, os->o.width, &line, &cap);
		if (rc == 0)
			rewind(os->spool);
		for (i = 0; rc == 0 && i < os->n; i++) {
			for (c = 0; c < os->ncols; c++) {
				clean[c] = NULL;
				gcap = 0;
				if (getdelim(&clean[c], &gcap, '\0',
				        os->spool) < 0) {
					free(clean[c]);
					rc = 1;
					break;
				}
			}
			if (rc == 0)
				output_table_line(os->f, clean, os->ncols,
				    os->widths, os->o.flags, os->o.width, &line,
				    &cap);
			while (c-- > 0)
				free(clean[c]);
		}
		free(line);
	}
	if (os->spool != NULL)
		fclose(os->spool);
	free(os->widths);
	if (fflush(os->f) != 0 || ferror(os->f))
		rc = 1;
	free(os);
	return rc;
}

/* Stop printing (after an error): free os, writing nothing more. */
void
output_stream_free(struct output_stream *os)
{
	if (os == NULL)
		return;
	if (os->spool != NULL)
		fclose(os->spool);
	free(os->widths);
	free(os);
}
