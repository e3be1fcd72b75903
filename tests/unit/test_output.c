/* Unit tests for the table, CSV and JSON output of the commands. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "output.h"
#include "presence.h"
#include "text.h"
#include "user.h"

/* Output captured in memory. */
struct capture {
	FILE *f;
	char *buf;
	size_t len;
};

/* Start capturing. */
static void
capture_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	if ((c->f = open_memstream(&c->buf, &c->len)) == NULL)
		fail_msg("open_memstream failed");
}

/* Stop capturing; the text is in c->buf (free it). */
static void
capture_close(struct capture *c)
{
	fclose(c->f);
}

/* Print a 2-column table in a format and return the text. */
static char *
print_table(const char *const *rows, size_t nrows, enum output_format fmt,
    int utf8)
{
	static const char *const headers[] = { "NAME", "VALUE" };
	struct table *t;
	struct capture c;
	size_t i;

	t = table_new(2, headers);
	for (i = 0; i < nrows; i++)
		table_add_row(t, rows + 2 * i);
	capture_open(&c);
	assert_int_equal(table_print(t, c.f, fmt, utf8), 0);
	capture_close(&c);
	table_free(t);
	return c.buf;
}

/* CSV: header, CRLF, quoting only where RFC 4180 needs it. */
static void
test_csv_quoting(void **state)
{
	static const char *const rows[] = { "plain", "a,b", "say \"hi\"",
		"two\nlines", "cr\rhere", NULL, "", "  spaced  " };
	char *s;

	(void)state;
	s = print_table(rows, 4, OUTPUT_CSV, 1);
	assert_string_equal(s,
	    "NAME,VALUE\r\n"
	    "plain,\"a,b\"\r\n"
	    "\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
	    "\"cr\rhere\",\r\n"
	    ",  spaced  \r\n");
	free(s);
}

/* CSV keeps hostile and non-ASCII data exact. */
static void
test_csv_exact(void **state)
{
	static const char *const rows[] = { "\x1b[2J", "\xe6\x9d\xb1\xff" };
	char *s;

	(void)state;
	s = print_table(rows, 1, OUTPUT_CSV, 1);
	assert_string_equal(s, "NAME,VALUE\r\n\x1b[2J,\xe6\x9d\xb1\xff\r\n");
	free(s);
}

