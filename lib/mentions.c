/* mentions.c - people named in the text: database people by full name, alias or
 * surname in context, and people the document introduces itself
 * ("Anna Hale (1901–1960)"). Also who a pronoun refers to. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static const cl_token *tk(const cl_doc *doc, size_t i)
{
	return &doc->tokens.tokens.items[i];
}

static bool cap_word(const cl_doc *doc, size_t i)
{
	return i < doc->tokens.tokens.len && tk(doc, i)->type == CL_TOK_WORD && (tk(doc, i)->flags & CL_TF_CAP);
}

bool cl_name_matches(const cl_doc *doc, size_t i, const char *words, bool numbers, size_t *end)
{
	const char *w = words;
	size_t k = i;
	uint32_t sentence = tk(doc, i)->sentence;
	while (*w) {
		const char *sp = strchr(w, ' ');
		size_t wl = sp ? (size_t)(sp - w) : strlen(w);
		const cl_token *t;
		if (k >= doc->tokens.tokens.len)
			return false;
		t = tk(doc, k);
		if (t->sentence != sentence ||
		    ((doc->tok_used[k] & (CL_USED_DATE | CL_USED_AGE)) && !(numbers && t->type == CL_TOK_NUMBER)))
			return false;
		if (t->type == CL_TOK_PUNCT) {
			if (t->len != wl || memcmp(doc->text.prose + t->off, w, wl) != 0)
				return false;
		} else if (t->len != wl || !cl_word_eqn(doc->text.prose + t->off, w, wl)) {
			return false;
		}
		if (k > i && t->type == CL_TOK_WORD && tk(doc, k - 1)->type == CL_TOK_PUNCT &&
		    tk(doc, k - 1)->cp == '-' && !cl_tok_adjacent(&doc->tokens, k))
			return false;
		if (sp == NULL)
			break;
		if (t->flags & CL_TF_POSSESSIVE)
			return false;
		w = sp + 1;
		k++;
	}
	*end = k + 1;
	return true;
}

static bool match_entry(const cl_doc *doc, size_t i, const cl_name_entry *e, size_t *end)
{
	return cl_name_matches(doc, i, e->words, false, end);
}

/* "Stalin Prize", "the Truman Doctrine", "the Molotov–Ribbentrop Pact" */
static bool eponym_after(const cl_doc *doc, size_t end)
{
	size_t i = end, steps;
	for (steps = 0; steps < 5 && i < doc->tokens.tokens.len; steps++, i++) {
		const cl_token *t = tk(doc, i);
		if (t->type == CL_TOK_WORD && (t->flags & CL_TF_CAP)) {
			if (cl_is_eponym_head(doc->text.prose + t->off, t->len))
				return true;
			if (steps > 0 && !(i > end && cl_tok_dash(&doc->tokens, i - 1)))
				return false;
			continue;
		}
		if (cl_tok_dash(&doc->tokens, i) && cl_tok_adjacent(&doc->tokens, i))
			continue;
		return false;
	}
	return false;
}

/* Not the object of a preposition and not inside a subordinate clause. */
static bool subject_position(const cl_doc *doc, size_t i)
{
	size_t b = doc->tokens.sentences.items[tk(doc, i)->sentence].begin, k;
	for (k = i; k > b; k--) {
		const cl_token *t = tk(doc, k - 1);
		if (t->type == CL_TOK_PUNCT && (t->cp == ',' || t->cp == ';' || t->cp == ':' || t->cp == '(' ||
						t->cp == ')'))
			return true;
		if (t->type == CL_TOK_WORD) {
			const char *s = doc->text.prose + t->off;
			if (cl_is_subordinator(s, t->len) || (cl_is_preposition(s, t->len) && !cl_word_eq(s, t->len, "as")))
				return false;
			if (cl_word_eq(s, t->len, "by") || cl_word_eq(s, t->len, "with"))
				return false;
		}
	}
	return true;
}

static int emit_person(cl_doc *doc, size_t begin, size_t end, cl_who who, bool ambiguous)
{
	cl_xclaim c;
	size_t k;
	memset(&c, 0, sizeof(c));
	c.kind = CL_CLAIM_PERSON;
	c.tok_begin = begin;
	c.tok_end = end;
	c.offset = tk(doc, begin)->off;
	c.length = tk(doc, end - 1)->off + tk(doc, end - 1)->len - c.offset;
	c.sentence = tk(doc, begin)->sentence;
	c.who = who;
	c.who_ambiguous = ambiguous;
	c.subject = !(tk(doc, end - 1)->flags & CL_TF_POSSESSIVE) && subject_position(doc, begin);
	c.eponym = eponym_after(doc, end);
	for (k = begin; k < end; k++)
		doc->tok_used[k] |= CL_USED_PERSON;
	return cl_claims_add(doc, &c);
}

