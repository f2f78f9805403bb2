/* timex.c - temporal expressions: dates, ranges, decades, centuries, seasons,
 * durations, partial and relative dates, normalised as TIMEX values.
 *
 * The matchers read tokens of one sentence; each returns the index one past the
 * last token it consumed, or 0 when it does not match. Relative and partial
 * dates are resolved later, in narrative order (narrative.c). */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

typedef struct {
	cl_doc *doc;
	const cl_tokens *t;
	size_t begin, end; /* the sentence's tokens */
} scan;

static const cl_token *tok(const scan *s, size_t i)
{
	return &s->t->tokens.items[i];
}

static bool in(const scan *s, size_t i)
{
	return i >= s->begin && i < s->end && !s->doc->tok_used[i];
}

static bool word(const scan *s, size_t i, const char *w)
{
	return in(s, i) && cl_tok_is(s->t, i, w);
}

static bool punct(const scan *s, size_t i, uint32_t cp)
{
	return in(s, i) && cl_tok_punct(s->t, i, cp);
}

static bool apostrophe(const scan *s, size_t i)
{
	return punct(s, i, '\'') || punct(s, i, 0x2019) || punct(s, i, 0x2018);
}

static bool dash(const scan *s, size_t i)
{
	return in(s, i) && cl_tok_dash(s->t, i);
}

static const char *text_of(const scan *s, size_t i)
{
	return cl_tok_text(s->t, i);
}

static bool is_num(const scan *s, size_t i)
{
	return in(s, i) && tok(s, i)->type == CL_TOK_NUMBER;
}

/* A month name, capitalised; abbreviations may carry a full stop. */
static int month_at(const scan *s, size_t i, size_t *next)
{
	const cl_token *k;
	int m;
	if (!in(s, i) || tok(s, i)->type != CL_TOK_WORD || !(tok(s, i)->flags & CL_TF_CAP))
		return 0;
	k = tok(s, i);
	m = cl_month_from_word(text_of(s, i), k->len);
	if (!m)
		return 0;
	*next = i + 1;
	/* "Jan.", "Sept.": an abbreviation's full stop is part of it; after "May",
	 * "June" or "July" it ends the sentence */
	if (((k->len == 3 && m != 5) || (k->len == 4 && m == 9)) && punct(s, i + 1, '.') &&
	    cl_tok_adjacent(s->t, i + 1))
		*next = i + 2;
	else if (k->len == 3 && m != 5)
		return 0; /* "Mar" or "Jan" without a full stop is not a month */
	return m;
}

/* A day of the month: 1..31, plain or ordinal (22, 22nd). */
static int day_at(const scan *s, size_t i)
{
	const cl_token *k;
	if (!is_num(s, i))
		return 0;
	k = tok(s, i);
	if (k->digits > 2 || k->num < 1 || k->num > 31 || (k->flags & (CL_TF_DECADE | CL_TF_GROUPED)))
		return 0;
	return k->num;
}

/* BC, B.C., BCE, AD, A.D., CE starting at i. Returns tokens consumed, sets *bc. */
static size_t era_at(const scan *s, size_t i, bool *bc)
{
	if (word(s, i, "bc") || word(s, i, "bce")) {
		*bc = true;
		return 1; /* "BC." ends the sentence; B.C. is handled below */
	}
	if ((word(s, i, "ad") || word(s, i, "ce")) && (tok(s, i)->flags & CL_TF_ALLCAPS)) {
		*bc = false;
		return 1;
	}
	/* B.C. / A.D. / B.C.E. */
	if ((word(s, i, "b") || word(s, i, "a")) && (tok(s, i)->flags & CL_TF_CAP) && punct(s, i + 1, '.') &&
	    cl_tok_adjacent(s->t, i + 1) && (word(s, i + 2, tok(s, i)->len && text_of(s, i)[0] == 'B' ? "c" : "d")) &&
	    (tok(s, i + 2)->flags & CL_TF_CAP) && cl_tok_adjacent(s->t, i + 2)) {
		size_t n = 3;
		*bc = text_of(s, i)[0] == 'B';
		if (punct(s, i + 3, '.') && cl_tok_adjacent(s->t, i + 3))
			n = 4;
		if (*bc && word(s, i + n, "e") && cl_tok_adjacent(s->t, i + n))
			n += punct(s, i + n + 1, '.') ? 2 : 1;
		return n;
	}
	return 0;
}

static bool year_blocked_before(const scan *s, size_t i)
{
	static const char *const blockers[] = { "no", "nos", "number", "page", "pages", "p", "pp", "route", "highway",
		"room", "flight", "vol", "volume", "chapter", "section", "article", "paragraph", "line", "item",
		"model", "type", "code", "box", "suite", "apartment", "platform", "gate", "bus", "serial", "tel",
		"phone", "id", "issue", "fig", "figure", "table", "step", "level", "reg", "regulation", "order" };
	size_t k;
	if (i == 0)
		return false;
	if (cl_tok_punct(s->t, i - 1, '$') || cl_tok_punct(s->t, i - 1, 0xA3) || cl_tok_punct(s->t, i - 1, 0x20AC) ||
	    cl_tok_punct(s->t, i - 1, '+'))
		return true;
	/* "#1941" is a number; "## 1941", a Markdown heading, is a year */
	if (cl_tok_punct(s->t, i - 1, '#') && cl_tok_adjacent(s->t, i))
		return true;
	if ((cl_tok_punct(s->t, i - 1, '.') || cl_tok_punct(s->t, i - 1, ',') || cl_tok_punct(s->t, i - 1, ':')) &&
	    cl_tok_adjacent(s->t, i) && i >= 2 && s->t->tokens.items[i - 2].type == CL_TOK_NUMBER)
		return true; /* 3.1941, 10:1941 */
	for (k = 0; k < sizeof(blockers) / sizeof(*blockers); k++)
		if (cl_tok_is(s->t, i - 1, blockers[k]))
			return true;
	return false;
}

static bool year_blocked_after(const scan *s, size_t i)
{
	size_t n = i + 1;
	const cl_token *k;
	if (n >= s->t->tokens.len)
		return false;
	k = &s->t->tokens.items[n];
	if (k->type == CL_TOK_PUNCT && !(k->flags & CL_TF_SPACE) &&
	    (k->cp == '%' || ((k->cp == '.' || k->cp == ':' || k->cp == ',') && n + 1 < s->t->tokens.len &&
			      s->t->tokens.items[n + 1].type == CL_TOK_NUMBER && cl_tok_adjacent(s->t, n + 1))))
		return true;
	if (k->type == CL_TOK_WORD && !(k->flags & CL_TF_CAP)) {
		const char *w = text_of(s, n);
		if (cl_is_quantity_noun(w, k->len))
			return true;
		if (k->len > 3 && w[k->len - 1] == 's' && !cl_is_function_word(w, k->len) &&
		    !(i > 0 && s->t->tokens.items[i - 1].type == CL_TOK_WORD &&
		      (cl_tok_is(s->t, i - 1, "the") || cl_tok_is(s->t, i - 1, "his") || cl_tok_is(s->t, i - 1, "her") ||
		       cl_tok_is(s->t, i - 1, "their") || cl_tok_is(s->t, i - 1, "its") || cl_tok_is(s->t, i - 1, "a") ||
		       cl_tok_is(s->t, i - 1, "an") || cl_tok_is(s->t, i - 1, "of") || cl_tok_is(s->t, i - 1, "in"))))
			return true; /* "1941 tanks" */
	}
	return false;
}

