/* Unit tests for the checks: life spans, ages, the point of divergence, input problems. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"

static void expect(const char *text, const char *want, const cl_check_options *o)
{
	char *got = test_findings(text, o);
	if (strcmp(got, want) != 0)
		fail_msg("%s\n  expected: %s\n  got:      %s", text, want, got);
	free(got);
}

static void expect_verdicts(const char *text, const char *want)
{
	char *got = test_verdicts(text, NULL);
	if (strcmp(got, want) != 0)
		fail_msg("%s\n  expected: %s\n  got:      %s", text, want, got);
	free(got);
}

static void life_spans(void **state)
{
	(void)state;
	expect("Nikolai Bukharin (1888\xE2\x80\x93" "1937) edited Pravda.", "lifespan-mismatch:1937", NULL);
	expect("Nikolai Bukharin (1888\xE2\x80\x93" "1938) edited Pravda.", "", NULL);
	expect("Lenin died in 1925.", "lifespan-mismatch:1925", NULL);
	expect("Lenin died on 21 January 1924.", "", NULL);
	expect("If Lenin had died in 1922, things would differ.", "", NULL);
	expect("We could have Bukharin die in 1964 instead.", "", NULL);
	expect("Stalin's death in 1953 changed everything.", "", NULL);
	expect("Stalin's death in 1952 changed everything.", "lifespan-mismatch:1952", NULL);
}

static void old_style_dates(void **state)
{
	(void)state;
	/* Bukharin's birth written in the Julian calendar, unmarked: both calendars are tried */
	expect("Nikolai Bukharin was born on 27 September 1888.", "", NULL);
	expect("Nikolai Bukharin was born on 9 October 1888.", "", NULL);
	expect("Nikolai Bukharin was born on 2 October 1888.", "lifespan-mismatch:2 October 1888", NULL);
}

static void ages(void **state)
{
	(void)state;
	expect("In 1950 Stalin, then 60, received them.", "age-mismatch:then 60", NULL);
	expect("In 1950 Stalin, then 71, received them.", "", NULL);
	expect("In 1950 Stalin, then 72, received them.", "", NULL); /* his official birth date */
	expect("Bukharin would be 76 years old by 1964.", "", NULL);
	expect("Bukharin would be 77 years old by 1964.", "age-mismatch:77 years old", NULL);
	expect_verdicts("Bukharin would be 76 years old by 1964.", "76 years old=confirmed");
	/* a year-only date is ambiguous by one year; an exact one is not */
	expect("In 1945 Harry Truman, aged 60, took office.", "", NULL);
	expect("On 12 April 1945 Harry Truman, aged 61, took office.", "age-mismatch:aged 61", NULL);
	expect("On 12 April 1945 Harry Truman, aged 60, took office.", "", NULL);
}

/* An opening age belongs to the subject after it, even one the database
 * lacks; only a pronoun or no subject sends it back to the sentence before. */
static void opening_age_and_unknown_subject(void **state)
{
	(void)state;
	expect("Stanislaw Maczek (1892-1994) was among those present.\n\n"
	       "In 1901, at the age of fifty-nine, Matthew White Ridley returned to Baghdad.", "", NULL);
	expect("Joseph Stalin (1878-1953) was there.\nIn 1950, at the age of 60, Pope Pius XII received them.", "",
	       NULL);
	expect("Joseph Stalin (1878-1953) was there.\nAt 60, Pope Pius XII wrote to Stalin.", "", NULL);
	/* the subject is a person the facts know, with or without a title */
	expect("In 1950, at the age of 60, President Truman received them.", "age-mismatch:at the age of 60", NULL);
	expect("At the age of 60, Joseph Stalin received them in 1950.", "age-mismatch:At the age of 60", NULL);
	/* a pronoun, or a common noun, keeps the person of the sentence before */
	expect("Joseph Stalin (1878-1953) ruled for decades.\nIn 1950, at the age of 60, he received them.",
	       "age-mismatch:at the age of 60", NULL);
}

static void document_people(void **state)
{
	(void)state;
	expect("Anna Veller (1901\xE2\x80\x93" "1960) taught in Kiev. In 1930 Veller, then 29, moved.", "", NULL);
	expect("Anna Veller (1901\xE2\x80\x93" "1960) taught in Kiev. In 1930 Veller, then 40, moved.",
	       "age-mismatch:then 40", NULL);
	expect("Anna Veller was born in 1901.\n\nIn 1920 Anna Veller was 19 and in 1950 Veller was 60.",
	       "age-mismatch:60", NULL);
}

static void implausible_ages(void **state)
{
	(void)state;
	expect("The general, aged 131, led the charge.", "implausible-age:aged 131", NULL);
	expect("If he were alive, he would be 130 years old.", "", NULL);
	expect("She gave birth at the age of 6.", "implausible-age:at the age of 6", NULL);
}

