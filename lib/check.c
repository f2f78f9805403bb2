/* check.c - the pipeline: text -> tokens -> claims -> checks -> findings, and the
 * result handle that owns everything a check produced. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

struct cl_result {
	cl_doc doc;
	char *data;          /* the copied input */
	cl_claim *claims;    /* the public view of doc.claims */
	size_t claim_count;
	cl_sentence_info *sentences; /* built by cl_result_sentences() */
	const char *problems[4];
	size_t problem_count;
	cl_check_options opts;
};

int cl_claims_add(cl_doc *doc, const cl_xclaim *claim)
{
	if (CL_ARRAY_PUSH(doc->claims, *claim)) {
		doc->out_of_memory = true;
		return CL_ERR_NOMEM;
	}
	return CL_OK;
}

static int cmp_claim(const void *a, const void *b)
{
	const cl_xclaim *x = a, *y = b;
	if (x->tok_begin != y->tok_begin)
		return x->tok_begin < y->tok_begin ? -1 : 1;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return x->tok_end < y->tok_end ? -1 : x->tok_end > y->tok_end;
}

int cl_claims_sort(cl_doc *doc)
{
	if (doc->claims.len > 1)
		qsort(doc->claims.items, doc->claims.len, sizeof(cl_xclaim), cmp_claim);
	doc->sorted_claims = doc->claims.len;
	return CL_OK;
}

