/* narrative.c - the narrative reference date, and relative and partial dates
 * resolved against it (DESIGN.md §1 "Narrative time").
 *
 * The reference date is the last explicit date the narrative moved to, else
 * the document's setting. Dates that are not narrative time do not move it:
 * ranges, decades and centuries, dates in parentheses, birth and death dates. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static bool inside_parentheses(const cl_doc *doc, const cl_xclaim *c)
{
	const cl_tokens *t = &doc->tokens;
	size_t b = t->sentences.items[c->sentence].begin, i;
	int depth = 0;
	for (i = c->tok_begin; i > b; i--) {
		if (cl_tok_punct(t, i - 1, ')') || cl_tok_punct(t, i - 1, ']'))
			depth--;
		else if (cl_tok_punct(t, i - 1, '(') || cl_tok_punct(t, i - 1, '['))
			if (++depth > 0)
				return true;
	}
	return false;
}

/* A birth, death or other life date: "born in 1888", "died on 5 March 1953";
 * or a date that belongs to something else: "published in 1962", "which had
 * begun in 1939". */
static bool life_date(const cl_doc *doc, const cl_xclaim *c)
{
	static const char *const words[] = { "born", "died", "death", "birth", "dead", "executed", "b", "d",
		"assassinated", "since", "published", "publ", "copyright", "had", "founded", "established" };
	const cl_tokens *t = &doc->tokens;
	size_t b = t->sentences.items[c->sentence].begin, i, k;
	for (i = c->tok_begin; i > b && c->tok_begin - i < 4; i--) {
		for (k = 0; k < sizeof(words) / sizeof(*words); k++)
			if (cl_tok_is(t, i - 1, words[k]))
				return true;
		if (cl_tok_punct(t, i - 1, ',') || cl_tok_punct(t, i - 1, ';'))
			break;
	}
	return false;
}

static long distance(const cl_date *a, const cl_date *ref)
{
	cl_span sa = cl_date_span(a), sr = cl_date_span(ref);
	long d = sa.first - sr.first;
	return d < 0 ? -d * 2 + 1 : d * 2; /* a tie goes forward */
}

static bool coarser_than(cl_precision p, cl_precision than)
{
	/* the order of the enum is finest first, but a season sits between month and year */
	return p > than;
}

/* Fills the missing parts of a partial date from the reference date: the
 * candidate nearest to the reference date wins. */
static bool resolve_partial(cl_timex *tx, const cl_date *ref)
{
	cl_date best = tx->date, cand;
	long best_d = -1;
	int k;
	if (tx->dur_unit == 'p' || tx->dur_unit == 'm') {
		if (ref->precision == CL_PREC_NONE || coarser_than(ref->precision, CL_PREC_YEAR))
			return false;
		for (k = -1; k <= 1; k++) {
			cand = tx->date;
			cand.year = ref->year + k;
			if (cand.precision == CL_PREC_DAY && cand.day > cl_days_in_month(cand.year, cand.month))
				continue;
			if (best_d < 0 || distance(&cand, ref) < best_d) {
				best = cand;
				best_d = distance(&cand, ref);
			}
		}
	} else { /* 'd': a day of the reference month */
		if (ref->precision != CL_PREC_DAY && ref->precision != CL_PREC_MONTH)
			return false;
		for (k = -1; k <= 1; k++) {
			cl_date month = *ref;
			month.precision = CL_PREC_MONTH;
			month = cl_date_add(&month, k, 'M');
			cand = tx->date;
			cand.year = month.year;
			cand.month = month.month;
			if (cand.day > cl_days_in_month(cand.year, cand.month))
				continue;
			if (best_d < 0 || distance(&cand, ref) < best_d) {
				best = cand;
				best_d = distance(&cand, ref);
			}
		}
	}
	if (best_d < 0)
		return false;
	tx->date = best;
	if (tx->calendar == CL_CAL_JULIAN && tx->date.precision == CL_PREC_DAY)
		cl_julian_to_gregorian(&tx->date.year, &tx->date.month, &tx->date.day);
	return true;
}

/* "the war of 1812", "more than 1941", "the 1936 constitution", "Stalin's 1924
 * speech": a year that names something rather than placing the narrative. */