/* Resolves a surname: the candidate named in full most recently; else a single
 * candidate who is known by the surname alone. A title is not enough ("Admiral
 * Kuznetsov" may be a namesake the database lacks), and a common word
 * ("Marshall", "Long") always needs the full name first. */
static int resolve_surname(cl_doc *doc, size_t i, const int *cands, const bool *alone, int n, cl_who *out)
{
	int best = -1, k;
	const cl_token *t = tk(doc, i);
	for (k = 0; k < n; k++)
		if (doc->person_context[cands[k]] >= 0 &&
		    (best < 0 || doc->person_context[cands[k]] > doc->person_context[best]))
			best = cands[k];
	if (best >= 0) {
		out->db_index = best;
		for (k = 0; k < n && out->namesake_count < 3; k++)
			if (cands[k] != best)
				out->namesakes[out->namesake_count++] = cands[k];
		return 1;
	}
	if (n == 1 && alone[0] && !cl_is_common_word_name(doc->text.prose + t->off, t->len)) {
		out->db_index = cands[0];
		return 1;
	}
	/* several people share it: the one prose calls by the surname alone
	 * ("Lloyd George" is David, not his son Gwilym); several such: any of
	 * them; none: nobody ("Baker Street" names none of the Bakers) */
	{
		int alone_count = 0, only = -1;
		for (k = 0; n > 1 && k < n; k++)
			if (alone[k]) {
				alone_count++;
				only = k;
			}
		if (alone_count == 1 && !cl_is_common_word_name(doc->text.prose + t->off, t->len)) {
			out->db_index = cands[only];
			for (k = 0; k < n && out->namesake_count < 3; k++)
				if (k != only)
					out->namesakes[out->namesake_count++] = cands[k];
			return 1;
		}
		return alone_count ? n : 0;
	}
}

/* "Mao Anying", "Kennedy Onassis": a surname followed by another capitalised
 * name word names someone else; an eponym ("Stalin Prize") is kept. */
static bool other_name_follows(const cl_doc *doc, size_t end)
{
	const cl_token *t;
	if (end >= doc->tokens.tokens.len || !cap_word(doc, end) || doc->tok_used[end])
		return false;
	t = tk(doc, end);
	if (t->sentence != tk(doc, end - 1)->sentence || (t->flags & (CL_TF_NEWLINE | CL_TF_ALLCAPS)) ||
	    !(t->flags & CL_TF_SPACE) || t->len < 2)
		return false;
	return !eponym_after(doc, end) && !cl_is_title_word(doc->text.prose + t->off, t->len) &&
	       !cl_month_from_word(doc->text.prose + t->off, t->len) &&
	       !cl_is_function_word(doc->text.prose + t->off, t->len);
}

/* "Sister Harding", "Uncle Trotsky": a title the famous namesake never bore. */
static bool private_title_before(const cl_doc *doc, size_t i)
{
	const cl_token *t;
	if (i == 0)
		return false;
	t = tk(doc, i - 1);
	return t->type == CL_TOK_WORD && t->sentence == tk(doc, i)->sentence &&
	       cl_is_private_title(doc->text.prose + t->off, t->len);
}

static size_t match_db_person(cl_doc *doc, size_t i)
{
	size_t n, k, end, best_end = 0;
	int cands[8], count = 0;
	bool alone[8];
	const cl_token *t = tk(doc, i);
	const cl_name_entry *const *e = cl_db_names_starting(doc->db, doc->text.prose + t->off, t->len, &n);
	cl_who who = { .db_index = -1, .doc_index = -1 };
	for (k = 0; k < n; k++) {
		if (!match_entry(doc, i, e[k], &end))
			continue;
		if (!e[k]->surname_only) {
			who.db_index = e[k]->index;
			doc->person_context[who.db_index] = cl_doc_sentence_number(doc, t->sentence);
			return emit_person(doc, i, end, who, false) ? 0 : end;
		}
		if (best_end && end != best_end)
			continue;
		best_end = end;
		{
			int q;
			bool seen = false;
			for (q = 0; q < count; q++)
				seen |= cands[q] == e[k]->index;
			if (!seen && count < 8) {
				alone[count] = e[k]->alone;
				cands[count++] = e[k]->index;
			}
		}
	}
	if (!count || other_name_follows(doc, best_end) || private_title_before(doc, i))
		return 0;
	{
		int r = resolve_surname(doc, i, cands, alone, count, &who);
		if (r == 1)
			return emit_person(doc, i, best_end, who, false) ? 0 : best_end;
		if (r > 1)
			return emit_person(doc, i, best_end, who, true) ? 0 : best_end;
	}
	return 0;
}

