/* check_age.c - age-mismatch and implausible-age: a stated age at a date that the
 * person's birth date (from the facts or from the document) rules out. */
#include <string.h>
#include "internal.h"

/* "Kellogg, who was 71 when ...", "the new president, who was 44": the age in a
 * relative clause belongs to the noun before ", who". Returns 1 with that
 * person, -1 when the noun is not a person the text names, 0 when the age is
 * in no such clause. */
static int relative_clause_head(const cl_doc *doc, const cl_xclaim *age, cl_who *who)
{
	const cl_tokens *t = &doc->tokens;
	size_t b = t->sentences.items[age->sentence].begin, i, k;
	for (i = age->tok_begin; i > b + 1 && age->tok_begin - i < 10; i--) {
		if (cl_tok_punct(t, i - 1, ',') || cl_tok_punct(t, i - 1, ';') || cl_tok_punct(t, i - 1, '('))
			return 0;
		if (!cl_tok_is(t, i - 1, "who"))
			continue;
		if (!cl_tok_punct(t, i - 2, ','))
			return 0;
		for (k = cl_claims_from_token(doc, i > 12 ? i - 12 : 0); k < doc->sorted_claims; k++) {
			const cl_xclaim *c = &doc->claims.items[k];
			if (c->tok_begin >= i)
				break;
			if (c->kind == CL_CLAIM_PERSON && c->tok_end == i - 2 && !c->eponym && !c->who_ambiguous &&
			    (c->who.db_index >= 0 || c->who.doc_index >= 0)) {
				*who = c->who;
				return 1;
			}
		}
		return -1;
	}
	return 0;
}

/* "At the age of 59, Matthew White Ridley returned": the opening age is the
 * subject's after it, a name of two capitalised words that no extractor knows
 * but as a title (so the age is not the person's of the sentence before). */
static bool unknown_name_follows(const cl_doc *doc, const cl_xclaim *age)
{
	static const char *const openers[] = { "the", "a", "an", "his", "her", "their", "in", "on", "at", "by",
						"after", "before", "when", "during" };
	const cl_tokens *t = &doc->tokens;
	size_t i = age->tok_end + 1, k;
	if (!cl_tok_punct(t, age->tok_end, ',') || i + 1 >= t->tokens.len ||
	    t->tokens.items[i].sentence != age->sentence || t->tokens.items[i + 1].sentence != age->sentence)
		return false;
	/* the first may be a title the facts know ("Pope Paul VI") */
	for (k = i; k < i + 2; k++)
		if (t->tokens.items[k].type != CL_TOK_WORD || !(t->tokens.items[k].flags & CL_TF_CAP) ||
		    (doc->tok_used[k] & ~(k == i ? CL_USED_FACT : 0)))
			return false;
	for (k = 0; k < sizeof(openers) / sizeof(*openers); k++)
		if (cl_tok_is(t, i, openers[k]))
			return false;
	return true;
}

/* The age claim names its person directly: "Stalin, then 60", "Stalin, aged 60",
 * "Bukharin would be 76", "the 76-year-old Bukharin", "Aged 61, Truman". */
/* Returns 1 when the age names its person directly, -1 when it is attached to
 * some other noun ("Stalin's daughter, then 27"), 0 when it is not attached. */
static int attached_person(const cl_doc *doc, const cl_xclaim *age, cl_who *who)
{
	const cl_tokens *t = &doc->tokens;
	size_t i = age->tok_begin, k;
	/* walk back over the verb chain and the comma between name and age */
	while (i > 0 && (cl_tok_is(t, i - 1, "would") || cl_tok_is(t, i - 1, "be") || cl_tok_is(t, i - 1, "was") ||
			 cl_tok_is(t, i - 1, "is") || cl_tok_is(t, i - 1, "have") || cl_tok_is(t, i - 1, "been") ||
			 cl_tok_is(t, i - 1, "about") || cl_tok_is(t, i - 1, "nearly") || cl_tok_is(t, i - 1, "then") ||
			 cl_tok_is(t, i - 1, "will") || cl_tok_is(t, i - 1, "almost") || cl_tok_punct(t, i - 1, ',')) &&
	       age->tok_begin - i < 5)
		i--;
	for (k = cl_claims_from_token(doc, i > 8 ? i - 8 : 0); k < doc->sorted_claims; k++) {
		const cl_xclaim *c = &doc->claims.items[k];
		if (c->kind != CL_CLAIM_PERSON || c->eponym || c->who_ambiguous ||
		    (c->who.db_index < 0 && c->who.doc_index < 0))
			continue;
		if (c->tok_end == i || c->tok_begin == age->tok_end ||
		    (c->tok_begin == age->tok_end + 1 && cl_tok_punct(t, age->tok_end, ','))) {
			*who = c->who;
			return 1;
		}
		if (c->tok_begin > age->tok_end + 1)
			break;
	}
	if (unknown_name_follows(doc, age))
		return -1;
	/* an apposition to a common noun or to a name the database lacks: "his
	 * daughter, then 27,", "the painter Vasily Vereshchagin, then 61," */
	if (i < age->tok_begin && i > 0 && cl_tok_punct(t, i, ',') && t->tokens.items[i - 1].type == CL_TOK_WORD &&
	    (!(t->tokens.items[i - 1].flags & CL_TF_CAP) ||
	     (i - 1 > t->sentences.items[age->sentence].begin && !(doc->tok_used[i - 1] & CL_USED_DATE))))
		return -1;
	return relative_clause_head(doc, age, who);
}