static bool preceded_by_preposition(const scan *s, size_t i)
{
	const cl_token *k;
	if (i == 0)
		return false;
	k = &s->t->tokens.items[i - 1];
	return k->type == CL_TOK_WORD && (cl_is_preposition(text_of(s, i - 1), k->len) ||
					  cl_tok_is(s->t, i - 1, "year") || cl_tok_is(s->t, i - 1, "early") ||
					  cl_tok_is(s->t, i - 1, "late") || cl_tok_is(s->t, i - 1, "mid"));
}

/* A year: 1941, '41, 264 BC, AD 800. On success sets *year (astronomical) and
 * returns the index past it. `strict`: a bare four-digit number must look like a
 * year in its context. */
static size_t year_at(const scan *s, size_t i, int *year, bool strict)
{
	bool bc = false;
	size_t n;
	if (!in(s, i))
		return 0;
	/* AD 800 */
	if ((word(s, i, "ad") && (tok(s, i)->flags & CL_TF_ALLCAPS)) && is_num(s, i + 1) &&
	    tok(s, i + 1)->digits <= 4 && !(tok(s, i + 1)->flags & (CL_TF_GROUPED | CL_TF_ORDINAL | CL_TF_DECADE))) {
		*year = tok(s, i + 1)->num;
		return *year > 0 ? i + 2 : 0;
	}
	/* '41 */
	if (apostrophe(s, i) && is_num(s, i + 1) && cl_tok_adjacent(s->t, i + 1) && tok(s, i + 1)->digits == 2 &&
	    !(tok(s, i + 1)->flags & (CL_TF_ORDINAL | CL_TF_DECADE | CL_TF_GROUPED)) &&
	    (tok(s, i)->flags & CL_TF_SPACE || i == 0 || tok(s, i)->flags & CL_TF_LINESTART)) {
		*year = 1900 + tok(s, i + 1)->num;
		return i + 2;
	}
	if (!is_num(s, i) || (tok(s, i)->flags & (CL_TF_GROUPED | CL_TF_ORDINAL | CL_TF_DECADE)))
		return 0;
	if (tok(s, i)->digits <= 4 && (n = era_at(s, i + 1, &bc)) != 0) {
		int v = tok(s, i)->num;
		if (v <= 0)
			return 0;
		*year = bc ? 1 - v : v;
		return i + 1 + n;
	}
	if (tok(s, i)->digits != 4 || tok(s, i)->num < 1000 || tok(s, i)->num > 2099)
		return 0;
	if (strict) {
		if (year_blocked_before(s, i) || year_blocked_after(s, i))
			return 0;
		if (tok(s, i)->num < 1700 && !preceded_by_preposition(s, i))
			return 0;
	}
	*year = tok(s, i)->num;
	return i + 1;
}

static bool is_weekday(const scan *s, size_t i)
{
	static const char *const days[] = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
		"sunday" };
	size_t k;
	if (!in(s, i) || !(tok(s, i)->flags & CL_TF_CAP))
		return false;
	for (k = 0; k < 7; k++)
		if (cl_tok_is(s->t, i, days[k]))
			return true;
	return false;
}

static bool emphasis_mark(const scan *s, size_t i)
{
	return in(s, i) && (cl_tok_punct(s->t, i, '*') || cl_tok_punct(s->t, i, '_'));
}

/* "Solzhenitsyn's *August 1914*", "Orwell wrote *1984*": a title in emphasis
 * inside a line, not a date; "**March 1941**" alone on its line is a heading. */
static bool emphasised_title(const scan *s, size_t from, size_t to)
{
	size_t a = from, z = to;
	if (from == 0 || !emphasis_mark(s, from - 1) || !cl_tok_adjacent(s->t, from) || !emphasis_mark(s, to) ||
	    !cl_tok_adjacent(s->t, to))
		return false;
	while (a > 0 && emphasis_mark(s, a - 1))
		a--;
	while (emphasis_mark(s, z))
		z++;
	return !((tok(s, a)->flags & CL_TF_LINESTART) || a == 0) || (in(s, z) && !(tok(s, z)->flags & CL_TF_NEWLINE));
}

static int emit(scan *s, size_t from, size_t to, const cl_timex *tx, cl_claim_kind kind)
{
	cl_xclaim c;
	size_t k;
	if (kind == CL_CLAIM_DATE && emphasised_title(s, from, to))
		return CL_OK;
	memset(&c, 0, sizeof(c));
	c.kind = kind;
	c.tok_begin = from;
	c.tok_end = to;
	c.offset = tok(s, from)->off;
	c.length = tok(s, to - 1)->off + tok(s, to - 1)->len - c.offset;
	c.sentence = tok(s, from)->sentence;
	c.timex = *tx;
	c.who.db_index = c.who.doc_index = -1;
	for (k = from; k < to; k++)
		s->doc->tok_used[k] |= CL_USED_DATE;
	return cl_claims_add(s->doc, &c);
}

static cl_timex day_date(int y, int m, int d)
{
	cl_timex tx;
	memset(&tx, 0, sizeof(tx));
	tx.date.year = y;
	tx.date.month = m;
	tx.date.day = d;
	tx.date.precision = CL_PREC_DAY;
	tx.moves_narrative = true;
	return tx;
}

static bool valid_day(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= cl_days_in_month(y, m);
}

/* O.S. / N.S. / Old Style / New Style at i; returns tokens consumed and the mark. */
static size_t style_mark_at(const scan *s, size_t i, cl_calendar_mark *mark)
{
	if ((word(s, i, "o") || word(s, i, "n")) && (tok(s, i)->flags & CL_TF_CAP) && punct(s, i + 1, '.') &&
	    word(s, i + 2, "s") && (tok(s, i + 2)->flags & CL_TF_CAP)) {
		*mark = text_of(s, i)[0] == 'O' ? CL_CAL_JULIAN : CL_CAL_GREGORIAN;
		return punct(s, i + 3, '.') && cl_tok_adjacent(s->t, i + 3) ? 4 : 3;
	}
	if ((word(s, i, "old") || word(s, i, "new")) && word(s, i + 1, "style")) {
		*mark = cl_tok_is(s->t, i, "old") ? CL_CAL_JULIAN : CL_CAL_GREGORIAN;
		return 2;
	}
	return 0;
}

