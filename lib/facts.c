/* facts.c - offices, events, places, states and organisations, and terms named
 * in the text, found by a lookup keyed on their first token (no pattern per
 * name, so the cost per token does not grow with the database). */
#include <string.h>
#include "internal.h"

static const cl_token *tk(const cl_doc *doc, size_t i)
{
	return &doc->tokens.tokens.items[i];
}

cl_fact_kind cl_claim_fact_kind(cl_claim_kind kind)
{
	switch (kind) {
	case CL_CLAIM_OFFICE:
		return CL_KIND_OFFICE;
	case CL_CLAIM_EVENT:
		return CL_KIND_EVENT;
	case CL_CLAIM_PLACE:
		return CL_KIND_PLACE;
	case CL_CLAIM_ENTITY:
		return CL_KIND_ENTITY;
	case CL_CLAIM_TERM:
		return CL_KIND_TERM;
	default:
		return CL_KIND_COUNT;
	}
}

static cl_claim_kind claim_kind_of(cl_fact_kind kind)
{
	switch (kind) {
	case CL_KIND_OFFICE:
		return CL_CLAIM_OFFICE;
	case CL_KIND_EVENT:
		return CL_CLAIM_EVENT;
	case CL_KIND_PLACE:
		return CL_CLAIM_PLACE;
	case CL_KIND_ENTITY:
		return CL_CLAIM_ENTITY;
	default:
		return CL_CLAIM_TERM;
	}
}

/* A name written with capitals in the database is a proper name: the text must
 * capitalise its first word after an article ("the Soviet Union"). */
static bool case_fits(const cl_doc *doc, size_t begin, size_t end, const cl_name_entry *e)
{
	size_t i;
	if (!e->has_capital)
		return true;
	for (i = begin; i < end; i++) {
		const cl_token *t = tk(doc, i);
		if (t->type != CL_TOK_WORD || (i + 1 < end && cl_tok_is(&doc->tokens, i, "the")))
			continue;
		return (t->flags & CL_TF_CAP) != 0;
	}
	return false;
}

static int emit(cl_doc *doc, size_t begin, size_t end, const cl_name_entry *e)
{
	cl_xclaim c;
	size_t k;
	memset(&c, 0, sizeof(c));
	c.kind = claim_kind_of(e->kind);
	c.tok_begin = begin;
	c.tok_end = end;
	c.offset = tk(doc, begin)->off;
	c.length = tk(doc, end - 1)->off + tk(doc, end - 1)->len - c.offset;
	c.sentence = tk(doc, begin)->sentence;
	c.who.db_index = c.who.doc_index = -1;
	c.fact = e->index;
	c.fact_sub = e->sub;
	for (k = begin; k < end; k++)
		doc->tok_used[k] |= CL_USED_FACT;
	return cl_claims_add(doc, &c);
}

/* The longest name starting at token i; 0 when none, else the token after it. */
static size_t match_at(cl_doc *doc, size_t i, bool after_people, int *rc)
{
	const cl_token *t = tk(doc, i);
	size_t n, k, j, end;
	const cl_name_entry *const *e = cl_db_fact_names_starting(doc->db, doc->text.prose + t->off, t->len, &n);
	for (k = 0; k < n; k++) {
		bool single = e[k]->word_count == 1;
		/* a work's title is a citation (citations.c), never an event or a term */
		if (e[k]->kind == CL_KIND_WORK)
			continue;
		if (!cl_name_matches(doc, i, e[k]->words, e[k]->kind == CL_KIND_EVENT, &end) ||
		    !case_fits(doc, i, end, e[k]))
			continue;
		/* a single word some person bears waits until people are found */
		if (single && e[k]->has_capital && cl_db_names_a_person(doc->db, doc->text.prose + t->off, t->len) != after_people)
			continue;
		if (after_people && !single)
			continue;
		*rc = emit(doc, i, end, e[k]);
		/* "the Cold War" is an event and a coined word: both are claims */
		for (j = k + 1; j < n && *rc == CL_OK && e[k]->kind != CL_KIND_TERM; j++) {
			size_t end2;
			if (e[j]->kind == CL_KIND_TERM && cl_name_matches(doc, i, e[j]->words, false, &end2) &&
			    end2 == end) {
				*rc = emit(doc, i, end, e[j]);
				break;
			}
		}
		return end;
	}
	return 0;
}

int cl_extract_facts(cl_doc *doc, bool after_people)
{
	size_t i = 0, n = doc->tokens.tokens.len, next;
	int rc = CL_OK;
	while (i < n && rc == CL_OK) {
		next = 0;
		if (tk(doc, i)->type != CL_TOK_PUNCT && !doc->tok_used[i])
			next = match_at(doc, i, after_people, &rc);
		i = next ? next : i + 1;
	}
	return rc;
}
