/* Unit tests for date.c: day numbers, the Julian calendar, ages, TIMEX values. */
#include <string.h>
#include "helpers.h"
#include "internal.h"

static void day_numbers_round_trip(void **state)
{
	int y, m, d;
	long n;
	(void)state;
	for (n = cl_days_from_civil(1582, 1, 1); n < cl_days_from_civil(2100, 1, 1); n += 17) {
		cl_civil_from_days(n, &y, &m, &d);
		assert_int_equal(cl_days_from_civil(y, m, d), n);
	}
	assert_int_equal(cl_days_from_civil(1941, 6, 22) - cl_days_from_civil(1941, 6, 1), 21);
	assert_int_equal(cl_days_in_month(1900, 2), 28); /* not a leap year */
	assert_int_equal(cl_days_in_month(2000, 2), 29);
	assert_int_equal(cl_days_in_month(1944, 2), 29);
}

static void julian_dates_convert(void **state)
{
	int y = 1917, m = 10, d = 25;
	(void)state;
	cl_julian_to_gregorian(&y, &m, &d); /* the October Revolution */
	assert_int_equal(y, 1917);
	assert_int_equal(m, 11);
	assert_int_equal(d, 7);
	y = 1888, m = 9, d = 27; /* Bukharin's birth, Old Style */
	cl_julian_to_gregorian(&y, &m, &d);
	assert_int_equal(m, 10);
	assert_int_equal(d, 9);
	y = 1878, m = 12, d = 6; /* Stalin's birth: 12 days' difference in the 19th century */
	cl_julian_to_gregorian(&y, &m, &d);
	assert_int_equal(d, 18);
	y = 1918, m = 1, d = 31; /* the last Julian day in Russia */
	cl_julian_to_gregorian(&y, &m, &d);
	assert_int_equal(m, 2);
	assert_int_equal(d, 13);
}

static void gregorian_dates_convert_back(void **state)
{
	int y = 1917, m = 11, d = 7, k;
	long n;
	(void)state;
	cl_gregorian_to_julian(&y, &m, &d);
	assert_int_equal(y, 1917);
	assert_int_equal(m, 10);
	assert_int_equal(d, 25);
	y = 1918, m = 1, d = 13; /* back across New Year */
	cl_gregorian_to_julian(&y, &m, &d);
	assert_int_equal(y, 1917);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
	y = 1900, m = 3, d = 13; /* 29 February 1900 is a Julian day only */
	cl_gregorian_to_julian(&y, &m, &d);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
	/* the inverse of cl_julian_to_gregorian on every 13th day of four centuries */
	for (n = cl_days_from_civil(1600, 1, 1), k = 0; n < cl_days_from_civil(2000, 1, 1); n += 13, k++) {
		int jy, jm, jd;
		cl_civil_from_days(n, &y, &m, &d);
		jy = y, jm = m, jd = d;
		cl_gregorian_to_julian(&jy, &jm, &jd);
		cl_julian_to_gregorian(&jy, &jm, &jd);
		assert_int_equal(cl_days_from_civil(jy, jm, jd), n);
	}
	assert_true(k > 10000);
}

static void ages_at_precision(void **state)
{
	cl_date born = { 1888, 10, 9, CL_PREC_DAY }, at = { 1964, 0, 0, CL_PREC_YEAR };
	cl_span b = cl_date_span(&born), a = cl_date_span(&at);
	int lo, hi;
	(void)state;
	cl_age_range(&b, &a, &lo, &hi); /* a year-only date: one year of slack */
	assert_int_equal(lo, 75);
	assert_int_equal(hi, 76);
	at = (cl_date){ 1964, 10, 9, CL_PREC_DAY };
	a = cl_date_span(&at);
	cl_age_range(&b, &a, &lo, &hi); /* an exact date: none */
	assert_int_equal(lo, 76);
	assert_int_equal(hi, 76);
	at = (cl_date){ 1964, 10, 8, CL_PREC_DAY };
	a = cl_date_span(&at);
	cl_age_range(&b, &a, &lo, &hi);
	assert_int_equal(hi, 75);
}

static void leap_day_birthdays(void **state)
{
	cl_date born = { 1904, 2, 29, CL_PREC_DAY }, at = { 1905, 2, 28, CL_PREC_DAY };
	cl_span b = cl_date_span(&born), a = cl_date_span(&at);
	int lo, hi;
	(void)state;
	cl_age_range(&b, &a, &lo, &hi);
	assert_int_equal(hi, 0);
	at.month = 3, at.day = 1;
	a = cl_date_span(&at);
	cl_age_range(&b, &a, &lo, &hi);
	assert_int_equal(lo, 1);
	at = (cl_date){ 1908, 2, 29, CL_PREC_DAY };
	a = cl_date_span(&at);
	cl_age_range(&b, &a, &lo, &hi);
	assert_int_equal(lo, 4);
}

static void parse_and_format(void **state)
{
	cl_date d;
	char buf[32];
	(void)state;
	assert_int_equal(cl_date_parse(&d, "1953-03-01"), CL_OK);
	assert_int_equal(d.precision, CL_PREC_DAY);
	assert_int_equal(cl_date_parse(&d, "1953-02-30"), CL_ERR_INVALID);
	assert_int_equal(cl_date_parse(&d, "1953-13"), CL_ERR_INVALID);
	assert_int_equal(cl_date_parse(&d, "53"), CL_ERR_INVALID);
	assert_int_equal(cl_date_parse(&d, "1956"), CL_OK);
	assert_int_equal(d.precision, CL_PREC_YEAR);
	d = (cl_date){ -263, 0, 0, CL_PREC_YEAR };
	cl_date_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "BC0264");
	d = (cl_date){ 1940, 0, 0, CL_PREC_DECADE };
	cl_date_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "194");
	d = (cl_date){ 1900, 0, 0, CL_PREC_CENTURY };
	cl_date_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "19");
	/* the first century AD starts in year 0 but is not BC; the first BC is 100-1 BC */
	d = (cl_date){ 0, 0, 0, CL_PREC_CENTURY };
	cl_date_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "00");
	d = (cl_date){ -99, 0, 0, CL_PREC_CENTURY };
	cl_date_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "BC01");
	d = (cl_date){ 0, 0, 0, CL_PREC_YEAR }; /* year 0 alone is still 1 BC */
	cl_date_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "BC0001");
	d = (cl_date){ 1945, 13, 0, CL_PREC_SEASON };
	cl_date_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "1945-SP");
}

static void adding_units(void **state)
{
	cl_date d = { 1941, 1, 31, CL_PREC_DAY }, r;
	(void)state;
	r = cl_date_add(&d, 1, 'M');
	assert_int_equal(r.month, 2);
	assert_int_equal(r.day, 28);
	d = (cl_date){ 1941, 12, 30, CL_PREC_DAY };
	r = cl_date_add(&d, 2, 'D');
	assert_int_equal(r.year, 1942);
	assert_int_equal(r.day, 1);
	d = (cl_date){ 1944, 2, 29, CL_PREC_DAY };
	r = cl_date_add(&d, 1, 'Y');
	assert_int_equal(r.day, 28);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(day_numbers_round_trip), cmocka_unit_test(julian_dates_convert),
		cmocka_unit_test(gregorian_dates_convert_back),
		cmocka_unit_test(ages_at_precision), cmocka_unit_test(leap_day_birthdays),
		cmocka_unit_test(parse_and_format), cmocka_unit_test(adding_units),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