/* The table aligns columns by display width, not bytes. */
static void
test_table_aligned_by_width(void **state)
{
	static const char *const rows[] = { "\xe6\x9d\xb1\xe4\xba\xac", "x",
		"ab", "y", "e\xcc\x81t\xc3\xa9", "z" };
	char *s, *line, *save, *col2;
	int n = 0;

	(void)state;
	s = print_table(rows, 3, OUTPUT_TABLE, 1);
	for (line = strtok_r(s, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		/* The second column starts after 4 columns + 2 spaces. */
		col2 = line + strlen(line) - (n == 0 ? 5 : 1);
		*col2 = '\0';
		assert_int_equal(text_width(line), 6);
		n++;
	}
	assert_int_equal(n, 4);
	free(s);
}

/* The table makes escape sequences inert; no trailing spaces. */
static void
test_table_sanitises(void **state)
{
	static const char *const rows[] = { "\x1b]0;pwned\x07"
		                            "Eve",
		"\x1b[2Jmsg\nnext" };
	char *s;

	(void)state;
	s = print_table(rows, 1, OUTPUT_TABLE, 1);
	assert_null(strchr(s, '\x1b'));
	assert_null(strchr(s, '\x07'));
	assert_string_equal(s, "NAME  VALUE\nEve   msg next\n");
	free(s);
}

/* Empty cells at the end of a row leave no trailing blanks. */
static void
test_table_no_trailing_blanks(void **state)
{
	static const char *const rows[] = { "a", "", "longer name", NULL };
	char *s;

	(void)state;
	s = print_table(rows, 2, OUTPUT_TABLE, 1);
	assert_string_equal(s, "NAME         VALUE\na\nlonger name\n");
	free(s);
}

/* Long cells are cut at 60 columns with an ellipsis ("..." in ASCII). */
static void
test_table_caps_width(void **state)
{
	const char *rows[2];
	char long_text[200], *s;

	(void)state;
	memset(long_text, 'w', 150);
	long_text[150] = '\0';
	rows[0] = long_text;
	rows[1] = "v";
	s = print_table(rows, 1, OUTPUT_TABLE, 1);
	assert_non_null(strstr(s, "\xe2\x80\xa6  v\n"));
	free(s);
	s = print_table(rows, 1, OUTPUT_TABLE, 0);
	assert_non_null(strstr(s, "w...  v\n"));
	assert_int_equal(strchr(strchr(s, '\n') + 1, '\n') - strchr(s, '\n') -
	        1,
	    63);
	free(s);
}

/* --plain cuts with "..." but keeps the letters that are not ASCII. */
static void
test_table_plain_cuts_with_dots(void **state)
{
	const char *rows[2];
	char long_text[200], *s;

	(void)state;
	memset(long_text, 'w', 150);
	memcpy(long_text, "Zo\xc3\xab", 4);
	long_text[150] = '\0';
	rows[0] = long_text;
	rows[1] = "v";
	s = print_table(rows, 1, OUTPUT_TABLE, OUTPUT_UTF8 | OUTPUT_PLAIN);
	assert_null(strstr(s, "\xe2\x80\xa6"));
	assert_non_null(strstr(s, "\nZo\xc3\xabw"));
	assert_non_null(strstr(s, "w...  v\n"));
	free(s);
}

/* JSON for a table: objects keyed by the headers. */
static void
test_table_json(void **state)
{
	static const char *const rows[] = { "a\"b", NULL };
	cJSON *root, *v;
	char *s;

	(void)state;
	s = print_table(rows, 1, OUTPUT_JSON, 1);
	root = cJSON_Parse(s);
	assert_non_null(root);
	v = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "value"), 0);
	assert_string_equal(cJSON_GetObjectItem(v, "NAME")->valuestring,
	    "a\"b");
	assert_string_equal(cJSON_GetObjectItem(v, "VALUE")->valuestring, "");
	cJSON_Delete(root);
	free(s);
}

/* A write error is reported. */
static void
test_write_error(void **state)
{
	static const char *const rows[] = { "a", "b" };
	struct table *t;
	struct presence_list l;
	FILE *f;

	(void)state;
	if ((f = fopen("/dev/full", "w")) == NULL)
		skip();
	t = table_new(2, rows);
	table_add_row(t, rows);
	assert_int_equal(table_print(t, f, OUTPUT_CSV, 1), -1);
	table_free(t);
	memset(&l, 0, sizeof l);
	presence_list_add(&l)->id = strdup("x");
	assert_int_equal(output_print(f, OUTPUT_JSON, NULL, &l, 1), 1);
	presence_list_done(&l);
	fclose(f);
}

/* Fill a presence like /me/presence. */
static void
fill_presence(struct presence *p, const char *id)
{
	memset(p, 0, sizeof *p);
	p->id = strdup(id);
	p->availability = strdup("Busy");
	p->activity = strdup("InACall");
	p->sequence = strdup("C0000004F1A2B3C4");
	p->status_message = strdup("On, the \"bridge\"");
	p->status_content_type = strdup("text");
	p->status_expiry = strdup("2026-03-02T17:00:00.0000000");
	p->status_expiry_zone = strdup("UTC");
	p->status_published = strdup("2026-03-02T09:12:44.51Z");
	p->has_ooo = 1;
	p->work_location_type = strdup("office");
	p->work_location_source = strdup("manual");
}

/* Fill a user. */
static void
fill_user(struct user *u, const char *id, const char *name)
{
	memset(u, 0, sizeof *u);
	u->id = strdup(id);
	u->display_name = strdup(name);
	u->upn = strdup("adele@contoso.com");
}

