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

static bool date_after_word(const cl_doc *doc, const cl_xclaim *c, const char *const *words, size_t count)
{
	const cl_tokens *t = &doc->tokens;
	size_t b = t->sentences.items[c->sentence].begin, i, k;
	for (i = c->tok_begin; i > b && c->tok_begin - i < 4; i--) {
		for (k = 0; k < count; k++)
			if (cl_tok_is(t, i - 1, words[k]))
				return true;
		if (cl_tok_punct(t, i - 1, ',') || cl_tok_punct(t, i - 1, ';'))
			break;
	}
	return false;
}

static const char *const death_words[] = { "assassinated", "d", "dead", "death", "died", "executed" };

/* A birth, death or other life date: "born in 1888", "died on 5 March 1953";
 * or a date that belongs to something else: "published in 1962", "which had
 * begun in 1939", "completed in 1911". */
static bool life_date(const cl_doc *doc, const cl_xclaim *c)
{
	static const char *const words[] = { "b", "birth", "born", "built", "completed", "constructed", "copyright",
		"established", "founded", "had", "publ", "published", "since" };
	return date_after_word(doc, c, words, sizeof(words) / sizeof(*words)) ||
	       date_after_word(doc, c, death_words, sizeof(death_words) / sizeof(*death_words));
}

/* A date a partial date later in the sentence may take its year from: one that
 * places the narrative, or a death ("When Ebert died on 28 February 1925, ...
 * on 26 April"). */
static bool anchors_sentence(const cl_doc *doc, const cl_xclaim *c)
{
	const cl_timex *tx = &c->timex;
	if (tx->unresolved || tx->is_range || inside_parentheses(doc, c) ||
	    !(tx->date.precision == CL_PREC_DAY || tx->date.precision == CL_PREC_MONTH ||
	      tx->date.precision == CL_PREC_YEAR))
		return false;
	return tx->moves_narrative || date_after_word(doc, c, death_words, sizeof(death_words) / sizeof(*death_words));
}

/* "did not become public until November 1969", "would remain chancellor until
 * October 1963": a later date the narrative does not move to. */
static bool flash_forward(const cl_doc *doc, const cl_xclaim *c)
{
	const cl_tokens *t = &doc->tokens;
	size_t b = t->sentences.items[c->sentence].begin, i;
	if (c->tok_begin == b || !(cl_tok_is(t, c->tok_begin - 1, "until") || cl_tok_is(t, c->tok_begin - 1, "till")))
		return false;
	for (i = c->tok_begin - 1; i > b; i--) {
		if (cl_tok_punct(t, i - 1, ',') || cl_tok_punct(t, i - 1, ';'))
			break;
		if (cl_tok_is(t, i - 1, "not") || cl_tok_is(t, i - 1, "never") || cl_tok_is(t, i - 1, "would") ||
		    cl_tok_is(t, i - 1, "n't"))
			return true;
	}
	return false;
}

/* "In 1930 her father had built tractors there": the past perfect looks back
 * from the scene, so its date holds for its own clause only. */