/* The other calendar's day and month in a gloss, when it has them. */
typedef struct {
	cl_calendar_mark mark; /* the gloss's own calendar; UNSPECIFIED: unmarked */
	int day, month;        /* 0 when the gloss names no day */
	int year;              /* "(O.S. 27 September 1888)": 0 when the gloss names none */
} calendar_gloss;

/* A bracketed calendar gloss "[O.S. 27 September]", "(7 November N.S.)", or
 * unmarked, "(7 November)", as Russian dates are written: the date before it
 * is Old Style, the gloss New Style (match_day_month makes sure of that). */
static size_t calendar_gloss_parse(const scan *s, size_t i, calendar_gloss *g)
{
	size_t j, n, next;
	uint32_t close;
	memset(g, 0, sizeof(*g));
	if (punct(s, i, '('))
		close = ')';
	else if (punct(s, i, '['))
		close = ']';
	else
		return 0;
	j = i + 1;
	if ((n = style_mark_at(s, j, &g->mark)) != 0) {
		j += n;
		if (day_at(s, j) && (g->month = month_at(s, j + 1, &next)) != 0) {
			g->day = day_at(s, j);
			j = next;
		} else if ((g->month = month_at(s, j, &next)) != 0 && day_at(s, next)) {
			g->day = day_at(s, next);
			j = next + 1;
		} else {
			return 0;
		}
		if (is_num(s, j) && tok(s, j)->digits == 4)
			g->year = tok(s, j++)->num;
	} else if (day_at(s, j) && (g->month = month_at(s, j + 1, &next)) != 0) {
		g->day = day_at(s, j);
		j = next;
		if (is_num(s, j) && tok(s, j)->digits == 4)
			g->year = tok(s, j++)->num;
		if ((n = style_mark_at(s, j, &g->mark)) != 0)
			j += n;
	} else {
		return 0;
	}
	return punct(s, j, close) ? j + 1 - i : 0;
}

/* "9 October (O.S. 27 September 1888)": the year of a date that has none,
 * from the year in its gloss, when the two are one day in the two calendars.
 * The main date is New Style when the gloss is marked Old Style, else Old
 * Style. Returns the main date's year as written, or 0. */
static int year_from_gloss(const calendar_gloss *g, int month, int day)
{
	int y, gy, gm, gd, ny, nm, nd;
	if (!g->day || g->year < 1000 || g->year > 2099)
		return 0;
	if (g->mark == CL_CAL_JULIAN) {
		gy = g->year;
		gm = g->month;
		gd = g->day;
		cl_julian_to_gregorian(&gy, &gm, &gd);
		return gm == month && gd == day ? gy : 0;
	}
	/* the main date is Old Style: the gloss's year or, across New Year, the one before */
	for (y = g->year; y >= g->year - 1; y--) {
		if (!valid_day(y, month, day))
			continue;
		ny = y;
		nm = month;
		nd = day;
		cl_julian_to_gregorian(&ny, &nm, &nd);
		if (ny == g->year && nm == g->month && nd == g->day)
			return y;
	}
	return 0;
}

/* A failed gloss leaves nothing behind: "25 October (N.S.)" has a mark but
 * is no gloss, and its mark must not make the date Old Style. */
static size_t calendar_gloss_at(const scan *s, size_t i, calendar_gloss *g)
{
	size_t n = calendar_gloss_parse(s, i, g);
	if (!n)
		memset(g, 0, sizeof(*g));
	return n;
}

static void apply_julian(cl_timex *tx)
{
	if (tx->date.precision == CL_PREC_DAY)
		cl_julian_to_gregorian(&tx->date.year, &tx->date.month, &tx->date.day);
}

/* Optional trailing calendar mark on a full date: "25 October 1917 (O.S.)",
 * "O.S.", or the New Style date itself, "19 December 1916 (1 January 1917)". */
static size_t trailing_style(scan *s, size_t j, cl_timex *tx)
{
	cl_calendar_mark mark;
	size_t n, next;
	int m;
	if ((punct(s, j, '(') || punct(s, j, '[')) && tx->date.precision == CL_PREC_DAY && day_at(s, j + 1) &&
	    (m = month_at(s, j + 2, &next)) != 0 && is_num(s, next) && tok(s, next)->digits == 4 &&
	    (punct(s, next + 1, ')') || punct(s, next + 1, ']'))) {
		int y = tx->date.year, mo = tx->date.month, d = tx->date.day;
		cl_julian_to_gregorian(&y, &mo, &d);
		if (d == day_at(s, j + 1) && mo == m && y == tok(s, next)->num) {
			tx->calendar = CL_CAL_JULIAN;
			return next + 2;
		}
	}
	if ((punct(s, j, '(') || punct(s, j, '[')) && (n = style_mark_at(s, j + 1, &mark)) != 0 &&
	    (punct(s, j + 1 + n, ')') || punct(s, j + 1 + n, ']'))) {
		tx->calendar = mark;
		return j + n + 2;
	}
	if ((n = style_mark_at(s, j, &mark)) != 0) {
		tx->calendar = mark;
		return j + n;
	}
	return j;
}

