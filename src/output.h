/*
 * Output of the one-shot commands: a table aligned by display width for a
 * terminal, CSV (RFC 4180) and JSON with Graph's field names. Main thread.
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdio.h>

struct cJSON;
struct group_list;
struct presence;
struct presence_list;
struct user;
struct user_list;

/* The formats; the values match enum cmd_format. */
enum output_format {
	OUTPUT_TABLE,
	OUTPUT_JSON,
	OUTPUT_CSV
};

/* How OUTPUT_TABLE writes for the terminal (table_print's flags). */
#define OUTPUT_UTF8 0x1  /* The terminal is UTF-8; else ASCII only. */
#define OUTPUT_PLAIN 0x2 /* --plain: "..." where a cell is cut, not "…". */

/* How output is written. */
struct output_opts {
	int flags; /* For OUTPUT_TABLE: OUTPUT_UTF8, OUTPUT_PLAIN. */
	int inert; /* CSV and JSON go to a terminal: make their text inert. */
	int csv_safe; /* Prefix CSV cells a spreadsheet would run (= + - @). */
	int width;    /* OUTPUT_TABLE: the terminal's columns to fit; 0 none. */
};

/* Rows of strings under a header. */
struct table;

struct table *table_new(int ncols, const char *const *headers);
/* Add a row of ncols values (NULL is an empty cell); copied. */
void table_add_row(struct table *, const char *const *values);
/*
 * Let the table cut column col (after the columns given before) with an
 * ellipsis when it is wider than output_opts' width.
 */
void table_shrink(struct table *, int col);
/*
 * Print: OUTPUT_TABLE sanitises the cells and aligns them by display width
 * as flags say (OUTPUT_UTF8, OUTPUT_PLAIN); OUTPUT_CSV keeps the data exact
 * with a header row and CRLF; OUTPUT_JSON is an array of objects keyed by
 * the headers. Returns 0, or -1 on a write error.
 */
int table_print(struct table *, FILE *, enum output_format, int flags);
/* table_print with options. */
int table_write(struct table *, FILE *, enum output_format,
    const struct output_opts *);
void table_free(struct table *);

/*
 * A presence as Graph names its fields, plus displayName,
 * userPrincipalName and mail when a user is given.
 */
struct cJSON *output_presence_json(const struct presence *,
    const struct user *);

/*
 * Print presences with their users (matched by id; users may be NULL):
 * JSON as {"value":[...]}, CSV with a header, or a table (utf8 is
 * table_print's flags) that fits the width of output_write's options by
 * cutting the status message, then the name. Returns 0, or 1 on a write error.
 */
int output_print(FILE *, enum output_format, const struct user_list *,
    const struct presence_list *, int utf8);

/* A person who could not be read, for the "errors" of JSON output. */
struct output_error {
	const char *user;    /* As the user named them. */
	const char *code;    /* Graph's code or ours, e.g. "NotFound". */
	const char *message; /* In words. */
};

/*
 * output_print with options, and in JSON also {"errors": [{"user",
 * "error": {"code", "message"}}, ...]} when nerrors is not 0 (table and
 * CSV leave errors to the caller's stderr).
 */
int output_write(FILE *, enum output_format, const struct user_list *,
    const struct presence_list *, const struct output_error *, size_t nerrors,
    const struct output_opts *);

/*
 * People printed as they come, page by page, in the bytes output_write
 * gives for all of them at once: CSV and JSON are written at once; a
 * table, whose columns are as wide as their widest cell, is kept in a
 * temporary file until output_stream_end (so memory stays that of a page).
 */
struct output_stream;
struct output_stream *output_stream_new(FILE *, enum output_format,
    const struct output_opts *);
/* Print presences with their users (users may be NULL). */
void output_stream_add(struct output_stream *, const struct user_list *,
    const struct presence_list *);
/* Finish (JSON's errors as output_write) and free; 0, or 1 on error. */
int output_stream_end(struct output_stream *, const struct output_error *,
    size_t nerrors);
/* Stop after an error: free, writing nothing more (NULL is fine). */
void output_stream_free(struct output_stream *);

/*
 * Print groups with their member counts (-1 for unknown): JSON as
 * {"value":[{"id", "displayName", "mail", "members"}]} with Graph's names
 * and members a number (null when unknown), CSV with those as the header,
 * or a table of NAME, MEMBERS, MAIL and ID. Returns 0, or 1 on a write
 * error.
 */
int output_groups(FILE *, enum output_format, const struct group_list *,
    const long *counts, const struct output_opts *);

#endif
