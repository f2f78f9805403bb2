/* age.c - stated ages: "aged 76", "76 years old", "a 76-year-old", "at 76",
 * "at the age of 76", ", then 60,", "he would be 88", "in his seventies",
 * "turned 50", "his 50th birthday". */
#include <string.h>
#include "internal.h"

typedef struct {
	cl_doc *doc;
	const cl_tokens *t;
	size_t begin, end;
} scan;

static bool in(const scan *s, size_t i)
{
	return i >= s->begin && i < s->end && !s->doc->tok_used[i];
}

static bool word(const scan *s, size_t i, const char *w)
{
	return in(s, i) && cl_tok_is(s->t, i, w);
}

static const cl_token *tok(const scan *s, size_t i)
{
	return &s->t->tokens.items[i];
}

static bool dash(const scan *s, size_t i)
{
	return in(s, i) && cl_tok_dash(s->t, i) && cl_tok_adjacent(s->t, i);
}

/* A number from 0 to 130 in digits or words ("seventy-six"). */
static size_t years_at(const scan *s, size_t i, int *value)
{
	const cl_token *k;
	int v;
	if (!in(s, i))
		return 0;
	k = tok(s, i);
	if (k->type == CL_TOK_NUMBER) {
		if (k->flags & (CL_TF_GROUPED | CL_TF_ORDINAL | CL_TF_DECADE) || k->digits > 3 || k->num > 150)
			return 0;
		if (i + 1 < s->t->tokens.len && cl_tok_adjacent(s->t, i + 1) &&
		    (cl_tok_punct(s->t, i + 1, '.') || cl_tok_punct(s->t, i + 1, ',')) && i + 2 < s->t->tokens.len &&
		    tok(s, i + 2)->type == CL_TOK_NUMBER && cl_tok_adjacent(s->t, i + 2))
			return 0; /* 7.5, 1,5 */
		*value = k->num;
		return i + 1;
	}
	if (k->type != CL_TOK_WORD || cl_tok_is(s->t, i, "a") || cl_tok_is(s->t, i, "an"))
		return 0;
	v = cl_number_word(cl_tok_text(s->t, i), k->len);
	if (v >= 20 && v % 10 == 0 && dash(s, i + 1) && in(s, i + 2) && tok(s, i + 2)->type == CL_TOK_WORD) {
		int u = cl_number_word(cl_tok_text(s->t, i + 2), tok(s, i + 2)->len);
		if (u >= 1 && u <= 9) {
			*value = v + u;
			return i + 3;
		}
	}
	if (v < 0 || v > 150 || v == 1)
		return 0;
	*value = v;
	return i + 1;
}

static bool hypothetical_before(const scan *s, size_t i)
{
	size_t k;
	for (k = i; k > s->begin && i - k < 6; k--) {
		if (cl_tok_is(s->t, k - 1, "would") || cl_tok_is(s->t, k - 1, "could") ||
		    cl_tok_is(s->t, k - 1, "might") || cl_tok_is(s->t, k - 1, "will"))
			return true;
		if (cl_tok_punct(s->t, k - 1, ',') || cl_tok_punct(s->t, k - 1, '('))
			break;
	}
	return false;
}

static bool parenthood_before(const scan *s, size_t i)
{
	size_t k;
	for (k = i; k > s->begin && i - k < 10; k--) {
		if (cl_tok_is(s->t, k - 1, "birth") || cl_tok_is(s->t, k - 1, "fathered") ||
		    cl_tok_is(s->t, k - 1, "mothered") ||
		    ((cl_tok_is(s->t, k - 1, "father") || cl_tok_is(s->t, k - 1, "mother") ||
		      cl_tok_is(s->t, k - 1, "parent")) && k >= 3 && cl_tok_is(s->t, k - 3, "became")))
			return true;
	}
	return false;
}