/* [Weekday,] [the] DAY [of] MONTH [gloss] [,] [YEAR]  and  MONTH DAY[,] [YEAR] */
static size_t match_day_month(scan *s, size_t i)
{
	size_t start = i, j, next, n;
	int d = 0, m = 0, y = 0;
	bool have_year = false, the = false;
	cl_timex tx;
	calendar_gloss gloss = { CL_CAL_UNSPECIFIED, 0, 0, 0 };

	if (is_weekday(s, i)) {
		j = punct(s, i + 1, ',') ? i + 2 : i + 1;
		if (!(day_at(s, j) || month_at(s, j, &next) || word(s, j, "the")))
			return 0;
		i = j;
	}
	/* "the 22nd of June", and in British usage "the 22nd June" */
	if (word(s, i, "the") && day_at(s, i + 1) && (tok(s, i + 1)->flags & CL_TF_ORDINAL) &&
	    (word(s, i + 2, "of") || month_at(s, i + 2, &next))) {
		the = true;
		i++;
	}
	if ((d = day_at(s, i)) != 0) {
		j = i + 1;
		if (word(s, j, "of"))
			j++;
		/* "12 (25) October 1917": the New Style day in brackets */
		if (!the && (punct(s, j, '(') || punct(s, j, '[')) && day_at(s, j + 1) &&
		    (punct(s, j + 2, ')') || punct(s, j + 2, ']')) && month_at(s, j + 3, &next)) {
			gloss.day = day_at(s, j + 1);
			j += 3;
		}
		if (!(m = month_at(s, j, &next)))
			return 0;
		if (gloss.day)
			gloss.month = m;
		j = next;
	} else if ((m = month_at(s, i, &next)) != 0) {
		j = next;
		if (word(s, j, "the") && day_at(s, j + 1) && (tok(s, j + 1)->flags & CL_TF_ORDINAL))
			j++;
		if (!(d = day_at(s, j)))
			return 0;
		j++;
		/* "June 1941" has a year, not a day: a day needs no more than two digits */
	} else {
		return 0;
	}
	if (!gloss.day && (n = calendar_gloss_at(s, j, &gloss)) != 0)
		j += n;
	n = punct(s, j, ',') ? j + 1 : j;
	{
		size_t after = year_at(s, n, &y, false);
		if (after && (tok(s, n)->type == CL_TOK_NUMBER || apostrophe(s, n) || word(s, n, "ad"))) {
			have_year = true;
			j = after;
		}
	}
	if (!have_year && gloss.year && (y = year_from_gloss(&gloss, m, d)) != 0) {
		have_year = true;
		if (gloss.mark == CL_CAL_UNSPECIFIED)
			gloss.mark = CL_CAL_GREGORIAN; /* year_from_gloss checked it is the New Style date */
	}
	if (gloss.day && gloss.mark == CL_CAL_UNSPECIFIED) {
		/* an unmarked gloss is a New Style date only where it is one */
		int gy = y, gm = m, gd = d;
		if (!have_year || !valid_day(y, m, d))
			return 0;
		cl_julian_to_gregorian(&gy, &gm, &gd);
		if (gd != gloss.day || gm != gloss.month)
			return 0;
		gloss.mark = CL_CAL_GREGORIAN;
	}
	if (have_year) {
		if (!valid_day(y, m, d))
			return 0;
		tx = day_date(y, m, d);
		j = trailing_style(s, j, &tx);
		if (gloss.mark == CL_CAL_GREGORIAN)
			tx.calendar = CL_CAL_JULIAN; /* the main date is the Old Style one */
		else if (gloss.mark == CL_CAL_JULIAN)
			tx.calendar = CL_CAL_GREGORIAN;
		if (tx.calendar == CL_CAL_JULIAN)
			apply_julian(&tx);
	} else {
		/* a partial date: the year comes from the narrative */
		if (d > 29 && m == 2)
			return 0;
		tx = day_date(0, m, d);
		tx.is_relative = true;
		tx.date.precision = CL_PREC_DAY;
		tx.dur_unit = 'p'; /* partial: year missing */
		j = trailing_style(s, j, &tx);
		if (gloss.mark == CL_CAL_GREGORIAN)
			tx.calendar = CL_CAL_JULIAN; /* converted once the year is known */
		else if (gloss.mark == CL_CAL_JULIAN)
			tx.calendar = CL_CAL_GREGORIAN; /* as with a year: share_years must not convert it */
	}
	return emit(s, start, j, &tx, CL_CLAIM_DATE) ? 0 : j;
}

/* [early|mid|late] MONTH [,|of] YEAR */
static size_t match_month_year(scan *s, size_t i)
{
	size_t j, next, after;
	int m, y;
	cl_timex tx;
	size_t start = i;
	if (word(s, i, "early") || word(s, i, "late") || word(s, i, "mid"))
		i += dash(s, i + 1) ? 2 : 1;
	if (!(m = month_at(s, i, &next)))
		return 0;
	j = next;
	if (punct(s, j, ',') || word(s, j, "of"))
		j++;
	after = year_at(s, j, &y, false);
	if (!after || tok(s, j)->type != CL_TOK_NUMBER) {
		if (!(after && apostrophe(s, j)))
			return 0;
	}
	memset(&tx, 0, sizeof(tx));
	tx.date.year = y;
	tx.date.month = m;
	tx.date.precision = CL_PREC_MONTH;
	tx.moves_narrative = true;
	return emit(s, start, after, &tx, CL_CLAIM_DATE) ? 0 : after;
}

/* 1941-06-22, 22.6.1941, 22/6/1941, 6/22/1941 when unambiguous */
static size_t match_numeric(scan *s, size_t i)
{
	int a, b, c, y, m, d;
	uint32_t sep;
	cl_timex tx;
	if (!is_num(s, i) || !is_num(s, i + 2) || !is_num(s, i + 4))
		return 0;
	if (!cl_tok_adjacent(s->t, i + 1) || !cl_tok_adjacent(s->t, i + 2) || !cl_tok_adjacent(s->t, i + 3) ||
	    !cl_tok_adjacent(s->t, i + 4) || tok(s, i + 1)->type != CL_TOK_PUNCT ||
	    tok(s, i + 3)->cp != tok(s, i + 1)->cp)
		return 0;
	sep = tok(s, i + 1)->cp;
	if (sep != '-' && sep != '.' && sep != '/')
		return 0;
	a = tok(s, i)->num;
	b = tok(s, i + 2)->num;
	c = tok(s, i + 4)->num;
	if (tok(s, i)->digits == 4 && sep == '-' && tok(s, i + 2)->digits == 2 && tok(s, i + 4)->digits == 2) {
		y = a;
		m = b;
		d = c;
	} else if (tok(s, i + 4)->digits == 4 && tok(s, i)->digits <= 2 && tok(s, i + 2)->digits <= 2) {
		y = c;
		if (sep == '.' || sep == '-') {
			if (a <= 12 && b <= 12 && a != b)
				return 0; /* 6.7.1941 could be either */
			d = a;
			m = b;
		} else if (a > 12 && b <= 12) {
			d = a;
			m = b;
		} else if (b > 12 && a <= 12) {
			m = a;
			d = b;
		} else if (a == b) {
			d = m = a;
		} else {
			return 0;
		}
	} else {
		return 0;
	}
	if (y < 1000 || y > 2099 || !valid_day(y, m, d))
		return 0;
	if (is_num(s, i + 6) && cl_tok_adjacent(s->t, i + 5))
		return 0; /* part of a longer number: 1.2.1941.5 */
	tx = day_date(y, m, d);
	return emit(s, i, i + 5, &tx, CL_CLAIM_DATE) ? 0 : i + 5;
}

static int season_word(const scan *s, size_t i)
{
	if (word(s, i, "spring"))
		return 13;
	if (word(s, i, "summer"))
		return 14;
	if (word(s, i, "autumn") || word(s, i, "fall"))
		return 15;
	if (word(s, i, "winter"))
		return 16;
	return 0;
}

/* [the] [early|late] SEASON [of] YEAR, YEAR's? no; "that spring" is relative */
static size_t match_season(scan *s, size_t i)
{
	size_t start = i, j, after;
	int season, y;
	cl_timex tx;
	if (word(s, i, "that") && (season = season_word(s, i + 1)) != 0 && !word(s, i + 2, "of")) {
		memset(&tx, 0, sizeof(tx));
		tx.is_relative = true;
		tx.dur_unit = 's'; /* season of the reference year */
		tx.date.month = season;
		tx.date.precision = CL_PREC_SEASON;
		return emit(s, i, i + 2, &tx, CL_CLAIM_DATE) ? 0 : i + 2;
	}
	if (word(s, i, "the"))
		i++;
	if (word(s, i, "early") || word(s, i, "late"))
		i++;
	if (!(season = season_word(s, i)))
		return 0;
	j = i + 1;
	if (word(s, j, "of"))
		j++;
	else if (word(s, start, "the") && !word(s, j, "of"))
		return 0;
	after = year_at(s, j, &y, false);
	if (!after)
		return 0;
	memset(&tx, 0, sizeof(tx));
	tx.date.year = y;
	tx.date.month = season;
	tx.date.precision = CL_PREC_SEASON;
	tx.moves_narrative = true;
	return emit(s, start, after, &tx, CL_CLAIM_DATE) ? 0 : after;
}

