/* Unit tests for hover.c: what cl_result_describe says about the claim at an
 * offset, as data: a text, the word hovered, and what the hover must contain
 * (every "|"-separated part) and must not. */
#include <stdlib.h>
#include <string.h>
#include "helpers.h"

static const struct {
	const char *text;
	const char *at;       /* the hover is on the first byte of this */
	const char *contains; /* parts joined by "|"; NULL: no hover at all */
	const char *absent;   /* must not be in the hover, or NULL */
	const char *span;     /* the bytes the hover covers */
} cases[] = {
	/* a person: the life, and the age at the sentence's date at its precision */
	{ "On 15 March 1937 Bukharin spoke at the plenum.", "Bukharin",
	  "**Nikolai Bukharin**, 9 Oct 1888 \xe2\x80\x93 15 Mar 1938; aged 48 on the date of this sentence (15 Mar 1937)|"
	  "[Q186709](https://www.wikidata.org/wiki/Q186709)", NULL, "Bukharin" },
	{ "On 8 October 1937 Bukharin wrote to Stalin.", "Bukharin", "aged 48 on", "aged 48 or", "Bukharin" },
	{ "On 9 October 1937 Bukharin wrote to Stalin.", "Bukharin", "aged 49 on", "aged 48 or", "Bukharin" },
	/* a year alone leaves the age open by one: both are said */
	{ "In 1936 Bukharin visited Paris.", "Bukharin", "aged 47 or 48 on the date of this sentence (1936)", NULL,
	  "Bukharin" },
	/* no date for the sentence: no age; the life span's years are not narrative time */
	{ "Nikolai Bukharin (1888\xe2\x80\x93" "1938) edited Pravda.", "Nikolai", "9 Oct 1888 \xe2\x80\x93 15 Mar 1938",
	  "aged", "Nikolai Bukharin" },
	{ "Nikolai Bukharin edited Pravda.", "Bukharin", "**Nikolai Bukharin**", "aged", "Nikolai Bukharin" },
	{ "In 1945 Bukharin was remembered.", "Bukharin", "no longer alive on the date of this sentence (1945)", "aged",
	  "Bukharin" },
	{ "In 1850 Stalin was remembered.", "Stalin", "not yet born on the date of this sentence (1850)", "aged",
	  "Stalin" },
	/* the year of the death: only the days alive count */
	{ "Nikolai Bukharin (1888\xe2\x80\x93" "1938) edited Pravda. Bukharin was shot in 1938.", "Bukharin was",
	  "aged 49 on the date of this sentence (1938)", "In this document", "Bukharin" },
	/* a death the document tells after its point of divergence rules its timeline */
	{ "<!-- chronolint: pod=1953-03-01 -->\nOn 3 July 1956 Khrushchev was executed. In 1957 Khrushchev was "
	  "remembered.", "Khrushchev was rem", "no longer alive on the date of this sentence (1957)|"
	  "In this document Nikita Khrushchev was executed 3 Jul 1956 (line 2).", "aged", "Khrushchev" },
	/* a person the document introduces: what the document says */
	{ "John Hale (1901\xe2\x80\x93" "1960) arrived in 1946.", "John",
	  "**John Hale**, 1901 \xe2\x80\x93 1960; aged 44 or 45 on the date of this sentence (1946)|"
	  "A person this document introduces (birth: line 1; death: line 1)", "wikidata", "John Hale" },
	/* offsets that no claim covers */
	{ "Nikolai Bukharin edited Pravda.", " edited", NULL, NULL, NULL },
	{ "In 1936 Bukharin visited Paris.", " visited", NULL, NULL, NULL },
	{ "In 1936 Bukharin visited Paris.", " Bukharin", NULL, NULL, NULL },
	/* dates: what they resolved to */
	{ "Operation Barbarossa began on 22 June 1941.", "22 June", "**Date**: 22 Jun 1941 (`1941-06-22`)|"
	  "The narrative moves to this date.", NULL, "22 June 1941" },
	{ "On 12 February 1956 he spoke. Two days later he left.", "Two days",
	  "14 Feb 1956 (`1956-02-14`)|Resolved against 12 Feb 1956", NULL, "Two days later" },
	{ "Bukharin (1888\xe2\x80\x93" "1938) edited Pravda.", "1938", "from 1888 (`1888`) to 1938 (`1938`)|"
	  "Not narrative time", NULL, "1938" },
	/* entries of the database: dates and the source */
	{ "In 1946 the Prime Minister of the United Kingdom spoke.", "Prime",
	  "**Prime Minister of the United Kingdom** (an office); held by Clement Attlee on the date of this sentence (1946)|"
	  "(`uk-prime-minister`)", NULL, "Prime Minister of the United Kingdom" },
	{ "Operation Barbarossa began on 22 June 1941.", "Barbarossa",
	  "**Operation Barbarossa** (invasion): 22 Jun 1941 \xe2\x80\x93 5 Dec 1941|Q83055", NULL, "Operation Barbarossa" },
	{ "In 1936 he visited Leningrad.", "Leningrad",
	  "**Leningrad**: a former name of Saint Petersburg|Leningrad (26 Jan 1924 \xe2\x80\x93 6 Sep 1991)", NULL,
	  "Leningrad" },
	{ "In 1950 NATO troops arrived.", "NATO", "**North Atlantic Treaty Organization** (alliance): founded 4 Apr 1949|"
	  "Q7184", NULL, "NATO" },
	{ "In 1950 the word genocide was new.", "genocide", "**genocide** (word): coined 1944", NULL, "genocide" },
	/* what the check made of it */
	{ "In 1950 Stalin, then 60, spoke.", "60", "**Age**: 60|Contradicted: Joseph Stalin was 71 or 72 in 1950", NULL,
	  "then 60" },
	/* durations: the amount and the unit, "several" when there is no number */
	{ "The siege lasted three years.", "three", "**Duration**: 3 years", "years.", "three years" },
	{ "The war lasted several years.", "several", "**Duration**: several years", NULL, "several years" },
	{ "The empire lasted two centuries.", "two", "**Duration**: 2 centuries", NULL, "two centuries" },
	{ "It lasted one century.", "one", "**Duration**: 1 century", "centuries", "one century" },
	{ "It took a decade.", "decade", "**Duration**: 1 decade", "decades", "a decade" },
	{ "It lasted three months.", "three", "**Duration**: 3 months", NULL, "three months" },
	{ "In 1937 Stalin met Molotov. Molotov stayed for two weeks.", "two weeks", "**Duration**: 2 weeks", NULL,
	  "two weeks" },
	{ "It took five days.", "five", "**Duration**: 5 days", NULL, "five days" },
	{ "It took three hours.", "three", "**Duration**: 3 hours", NULL, "three hours" },
	/* a relative date with nothing to resolve it against */
	{ "The next day he left.", "next", "**Date**: a relative or partial date with no reference date to resolve it "
	  "against", "narrative", "The next day" },
	/* an age the sentence only supposes */
	{ "Had he lived, in 1960 Kirov would have been 74.", "74", "**Age**: 74, hypothetical (what they would be)",
	  NULL, "74" },
};

