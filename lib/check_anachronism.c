/* check_anachronism.c - names used at a date when they were not yet, or no
 * longer, right: anachronism-place (a city under a name it did not bear then),
 * anachronism-entity (a state or organisation before its founding or acting
 * after its dissolution) and anachronism-term (a coined word or a technology in
 * a scene set before it existed). */
#include <string.h>
#include <strings.h>
#include "internal.h"

#define FOREVER (1L << 40)

static const cl_token *tk(const cl_doc *doc, size_t i)
{
	return &doc->tokens.tokens.items[i];
}

static cl_span period_span(const cl_period *p)
{
	cl_span s = { 0, FOREVER };
	if (p->from.precision != CL_PREC_NONE)
		s.first = cl_date_span(&p->from).first;
	if (p->to.precision != CL_PREC_NONE)
		s.last = cl_date_span(&p->to).last;
	return s;
}

/* The widest reading of a fact date: its main date and alternatives. */
static cl_span fact_span(const cl_fact_date *f)
{
	cl_span s = cl_date_span(&f->date), a;
	int k;
	for (k = 0; k < f->alt_count; k++) {
		a = cl_date_span(&f->alt[k].date);
		if (a.first < s.first)
			s.first = a.first;
		if (a.last > s.last)
			s.last = a.last;
	}
	return s;
}

static bool official_name(const cl_doc *doc, const cl_xclaim *c, const cl_place_name *n)
{
	return strlen(n->name) == c->length && strncasecmp(n->name, doc->text.orig + c->offset, c->length) == 0;
}

static bool same_name(const cl_doc *doc, const cl_xclaim *c, const cl_place_name *n)
{
	size_t k;
	const char *text = doc->text.orig + c->offset;
	if (official_name(doc, c, n))
		return true;
	for (k = 0; k < n->alias_count; k++)
		if (strlen(n->aliases[k]) == c->length && strncasecmp(n->aliases[k], text, c->length) == 0)
			return true;
	return false;
}

/* The setting date of a claim, when the text places it there. An essay's or a
 * forum post's narrator may name the past by later names: only a date in the
 * same sentence binds there; in a manuscript the scene's date does. */
static bool placed_at(const cl_doc *doc, const cl_xclaim *c, cl_date *at, cl_span *span)
{
	bool own;
	if (!cl_setting_date(doc, c->tok_begin, at, span, &own))
		return false;
	return own || doc->opts->kind == CL_KIND_MANUSCRIPT;
}

/* "the Siege of Leningrad", "the Leningrad Front", "Leningrad (now Saint Petersburg)" */
static bool inside_other_name(const cl_doc *doc, const cl_xclaim *c)
{
	size_t e = c->tok_end;
	/* "the siege of Leningrad", "the Sword of Stalingrad" */
	if (c->tok_begin >= 2 && cl_tok_is(&doc->tokens, c->tok_begin - 1, "of") &&
	    tk(doc, c->tok_begin - 2)->type == CL_TOK_WORD &&
	    (cl_is_event_head(doc->text.prose + tk(doc, c->tok_begin - 2)->off, tk(doc, c->tok_begin - 2)->len) ||
	     ((tk(doc, c->tok_begin - 2)->flags & CL_TF_CAP) &&
	      c->tok_begin - 2 != doc->tokens.sentences.items[c->sentence].begin)))
		return true;
	if (e < doc->tokens.tokens.len && tk(doc, e)->type == CL_TOK_WORD && (tk(doc, e)->flags & CL_TF_CAP) &&
	    tk(doc, e)->sentence == tk(doc, c->tok_begin)->sentence && !(tk(doc, c->tok_end - 1)->flags & CL_TF_POSSESSIVE))
		return true;
	/* "Prince Lvov": a person the database lacks, named by title */
	if (c->tok_begin > 0 && tk(doc, c->tok_begin - 1)->type == CL_TOK_WORD &&
	    cl_is_title_word(doc->text.prose + tk(doc, c->tok_begin - 1)->off, tk(doc, c->tok_begin - 1)->len))
		return true;
	return cl_tok_punct(&doc->tokens, e, '(') || (c->tok_begin > 0 && cl_tok_punct(&doc->tokens, c->tok_begin - 1, '('));
}