/* A presence as JSON uses Graph's names and nesting. */
static void
test_presence_json_graph_names(void **state)
{
	struct presence p;
	struct user u;
	cJSON *o, *sm;
	char *s;

	(void)state;
	fill_presence(&p, "id-1");
	fill_user(&u, "id-1", "Adele");
	o = output_presence_json(&p, &u);
	s = cJSON_PrintUnformatted(o);
	assert_string_equal(s,
	    "{\"id\":\"id-1\",\"displayName\":\"Adele\","
	    "\"userPrincipalName\":\"adele@contoso.com\",\"mail\":null,"
	    "\"department\":null,\"jobTitle\":null,"
	    "\"availability\":\"Busy\",\"activity\":\"InACall\","
	    "\"sequenceNumber\":\"C0000004F1A2B3C4\",\"statusMessage\":{"
	    "\"message\":{\"content\":\"On, the \\\"bridge\\\"\","
	    "\"contentType\":\"text\"},\"expiryDateTime\":{\"dateTime\":"
	    "\"2026-03-02T17:00:00.0000000\",\"timeZone\":\"UTC\"},"
	    "\"publishedDateTime\":\"2026-03-02T09:12:44.51Z\"},"
	    "\"outOfOfficeSettings\":{\"isOutOfOffice\":false,\"message\":null},"
	    "\"workLocation\":{\"workLocationType\":\"office\",\"source\":"
	    "\"manual\",\"placeId\":null}}");
	sm = cJSON_GetObjectItem(o, "statusMessage");
	assert_non_null(sm);
	cJSON_free(s);
	cJSON_Delete(o);
	presence_done(&p);
	user_done(&u);
}

/* Absent parts are null; no user fields without a user. */
static void
test_presence_json_minimal(void **state)
{
	struct presence p;
	cJSON *o;
	char *s;

	(void)state;
	memset(&p, 0, sizeof p);
	p.id = strdup("x");
	p.availability = strdup("SomethingNew");
	o = output_presence_json(&p, NULL);
	s = cJSON_PrintUnformatted(o);
	assert_string_equal(s,
	    "{\"id\":\"x\",\"availability\":\"SomethingNew\","
	    "\"activity\":null,\"sequenceNumber\":null,"
	    "\"statusMessage\":null,"
	    "\"outOfOfficeSettings\":null,"
	    "\"workLocation\":null}");
	cJSON_free(s);
	cJSON_Delete(o);
	presence_done(&p);
}

/* JSON escapes controls and repairs invalid UTF-8, so it stays valid. */
static void
test_presence_json_escapes(void **state)
{
	struct presence p;
	cJSON *o, *back;
	char *s;

	(void)state;
	memset(&p, 0, sizeof p);
	p.id = strdup("x");
	p.status_message = strdup("\x1b]52;c;AA\x07 \xff");
	o = output_presence_json(&p, NULL);
	s = cJSON_PrintUnformatted(o);
	assert_non_null(strstr(s, "\\u001b]52;c;AA\\u0007 \xef\xbf\xbd"));
	assert_null(strchr(s, '\x1b'));
	back = cJSON_Parse(s);
	assert_string_equal(
	    cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(back,
	                                                "statusMessage"),
	                            "message"),
	        "content")
	        ->valuestring,
	    "\x1b]52;c;AA\x07 \xef\xbf\xbd");
	cJSON_Delete(back);
	cJSON_free(s);
	cJSON_Delete(o);
	presence_done(&p);
}

/* Build two users and presences in the other order. */
static void
fill_lists(struct user_list *ul, struct presence_list *pl)
{
	memset(ul, 0, sizeof *ul);
	memset(pl, 0, sizeof *pl);
	fill_user(user_list_add(ul), "id-a", "Adele Vance");
	fill_user(user_list_add(ul), "id-b",
	    "\xe5\xb1\xb1\xe7\x94\xb0 \xe5\xa4\xaa\xe9\x83\x8e");
	fill_presence(presence_list_add(pl), "id-b");
	fill_presence(presence_list_add(pl), "id-a");
	free(pl->v[1].status_message);
	pl->v[1].status_message = strdup("\x1b[2Jgone");
}