static int emit(scan *s, size_t from, size_t to, int lo, int hi)
{
	cl_xclaim c;
	size_t k;
	memset(&c, 0, sizeof(c));
	c.kind = CL_CLAIM_AGE;
	c.tok_begin = from;
	c.tok_end = to;
	c.offset = tok(s, from)->off;
	c.length = tok(s, to - 1)->off + tok(s, to - 1)->len - c.offset;
	c.sentence = tok(s, from)->sentence;
	c.age.lo = lo;
	c.age.hi = hi;
	c.age.hypothetical = hypothetical_before(s, from);
	c.age.parenthood = parenthood_before(s, from);
	c.who.db_index = c.who.doc_index = -1;
	for (k = from; k < to; k++)
		s->doc->tok_used[k] |= CL_USED_AGE;
	return cl_claims_add(s->doc, &c);
}

/* about/around/nearly widen the claim */
static size_t approx(const scan *s, size_t i, int *widen_lo, int *widen_hi)
{
	*widen_lo = *widen_hi = 0;
	if (word(s, i, "about") || word(s, i, "around") || word(s, i, "roughly") || word(s, i, "some")) {
		*widen_lo = *widen_hi = 2;
		return i + 1;
	}
	if (word(s, i, "nearly") || word(s, i, "almost")) {
		*widen_lo = 2;
		*widen_hi = -1;
		return i + 1;
	}
	if (word(s, i, "over")) {
		*widen_hi = 4;
		return i + 1;
	}
	if (word(s, i, "just") || word(s, i, "only") || word(s, i, "already") || word(s, i, "barely"))
		return i + 1;
	return i;
}

static bool closes_phrase(const scan *s, size_t i)
{
	const cl_token *k;
	if (i >= s->end)
		return true;
	k = tok(s, i);
	if (k->type == CL_TOK_PUNCT) {
		if (k->cp == '-' || k->cp == '%' || k->cp == '/')
			return false; /* 76-year, 76%, 76/100 */
		/* a full stop ends the phrase unless a decimal follows: 7.5 */
		return k->cp != '.' || !(i + 1 < s->t->tokens.len && tok(s, i + 1)->type == CL_TOK_NUMBER &&
					 cl_tok_adjacent(s->t, i + 1));
	}
	return cl_tok_is(s->t, i, "and") || cl_tok_is(s->t, i, "when") || cl_tok_is(s->t, i, "in") ||
	       cl_tok_is(s->t, i, "by") || cl_tok_is(s->t, i, "at") || cl_tok_is(s->t, i, "he") ||
	       cl_tok_is(s->t, i, "she") || cl_tok_is(s->t, i, "but") || cl_tok_is(s->t, i, "so") ||
	       cl_tok_is(s->t, i, "on");
}

/* "seventies", "70s", "'70s", "late-80's": a decade of life */
static size_t decade_of_life(const scan *s, size_t i, int *lo, int *hi)
{
	static const char *const words[] = { "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
		"eighties", "nineties" };
	size_t k, j = i;
	int part = 0, base = -1;
	if (word(s, j, "early"))
		part = 1;
	else if (word(s, j, "mid"))
		part = 2;
	else if (word(s, j, "late"))
		part = 3;
	if (part)
		j += dash(s, j + 1) ? 2 : 1;
	for (k = 0; k < 8; k++)
		if (word(s, j, words[k]))
			base = 20 + 10 * (int)k;
	if (base < 0) {
		if ((cl_tok_punct(s->t, j, '\'') || cl_tok_punct(s->t, j, 0x2019)) && in(s, j + 1))
			j++;
		if (in(s, j) && tok(s, j)->type == CL_TOK_NUMBER && (tok(s, j)->flags & CL_TF_DECADE) &&
		    tok(s, j)->digits == 2 && tok(s, j)->num >= 10)
			base = tok(s, j)->num;
	}
	if (base < 0)
		return 0;
	*lo = base + (part == 3 ? 7 : part == 2 ? 4 : 0);
	*hi = base + (part == 1 ? 3 : part == 2 ? 6 : 9);
	return j + 1;
}

/* A lower-case noun after "N-year-old" that is not a kind of person: the age of
 * a thing. */
