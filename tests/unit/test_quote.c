/* Unit tests for quote.c: finding a quotation in a page's text, what counts
 * as the same words, and what is a misquotation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "helpers.h"
#include "internal.h"


static const char page[] =
	"The Geneva summit\n"
	"In July 1955 the heads of government of the four powers met at Geneva, the first such "
	"meeting since Potsdam. On 21 July Eisenhower proposed that the United States and the Soviet "
	"Union exchange blueprints of their military establishments and permit aerial "
	"reconnaissance of each other\xE2\x80\x99s territory. Bulganin listened politely, but "
	"Khrushchev\xE2\x80\x94who had come to Geneva as Bulganin\xE2\x80\x99s companion\xE2\x80\x94"
	"dismissed the plan as a scheme for espionage.[12] He said it could not be accepted. "
	"The \xE2\x80\x9Cspirit of Geneva\xE2\x80\x9D did not survive the year: the foreign "
	"ministers met again in October and agreed on nothing.\n";

static cl_quote_match find_in(const char *text, const char *quote)
{
	cl_quote_match m;
	assert_int_equal(cl_quote_find(&m, text, strlen(text), quote, strlen(quote)), CL_OK);
	return m;
}

static cl_quote_match find(const char *quote)
{
	return find_in(page, quote);
}

/* The passage found is exactly `expected` (which is in the page). */
static void assert_passage(const char *text, const cl_quote_match *m, const char *expected)
{
	const char *at = strstr(text, expected);
	assert_non_null(at);
	if (m->off != (size_t)(at - text) || m->len != strlen(expected))
		fail_msg("passage [%.*s], expected [%s]", (int)m->len, text + m->off, expected);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_exact(void **state)
{
	cl_quote_match m = find("Eisenhower proposed that the United States and the Soviet Union exchange blueprints");
	(void)state;
	assert_true(m.found);
	assert_true(m.similarity == 1.0);
	assert_passage(page, &m, "Eisenhower proposed that the United States and the Soviet Union exchange blueprints");
}

static void test_case_and_white_space(void **state)
{
	cl_quote_match m = find("EISENHOWER  proposed\n that the   united states");
	(void)state;
	assert_true(m.found);
	assert_passage(page, &m, "Eisenhower proposed that the United States");
}

static void test_typography(void **state)
{
	cl_quote_match m;
	(void)state;
	/* straight quotes and apostrophes for curly ones, "--" for em dashes */
	m = find("Khrushchev -- who had come to Geneva as Bulganin's companion -- dismissed the plan");
	assert_true(m.found);
	assert_true(m.similarity == 1.0);
	assert_passage(page, &m, "Khrushchev\xE2\x80\x94who had come to Geneva as Bulganin\xE2\x80\x99s companion\xE2\x80\x94"
		       "dismissed the plan");
	m = find("The \"spirit of Geneva\" did not survive the year");
	assert_true(m.found);
	/* a footnote mark in the page is not a word of the quotation */
	m = find("dismissed the plan as a scheme for espionage. He said it could not be accepted.");
	assert_true(m.found);
	assert_true(m.similarity == 1.0);
	/* punctuation costs nothing; diacritics and ligatures fold */
	m = find("Khrushchev, who had come to Geneva as Bulganin\xE2\x80\x99s companion; dismissed the plan!");
	assert_true(m.found);
	assert_true(m.similarity == 1.0);
	m = find_in("The Œuvre of Gödel, the Straße", "the oeuvre of godel the strasse");
	assert_true(m.found);
}

static void test_ellipsis(void **state)
{
	cl_quote_match m;
	(void)state;
	m = find("Eisenhower proposed ... aerial reconnaissance of each other's territory");
	assert_true(m.found);
	assert_true(m.similarity == 1.0);
	assert_passage(page, &m, "Eisenhower proposed that the United States and the Soviet Union exchange "
		       "blueprints of their military establishments and permit aerial reconnaissance of each "
		       "other\xE2\x80\x99s territory");
	m = find("In July 1955 the heads of government [\xE2\x80\xA6] met at Geneva");
	assert_true(m.found);
	m = find("\xE2\x80\xA6 Bulganin listened politely, but Khrushchev . . . dismissed the plan \xE2\x80\xA6");
	assert_true(m.found);
	assert_passage(page, &m, "Bulganin listened politely, but Khrushchev\xE2\x80\x94who had come to Geneva as "
		       "Bulganin\xE2\x80\x99s companion\xE2\x80\x94""dismissed the plan");
	/* the fragments must come in order */
	m = find("Khrushchev dismissed the plan as a scheme for espionage ... Bulganin listened politely");
	assert_false(m.found);
}

static void test_brackets(void **state)
{
	cl_quote_match m;
	(void)state;
	/* an editor's word for the page's "He" */
	m = find("[Khrushchev] said it could not be accepted");
	assert_true(m.found);
	assert_passage(page, &m, "said it could not be accepted");
	/* added inside the quotation */
	m = find("Bulganin listened politely, but Khrushchev [the First Secretary] ... dismissed the plan");
	assert_true(m.found);
	/* replacing two words */
	m = find("On 21 July [the President] proposed that the United States and the Soviet Union exchange blueprints");
	assert_true(m.found);
	/* a letter changed in brackets, and [sic] */
	m = find("[t]he first such meeting since Potsdam [sic]");
	assert_true(m.found);
}

static void test_typo_in_long_quote(void **state)
{
	cl_quote_match m;
	(void)state;
	m = find("Eisenhower proposed that the United States and the Soviet Union exchange bluprints of "
		 "their military establishments and permit aerial reconnaissance");
	assert_true(m.found);
	assert_true(m.similarity > 0.98 && m.similarity < 1.0);
	/* a transposition is one difference; in a word of three letters, the only one allowed */
	m = find("Bulganin listened poiltely, but Khrushchev");
	assert_true(m.found);
	m = find("Eisenhower proposed that teh United States and the Soviet Union exchange blueprints");
	assert_true(m.found);
	/* two in a word of eight letters or more */
	m = find("Bulganin listened plotiely, but Khrushchev");
	assert_true(m.found);
	/* more is not a typo */
	m = find("Bulganin listened pltly, but Khrushchev");
	assert_false(m.found);
	m = find("Eisenhower proposed that tha United States and the Soviet Union exchange blueprints");
	assert_false(m.found);
}

static void test_changed_meaning(void **state)
{
	cl_quote_match m;
	(void)state;
	/* one word of eight replaced: a misquotation, shown in its clause */
	m = find("the heads of state of the four powers");
	assert_false(m.found);
	assert_true(m.similarity > 0.85 && m.similarity < 0.9);
	assert_passage(page, &m, "In July 1955 the heads of government of the four powers met at Geneva");
	/* a typo in the same eight words is the quotation */
	m = find("the heads of govenment of the four powers");
	assert_true(m.found);
	assert_passage(page, &m, "the heads of government of the four powers");
	/* "not" inserted in a long quotation: similar, but not what was said */
	m = find("Eisenhower proposed that the United States and the Soviet Union not exchange blueprints of "
		 "their military establishments and permit aerial reconnaissance of each other's territory");
	assert_false(m.found);
	assert_true(m.similarity > 0.9);
	/* "never" is not a typo for "ever" */
	m = find_in("They would ever agree to such terms, he said.", "They would never agree to such terms");
	assert_false(m.found);
	/* a number changed by one digit is not a typo */
	m = find("In July 1956 the heads of government of the four powers met at Geneva");
	assert_false(m.found);
	/* a long quotation (25 words or more) may lose one small function word */
	m = find("Eisenhower proposed that United States and the Soviet Union exchange blueprints of their "
		 "military establishments and permit aerial reconnaissance of each other's territory. Bulganin "
		 "listened politely");
	assert_true(m.found);
	m = find("Eisenhower proposed that the United States and the Soviet Union exchange blueprints");
	assert_true(m.found);
	m = find("Eisenhower proposed that United States and the Soviet Union exchange blueprints");
	assert_false(m.found);
	/* "can not" for "cannot" */
	m = find_in("He said it cannot be accepted by the council.", "he said it can not be accepted");
	assert_true(m.found);
}

static void test_short_quotes(void **state)
{
	cl_quote_match m;
	(void)state;
	m = find("Potsdam");
	assert_true(m.found);
	assert_passage(page, &m, "Potsdam");
	m = find("spirit of Geneva");
	assert_true(m.found);
	m = find("\"Geneva summit\"");
	assert_true(m.found);
	/* under three words, only an exact match */
	m = find("Geneva sumit");
	assert_false(m.found);
	m = find("Geneva summits");
	assert_false(m.found);
	m = find("Yalta");
	assert_false(m.found);
	assert_true(m.similarity == 0.0);
	m = find_in("Eisenhower proposed \xE2\x80\x9Copen skies\xE2\x80\x9D at Geneva.", "open ski");
	assert_false(m.found);
	m = find_in("Eisenhower proposed \xE2\x80\x9Copen skies\xE2\x80\x9D at Geneva.", "\"Open Skies\"");
	assert_true(m.found);
}

static void test_absent(void **state)
{
	cl_quote_match m = find("the foreign ministers met again in November and agreed on nothing");
	(void)state;
	assert_false(m.found);
	assert_true(m.similarity > 0.9);
	assert_passage(page, &m, "the foreign ministers met again in October and agreed on nothing");
	m = find("the foreign ministers met again in November and agreed on a treaty");
	assert_false(m.found);
	assert_true(m.similarity > 0.5 && m.similarity < 0.9);
	assert_int_equal(m.off, strstr(page, "the foreign ministers met again in October") - page);
	m = find("Molotov walked out of the conference in protest");
	assert_false(m.found);
	assert_true(m.similarity < 0.5);
	m = find("");
	assert_false(m.found);
	m = find(" ... [sic] ");
	assert_false(m.found);
	m = find_in("", "some quotation");
	assert_false(m.found);
	assert_int_equal(m.len, 0);
}

static void test_offsets_after_multibyte(void **state)
{
	const char *text =
		"Женевское совещание 1955 года — «дух Женевы». Ἱστορία. 日内瓦会议.\n"
		"Ré\xCC\x81sumé: the leaders met at the Palais des Nations on 18 July 1955.";
	cl_quote_match m = find_in(text, "the leaders met at the Palais des Nations");
	(void)state;
	assert_true(m.found);
	assert_passage(text, &m, "the leaders met at the Palais des Nations");
	/* a quotation in Russian, case folded */
	m = find_in(text, "ЖЕНЕВСКОЕ совещание 1955 года");
	assert_true(m.found);
	assert_int_equal(m.off, 0);
	assert_passage(text, &m, "Женевское совещание 1955 года");
	m = find_in("\xC3\x89migr\xC3\xA9s in Paris read the journal every week.", "emigres in Paris");
	assert_true(m.found);
	assert_int_equal(m.off, 0);
	assert_int_equal(m.len, strlen("\xC3\x89migr\xC3\xA9s in Paris"));
	/* a combining accent is ignored */
	m = find_in(text, "Résumé: the leaders met");
	assert_true(m.found);
	assert_passage(text, &m, "Ré\xCC\x81sumé: the leaders met");
}

static void test_large_page(void **state)
{
	const char *filler = "The conference at Geneva in July 1955 was the first meeting of the heads of "
			     "government of the four powers since Potsdam, and newspapers reported each handshake. ";
	const char *sentence = "Eisenhower turned to the Soviet delegation and proposed that each side give "
			       "the other a complete blueprint of its military establishments, from one end of "
			       "the country to the other, and that each provide facilities for aerial photography "
			       "by the other. Khrushchev told the President privately that it was a scheme for "
			       "espionage, and the delegates went back to their hotels without an agreement. ";
	size_t fl = strlen(filler), sl = strlen(sentence), n = 0, cap = 4u << 20, qlen = 0;
	char *text = malloc(cap + 4096), quote[2100];
	cl_quote_match m;
	double t;
	(void)state;
	assert_non_null(text);
	while (qlen + sl < sizeof(quote))
		memcpy(quote + qlen, sentence, sl), qlen += sl;
	while (n + fl < cap)
		memcpy(text + n, filler, fl), n += fl;
	memcpy(text + n, quote, qlen);
	n += qlen;
	text[n] = '\0';
	t = now();
	assert_int_equal(cl_quote_find(&m, text, n, quote, qlen), CL_OK);
	t = now() - t;
	assert_true(qlen >= 1900);
	assert_true(m.found);
	assert_int_equal(m.off, n - qlen);
	assert_int_equal(m.len, qlen - 2); /* without the final ". " */
	if (t >= 0.2 * TEST_SLOWDOWN)
		fail_msg("%.0f ms", t * 1000);
	free(text);
}

/* A page of a few words over and over: every word of the quotation but
 * the last few is everywhere. */
static void test_large_repetitive_page(void **state)
{
	static const char *const words[] = { "army ", "river ", "winter ", "treaty ", "minister ", "railway " };
	const char *quote = "the treaty with the minister was the last words of the page";
	size_t n = 4u << 20, i = 0, k;
	char *text = malloc(n + 128);
	cl_quote_match m;
	double t;
	(void)state;
	assert_non_null(text);
	for (k = 0; i + 10 < n; k++) {
		const char *w = words[(k % 6 + k / 7) % 6];
		memcpy(text + i, w, strlen(w));
		i += strlen(w);
	}
	strcpy(text + i, "and the treaty with the minister was the last words of the page.");
	t = now();
	m = find_in(text, quote);
	t = now() - t;
	assert_true(m.found);
	assert_int_equal(m.off, i + 4);
	if (t >= 0.2 * TEST_SLOWDOWN)
		fail_msg("%.0f ms", t * 1000);
	free(text);
}

static void test_too_long(void **state)
{
	size_t i;
	char *quote = malloc(1001 * 6 + 1);
	cl_quote_match m;
	(void)state;
	assert_non_null(quote);
	for (i = 0; i < 1001; i++)
		memcpy(quote + i * 6, "word  ", 6);
	quote[1001 * 6] = '\0';
	assert_int_equal(cl_quote_find(&m, page, strlen(page), quote, strlen(quote)), CL_ERR_LIMIT);
	assert_false(m.found);
	free(quote);
}

/* A quotation of exactly QUOTE_MAX_WORDS (1000) words is still looked for. */
static void test_longest_quote(void **state)
{
	size_t i, n = 0;
	char *text = malloc(1000 * 12 + 64), *quote;
	cl_quote_match m;
	(void)state;
	assert_non_null(text);
	for (i = 0; i < 1000; i++)
		n += (size_t)sprintf(text + n, "w%zu ", i);
	quote = strdup(text);
	assert_non_null(quote);
	strcpy(text + n, "and the end.");
	assert_int_equal(cl_quote_find(&m, text, strlen(text), quote, strlen(quote)), CL_OK);
	assert_true(m.found);
	assert_int_equal(m.off, 0);
	free(quote);
	free(text);
}

/* A page of one word repeated: each place of the page votes once for each
 * place of the word in the quotation, and the votes stop at VOTE_MAX
 * (1,000,000): 300,000 places times 5 is past it. The quotation is still
 * found, near where the page begins, quickly; one that is not there is not. */
static void test_votes_have_a_maximum(void **state)
{
	size_t n = 300000, i;
	char *text = malloc(n * 5 + 1);
	cl_quote_match m;
	double t;
	(void)state;
	assert_non_null(text);
	for (i = 0; i < n; i++)
		memcpy(text + i * 5, "echo ", 5);
	text[n * 5] = '\0';
	t = now();
	m = find_in(text, "echo echo echo echo echo");
	t = now() - t;
	assert_true(m.found);
	assert_true(m.off % 5 == 0 && m.off < 5 * 1000);
	assert_int_equal(m.len, strlen("echo echo echo echo echo"));
	m = find_in(text, "echo echo echo echo distant");
	assert_false(m.found);
	if (t >= 1.0 * TEST_SLOWDOWN)
		fail_msg("%.0f ms", t * 1000);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_case_and_white_space),
		cmocka_unit_test(test_typography),
		cmocka_unit_test(test_ellipsis),
		cmocka_unit_test(test_brackets),
		cmocka_unit_test(test_typo_in_long_quote),
		cmocka_unit_test(test_changed_meaning),
		cmocka_unit_test(test_short_quotes),
		cmocka_unit_test(test_absent),
		cmocka_unit_test(test_offsets_after_multibyte),
		cmocka_unit_test(test_large_page),
		cmocka_unit_test(test_large_repetitive_page),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_longest_quote),
		cmocka_unit_test(test_votes_have_a_maximum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
