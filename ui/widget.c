/*
 * The widgets of the forms: fields, their values and their keys. A choice
 * moves with the arrows, Space or a digit; a duration's presets move the
 * same way, and typing a character takes the typed value after them; a
 * text is a line editor whose Up and Down move between fields. UI thread
 * only.
 */
#include "config.h"

#include "widget.h"

#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "presence.h"
#include "xmalloc.h"

/* Start a form with no fields. */
void
widget_form_init(struct widget_form *f, const char *title)
{
	memset(f, 0, sizeof *f);
	f->title = xstrdup(title);
}

/* Free a field's options, texts and editor. */
static void
widget_free(struct widget *w)
{
	size_t i;

	for (i = 0; i < w->noptions; i++) {
		free(w->options[i].label);
		free(w->options[i].value);
	}
	free(w->label);
	free(w->note);
	free(w->error);
	editor_done(&w->text);
}

/* Free the form and its fields. */
void
widget_form_done(struct widget_form *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		widget_free(&f->v[i]);
	widget_lines_clear(f);
	free(f->title);
	memset(f, 0, sizeof *f);
}

/* A new field of a kind, at the end of the form. */
static struct widget *
widget_add(struct widget_form *f, enum widget_kind kind, const char *label,
    size_t max_bytes)
{
	struct widget *w;

	if (f->n == WIDGET_FIELDS)
		fatal("too many fields in the form \"%s\"", f->title);
	w = &f->v[f->n++];
	memset(w, 0, sizeof *w);
	w->kind = kind;
	w->label = xstrdup(label);
	editor_init(&w->text, max_bytes);
	return w;
}

/* Add a choice. */
struct widget *
widget_add_choice(struct widget_form *f, const char *label)
{
	return widget_add(f, WIDGET_CHOICE, label, 0);
}

/* Add a text field of at most max_bytes, counted against count_max. */
struct widget *
widget_add_text(struct widget_form *f, const char *label, size_t max_bytes,
    size_t count_max)
{
	struct widget *w = widget_add(f, WIDGET_TEXT, label, max_bytes);

	w->count_max = count_max;
	return w;
}

/* Add a duration read by parse. */
struct widget *
widget_add_duration(struct widget_form *f, const char *label, size_t max_bytes,
    widget_parse_cb parse, void *arg)
{
	struct widget *w = widget_add(f, WIDGET_DURATION, label, max_bytes);

	w->parse = parse;
	w->arg = arg;
	return w;
}

/* Add an option or a preset. */
void
widget_option(struct widget *w, const char *label, const char *value)
{
	if (w->noptions == WIDGET_OPTIONS)
		fatal("too many options in the field \"%s\"", w->label);
	w->options[w->noptions].label = xstrdup(label);
	w->options[w->noptions].value = xstrdup_null(value);
	w->noptions++;
}

/* Replace *slot with a formatted text, or NULL. */
static void
widget_set(char **slot, const char *fmt, va_list ap)
{
	free(*slot);
	*slot = NULL;
	if (fmt != NULL)
		xvasprintf(slot, fmt, ap);
}

/* Say something beside a value. */
void
widget_note(struct widget *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	widget_set(&w->note, fmt, ap);
	va_end(ap);
}

/* Say why a value is wrong, or (NULL) that it is right. */
void
widget_error(struct widget *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	widget_set(&w->error, fmt, ap);
	va_end(ap);
}

/* Drop the lines under the fields. */
void
widget_lines_clear(struct widget_form *f)
{
	size_t i;

	for (i = 0; i < f->nlines; i++)
		free(f->lines[i]);
	free(f->lines);
	f->lines = NULL;
	f->nlines = 0;
}

/* Add a line under the fields. */
void
widget_line(struct widget_form *f, const char *fmt, ...)
{
	va_list ap;

	f->lines = xreallocarray(f->lines, f->nlines + 1, sizeof *f->lines);
	va_start(ap, fmt);
	xvasprintf(&f->lines[f->nlines++], fmt, ap);
	va_end(ap);
}

/* Is a duration's typed value chosen? */
int
widget_typed(const struct widget *w)
{
	return w->kind == WIDGET_DURATION && w->chosen == w->noptions;
}

/* The text typed. */
const char *
widget_text(const struct widget *w)
{
	return editor_text(&w->text);
}

/* The characters of the text typed. */
size_t
widget_count(const struct widget *w)
{
	return presence_status_length(editor_text(&w->text));
}

/* The value of a duration, from its preset or typed text. */
int
widget_value(const struct widget *w, long *out, char **cause)
{
	const char *s;

	if (w->kind != WIDGET_DURATION || w->parse == NULL) {
		*cause = xstrdup("not a duration");
		return -1;
	}
	s = widget_typed(w) ? widget_text(w) : w->options[w->chosen].value;
	return w->parse(s == NULL ? "" : s, out, cause, w->arg);
}

/* Focus field i if it is shown. */
void
widget_focus(struct widget_form *f, size_t i)
{
	if (i < f->n && !f->v[i].hidden)
		f->focus = i;
}