static int decade_word(const scan *s, size_t i)
{
	static const char *const words[] = { "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
		"eighties", "nineties" };
	size_t k;
	for (k = 0; k < 8; k++)
		if (word(s, i, words[k]))
			return 20 + 10 * (int)k;
	return 0;
}

/* [the] [early|mid|late] 1950s / '50s / 50s / fifties; the 1800s is a century */
static size_t match_decade(scan *s, size_t i)
{
	size_t start = i, j;
	bool the = false;
	cl_timex tx;
	int v;
	if (word(s, i, "the")) {
		the = true;
		i++;
	} else if (i > 0 && (cl_tok_is(s->t, i - 1, "his") || cl_tok_is(s->t, i - 1, "her") ||
			     cl_tok_is(s->t, i - 1, "their") || cl_tok_is(s->t, i - 1, "my"))) {
		return 0; /* "in his late 80s" is an age */
	}
	if (word(s, i, "early") || word(s, i, "mid") || word(s, i, "late"))
		i += dash(s, i + 1) ? 2 : 1;
	memset(&tx, 0, sizeof(tx));
	j = i;
	if (apostrophe(s, j) && is_num(s, j + 1) && cl_tok_adjacent(s->t, j + 1))
		j++;
	if (is_num(s, j) && (tok(s, j)->flags & CL_TF_DECADE)) {
		v = tok(s, j)->num;
		if (tok(s, j)->digits == 4 && v >= 1000 && v <= 2090) {
			tx.date.year = v;
			tx.date.precision = v % 100 == 0 ? CL_PREC_CENTURY : CL_PREC_DECADE;
		} else if (tok(s, j)->digits == 2 && (the || j > i || start != i)) {
			tx.date.year = 1900 + v;
			tx.date.precision = CL_PREC_DECADE;
		} else {
			return 0;
		}
		j++;
	} else if (the && (v = decade_word(s, j)) != 0) {
		tx.date.year = 1900 + v;
		tx.date.precision = CL_PREC_DECADE;
		j++;
	} else {
		return 0;
	}
	return emit(s, start, j, &tx, CL_CLAIM_DATE) ? 0 : j;
}

/* [the] [early|late] 19th century [BC], the twentieth century, 19th-century */
static size_t match_century(scan *s, size_t i)
{
	size_t start = i, j;
	int n = -1;
	bool bc = false;
	cl_timex tx;
	if (word(s, i, "the"))
		i++;
	else if (i > 0 && (cl_tok_is(s->t, i - 1, "its") || cl_tok_is(s->t, i - 1, "his") ||
			   cl_tok_is(s->t, i - 1, "her") || cl_tok_is(s->t, i - 1, "their") ||
			   cl_tok_is(s->t, i - 1, "our") || cl_tok_is(s->t, i - 1, "my")))
		return 0; /* "in its first century": counted from a founding, not AD 1 */
	if (word(s, i, "early") || word(s, i, "mid") || word(s, i, "late"))
		i += dash(s, i + 1) ? 2 : 1;
	if (is_num(s, i) && (tok(s, i)->flags & CL_TF_ORDINAL) && tok(s, i)->digits <= 2)
		n = tok(s, i)->num;
	else if (in(s, i) && tok(s, i)->type == CL_TOK_WORD)
		n = cl_ordinal_word(text_of(s, i), tok(s, i)->len);
	if (n < 1 || n > 21)
		return 0;
	j = i + 1;
	if (dash(s, j) && cl_tok_adjacent(s->t, j))
		j++;
	if (!word(s, j, "century"))
		return 0;
	j++;
	{
		size_t e = era_at(s, j, &bc);
		if (!e && word(s, j, "of"))
			return 0; /* "the first century of the republic" */
		j += e;
	}
	memset(&tx, 0, sizeof(tx));
	/* the nineteenth century is 1800-1899 ("18"), so the first is 0-99 ("00");
	 * the first century BC is 100-1 BC */
	tx.date.year = bc ? 1 - n * 100 : (n - 1) * 100;
	tx.date.precision = CL_PREC_CENTURY;
	return emit(s, start, j, &tx, CL_CLAIM_DATE) ? 0 : j;
}

static char unit_at(const scan *s, size_t i, bool *plural)
{
	static const struct {
		const char *one, *many;
		char unit;
	} units[] = { { "year", "years", 'Y' }, { "month", "months", 'M' }, { "week", "weeks", 'W' },
		{ "day", "days", 'D' }, { "decade", "decades", 'E' }, { "century", "centuries", 'C' },
		{ "hour", "hours", 'H' } };
	size_t k;
	for (k = 0; k < sizeof(units) / sizeof(*units); k++) {
		if (word(s, i, units[k].one)) {
			*plural = false;
			return units[k].unit;
		}
		if (word(s, i, units[k].many)) {
			*plural = true;
			return units[k].unit;
		}
	}
	return 0;
}

/* An amount: 4, four, twenty-five, a, an, several, a few, a couple of */
static size_t amount_at(const scan *s, size_t i, int *amount)
{
	const cl_token *k;
	if (!in(s, i))
		return 0;
	k = tok(s, i);
	if (k->type == CL_TOK_NUMBER && !(k->flags & (CL_TF_ORDINAL | CL_TF_DECADE)) && k->num > 0 &&
	    k->num < 10000) {
		*amount = k->num;
		return i + 1;
	}
	if (k->type != CL_TOK_WORD)
		return 0;
	if (word(s, i, "several") || word(s, i, "many")) {
		*amount = -1;
		return i + 1;
	}
	if (word(s, i, "a") && word(s, i + 1, "few")) {
		*amount = -1;
		return i + 2;
	}
	if (word(s, i, "a") && word(s, i + 1, "couple") && word(s, i + 2, "of")) {
		*amount = 2;
		return i + 3;
	}
	if (word(s, i + 1, "-") || dash(s, i + 1)) {
		/* twenty-five: the tokenizer splits at the hyphen */
		int tens = cl_number_word(text_of(s, i), k->len);
		if (tens >= 20 && tens % 10 == 0 && in(s, i + 2) && tok(s, i + 2)->type == CL_TOK_WORD &&
		    cl_tok_adjacent(s->t, i + 1) && cl_tok_adjacent(s->t, i + 2)) {
			int units = cl_number_word(text_of(s, i + 2), tok(s, i + 2)->len);
			if (units >= 1 && units <= 9) {
				*amount = tens + units;
				return i + 3;
			}
		}
	}
	{
		int v = cl_number_word(text_of(s, i), k->len);
		if (v > 0) {
			*amount = v;
			return i + 1;
		}
	}
	return 0;
}

