/* Unit tests for text.c and tokenize.c: the prose view, tokens and sentences. */
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "internal.h"

typedef struct {
	cl_text text;
	cl_tokens tokens;
} tokenized;

static void tokenize(tokenized *t, const char *s)
{
	cl_error err;
	assert_int_equal(cl_text_init(&t->text, s, strlen(s), true, false, &err), CL_OK);
	assert_int_equal(cl_tokenize(&t->tokens, &t->text), CL_OK);
}

static void release(tokenized *t)
{
	cl_tokens_free(&t->tokens);
	cl_text_free(&t->text);
}

static size_t sentences(const char *s)
{
	tokenized t;
	size_t n;
	tokenize(&t, s);
	n = t.tokens.sentences.len;
	release(&t);
	return n;
}

static void abbreviations_do_not_end_sentences(void **state)
{
	(void)state;
	assert_int_equal(sentences("J. V. Stalin met Mr. Hopkins in St. Petersburg. He left."), 2);
	assert_int_equal(sentences("The U.S. Army landed c. 1944 at Anzio. Then it rained."), 2);
	assert_int_equal(sentences("Gen. Zhukov arrived on Jan. 15, 1945. The front moved."), 2);
	assert_int_equal(sentences("He asked \"Why?\" and left. Nobody followed."), 2);
	assert_int_equal(sentences("First.\n\nSecond paragraph without a stop\n\nThird"), 3);
	assert_int_equal(sentences("14 April 1956:\nThe meeting began."), 2);
}

static void token_flags(void **state)
{
	tokenized t;
	(void)state;
	tokenize(&t, "Stalin's 1950s 22nd 2,000 men 1888\xE2\x80\x93" "1938 O'Brien");
	assert_int_equal(t.tokens.tokens.len, 9);
	assert_true(t.tokens.tokens.items[0].flags & CL_TF_POSSESSIVE);
	assert_int_equal(t.tokens.tokens.items[0].len, 6);
	assert_true(t.tokens.tokens.items[1].flags & CL_TF_DECADE);
	assert_int_equal(t.tokens.tokens.items[1].num, 1950);
	assert_true(t.tokens.tokens.items[2].flags & CL_TF_ORDINAL);
	assert_int_equal(t.tokens.tokens.items[2].num, 22);
	assert_true(t.tokens.tokens.items[3].flags & CL_TF_GROUPED);
	assert_int_equal(t.tokens.tokens.items[3].num, 2000);
	assert_int_equal(t.tokens.tokens.items[6].cp, 0x2013);
	assert_int_equal(t.tokens.tokens.items[8].len, 7); /* O'Brien is one word */
	release(&t);
}

static void markdown_code_and_links_are_not_prose(void **state)
{
	tokenized t;
	const char *s = "Text `1941` and [a link](http://x.org/1942) here.\n```\n1943\n```\nEnd 1944.";
	size_t i;
	(void)state;
	tokenize(&t, s);
	for (i = 0; i < t.tokens.tokens.len; i++) {
		const cl_token *k = &t.tokens.tokens.items[i];
		if (k->type == CL_TOK_NUMBER)
			assert_int_equal(k->num, 1944);
	}
	assert_int_equal(strlen(t.text.prose), strlen(s)); /* offsets are kept */
	release(&t);
}

static void invalid_bytes_are_counted_and_blanked(void **state)
{
	tokenized t;
	const char s[] = "ok \xFF\xFE bad \xC0\xAF and\r\nnext";
	(void)state;
	assert_int_equal(cl_text_init(&t.text, s, sizeof(s) - 1, true, false, NULL), CL_OK);
	assert_int_equal(t.text.invalid_utf8, 4);
	assert_int_equal(t.text.first_invalid, 3);
	assert_int_equal(t.text.line_count, 2);
	cl_text_free(&t.text);
}

static void positions_count_code_points(void **state)
{
	tokenized t;
	int line, col;
	const char *s = "\xEF\xBB\xBFR\xC3\xA9sum\xC3\xA9 1941\nsecond line 1942";
	(void)state;
	tokenize(&t, s);
	cl_text_position(&t.text, (size_t)(strstr(s, "1941") - s), &line, &col);
	assert_int_equal(line, 1);
	/* each é is one code point; the byte-order mark is none, as in editors */
	assert_int_equal(col, 8);
	cl_text_position(&t.text, (size_t)(strstr(s, "1942") - s), &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 13);
	release(&t);
}

static void cr_only_line_ends(void **state)
{
	tokenized t;
	(void)state;
	tokenize(&t, "one\rtwo\rthree");
	assert_int_equal(t.text.line_count, 3);
	release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(abbreviations_do_not_end_sentences), cmocka_unit_test(token_flags),
		cmocka_unit_test(markdown_code_and_links_are_not_prose),
		cmocka_unit_test(invalid_bytes_are_counted_and_blanked),
		cmocka_unit_test(positions_count_code_points), cmocka_unit_test(cr_only_line_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