static bool year_names_something(const cl_doc *doc, const cl_xclaim *c)
{
	static const char *const words[] = { "of", "than", "the", "a", "an", "his", "her", "their", "its", "our",
		"my", "your", "this", "that" };
	size_t k;
	bool opens;
	if (c->timex.date.precision != CL_PREC_YEAR || c->tok_begin == 0 ||
	    c->tok_begin == doc->tokens.sentences.items[c->sentence].begin)
		return false;
	/* "The 1942 harvest failed": opening the sentence, it still sets the time */
	opens = c->tok_begin - 1 == doc->tokens.sentences.items[c->sentence].begin;
	for (k = 0; k < sizeof(words) / sizeof(*words); k++)
		if (cl_tok_is(&doc->tokens, c->tok_begin - 1, words[k]))
			return k < 2 || !opens;
	return (doc->tokens.tokens.items[c->tok_begin - 1].flags & CL_TF_POSSESSIVE) != 0;
}

/* A scene header or a dated entry: the date alone on its line, perhaps after
 * Markdown marks or a place ("## 14 April 1956", "**March 1941**", "Moscow,
 * 5 March 1953"), or opening a line and followed by a colon ("12 October 1962:"). */
static bool scene_header(const cl_doc *doc, const cl_xclaim *c)
{
	const cl_tokens *t = &doc->tokens;
	size_t i = c->tok_begin, words = 0;
	while (i > 0 && !(t->tokens.items[i].flags & CL_TF_LINESTART)) {
		const cl_token *p = &t->tokens.items[--i];
		if (p->type == CL_TOK_WORD && (p->flags & CL_TF_CAP) && ++words <= 4)
			continue;
		if (p->type == CL_TOK_PUNCT && (p->cp == '#' || p->cp == '*' || p->cp == '_' || p->cp == ',' ||
						p->cp == '['))
			continue;
		return false;
	}
	if (i == 0 && !(t->tokens.items[0].flags & CL_TF_LINESTART) && c->tok_begin != 0)
		return false;
	i = c->tok_end;
	if (i >= t->tokens.len || (t->tokens.items[i].flags & CL_TF_NEWLINE))
		return true;
	if (cl_tok_punct(t, i, ':'))
		return true;
	if (cl_tok_punct(t, i, '.'))
		i++;
	/* "*Afterword, Volgograd, October 1967.* On the 15th ...": an emphasised dateline */
	if (cl_tok_punct(t, i, '*') || cl_tok_punct(t, i, '_'))
		return true;
	while (i < t->tokens.len && (cl_tok_punct(t, i, ']') || cl_tok_punct(t, i, '.')))
		i++;
	return i >= t->tokens.len || (t->tokens.items[i].flags & CL_TF_NEWLINE);
}

static cl_precision unit_precision(char unit)
{
	switch (unit) {
	case 'D':
	case 'W':
		return CL_PREC_DAY;
	case 'M':
		return CL_PREC_MONTH;
	default:
		return CL_PREC_YEAR;
	}
}

static bool resolve_relative(cl_timex *tx, const cl_date *ref)
{
	cl_date r;
	cl_precision want;
	if (ref->precision == CL_PREC_NONE || coarser_than(ref->precision, CL_PREC_YEAR))
		return false;
	if (tx->dur_unit == 'p' || tx->dur_unit == 'm' || tx->dur_unit == 'd')
		return resolve_partial(tx, ref);
	if (tx->dur_unit == 's') {
		int month = tx->date.month;
		tx->date.year = ref->year + tx->dur_amount;
		tx->date.month = month;
		tx->date.day = 0;
		tx->date.precision = CL_PREC_SEASON;
		return true;
	}
	r = cl_date_add(ref, tx->dur_amount, tx->dur_unit);
	want = unit_precision(tx->dur_unit);
	if (r.precision == CL_PREC_SEASON)
		r.precision = CL_PREC_YEAR;
	if (coarser_than(want, r.precision)) {
		/* a coarser unit than the reference: "the following year" is a year */
		if (want == CL_PREC_YEAR) {
			r.month = r.day = 0;
		} else if (want == CL_PREC_MONTH) {
			r.day = 0;
		}
		r.precision = want;
	}
	tx->date = r;
	return true;
}

