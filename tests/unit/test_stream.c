/* Unit tests for checks in sections (cl_stream): a text given in small pieces
 * must give the findings and input problems a check of the whole text gives,
 * where what a finding depends on lies in an earlier section. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"

/* The findings and problems of a result, one line each, positions included. */
static char *describe(const cl_result *r)
{
	char *out = NULL;
	size_t len = 0, k;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	for (k = 0; k < cl_result_finding_count(r); k++) {
		const cl_finding *x = cl_result_finding(r, k);
		fprintf(f, "%s %d:%d-%d:%d @%zu+%zu %s | %s | %s | %s\n", x->rule, x->line, x->column, x->end_line,
			x->end_column, x->offset, x->length, x->message, x->found ? x->found : "",
			x->evidence ? x->evidence : "", x->fix ? x->fix : "");
	}
	for (k = 0; k < cl_result_input_problem_count(r); k++)
		fprintf(f, "problem: %s\n", cl_result_input_problem(r, k));
	fclose(f);
	return out;
}

static char *check_whole(const char *text, size_t len, const cl_check_options *opts)
{
	cl_result *r;
	cl_error err = { 0, "" };
	char *out;
	assert_int_equal(cl_check(&r, test_db(), "t.txt", text, len, opts, &err), CL_OK);
	out = describe(r);
	cl_result_free(r);
	return out;
}

/* The text read `piece` bytes at a time, as the command reads a long file. */
static char *check_in_pieces(const char *text, size_t len, size_t piece, const cl_check_options *opts,
			     size_t *calls)
{
	cl_stream *s;
	cl_result *r;
	cl_error err = { 0, "" };
	char *buf = malloc(piece), *out;
	size_t have = 0, read = 0, taken;
	assert_non_null(buf);
	*calls = 0;
	assert_int_equal(cl_stream_new(&s, test_db(), "t.txt", opts, &err), CL_OK);
	for (;;) {
		size_t n = len - read < piece - have ? len - read : piece - have;
		int last;
		memcpy(buf + have, text + read, n);
		have += n;
		read += n;
		last = read == len;
		assert_int_equal(cl_stream_check(s, buf, have, last, &taken, &err), CL_OK);
		assert_true(taken > 0 || have == 0);
		memmove(buf, buf + taken, have - taken);
		have -= taken;
		++*calls;
		if (last && have == 0)
			break;
	}
	assert_int_equal(cl_stream_finish(s, &r, &err), CL_OK);
	cl_stream_free(s);
	out = describe(r);
	cl_result_free(r);
	free(buf);
	return out;
}

/* Whole and in pieces of each size agree, in more than one section, and the
 * findings include each of `wanted` (so that there is something to agree on). */
static void expect_same(const char *text, const cl_check_options *opts, const size_t *pieces, size_t piece_count,
			const char *const *wanted, size_t wanted_count)
{
	size_t len = strlen(text), k, calls;
	char *whole = check_whole(text, len, opts);
	for (k = 0; k < wanted_count; k++)
		if (!strstr(whole, wanted[k]))
			fail_msg("the whole text lacks \"%s\":\n%s", wanted[k], whole);
	for (k = 0; k < piece_count; k++) {
		char *parts = check_in_pieces(text, len, pieces[k], opts, &calls);
		assert_true(calls > 2);
		if (strcmp(whole, parts) != 0)
			fail_msg("in pieces of %zu bytes:\n%s\nwhole:\n%s", pieces[k], parts, whole);
		free(parts);
	}
	free(whole);
}

/* A name said in full before the cut decides a shared surname after it; the
 * date of a scene holds across cuts in a manuscript; a death the text
 * established is remembered; settings and a disable block reach on. */
static void carried_across_sections(void **state)
{
	static const char text[] =
		"<!-- chronolint: kind=manuscript pod=1953-03-01 -->\n"
		"Neville Chamberlain came home from the conference with a paper in his hand.\n"
		"\n"
		"In July 1956 Khrushchev and Brezhnev were executed in the courtyard.\n"
		"\n"
		"<!-- chronolint: disable=age-mismatch -->\n"
		"The rain kept falling on the square, and nobody spoke of the trial again.\n"
		"\n"
		"In 1938 Chamberlain, aged 85, wrote to the newspapers about the harvest.\n"
		"\n"
		"<!-- chronolint: enable=age-mismatch -->\n"
		"In autumn 1958 the plenum met in the long hall of the Kremlin.\n"
		"\n"
		"The windows were open to the river and the guards had been sent away.\n"
		"\n"
		"Khrushchev spoke to the plenum about the harvest, one page at a time.\n"
		"\n"
		"In 1938 Chamberlain, aged 80, flew to Munich for the second time.\n";
	static const size_t pieces[] = { 120, 200, 330 };
	static const char *const wanted[] = {
		"after-death 16:1", /* Khrushchev, in the scene of autumn 1958 */
		"according to line 4 of this document",
		"age-mismatch 18:22", /* Neville Chamberlain, named on line 2 */
	};
	(void)state;
	expect_same(text, NULL, pieces, 3, wanted, 3);
}