/* output_print JSON: {"value":[...]}, order kept, users matched by id. */
static void
test_print_json(void **state)
{
	struct user_list ul;
	struct presence_list pl;
	struct capture c;
	cJSON *root, *v;

	(void)state;
	fill_lists(&ul, &pl);
	capture_open(&c);
	assert_int_equal(output_print(c.f, OUTPUT_JSON, &ul, &pl, 1), 0);
	capture_close(&c);
	root = cJSON_Parse(c.buf);
	assert_non_null(root);
	v = cJSON_GetObjectItem(root, "value");
	assert_int_equal(cJSON_GetArraySize(v), 2);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(v, 0), "id")
	                        ->valuestring,
	    "id-b");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(v, 1),
	                        "displayName")
	                        ->valuestring,
	    "Adele Vance");
	cJSON_Delete(root);
	free(c.buf);
	user_list_done(&ul);
	presence_list_done(&pl);
}

/* output_print CSV: header and RFC 4180 quoting of the message. */
static void
test_print_csv(void **state)
{
	struct user_list ul;
	struct presence_list pl;
	struct capture c;

	(void)state;
	fill_lists(&ul, &pl);
	capture_open(&c);
	assert_int_equal(output_print(c.f, OUTPUT_CSV, &ul, &pl, 1), 0);
	capture_close(&c);
	assert_non_null(strstr(c.buf,
	    "id,displayName,userPrincipalName,mail,department,jobTitle,"
	    "availability,activity,statusMessage,"));
	assert_non_null(strstr(c.buf,
	    ",Busy,InACall,\"On, the \"\"bridge"
	    "\"\"\",2026-03-02T17:00:00.0000000,UTC,"
	    "false,,office,C0000004F1A2B3C4\r\n"));
	assert_non_null(strstr(c.buf, "id-a,Adele Vance,"));
	/* CSV is exact: the escape is kept for the consumer to judge. */
	assert_non_null(strstr(c.buf, "\x1b[2Jgone"));
	free(c.buf);
	user_list_done(&ul);
	presence_list_done(&pl);
}

/* Export carries the department and job title, in CSV and JSON. */
static void
test_print_department_and_job_title(void **state)
{
	struct user_list ul;
	struct presence_list pl;
	struct output_opts o;
	struct capture c;
	cJSON *root, *v;

	(void)state;
	fill_lists(&ul, &pl);
	ul.v[0].department = strdup("Helpdesk");
	ul.v[0].job_title = strdup("Tier 1 Agent");
	memset(&o, 0, sizeof o);
	capture_open(&c);
	assert_int_equal(output_write(c.f, OUTPUT_CSV, &ul, &pl, NULL, 0, &o),
	    0);
	capture_close(&c);
	assert_non_null(strstr(c.buf,
	    "id-a,Adele Vance,adele@contoso.com,,Helpdesk,Tier 1 Agent,"));
	free(c.buf);
	capture_open(&c);
	assert_int_equal(output_write(c.f, OUTPUT_JSON, &ul, &pl, NULL, 0, &o),
	    0);
	capture_close(&c);
	root = cJSON_Parse(c.buf);
	v = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "value"), 1);
	assert_string_equal(cJSON_GetObjectItem(v, "department")->valuestring,
	    "Helpdesk");
	assert_string_equal(cJSON_GetObjectItem(v, "jobTitle")->valuestring,
	    "Tier 1 Agent");
	cJSON_Delete(root);
	free(c.buf);
	user_list_done(&ul);
	presence_list_done(&pl);
}

