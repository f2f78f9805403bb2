/* check_lifespan.c - lifespan-mismatch: a stated birth or death date that the
 * facts contradict, or that contradicts what the document said earlier. */
#include <string.h>
#include "internal.h"

static bool overlaps(const cl_span *a, const cl_span *b)
{
	return a->first <= b->last && b->first <= a->last;
}

/* Does the stated date fit the fact, its Old Style form or an alternative?
 * A Russian date before 14 February 1918 may be written in either calendar. */
static bool fits(const cl_date *stated, const cl_date *fact, const cl_date *os, const cl_db_alt_date *alts,
		 int alt_count)
{
	cl_span s = cl_date_span(stated), f = cl_date_span(fact);
	int k;
	if (overlaps(&s, &f))
		return true;
	if (os->precision != CL_PREC_NONE) {
		cl_span o = cl_date_span(os);
		if (overlaps(&s, &o))
			return true;
	}
	for (k = 0; k < alt_count; k++) {
		cl_span a = cl_date_span(&alts[k].date);
		if (overlaps(&s, &a))
			return true;
		if (alts[k].os.precision != CL_PREC_NONE) {
			cl_span ao = cl_date_span(&alts[k].os);
			if (overlaps(&s, &ao))
				return true;
		}
	}
	return false;
}

/* The fact at the precision the text used: "1938" for a year, the full date else. */
static const char *expected_text(cl_doc *doc, const cl_date *stated, const cl_date *fact)
{
	cl_date d = *fact;
	if (stated->precision == CL_PREC_YEAR || fact->precision == CL_PREC_YEAR) {
		d.precision = CL_PREC_YEAR;
		d.month = d.day = 0;
	} else if (stated->precision == CL_PREC_MONTH && d.precision == CL_PREC_DAY) {
		d.precision = CL_PREC_MONTH;
		d.day = 0;
	}
	return cl_date_human(&doc->arena, &d);
}

static int report_db(cl_doc *doc, const cl_person *p, bool birth, const cl_date *stated, size_t off, size_t len,
		     size_t tokens)
{
	const cl_date *fact = birth ? &p->born : &p->died;
	cl_span s = cl_date_span(stated), f = cl_date_span(fact);
	const char *expected = expected_text(doc, stated, fact);
	const char *found = cl_arena_strndup(&doc->arena, doc->text.orig + off, len);
	const char *full = cl_date_human(&doc->arena, fact);
	const char *msg;
	/* a plain year is safe to replace; other date forms keep the author's wording */
	const char *fix = stated->precision == CL_PREC_YEAR && tokens == 1 ? expected : NULL;
	if (cl_after_pod(doc, &s, &f)) {
		msg = cl_arena_printf(&doc->arena, "%s %s in %s here; real history: %s %s", p->name,
				      birth ? "is born" : "dies", found, birth ? "born" : "died", full);
		return cl_finding_add(doc, "divergence", CL_SEV_INFO, off, len, msg, found, full,
				      cl_person_evidence(doc, p), NULL);
	}
	msg = cl_arena_printf(&doc->arena, "%s %s %s %s, not %s", p->name, birth ? "was born" : "died",
			      fact->precision == CL_PREC_DAY ? "on" : "in", full, found);
	return cl_finding_add(doc, "lifespan-mismatch", CL_SEV_ERROR, off, len, msg, found, expected,
			      cl_person_evidence(doc, p), fix);
}

static cl_verdict check_db_date(cl_doc *doc, const cl_person *p, bool birth, const cl_date *stated, size_t off,
				size_t len, size_t tokens, int *rc)
{
	const cl_date *fact = birth ? &p->born : &p->died;
	const cl_date *os = birth ? &p->born_os : &p->died_os;
	if (!birth && fact->precision == CL_PREC_NONE)
		return CL_VERDICT_UNKNOWN; /* alive by the database: it may be out of date */
	if (fits(stated, fact, os, birth ? p->born_alt : p->died_alt, birth ? p->born_alt_count : p->died_alt_count))
		return CL_VERDICT_CONFIRMED;
	*rc = report_db(doc, p, birth, stated, off, len, tokens);
	return CL_VERDICT_CONTRADICTED;
}