/* "Lenin died aged 53", "died at 84": the age holds at the person's death. */
static bool age_at_death(const cl_doc *doc, const cl_xclaim *age)
{
	const cl_tokens *t = &doc->tokens;
	size_t i, b = t->sentences.items[age->sentence].begin;
	for (i = age->tok_begin; i > b && age->tok_begin - i < 4; i--)
		if (cl_tok_is(t, i - 1, "died") || cl_tok_is(t, i - 1, "death") || cl_tok_is(t, i - 1, "executed") ||
		    cl_tok_is(t, i - 1, "killed") || cl_tok_is(t, i - 1, "assassinated"))
			return true;
	return false;
}

static void at_span_for(const cl_doc *doc, const cl_person *p, cl_span *at)
{
	/* a Russian date before 14 February 1918 may be Old Style: up to 13 days later */
	if (p && p->born_os.precision != CL_PREC_NONE && at->first < cl_days_from_civil(1918, 2, 14))
		at->last += 13;
	(void)doc;
}

static bool fits_birth(const cl_span *birth, const cl_span *at, int lo, int hi, int *min_age, int *max_age)
{
	cl_age_range(birth, at, min_age, max_age);
	return lo <= *max_age && hi >= *min_age;
}

static bool fits_person(const cl_person *p, const cl_span *at, int lo, int hi, int *min_age, int *max_age)
{
	cl_span b = cl_date_span(&p->born);
	int k, a, z;
	if (fits_birth(&b, at, lo, hi, min_age, max_age))
		return true;
	for (k = 0; k < p->born_alt_count; k++) {
		cl_span alt = cl_date_span(&p->born_alt[k].date);
		if (fits_birth(&alt, at, lo, hi, &a, &z))
			return true;
	}
	return false;
}

static const char *age_text(cl_doc *doc, int lo, int hi)
{
	if (lo == hi)
		return cl_arena_printf(&doc->arena, "%d", lo);
	return cl_arena_printf(&doc->arena, hi == lo + 1 ? "%d or %d" : "%d to %d", lo, hi);
}

static int implausible(cl_doc *doc, const cl_xclaim *c)
{
	const char *found = cl_arena_strndup(&doc->arena, doc->text.orig + c->offset, c->length);
	if (c->age.lo >= 125 && !c->age.hypothetical)
		return cl_finding_add(doc, "implausible-age", CL_SEV_WARNING, c->offset, c->length,
				      cl_arena_printf(&doc->arena, "an age of %d is not plausible: no one is known "
						      "to have lived past 122", c->age.lo),
				      found, NULL, NULL, NULL);
	if (c->age.parenthood && c->age.hi < 10)
		return cl_finding_add(doc, "implausible-age", CL_SEV_WARNING, c->offset, c->length,
				      cl_arena_printf(&doc->arena, "a parent at the age of %d is not plausible",
						      c->age.hi),
				      found, NULL, NULL, NULL);
	return CL_OK;
}

static int check_db(cl_doc *doc, cl_xclaim *c, const cl_person *p, const cl_date *date, cl_span at, bool report)
{
	int min_age, max_age;
	at_span_for(doc, p, &at);
	if (fits_person(p, &at, c->age.lo, c->age.hi, &min_age, &max_age)) {
		c->verdict = CL_VERDICT_CONFIRMED;
		c->verdict_note = cl_arena_printf(&doc->arena, "%s, born %s, was %s %s", p->name,
						  cl_date_human(&doc->arena, &p->born), age_text(doc, min_age, max_age),
						  cl_date_with_preposition(&doc->arena, date));
		return CL_OK;
	}
	if (!report)
		return CL_OK;
	if (max_age < 0 || min_age > 122)
		return CL_OK; /* not yet born, or long dead: the binding is in doubt, not the age */
	c->verdict = CL_VERDICT_CONTRADICTED;
	{
		const char *found = cl_arena_strndup(&doc->arena, doc->text.orig + c->offset, c->length);
		const char *expected = age_text(doc, min_age, max_age);
		int off_by = c->age.lo > max_age ? c->age.lo - max_age : min_age - c->age.hi;
		const char *msg = cl_arena_printf(&doc->arena, "%s was %s %s (born %s), not %s", p->name, expected,
						  cl_date_with_preposition(&doc->arena, date), cl_date_human(&doc->arena, &p->born),
						  age_text(doc, c->age.lo, c->age.hi));
		c->verdict_note = msg;
		return cl_finding_add(doc, "age-mismatch", off_by >= 2 ? CL_SEV_ERROR : CL_SEV_WARNING, c->offset,
				      c->length, msg, found, expected, cl_person_evidence(doc, p), NULL);
	}
}