/* The first field with an error. */
long
widget_first_error(const struct widget_form *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (!f->v[i].hidden && f->v[i].error != NULL)
			return (long)i;
	}
	return -1;
}

/* Move the focus by step (+1 or -1) to the next shown field, wrapping. */
static enum widget_key
widget_move(struct widget_form *f, int step)
{
	size_t i, at = f->focus;

	for (i = 0; i < f->n; i++) {
		at = (at + f->n + (size_t)step) % f->n;
		if (!f->v[at].hidden) {
			f->focus = at;
			return WIDGET_KEY_MOVED;
		}
	}
	return WIDGET_KEY_NONE;
}

/* Choose option i of a choice or duration (noptions: the typed value). */
static enum widget_key
widget_choose(struct widget *w, long i)
{
	long last = (long)w->noptions - (w->kind == WIDGET_CHOICE ? 1 : 0);

	if (i < 0)
		i = 0;
	if (i > last)
		i = last;
	if ((size_t)i == w->chosen)
		return WIDGET_KEY_MOVED;
	w->chosen = (size_t)i;
	return WIDGET_KEY_CHANGED;
}

/* A key on a choice: the arrows, Space, a digit, Home and End. */
static enum widget_key
widget_choice_key(struct widget *w, int key)
{
	switch (key) {
	case KEYS_FN | KEY_UP:
	case KEYS_FN | KEY_LEFT:
	case 'k':
		return widget_choose(w, (long)w->chosen - 1);
	case KEYS_FN | KEY_DOWN:
	case KEYS_FN | KEY_RIGHT:
	case 'j':
		return widget_choose(w, (long)w->chosen + 1);
	case ' ':
		return widget_choose(w,
		    w->chosen + 1 < w->noptions ? (long)w->chosen + 1 : 0);
	case KEYS_FN | KEY_HOME:
		return widget_choose(w, 0);
	case KEYS_FN | KEY_END:
		return widget_choose(w, (long)w->noptions);
	}
	if (key >= '1' && key <= '9' && (size_t)(key - '1') < w->noptions)
		return widget_choose(w, key - '1');
	return WIDGET_KEY_NONE;
}

/*
 * A key on a duration. On a preset the arrows and Space move, and a
 * character starts the typed value; on the typed value the editor takes
 * the keys but Up and Down, which go back to the presets.
 */
static enum widget_key
widget_duration_key(struct widget *w, int key)
{
	if (key == (KEYS_FN | KEY_UP))
		return widget_choose(w, (long)w->chosen - 1);
	if (key == (KEYS_FN | KEY_DOWN))
		return widget_choose(w, (long)w->chosen + 1);
	if (widget_typed(w))
		return editor_key(&w->text, key) ? WIDGET_KEY_CHANGED
		                                 : WIDGET_KEY_NONE;
	switch (key) {
	case KEYS_FN | KEY_LEFT:
		return widget_choose(w, (long)w->chosen - 1);
	case KEYS_FN | KEY_RIGHT:
		return widget_choose(w, (long)w->chosen + 1);
	case ' ':
		return widget_choose(w,
		    w->chosen < w->noptions ? (long)w->chosen + 1 : 0);
	case KEYS_FN | KEY_HOME:
		return widget_choose(w, 0);
	case KEYS_FN | KEY_END:
		return widget_choose(w, (long)w->noptions);
	}
	if ((key & KEYS_FN) || key < 0x20 || key == 0x7f)
		return WIDGET_KEY_NONE;
	/* A character: a new typed value. */
	w->chosen = w->noptions;
	editor_clear(&w->text);
	editor_key(&w->text, key);
	return WIDGET_KEY_CHANGED;
}

/* A key on a text: the editor's, Up and Down move between fields. */
static enum widget_key
widget_text_key(struct widget_form *f, struct widget *w, int key)
{
	if (key == (KEYS_FN | KEY_UP))
		return widget_move(f, -1);
	if (key == (KEYS_FN | KEY_DOWN))
		return widget_move(f, 1);
	return editor_key(&w->text, key) ? WIDGET_KEY_CHANGED : WIDGET_KEY_NONE;
}

/* A key typed into the form. */
enum widget_key
widget_form_key(struct widget_form *f, int key)
{
	struct widget *w;

	switch (key) {
	case '\t':
		return widget_move(f, 1);
	case KEYS_FN | KEY_BTAB:
		return widget_move(f, -1);
	case '\n':
	case '\r':
	case KEYS_FN | KEY_ENTER:
		return WIDGET_KEY_SUBMIT;
	case KEYS_ESCAPE:
		return WIDGET_KEY_CANCEL;
	}
	if (f->n == 0)
		return WIDGET_KEY_NONE;
	if (f->v[f->focus].hidden && widget_move(f, 1) == WIDGET_KEY_NONE)
		return WIDGET_KEY_NONE;
	w = &f->v[f->focus];
	switch (w->kind) {
	case WIDGET_CHOICE:
		return widget_choice_key(w, key);
	case WIDGET_DURATION:
		return widget_duration_key(w, key);
	case WIDGET_TEXT:
		return widget_text_key(f, w, key);
	}
	return WIDGET_KEY_NONE;
}