static bool object_follows(const scan *s, size_t i)
{
	static const char *const people[] = {
		"actor", "admiral", "agent", "author", "bachelor", "baker", "banker", "bishop", "blacksmith", "boy",
		"bride", "brother", "captain", "carpenter", "chairman", "chancellor", "chief", "child", "citizen",
		"clergyman", "clerk", "colonel", "commander", "commissar", "composer", "conscript", "cook", "corporal",
		"dancer", "daughter", "dictator", "diplomat", "doctor", "editor", "elder", "emperor", "engineer", "exile",
		"farmer", "father", "fisherman", "general", "girl", "grandfather", "grandmother", "guard", "heir",
		"herdsman", "historian", "housewife", "hunter", "husband", "inhabitant", "journalist", "king", "laborer",
		"labourer", "lawyer", "leader", "lieutenant", "maid", "man", "marshal", "merchant", "miner", "minister",
		"monk", "mother", "musician", "native", "nun", "nurse", "officer", "painter", "patriarch", "peasant",
		"pensioner", "pilot", "poet", "premier", "president", "priest", "prince", "princess", "prisoner",
		"professor", "queen", "recruit", "refugee", "resident", "revolutionary", "sailor", "scientist",
		"secretary", "sergeant", "servant", "shepherd", "singer", "sister", "soldier", "son", "spy", "student",
		"surgeon", "survivor", "tailor", "teacher", "traveler", "traveller", "tsar", "veteran", "villager",
		"widow", "widower", "wife", "woman", "worker", "writer"
	};
	size_t k;
	const cl_token *t;
	if (i >= s->end)
		return false;
	t = tok(s, i);
	if (t->type != CL_TOK_WORD || (t->flags & CL_TF_CAP))
		return false;
	for (k = 0; k < sizeof(people) / sizeof(*people); k++)
		if (cl_tok_is(s->t, i, people[k]))
			return false;
	return true;
}