/* For a terminal, CSV and JSON are made inert; --csv-safe defuses formulas. */
static void
test_print_inert_and_csv_safe(void **state)
{
	struct user_list ul;
	struct presence_list pl;
	struct output_opts o;
	struct capture c;

	(void)state;
	fill_lists(&ul, &pl);
	free(pl.v[0].status_message);
	pl.v[0].status_message = strdup("=HYPERLINK(\"http://x\")");
	free(pl.v[1].activity);
	pl.v[1].activity = strdup("-2+3");
	memset(&o, 0, sizeof o);
	o.inert = 1;
	capture_open(&c);
	assert_int_equal(output_write(c.f, OUTPUT_CSV, &ul, &pl, NULL, 0, &o),
	    0);
	capture_close(&c);
	assert_null(strchr(c.buf, '\x1b'));
	assert_non_null(strstr(c.buf, "gone"));
	/* Not safe: the formula is kept as it came. */
	assert_non_null(strstr(c.buf, ",\"=HYPERLINK(\"\"http://x\"\")\","));
	free(c.buf);

	o.csv_safe = 1;
	capture_open(&c);
	assert_int_equal(output_write(c.f, OUTPUT_CSV, &ul, &pl, NULL, 0, &o),
	    0);
	capture_close(&c);
	assert_non_null(strstr(c.buf, ",\"'=HYPERLINK(\"\"http://x\"\")\","));
	assert_non_null(strstr(c.buf, ",'-2+3,"));
	free(c.buf);

	o.csv_safe = 0;
	capture_open(&c);
	assert_int_equal(output_write(c.f, OUTPUT_JSON, &ul, &pl, NULL, 0, &o),
	    0);
	capture_close(&c);
	assert_null(strstr(c.buf, "\\u001b"));
	assert_null(strchr(c.buf, '\x1b'));
	assert_non_null(strstr(c.buf, "gone"));
	free(c.buf);
	user_list_done(&ul);
	presence_list_done(&pl);
}

/* output_print table: header, names, sanitised, aligned. */
static void
test_print_table(void **state)
{
	struct user_list ul;
	struct presence_list pl;
	struct capture c;
	char *second;

	(void)state;
	fill_lists(&ul, &pl);
	capture_open(&c);
	assert_int_equal(output_print(c.f, OUTPUT_TABLE, &ul, &pl, 1), 0);
	capture_close(&c);
	assert_memory_equal(c.buf, "NAME         AVAILABILITY  ACTIVITY", 35);
	assert_null(strchr(c.buf, '\x1b'));
	assert_non_null(strstr(c.buf, "gone"));
	second = strchr(c.buf, '\n') + 1;
	assert_memory_equal(second,
	    "\xe5\xb1\xb1\xe7\x94\xb0 \xe5\xa4\xaa\xe9\x83\x8e    Busy ", 21);
	free(c.buf);
	/* Without users the id is the name. */
	capture_open(&c);
	assert_int_equal(output_print(c.f, OUTPUT_TABLE, NULL, &pl, 1), 0);
	capture_close(&c);
	assert_non_null(strstr(c.buf, "\nid-b  "));
	free(c.buf);
	user_list_done(&ul);
	presence_list_done(&pl);
}

/* The widest line of text, in display columns, and how many lines. */
static int
widest_line(const char *text, int *nlines)
{
	const char *p = text, *nl;
	char *line;
	int w, max = 0;

	*nlines = 0;
	while ((nl = strchr(p, '\n')) != NULL) {
		line = strndup(p, (size_t)(nl - p));
		w = text_width(line);
		if (w > max)
			max = w;
		free(line);
		(*nlines)++;
		p = nl + 1;
	}
	return max;
}

/* Print the presences of fill_lists, with a long name, at a width. */
static char *
print_fitted(int width, int flags)
{
	struct user_list ul;
	struct presence_list pl;
	struct output_opts o;
	struct capture c;

	fill_lists(&ul, &pl);
	free(ul.v[0].display_name);
	ul.v[0].display_name = strdup("Adele Vance-Gonz\xc3\xa1lez de la "
	                              "Fuente (Contractor)");
	free(pl.v[0].status_message);
	pl.v[0].status_message = strdup("In the lab until five, then at "
	                                "the dentist: call my mobile");
	memset(&o, 0, sizeof o);
	o.flags = flags;
	o.width = width;
	capture_open(&c);
	assert_int_equal(output_write(c.f, OUTPUT_TABLE, &ul, &pl, NULL, 0, &o),
	    0);
	capture_close(&c);
	user_list_done(&ul);
	presence_list_done(&pl);
	return c.buf;
}

