/* check_event.c - event-date: a known event given a date that contradicts the
 * database ("Operation Barbarossa began on 22 June 1942"). The date must be
 * the event's own: after a verb of the event ("began on", "was signed in"),
 * in apposition ("the Munich Agreement (30 September 1938)"), or opening the
 * clause whose subject the event is ("On 22 June 1941 Operation Barbarossa
 * began"). Dates are compared at the precision the text gives, in both
 * calendars when the text does not say which. */
#include <string.h>
#include "internal.h"

typedef enum { PART_WHOLE, PART_START, PART_END } event_part;

static const cl_token *tk(const cl_doc *doc, size_t i)
{
	return &doc->tokens.tokens.items[i];
}

static bool any_of(const cl_doc *doc, size_t i, const char *const *words, size_t n)
{
	size_t k;
	for (k = 0; k < n; k++)
		if (cl_tok_is(&doc->tokens, i, words[k]))
			return true;
	return false;
}

#define ANY(doc, i, list) any_of(doc, i, list, sizeof(list) / sizeof(*list))

static const char *const start_verbs[] = { "began", "begins", "begun", "started", "starts", "opened",
	"commenced", "launched", "broke" };
static const char *const end_verbs[] = { "ended", "ends", "finished", "concluded", "closed" };
static const char *const whole_verbs[] = { "took", "occurred", "happened", "was", "were", "fought", "held",
	"signed", "convened", "met", "came", "struck", "erupted" };
static const char *const fillers[] = { "was", "were", "had", "out", "place", "on", "in", "at", "the", "of",
	"finally", "officially", "formally", "been" };

/* The part of the event a verb at token i names, or -1 when it is no event verb. */
static int verb_part(const cl_doc *doc, size_t i)
{
	if (ANY(doc, i, start_verbs))
		return PART_START;
	if (ANY(doc, i, end_verbs))
		return PART_END;
	if (ANY(doc, i, whole_verbs))
		return PART_WHOLE;
	return -1;
}

/* The date claim that starts at token i, or NULL. */
static const cl_xclaim *date_at(const cl_doc *doc, size_t i)
{
	size_t k = cl_claims_from_token(doc, i);
	for (; k < doc->sorted_claims && doc->claims.items[k].tok_begin == i; k++)
		if (doc->claims.items[k].kind == CL_CLAIM_DATE && !doc->claims.items[k].timex.unresolved &&
		    doc->claims.items[k].timex.date.precision != CL_PREC_NONE &&
		    doc->claims.items[k].timex.date.precision <= CL_PREC_YEAR)
			return &doc->claims.items[k];
	return NULL;
}

/* "EVENT began on DATE", "EVENT was signed in DATE", "EVENT (DATE)", "EVENT of DATE". */
static const cl_xclaim *date_after(const cl_doc *doc, const cl_xclaim *ev, event_part *part)
{
	size_t i = ev->tok_end, n = doc->tokens.tokens.len, steps;
	int p = -1;
	const cl_xclaim *d;
	if (cl_tok_punct(&doc->tokens, i, '(') && (d = date_at(doc, i + 1)) != NULL) {
		*part = PART_WHOLE;
		return d;
	}
	/* "the Munich Agreement of 30 September 1938"; "attacked the Munich
	 * Agreement on 5 October 1938" dates the attack, not the agreement */
	if (cl_tok_is(&doc->tokens, i, "of") && (d = date_at(doc, i + 1))) {
		*part = PART_WHOLE;
		return d;
	}
	for (steps = 0; i < n && steps < 6; i++, steps++) {
		const cl_token *t = tk(doc, i);
		if (t->sentence != tk(doc, ev->tok_begin)->sentence || t->type == CL_TOK_PUNCT)
			return NULL;
		if ((d = date_at(doc, i)) != NULL) {
			if (p < 0)
				return NULL;
			*part = (event_part)p;
			return d;
		}
		/* "was signed", "had been launched": the auxiliary is no verb of its own */
		if (p < 0 && (cl_tok_is(&doc->tokens, i, "was") || cl_tok_is(&doc->tokens, i, "were") ||
			      cl_tok_is(&doc->tokens, i, "had") || cl_tok_is(&doc->tokens, i, "been")) &&
		    i + 1 < n && verb_part(doc, i + 1) >= 0 && !cl_tok_is(&doc->tokens, i + 1, "was"))
			continue;
		if (p < 0 && verb_part(doc, i) >= 0) {
			p = verb_part(doc, i);
			continue;
		}
		if (p >= 0 && ANY(doc, i, fillers))
			continue;
		return NULL;
	}
	return NULL;
}

/* "On 22 June 1941 Operation Barbarossa began": a date opening the clause
 * whose subject the event is, and an event verb right after the event. */
static const cl_xclaim *date_before(const cl_doc *doc, const cl_xclaim *ev, event_part *part)
{
	size_t b, e, i = ev->tok_end, k;
	int p;
	cl_sentence_bounds(doc, ev->tok_begin, &b, &e);
	while (i < e && (cl_tok_is(&doc->tokens, i, "was") || cl_tok_is(&doc->tokens, i, "were") ||
			 cl_tok_is(&doc->tokens, i, "had")))
		i++;
	if (i >= e || (p = verb_part(doc, i)) < 0 || p == PART_WHOLE)
		return NULL;
	/* the tokens before the event: [On|In] DATE [,] [the] */
	for (k = cl_claims_from_token(doc, b); k < doc->sorted_claims && doc->claims.items[k].tok_begin < ev->tok_begin; k++) {
		const cl_xclaim *d = &doc->claims.items[k];
		size_t j = d->tok_end;
		if (d->kind != CL_CLAIM_DATE || !date_at(doc, d->tok_begin))
			continue;
		if (d->tok_begin != b && !(d->tok_begin == b + 1 && (cl_tok_is(&doc->tokens, b, "on") ||
								   cl_tok_is(&doc->tokens, b, "in"))))
			continue;
		if (cl_tok_punct(&doc->tokens, j, ','))
			j++;
		if (cl_tok_is(&doc->tokens, j, "the"))
			j++;
		if (j == ev->tok_begin) {
			*part = (event_part)p;
			return d;
		}
	}
	return NULL;
}