static bool naming_word(const char *s, size_t len)
{
	return cl_word_eq(s, len, "name") || cl_word_eq(s, len, "named") || cl_word_eq(s, len, "names") ||
	       cl_word_eq(s, len, "called") || cl_word_eq(s, len, "referendum") || cl_word_eq(s, len, "still");
}

static bool explained(const cl_doc *doc, const cl_xclaim *c)
{
	size_t b, e;
	cl_sentence_bounds(doc, c->tok_begin, &b, &e);
	return cl_window_has(doc, b, e, cl_is_retrospective_word) || cl_window_has(doc, b, e, cl_is_origin_word) ||
	       cl_window_has(doc, b, e, naming_word);
}

/* "Kirov took over Leningrad": a one-word place that is also a person's name
 * is the place only after a preposition of place ("exiled to Gorky"); "at
 * Gorky, the estate outside Moscow" explains which place is meant. */
static bool person_or_explained(const cl_doc *doc, const cl_xclaim *c)
{
	static const char *const locatives[] = { "across", "around", "at", "from", "in", "into", "near", "outside",
		"through", "to", "toward", "towards", "via" };
	const cl_tokens *t = &doc->tokens;
	size_t k;
	bool located = false;
	if (cl_tok_punct(t, c->tok_end, ',') && cl_tok_is(t, c->tok_end + 1, "the") && c->tok_end + 2 < t->tokens.len &&
	    t->tokens.items[c->tok_end + 2].type == CL_TOK_WORD && !(t->tokens.items[c->tok_end + 2].flags & CL_TF_CAP))
		return true;
	if (c->tok_end - c->tok_begin != 1 || !cl_db_names_a_person(doc->db, cl_tok_text(t, c->tok_begin),
								   t->tokens.items[c->tok_begin].len))
		return false;
	for (k = 0; c->tok_begin > 0 && k < sizeof(locatives) / sizeof(*locatives); k++)
		located |= cl_tok_is(t, c->tok_begin - 1, locatives[k]);
	return !located;
}

static int check_place(cl_doc *doc, const cl_xclaim *c)
{
	const cl_place *p = cl_db_fact(doc->db, CL_KIND_PLACE, (size_t)c->fact);
	cl_date at;
	cl_span span;
	size_t k, right = SIZE_MAX;
	char msg[512];
	if (!placed_at(doc, c, &at, &span) || inside_other_name(doc, c) || explained(doc, c) ||
	    person_or_explained(doc, c) ||
	    cl_claim_in_sentence(doc, c->tok_begin, CL_CLAIM_PLACE, c->fact, NULL))
		return CL_OK;
	for (k = 0; k < p->name_count; k++) {
		cl_span v = period_span(&p->names[k].valid);
		if (same_name(doc, c, &p->names[k]) && v.first <= span.last)
			return CL_OK; /* the name was right on some day of the date, or is an old
				       * name still in use: only a name not yet given is wrong */
		if (span.first >= v.first && span.last <= v.last)
			right = k;
	}
	if (right == SIZE_MAX)
		return CL_OK; /* the date straddles a renaming */
	/* an official name given later, not a language's own form ("Lvov") */
	for (k = 0; k < p->name_count && !official_name(doc, c, &p->names[k]); k++)
		;
	if (k == p->name_count)
		return CL_OK;
	snprintf(msg, sizeof(msg), "the place was called %s %s", p->names[right].name,
		 cl_date_with_preposition(&doc->arena, &at));
	{
		cl_span real = period_span(&p->names[right].valid);
		bool divergent = cl_after_pod(doc, &span, &real);
		return cl_finding_add(doc, divergent ? "divergence" : "anachronism-place",
				      divergent ? CL_SEV_INFO : CL_SEV_WARNING, c->offset, c->length, msg,
				      cl_arena_strndup(&doc->arena, doc->text.orig + c->offset, c->length),
				      p->names[right].name,
				      cl_fact_evidence(doc, p->head.id, p->head.qid, p->head.file, p->head.line),
				      p->names[right].name);
	}
}

/* An entity that is the subject of an action verb, or that qualifies people or
 * arms ("NATO troops", "KGB agents"). */
