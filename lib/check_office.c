/* check_office.c - office-tenure: a title used of a person ("President Truman",
 * "Marshal Zhukov") in a sentence set outside every tenure the person had of an
 * office with that title. Titles of offices the person never held, and
 * retrospective phrasing ("the future president", "Truman, who became
 * president in 1945"), give no finding. */
#include <string.h>
#include "internal.h"

static const cl_token *tk(const cl_doc *doc, size_t i)
{
	return &doc->tokens.tokens.items[i];
}

/* Do the tokens just before `end` spell the title (case-insensitive)? Sets *begin. */
static bool title_before(const cl_doc *doc, size_t end, const char *title, size_t *begin)
{
	int count;
	cl_arena scratch = { 0 };
	const char *words = cl_db_name_words(&scratch, title, &count);
	size_t b, e, end_tok;
	bool ok = false;
	cl_sentence_bounds(doc, end, &b, &e);
	if (words && (size_t)count <= end - b) {
		size_t start = end - (size_t)count;
		ok = cl_name_matches(doc, start, words, false, &end_tok) && end_tok == end &&
		     (tk(doc, start)->flags & CL_TF_CAP);
		*begin = start;
	}
	cl_arena_free(&scratch);
	return ok;
}

static bool held_then(const cl_office *o, int person, const cl_span *at)
{
	size_t k;
	for (k = 0; k < o->tenure_count; k++) {
		const cl_tenure *t = &o->tenures[k];
		cl_span from, to;
		if (t->person != person)
			continue;
		from = cl_date_span(&t->held.from);
		to = t->held.to.precision != CL_PREC_NONE ? cl_date_span(&t->held.to) : (cl_span){ from.first, 1L << 40 };
		if (t->held.from.precision == CL_PREC_NONE)
			from.first = 0;
		if (at->last >= from.first && at->first <= to.last)
			return true;
	}
	return false;
}

static bool ever_held(const cl_office *o, int person)
{
	size_t k;
	for (k = 0; k < o->tenure_count; k++)
		if (o->tenures[k].person == person)
			return true;
	return false;
}

/* The start of the person's first tenure of the office: what real history says. */
static cl_span first_tenure(const cl_office *o, int person)
{
	size_t k;
	for (k = 0; k < o->tenure_count; k++)
		if (o->tenures[k].person == person)
			return cl_date_span(&o->tenures[k].held.from);
	return (cl_span){ 0, 0 };
}

static bool after_last_tenure(const cl_office *o, int person, const cl_span *at)
{
	size_t k;
	for (k = 0; k < o->tenure_count; k++) {
		const cl_tenure *t = &o->tenures[k];
		if (t->person == person && (t->held.to.precision == CL_PREC_NONE || cl_date_span(&t->held.to).last >= at->first))
			return false;
	}
	return true;
}

/* Who held the office on a day of the span, for the message. */
static const char *holder_then(const cl_doc *doc, const cl_office *o, const cl_span *at)
{
	size_t k;
	for (k = 0; k < o->tenure_count; k++) {
		const cl_tenure *t = &o->tenures[k];
		cl_span from = cl_date_span(&t->held.from), to;
		to = t->held.to.precision != CL_PREC_NONE ? cl_date_span(&t->held.to) : (cl_span){ from.first, 1L << 40 };
		if (t->person >= 0 && at->first >= from.first && at->last <= to.last)
			return cl_db_person(doc->db, (size_t)t->person)->name;
	}
	return NULL;
}

static const char *tenures_text(cl_doc *doc, const cl_office *o, int person)
{
	cl_buf b = { 0 };
	size_t k;
	const char *r;
	for (k = 0; k < o->tenure_count; k++) {
		const cl_tenure *t = &o->tenures[k];
		if (t->person != person)
			continue;
		cl_buf_printf(&b, "%s%s", b.len ? "; " : "",
			      t->held.from.precision != CL_PREC_NONE ? cl_date_human(&doc->arena, &t->held.from) : "");
		cl_buf_printf(&b, " to %s", t->held.to.precision != CL_PREC_NONE ?
						    cl_date_human(&doc->arena, &t->held.to) : o->rank ? "death" : "now");
	}
	r = b.ptr ? cl_arena_strndup(&doc->arena, b.ptr, b.len) : "";
	cl_buf_free(&b);
	return r;
}