/* The point of divergence set at the top makes a late departure a divergence. */
static void settings_reach_later_sections(void **state)
{
	static const char text[] =
		"<!-- chronolint: pod=1953-03-01 kind=manuscript -->\n"
		"The spring thaw came early to Moscow that year, and the roads were mud.\n"
		"\n"
		"The generals waited in the anteroom while the doctors argued in whispers.\n"
		"\n"
		"In May 1954 Lavrentiy Beria opened the meeting of the Presidium himself.\n";
	static const size_t pieces[] = { 80, 120 };
	static const char *const wanted[] = { "divergence 6:13" };
	(void)state;
	expect_same(text, NULL, pieces, 2, wanted, 1);
}

/* One line longer than a piece is cut at sentence ends: columns go on. */
static void long_line_cut_at_sentences(void **state)
{
	static const char text[] =
		"The archive holds many letters from the years of the war and after it. "
		"Nobody has read all of them, and most were never catalogued at all. "
		"Nikolai Bukharin (1888\xE2\x80\x93" "1937) wrote several of them in prison. "
		"Some were smuggled out by his wife, who learned them by heart. "
		"Grigory Zinoviev (1883\xE2\x80\x93" "1937) wrote none that survive.\n";
	static const size_t pieces[] = { 90, 150 };
	static const char *const wanted[] = { "lifespan-mismatch 1:163", "lifespan-mismatch 1:288" };
	(void)state;
	expect_same(text, NULL, pieces, 2, wanted, 2);
}

/* Invalid bytes in a later section are told at their place in the whole
 * text, counted over all of it; a BOM shifts no column of line 1. */
static void input_problems_over_sections(void **state)
{
	static const char text[] =
		"\xEF\xBB\xBFNikolai Bukharin (1888\xE2\x80\x93" "1937) edited the paper.\n"
		"\n"
		"The second paragraph is here only to make the text longer than a piece.\n"
		"\n"
		"A stray byte \xFF sits in this line, and another \xFE in the same one.\n"
		"\n"
		"This paragraph ends the text, with nothing wrong in it at all.\n";
	static const size_t pieces[] = { 80, 140 };
	static const char *const wanted[] = { "lifespan-mismatch 1:24",
					      "problem: 2 bytes of invalid UTF-8 (the first at line 5, column 14)" };
	(void)state;
	expect_same(text, NULL, pieces, 2, wanted, 2);
}

/* Fenced code is not cut where a paragraph break outside it will do: its
 * dates are not read in either check. */
static void markdown_fence_kept_whole(void **state)
{
	static const char text[] =
		"Nikolai Bukharin (1888\xE2\x80\x93" "1937) edited the paper for years.\n"
		"\n"
		"```\n"
		"Grigory Zinoviev (1883-1937) is a line of code here.\n"
		"\n"
		"Lev Kamenev (1883-1937) is code too, after a blank line.\n"
		"```\n"
		"\n"
		"Grigory Zinoviev (1883\xE2\x80\x93" "1937) is prose again here.\n";
	static const size_t pieces[] = { 150, 170 };
	static const char *const wanted[] = { "lifespan-mismatch 1:24", "lifespan-mismatch 9:24" };
	(void)state;
	expect_same(text, NULL, pieces, 2, wanted, 2);
}

/* A UTF-16 text is not read in sections either: one problem, no findings. */
static void utf16_not_read(void **state)
{
	static const char text[] = "\xFF\xFEN\0o\0 \0t\0e\0x\0t\0 \0h\0e\0r\0e\0.\0\n\0";
	char *whole, *parts;
	size_t calls;
	(void)state;
	whole = check_whole(text, sizeof(text) - 1, NULL);
	parts = check_in_pieces(text, sizeof(text) - 1, 8, NULL, &calls);
	assert_string_equal(parts, whole);
	assert_non_null(strstr(whole, "UTF-16"));
	free(whole);
	free(parts);
}

/* An HTML page is kept and checked whole: its positions are the page's. */
static void html_page_checked_whole(void **state)
{
	static const char text[] =
		"<!DOCTYPE html><html><body><p>Nikolai Bukharin (1888\xE2\x80\x93" "1937) edited Pravda.</p>\n"
		"<p>The paper was read across the country by millions of people every day.</p>\n"
		"<p>Grigory Zinoviev (1883\xE2\x80\x93" "1937) led the Comintern for years.</p></body></html>\n";
	cl_check_options opts = CL_CHECK_OPTIONS_INIT;
	static const size_t pieces[] = { 64 };
	static const char *const wanted[] = { "lifespan-mismatch 1:54", "lifespan-mismatch 3:27" };
	(void)state;
	opts.html = 2;
	expect_same(text, &opts, pieces, 1, wanted, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(carried_across_sections),
		cmocka_unit_test(settings_reach_later_sections),
		cmocka_unit_test(long_line_cut_at_sentences),
		cmocka_unit_test(input_problems_over_sections),
		cmocka_unit_test(markdown_fence_kept_whole),
		cmocka_unit_test(utf16_not_read),
		cmocka_unit_test(html_page_checked_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