/* A capitalised name of one to three words followed by a life span or "was born". */
static bool introduces_person(const cl_doc *doc, size_t end)
{
	const cl_tokens *t = &doc->tokens;
	if (cl_tok_punct(t, end, '(')) {
		size_t k = end + 1;
		if (cl_tok_is(t, k, "born") || cl_tok_is(t, k, "b"))
			return true;
		if (k < t->tokens.len && tk(doc, k)->type == CL_TOK_NUMBER && tk(doc, k)->digits == 4)
			return cl_tok_dash(t, k + 1) || cl_tok_punct(t, k + 1, ')');
		return false;
	}
	if (cl_tok_is(t, end, "was") && cl_tok_is(t, end + 1, "born"))
		return true;
	return cl_tok_punct(t, end, ',') && cl_tok_is(t, end + 1, "born");
}

static bool name_word(const cl_doc *doc, size_t i)
{
	const cl_token *t;
	if (!cap_word(doc, i) || doc->tok_used[i])
		return false;
	t = tk(doc, i);
	return t->len > 1 && !cl_is_title_word(doc->text.prose + t->off, t->len) &&
	       !cl_month_from_word(doc->text.prose + t->off, t->len) &&
	       !cl_is_function_word(doc->text.prose + t->off, t->len) && !(t->flags & CL_TF_ALLCAPS);
}

static int register_doc_person(cl_doc *doc, size_t begin, size_t end)
{
	cl_doc_person p;
	const cl_token *a = tk(doc, begin), *z = tk(doc, end - 1);
	size_t k;
	memset(&p, 0, sizeof(p));
	p.name = cl_arena_strndup(&doc->arena, doc->text.prose + a->off, z->off + z->len - a->off);
	p.surname = cl_arena_strndup(&doc->arena, doc->text.prose + z->off, z->len);
	if (!p.name || !p.surname)
		return CL_ERR_NOMEM;
	for (k = 0; k < doc->people.len; k++)
		if (strcmp(doc->people.items[k].name, p.name) == 0)
			return CL_OK;
	return CL_ARRAY_PUSH(doc->people, p) ? CL_ERR_NOMEM : CL_OK;
}

/* People the document introduces: found first so that later mentions resolve. */
static int find_doc_people(cl_doc *doc)
{
	size_t i, n = doc->tokens.tokens.len;
	for (i = 0; i < n; i++) {
		size_t end = i, words = 0;
		size_t sb;
		if (!name_word(doc, i))
			continue;
		while (end < n && name_word(doc, end) && words < 3 && tk(doc, end)->sentence == tk(doc, i)->sentence &&
		       !(tk(doc, end)->flags & CL_TF_POSSESSIVE) && (end == i || cl_tok_adjacent(&doc->tokens, end) == 0)) {
			end++;
			words++;
		}
		if (!words || !introduces_person(doc, end)) {
			i = end > i ? end - 1 : i;
			continue;
		}
		sb = doc->tokens.sentences.items[tk(doc, i)->sentence].begin;
		if (words == 1 && i == sb)
			continue; /* a lone capitalised word opening a sentence */
		{
			/* a database person is not introduced again */
			size_t cnt, k, e2;
			const cl_name_entry *const *e = cl_db_names_starting(doc->db, doc->text.prose + tk(doc, i)->off,
									      tk(doc, i)->len, &cnt);
			bool known = false;
			for (k = 0; k < cnt && !known; k++)
				/* the whole name, not a first name that is someone's surname
				 * ("Alexander Ulyanov" is not Field Marshal Alexander) */
				known = match_entry(doc, i, e[k], &e2) && (e2 == end || !e[k]->surname_only);
			if (!known && register_doc_person(doc, i, end))
				return CL_ERR_NOMEM;
		}
		i = end - 1;
	}
	return CL_OK;
}

static bool word_is(const cl_doc *doc, const cl_token *t, const char *s, size_t len)
{
	return t->len == len && memcmp(doc->text.prose + t->off, s, len) == 0;
}

/* A person the document introduced, by full name, or by a surname no other
 * person of the document bears as a surname or a first name. */
static size_t match_doc_person(cl_doc *doc, size_t i)
{
	size_t k, found = SIZE_MAX, hits = 0;
	const cl_token *t = tk(doc, i);
	for (k = 0; k < doc->people.len; k++) {
		const cl_doc_person *p = &doc->people.items[k];
		size_t nlen = strlen(p->name), j = i, pos = 0;
		const char *sp = strchr(p->name, ' ');
		/* full name: the tokens spell it with single spaces */
		while (j < doc->tokens.tokens.len && pos < nlen) {
			const cl_token *u = tk(doc, j);
			if (u->len > nlen - pos || memcmp(doc->text.prose + u->off, p->name + pos, u->len) != 0)
				break;
			pos += u->len;
			if (pos < nlen && p->name[pos] == ' ')
				pos++;
			j++;
		}
		if (pos == nlen) {
			cl_who who = { .db_index = -1, .doc_index = (int)k };
			return emit_person(doc, i, j, who, false) ? 0 : j;
		}
		if (word_is(doc, t, p->surname, strlen(p->surname)) ||
		    (sp && word_is(doc, t, p->name, (size_t)(sp - p->name)))) {
			hits++;
			if (word_is(doc, t, p->surname, strlen(p->surname)))
				found = k;
		}
	}
	if (hits == 1 && found != SIZE_MAX) {
		cl_who who = { .db_index = -1, .doc_index = (int)found };
		return emit_person(doc, i, i + 1, who, false) ? 0 : i + 1;
	}
	return 0;
}