static void point_of_divergence(void **state)
{
	cl_check_options o = CL_CHECK_OPTIONS_INIT;
	(void)state;
	o.pod = (cl_date){ 1953, 3, 1, CL_PREC_DAY };
	expect("Nikita Khrushchev (1894\xE2\x80\x93" "1956) was shot.", "divergence:Nikita Khrushchev (1894–1956)", &o);
	expect("Nikolai Bukharin (1888\xE2\x80\x93" "1937) edited Pravda.", "lifespan-mismatch:1937", &o);
}

static void ambiguous_surnames_give_no_finding(void **state)
{
	(void)state;
	expect("Chamberlain died in 1950.", "", NULL);
	expect("Neville Chamberlain died in 1940. Chamberlain died in 1950.", "lifespan-mismatch:1950", NULL);
}

static void bad_bytes_do_not_stop_the_check(void **state)
{
	cl_result *r;
	cl_error err;
	const char text[] = "Lenin \xFF died in 1925.\0 More.";
	(void)state;
	assert_int_equal(cl_check(&r, test_db(), "t", text, sizeof(text) - 1, NULL, &err), CL_OK);
	assert_int_equal(cl_result_input_problem_count(r), 2);
	assert_int_equal(cl_result_finding_count(r), 1);
	cl_result_free(r);
}

/* A place name not yet given is an anachronism only when one other name was
 * right over the whole date: a date across a renaming is left alone. */
static void dates_across_a_renaming(void **state)
{
	(void)state;
	expect("In 1910 he visited Leningrad.", "anachronism-place:Leningrad", NULL);
	expect("In the 1910s he visited Leningrad.", "", NULL);
	expect("Between 1912 and 1916 he lived in Leningrad.", "", NULL);
}

/* A fate after the point of divergence for someone the database knows no
 * death for: a divergence, real history saying "alive". */
static void fate_of_the_living(void **state)
{
	cl_check_options o = CL_CHECK_OPTIONS_INIT;
	(void)state;
	o.pod = (cl_date){ 1980, 1, 1, CL_PREC_DAY };
	expect("In 1990 Lech Wa\xC5\x82\xC4\x99sa was executed.", "divergence:Lech Wa\xC5\x82\xC4\x99sa was executed", &o);
	/* without a point of divergence nothing is sure enough to report */
	expect("In 1990 Lech Wa\xC5\x82\xC4\x99sa was executed.", "", NULL);
}

/* "The three men were hanged": a group of at most nine people named in its
 * paragraph as those something was done to; a larger one is no group. */
static void groups_and_their_limit(void **state)
{
	static const char three[] = "In 1958 Georgy Zhukov was arrested. Vasily Sokolovsky was arrested. "
				    "Aleksandr Vasilevsky was arrested. The three men were hanged at dawn.";
	static const char ten[] = "In 1958 Georgy Zhukov was arrested. Vasily Sokolovsky was arrested. "
				  "Aleksandr Vasilevsky was arrested. Ivan Konev was arrested. "
				  "Kliment Voroshilov was arrested. Vyacheslav Molotov was arrested. "
				  "Lazar Kaganovich was arrested. Anastas Mikoyan was arrested. "
				  "Nikolai Bulganin was arrested. Georgy Malenkov was arrested. ";
	char text[1024];
	cl_check_options o = CL_CHECK_OPTIONS_INIT;
	char *got;
	(void)state;
	o.pod = (cl_date){ 1953, 3, 1, CL_PREC_DAY };
	o.kind = CL_KIND_MANUSCRIPT;
	got = test_findings(three, &o);
	assert_non_null(strstr(got, "divergence:Georgy Zhukov"));
	assert_non_null(strstr(got, "divergence:Aleksandr Vasilevsky"));
	free(got);
	/* nine, the most a group holds */
	snprintf(text, sizeof(text), "%.*sThe nine men were hanged at dawn.", (int)(strstr(ten, "Georgy Malenkov") - ten),
		 ten);
	got = test_findings(text, &o);
	{
		int count = 0;
		const char *at = got;
		while ((at = strstr(at, "divergence:")) != NULL) {
			count++;
			at++;
		}
		assert_int_equal(count, 9);
	}
	free(got);
	/* ten named, and "the ten men": more than a group holds */
	snprintf(text, sizeof(text), "%sThe ten men were hanged at dawn.", ten);
	expect(text, "", &o);
	/* ten named, and "the three men": the paragraph does not say which three */
	snprintf(text, sizeof(text), "%sThe three men were hanged at dawn.", ten);
	expect(text, "", &o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(life_spans), cmocka_unit_test(old_style_dates), cmocka_unit_test(ages),
		cmocka_unit_test(opening_age_and_unknown_subject),
		cmocka_unit_test(document_people), cmocka_unit_test(implausible_ages),
		cmocka_unit_test(point_of_divergence), cmocka_unit_test(ambiguous_surnames_give_no_finding),
		cmocka_unit_test(bad_bytes_do_not_stop_the_check),
		cmocka_unit_test(dates_across_a_renaming), cmocka_unit_test(fate_of_the_living),
		cmocka_unit_test(groups_and_their_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