/* "four years", "a decade" (durations) and "two days later", "a year earlier",
 * "three weeks after ...", "five days before ..." (relative dates). */
static size_t match_duration(scan *s, size_t i)
{
	size_t j, k;
	int amount;
	bool plural;
	char unit;
	cl_timex tx;
	bool bare_a;
	if (!(j = amount_at(s, i, &amount)))
		return 0;
	bare_a = word(s, i, "a") || word(s, i, "an");
	if (word(s, j, "more") || word(s, j, "full") || word(s, j, "long") || word(s, j, "whole"))
		j++;
	if (!(unit = unit_at(s, j, &plural)))
		return 0;
	if (amount == 1 && plural && !bare_a)
		return 0;
	if (dash(s, j - 1) && cl_tok_adjacent(s->t, j))
		return 0; /* "76-year-old", "a five-year plan" */
	if (dash(s, j + 1) && cl_tok_adjacent(s->t, j + 1))
		return 0;
	k = j + 1;
	memset(&tx, 0, sizeof(tx));
	tx.dur_amount = amount;
	tx.dur_unit = unit;
	if (word(s, k, "later") || word(s, k, "afterwards") || word(s, k, "afterward") || word(s, k, "earlier") ||
	    (word(s, k, "before") && !word(s, k + 1, "that")) || word(s, k, "after")) {
		bool back = word(s, k, "earlier") || word(s, k, "before");
		if (amount < 0)
			return 0;
		tx.is_relative = true;
		tx.dur_amount = back ? -amount : amount;
		return emit(s, i, k + 1, &tx, CL_CLAIM_DATE) ? 0 : k + 1;
	}
	if (bare_a) {
		/* "a year" alone is a duration only after words that ask for one */
		static const char *const lead[] = { "for", "within", "over", "nearly", "almost", "about", "some",
			"than", "lasted", "took", "spent", "served", "only", "just", "barely", "once" };
		bool ok = unit == 'E' || unit == 'C';
		size_t q;
		for (q = 0; q < sizeof(lead) / sizeof(*lead) && !ok && i > 0; q++)
			ok = cl_tok_is(s->t, i - 1, lead[q]);
		if (!ok || word(s, k, "ago"))
			return 0;
	}
	if (word(s, k, "ago") || word(s, k, "old") || (word(s, k, "of") && word(s, k + 1, "age")) ||
	    (i > 0 && (cl_tok_is(s->t, i - 1, "aged") || cl_tok_is(s->t, i - 1, "age"))))
		return 0;
	return emit(s, i, k, &tx, CL_CLAIM_DURATION) ? 0 : k;
}

/* the following year, the next day, the previous month, that year, later that year,
 * the same day, the year before, the day after */
static size_t match_relative(scan *s, size_t i)
{
	size_t start = i, j;
	int delta;
	bool plural;
	char unit;
	cl_timex tx;
	memset(&tx, 0, sizeof(tx));
	tx.is_relative = true;
	if (word(s, i, "later") || word(s, i, "earlier")) {
		if (!word(s, i + 1, "that") && !word(s, i + 1, "in"))
			return 0;
		i++;
		if (word(s, i, "in") && word(s, i + 1, "the"))
			i += 2;
		else if (word(s, i, "in"))
			return 0;
		unit = unit_at(s, i + 1, &plural);
		if (!unit || plural || unit == 'C' || unit == 'E' || unit == 'H')
			return 0;
		tx.dur_amount = 0;
		tx.dur_unit = unit;
		return emit(s, start, i + 2, &tx, CL_CLAIM_DATE) ? 0 : i + 2;
	}
	if (word(s, i, "that")) {
		unit = unit_at(s, i + 1, &plural);
		if (!unit || plural || unit == 'C' || unit == 'E' || unit == 'H' || unit == 'W')
			return 0;
		if (word(s, i + 2, "of") || word(s, i + 2, "when"))
			return 0; /* "that day of reckoning" */
		tx.dur_unit = unit;
		return emit(s, i, i + 2, &tx, CL_CLAIM_DATE) ? 0 : i + 2;
	}
	if (!word(s, i, "the"))
		return 0;
	j = i + 1;
	if (word(s, j, "following") || word(s, j, "next") || word(s, j, "subsequent"))
		delta = 1;
	else if (word(s, j, "previous") || word(s, j, "preceding"))
		delta = -1;
	else if (word(s, j, "same"))
		delta = 0;
	else {
		/* the year before, the day after */
		unit = unit_at(s, j, &plural);
		if (!unit || plural || unit == 'C' || unit == 'H' || unit == 'E')
			return 0;
		if (!(word(s, j + 1, "before") || word(s, j + 1, "after")))
			return 0;
		if (in(s, j + 2) && (tok(s, j + 2)->type == CL_TOK_NUMBER || tok(s, j + 2)->type == CL_TOK_WORD) &&
		    !word(s, j + 2, "and") && !word(s, j + 2, "but") && !word(s, j + 2, "he") &&
		    !word(s, j + 2, "she") && !word(s, j + 2, "they"))
			return 0; /* "the day after the invasion": anchored to an event */
		tx.dur_amount = word(s, j + 1, "before") ? -1 : 1;
		tx.dur_unit = unit;
		return emit(s, start, j + 2, &tx, CL_CLAIM_DATE) ? 0 : j + 2;
	}
	j++;
	{
		int season = season_word(s, j);
		if (season && delta != 0) {
			tx.dur_unit = 's';
			tx.dur_amount = delta;
			tx.date.month = season;
			tx.date.precision = CL_PREC_SEASON;
			return emit(s, start, j + 1, &tx, CL_CLAIM_DATE) ? 0 : j + 1;
		}
	}
	if (word(s, j, "morning") || word(s, j, "evening") || word(s, j, "night") || word(s, j, "afternoon")) {
		if (delta == 0 && !word(s, j - 1, "same"))
			return 0;
		tx.dur_unit = 'D';
		tx.dur_amount = delta;
		return emit(s, start, j + 1, &tx, CL_CLAIM_DATE) ? 0 : j + 1;
	}
	unit = unit_at(s, j, &plural);
	if (!unit || plural || unit == 'H')
		return 0;
	tx.dur_unit = unit;
	tx.dur_amount = delta;
	/* "the next century" is a calendar century, the 2000s after 1941, not the
	 * year 2041 ("a century later" is); so too "the previous decade" */
	if (unit == 'C')
		tx.date.precision = CL_PREC_CENTURY;
	else if (unit == 'E')
		tx.date.precision = CL_PREC_DECADE;
	return emit(s, start, j + 1, &tx, CL_CLAIM_DATE) ? 0 : j + 1;
}