int cl_extract_people(cl_doc *doc)
{
	size_t i = 0, n = doc->tokens.tokens.len;
	if (find_doc_people(doc))
		return CL_ERR_NOMEM;
	while (i < n) {
		size_t next = 0;
		if (cap_word(doc, i) && !doc->tok_used[i]) {
			next = match_db_person(doc, i);
			if (!next && doc->people.len)
				next = match_doc_person(doc, i);
		}
		i = next ? next : i + 1;
	}
	return CL_OK;
}

static bool is_person(const cl_xclaim *c)
{
	return c->kind == CL_CLAIM_PERSON && !c->eponym && (c->who.db_index >= 0 || c->who.doc_index >= 0 ||
							    c->who_ambiguous);
}

static bool same_who(const cl_who *a, const cl_who *b)
{
	return a->db_index == b->db_index && a->doc_index == b->doc_index;
}

/* Adds c's person to the list unless it is there; an ambiguous surname adds
 * nobody and marks the tier ambiguous. Returns the new count of people. */
static int add_candidate(cl_who *list, int count, int max, const cl_xclaim *c, bool *ambiguous)
{
	int k;
	if (c->who_ambiguous) {
		*ambiguous = true;
		return count;
	}
	for (k = 0; k < count && k < max; k++)
		if (same_who(&list[k], &c->who))
			return count;
	if (count < max)
		list[count] = c->who;
	return count + 1;
}

/* A personal pronoun before tok, or opening the sentence at tok ("He died ...,
 * and ... Andropov": no cataphora from a main clause). */
static bool pronoun_before(const cl_doc *doc, size_t begin, size_t tok)
{
	size_t i, last = tok > begin ? tok : begin + 1;
	for (i = begin; i < last; i++)
		if (cl_tok_is(&doc->tokens, i, "he") || cl_tok_is(&doc->tokens, i, "she"))
			return true;
	return false;
}

/* Candidates in tiers: subjects earlier in the sentence, then any person earlier
 * in the sentence, then the first person later in it, then the previous
 * sentence's subjects. The first tier with anyone decides. */
int cl_antecedent(const cl_doc *doc, size_t tok, cl_who *out, cl_who *alts, int max_alts)
{
	cl_who list[8];
	uint32_t s = tk(doc, tok)->sentence;
	size_t first = cl_claims_from_token(doc, doc->tokens.sentences.items[s].begin), k;
	int tier, count = 0;
	bool ambiguous = false;
	out->db_index = out->doc_index = -1;
	for (tier = 0; tier < 4 && count == 0 && !ambiguous; tier++) {
		size_t from = first;
		/* after a pronoun, a person later in the sentence is someone else */
		if (tier == 2 && pronoun_before(doc, doc->tokens.sentences.items[s].begin, tok))
			continue;
		if (tier == 3) {
			if (s == 0)
				break;
			from = cl_claims_from_token(doc, doc->tokens.sentences.items[s - 1].begin);
		}
		for (k = from; k < doc->claims.len; k++) {
			const cl_xclaim *c = &doc->claims.items[k];
			if (tier == 3 ? c->sentence != s - 1 : c->sentence != s)
				break;
			if (!is_person(c))
				continue;
			if (tier < 2 && c->tok_begin >= tok)
				break;
			if (tier == 2 && c->tok_begin < tok)
				continue;
			if ((tier == 0 || tier == 3) && !c->subject)
				continue;
			/* "Stalin's daughter ... she": a possessive names someone else's
			 * relation; "Kerensky's attempt ... he": or the person himself */
			if (doc->tokens.tokens.items[c->tok_end - 1].flags & CL_TF_POSSESSIVE) {
				ambiguous |= tier == 1;
				continue;
			}
			count = add_candidate(list, count, 8, c, &ambiguous);
			if (tier == 2)
				break;
		}
	}
	if (count > 0) {
		int q;
		*out = list[0];
		for (q = 1; q < count && q < 8 && q - 1 < max_alts; q++)
			alts[q - 1] = list[q];
	}
	/* someone the text does not name for certain makes the tier ambiguous */
	return ambiguous ? count + 2 : count;
}