static void split_contains(const char *hover, const char *parts, const char *text)
{
	const char *p = parts;
	while (*p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		char *want = strndup(p, n);
		assert_non_null(want);
		if (!strstr(hover, want))
			fail_msg("%s\n  expected the hover to contain: %s\n  got: %s", text, want, hover);
		free(want);
		p += n + (bar ? 1 : 0);
	}
}

static void hovers(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		cl_result *r = NULL;
		cl_error err;
		char *hover = NULL;
		size_t off = 99, len = 99;
		const char *text = cases[i].text, *at = strstr(text, cases[i].at);
		assert_non_null(at);
		assert_int_equal(cl_check(&r, test_db(), "test", text, strlen(text), NULL, &err), CL_OK);
		assert_int_equal(cl_result_describe(&hover, &off, &len, r, test_db(), (size_t)(at - text)), CL_OK);
		if (!cases[i].contains) {
			if (hover)
				fail_msg("%s\n  at \"%s\": expected no hover, got: %s", text, cases[i].at, hover);
			assert_int_equal(off, 0);
			assert_int_equal(len, 0);
		} else {
			if (!hover)
				fail_msg("%s\n  at \"%s\": expected a hover, got none", text, cases[i].at);
			split_contains(hover, cases[i].contains, text);
			if (cases[i].absent && strstr(hover, cases[i].absent))
				fail_msg("%s\n  the hover must not contain: %s\n  got: %s", text, cases[i].absent, hover);
			if (len != strlen(cases[i].span) || strncmp(text + off, cases[i].span, len) != 0)
				fail_msg("%s\n  expected the span \"%s\", got \"%.*s\"", text, cases[i].span, (int)len,
					 text + off);
		}
		free(hover);
		cl_result_free(r);
	}
}

/* Past the end of the text, in an empty text, and with another database: nothing. */
static void no_claim(void **state)
{
	cl_result *r = NULL;
	cl_error err;
	char *hover = (char *)"unset";
	size_t off, len;
	const char *text = "In 1936 Bukharin visited Paris.";
	(void)state;
	assert_int_equal(cl_check(&r, test_db(), "test", text, strlen(text), NULL, &err), CL_OK);
	assert_int_equal(cl_result_describe(&hover, &off, &len, r, test_db(), strlen(text) + 100), CL_OK);
	assert_null(hover);
	assert_int_equal(cl_result_describe(&hover, &off, &len, r, NULL, 8), CL_OK);
	assert_null(hover);
	cl_result_free(r);
	assert_int_equal(cl_check(&r, test_db(), "test", "", 0, NULL, &err), CL_OK);
	assert_int_equal(cl_result_describe(&hover, &off, &len, r, test_db(), 0), CL_OK);
	assert_null(hover);
	cl_result_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hovers),
		cmocka_unit_test(no_claim),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
