/* lifespan.c - statements of birth and death about a person: "Bukharin
 * (1888–1938)", "(born 1888)", "Trotsky was born in 1879", "Lenin died on
 * 21 January 1924", "Stalin's death in 1953", "He was born in 1880". */
#include <string.h>
#include "internal.h"

typedef struct {
	cl_doc *doc;
	const cl_tokens *t;
} ctx;

static const cl_xclaim *date_claim_at(const cl_doc *doc, size_t tok)
{
	size_t k = cl_claims_from_token(doc, tok);
	for (; k < doc->claims.len && doc->claims.items[k].tok_begin == tok; k++)
		if (doc->claims.items[k].kind == CL_CLAIM_DATE && !doc->claims.items[k].timex.is_relative &&
		    doc->claims.items[k].timex.date.precision != CL_PREC_NONE)
			return &doc->claims.items[k];
	return NULL;
}

/* The first explicit date claim within `window` tokens after `tok` in the
 * clause (a semicolon, a full stop or a new verb of another subject ends it). */
static const cl_xclaim *date_after(const cl_doc *doc, size_t tok, size_t window)
{
	size_t i, end = doc->tokens.sentences.items[doc->tokens.tokens.items[tok].sentence].end;
	for (i = tok; i < end && i < tok + window; i++) {
		const cl_xclaim *c = date_claim_at(doc, i);
		if (c)
			return c;
		if (cl_tok_punct(&doc->tokens, i, ';') || cl_tok_is(&doc->tokens, i, "and") ||
		    cl_tok_is(&doc->tokens, i, "but") || cl_tok_is(&doc->tokens, i, "after") ||
		    cl_tok_is(&doc->tokens, i, "before") || cl_tok_is(&doc->tokens, i, "when") ||
		    cl_tok_is(&doc->tokens, i, "aged") || cl_tok_is(&doc->tokens, i, "age"))
			return NULL;
		if (doc->tok_used[i] & CL_USED_AGE)
			return NULL;
	}
	return NULL;
}

static int emit(cl_doc *doc, cl_who who, size_t begin, size_t end, cl_life_kind what, const cl_xclaim *born,
		const cl_xclaim *died)
{
	cl_xclaim c;
	const cl_token *a = &doc->tokens.tokens.items[begin], *z = &doc->tokens.tokens.items[end - 1];
	memset(&c, 0, sizeof(c));
	c.kind = CL_CLAIM_LIFESPAN;
	c.tok_begin = begin;
	c.tok_end = end;
	c.offset = a->off;
	c.length = z->off + z->len - a->off;
	c.sentence = a->sentence;
	c.who = who;
	c.life.what = what;
	if (born) {
		c.life.born = born->timex.date;
		c.life.born_off = born->offset;
		c.life.born_len = born->length;
		c.life.born_tok = born->tok_end - born->tok_begin;
	}
	if (died) {
		c.life.died = died->timex.date;
		c.life.died_off = died->offset;
		c.life.died_len = died->length;
		c.life.died_tok = died->tok_end - died->tok_begin;
	}
	return cl_claims_add(doc, &c);
}

/* "(1888–1938)", "(9 October 1888 – 15 March 1938)", "(born 1888)", "(d. 1938)" */
static int parenthesis(cl_doc *doc, const cl_xclaim *p)
{
	const cl_tokens *t = &doc->tokens;
	size_t i = p->tok_end;
	const cl_xclaim *a, *b;
	cl_life_kind what = CL_LIFE_SPAN;
	if (!cl_tok_punct(t, i, '('))
		return 0;
	i++;
	if (cl_tok_is(t, i, "born") || cl_tok_is(t, i, "b")) {
		what = CL_LIFE_BIRTH;
		i += cl_tok_punct(t, i + 1, '.') ? 2 : 1;
	} else if (cl_tok_is(t, i, "died") || cl_tok_is(t, i, "d")) {
		what = CL_LIFE_DEATH;
		i += cl_tok_punct(t, i + 1, '.') ? 2 : 1;
	}
	if (cl_tok_is(t, i, "c") && cl_tok_punct(t, i + 1, '.'))
		return 0; /* circa dates are not checked */
	if (!(a = date_claim_at(doc, i)))
		return 0;
	if (what == CL_LIFE_SPAN) {
		size_t ai = (size_t)(a - doc->claims.items);
		if (!a->timex.is_range || !cl_tok_dash(t, a->tok_end) || ai + 1 >= doc->claims.len)
			return 0;
		b = date_claim_at(doc, a->tok_end + 1);
		if (!b || !cl_tok_punct(t, b->tok_end, ')'))
			return 0;
		return emit(doc, p->who, p->tok_begin, b->tok_end + 1, CL_LIFE_SPAN, a, b);
	}
	if (!cl_tok_punct(t, a->tok_end, ')'))
		return 0;
	return emit(doc, p->who, p->tok_begin, a->tok_end + 1, what, what == CL_LIFE_BIRTH ? a : NULL,
		    what == CL_LIFE_DEATH ? a : NULL);
}

/* A counterfactual, or a statement the author marks as wrong: "if Lenin had
 * died in 1922", "some sources wrongly say", "it is a myth that". */
static bool conditional_sentence(const cl_doc *doc, size_t from, size_t to)
{
	static const char *const words[] = { "if", "unless", "suppose", "imagine", "had", "wish", "wrongly",
		"mistakenly", "erroneously", "falsely", "incorrectly", "myth", "legend", "rumour", "rumor",
		"rumoured", "rumored", "claimed", "alleged", "allegedly", "not" };
	size_t i, k;
	for (i = from; i < to; i++)
		for (k = 0; k < sizeof(words) / sizeof(*words); k++)
			if (cl_tok_is(&doc->tokens, i, words[k]))
				return true;
	return false;
}

