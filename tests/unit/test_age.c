/* Unit tests for age.c: every age form, as data. */
#include <stdlib.h>
#include <string.h>
#include "helpers.h"

static const struct {
	const char *text, *expected;
} ages[] = {
	{ "He died aged 76.", "aged 76=76" },
	{ "He was then 76 years old.", "76 years old=76" },
	{ "The 76-year-old marshal resigned.", "76-year-old=76" },
	{ "At 76, he retired.", "At 76=76" },
	{ "He retired at the age of 76.", "at the age of 76=76" },
	{ "In 1950 Stalin, then 71, spoke.", "then 71=71" },
	{ "By 1964 he would be 76 and tired.", "76=76" },
	{ "He was in his seventies.", "seventies=70/79" },
	{ "She was in her early sixties.", "early sixties=60/63" },
	{ "He died in his late-80's/early-90's.", "late-80's/early-90's=87/93" },
	{ "He turned 50 in 1928.", "50=50" },
	{ "He celebrated his 50th birthday.", "50th birthday=50" },
	{ "He was aged about 60.", "aged about 60=58/62" },
	{ "He lived at 76 Baker Street.", "" },
	{ "The 76th Division attacked.", "" },
	{ "It was 76 miles away.", "" },
	{ "He spoke, aged over 70, to the party.", "aged over 70=70/74" },
	{ "He spoke, aged 70 years, to the party.", "aged 70 years=70" },
	{ "He was 70 years of age.", "70 years of age=70" },
	{ "He was 70 year old.", "70 year old=70" },
	{ "He was in his 70s.", "70s=70/79" },
	/* not ages: an object's age, a share */
	{ "The 130-year-old oak fell.", "" },
	{ "The vote was 70%.", "" },
};

static void age_forms(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(ages) / sizeof(*ages); i++) {
		char *got = test_claims(ages[i].text, CL_CLAIM_AGE, NULL);
		if (strcmp(got, ages[i].expected) != 0)
			fail_msg("%s\n  expected: %s\n  got:      %s", ages[i].text, ages[i].expected, got);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(age_forms) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