static bool entity_acts(const cl_doc *doc, const cl_xclaim *c)
{
	static const char *const heads[] = { "troops", "forces", "agents", "officers", "soldiers", "tanks",
		"aircraft", "units", "army", "armies", "officials", "delegation", "delegates", "men", "ships" };
	size_t e = c->tok_end, k;
	if (e >= doc->tokens.tokens.len)
		return false;
	for (k = 0; k < sizeof(heads) / sizeof(*heads); k++)
		if (cl_tok_is(&doc->tokens, e, heads[k]))
			return true;
	return tk(doc, e)->type == CL_TOK_WORD && cl_is_action_verb(doc->text.prose + tk(doc, e)->off, tk(doc, e)->len);
}

static const cl_entity *entity_by_id(const cl_doc *doc, const char *id)
{
	size_t n = cl_db_fact_count(doc->db, CL_KIND_ENTITY), k;
	for (k = 0; id && k < n; k++) {
		const cl_entity *e = cl_db_fact(doc->db, CL_KIND_ENTITY, k);
		if (strcmp(e->head.id, id) == 0)
			return e;
	}
	return NULL;
}

static bool existed(const cl_entity *e, const cl_span *at)
{
	cl_span from = e->founded.date.precision != CL_PREC_NONE ? fact_span(&e->founded) : (cl_span){ 0, 0 };
	cl_span to = e->dissolved.date.precision != CL_PREC_NONE ? fact_span(&e->dissolved) : (cl_span){ FOREVER, FOREVER };
	return at->first >= from.first && at->last <= to.last;
}

/* A predecessor or successor that existed at the date: the name to use instead. */
static const char *name_then(const cl_doc *doc, const cl_entity *e, const cl_span *at, bool before)
{
	const char *const *ids = before ? e->predecessors : e->successors;
	size_t n = before ? e->predecessor_count : e->successor_count, k;
	for (k = 0; k < n; k++) {
		const cl_entity *o = entity_by_id(doc, ids[k]);
		if (o && existed(o, at))
			return o->head.name;
	}
	return NULL;
}

/* "On 15 March 1939 German troops entered Prague; the next day the Protectorate
 * ...": some date of the sentence reaches the founding. */
static bool date_in_sentence_after(const cl_doc *doc, const cl_xclaim *c, long day)
{
	size_t b, e, k;
	cl_sentence_bounds(doc, c->tok_begin, &b, &e);
	for (k = cl_claims_from_token(doc, b); k < doc->sorted_claims && doc->claims.items[k].tok_begin < e; k++) {
		const cl_xclaim *d = &doc->claims.items[k];
		if (d->kind == CL_CLAIM_DATE && !d->timex.unresolved && d->timex.date.precision != CL_PREC_NONE &&
		    cl_date_span(&d->timex.date).last >= day)
			return true;
	}
	return false;
}

static int check_entity(cl_doc *doc, const cl_xclaim *c)
{
	const cl_entity *e = cl_db_fact(doc->db, CL_KIND_ENTITY, (size_t)c->fact);
	cl_date at;
	cl_span span;
	bool before, after;
	const char *other;
	char msg[512];
	if (!placed_at(doc, c, &at, &span) || explained(doc, c) || cl_inside_quotes(doc, c->tok_begin))
		return CL_OK;
	/* a state or organisation is discussed before it exists ("the demand for
	 * Pakistan") and written about after its end: only acting counts */
	if (!entity_acts(doc, c) || date_in_sentence_after(doc, c, fact_span(&e->founded).first))
		return CL_OK;
	before = e->founded.date.precision != CL_PREC_NONE && span.last < fact_span(&e->founded).first;
	after = e->dissolved.date.precision != CL_PREC_NONE && span.first > fact_span(&e->dissolved).last;
	if (!before && !after)
		return CL_OK;
	other = name_then(doc, e, &span, before);
	if (before)
		snprintf(msg, sizeof(msg), "%s did not exist %s: founded %s%s%s", e->head.name,
			 cl_date_with_preposition(&doc->arena, &at), cl_date_human(&doc->arena, &e->founded.date),
			 other ? "; then: " : "", other ? other : "");
	else
		snprintf(msg, sizeof(msg), "%s no longer existed %s: dissolved %s%s%s", e->head.name,
			 cl_date_with_preposition(&doc->arena, &at), cl_date_human(&doc->arena, &e->dissolved.date),
			 other ? "; then: " : "", other ? other : "");
	{
		cl_span real = cl_date_span(before ? &e->founded.date : &e->dissolved.date);
		bool divergent = cl_after_pod(doc, &span, &real);
		return cl_finding_add(doc, divergent ? "divergence" : "anachronism-entity",
				      divergent ? CL_SEV_INFO : CL_SEV_WARNING, c->offset, c->length, msg,
				      cl_arena_strndup(&doc->arena, doc->text.orig + c->offset, c->length),
				      cl_arena_printf(&doc->arena, "%s %s", before ? "founded" : "dissolved",
						      cl_date_human(&doc->arena,
								    before ? &e->founded.date : &e->dissolved.date)),
				      cl_fact_evidence(doc, e->head.id, e->head.qid, e->head.file, e->head.line), NULL);
	}
}

