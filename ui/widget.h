/*
 * The widgets every form is made of: fields of three kinds, their values,
 * the keys that change them, the focus moving between them, and what each
 * says beside its value (a note, or why it is wrong). A choice picks one
 * option of a list; a text is a line editor; a duration picks a preset or
 * takes a typed value, both read by the form's own parser. Drawing is
 * widget_draw.c's; this part is pure, no curses calls; UI thread only.
 */
#ifndef WIDGET_H
#define WIDGET_H

#include <stddef.h>

#include "editor.h"

/* The most fields a form has, and options a field has. */
#define WIDGET_FIELDS 10
#define WIDGET_OPTIONS 12

enum widget_kind {
	WIDGET_CHOICE,  /* One of a list. */
	WIDGET_TEXT,    /* A line of text. */
	WIDGET_DURATION /* A preset, or a typed value after them. */
};

/*
 * Read the text of a duration's preset or typed value: 0 with *out, or -1
 * with *cause (allocated). arg is the field's.
 */
typedef int (
    *widget_parse_cb)(const char *text, long *out, char **cause, void *arg);

/* One option of a choice or a duration. */
struct widget_option {
	char *label; /* As shown. */
	char *value; /* A duration's text for its parser; NULL for a choice. */
};

struct widget {
	enum widget_kind kind;
	char *label;
	int hidden; /* Neither drawn nor focused. */

	/* CHOICE and DURATION. */
	struct widget_option options[WIDGET_OPTIONS];
	size_t noptions;
	size_t chosen; /* A DURATION's typed value is noptions. */

	/* TEXT, and a DURATION's typed value. */
	struct editor text;
	size_t count_max; /* TEXT: characters allowed, counted n/max; 0 none. */

	/* DURATION. */
	widget_parse_cb parse;
	void *arg;

	char *note;  /* Said beside the value; NULL for nothing. */
	char *error; /* Why the value is wrong; NULL when it is right. */
};

struct widget_form {
	char *title;
	struct widget v[WIDGET_FIELDS];
	size_t n;
	size_t focus;
	char **lines; /* Said under the fields, wrapped to the width. */
	size_t nlines;
};

/* What a key did to a form. */
enum widget_key {
	WIDGET_KEY_NONE,    /* Not the widgets': the form may take it. */
	WIDGET_KEY_MOVED,   /* The focus moved; no value changed. */
	WIDGET_KEY_CHANGED, /* A value changed. */
	WIDGET_KEY_SUBMIT,  /* Enter. */
	WIDGET_KEY_CANCEL   /* Escape. */
};

void widget_form_init(struct widget_form *, const char *title);
void widget_form_done(struct widget_form *);

/* Add a field; the form keeps it (at most WIDGET_FIELDS). */
struct widget *widget_add_choice(struct widget_form *, const char *label);
struct widget *widget_add_text(struct widget_form *, const char *label,
    size_t max_bytes, size_t count_max);
struct widget *widget_add_duration(struct widget_form *, const char *label,
    size_t max_bytes, widget_parse_cb, void *arg);
/* Add an option to a choice or a preset to a duration (value: its text). */
void widget_option(struct widget *, const char *label, const char *value);

/* Set what a field says beside its value; NULL for nothing. */
void widget_note(struct widget *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void widget_error(struct widget *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Replace the form's lines under the fields. */
void widget_lines_clear(struct widget_form *);
void widget_line(struct widget_form *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Is the typed value of a duration chosen? */
int widget_typed(const struct widget *);
/* The text of a TEXT field, or of a duration's typed value. */
const char *widget_text(const struct widget *);
/* The characters of a TEXT field (Unicode code points). */
size_t widget_count(const struct widget *);
/*
 * The value of a duration: its preset or typed text read by its parser.
 * 0 with *out, or -1 with *cause (allocated).
 */
int widget_value(const struct widget *, long *out, char **cause);

/* Focus field i (when shown), e.g. the first wrong one. */
void widget_focus(struct widget_form *, size_t i);
/* The first field with an error, or -1. */
long widget_first_error(const struct widget_form *);

/*
 * A key typed into the form (a character, or KEYS_FN | a curses key): Tab
 * and Shift-Tab move between fields, Enter submits, Escape cancels; the
 * focused field takes the rest.
 */
enum widget_key widget_form_key(struct widget_form *, int key);

#endif