static bool unit_noun_follows(const scan *s, size_t i)
{
	const cl_token *k;
	if (i >= s->t->tokens.len)
		return false;
	k = &s->t->tokens.items[i];
	return k->type == CL_TOK_WORD && cl_is_unit_noun(text_of(s, i), k->len);
}

/* "by the 17th", "on the 27th": a day of the narrative month */
static size_t match_the_ordinal(scan *s, size_t i)
{
	cl_timex tx;
	const cl_token *next;
	if (!word(s, i, "the") || !is_num(s, i + 1) || !(tok(s, i + 1)->flags & CL_TF_ORDINAL) ||
	    tok(s, i + 1)->num < 1 || tok(s, i + 1)->num > 31)
		return 0;
	if (i == 0 || !(cl_tok_is(s->t, i - 1, "on") || cl_tok_is(s->t, i - 1, "by") || cl_tok_is(s->t, i - 1, "until") ||
			cl_tok_is(s->t, i - 1, "till") || cl_tok_is(s->t, i - 1, "from") || cl_tok_is(s->t, i - 1, "to") ||
			cl_tok_is(s->t, i - 1, "since") || cl_tok_is(s->t, i - 1, "before") ||
			cl_tok_is(s->t, i - 1, "after") || cl_tok_is(s->t, i - 1, "and")))
		return 0;
	if (unit_noun_follows(s, i + 2))
		return 0;
	if (i + 2 < s->end) {
		next = tok(s, i + 2);
		if (next->type == CL_TOK_WORD && !(next->flags & CL_TF_CAP) &&
		    !cl_is_function_word(text_of(s, i + 2), next->len))
			return 0; /* "the 17th century", "the 3rd battalion" */
	}
	memset(&tx, 0, sizeof(tx));
	tx.is_relative = true;
	tx.dur_unit = 'd'; /* partial: month and year missing */
	tx.date.day = tok(s, i + 1)->num;
	tx.date.precision = CL_PREC_DAY;
	return emit(s, i, i + 2, &tx, CL_CLAIM_DATE) ? 0 : i + 2;
}

/* "in June", "by March": a month of the narrative year */
static size_t match_bare_month(scan *s, size_t i)
{
	size_t next, start = i;
	int m;
	cl_timex tx;
	if (word(s, i, "early") || word(s, i, "late") || word(s, i, "mid"))
		i += dash(s, i + 1) ? 2 : 1;
	if (!(m = month_at(s, i, &next)) || next != i + 1)
		return 0;
	if (start == i) {
		if (i == 0 || !(cl_tok_is(s->t, i - 1, "in") || cl_tok_is(s->t, i - 1, "by") ||
				cl_tok_is(s->t, i - 1, "during") || cl_tok_is(s->t, i - 1, "until") ||
				cl_tok_is(s->t, i - 1, "since") || cl_tok_is(s->t, i - 1, "of") ||
				cl_tok_is(s->t, i - 1, "from") || cl_tok_is(s->t, i - 1, "through")))
			return 0;
	}
	memset(&tx, 0, sizeof(tx));
	tx.is_relative = true;
	tx.dur_unit = 'm'; /* partial: year missing */
	tx.date.month = m;
	tx.date.precision = CL_PREC_MONTH;
	return emit(s, start, next, &tx, CL_CLAIM_DATE) ? 0 : next;
}

/* 1985-91 and 1941–45: a year range whose end keeps only its last two digits */
static size_t match_short_range(scan *s, size_t i)
{
	int y1, y2;
	size_t a = year_at(s, i, &y1, true);
	cl_timex tx;
	if (!a || a != i + 1 || !dash(s, a) || !is_num(s, a + 1) || tok(s, a + 1)->digits != 2 ||
	    !cl_tok_adjacent(s->t, a) || !cl_tok_adjacent(s->t, a + 1) ||
	    (tok(s, a + 1)->flags & (CL_TF_ORDINAL | CL_TF_DECADE)))
		return 0;
	y2 = y1 / 100 * 100 + tok(s, a + 1)->num;
	if (y2 <= y1)
		return 0;
	memset(&tx, 0, sizeof(tx));
	tx.date.year = y1;
	tx.date.precision = CL_PREC_YEAR;
	tx.is_range = true;
	tx.range_begin = tx.date;
	tx.date_end.year = y2;
	tx.date_end.precision = CL_PREC_YEAR;
	if (emit(s, i, a, &tx, CL_CLAIM_DATE))
		return 0;
	tx.date = tx.date_end;
	return emit(s, a + 1, a + 2, &tx, CL_CLAIM_DATE) ? 0 : a + 2;
}

/* 22–24 June 1941 and June–August 1941: two claims sharing the later parts */
static size_t match_compact_range(scan *s, size_t i)
{
	int d1, d2, m1, m2, y;
	size_t next, after;
	cl_timex a, b;
	if ((d1 = day_at(s, i)) != 0 && dash(s, i + 1) && (d2 = day_at(s, i + 2)) != 0 && d2 > d1 &&
	    (m1 = month_at(s, i + 3, &next)) != 0) {
		size_t yi = punct(s, next, ',') ? next + 1 : next;
		if (!(after = year_at(s, yi, &y, false)) || !valid_day(y, m1, d2))
			return 0;
		a = day_date(y, m1, d1);
		b = day_date(y, m1, d2);
		a.is_range = b.is_range = true;
		a.date_end = b.date_end = b.date;
		a.range_begin = b.range_begin = a.date;
		b.moves_narrative = false; /* the narrative is at the start */
		if (emit(s, i, i + 1, &a, CL_CLAIM_DATE))
			return 0;
		return emit(s, i + 2, after, &b, CL_CLAIM_DATE) ? 0 : after;
	}
	if ((m1 = month_at(s, i, &next)) != 0 && next == i + 1 && dash(s, i + 1) &&
	    (m2 = month_at(s, i + 2, &next)) != 0 && m2 > m1 && (after = year_at(s, next, &y, false)) != 0) {
		memset(&a, 0, sizeof(a));
		a.date.year = y;
		a.date.month = m1;
		a.date.precision = CL_PREC_MONTH;
		a.is_range = true;
		a.range_begin = a.date;
		a.date_end = a.date;
		a.date_end.month = m2;
		b = a;
		b.date = b.date_end;
		if (emit(s, i, i + 1, &a, CL_CLAIM_DATE))
			return 0;
		return emit(s, i + 2, after, &b, CL_CLAIM_DATE) ? 0 : after;
	}
	return 0;
}

/* "3 and 12 May 1916", "5 or 6 July": the first day takes the month and year
 * that follow it; the rest is matched on its own. */