size_t cl_claims_from_token(const cl_doc *doc, size_t tok)
{
	size_t lo = 0, hi = doc->sorted_claims;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (doc->claims.items[mid].tok_begin < tok)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int cl_finding_add(cl_doc *doc, const char *rule, cl_severity severity, size_t offset, size_t length,
		   const char *message, const char *found, const char *expected, const char *evidence, const char *fix)
{
	cl_finding f;
	cl_arena *a = &doc->arena;
	memset(&f, 0, sizeof(f));
	f.rule = rule;
	f.severity = severity;
	f.offset = offset;
	f.length = length;
	cl_text_position(&doc->text, offset, &f.line, &f.column);
	cl_text_position(&doc->text, offset + length, &f.end_line, &f.end_column);
	f.message = cl_arena_strndup(a, message, strlen(message));
	f.found = found ? cl_arena_strndup(a, found, strlen(found)) : NULL;
	f.expected = expected ? cl_arena_strndup(a, expected, strlen(expected)) : NULL;
	f.evidence = evidence ? cl_arena_strndup(a, evidence, strlen(evidence)) : NULL;
	f.fix = fix ? cl_arena_strndup(a, fix, strlen(fix)) : NULL;
	if (!f.message)
		return CL_ERR_NOMEM;
	return CL_ARRAY_PUSH(doc->findings, f) ? CL_ERR_NOMEM : CL_OK;
}

bool cl_after_pod(const cl_doc *doc, const cl_span *claimed, const cl_span *real)
{
	cl_span pod;
	if (doc->opts->pod.precision == CL_PREC_NONE)
		return false;
	pod = cl_date_span(&doc->opts->pod);
	return claimed->first >= pod.first && real->first >= pod.first;
}

cl_span cl_fact_bound(const cl_date *main, const cl_date *os, const cl_db_alt_date *alts, int count)
{
	cl_span s = cl_date_span(main), a;
	int k;
	for (k = 0; k < count; k++) {
		a = cl_date_span(&alts[k].date);
		if (a.first < s.first)
			s.first = a.first;
		if (a.last > s.last)
			s.last = a.last;
	}
	if (os && os->precision != CL_PREC_NONE) {
		a = cl_date_span(os);
		if (a.first < s.first)
			s.first = a.first;
	}
	return s;
}

void cl_finding_set_date(cl_doc *doc, const cl_date *date)
{
	char buf[32];
	if (!doc->findings.len || !date || date->precision == CL_PREC_NONE)
		return;
	cl_date_format(buf, sizeof(buf), date);
	doc->findings.items[doc->findings.len - 1].date = cl_arena_strndup(&doc->arena, buf, strlen(buf));
}

const char *cl_doc_evidence(cl_doc *doc, const char *file, int line)
{
	return cl_arena_printf(&doc->arena, "document:%s:%d", file ? file : doc->name, line);
}

const char *cl_doc_where(cl_doc *doc, const char *file, int line)
{
	if (!file || strcmp(file, doc->name) == 0)
		return cl_arena_printf(&doc->arena, "line %d of this document", line);
	return cl_arena_printf(&doc->arena, "%s:%d", file, line);
}

const cl_doc_death *cl_doc_death_of(const cl_doc *doc, int person)
{
	size_t k;
	for (k = 0; k < doc->deaths.len; k++)
		if (doc->deaths.items[k].person == person)
			return &doc->deaths.items[k];
	return NULL;
}

const char *cl_who_name(const cl_doc *doc, const cl_who *who)
{
	if (who->db_index >= 0)
		return cl_db_person(doc->db, (size_t)who->db_index)->name;
	if (who->doc_index >= 0)
		return doc->people.items[who->doc_index].name;
	return "someone";
}

const char *cl_fact_evidence(cl_doc *doc, const char *id, const char *qid, const char *file, int line)
{
	if (!qid) /* an author's own fact */
		return cl_arena_printf(&doc->arena, "facts:%s:%d (%s)", file, line, id);
	return cl_arena_printf(&doc->arena, "rules:%s (%s)", id, qid);
}

const char *cl_person_evidence(cl_doc *doc, const cl_person *p)
{
	return cl_fact_evidence(doc, p->id, p->qid, p->file, p->line);
}

static bool clause_separator(const cl_tokens *t, size_t i)
{
	const cl_token *k = &t->tokens.items[i];
	if (k->type != CL_TOK_PUNCT)
		return false;
	if (k->cp == ',' || k->cp == ';' || k->cp == ':' || k->cp == '(' || k->cp == ')')
		return true;
	/* a spaced dash separates clauses; an unspaced one joins a range */
	return (k->cp == 0x2013 || k->cp == 0x2014) && (k->flags & CL_TF_SPACE);
}

static bool usable_date(const cl_xclaim *c)
{
	return c->kind == CL_CLAIM_DATE && !c->timex.unresolved && c->timex.date.precision != CL_PREC_NONE;
}

/* A date whose year is in doubt spans both candidates: either will do. */
static void widen(cl_span *span, const cl_date *alt)
{
	cl_span a = cl_date_span(alt);
	if (a.first < span->first)
		span->first = a.first;
	if (a.last > span->last)
		span->last = a.last;
}

static void claim_span(const cl_xclaim *c, cl_date *date, cl_span *span)
{
	*date = c->timex.date;
	*span = cl_date_span(&c->timex.date);
	if (c->timex.alt.precision != CL_PREC_NONE)
		widen(span, &c->timex.alt);
}

/* A date an age cannot be meant at: a birth date ("by the birth date of December
 * 1879"), the end of a span ("would remain chancellor until October 1963"), a
 * decade or a century ("who spent the fifties in prison"). */
static bool age_cannot_bind(const cl_doc *doc, const cl_xclaim *c)
{
	const cl_tokens *t = &doc->tokens;
	size_t b = t->sentences.items[c->sentence].begin, i;
	if (c->timex.date.precision > CL_PREC_YEAR)
		return true;
	for (i = c->tok_begin; i > b && c->tok_begin - i < 5; i--) {
		if (clause_separator(t, i - 1))
			break;
		if (cl_tok_is(t, i - 1, "born") || cl_tok_is(t, i - 1, "birth") || cl_tok_is(t, i - 1, "until") || cl_tok_is(t, i - 1, "since") ||
		    cl_tok_is(t, i - 1, "till"))
			return true;
	}
	return false;
}

/* The '(' opening the parenthesis that holds token tok, or SIZE_MAX. */
static size_t open_paren(const cl_tokens *t, size_t begin, size_t tok)
{
	size_t i;
	int depth = 0;
	for (i = tok; i > begin; i--) {
		if (cl_tok_punct(t, i - 1, ')'))
			depth--;
		else if (cl_tok_punct(t, i - 1, '(') && ++depth > 0)
			return i - 1;
	}
	return SIZE_MAX;
}

static bool timed_by_clause(const cl_tokens *t, size_t begin, size_t end)
{
	static const char *const words[] = { "when", "after", "before", "while", "once", "as", "until", "since",
		"during" };
	/* "at the time of Lenin's death", "on the eve of the war" */
	static const char *const event_heads[] = { "time", "eve", "outbreak", "death", "fall", "end", "wake",
		"height", "start", "beginning", "news", "moment" };
	size_t i, k;
	for (i = begin; i < end; i++) {
		/* "as to", "such a way as", "as well", "as if" are not times */
		if (cl_tok_is(t, i, "as") && (cl_tok_is(t, i + 1, "to") || cl_tok_is(t, i + 1, "well") ||
					     cl_tok_is(t, i + 1, "if") || cl_tok_is(t, i + 1, "though") ||
					     (i >= 2 && cl_tok_is(t, i - 2, "such"))))
			continue;
		for (k = 0; k < sizeof(words) / sizeof(*words); k++)
			if (cl_tok_is(t, i, words[k]))
				return true;
		if (i > begin && cl_tok_is(t, i - 1, "the"))
			for (k = 0; k < sizeof(event_heads) / sizeof(*event_heads); k++)
				if (cl_tok_is(t, i, event_heads[k]) && cl_tok_is(t, i + 1, "of"))
					return true;
	}
	return false;
}

/* The sentence's reference date, while it still holds (its paragraph, a scene,
 * the setting) and no clause of the sentence ("when the news came", "after the
 * war") gives the time instead. */
static bool reference_date(const cl_doc *doc, uint32_t s, cl_date *date, cl_span *span)
{
	const cl_sentence *sent = &doc->tokens.sentences.items[s];
	const cl_sentence_time *st = &doc->sentence_time[s];
	/* in a story's scene a "when" or "as" clause happens within the scene */
	if (st->date.precision == CL_PREC_NONE || !st->near ||
	    (doc->opts->kind != CL_KIND_MANUSCRIPT && timed_by_clause(&doc->tokens, sent->begin, sent->end)))
		return false;
	*date = st->date;
	*span = cl_date_span(date);
	if (st->alt.precision != CL_PREC_NONE)
		widen(span, &st->alt);
	return true;
}

/* "who was 71 when the pact was signed": the age's own clause gives its time,
 * and no date of the sentence is meant. */
static bool clause_times_itself(const cl_tokens *t, size_t tok, size_t end)
{
	size_t i;
	for (i = tok; i < end && !clause_separator(t, i); i++)
		;
	return timed_by_clause(t, tok, i);
}

/* "Mr Asquith, who is sixty-four": the present tense is the time of the scene or
 * entry, not a date elsewhere in the sentence. */
static bool present_tense(const cl_tokens *t, size_t tok, size_t begin)
{
	size_t i;
	for (i = tok; i > begin && tok - i < 3; i--)
		if (cl_tok_is(t, i - 1, "is") || cl_tok_is(t, i - 1, "are") || cl_tok_is(t, i - 1, "turns"))
			return true;
	return false;
}

bool cl_bound_date(const cl_doc *doc, size_t tok, cl_date *date, cl_span *span)
{
	const cl_tokens *t = &doc->tokens;
	uint32_t s = t->tokens.items[tok].sentence;
	size_t begin = t->sentences.items[s].begin, end = t->sentences.items[s].end;
	size_t first = cl_claims_from_token(doc, begin), k, paren = open_paren(t, begin, tok);
	const cl_xclaim *best = NULL, *before = NULL, *after = NULL;
	size_t best_dist = SIZE_MAX;
	for (k = first; k < doc->claims.len && doc->claims.items[k].tok_begin < end; k++) {
		const cl_xclaim *c = &doc->claims.items[k];
		size_t lo, hi, i;
		bool separated = false;
		if (!usable_date(c))
			continue;
		/* (1) an annotation in parentheses binds to the date it follows */
		if (paren != SIZE_MAX && c->tok_end == paren) {
			claim_span(c, date, span);
			return true;
		}
		if (age_cannot_bind(doc, c))
			continue;
		lo = c->tok_end <= tok ? c->tok_end : tok;
		hi = c->tok_end <= tok ? tok : c->tok_begin;
		for (i = lo; i < hi; i++)
			if (clause_separator(t, i))
				separated = true;
		if (!separated && hi - lo < best_dist) {
			best = c;
			best_dist = hi - lo;
		}
		if (c->tok_end <= tok && open_paren(t, begin, c->tok_begin) == paren)
			before = c;
		else if (c->tok_begin >= tok && !after && open_paren(t, begin, c->tok_begin) == paren)
			after = c;
	}
	/* (2) the same clause, (3) an earlier date of the sentence, (4) a later one,
	 * (5) the narrative reference date; a clause that times itself takes no
	 * date from outside it, and the present tense takes the reference date
	 * before the sentence's other dates */
	if (best) {
		claim_span(best, date, span);
		return true;
	}
	if (clause_times_itself(t, tok, end))
		return false;
	if (present_tense(t, tok, begin) && reference_date(doc, s, date, span))
		return true;
	best = before ? before : after;
	if (best) {
		claim_span(best, date, span);
		return true;
	}
	return reference_date(doc, s, date, span);
}

static int run_checks(cl_doc *doc)
{
	size_t k;
	int rc = CL_OK;
	for (k = 0; k < doc->claims.len && rc == CL_OK; k++) {
		switch (doc->claims.items[k].kind) {
		case CL_CLAIM_LIFESPAN:
			rc = cl_check_life_claim(doc, k);
			break;
		case CL_CLAIM_AGE:
			rc = cl_check_age_claim(doc, k);
			break;
		case CL_CLAIM_PERSON:
			if ((rc = cl_check_alive(doc, k)) == CL_OK)
				rc = cl_check_office(doc, k);
			break;
		case CL_CLAIM_EVENT:
			rc = cl_check_event(doc, k);
			break;
		case CL_CLAIM_PLACE:
		case CL_CLAIM_ENTITY:
		case CL_CLAIM_TERM:
			rc = cl_check_anachronism(doc, k);
			break;
		case CL_CLAIM_CITATION:
			rc = cl_check_citation(doc, k);
			break;
		default:
			break;
		}
	}
	return rc == CL_OK ? cl_check_spelling(doc) : rc;
}

static int cmp_finding(const void *a, const void *b)
{
	const cl_finding *x = a, *y = b;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

static const char *value_of(cl_doc *doc, const cl_xclaim *c, char *buf, size_t size)
{
	switch (c->kind) {
	case CL_CLAIM_DATE:
		if (c->timex.unresolved)
			return NULL;
		cl_date_format(buf, size, &c->timex.date);
		return buf;
	case CL_CLAIM_DURATION:
		if (c->timex.dur_amount < 0)
			snprintf(buf, size, "PX%s", c->timex.dur_unit == 'E' ? "DE" : c->timex.dur_unit == 'C' ? "CE" :
				 (char[]){ c->timex.dur_unit, 0 });
		else if (c->timex.dur_unit == 'E')
			snprintf(buf, size, "P%dDE", c->timex.dur_amount);
		else if (c->timex.dur_unit == 'C')
			snprintf(buf, size, "P%dCE", c->timex.dur_amount);
		else if (c->timex.dur_unit == 'H')
			snprintf(buf, size, "PT%dH", c->timex.dur_amount);
		else
			snprintf(buf, size, "P%d%c", c->timex.dur_amount, c->timex.dur_unit);
		return buf;
	case CL_CLAIM_AGE:
		if (c->age.lo == c->age.hi)
			snprintf(buf, size, "%d", c->age.lo);
		else
			snprintf(buf, size, "%d/%d", c->age.lo, c->age.hi);
		return buf;
	case CL_CLAIM_PERSON:
	case CL_CLAIM_LIFESPAN:
		if (c->who.db_index >= 0)
			return cl_db_person(doc->db, (size_t)c->who.db_index)->id;
		if (c->who.doc_index >= 0)
			return doc->people.items[c->who.doc_index].name;
		return NULL;
	case CL_CLAIM_OFFICE:
	case CL_CLAIM_EVENT:
	case CL_CLAIM_PLACE:
	case CL_CLAIM_ENTITY:
	case CL_CLAIM_TERM:
		return cl_db_fact_head(doc->db, cl_claim_fact_kind(c->kind), (size_t)c->fact)->id;
	case CL_CLAIM_URL:
		return doc->urls.items[c->url].url;
	case CL_CLAIM_CITATION:
		if (c->fact >= 0)
			return cl_db_fact_head(doc->db, CL_KIND_WORK, (size_t)c->fact)->id;
		if (c->fact_sub > 0) { /* a footnote marker: its number */
			snprintf(buf, size, "%d", c->fact_sub);
			return buf;
		}
		return NULL;
	}
	return NULL;
}

static const char *dup(cl_doc *doc, const char *s)
{
	return s ? cl_arena_strndup(&doc->arena, s, strlen(s)) : NULL;
}

static int publish_claims(cl_result *r)
{
	cl_doc *doc = &r->doc;
	size_t k;
	char buf[64];
	r->claims = calloc(doc->claims.len ? doc->claims.len : 1, sizeof(cl_claim));
	if (!r->claims)
		return CL_ERR_NOMEM;
	for (k = 0; k < doc->claims.len; k++) {
		const cl_xclaim *x = &doc->claims.items[k];
		cl_claim *c = &r->claims[k];
		c->kind = x->kind;
		c->offset = x->offset;
		c->length = x->length;
		cl_text_position(&doc->text, x->offset, &c->line, &c->column);
		c->text = cl_arena_strndup(&doc->arena, doc->text.orig + x->offset, x->length);
		c->value = dup(doc, value_of(doc, x, buf, sizeof(buf)));
		if (x->kind == CL_CLAIM_DATE && x->timex.is_range) {
			cl_date_format(buf, sizeof(buf), &x->timex.range_begin);
			c->begin = dup(doc, buf);
			cl_date_format(buf, sizeof(buf), &x->timex.date_end);
			c->end = dup(doc, buf);
		}
		if ((x->kind == CL_CLAIM_PERSON || x->kind == CL_CLAIM_LIFESPAN) && x->who.db_index >= 0)
			c->ref = cl_db_person(doc->db, (size_t)x->who.db_index)->id;
		else if (cl_claim_fact_kind(x->kind) != CL_KIND_COUNT || (x->kind == CL_CLAIM_CITATION && x->fact >= 0))
			c->ref = c->value;
		if (x->kind == CL_CLAIM_DATE && x->timex.is_relative && x->timex.anchor.precision != CL_PREC_NONE) {
			cl_date_format(buf, sizeof(buf), &x->timex.anchor);
			c->anchor = dup(doc, buf);
		}
		c->narrative = x->narrative;
		c->narrative_reason = x->narrative ? cl_narrative_reason_name(x->narrative_reason) : NULL;
		c->verdict = x->verdict;
		c->verdict_note = x->verdict_note;
	}
	r->claim_count = doc->claims.len;
	return CL_OK;
}

/* What a result says of its input: an encoding it cannot read, or the bytes
 * it read as spaces, with where the first of them is. */
static void note_input_problems(cl_result *r, const cl_input_state *in)
{
	cl_doc *doc = &r->doc;
	if (in->utf16 || in->utf32) {
		r->problems[r->problem_count++] = in->utf16 ?
			"the input is UTF-16; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)" :
			"the input is UTF-32; convert it to UTF-8 (iconv -f UTF-32 -t UTF-8)";
		return;
	}
	if (in->invalid_utf8)
		r->problems[r->problem_count++] = cl_arena_printf(&doc->arena,
			"%zu byte%s of invalid UTF-8 (the first at line %d, column %d) read as spaces",
			in->invalid_utf8, in->invalid_utf8 == 1 ? "" : "s", in->invalid_line, in->invalid_column);
	if (in->nul_bytes)
		r->problems[r->problem_count++] = cl_arena_printf(&doc->arena,
			"%zu NUL byte%s (the first at line %d, column %d) read as spaces", in->nul_bytes,
			in->nul_bytes == 1 ? "" : "s", in->nul_line, in->nul_column);
	if (in->pattern_problem)
		r->problems[r->problem_count++] = cl_arena_strndup(&doc->arena, in->pattern_problem,
								   strlen(in->pattern_problem));
}

void cl_doc_input_state(cl_doc *doc, cl_input_state *in)
{
	memset(in, 0, sizeof(*in));
	in->utf16 = doc->text.utf16;
	in->utf32 = doc->text.utf32;
	in->invalid_utf8 = doc->text.invalid_utf8;
	in->nul_bytes = doc->text.nul_bytes;
	if (in->invalid_utf8)
		cl_text_position(&doc->text, doc->text.first_invalid, &in->invalid_line, &in->invalid_column);
	if (in->nul_bytes)
		cl_text_position(&doc->text, doc->text.first_nul, &in->nul_line, &in->nul_column);
	in->pattern_problem = doc->pattern_problem;
}

int cl_doc_prepare(cl_doc *doc)
{
	size_t people = cl_db_person_count(doc->db), k;
	const cl_carry *carry = doc->carry && doc->carry->valid ? doc->carry : NULL;
	doc->tok_used = calloc(doc->tokens.tokens.len + 1, 1);
	doc->person_context = malloc((people + 1) * sizeof(int));
	doc->sentence_time = calloc(doc->tokens.sentences.len + 1, sizeof(cl_sentence_time));
	if (!doc->tok_used || !doc->person_context || !doc->sentence_time)
		return CL_ERR_NOMEM;
	for (k = 0; k < people; k++)
		doc->person_context[k] = carry && k < carry->person_count ? carry->person_context[k] : -1;
	for (k = 0; carry && k < carry->diverged.len; k++)
		if (CL_ARRAY_PUSH(doc->diverged, carry->diverged.items[k]))
			return CL_ERR_NOMEM;
	return CL_OK;
}

int cl_doc_sentence_number(const cl_doc *doc, uint32_t sentence)
{
	return (doc->carry ? doc->carry->sentence_base : 0) + (int)sentence;
}

/* A section's state at its end, for the next section (stream.c). */
static int carry_out(cl_doc *doc)
{
	cl_carry *carry = doc->carry;
	size_t people = cl_db_person_count(doc->db), k;
	int last_line, column;
	if (!carry->person_context) {
		if (!(carry->person_context = malloc((people + 1) * sizeof(int))))
			return CL_ERR_NOMEM;
		carry->person_count = people;
	}
	memcpy(carry->person_context, doc->person_context, people * sizeof(int));
	carry->sentence_base += (int)doc->tokens.sentences.len;
	carry->diverged.len = 0;
	for (k = 0; k < doc->diverged.len; k++)
		if (CL_ARRAY_PUSH(carry->diverged, doc->diverged.items[k]))
			return CL_ERR_NOMEM;
	/* the disables that reach past this section's last line */
	cl_text_position(&doc->text, doc->text.len, &last_line, &column);
	carry->suppressions.len = 0;
	for (k = 0; k < doc->suppressions.len; k++) {
		cl_suppression s = doc->suppressions.items[k];
		const cl_rule_doc *rule = s.rule ? cl_db_rule_find(doc->db, s.rule) : NULL;
		if (s.to <= last_line)
			continue;
		s.rule = rule ? rule->id : NULL; /* lives as long as the database */
		s.carried = true;
		if ((!rule && doc->suppressions.items[k].rule) || CL_ARRAY_PUSH(carry->suppressions, s))
			return CL_ERR_NOMEM;
	}
	carry->valid = true;
	return CL_OK;
}

void cl_doc_release(cl_doc *doc)
{
	cl_tokens_free(&doc->tokens);
	cl_text_free(&doc->text);
	free(doc->claims.items);
	free(doc->people.items);
	free(doc->deaths.items);
	free(doc->suppressions.items);
	free(doc->diverged.items);
	free(doc->urls.items);
	free(doc->quotes.items);
	free(doc->findings.items);
	free(doc->tok_used);
	free(doc->person_context);
	free(doc->sentence_time);
	cl_arena_free(&doc->arena);
	memset(doc, 0, sizeof(*doc));
}

static int pipeline(cl_result *r, cl_error *err)
{
	cl_doc *doc = &r->doc;
	cl_input_state input;
	int rc;
	if ((rc = cl_tokenize(&doc->tokens, &doc->text)) != CL_OK)
		return cl_error_set(err, rc, "out of memory splitting the text");
	if (doc->carry && doc->carry->valid && doc->tokens.tokens.len) {
		/* a section goes on with the line or paragraph it was cut in, or
		 * begins a paragraph, as the text before it left it */
		cl_token *first = &doc->tokens.tokens.items[0];
		if (doc->text.column_base > 0)
			first->flags &= ~(CL_TF_LINESTART | CL_TF_PARAGRAPH);
		else if (doc->carry->mid_paragraph)
			first->flags = (first->flags & ~CL_TF_PARAGRAPH) | CL_TF_LINESTART;
		else
			first->flags |= CL_TF_LINESTART | CL_TF_PARAGRAPH;
	}
	if (cl_doc_prepare(doc) != CL_OK)
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	if (doc->opts->story && cl_story_preload(doc->opts->story, doc))
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	if ((rc = cl_extract_ages(doc)) || (rc = cl_extract_timex(doc)) || (rc = cl_extract_facts(doc, false)) ||
	    (rc = cl_extract_people(doc)) || (rc = cl_extract_facts(doc, true)) ||
	    (rc = cl_extract_term_patterns(doc)) || (rc = cl_extract_urls(doc)) ||
	    (rc = cl_extract_citations(doc)) ||
	    (rc = cl_claims_sort(doc)) || (rc = cl_resolve_narrative(doc)) || (rc = cl_extract_lifespans(doc)) ||
	    (rc = cl_claims_sort(doc)))
		return cl_error_set(err, rc, "out of memory extracting claims");
	cl_sentence_refs(doc);
	if ((rc = run_checks(doc)) != CL_OK || (rc = cl_directives_apply(doc)) != CL_OK)
		return cl_error_set(err, rc, "out of memory checking claims");
	if (doc->findings.len > 1)
		qsort(doc->findings.items, doc->findings.len, sizeof(cl_finding), cmp_finding);
	/* a section's claims are not kept: its result lends its findings (stream.c) */
	if (!doc->carry && (rc = publish_claims(r)) != CL_OK)
		return cl_error_set(err, rc, "out of memory");
	if (doc->opts->story && (rc = cl_story_absorb(doc->opts->story, doc)) != CL_OK)
		return cl_error_set(err, rc, "out of memory");
	if (doc->carry && (rc = carry_out(doc)) != CL_OK)
		return cl_error_set(err, rc, "out of memory");
	cl_doc_input_state(doc, &input);
	note_input_problems(r, &input);
	/* a claim, message or name lost on the way would make the result wrong */
	if (doc->out_of_memory || doc->arena.failed)
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	return CL_OK;
}

/* cl_check(), and a section of a longer text when `section` is given: its
 * positions count the lines and columns before it, it starts from and leaves
 * its state in section->carry, and its claims are not kept. */
static int check_text(cl_result **out, const cl_db *db, const char *name, const char *text, size_t len,
		      const cl_check_options *opts, const cl_section *section, cl_error *err)
{
	cl_result *r;
	static const cl_check_options defaults = CL_CHECK_OPTIONS_INIT;
	int rc;
	*out = NULL;
	if (!db || (!text && len))
		return cl_error_set(err, CL_ERR_INVALID, "no database or no text");
	r = calloc(1, sizeof(*r));
	if (!r)
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	r->opts = opts ? *opts : defaults;
	r->doc.db = db;
	r->doc.opts = &r->opts;
	r->doc.carry = section ? section->carry : NULL;
	r->data = malloc(len + 1);
	if (!r->data) {
		free(r);
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory copying the input");
	}
	if (len)
		memcpy(r->data, text, len);
	r->data[len] = '\0';
	r->doc.name = cl_arena_strndup(&r->doc.arena, name ? name : "-", strlen(name ? name : "-"));
	if (!r->doc.name) {
		cl_result_free(r);
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	}
	if (r->opts.version < 3)
		r->opts.html = 0;
	else if (r->opts.html == 2)
		r->opts.html = cl_html_sniff(text, len);
	rc = cl_text_init(&r->doc.text, r->data, len, r->opts.markdown != 0, r->opts.html != 0, err);
	if (rc == CL_OK && section) {
		r->doc.text.line_base = section->line_base;
		r->doc.text.column_base = section->column_base;
	}
	if (rc == CL_OK && (rc = cl_directives_read(&r->doc, &r->opts)) != CL_OK)
		rc = cl_error_set(err, rc, "out of memory reading directives");
	if (rc == CL_OK)
		rc = pipeline(r, err);
	if (rc != CL_OK) {
		cl_result_free(r);
		return rc;
	}
	*out = r;
	return CL_OK;
}

int cl_check(cl_result **out, const cl_db *db, const char *name, const char *text, size_t len,
	     const cl_check_options *opts, cl_error *err)
{
	return check_text(out, db, name, text, len, opts, NULL, err);
}

int cl_check_section(cl_result **out, const cl_db *db, const char *name, const char *text, size_t len,
		     const cl_check_options *opts, const cl_section *section, cl_error *err)
{
	return check_text(out, db, name, text, len, opts, section, err);
}

int cl_result_new_sections(cl_result **out, const cl_db *db, const char *name, const cl_check_options *opts)
{
	cl_result *r = calloc(1, sizeof(*r));
	*out = NULL;
	if (!r)
		return CL_ERR_NOMEM;
	r->opts = *opts;
	r->doc.db = db;
	r->doc.opts = &r->opts;
	if (!(r->doc.name = cl_arena_strndup(&r->doc.arena, name, strlen(name)))) {
		cl_result_free(r);
		return CL_ERR_NOMEM;
	}
	*out = r;
	return CL_OK;
}

int cl_result_take_findings(cl_result *whole, const cl_result *part, size_t offset_base)
{
	size_t k;
	for (k = 0; k < part->doc.findings.len; k++) {
		cl_finding f = part->doc.findings.items[k];
		f.offset += offset_base;
		f.message = dup(&whole->doc, f.message);
		f.found = dup(&whole->doc, f.found);
		f.expected = dup(&whole->doc, f.expected);
		f.evidence = dup(&whole->doc, f.evidence);
		f.fix = dup(&whole->doc, f.fix);
		f.date = dup(&whole->doc, f.date);
		if (whole->doc.arena.failed || CL_ARRAY_PUSH(whole->doc.findings, f))
			return CL_ERR_NOMEM;
	}
	return CL_OK;
}

int cl_result_end_sections(cl_result *whole, const cl_input_state *input)
{
	note_input_problems(whole, input);
	return whole->doc.arena.failed ? CL_ERR_NOMEM : CL_OK;
}

void cl_result_free(cl_result *r)
{
	if (!r)
		return;
	cl_doc_release(&r->doc);
	free(r->sentences);
	free(r->claims);
	free(r->data);
	free(r);
}

cl_doc *cl_result_doc(cl_result *r)
{
	return &r->doc;
}

size_t cl_result_finding_count(const cl_result *r)
{
	return r->doc.findings.len;
}

const cl_finding *cl_result_finding(const cl_result *r, size_t i)
{
	return i < r->doc.findings.len ? &r->doc.findings.items[i] : NULL;
}

void cl_result_filter(cl_result *r, int (*keep)(const cl_finding *, void *), void *payload)
{
	size_t k, kept = 0;
	for (k = 0; k < r->doc.findings.len; k++)
		if (keep(&r->doc.findings.items[k], payload))
			r->doc.findings.items[kept++] = r->doc.findings.items[k];
	r->doc.findings.len = kept;
}

size_t cl_result_claim_count(const cl_result *r)
{
	return r->claim_count;
}

const cl_claim *cl_result_claim(const cl_result *r, size_t i)
{
	return i < r->claim_count ? &r->claims[i] : NULL;
}

size_t cl_result_input_problem_count(const cl_result *r)
{
	return r->problem_count;
}

const char *cl_result_input_problem(const cl_result *r, size_t i)
{
	return i < r->problem_count ? r->problems[i] : NULL;
}

/* The sentence's own narrative date (the first date in it that moves the
 * narrative), else the date carried to it while that still holds. */
static void sentence_date(cl_doc *doc, uint32_t s, cl_sentence_info *info)
{
	const cl_sentence_time *st = &doc->sentence_time[s];
	size_t k;
	char buf[32];
	for (k = cl_claims_from_token(doc, doc->tokens.sentences.items[s].begin);
	     k < doc->sorted_claims && doc->claims.items[k].sentence == s; k++) {
		const cl_xclaim *c = &doc->claims.items[k];
		if (usable_date(c) && (c->timex.moves_narrative || c->timex.local) &&
		    c->timex.date.precision <= CL_PREC_YEAR) {
			cl_date_format(buf, sizeof(buf), &c->timex.date);
			info->reference_date = dup(doc, buf);
			info->reference_reason = cl_narrative_reason_name(c->narrative_reason);
			return;
		}
	}
	if (st->date.precision == CL_PREC_NONE || !st->near)
		return;
	cl_date_format(buf, sizeof(buf), &st->date);
	info->reference_date = dup(doc, buf);
	info->reference_reason = st->why == CL_REF_SETTING ? "setting" : "carried";
}

int cl_result_sentences(cl_result *r, const cl_sentence_info **sentences, size_t *count)
{
	cl_doc *doc = &r->doc;
	size_t n = doc->tokens.sentences.len, s;
	if (!r->sentences) {
		r->sentences = calloc(n ? n : 1, sizeof(cl_sentence_info));
		if (!r->sentences)
			return CL_ERR_NOMEM;
		for (s = 0; s < n; s++) {
			const cl_sentence *sent = &doc->tokens.sentences.items[s];
			const cl_token *a = &doc->tokens.tokens.items[sent->begin];
			const cl_token *z = &doc->tokens.tokens.items[sent->end - 1];
			cl_sentence_info *info = &r->sentences[s];
			info->offset = a->off;
			info->length = z->off + z->len - a->off;
			info->text = doc->text.orig + a->off;
			cl_text_position(&doc->text, a->off, &info->line, &info->column);
			sentence_date(doc, (uint32_t)s, info);
		}
	}
	*sentences = r->sentences;
	*count = n;
	return CL_OK;
}

const char *cl_result_name(const cl_result *r)
{
	return r->doc.name;
}

const char *cl_result_line(const cl_result *r, int line, size_t *len)
{
	const cl_text *t = &r->doc.text;
	size_t start, end;
	*len = 0;
	if (!t->line_starts)
		return NULL; /* checked in sections: no text is kept */
	if (line < 1 || (size_t)line > t->line_count) {
		*len = 0;
		return "";
	}
	start = t->line_starts[line - 1];
	end = (size_t)line < t->line_count ? t->line_starts[line] : t->len;
	while (end > start && (t->orig[end - 1] == '\n' || t->orig[end - 1] == '\r'))
		end--;
	*len = end - start;
	return t->orig + start;
}

/* "that", "which", "who", "because": a clause of its own begins there. */
static bool opens_subclause(const cl_tokens *t, size_t i, bool relative)
{
	static const char *const words[] = { "although", "because", "though", "whereas" };
	static const char *const relatives[] = { "that", "which", "who", "whom", "whose" };
	size_t k;
	for (k = 0; k < sizeof(words) / sizeof(*words); k++)
		if (cl_tok_is(t, i, words[k]))
			return true;
	for (k = 0; relative && k < sizeof(relatives) / sizeof(*relatives); k++)
		if (cl_tok_is(t, i, relatives[k]))
			return true;
	return false;
}

/* Between a date and a later token, a relative pronoun opens the token's own
 * clause ("the protocol that Molotov signed in August 1939"); after the token,
 * it describes the token ("KGB agents who killed Trotsky in 1940"). */
static bool separated_from(const cl_tokens *t, size_t from, size_t to, bool date_first)
{
	size_t i;
	for (i = from; i < to; i++)
		if (clause_separator(t, i) || opens_subclause(t, i, date_first))
			return true;
	return false;
}

static bool verb_like(const cl_doc *doc, size_t i)
{
	const cl_token *k = &doc->tokens.tokens.items[i];
	const char *s = doc->text.prose + k->off;
	static const char *const auxiliaries[] = { "are", "had", "has", "have", "is", "was", "were" };
	size_t a;
	for (a = 0; a < sizeof(auxiliaries) / sizeof(*auxiliaries); a++)
		if (cl_word_eq(s, k->len, auxiliaries[a]))
			return true;
	if (k->flags & CL_TF_CAP)
		return false;
	return cl_is_action_verb(s, k->len) || (k->len >= 4 && s[k->len - 2] == 'e' && s[k->len - 1] == 'd');
}

/* "In 1956, ...", "By the end of 1941, ...", "Zhukov at Khalkhin Gol in August
 * 1939: ...": the date's own clause, without a verb, only sets the time of the
 * sentence; "As Conquest showed in 1968, ..." is a clause about something else. */
static bool time_adverbial(const cl_doc *doc, const cl_xclaim *c)
{
	const cl_tokens *t = &doc->tokens;
	const cl_sentence *sent = &t->sentences.items[c->sentence];
	size_t b = c->tok_begin, e = c->tok_end, i, words = 0;
	while (b > sent->begin && !clause_separator(t, b - 1))
		b--;
	while (e < sent->end && !clause_separator(t, e))
		e++;
	for (i = b; i < e; i++)
		if ((i < c->tok_begin || i >= c->tok_end) && t->tokens.items[i].type == CL_TOK_WORD &&
		    !(doc->tok_used[i] & CL_USED_DATE) &&
		    (++words > 8 || opens_subclause(t, i, true) || verb_like(doc, i)))
			return false;
	return true;
}

bool cl_setting_date(const cl_doc *doc, size_t tok, cl_date *date, cl_span *span, bool *own_sentence)
{
	const cl_tokens *t = &doc->tokens;
	uint32_t s = t->tokens.items[tok].sentence;
	size_t begin = t->sentences.items[s].begin, end = t->sentences.items[s].end;
	size_t k;
	const cl_xclaim *best = NULL, *before = NULL;
	for (k = cl_claims_from_token(doc, begin); k < doc->sorted_claims && doc->claims.items[k].tok_begin < end; k++) {
		const cl_xclaim *c = &doc->claims.items[k];
		bool separated = false;
		if (!usable_date(c) || !(c->timex.moves_narrative || c->timex.local) || c->timex.is_range ||
		    c->timex.date.precision > CL_PREC_YEAR)
			continue;
		if (c->header) { /* "**St Petersburg, 2 December 1991**": the header's date rules */
			best = c;
			break;
		}
		if (c->tok_end <= tok) {
			separated = separated_from(t, c->tok_end, tok, true);
			if (!separated || time_adverbial(doc, c))
				before = c;
		} else {
			separated = separated_from(t, tok, c->tok_begin, c->timex.local);
		}
		if (!separated && (!best || c->tok_end <= tok))
			best = c;
	}
	if (!best)
		best = before;
	if (best) {
		claim_span(best, date, span);
		*own_sentence = true;
		return true;
	}
	*own_sentence = false;
	return reference_date(doc, s, date, span);
}

bool cl_counterfactual(const cl_doc *doc, size_t tok)
{
	const cl_tokens *t = &doc->tokens;
	size_t b, e, i;
	cl_sentence_bounds(doc, tok, &b, &e);
	/* "Had Kennedy lost in 1960, ...", "If Barbarossa had begun in May ..." */
	if (cl_tok_is(t, b, "had") || cl_tok_is(t, b, "if") || cl_tok_is(t, b, "were"))
		return true;
	for (i = b; i + 1 < e; i++)
		if ((cl_tok_is(t, i, "would") || cl_tok_is(t, i, "might") || cl_tok_is(t, i, "could")) &&
		    cl_tok_is(t, i + 1, "have"))
			return true;
	return false;
}

bool cl_inside_quotes(const cl_doc *doc, size_t tok)
{
	return (doc->tokens.tokens.items[tok].flags & CL_TF_QUOTED) != 0;
}

bool cl_window_has(const cl_doc *doc, size_t begin, size_t end, bool (*word_class)(const char *, size_t))
{
	const cl_tokens *t = &doc->tokens;
	size_t i;
	for (i = begin; i < end && i < t->tokens.len; i++) {
		const cl_token *k = &t->tokens.items[i];
		if (k->type == CL_TOK_WORD && word_class(doc->text.prose + k->off, k->len))
			return true;
	}
	return false;
}

void cl_sentence_bounds(const cl_doc *doc, size_t tok, size_t *begin, size_t *end)
{
	const cl_sentence *s = &doc->tokens.sentences.items[doc->tokens.tokens.items[tok].sentence];
	*begin = s->begin;
	*end = s->end;
}

bool cl_claim_in_sentence(const cl_doc *doc, size_t tok, cl_claim_kind kind, int fact, size_t *found)
{
	size_t b, e, k;
	cl_sentence_bounds(doc, tok, &b, &e);
	for (k = cl_claims_from_token(doc, b); k < doc->sorted_claims && doc->claims.items[k].tok_begin < e; k++)
		if (doc->claims.items[k].kind == kind && doc->claims.items[k].fact == fact && doc->claims.items[k].tok_begin != tok) {
			if (found)
				*found = k;
			return true;
		}
	return false;
}