/* A person the document introduced: the first statement stands, later ones must agree. */
static cl_verdict check_doc_date(cl_doc *doc, cl_doc_person *p, bool birth, const cl_date *stated, size_t off,
				 size_t len, int *rc)
{
	cl_span s = cl_date_span(stated);
	cl_span *known = birth ? &p->born : &p->died;
	bool *is_known = birth ? &p->born_known : &p->died_known;
	int *line = birth ? &p->born_line : &p->died_line;
	int col, here;
	if (!*is_known) {
		*known = s;
		*is_known = true;
		cl_text_position(&doc->text, off, line, &col);
		return CL_VERDICT_NONE;
	}
	if (overlaps(&s, known)) {
		/* narrow what is known: "1901" then "3 May 1901" */
		if (s.first > known->first)
			known->first = s.first;
		if (s.last < known->last)
			known->last = s.last;
		return CL_VERDICT_CONFIRMED;
	}
	cl_text_position(&doc->text, off, &here, &col);
	{
		cl_date first;
		const char *found = cl_arena_strndup(&doc->arena, doc->text.orig + off, len);
		const char *expected, *msg, *evidence;
		cl_civil_from_days(known->first, &first.year, &first.month, &first.day);
		first.precision = known->last - known->first < 1 ? CL_PREC_DAY : CL_PREC_YEAR;
		expected = cl_date_human(&doc->arena, &first);
		evidence = cl_arena_printf(&doc->arena, "document:%s:%d", doc->name, *line);
		msg = cl_arena_printf(&doc->arena, "%s %s %s at line %d of this document, not %s", p->name,
				      birth ? "was born" : "died", expected, *line, found);
		*rc = cl_finding_add(doc, "lifespan-mismatch", CL_SEV_ERROR, off, len, msg, found, expected, evidence,
				     NULL);
	}
	return CL_VERDICT_CONTRADICTED;
}

static cl_verdict worse(cl_verdict a, cl_verdict b)
{
	if (a == CL_VERDICT_CONTRADICTED || b == CL_VERDICT_CONTRADICTED)
		return CL_VERDICT_CONTRADICTED;
	if (a == CL_VERDICT_UNKNOWN || b == CL_VERDICT_UNKNOWN)
		return CL_VERDICT_UNKNOWN;
	if (a == CL_VERDICT_CONFIRMED || b == CL_VERDICT_CONFIRMED)
		return CL_VERDICT_CONFIRMED;
	return CL_VERDICT_NONE;
}

static bool fits_life(const cl_person *p, const cl_life *l)
{
	return (l->born.precision == CL_PREC_NONE ||
		fits(&l->born, &p->born, &p->born_os, p->born_alt, p->born_alt_count)) &&
	       (l->died.precision == CL_PREC_NONE ||
		(p->died.precision != CL_PREC_NONE &&
		 fits(&l->died, &p->died, &p->died_os, p->died_alt, p->died_alt_count)));
}

/* A bare surname that context gave to one person, with dates that are another's
 * of that surname ("Theodore Roosevelt ... Roosevelt (1882-1945)"): the writer
 * means the other, and saying otherwise would be a wrong finding. */
static int namesake_meant(const cl_doc *doc, const cl_who *who, const cl_life *l)
{
	int k;
	if (fits_life(cl_db_person(doc->db, (size_t)who->db_index), l))
		return who->db_index;
	for (k = 0; k < who->namesake_count; k++)
		if (fits_life(cl_db_person(doc->db, (size_t)who->namesakes[k]), l))
			return who->namesakes[k];
	return who->db_index;
}

int cl_check_life_claim(cl_doc *doc, size_t index)
{
	cl_xclaim *c = &doc->claims.items[index];
	const cl_life *l = &c->life;
	cl_verdict v = CL_VERDICT_NONE;
	int rc = CL_OK;
	bool has_born = l->born.precision != CL_PREC_NONE, has_died = l->died.precision != CL_PREC_NONE;
	if (c->who.db_index >= 0) {
		const cl_person *p;
		c->who.db_index = namesake_meant(doc, &c->who, l);
		p = cl_db_person(doc->db, (size_t)c->who.db_index);
		if (has_born)
			v = worse(v, check_db_date(doc, p, true, &l->born, l->born_off, l->born_len, l->born_tok, &rc));
		if (has_died && rc == CL_OK)
			v = worse(v, check_db_date(doc, p, false, &l->died, l->died_off, l->died_len, l->died_tok, &rc));
		c->verdict_note = cl_arena_printf(&doc->arena, "%s: %s%s%s", p->name,
						  cl_date_human(&doc->arena, &p->born), p->died.precision ? " - " : "",
						  p->died.precision ? cl_date_human(&doc->arena, &p->died) : "");
	} else if (c->who.doc_index >= 0) {
		cl_doc_person *p = &doc->people.items[c->who.doc_index];
		if (has_born)
			v = worse(v, check_doc_date(doc, p, true, &l->born, l->born_off, l->born_len, &rc));
		if (has_died && rc == CL_OK)
			v = worse(v, check_doc_date(doc, p, false, &l->died, l->died_off, l->died_len, &rc));
		c->verdict_note = cl_arena_printf(&doc->arena, "%s, as this document states", p->name);
	} else {
		v = CL_VERDICT_UNKNOWN;
	}
	c->verdict = v;
	return rc;
}