int cl_check_office(cl_doc *doc, size_t index)
{
	const cl_xclaim *c = &doc->claims.items[index];
	size_t n = cl_db_fact_count(doc->db, CL_KIND_OFFICE), k, t, title_begin = 0, sb, se;
	const cl_office *hit = NULL;
	bool fits = false, own;
	cl_date at;
	cl_span span;
	char msg[768];
	if (c->who.db_index < 0 || c->who_ambiguous || c->tok_begin == 0)
		return CL_OK;
	if (!cl_is_title_word(doc->text.prose + tk(doc, c->tok_begin - 1)->off, tk(doc, c->tok_begin - 1)->len) &&
	    !(doc->tok_used[c->tok_begin - 1] & CL_USED_FACT))
		return CL_OK;
	if (!cl_setting_date(doc, c->tok_begin, &at, &span, &own))
		return CL_OK;
	/* an essay's title may look back from the narrator's time; a scene's may not */
	if (!own && doc->opts->kind != CL_KIND_MANUSCRIPT)
		return CL_OK;
	/* the offices this person held whose title stands before the name: one
	 * that fits the date is enough ("President" names several offices) */
	for (k = 0; k < n && !fits; k++) {
		const cl_office *o = cl_db_fact(doc->db, CL_KIND_OFFICE, k);
		size_t b;
		if (!ever_held(o, c->who.db_index))
			continue;
		for (t = 0; t < o->title_count + 1 + o->head.alias_count; t++) {
			const char *name = t < o->title_count ? o->titles[t] :
					   t == o->title_count ? o->head.name : o->head.aliases[t - o->title_count - 1];
			if (!title_before(doc, c->tok_begin, name, &b))
				continue;
			fits = held_then(o, c->who.db_index, &span);
			if (!hit || b < title_begin) {
				hit = o;
				title_begin = b;
			}
			break;
		}
	}
	if (!hit || fits)
		return CL_OK;
	/* "President Truman's decision" (a legacy), "a film about President Nixon",
	 * "Had Kennedy lost, President Nixon might have ...", and after the last
	 * tenure "President" stays as an American honorific ("the funeral of
	 * President Eisenhower" in 1969); "Chancellor" and "Prime Minister" do not */
	if ((tk(doc, c->tok_end - 1)->flags & CL_TF_POSSESSIVE) ||
	    (title_begin > 0 && cl_tok_is(&doc->tokens, title_begin - 1, "about")) ||
	    cl_counterfactual(doc, c->tok_begin) ||
	    (cl_tok_is(&doc->tokens, c->tok_begin - 1, "president") && after_last_tenure(hit, c->who.db_index, &span)))
		return CL_OK;
	/* "the future President Truman", "former Chancellor Brüning", "who became" */
	cl_sentence_bounds(doc, c->tok_begin, &sb, &se);
	if (cl_window_has(doc, sb, se, cl_is_retrospective_word) || cl_inside_quotes(doc, c->tok_begin))
		return CL_OK;
	{
		const cl_person *p = cl_db_person(doc->db, (size_t)c->who.db_index);
		const char *other = holder_then(doc, hit, &span);
		cl_span real = first_tenure(hit, c->who.db_index);
		bool divergent = cl_after_pod(doc, &span, &real);
		snprintf(msg, sizeof(msg), "%s was not %s %s: %s %s%s%s", p->name, hit->head.name,
			 cl_date_with_preposition(&doc->arena, &at), hit->rank ? "rank held" : "held",
			 tenures_text(doc, hit, c->who.db_index), other ? "; the holder then was " : "",
			 other ? other : "");
		return cl_finding_add(doc, divergent ? "divergence" : "office-tenure",
				      divergent ? CL_SEV_INFO : CL_SEV_WARNING, tk(doc, title_begin)->off,
				      c->offset + c->length - tk(doc, title_begin)->off, msg,
				      cl_arena_strndup(&doc->arena, doc->text.orig + tk(doc, title_begin)->off,
						       c->offset + c->length - tk(doc, title_begin)->off),
				      cl_arena_printf(&doc->arena, "%s %s", hit->head.name, tenures_text(doc, hit, c->who.db_index)),
				      cl_fact_evidence(doc, hit->head.id, hit->head.qid, hit->head.file, hit->head.line), NULL);
	}
}