/* A table wider than the terminal cuts the status message first. */
static void
test_print_fits_width_message_first(void **state)
{
	char *s, *wide;
	int n, full;

	(void)state;
	wide = print_fitted(0, OUTPUT_UTF8);
	full = widest_line(wide, &n);
	assert_int_equal(n, 3);
	assert_non_null(strstr(wide, "call my mobile\n"));
	assert_true(full > 100);
	s = print_fitted(full - 20, OUTPUT_UTF8);
	assert_int_equal(widest_line(s, &n), full - 20);
	assert_int_equal(n, 3);
	/* The name is whole, the message cut with an ellipsis. */
	assert_non_null(strstr(s, "(Contractor)  "));
	assert_null(strstr(s, "call my mobile"));
	assert_non_null(strstr(s, "\xe2\x80\xa6\n"));
	free(s);
	free(wide);
}

/* Narrower, the name is cut too; narrower still, the line itself. */
static void
test_print_fits_width_then_name(void **state)
{
	char *s;
	int n;

	(void)state;
	s = print_fitted(80, OUTPUT_UTF8);
	assert_true(widest_line(s, &n) <= 80);
	assert_int_equal(n, 3);
	assert_null(strstr(s, "(Contractor)"));
	assert_non_null(strstr(s, "Adele Vance-Gonz"));
	free(s);
	s = print_fitted(30, OUTPUT_UTF8);
	assert_true(widest_line(s, &n) <= 30);
	assert_int_equal(n, 3);
	free(s);
	/* --plain and ASCII cut with "...". */
	s = print_fitted(80, OUTPUT_UTF8 | OUTPUT_PLAIN);
	assert_true(widest_line(s, &n) <= 80);
	assert_null(strstr(s, "\xe2\x80\xa6"));
	assert_non_null(strstr(s, "...\n"));
	free(s);
}

/* A table that names no column to cut ignores the width. */
static void
test_table_without_cut_ignores_width(void **state)
{
	static const char *const headers[] = { "NAME", "VALUE" };
	const char *row[] = { "a rather long name", "a rather long value" };
	struct output_opts o;
	struct table *t;
	struct capture c;

	(void)state;
	t = table_new(2, headers);
	table_add_row(t, row);
	memset(&o, 0, sizeof o);
	o.flags = OUTPUT_UTF8;
	o.width = 20;
	capture_open(&c);
	assert_int_equal(table_write(t, c.f, OUTPUT_TABLE, &o), 0);
	capture_close(&c);
	assert_non_null(strstr(c.buf, "a rather long value\n"));
	free(c.buf);
	table_free(t);
}

/* An empty list still prints a header (or an empty value array). */
static void
test_print_empty(void **state)
{
	struct presence_list pl;
	struct capture c;

	(void)state;
	memset(&pl, 0, sizeof pl);
	capture_open(&c);
	assert_int_equal(output_print(c.f, OUTPUT_JSON, NULL, &pl, 1), 0);
	capture_close(&c);
	assert_string_equal(c.buf, "{\n\t\"value\":\t[]\n}\n");
	free(c.buf);
	capture_open(&c);
	assert_int_equal(output_print(c.f, OUTPUT_CSV, NULL, NULL, 1), 0);
	capture_close(&c);
	assert_non_null(strstr(c.buf, "sequenceNumber\r\n"));
	free(c.buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_exact),
		cmocka_unit_test(test_table_aligned_by_width),
		cmocka_unit_test(test_table_sanitises),
		cmocka_unit_test(test_table_no_trailing_blanks),
		cmocka_unit_test(test_table_caps_width),
		cmocka_unit_test(test_table_plain_cuts_with_dots),
		cmocka_unit_test(test_table_json),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_presence_json_graph_names),
		cmocka_unit_test(test_presence_json_minimal),
		cmocka_unit_test(test_presence_json_escapes),
		cmocka_unit_test(test_print_json),
		cmocka_unit_test(test_print_csv),
		cmocka_unit_test(test_print_department_and_job_title),
		cmocka_unit_test(test_print_inert_and_csv_safe),
		cmocka_unit_test(test_print_table),
		cmocka_unit_test(test_print_empty),
		cmocka_unit_test(test_print_fits_width_message_first),
		cmocka_unit_test(test_print_fits_width_then_name),
		cmocka_unit_test(test_table_without_cut_ignores_width),
	};

	return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
