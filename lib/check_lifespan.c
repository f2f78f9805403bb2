/* check_lifespan.c - lifespan-mismatch: a stated birth or death date that the
 * facts contradict, or that contradicts what the document said earlier. */
#include <limits.h>
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

static int report_db(cl_doc *doc, const cl_xclaim *c, const cl_person *p, bool birth, const cl_date *stated,
		     size_t off, size_t len, size_t tokens)
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
		int rc;
		msg = cl_arena_printf(&doc->arena, "%s %s %s here; real history: %s %s", p->name,
				      birth ? "is born" : cl_fate_verb(c->life.fate),
				      cl_date_with_preposition(&doc->arena, stated), birth ? "born" : "died",
				      cl_date_with_preposition(&doc->arena, fact));
		/* the ledger says what the statement says, not just its date */
		rc = cl_finding_add(doc, "divergence", CL_SEV_INFO, off, len, msg,
				    cl_arena_strndup(&doc->arena, doc->text.orig + c->offset, c->length),
				    cl_arena_printf(&doc->arena, "%s %s", birth ? "born" : "died", full),
				    cl_person_evidence(doc, p), NULL);
		if (rc == CL_OK)
			cl_finding_set_date(doc, stated);
		return rc;
	}
	msg = cl_arena_printf(&doc->arena, "%s %s %s %s, not %s", p->name, birth ? "was born" : "died",
			      fact->precision == CL_PREC_DAY ? "on" : "in", full, found);
	return cl_finding_add(doc, "lifespan-mismatch", CL_SEV_ERROR, off, len, msg, found, expected,
			      cl_person_evidence(doc, p), fix);
}

static cl_verdict check_db_date(cl_doc *doc, const cl_xclaim *c, const cl_person *p, bool birth,
				const cl_date *stated, size_t off, size_t len, size_t tokens, int *rc)
{
	const cl_date *fact = birth ? &p->born : &p->died;
	const cl_date *os = birth ? &p->born_os : &p->died_os;
	if (!birth && fact->precision == CL_PREC_NONE)
		return CL_VERDICT_UNKNOWN; /* alive by the database: it may be out of date */
	if (fits(stated, fact, os, birth ? p->born_alt : p->died_alt, birth ? p->born_alt_count : p->died_alt_count))
		return CL_VERDICT_CONFIRMED;
	*rc = report_db(doc, c, p, birth, stated, off, len, tokens);
	return CL_VERDICT_CONTRADICTED;
}