static int check_term(cl_doc *doc, const cl_xclaim *c)
{
	const cl_term *t = cl_db_fact(doc->db, CL_KIND_TERM, (size_t)c->fact);
	cl_date at;
	cl_span span;
	bool own = false, quoted;
	char msg[512];
	if (t->first.date.precision == CL_PREC_NONE)
		return CL_OK;
	quoted = cl_inside_quotes(doc, c->tok_begin);
	/* "'...genocide...,' the minister said in 1935": the speech's own date follows it */
	bool placed = cl_setting_date(doc, c->tok_begin, &at, &span, &own);
	if (!placed || (!own && quoted)) {
		size_t b, e, k;
		cl_sentence_bounds(doc, c->tok_begin, &b, &e);
		for (k = cl_claims_from_token(doc, c->tok_end); k < doc->sorted_claims && doc->claims.items[k].tok_begin < e; k++) {
			const cl_xclaim *d = &doc->claims.items[k];
			if (d->kind == CL_CLAIM_DATE && (d->timex.moves_narrative || d->timex.local) &&
			    !d->timex.unresolved &&
			    d->timex.date.precision != CL_PREC_NONE && d->timex.date.precision <= CL_PREC_YEAR) {
				at = d->timex.date;
				span = cl_date_span(&at);
				own = true;
				break;
			}
		}
		if (!own && !(placed && doc->opts->kind == CL_KIND_MANUSCRIPT))
			return CL_OK;
	}
	/* the narrator of an essay uses today's words; a character speaking, or a
	 * story's scene, uses the words of its time */
	if (doc->opts->kind == CL_KIND_MANUSCRIPT ? false : !(quoted && own))
		return CL_OK;
	if (span.last >= fact_span(&t->first).first)
		return CL_OK;
	if (!quoted && explained(doc, c))
		return CL_OK;
	snprintf(msg, sizeof(msg), "\"%s\" %s %s, after the date of this passage (%s)", t->head.name,
		 strcmp(t->basis, "coined") == 0 ? "was coined" : strcmp(t->type, "word") == 0 ? "is first attested" :
										  "first appeared",
		 cl_date_with_preposition(&doc->arena, &t->first.date), cl_date_human(&doc->arena, &at));
	return cl_finding_add(doc, "anachronism-term", CL_SEV_WARNING, c->offset, c->length, msg,
			      cl_arena_strndup(&doc->arena, doc->text.orig + c->offset, c->length),
			      cl_arena_printf(&doc->arena, "%s %s (%s)", t->head.name,
					      cl_date_human(&doc->arena, &t->first.date), t->basis),
			      cl_fact_evidence(doc, t->head.id, t->head.qid, t->head.file, t->head.line), NULL);
}

int cl_check_anachronism(cl_doc *doc, size_t index)
{
	const cl_xclaim *c = &doc->claims.items[index];
	switch (c->kind) {
	case CL_CLAIM_PLACE:
		return check_place(doc, c);
	case CL_CLAIM_ENTITY:
		return check_entity(doc, c);
	case CL_CLAIM_TERM:
		return check_term(doc, c);
	default:
		return CL_OK;
	}
}