static const char *const reason_names[] = { "", "setting", "explicit", "header", "relative", "carried" };

const char *cl_narrative_reason_name(cl_narrative_reason reason)
{
	return reason_names[reason];
}

int cl_resolve_narrative(cl_doc *doc)
{
	cl_date ref = doc->opts->setting;
	cl_narrative_reason why = ref.precision != CL_PREC_NONE ? CL_REF_SETTING : CL_REF_NONE;
	char buf[32];
	size_t k;
	for (k = 0; k < doc->claims.len; k++) {
		cl_xclaim *c = &doc->claims.items[k];
		if (c->kind == CL_CLAIM_DATE) {
			cl_timex *tx = &c->timex;
			if (tx->is_relative) {
				tx->anchor = ref;
				if (resolve_relative(tx, &ref)) {
					tx->moves_narrative = true;
				} else {
					tx->unresolved = true;
					tx->moves_narrative = false;
				}
			}
			if (tx->moves_narrative && !tx->is_relative &&
			    (inside_parentheses(doc, c) || life_date(doc, c) || year_names_something(doc, c)))
				tx->moves_narrative = false;
			if (tx->moves_narrative && !tx->is_relative && doc->opts->kind == CL_KIND_FORUM &&
			    scene_header(doc, c)) {
				/* a post's own date ("Posted 3 March 2014") is not the time of
				 * the history it discusses: each post starts afresh */
				tx->moves_narrative = false;
				ref = doc->opts->setting;
				why = ref.precision != CL_PREC_NONE ? CL_REF_SETTING : CL_REF_NONE;
				c->header = true;
			}
			if (tx->moves_narrative && tx->date.precision != CL_PREC_NONE &&
			    !coarser_than(tx->date.precision, CL_PREC_YEAR)) {
				ref = tx->date;
				why = tx->is_relative ? CL_REF_RELATIVE :
				      scene_header(doc, c) ? CL_REF_HEADER : CL_REF_EXPLICIT;
				c->header = why == CL_REF_HEADER;
			}
		}
		if (ref.precision != CL_PREC_NONE) {
			cl_date_format(buf, sizeof(buf), &ref);
			c->narrative = cl_arena_strndup(&doc->arena, buf, strlen(buf));
			c->narrative_reason = why;
		}
	}
	return CL_OK;
}

void cl_sentence_refs(cl_doc *doc)
{
	size_t k = 0, s;
	cl_date ref = doc->opts->setting;
	cl_narrative_reason why = ref.precision != CL_PREC_NONE ? CL_REF_SETTING : CL_REF_NONE;
	bool near = true, header = false;
	bool story = doc->opts->kind == CL_KIND_MANUSCRIPT;
	for (s = 0; s < doc->tokens.sentences.len; s++) {
		const cl_token *first = &doc->tokens.tokens.items[doc->tokens.sentences.items[s].begin];
		/* an essay's date holds for its paragraph; a scene's until the next date */
		if ((first->flags & CL_TF_PARAGRAPH) && ref.precision != CL_PREC_NONE && !header && !story)
			near = why == CL_REF_SETTING;
		doc->sentence_ref[s] = ref;
		doc->sentence_ref_near[s] = near;
		for (; k < doc->sorted_claims && doc->claims.items[k].sentence == s; k++) {
			const cl_xclaim *c = &doc->claims.items[k];
			if (c->kind == CL_CLAIM_DATE && c->timex.moves_narrative && !c->timex.unresolved &&
			    c->timex.date.precision != CL_PREC_NONE && c->timex.date.precision <= CL_PREC_YEAR) {
				ref = c->timex.date;
				why = c->narrative_reason;
				header = c->header;
				near = true;
			}
			else if (c->kind == CL_CLAIM_DATE && c->header && doc->opts->kind == CL_KIND_FORUM) {
				ref = doc->opts->setting;
				why = ref.precision != CL_PREC_NONE ? CL_REF_SETTING : CL_REF_NONE;
				header = false;
				near = true;
			}
		}
	}
}