/* For a person the document introduced, an age either fixes the birth year or is
 * held to what was fixed before. */
static int check_doc(cl_doc *doc, cl_xclaim *c, cl_doc_person *p, const cl_date *date, cl_span at)
{
	int min_age, max_age, line, col;
	/* born between (at.first - hi - 1 years + 1 day) and (at.last - lo years) */
	cl_date first, last;
	cl_span born;
	cl_civil_from_days(at.first, &first.year, &first.month, &first.day);
	cl_civil_from_days(at.last, &last.year, &last.month, &last.day);
	first.precision = last.precision = CL_PREC_DAY;
	first = cl_date_add(&first, -(c->age.hi + 1), 'Y');
	last = cl_date_add(&last, -c->age.lo, 'Y');
	born.first = cl_days_from_civil(first.year, first.month, first.day) + 1;
	born.last = cl_days_from_civil(last.year, last.month, last.day);
	if (!p->born_known) {
		p->born = born;
		p->born_known = true;
		p->born_file = NULL;
		cl_text_position(&doc->text, c->offset, &p->born_line, &col);
		return CL_OK;
	}
	if (fits_birth(&p->born, &at, c->age.lo, c->age.hi, &min_age, &max_age)) {
		if (born.first > p->born.first)
			p->born.first = born.first;
		if (born.last < p->born.last)
			p->born.last = born.last;
		c->verdict = CL_VERDICT_CONFIRMED;
		c->verdict_note = cl_arena_printf(&doc->arena, "%s was %s %s by this document", p->name,
						  age_text(doc, min_age, max_age), cl_date_with_preposition(&doc->arena, date));
		return CL_OK;
	}
	c->verdict = CL_VERDICT_CONTRADICTED;
	cl_text_position(&doc->text, c->offset, &line, &col);
	{
		const char *found = cl_arena_strndup(&doc->arena, doc->text.orig + c->offset, c->length);
		const char *expected = age_text(doc, min_age, max_age);
		const char *msg = cl_arena_printf(&doc->arena, "%s was %s %s according to %s, not %s", p->name,
			expected, cl_date_with_preposition(&doc->arena, date),
			cl_doc_where(doc, p->born_file, p->born_line), age_text(doc, c->age.lo, c->age.hi));
		c->verdict_note = msg;
		return cl_finding_add(doc, "age-mismatch", CL_SEV_ERROR, c->offset, c->length, msg, found, expected,
				      cl_doc_evidence(doc, p->born_file, p->born_line), NULL);
	}
}

int cl_check_age_claim(cl_doc *doc, size_t index)
{
	cl_xclaim *c = &doc->claims.items[index];
	cl_who who = { .db_index = -1, .doc_index = -1 }, alts[4];
	cl_date date;
	cl_span at;
	int n, rc = implausible(doc, c);
	alts[0] = alts[1] = alts[2] = alts[3] = who;
	if (rc != CL_OK)
		return rc;
	c->verdict = CL_VERDICT_UNKNOWN;
	n = attached_person(doc, c, &who);
	if (n < 0)
		return CL_OK;
	if (n == 0)
		n = cl_antecedent(doc, c->tok_begin, &who, alts, 4);
	if (age_at_death(doc, c)) {
		const cl_person *p = n == 1 && who.db_index >= 0 ? cl_db_person(doc->db, (size_t)who.db_index) : NULL;
		if (!p || p->died.precision == CL_PREC_NONE)
			return CL_OK;
		date = p->died;
		at = cl_date_span(&date);
		return check_db(doc, c, p, &date, at, true);
	}
	if (!cl_bound_date(doc, c->tok_begin, &date, &at))
		return CL_OK;
	if (n == 1 && who.db_index >= 0)
		return check_db(doc, c, cl_db_person(doc->db, (size_t)who.db_index), &date, at, true);
	if (n == 1 && who.doc_index >= 0)
		return check_doc(doc, c, &doc->people.items[who.doc_index], &date, at);
	if (n > 1) {
		/* several people could be meant: confirm if one fits, report nothing */
		int k;
		if (who.db_index >= 0)
			check_db(doc, c, cl_db_person(doc->db, (size_t)who.db_index), &date, at, false);
		for (k = 0; k < 4 && c->verdict != CL_VERDICT_CONFIRMED; k++)
			if (alts[k].db_index >= 0)
				check_db(doc, c, cl_db_person(doc->db, (size_t)alts[k].db_index), &date, at, false);
	}
	return CL_OK;
}
