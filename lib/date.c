/* date.c - calendar arithmetic: day numbers, the Julian calendar, spans, ages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static const char *const month_names[] = { "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December" };
static const char *const season_codes[] = { "SP", "SU", "FA", "WI" };

static long floor_div(long a, long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Howard Hinnant's days_from_civil, shifted so that 0001-01-01 is day 0. */
long cl_days_from_civil(int year, int month, int day)
{
	long y = (long)year - (month <= 2);
	long era = floor_div(y, 400);
	long yoe = y - era * 400;
	long mp = (month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 306;
}

void cl_civil_from_days(long days, int *year, int *month, int *day)
{
	long z = days + 306;
	long era = floor_div(z, 146097);
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int cl_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

void cl_julian_to_gregorian(int *year, int *month, int *day)
{
	/* Julian day count of the date, then back through the Gregorian calendar. */
	long y = *year, m = *month;
	long a = (14 - m) / 12;
	long yy = y + 4800 - a, mm = m + 12 * a - 3;
	long jdn = *day + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - 32083;
	/* 0001-01-01 Gregorian is JDN 1721426 */
	cl_civil_from_days(jdn - 1721426, year, month, day);
}

void cl_gregorian_to_julian(int *year, int *month, int *day)
{
	/* the Julian day number, then forward through the Julian calendar */
	long jdn = cl_days_from_civil(*year, *month, *day) + 1721426;
	long c = jdn + 32082;
	long d = (4 * c + 3) / 1461;
	long e = c - 1461 * d / 4;
	long m = (5 * e + 2) / 153;
	*day = (int)(e - (153 * m + 2) / 5 + 1);
	*month = (int)(m + 3 - 12 * (m / 10));
	*year = (int)(d - 4800 + m / 10);
}

cl_span cl_date_span(const cl_date *d)
{
	cl_span s = { 0, -1 };
	int y = d->year;
	switch (d->precision) {
	case CL_PREC_DAY:
		s.first = s.last = cl_days_from_civil(y, d->month, d->day);
		break;
	case CL_PREC_MONTH:
		s.first = cl_days_from_civil(y, d->month, 1);
		s.last = cl_days_from_civil(y, d->month, cl_days_in_month(y, d->month));
		break;
	case CL_PREC_SEASON: {
		/* meteorological seasons of the northern hemisphere; winter spans the year end */
		int first_month = 3 + 3 * (d->month - 13);
		int last_month = first_month + 2;
		int last_year = y;
		if (last_month > 12) {
			last_month -= 12;
			last_year++;
		}
		s.first = cl_days_from_civil(y, first_month, 1);
		s.last = cl_days_from_civil(last_year, last_month, cl_days_in_month(last_year, last_month));
		break;
	}
	case CL_PREC_YEAR:
		s.first = cl_days_from_civil(y, 1, 1);
		s.last = cl_days_from_civil(y, 12, 31);
		break;
	case CL_PREC_CIRCA:
		s.first = cl_days_from_civil(y - 2, 1, 1);
		s.last = cl_days_from_civil(y + 2, 12, 31);
		break;
	case CL_PREC_DECADE:
		s.first = cl_days_from_civil(y, 1, 1);
		s.last = cl_days_from_civil(y + 9, 12, 31);
		break;
	case CL_PREC_CENTURY:
		s.first = cl_days_from_civil(y, 1, 1);
		s.last = cl_days_from_civil(y + 99, 12, 31);
		break;
	case CL_PREC_NONE:
		break;
	}
	return s;
}

/* Whole years from the birth day b to the day a. */
static int age_on(long b, long a)
{
	int by, bm, bd, ay, am, ad, age;
	cl_civil_from_days(b, &by, &bm, &bd);
	cl_civil_from_days(a, &ay, &am, &ad);
	age = ay - by;
	/* someone born on 29 February has a birthday on 1 March in common years */
	if (bm == 2 && bd == 29 && !is_leap(ay)) {
		bm = 3;
		bd = 1;
	}
	if (am < bm || (am == bm && ad < bd))
		age--;
	return age;
}

void cl_age_range(const cl_span *birth, const cl_span *at, int *min_age, int *max_age)
{
	*min_age = age_on(birth->last, at->first);
	*max_age = age_on(birth->first, at->last);
}

cl_date cl_date_add(const cl_date *date, int n, char unit)
{
	cl_date r = *date;
	if (unit == 'Y' || unit == 'E' || unit == 'C') {
		int years = unit == 'Y' ? n : unit == 'E' ? 10 * n : 100 * n;
		r.year += years;
		if (r.precision == CL_PREC_DAY && r.month == 2 && r.day == 29 && !is_leap(r.year))
			r.day = 28;
		return r;
	}
	if (unit == 'M') {
		if (r.precision != CL_PREC_DAY && r.precision != CL_PREC_MONTH) {
			if (r.precision == CL_PREC_YEAR && n % 12 == 0)
				r.year += n / 12;
			return r;
		}
		long m = (long)r.year * 12 + (r.month - 1) + n;
		r.year = (int)floor_div(m, 12);
		r.month = (int)(m - (long)r.year * 12) + 1;
		if (r.precision == CL_PREC_DAY && r.day > cl_days_in_month(r.year, r.month))
			r.day = cl_days_in_month(r.year, r.month);
		return r;
	}
	if (unit == 'W' || unit == 'D') {
		if (r.precision != CL_PREC_DAY)
			return r;
		long d = cl_days_from_civil(r.year, r.month, r.day) + (unit == 'W' ? 7L * n : n);
		cl_civil_from_days(d, &r.year, &r.month, &r.day);
	}
	return r;
}

int cl_date_parse(cl_date *out, const char *text)
{
	int y = 0, m = 0, d = 0, n = 0;
	size_t len = strlen(text);
	memset(out, 0, sizeof(*out));
	if (len == 4 && sscanf(text, "%4d%n", &y, &n) == 1 && n == 4) {
		out->precision = CL_PREC_YEAR;
	} else if (len == 7 && sscanf(text, "%4d-%2d%n", &y, &m, &n) == 2 && n == 7 && text[4] == '-') {
		if (m < 1 || m > 12)
			return CL_ERR_INVALID;
		out->precision = CL_PREC_MONTH;
	} else if (len == 10 && sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 &&
		   text[4] == '-' && text[7] == '-') {
		if (m < 1 || m > 12 || d < 1 || d > cl_days_in_month(y, m))
			return CL_ERR_INVALID;
		out->precision = CL_PREC_DAY;
	} else {
		return CL_ERR_INVALID;
	}
	if (strspn(text, "0123456789-") != len || y < 0)
		return CL_ERR_INVALID;
	out->year = y;
	out->month = m;
	out->day = d;
	return CL_OK;
}

/* Writes `v` with at least `width` digits; returns the new end. */
static char *put_digits(char *p, int v, int width)
{
	char tmp[12];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n < width)
		tmp[n++] = '0';
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

/* The TIMEX value of every date claim: written by hand, as snprintf costs a
 * tenth of a check. */
size_t cl_date_format(char *buf, size_t size, const cl_date *d)
{
	char out[32], *p = out;
	int y = d->year;
	/* year 0 is 1 BC, but a century starting there is the first AD ("00"); the
	 * first century BC starts in 100 BC (-99) */
	int bc = d->precision == CL_PREC_CENTURY ? y < 0 : y <= 0;
	size_t n;
	if (d->precision == CL_PREC_NONE) {
		memcpy(out, "XXXX", 4);
		p += 4;
	} else if (bc) {
		memcpy(p, "BC", 2);
		p += 2;
	}
	if (y < -99999999 || y > 99999999) /* no such date is read; kept in the buffer's bounds */
		y = 0;
	switch (d->precision) {
	case CL_PREC_DAY:
	case CL_PREC_MONTH:
		p = put_digits(p, bc ? 1 - y : y, 4);
		*p++ = '-';
		p = put_digits(p, d->month, 2);
		if (d->precision == CL_PREC_DAY) {
			*p++ = '-';
			p = put_digits(p, d->day, 2);
		}
		break;
	case CL_PREC_SEASON:
		p = put_digits(p, bc ? 1 - y : y, 4);
		*p++ = '-';
		memcpy(p, season_codes[(d->month - 13) & 3], 2);
		p += 2;
		break;
	case CL_PREC_YEAR:
	case CL_PREC_CIRCA:
		p = put_digits(p, bc ? 1 - y : y, 4);
		break;
	case CL_PREC_DECADE:
		p = put_digits(p, (bc ? 1 - y : y) / 10, 3);
		break;
	case CL_PREC_CENTURY:
		p = put_digits(p, (bc ? 1 - y : y) / 100, 2);
		break;
	case CL_PREC_NONE:
		break;
	}
	n = (size_t)(p - out);
	/* snprintf's contract: the length it needs, truncated to the buffer */
	if (size > 0) {
		size_t k = n < size - 1 ? n : size - 1;
		memcpy(buf, out, k);
		buf[k] = '\0';
	}
	return n;
}

const char *cl_date_human(cl_arena *arena, const cl_date *d)
{
	char year[24];
	if (d->year <= 0)
		snprintf(year, sizeof(year), "%d BC", 1 - d->year);
	else
		snprintf(year, sizeof(year), "%d", d->year);
	switch (d->precision) {
	case CL_PREC_DAY:
		return cl_arena_printf(arena, "%d %s %s", d->day, month_names[d->month - 1], year);
	case CL_PREC_MONTH:
		return cl_arena_printf(arena, "%s %s", month_names[d->month - 1], year);
	case CL_PREC_CIRCA:
		return cl_arena_printf(arena, "c. %s", year);
	case CL_PREC_DECADE:
		return cl_arena_printf(arena, "the %ds", d->year);
	case CL_PREC_CENTURY:
		return cl_arena_printf(arena, "the %ds", d->year);
	case CL_PREC_SEASON: {
		static const char *const names[] = { "spring", "summer", "autumn", "winter" };
		return cl_arena_printf(arena, "%s %s", names[(d->month - 13) & 3], year);
	}
	default:
		return cl_arena_printf(arena, "%s", year);
	}
}

const char *cl_date_with_preposition(cl_arena *arena, const cl_date *d)
{
	const char *h = cl_date_human(arena, d);
	return h ? cl_arena_printf(arena, "%s %s", d->precision == CL_PREC_DAY ? "on" : "in", h) : NULL;
}