static size_t match_at(scan *s, size_t i)
{
	size_t j, k;
	int v, wl, wh, lo, hi;

	/* aged 76, age 76, at the age of 76 */
	if (word(s, i, "aged") || (word(s, i, "age") && (i == s->begin || !cl_tok_is(s->t, i - 1, "the")))) {
		j = approx(s, i + 1, &wl, &wh);
		if ((k = years_at(s, j, &v)) != 0 && !word(s, k, "years") && closes_phrase(s, k))
			return emit(s, i, k, v - wl, v + wh) ? 0 : k;
		if (k && word(s, k, "years"))
			return emit(s, i, k + 1, v - wl, v + wh) ? 0 : k + 1;
	}
	if (word(s, i, "at") && word(s, i + 1, "the") && word(s, i + 2, "age") && word(s, i + 3, "of")) {
		j = approx(s, i + 4, &wl, &wh);
		if ((k = years_at(s, j, &v)) != 0)
			return emit(s, i, k, v - wl, v + wh) ? 0 : k;
	}
	/* 76 years old, 76 years of age, 76-year-old, seventy-six years old */
	j = approx(s, i, &wl, &wh);
	if ((k = years_at(s, j, &v)) != 0) {
		if (word(s, k, "years") && word(s, k + 1, "old"))
			return emit(s, i, k + 2, v - wl, v + wh) ? 0 : k + 2;
		if (word(s, k, "years") && word(s, k + 1, "of") && word(s, k + 2, "age"))
			return emit(s, i, k + 3, v - wl, v + wh) ? 0 : k + 3;
		if (dash(s, k) && word(s, k + 1, "year") && dash(s, k + 2) && word(s, k + 3, "old")) {
			if (object_follows(s, k + 4))
				return 0; /* "a 130-year-old oak" */
			return emit(s, i, k + 4, v - wl, v + wh) ? 0 : k + 4;
		}
		if (word(s, k, "year") && word(s, k + 1, "old"))
			return emit(s, i, k + 2, v - wl, v + wh) ? 0 : k + 2;
	}
	/* at 76, ... : only where the phrase ends at once */
	if (word(s, i, "at") && (k = years_at(s, i + 1, &v)) != 0 && tok(s, i + 1)->type == CL_TOK_NUMBER && v >= 2 &&
	    (k >= s->end || cl_tok_punct(s->t, k, ',') || cl_tok_punct(s->t, k, ')') || cl_tok_punct(s->t, k, ';') ||
	     word(s, k, "he") || word(s, k, "she")))
		return emit(s, i, k, v, v) ? 0 : k;
	/* , then 60, */
	if (word(s, i, "then") && i > s->begin && cl_tok_punct(s->t, i - 1, ',') && (k = years_at(s, i + 1, &v)) != 0 &&
	    (cl_tok_punct(s->t, k, ',') || cl_tok_punct(s->t, k, ')')))
		return emit(s, i, k, v, v) ? 0 : k;
	/* he would be 88, she was 40 when ..., who is 76 */
	if (word(s, i, "would") || word(s, i, "will") || word(s, i, "was") || word(s, i, "is") || word(s, i, "turned") ||
	    word(s, i, "turns")) {
		bool turned = word(s, i, "turned") || word(s, i, "turns");
		j = i + 1;
		if (!turned && (word(s, i, "would") || word(s, i, "will"))) {
			if (word(s, j, "have") && word(s, j + 1, "been"))
				j += 2;
			else if (word(s, j, "be") || word(s, j, "turn"))
				j++;
			else
				return 0;
		}
		if (i > s->begin && !turned) {
			const cl_token *p = tok(s, i - 1);
			bool pronoun = cl_tok_is(s->t, i - 1, "he") || cl_tok_is(s->t, i - 1, "she") ||
				       cl_tok_is(s->t, i - 1, "who");
			/* people are found after ages: a capitalised word that does not open the
			 * sentence stands for a name here, and the check binds it */
			bool name = p->type == CL_TOK_WORD && (p->flags & CL_TF_CAP) && i - 1 > s->begin &&
				    !cl_is_function_word(cl_tok_text(s->t, i - 1), p->len);
			if (!pronoun && !name)
				return 0;
		} else if (!turned) {
			return 0;
		}
		j = approx(s, j, &wl, &wh);
		if ((k = years_at(s, j, &v)) != 0 && v >= 2 && closes_phrase(s, k) && !word(s, k, "in") &&
		    !word(s, k, "on") && !word(s, k, "at") && !word(s, k, "by"))
			return emit(s, j, k, v - wl, v + wh) ? 0 : k;
		if (k && (word(s, k, "in") || word(s, k, "by")) && v >= 2)
			return emit(s, j, k, v - wl, v + wh) ? 0 : k;
		return 0;
	}
	/* his 50th birthday */
	if ((word(s, i, "his") || word(s, i, "her")) && in(s, i + 1) && tok(s, i + 1)->type == CL_TOK_NUMBER &&
	    (tok(s, i + 1)->flags & CL_TF_ORDINAL) && word(s, i + 2, "birthday"))
		return emit(s, i + 1, i + 3, tok(s, i + 1)->num, tok(s, i + 1)->num) ? 0 : i + 3;
	/* in his seventies, in her late-80's/early-90's */
	if (word(s, i, "in") && (word(s, i + 1, "his") || word(s, i + 1, "her") || word(s, i + 1, "their")) &&
	    (k = decade_of_life(s, i + 2, &lo, &hi)) != 0) {
		int lo2, hi2;
		size_t k2;
		if ((cl_tok_punct(s->t, k, '/') || word(s, k, "or") || word(s, k, "to")) &&
		    (k2 = decade_of_life(s, k + 1, &lo2, &hi2)) != 0) {
			hi = hi2 > hi ? hi2 : hi;
			lo = lo2 < lo ? lo2 : lo;
			k = k2;
		}
		return emit(s, i + 2, k, lo, hi) ? 0 : k;
	}
	return 0;
}

int cl_extract_ages(cl_doc *doc)
{
	size_t si;
	for (si = 0; si < doc->tokens.sentences.len; si++) {
		scan s = { doc, &doc->tokens, doc->tokens.sentences.items[si].begin, doc->tokens.sentences.items[si].end };
		size_t i = s.begin;
		while (i < s.end) {
			const cl_token *k = &doc->tokens.tokens.items[i];
			size_t next = doc->tok_used[i] || k->type == CL_TOK_PUNCT ||
						      (k->type == CL_TOK_WORD &&
						       !cl_is_timex_trigger(doc->text.prose + k->off, k->len))
					      ? 0 : match_at(&s, i);
			i = next ? next : i + 1;
		}
	}
	return CL_OK;
}