/* A birth or death verb at i: returns the index past it and the kind, or 0. */
static size_t life_verb(const cl_doc *doc, size_t i, cl_life_kind *what)
{
	const cl_tokens *t = &doc->tokens;
	static const char *const violent[] = { "executed", "assassinated", "hanged", "killed", "murdered",
		"beheaded", "guillotined" };
	size_t k;
	if (cl_tok_is(t, i, "died")) {
		*what = CL_LIFE_DEATH;
		return i + 1;
	}
	if (cl_tok_is(t, i, "was") && cl_tok_is(t, i + 1, "born")) {
		*what = CL_LIFE_BIRTH;
		return i + 2;
	}
	if (cl_tok_is(t, i, "was")) {
		for (k = 0; k < sizeof(violent) / sizeof(*violent); k++)
			if (cl_tok_is(t, i + 1, violent[k])) {
				*what = CL_LIFE_DEATH;
				return i + 2;
			}
	}
	return 0;
}

/* "Trotsky was born in 1879", "Lenin, the founder, died on 21 January 1924" */
static int verb_statement(cl_doc *doc, const cl_xclaim *p, cl_who who, size_t subject_end)
{
	const cl_tokens *t = &doc->tokens;
	size_t i = subject_end, after, sb = t->sentences.items[p->sentence].begin;
	cl_life_kind what;
	const cl_xclaim *d;
	/* a short apposition: "Lenin, the founder of the state, died ..." */
	if (cl_tok_punct(t, i, ',')) {
		size_t k;
		for (k = i + 1; k < i + 12 && k < t->sentences.items[p->sentence].end; k++)
			if (cl_tok_punct(t, k, ','))
				break;
		if (!cl_tok_punct(t, k, ','))
			return 0;
		i = k + 1;
	}
	if (!(after = life_verb(doc, i, &what)))
		return 0;
	if (conditional_sentence(doc, sb, i))
		return 0;
	if (!(d = date_after(doc, after, 10)))
		return 0;
	return emit(doc, who, p->tok_begin, d->tok_end, what, what == CL_LIFE_BIRTH ? d : NULL,
		    what == CL_LIFE_DEATH ? d : NULL);
}

/* "Stalin's death in 1953", "the death of Lenin in January 1924" */
static int noun_statement(cl_doc *doc, const cl_xclaim *p)
{
	const cl_tokens *t = &doc->tokens;
	size_t i = p->tok_end, n;
	cl_life_kind what;
	const cl_xclaim *d;
	bool possessive = doc->tokens.tokens.items[p->tok_end - 1].flags & CL_TF_POSSESSIVE;
	if (possessive) {
		n = i;
	} else if (p->tok_begin >= 3 && cl_tok_is(t, p->tok_begin - 1, "of") &&
		   (cl_tok_is(t, p->tok_begin - 2, "death") || cl_tok_is(t, p->tok_begin - 2, "birth") ||
		    cl_tok_is(t, p->tok_begin - 2, "execution") || cl_tok_is(t, p->tok_begin - 2, "assassination"))) {
		n = p->tok_begin - 2;
	} else {
		return 0;
	}
	if (cl_tok_is(t, n, "death") || cl_tok_is(t, n, "execution") || cl_tok_is(t, n, "assassination"))
		what = CL_LIFE_DEATH;
	else if (cl_tok_is(t, n, "birth"))
		what = CL_LIFE_BIRTH;
	else
		return 0;
	if (!possessive)
		n = p->tok_end - 1;
	if (!(cl_tok_is(t, n + 1, "in") || cl_tok_is(t, n + 1, "on")) || !(d = date_claim_at(doc, n + 2)))
		return 0;
	if (d->timex.is_range)
		return 0;
	return emit(doc, p->who, possessive ? p->tok_begin : p->tok_begin - 3, d->tok_end, what,
		    what == CL_LIFE_BIRTH ? d : NULL, what == CL_LIFE_DEATH ? d : NULL);
}

/* "He was born in 1880." with one clear antecedent */
static int pronoun_statements(cl_doc *doc)
{
	const cl_tokens *t = &doc->tokens;
	size_t i;
	for (i = 0; i < t->tokens.len; i++) {
		cl_xclaim pseudo;
		cl_who who = { .db_index = -1, .doc_index = -1 }, alts[4];
		if (!(cl_tok_is(t, i, "he") || cl_tok_is(t, i, "she")))
			continue;
		if (cl_antecedent(doc, i, &who, alts, 4) != 1)
			continue;
		memset(&pseudo, 0, sizeof(pseudo));
		pseudo.tok_begin = i;
		pseudo.tok_end = i + 1;
		pseudo.sentence = t->tokens.items[i].sentence;
		if (verb_statement(doc, &pseudo, who, i + 1))
			return CL_ERR_NOMEM;
	}
	return CL_OK;
}

int cl_extract_lifespans(cl_doc *doc)
{
	size_t k, n = doc->claims.len;
	for (k = 0; k < n; k++) {
		cl_xclaim p = doc->claims.items[k]; /* a copy: adding claims moves the array */
		if (p.kind != CL_CLAIM_PERSON || p.eponym || (p.who.db_index < 0 && p.who.doc_index < 0))
			continue;
		if (parenthesis(doc, &p) || noun_statement(doc, &p))
			return CL_ERR_NOMEM;
		if (!(doc->tokens.tokens.items[p.tok_end - 1].flags & CL_TF_POSSESSIVE) &&
		    verb_statement(doc, &p, p.who, p.tok_end))
			return CL_ERR_NOMEM;
	}
	return pronoun_statements(doc);
}
