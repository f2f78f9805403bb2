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
	size_t i, end;
	/* a verb that ends the text ("He died") has nothing after it */
	if (tok >= doc->tokens.tokens.len)
		return NULL;
	end = doc->tokens.sentences.items[doc->tokens.tokens.items[tok].sentence].end;
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

static int emit_fate(cl_doc *doc, cl_who who, size_t begin, size_t end, cl_life_kind what, cl_fate fate,
		     size_t fate_tok, const cl_xclaim *born, const cl_xclaim *died)
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
	c.life.fate = fate;
	c.life.fate_tok = fate_tok;
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

static int emit(cl_doc *doc, cl_who who, size_t begin, size_t end, cl_life_kind what, const cl_xclaim *born,
		const cl_xclaim *died)
{
	return emit_fate(doc, who, begin, end, what, what == CL_LIFE_DEATH ? CL_FATE_DIED : CL_FATE_NONE, begin,
			 born, died);
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

static bool reflexive(const cl_tokens *t, size_t i)
{
	return cl_tok_is(t, i, "himself") || cl_tok_is(t, i, "herself");
}

/* A birth or death verb at i ("died", "was born", "were executed", "killed
 * himself", "was sentenced to death"): returns the index past it and sets the
 * kind and the fate, or returns 0. "was shot" alone is not a death (Lenin
 * survived it); "had died" points earlier and is not matched. */
static size_t life_verb(const cl_doc *doc, size_t i, cl_life_kind *what, cl_fate *fate)
{
	const cl_tokens *t = &doc->tokens;
	static const char *const executed[] = { "executed", "hanged", "beheaded", "guillotined" };
	static const char *const killed[] = { "assassinated", "killed", "murdered", "poisoned", "strangled" };
	size_t k, v;
	*what = CL_LIFE_DEATH;
	if (cl_tok_is(t, i, "died")) {
		*fate = CL_FATE_DIED;
		return i + 1;
	}
	if (cl_tok_is(t, i, "committed") && cl_tok_is(t, i + 1, "suicide")) {
		*fate = CL_FATE_SUICIDE;
		return i + 2;
	}
	if ((cl_tok_is(t, i, "killed") || cl_tok_is(t, i, "hanged") || cl_tok_is(t, i, "shot")) &&
	    reflexive(t, i + 1)) {
		*fate = CL_FATE_SUICIDE;
		return i + 2;
	}
	if (!cl_tok_is(t, i, "was") && !cl_tok_is(t, i, "were"))
		return 0;
	v = i + 1;
	if (cl_tok_is(t, v, "born") && cl_tok_is(t, i, "was")) {
		*what = CL_LIFE_BIRTH;
		*fate = CL_FATE_NONE;
		return i + 2;
	}
	if (cl_tok_is(t, v, "sentenced") && cl_tok_is(t, v + 1, "to") && cl_tok_is(t, v + 2, "death")) {
		*what = CL_LIFE_SENTENCE;
		*fate = CL_FATE_SENTENCED;
		return v + 3;
	}
	if (cl_tok_is(t, v, "shot") && cl_tok_is(t, v + 1, "dead")) {
		*fate = CL_FATE_EXECUTED;
		return v + 2;
	}
	/* "shot by firing squad", "shot by a firing squad" */
	if (cl_tok_is(t, v, "shot") && cl_tok_is(t, v + 1, "by")) {
		size_t f = cl_tok_is(t, v + 2, "a") || cl_tok_is(t, v + 2, "the") ? v + 3 : v + 2;
		if (cl_tok_is(t, f, "firing") && cl_tok_is(t, f + 1, "squad")) {
			*fate = CL_FATE_EXECUTED;
			return f + 2;
		}
	}
	for (k = 0; k < sizeof(executed) / sizeof(*executed); k++)
		if (cl_tok_is(t, v, executed[k])) {
			*fate = CL_FATE_EXECUTED;
			return v + 1;
		}
	for (k = 0; k < sizeof(killed) / sizeof(*killed); k++)
		if (cl_tok_is(t, v, killed[k])) {
			*fate = CL_FATE_KILLED;
			return v + 1;
		}
	return 0;
}

const char *cl_fate_verb(cl_fate fate)
{
	switch (fate) {
	case CL_FATE_EXECUTED:
		return "was executed";
	case CL_FATE_KILLED:
		return "was killed";
	case CL_FATE_SUICIDE:
		return "killed himself";
	case CL_FATE_SENTENCED:
		return "was sentenced to death";
	default:
		return "died";
	}
}

static bool person_at(const cl_doc *doc, size_t tok, size_t *end)
{
	size_t k = cl_claims_from_token(doc, tok);
	for (; k < doc->claims.len && doc->claims.items[k].tok_begin == tok; k++)
		if (doc->claims.items[k].kind == CL_CLAIM_PERSON && !doc->claims.items[k].eponym) {
			*end = doc->claims.items[k].tok_end;
			return true;
		}
	return false;
}

/* Past the other people of a list the subject heads and a remark on it:
 * "Zhukov, Sokolovsky and Vasilevsky, among others, were hanged". */
static size_t past_subject_list(const cl_doc *doc, size_t i)
{
	const cl_tokens *t = &doc->tokens;
	size_t end;
	for (;;) {
		if (cl_tok_is(t, i, "and") && person_at(doc, i + 1, &end))
			i = end;
		else if (cl_tok_punct(t, i, ',') && person_at(doc, i + 1, &end))
			i = end;
		else if (cl_tok_punct(t, i, ',') && cl_tok_is(t, i + 1, "and") && person_at(doc, i + 2, &end))
			i = end;
		else
			break;
	}
	if (cl_tok_punct(t, i, ',') && (cl_tok_is(t, i + 1, "among") || cl_tok_is(t, i + 1, "amongst")) &&
	    cl_tok_is(t, i + 2, "others") && cl_tok_punct(t, i + 3, ','))
		i += 4;
	return i;
}

/* "Trotsky was born in 1879", "Lenin, the founder, died on 21 January 1924",
 * "Zhukov and Sokolovsky were hanged" (a fate with no date of its own is set
 * at the narrative's date when checked) */
static int verb_statement(cl_doc *doc, const cl_xclaim *p, cl_who who, size_t subject_end)
{
	const cl_tokens *t = &doc->tokens;
	size_t i = past_subject_list(doc, subject_end), after, sb = t->sentences.items[p->sentence].begin;
	cl_life_kind what;
	cl_fate fate;
	const cl_xclaim *d;
	/* a short apposition: "Lenin, the founder of the state, died ..." */
	if (i == subject_end && cl_tok_punct(t, i, ',')) {
		size_t k;
		for (k = i + 1; k < i + 12 && k < t->sentences.items[p->sentence].end; k++)
			if (cl_tok_punct(t, k, ','))
				break;
		if (!cl_tok_punct(t, k, ','))
			return 0;
		i = k + 1;
	}
	if (!(after = life_verb(doc, i, &what, &fate)))
		return 0;
	if (conditional_sentence(doc, sb, i))
		return 0;
	d = date_after(doc, after, 10);
	/* "'Molotov was executed,' the broadcast lied in 1957": the date is not the quotation's */
	if (d && cl_inside_quotes(doc, i) != cl_inside_quotes(doc, d->tok_begin))
		d = NULL;
	if (!d && (fate == CL_FATE_NONE || cl_inside_quotes(doc, i)))
		return 0;
	return emit_fate(doc, who, p->tok_begin, d ? d->tok_end : after, what, fate, i,
			 what == CL_LIFE_BIRTH ? d : NULL, what != CL_LIFE_BIRTH ? d : NULL);
}

/* A list of what befell people, one per line: "Nikita Khrushchev: sentenced
 * to death", "Marshal Zhukov: hanged". */
static int list_item(cl_doc *doc, const cl_xclaim *p)
{
	const cl_tokens *t = &doc->tokens;
	size_t i = p->tok_end, n = t->tokens.len, end, start = p->tok_begin;
	const cl_token *first;
	/* titles may come before the name at the line's start */
	while (start > 0 && !(t->tokens.items[start].flags & CL_TF_LINESTART) && p->tok_begin - start < 3 &&
	       t->tokens.items[start - 1].type == CL_TOK_WORD)
		start--;
	first = &t->tokens.items[start];
	if (!(first->flags & CL_TF_LINESTART) || !cl_tok_punct(t, i, ':'))
		return 0;
	for (i++; i < n && !(t->tokens.items[i].flags & CL_TF_LINESTART); i++) {
		cl_life_kind what;
		cl_fate fate;
		size_t after;
		if (person_at(doc, i, &end))
			return 0;
		if (cl_tok_is(t, i, "sentenced") && cl_tok_is(t, i + 1, "to") && cl_tok_is(t, i + 2, "death") &&
		    !(t->tokens.items[i + 1].flags & CL_TF_LINESTART))
			return emit_fate(doc, p->who, p->tok_begin, i + 3, CL_LIFE_SENTENCE, CL_FATE_SENTENCED, i,
					 NULL, NULL);
		if (cl_tok_is(t, i, "executed") || cl_tok_is(t, i, "hanged") || cl_tok_is(t, i, "died")) {
			fate = cl_tok_is(t, i, "died") ? CL_FATE_DIED : CL_FATE_EXECUTED;
			return emit_fate(doc, p->who, p->tok_begin, i + 1, CL_LIFE_DEATH, fate, i, NULL, NULL);
		}
		if ((after = life_verb(doc, i, &what, &fate)) != 0 && what != CL_LIFE_BIRTH)
			return emit_fate(doc, p->who, p->tok_begin, after, what, fate, i, NULL, NULL);
	}
	return 0;
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

/* ---- groups: "the three men were given a court martial ... they were hanged" */

#define MAX_GROUP 9

typedef struct {
	int members[MAX_GROUP];  /* db people */
	int count;
	size_t paragraph;        /* the token that opens the paragraph it was named in */
} group;

static size_t paragraph_start(const cl_doc *doc, size_t tok)
{
	while (tok > 0 && !(doc->tokens.tokens.items[tok].flags & CL_TF_PARAGRAPH))
		tok--;
	return tok;
}

static bool participle(const cl_doc *doc, size_t i)
{
	static const char *const irregular[] = { "given", "held", "joined", "known", "led", "seized", "shot",
		"taken", "victims" };
	const cl_token *t;
	size_t k;
	if (i >= doc->tokens.tokens.len || doc->tokens.tokens.items[i].type != CL_TOK_WORD)
		return false;
	t = &doc->tokens.tokens.items[i];
	for (k = 0; k < sizeof(irregular) / sizeof(*irregular); k++)
		if (cl_tok_is(&doc->tokens, i, irregular[k]))
			return true;
	return t->len > 4 && memcmp(doc->text.prose + t->off + t->len - 2, "ed", 2) == 0;
}

/* The people of the paragraph to whom something was done ("Zhukov was
 * ordered", "Sokolovsky and Vasilevsky were victims"), in order. */
static int patients(const cl_doc *doc, size_t from, size_t to, int *out)
{
	const cl_tokens *t = &doc->tokens;
	size_t k;
	int n = 0;
	for (k = cl_claims_from_token(doc, from); k < doc->sorted_claims && doc->claims.items[k].tok_begin < to; k++) {
		const cl_xclaim *c = &doc->claims.items[k];
		size_t v;
		int j;
		bool seen = false;
		if (c->kind != CL_CLAIM_PERSON || c->eponym || c->who_ambiguous || c->who.db_index < 0 ||
		    (t->tokens.items[c->tok_end - 1].flags & CL_TF_POSSESSIVE))
			continue;
		v = past_subject_list(doc, c->tok_end);
		if (!(cl_tok_is(t, v, "was") || cl_tok_is(t, v, "were")))
			continue;
		if (cl_tok_is(t, v + 1, "currently") || cl_tok_is(t, v + 1, "then") || cl_tok_is(t, v + 1, "soon"))
			v++;
		if (!participle(doc, v + 1))
			continue;
		for (j = 0; j < n; j++)
			seen = seen || out[j] == c->who.db_index;
		if (!seen) {
			if (n == MAX_GROUP)
				return MAX_GROUP + 1;
			out[n++] = c->who.db_index;
		}
	}
	return n;
}

/* "the three men", "all three defendants", "the three": the size, and the token after. */
static int group_phrase(const cl_doc *doc, size_t i, size_t *after)
{
	static const char *const nouns[] = { "accused", "defendants", "generals", "marshals", "men", "officers",
		"prisoners", "conspirators" };
	const cl_tokens *t = &doc->tokens;
	const cl_token *w;
	int n;
	size_t k;
	if (!(cl_tok_is(t, i, "the") || cl_tok_is(t, i, "all") || cl_tok_is(t, i, "these")) ||
	    i + 1 >= t->tokens.len)
		return 0;
	w = &t->tokens.items[i + 1];
	n = w->type == CL_TOK_WORD ? cl_number_word(doc->text.prose + w->off, w->len) : -1;
	if (n < 2 || n > MAX_GROUP)
		return 0;
	*after = i + 2;
	for (k = 0; k < sizeof(nouns) / sizeof(*nouns); k++)
		if (cl_tok_is(t, i + 2, nouns[k]))
			*after = i + 3;
	return n;
}

static int emit_group(cl_doc *doc, const group *g, size_t begin, size_t end, cl_life_kind what, cl_fate fate,
		      size_t verb)
{
	int j;
	for (j = 0; j < g->count; j++) {
		cl_who who = { .db_index = g->members[j], .doc_index = -1 };
		if (emit_fate(doc, who, begin, end, what, fate, verb, NULL, NULL))
			return CL_ERR_NOMEM;
	}
	return CL_OK;
}

/* What befell a group named by number, and "they" after it in the paragraph:
 * the group is the people to whom something was done earlier in the
 * paragraph, when there are exactly as many of them as the number says. */
static int group_statements(cl_doc *doc)
{
	const cl_tokens *t = &doc->tokens;
	group g;
	size_t i;
	memset(&g, 0, sizeof(g));
	g.paragraph = SIZE_MAX;
	for (i = 0; i < t->tokens.len; i++) {
		size_t subject_end = 0, after, sb;
		cl_life_kind what;
		cl_fate fate;
		int n = group_phrase(doc, i, &subject_end);
		if (n) {
			size_t para = paragraph_start(doc, i);
			if (g.paragraph != para || g.count != n) {
				int members[MAX_GROUP + 1];
				int found = patients(doc, para, i, members);
				if (found != n)
					continue;
				memcpy(g.members, members, (size_t)n * sizeof(int));
				g.count = n;
				g.paragraph = para;
			}
		} else if (cl_tok_is(t, i, "they") && g.count && paragraph_start(doc, i) == g.paragraph) {
			subject_end = i + 1;
		} else {
			continue;
		}
		/* only the group's own clause: "Stalin had decided that the three
		 * would hang, and they were hanged" */
		for (sb = i; sb > t->sentences.items[t->tokens.items[i].sentence].begin; sb--)
			if (cl_tok_punct(t, sb - 1, ',') || cl_tok_punct(t, sb - 1, ';'))
				break;
		if (conditional_sentence(doc, sb, i))
			continue;
		/* "... ended with all three defendants being sentenced to death" */
		if (cl_tok_is(t, subject_end, "being") && cl_tok_is(t, subject_end + 1, "sentenced") &&
		    cl_tok_is(t, subject_end + 2, "to") && cl_tok_is(t, subject_end + 3, "death")) {
			if (emit_group(doc, &g, i, subject_end + 4, CL_LIFE_SENTENCE, CL_FATE_SENTENCED, subject_end))
				return CL_ERR_NOMEM;
			continue;
		}
		if ((after = life_verb(doc, subject_end, &what, &fate)) == 0 || what == CL_LIFE_BIRTH ||
		    date_after(doc, after, 10))
			continue;
		if (emit_group(doc, &g, i, after, what, fate, subject_end))
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
		    (verb_statement(doc, &p, p.who, p.tok_end) || list_item(doc, &p)))
			return CL_ERR_NOMEM;
	}
	if (pronoun_statements(doc))
		return CL_ERR_NOMEM;
	return group_statements(doc);
}