static bool past_perfect(const cl_doc *doc, const cl_xclaim *c)
{
	static const char *const not_participles[] = { "a", "an", "any", "her", "his", "its", "many", "more", "much",
		"my", "no", "our", "some", "that", "the", "their", "these", "this", "those", "to", "two", "your" };
	const cl_tokens *t = &doc->tokens;
	const cl_sentence *sent = &t->sentences.items[c->sentence];
	size_t b = c->tok_begin, e = c->tok_end, i, k;
	while (b > sent->begin && !cl_tok_punct(t, b - 1, ',') && !cl_tok_punct(t, b - 1, ';'))
		b--;
	while (e < sent->end && !cl_tok_punct(t, e, ',') && !cl_tok_punct(t, e, ';'))
		e++;
	for (i = b; i + 1 < e; i++) {
		size_t v = i + 1;
		if (!cl_tok_is(t, i, "had"))
			continue;
		/* "had not wanted", "had long since gone" */
		while (v + 1 < e && (cl_tok_is(t, v, "not") || cl_tok_is(t, v, "never") || cl_tok_is(t, v, "already") ||
				     cl_tok_is(t, v, "just") || cl_tok_is(t, v, "long") || cl_tok_is(t, v, "since") ||
				     cl_tok_is(t, v, "once") || cl_tok_is(t, v, "always") || cl_tok_is(t, v, "also")))
			v++;
		if (t->tokens.items[v].type != CL_TOK_WORD || cl_tok_is(t, v, "not"))
			continue;
		for (k = 0; k < sizeof(not_participles) / sizeof(*not_participles); k++)
			if (cl_tok_is(t, v, not_participles[k]))
				break;
		if (k == sizeof(not_participles) / sizeof(*not_participles))
			return true;
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
 * candidate nearest to the reference date wins. When the reference is months
 * away and the other year is nearly as close ("April" after November 1917:
 * April 1918 or, going back, April 1917), the other candidate is kept as
 * tx->alt and checks accept either. */
static bool resolve_partial(cl_timex *tx, const cl_date *ref)
{
	cl_date best = tx->date, second = tx->date, cand;
	long best_d = -1, second_d = -1;
	int k, lo = -1, hi = 1;
	bool months = tx->dur_unit == 'p' || tx->dur_unit == 'm';
	if (months && (ref->precision == CL_PREC_NONE || coarser_than(ref->precision, CL_PREC_YEAR)))
		return false;
	if (!months && ref->precision != CL_PREC_DAY && ref->precision != CL_PREC_MONTH)
		return false; /* 'd': a day of the reference month */
	/* "In 1939 ... on 30 November": within the year the reference gives */
	if ((months && ref->precision == CL_PREC_YEAR) || (!months && ref->precision == CL_PREC_MONTH))
		lo = hi = 0;
	for (k = lo; k <= hi; k++) {
		long d;
		cand = tx->date;
		if (months) {
			cand.year = ref->year + k;
		} else {
			cl_date month = *ref;
			month.precision = CL_PREC_MONTH;
			month = cl_date_add(&month, k, 'M');
			cand.year = month.year;
			cand.month = month.month;
		}
		if (cand.precision == CL_PREC_DAY && cand.day > cl_days_in_month(cand.year, cand.month))
			continue;
		d = distance(&cand, ref);
		if (best_d < 0 || d < best_d) {
			second = best;
			second_d = best_d;
			best = cand;
			best_d = d;
		} else if (second_d < 0 || d < second_d) {
			second = cand;
			second_d = d;
		}
	}
	if (best_d < 0)
		return false;
	tx->date = best;
	/* distances count two per day: over two months away, the other within ten */
	if (months && best_d > 2 * 60 && second_d >= 0 && second_d < 2 * 300)
		tx->alt = second;
	if (tx->calendar == CL_CAL_JULIAN && tx->date.precision == CL_PREC_DAY) {
		cl_julian_to_gregorian(&tx->date.year, &tx->date.month, &tx->date.day);
		if (tx->alt.precision == CL_PREC_DAY)
			cl_julian_to_gregorian(&tx->alt.year, &tx->alt.month, &tx->alt.day);
	}
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
	if ((tx->dur_unit == 'C' && tx->date.precision == CL_PREC_CENTURY) ||
	    (tx->dur_unit == 'E' && tx->date.precision == CL_PREC_DECADE)) {
		/* "the next century": the calendar century after the reference's, as
		 * "the nineteenth century" is 1800-1899; BC ones count the other way
		 * (the first century BC is 100-1 BC) and are left unresolved */
		int size = tx->dur_unit == 'C' ? 100 : 10;
		int first = ref->year / size * size + tx->dur_amount * size;
		if (ref->year < 1 || first < (tx->dur_unit == 'C' ? 0 : 10))
			return false;
		tx->date.year = first;
		tx->date.month = tx->date.day = 0;
		return true;
	}
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

/* A date resolved from an anchor whose year is in doubt is in doubt too: the
 * same resolution from the other candidate is its alternative. */
static void inherit_doubt(cl_timex *tx, const cl_timex *unresolved, const cl_date *anchor_alt)
{
	cl_timex other = *unresolved;
	if (anchor_alt->precision == CL_PREC_NONE || tx->alt.precision != CL_PREC_NONE)
		return;
	if (resolve_relative(&other, anchor_alt) && memcmp(&other.date, &tx->date, sizeof(cl_date)) != 0)
		tx->alt = other.date;
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
	cl_date sentence_date = { 0, 0, 0, CL_PREC_NONE }, sentence_alt = sentence_date, ref_alt = sentence_date;
	uint32_t sentence = UINT32_MAX;
	if (doc->carry && doc->carry->valid) {
		ref = doc->carry->ref;
		ref_alt = doc->carry->ref_alt;
		why = doc->carry->why;
	}
	for (k = 0; k < doc->claims.len; k++) {
		cl_xclaim *c = &doc->claims.items[k];
		if (c->sentence != sentence) {
			sentence = c->sentence;
			sentence_date.precision = CL_PREC_NONE;
		}
		if (c->kind == CL_CLAIM_DATE) {
			cl_timex *tx = &c->timex;
			if (tx->is_relative) {
				/* a partial date takes its year from a full date before it
				 * in the sentence ("died on 28 February 1925 ... on 26
				 * April"), even one that does not move the narrative */
				bool partial = tx->dur_unit == 'p' || tx->dur_unit == 'm' || tx->dur_unit == 'd';
				bool in_sentence = partial && sentence_date.precision != CL_PREC_NONE &&
						   (tx->dur_unit != 'd' || sentence_date.precision != CL_PREC_YEAR);
				cl_timex unresolved = *tx;
				tx->anchor = in_sentence ? sentence_date : ref;
				if (resolve_relative(tx, &tx->anchor)) {
					tx->moves_narrative = true;
					inherit_doubt(tx, &unresolved, in_sentence ? &sentence_alt : &ref_alt);
				} else {
					tx->unresolved = true;
					tx->moves_narrative = false;
				}
			}
			if (tx->moves_narrative && !tx->is_relative &&
			    (inside_parentheses(doc, c) || life_date(doc, c) || year_names_something(doc, c) ||
			     flash_forward(doc, c)))
				tx->moves_narrative = false;
			if (tx->moves_narrative && !tx->is_relative && past_perfect(doc, c)) {
				tx->moves_narrative = false;
				tx->local = true;
			}
			if (tx->moves_narrative && !tx->is_relative && doc->opts->kind == CL_KIND_FORUM &&
			    scene_header(doc, c)) {
				/* a post's own date ("Posted 3 March 2014") is not the time of
				 * the history it discusses: each post starts afresh */
				tx->moves_narrative = false;
				ref = doc->opts->setting;
				ref_alt.precision = CL_PREC_NONE;
				why = ref.precision != CL_PREC_NONE ? CL_REF_SETTING : CL_REF_NONE;
				c->header = true;
			}
			if (anchors_sentence(doc, c)) {
				sentence_date = tx->date;
				sentence_alt = tx->alt;
			}
			if (tx->moves_narrative && tx->date.precision != CL_PREC_NONE &&
			    !coarser_than(tx->date.precision, CL_PREC_YEAR)) {
				ref = tx->date;
				ref_alt = tx->alt;
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
	if (doc->carry) {
		doc->carry->ref = ref;
		doc->carry->ref_alt = ref_alt;
		doc->carry->why = why;
	}
	return CL_OK;
}

/* "[2]" at token i: the note's number, else 0. */
static int note_marker(const cl_doc *doc, size_t i)
{
	const cl_tokens *t = &doc->tokens;
	const cl_token *n;
	if (i + 2 >= t->tokens.len || !cl_tok_punct(t, i, '[') || !cl_tok_punct(t, i + 2, ']'))
		return 0;
	n = &t->tokens.items[i + 1];
	return n->type == CL_TOK_NUMBER && n->num > 0 && n->num < 100 ? n->num : 0;
}

/* A line of a list: "Nikita Khrushchev: sentenced to death", "- item". */
static bool list_line(const cl_doc *doc, const cl_sentence *sent)
{
	const cl_tokens *t = &doc->tokens;
	size_t i;
	if (cl_tok_dash(t, sent->begin) || cl_tok_punct(t, sent->begin, '*') || cl_tok_punct(t, sent->begin, 0x2022))
		return true;
	for (i = sent->begin; i < sent->end && i < sent->begin + 8; i++)
		if (cl_tok_punct(t, i, ':'))
			return true;
	return false;
}

void cl_sentence_refs(cl_doc *doc)
{
	size_t k = 0, s, i;
	cl_narrative_state st, saved;
	cl_sentence_time notes[100];
	bool story = doc->opts->kind == CL_KIND_MANUSCRIPT, in_note = false;
	memset(notes, 0, sizeof(notes));
	memset(&saved, 0, sizeof(saved));
	st.ref = doc->opts->setting;
	st.alt.precision = CL_PREC_NONE;
	st.why = st.ref.precision != CL_PREC_NONE ? CL_REF_SETTING : CL_REF_NONE;
	st.near = true;
	st.header = false;
	if (doc->carry && doc->carry->valid) {
		st = doc->carry->state;
		saved = doc->carry->saved;
		in_note = doc->carry->in_note;
		memcpy(notes, doc->carry->notes, sizeof(notes));
	}
	for (s = 0; s < doc->tokens.sentences.len; s++) {
		const cl_sentence *sent = &doc->tokens.sentences.items[s];
		const cl_token *first = &doc->tokens.tokens.items[sent->begin];
		int note = (first->flags & CL_TF_LINESTART) ? note_marker(doc, sent->begin) : 0;
		/* a note ("[2] Defendants: ...", and the list under it) is set at the
		 * date of the sentence that cites it */
		if (note && notes[note].date.precision != CL_PREC_NONE) {
			if (!in_note)
				saved = st;
			in_note = true;
			st.ref = notes[note].date;
			st.alt = notes[note].alt;
			st.why = CL_REF_CARRIED;
			st.near = true;
			st.header = false;
		} else if (in_note && (first->flags & CL_TF_PARAGRAPH) && (note || !list_line(doc, sent))) {
			in_note = false;
			st = saved;
			st.near = false;
		}
		/* an essay's date holds for its paragraph; a scene's until the next date */
		if ((first->flags & CL_TF_PARAGRAPH) && st.ref.precision != CL_PREC_NONE && !st.header && !story &&
		    !in_note)
			st.near = st.why == CL_REF_SETTING;
		doc->sentence_time[s].date = st.ref;
		doc->sentence_time[s].alt = st.alt;
		doc->sentence_time[s].why = st.why;
		doc->sentence_time[s].near = st.near;
		for (; k < doc->sorted_claims && doc->claims.items[k].sentence == s; k++) {
			const cl_xclaim *c = &doc->claims.items[k];
			if (c->kind == CL_CLAIM_DATE && c->timex.moves_narrative && !c->timex.unresolved &&
			    c->timex.date.precision != CL_PREC_NONE && c->timex.date.precision <= CL_PREC_YEAR) {
				st.ref = c->timex.date;
				st.alt = c->timex.alt;
				st.why = c->narrative_reason;
				st.header = c->header;
				st.near = true;
			}
			else if (c->kind == CL_CLAIM_DATE && c->header && doc->opts->kind == CL_KIND_FORUM) {
				st.ref = doc->opts->setting;
				st.alt.precision = CL_PREC_NONE;
				st.why = st.ref.precision != CL_PREC_NONE ? CL_REF_SETTING : CL_REF_NONE;
				st.header = false;
				st.near = true;
			}
		}
		/* the notes this sentence cites take its date */
		for (i = sent->begin; i < sent->end; i++) {
			int n = note_marker(doc, i);
			if (n && !(doc->tokens.tokens.items[i].flags & CL_TF_LINESTART) && st.near) {
				notes[n].date = st.ref;
				notes[n].alt = st.alt;
			}
		}
	}
	if (doc->carry) {
		doc->carry->state = st;
		doc->carry->saved = saved;
		doc->carry->in_note = in_note;
		memcpy(doc->carry->notes, notes, sizeof(notes));
	}
}