/* A person the document introduced: the first statement stands, later ones must agree. */
static cl_verdict check_doc_span(cl_doc *doc, cl_doc_person *p, bool birth, cl_span s, cl_fate how, size_t off,
				 size_t len, int *rc)
{
	cl_span *known = birth ? &p->born : &p->died;
	bool *is_known = birth ? &p->born_known : &p->died_known;
	int *line = birth ? &p->born_line : &p->died_line;
	const char **file = birth ? &p->born_file : &p->died_file;
	int col;
	if (!*is_known) {
		*known = s;
		*is_known = true;
		*file = NULL;
		if (!birth)
			p->died_how = how;
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
	{
		cl_date first;
		const char *found = cl_arena_strndup(&doc->arena, doc->text.orig + off, len);
		const char *expected, *msg;
		cl_civil_from_days(known->first, &first.year, &first.month, &first.day);
		first.precision = known->last - known->first < 1 ? CL_PREC_DAY : CL_PREC_YEAR;
		expected = cl_date_human(&doc->arena, &first);
		msg = cl_arena_printf(&doc->arena, "%s %s %s according to %s, not as here", p->name,
				      birth ? "was born" : "died", cl_date_with_preposition(&doc->arena, &first),
				      cl_doc_where(doc, *file, *line));
		*rc = cl_finding_add(doc, "lifespan-mismatch", CL_SEV_ERROR, off, len, msg, found, expected,
				     cl_doc_evidence(doc, *file, *line), NULL);
	}
	return CL_VERDICT_CONTRADICTED;
}

static cl_verdict check_doc_date(cl_doc *doc, cl_doc_person *p, bool birth, const cl_date *stated, size_t off,
				 size_t len, int *rc)
{
	return check_doc_span(doc, p, birth, cl_date_span(stated), CL_FATE_DIED, off, len, rc);
}

/* What the document says of a database person's death holds for the rest of it
 * (and of its manuscript); a second account must agree with the first. */
static int record_death(cl_doc *doc, const cl_xclaim *c, cl_span when, cl_verdict *v)
{
	cl_doc_death d;
	const cl_doc_death *known = cl_doc_death_of(doc, c->who.db_index);
	int col;
	if (known) {
		if (overlaps(&known->when, &when))
			return CL_OK;
		{
			const cl_person *p = cl_db_person(doc->db, (size_t)c->who.db_index);
			cl_date first;
			const char *found = cl_arena_strndup(&doc->arena, doc->text.orig + c->offset, c->length);
			cl_civil_from_days(known->when.first, &first.year, &first.month, &first.day);
			first.precision = known->when.last - known->when.first < 1 ? CL_PREC_DAY : CL_PREC_YEAR;
			*v = CL_VERDICT_CONTRADICTED;
			return cl_finding_add(doc, "lifespan-mismatch", CL_SEV_ERROR, c->offset, c->length,
				cl_arena_printf(&doc->arena, "%s %s %s according to %s, not as here", p->name,
						cl_fate_verb(known->how), cl_date_with_preposition(&doc->arena, &first),
						cl_doc_where(doc, known->file, known->line)),
				found, cl_date_human(&doc->arena, &first), cl_doc_evidence(doc, known->file, known->line),
				NULL);
		}
	}
	memset(&d, 0, sizeof(d));
	d.person = c->who.db_index;
	d.when = when;
	d.how = c->life.fate;
	cl_text_position(&doc->text, c->offset, &d.line, &col);
	return CL_ARRAY_PUSH(doc->deaths, d) ? CL_ERR_NOMEM : CL_OK;
}

/* The date a fate is set at: its own stated date, else the narrative's at its
 * verb (an essay's narrator needs a date in the sentence; a story's scene, or a
 * timeline with a point of divergence, keeps its date). */
static bool fate_date(const cl_doc *doc, const cl_xclaim *c, cl_date *at, cl_span *span)
{
	bool own;
	if (c->life.died.precision != CL_PREC_NONE) {
		*at = c->life.died;
		*span = cl_date_span(at);
		return true;
	}
	if (!cl_setting_date(doc, c->life.fate_tok, at, span, &own))
		return false;
	if (!own && doc->opts->kind != CL_KIND_MANUSCRIPT && doc->opts->pod.precision == CL_PREC_NONE)
		return false;
	if (!own && at->precision < CL_PREC_YEAR) {
		/* a carried date says the year, not the day */
		at->precision = CL_PREC_YEAR;
		at->month = at->day = 0;
		*span = cl_date_span(at);
	}
	return true;
}

static int report_divergent_fate(cl_doc *doc, const cl_xclaim *c, const cl_person *p, const cl_date *at)
{
	const char *found = cl_arena_strndup(&doc->arena, doc->text.orig + c->offset, c->length), *real, *msg;
	int rc;
	/* "they were hanged": say who */
	if (p->surname_count && !strstr(found, p->surnames[0]))
		found = cl_arena_printf(&doc->arena, "%s: %s", p->name, found);
	real = p->died.precision != CL_PREC_NONE
				   ? cl_arena_printf(&doc->arena, "died %s", cl_date_human(&doc->arena, &p->died))
				   : "alive";
	msg = cl_arena_printf(&doc->arena, "%s %s %s here; real history: %s", p->name,
					  cl_fate_verb(c->life.fate), cl_date_with_preposition(&doc->arena, at),
					  p->died.precision != CL_PREC_NONE
						  ? cl_arena_printf(&doc->arena, "died %s",
								    cl_date_with_preposition(&doc->arena, &p->died))
						  : "still alive by the database");
	rc = cl_finding_add(doc, "divergence", CL_SEV_INFO, c->offset, c->length, msg, found, real,
			    cl_person_evidence(doc, p), NULL);
	if (rc == CL_OK)
		cl_finding_set_date(doc, at);
	return rc;
}

/* "Zhukov was hanged" with the date the narrative gives, "Khrushchev: sentenced
 * to death": real history decides before the point of divergence only when the
 * text states the date; after it a departure is a divergence. */
static int check_fate(cl_doc *doc, cl_xclaim *c)
{
	cl_date at;
	cl_span span, real, pod;
	const cl_person *p;
	int rc = CL_OK;
	bool departs;
	if (!fate_date(doc, c, &at, &span))
		return CL_OK;
	if (c->who.doc_index >= 0) {
		if (c->life.what == CL_LIFE_DEATH)
			c->verdict = check_doc_span(doc, &doc->people.items[c->who.doc_index], false, span, c->life.fate,
						    c->offset, c->length, &rc);
		return rc;
	}
	if (c->who.db_index < 0 || c->who_ambiguous)
		return CL_OK;
	p = cl_db_person(doc->db, (size_t)c->who.db_index);
	real = p->died.precision != CL_PREC_NONE ? cl_fact_bound(&p->died, &p->died_os, p->died_alt, p->died_alt_count) : (cl_span){ LONG_MAX / 2, LONG_MAX / 2 };
	if (c->life.what == CL_LIFE_SENTENCE)
		/* a sentence carried out within the year is real history */
		departs = real.last < span.first || real.first > span.last + 366;
	else
		departs = !overlaps(&real, &span);
	c->verdict = departs ? CL_VERDICT_CONTRADICTED : CL_VERDICT_CONFIRMED;
	c->verdict_note = cl_arena_printf(&doc->arena, "%s: died %s", p->name,
					  p->died.precision ? cl_date_human(&doc->arena, &p->died) : "(alive)");
	if (!departs)
		return c->life.what == CL_LIFE_DEATH ? record_death(doc, c, span, &c->verdict) : CL_OK;
	if (doc->opts->pod.precision == CL_PREC_NONE)
		return CL_OK; /* no stated date: nothing sure enough to report */
	pod = cl_date_span(&doc->opts->pod);
	if (span.first < pod.first || real.first < pod.first) {
		c->verdict = CL_VERDICT_UNKNOWN;
		return CL_OK;
	}
	if ((rc = report_divergent_fate(doc, c, p, &at)) != CL_OK)
		return rc;
	return c->life.what == CL_LIFE_DEATH ? record_death(doc, c, span, &c->verdict) : CL_OK;
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
	if (l->what == CL_LIFE_SENTENCE || (l->what == CL_LIFE_DEATH && !has_died))
		return check_fate(doc, c);
	if (c->who.db_index >= 0) {
		const cl_person *p;
		c->who.db_index = namesake_meant(doc, &c->who, l);
		p = cl_db_person(doc->db, (size_t)c->who.db_index);
		if (has_born)
			v = worse(v, check_db_date(doc, c, p, true, &l->born, l->born_off, l->born_len, l->born_tok, &rc));
		if (has_died && rc == CL_OK) {
			cl_span stated = cl_date_span(&l->died), real = cl_date_span(&p->died);
			cl_verdict dv = check_db_date(doc, c, p, false, &l->died, l->died_off, l->died_len, l->died_tok,
						      &rc);
			v = worse(v, dv);
			if (rc == CL_OK && (dv == CL_VERDICT_CONFIRMED ||
					    (dv == CL_VERDICT_CONTRADICTED && cl_after_pod(doc, &stated, &real))))
				rc = record_death(doc, c, stated, &v);
		}
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
