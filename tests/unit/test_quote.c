/* Unit tests for quote.c: a quotation found despite case, spacing,
 * typographic marks, an ellipsis, an editor's brackets and a typo; not found
 * with a word changed; the closest passage at its offsets. */
#include <string.h>
#include <time.h>
#include <stdlib.h>
#include "helpers.h"
#include "internal.h"

static const char page[] =
	"The Geneva summit of July 1955 brought the four heads of government together. "
	"Eisenhower proposed \xe2\x80\x9copen skies\xe2\x80\x9d \xe2\x80\x94 mutual aerial inspection of military "
	"installations \xe2\x80\x94 and the Soviet delegation listened politely before rejecting it. "
	"Observers spoke of the spirit of Geneva, though no agreement on Germany was reached.";

static cl_quote_match find(const char *text, const char *quote)
{
	cl_quote_match m;
	assert_int_equal(cl_quote_find(&m, text, strlen(text), quote, strlen(quote)), CL_OK);
	return m;
}

static void test_found(void **state)
{
	(void)state;
	assert_true(find(page, "brought the four heads of government together").found);
	assert_true(find(page, "BROUGHT  the Four heads\nof government together").found);
	assert_true(find(page, "proposed \"open skies\" -- mutual aerial inspection").found);
	assert_true(find(page, "the Soviet delegation listened ... before rejecting it").found);
	assert_true(find(page, "the Soviet delegation listened politely before rejecting [the proposal]").found);
	assert_true(find(page, "[The President] proposed open skies, mutual aerial inspection").found);
	assert_true(find(page, "the Soviet delegaton listened politely before rejecting it").found); /* a typo */
}

static void test_not_found(void **state)
{
	cl_quote_match m;
	(void)state;
	m = find(page, "the Soviet delegation listened angrily before rejecting it");
	assert_false(m.found);
	assert_true(m.similarity > 0.8);
	/* the closest passage is the sentence it came from, at its own offsets */
	assert_true(m.len > 0);
	assert_memory_equal(page + m.off, "the Soviet delegation", 21);
	assert_false(find(page, "no agreement on Austria was reached").found);
	assert_false(find(page, "the atom bomb was never mentioned at all").found);
	assert_false(find(page, "open ski").found); /* short quotations match exactly */
	assert_true(find(page, "open skies").found);
	assert_false(find("", "anything at all here").found);
}

static void test_offsets_after_multibyte(void **state)
{
	const char text[] = "\xc3\x89migr\xc3\xa9s in Paris \xe2\x80\x94 \xc3\xa0 la fa\xc3\xa7on russe \xe2\x80\x94 "
			    "read the journal every week without fail.";
	cl_quote_match m;
	(void)state;
	m = find(text, "emigres in Paris");
	assert_true(m.found);
	assert_int_equal(m.off, 0);
	m = find(text, "read the journal every week");
	assert_true(m.found);
	assert_memory_equal(text + m.off, "read the journal every week", m.len);
}

static void test_large_page(void **state)
{
	size_t n = 4u << 20, i, k = 0;
	char *big = malloc(n + 64);
	const char *words[] = { "army ", "river ", "winter ", "treaty ", "minister ", "railway " };
	cl_quote_match m;
	clock_t t;
	(void)state;
	assert_non_null(big);
	for (i = 0; i + 10 < n; k++) {
		size_t l = strlen(words[(k % 6 + k / 7) % 6]);
		memcpy(big + i, words[(k % 6 + k / 7) % 6], l);
		i += l;
	}
	strcpy(big + i, " the last words of the page");
	t = clock();
	m = find(big, "the last words of the page");
	assert_true(m.found);
	assert_true((double)(clock() - t) / CLOCKS_PER_SEC < 1.0);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_found),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_offsets_after_multibyte),
		cmocka_unit_test(test_large_page),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