static size_t match_day_list(scan *s, size_t i)
{
	int d1, d2, m, y = 0;
	size_t next, after = 0;
	cl_timex tx;
	if (!(d1 = day_at(s, i)) || !(word(s, i + 1, "and") || word(s, i + 1, "or") || word(s, i + 1, "to") ||
				      dash(s, i + 1)) ||
	    !(d2 = day_at(s, i + 2)) || !(m = month_at(s, i + 3, &next)))
		return 0;
	after = year_at(s, punct(s, next, ',') ? next + 1 : next, &y, false);
	if (after && !valid_day(y, m, d1))
		return 0;
	tx = day_date(after ? y : 0, m, d1);
	if (!after) {
		tx.is_relative = true;
		tx.dur_unit = 'p';
	}
	(void)d2;
	return emit(s, i, i + 1, &tx, CL_CLAIM_DATE) ? 0 : i + 1;
}

/* [early|mid|late] [in the year] YEAR */
static size_t match_year(scan *s, size_t i)
{
	size_t start = i, after;
	int y;
	cl_timex tx;
	if (word(s, i, "early") || word(s, i, "late") || word(s, i, "mid")) {
		size_t j = i + (dash(s, i + 1) ? 2 : 1);
		if (!year_at(s, j, &y, true))
			return 0;
		i = j;
	}
	if (!(after = year_at(s, i, &y, true)))
		return 0;
	memset(&tx, 0, sizeof(tx));
	tx.date.year = y;
	tx.date.precision = CL_PREC_YEAR;
	tx.moves_narrative = true;
	return emit(s, start, after, &tx, CL_CLAIM_DATE) ? 0 : after;
}

typedef size_t (*matcher)(scan *s, size_t i);

static const matcher matchers[] = { match_numeric, match_compact_range, match_day_list, match_day_month,
	match_month_year,
	match_season, match_century, match_decade, match_short_range, match_relative, match_duration,
	match_the_ordinal, match_bare_month, match_year };

/* Joins neighbouring dates into ranges: "from 1941 to 1945", "between 1936 and
 * 1938", "1888–1938", "22 June 1941 – 9 May 1945". */
static bool connector(const cl_tokens *t, size_t i)
{
	return cl_tok_dash(t, i) || cl_tok_is(t, i, "to") || cl_tok_is(t, i, "until") || cl_tok_is(t, i, "till") ||
	       cl_tok_is(t, i, "through") || cl_tok_is(t, i, "and") || cl_tok_is(t, i, "or");
}

/* "26 May to 4 June 1940": a day and month without a year, joined to a full
 * date, shares its year (the one before it when the month is later). */
static void share_years(cl_doc *doc, size_t first_claim)
{
	size_t k;
	cl_date written;
	for (k = doc->claims.len; k-- > first_claim + 1;) {
		cl_xclaim *a = &doc->claims.items[k - 1], *b = &doc->claims.items[k];
		if (a->kind != CL_CLAIM_DATE || b->kind != CL_CLAIM_DATE || a->timex.dur_unit != 'p' ||
		    !a->timex.is_relative || b->timex.is_relative || b->timex.date.precision != CL_PREC_DAY ||
		    b->tok_begin != a->tok_end + 1 || !connector(&doc->tokens, a->tok_end))
			continue;
		/* the year as written: an Old Style date was converted already */
		written = b->timex.date;
		if (b->timex.calendar == CL_CAL_JULIAN)
			cl_gregorian_to_julian(&written.year, &written.month, &written.day);
		a->timex.date.year = written.year - (a->timex.date.month > written.month);
		if (a->timex.date.day > cl_days_in_month(a->timex.date.year, a->timex.date.month))
			continue;
		a->timex.is_relative = false;
		a->timex.dur_unit = 0;
		a->timex.moves_narrative = true;
		/* "from 25 October to 7 November 1917 (O.S.)": the mark is the whole range's */
		if (b->timex.calendar == CL_CAL_JULIAN && a->timex.calendar == CL_CAL_UNSPECIFIED)
			a->timex.calendar = CL_CAL_JULIAN;
		if (a->timex.calendar == CL_CAL_JULIAN)
			apply_julian(&a->timex);
	}
}

static void link_ranges(cl_doc *doc, size_t first_claim)
{
	size_t k;
	const cl_tokens *t = &doc->tokens;
	share_years(doc, first_claim);
	for (k = first_claim; k + 1 < doc->claims.len; k++) {
		cl_xclaim *a = &doc->claims.items[k], *b = &doc->claims.items[k + 1];
		size_t gap = b->tok_begin - a->tok_end;
		bool linked = false;
		if (a->kind != CL_CLAIM_DATE || b->kind != CL_CLAIM_DATE || a->timex.is_range || b->timex.is_range ||
		    a->timex.is_relative || b->timex.is_relative || a->sentence != b->sentence)
			continue;
		if (gap == 1 && cl_tok_dash(t, a->tok_end))
			linked = true;
		else if (gap == 1 && (cl_tok_is(t, a->tok_end, "to") || cl_tok_is(t, a->tok_end, "until") ||
				      cl_tok_is(t, a->tok_end, "till") || cl_tok_is(t, a->tok_end, "through")) &&
			 a->tok_begin > 0 && cl_tok_is(t, a->tok_begin - 1, "from"))
			linked = true;
		else if (gap == 1 && cl_tok_is(t, a->tok_end, "and") && a->tok_begin > 0 &&
			 cl_tok_is(t, a->tok_begin - 1, "between"))
			linked = true;
		if (!linked)
			continue;
		if (cl_date_span(&b->timex.date).last < cl_date_span(&a->timex.date).first)
			continue;
		a->timex.is_range = b->timex.is_range = true;
		a->timex.range_begin = b->timex.range_begin = a->timex.date;
		a->timex.date_end = b->timex.date_end = b->timex.date;
		/* "from 4 to 11 February 1945": a meeting of days places the narrative at
		 * its start; a longer span places it nowhere */
		a->timex.moves_narrative = a->timex.moves_narrative && b->timex.date.precision == CL_PREC_DAY &&
					   cl_date_span(&b->timex.date).last - cl_date_span(&a->timex.date).first <= 31;
		b->timex.moves_narrative = false;
		k++;
	}
}

int cl_extract_timex(cl_doc *doc)
{
	size_t si;
	for (si = 0; si < doc->tokens.sentences.len; si++) {
		scan s = { doc, &doc->tokens, doc->tokens.sentences.items[si].begin,
			   doc->tokens.sentences.items[si].end };
		size_t i = s.begin, first_claim = doc->claims.len;
		while (i < s.end) {
			size_t m, next = 0;
			const cl_token *k = &doc->tokens.tokens.items[i];
			if (doc->tok_used[i] || (k->type == CL_TOK_WORD &&
						 !cl_is_timex_trigger(doc->text.prose + k->off, k->len)) ||
			    (k->type == CL_TOK_PUNCT && k->cp != '\'' && k->cp != 0x2019 && k->cp != 0x2018)) {
				i++;
				continue;
			}
			for (m = 0; m < sizeof(matchers) / sizeof(*matchers) && !next; m++)
				next = matchers[m](&s, i);
			i = next ? next : i + 1;
		}
		link_ranges(doc, first_claim);
	}
	return CL_OK;
}