static bool overlaps(const cl_span *a, const cl_span *b)
{
	return a->first <= b->last && b->first <= a->last;
}

/* Does the text's span fit a fact date (its main date, Old Style form or an alternative)? */
static bool fits_date(const cl_span *text, const cl_fact_date *f, bool julian_too, const cl_date *text_date)
{
	cl_span s = cl_date_span(&f->date);
	int k;
	if (overlaps(text, &s))
		return true;
	if (julian_too && f->os.precision != CL_PREC_NONE && text_date->precision == CL_PREC_DAY) {
		/* the text may give the Old Style day without saying so */
		cl_date os = f->os;
		cl_span o = cl_date_span(&os);
		if (overlaps(text, &o))
			return true;
	}
	for (k = 0; k < f->alt_count; k++) {
		cl_span a = cl_date_span(&f->alt[k].date);
		if (overlaps(text, &a))
			return true;
	}
	return false;
}

static const char *part_word(event_part part, const cl_event *e)
{
	if (e->one_day || part == PART_WHOLE)
		return "took place";
	return part == PART_START ? "began" : "ended";
}

int cl_check_event(cl_doc *doc, size_t index)
{
	const cl_xclaim *c = &doc->claims.items[index];
	const cl_event *e = cl_db_fact(doc->db, CL_KIND_EVENT, (size_t)c->fact);
	event_part part = PART_WHOLE;
	const cl_xclaim *d = date_after(doc, c, &part);
	const cl_fact_date *want;
	cl_span text, whole;
	bool ok, julian = true;
	char msg[512];
	const char *expected, *fix = NULL;
	if (!d)
		d = date_before(doc, c, &part);
	if (!d || e->start.date.precision == CL_PREC_NONE)
		return CL_OK;
	/* a treaty "ended in gunfire": a one-day event's end is some other event */
	if (part == PART_END && (e->one_day || e->end.date.precision == CL_PREC_NONE))
		return CL_OK;
	if (cl_counterfactual(doc, c->tok_begin))
		return CL_OK;
	text = cl_date_span(d->timex.is_range && part != PART_END ? &d->timex.range_begin :
			    d->timex.is_range ? &d->timex.date_end : &d->timex.date);
	if (d->timex.is_range && part == PART_WHOLE) {
		cl_span a = cl_date_span(&d->timex.range_begin), z = cl_date_span(&d->timex.date_end);
		text.first = a.first;
		text.last = z.last;
	}
	julian = d->timex.calendar == CL_CAL_UNSPECIFIED;
	want = part == PART_END && !e->one_day && e->end.date.precision != CL_PREC_NONE ? &e->end : &e->start;
	if (part == PART_WHOLE && !e->one_day && e->end.date.precision != CL_PREC_NONE) {
		cl_span a = cl_date_span(&e->start.date), z = cl_date_span(&e->end.date);
		whole.first = a.first;
		whole.last = z.last;
		ok = overlaps(&text, &whole) || fits_date(&text, &e->start, julian, &d->timex.date) ||
		     fits_date(&text, &e->end, julian, &d->timex.date);
	} else {
		ok = fits_date(&text, want, julian, &d->timex.date);
	}
	if (ok)
		return CL_OK;
	if (part == PART_WHOLE && !e->one_day && e->end.date.precision != CL_PREC_NONE)
		expected = cl_arena_printf(&doc->arena, "%s to %s", cl_date_human(&doc->arena, &e->start.date),
					   cl_date_human(&doc->arena, &e->end.date));
	else
		expected = cl_date_human(&doc->arena, &want->date);
	{
		/* a fix only where the text's date reads as we would write it */
		const char *as_written = cl_arena_strndup(&doc->arena, doc->text.orig + d->offset, d->length);
		if (!d->timex.is_range && strcmp(as_written, cl_date_human(&doc->arena, &d->timex.date)) == 0 &&
		    (part != PART_WHOLE || e->one_day) && want->date.precision <= d->timex.date.precision) {
			cl_date shown = want->date;
			shown.precision = d->timex.date.precision;
			if (shown.precision >= CL_PREC_MONTH)
				shown.day = 0;
			if (shown.precision >= CL_PREC_YEAR)
				shown.month = 0;
			fix = cl_date_human(&doc->arena, &shown);
		}
	}
	snprintf(msg, sizeof(msg), "%s %s %s, not %s", e->head.name, part_word(part, e),
		 part == PART_WHOLE && !e->one_day && e->end.date.precision != CL_PREC_NONE ?
			 cl_arena_printf(&doc->arena, "from %s", expected) :
			 cl_date_with_preposition(&doc->arena, &want->date),
		 cl_arena_strndup(&doc->arena, doc->text.orig + d->offset, d->length));
	{
		cl_span real = cl_date_span(&want->date);
		bool divergent = cl_after_pod(doc, &text, &real);
		return cl_finding_add(doc, divergent ? "divergence" : "event-date", divergent ? CL_SEV_INFO : CL_SEV_ERROR,
				      d->offset, d->length, msg,
				      cl_arena_strndup(&doc->arena, doc->text.orig + d->offset, d->length), expected,
				      cl_fact_evidence(doc, e->head.id, e->head.qid, e->head.file, e->head.line), fix);
	}
}
