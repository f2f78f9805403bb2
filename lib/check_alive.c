/* check_alive.c - after-death and before-birth: a real person acts, speaks or is
 * met in a sentence set after their death or before their birth (DESIGN.md §5
 * "Who is acting, and when"). A person who is only mentioned, remembered or
 * denounced, a possessive, a past perfect, a conditional and a quotation are
 * not acting. */
#include <string.h>
#include "internal.h"

static const cl_token *tk(const cl_doc *doc, size_t i)
{
	return &doc->tokens.tokens.items[i];
}

static bool word_at(const cl_doc *doc, size_t i, bool (*word_class)(const char *, size_t))
{
	return i < doc->tokens.tokens.len && tk(doc, i)->type == CL_TOK_WORD &&
	       word_class(doc->text.prose + tk(doc, i)->off, tk(doc, i)->len);
}

static bool is_adverb(const char *s, size_t len)
{
	static const char *const list[] = { "again", "also", "finally", "himself", "herself", "immediately", "just",
		"personally", "quickly", "soon", "suddenly", "then", "briefly", "once" };
	size_t k;
	for (k = 0; k < sizeof(list) / sizeof(*list); k++)
		if (cl_word_eq(s, len, list[k]))
			return true;
	return false;
}

/* The mention opens its clause: the sentence's start, a comma, a conjunction,
 * or a date ("In 1956 Stalin ordered"); not "the crimes Stalin committed". */
static bool opens_clause(const cl_doc *doc, const cl_xclaim *c)
{
	size_t b, e, p;
	cl_sentence_bounds(doc, c->tok_begin, &b, &e);
	if (c->tok_begin == b)
		return true;
	p = c->tok_begin - 1;
	if (tk(doc, p)->type == CL_TOK_PUNCT)
		return true;
	if (cl_tok_is(&doc->tokens, p, "and") || cl_tok_is(&doc->tokens, p, "but") ||
	    cl_tok_is(&doc->tokens, p, "then"))
		return true;
	return (doc->tok_used[p] & CL_USED_DATE) != 0;
}

/* "Stalin ordered", "Stalin, now 70, said"; returns the verb's token or 0. */
static size_t acting_verb(const cl_doc *doc, const cl_xclaim *c)
{
	size_t i = c->tok_end, n = doc->tokens.tokens.len;
	if (tk(doc, c->tok_end - 1)->flags & CL_TF_POSSESSIVE)
		return 0;
	while (i < n && word_at(doc, i, is_adverb))
		i++;
	if (word_at(doc, i, cl_is_action_verb))
		return i;
	/* "Stalin was in Moscow", "Stalin is alive" */
	if ((cl_tok_is(&doc->tokens, i, "was") || cl_tok_is(&doc->tokens, i, "is")) &&
	    (cl_tok_is(&doc->tokens, i + 1, "alive") || cl_tok_is(&doc->tokens, i + 1, "present") ||
	     (cl_tok_is(&doc->tokens, i + 1, "still") && cl_tok_is(&doc->tokens, i + 2, "alive"))))
		return i;
	return 0;
}

/* "met Stalin", "spoke with Stalin": returns the verb's token or 0. */
static size_t meeting_verb(const cl_doc *doc, const cl_xclaim *c)
{
	size_t p = c->tok_begin;
	if (p == 0)
		return 0;
	if (word_at(doc, p - 1, cl_is_meeting_verb))
		return p - 1;
	if (p >= 2 && cl_tok_is(&doc->tokens, p - 1, "with") &&
	    (cl_tok_is(&doc->tokens, p - 2, "spoke") || cl_tok_is(&doc->tokens, p - 2, "talked") ||
	     cl_tok_is(&doc->tokens, p - 2, "dined") || cl_tok_is(&doc->tokens, p - 2, "met") ||
	     cl_tok_is(&doc->tokens, p - 2, "negotiated") || cl_tok_is(&doc->tokens, p - 2, "conferred")))
		return p - 2;
	return 0;
}

/* "had ordered", "would say", "did not meet", "never met", "could have met" */
static bool not_at_that_time(const cl_doc *doc, size_t verb)
{
	static const char *const words[] = { "had", "would", "could", "might", "should", "must", "may", "not",
		"never", "to", "if", "cannot", "can't", "didn't", "wouldn't", "couldn't", "hadn't" };
	size_t b, e, i, k;
	cl_sentence_bounds(doc, verb, &b, &e);
	for (i = verb; i > b && verb - i < 3; i--)
		for (k = 0; k < sizeof(words) / sizeof(*words) && !(doc->tok_used[i - 1] & CL_USED_DATE); k++)
			if (cl_tok_is(&doc->tokens, i - 1, words[k]))
				return true;
	return false;
}

/* The text's own account: a death it told earlier (in this file or an earlier
 * one of the manuscript), whatever real history says. */
static int check_told_death(cl_doc *doc, const cl_xclaim *c, const char *found, const cl_date *at, cl_span span,
			    bool own, bool *reported)
{
	const char *name, *file;
	cl_span died;
	cl_fate how;
	int line, rc;
	cl_date d;
	if (c->who.db_index >= 0) {
		const cl_doc_death *death = cl_doc_death_of(doc, c->who.db_index);
		if (!death)
			return CL_OK;
		name = cl_db_person(doc->db, (size_t)c->who.db_index)->name;
		died = death->when;
		how = death->how;
		file = death->file;
		line = death->line;
	} else {
		const cl_doc_person *p = &doc->people.items[c->who.doc_index];
		if (!p->died_known)
			return CL_OK;
		name = p->name;
		died = p->died;
		how = p->died_how;
		file = p->died_file;
		line = p->died_line;
	}
	if (span.first <= died.last)
		return CL_OK;
	cl_civil_from_days(died.first, &d.year, &d.month, &d.day);
	d.precision = died.last - died.first < 1 ? CL_PREC_DAY : died.last - died.first < 31 ? CL_PREC_MONTH
											    : CL_PREC_YEAR;
	if (d.precision == CL_PREC_MONTH)
		d.day = 0;
	else if (d.precision == CL_PREC_YEAR)
		d.month = d.day = 0;
	*reported = true;
	rc = cl_finding_add(doc, "after-death", own ? CL_SEV_ERROR : CL_SEV_WARNING, c->offset, c->length,
			    cl_arena_printf(&doc->arena, "%s acts here %s, but %s %s according to %s", name,
					    cl_date_with_preposition(&doc->arena, at), cl_fate_verb(how),
					    cl_date_with_preposition(&doc->arena, &d), cl_doc_where(doc, file, line)),
			    found, cl_arena_printf(&doc->arena, "%s %s", cl_fate_verb(how), cl_date_human(&doc->arena, &d)),
			    cl_doc_evidence(doc, file, line), NULL);
	if (rc == CL_OK)
		cl_finding_set_date(doc, at);
	return rc;
}

/* A person living past their real death is one departure, reported once. */
static bool diverged_before(cl_doc *doc, int person)
{
	size_t k;
	for (k = 0; k < doc->diverged.len; k++)
		if (doc->diverged.items[k] == person)
			return true;
	CL_ARRAY_PUSH(doc->diverged, person);
	return false;
}

int cl_check_alive(cl_doc *doc, size_t index)
{
	const cl_xclaim *c = &doc->claims.items[index];
	const cl_person *p;
	cl_date at;
	cl_span span, died, born;
	bool own, after, divergent = false, told = false;
	size_t verb;
	int rc;
	char msg[512];
	const char *when, *found;
	if ((c->who.db_index < 0 && c->who.doc_index < 0) || c->who_ambiguous || c->eponym ||
	    c->who.namesake_count > 0)
		return CL_OK;
	verb = opens_clause(doc, c) ? acting_verb(doc, c) : 0;
	if (!verb)
		verb = meeting_verb(doc, c);
	if (!verb || not_at_that_time(doc, verb) || cl_inside_quotes(doc, c->tok_begin))
		return CL_OK;
	/* "Lenin looked down from a banner", "we visited Lenin in the Mausoleum" */
	{
		size_t b, e;
		cl_sentence_bounds(doc, c->tok_begin, &b, &e);
		if (cl_window_has(doc, b, e, cl_is_depiction_word))
			return CL_OK;
	}
	if (!cl_setting_date(doc, verb, &at, &span, &own))
		return CL_OK;
	/* "Stalin ordered" or "met Stalin" */
	if (verb < c->tok_begin)
		found = cl_arena_strndup(&doc->arena, doc->text.orig + tk(doc, verb)->off,
					 c->offset + c->length - tk(doc, verb)->off);
	else
		found = cl_arena_strndup(&doc->arena, doc->text.orig + c->offset,
					 tk(doc, verb)->off + tk(doc, verb)->len - c->offset);
	/* a story's scene keeps its date; an essay's narrator moves through time
	 * freely, so there only a date in the same sentence sets it */
	if (own || doc->opts->kind == CL_KIND_MANUSCRIPT) {
		if ((rc = check_told_death(doc, c, found, &at, span, own, &told)) != CL_OK || told)
			return rc;
	}
	if (c->who.db_index < 0)
		return CL_OK;
	p = cl_db_person(doc->db, (size_t)c->who.db_index);
	born = cl_fact_bound(&p->born, NULL, p->born_alt, p->born_alt_count);
	after = p->died.precision != CL_PREC_NONE;
	if (after) {
		cl_span real = cl_date_span(&p->died);
		died = cl_fact_bound(&p->died, NULL, p->died_alt, p->died_alt_count);
		after = span.first > died.last;
		divergent = after && cl_after_pod(doc, &span, &real);
	}
	if (!after && !(span.last < born.first))
		return CL_OK;
	/* a timeline with a point of divergence keeps its date too, for the
	 * departures it records */
	if (!own && doc->opts->kind != CL_KIND_MANUSCRIPT && !divergent)
		return CL_OK;
	when = cl_date_with_preposition(&doc->arena, &at);
	if (after) {
		if (divergent && diverged_before(doc, c->who.db_index))
			return CL_OK;
		snprintf(msg, sizeof(msg), "%s acts here %s, but died %s%s", p->name, when,
			 cl_date_with_preposition(&doc->arena, &p->died),
			 divergent ? " (a departure after the point of divergence)" : "");
		rc = cl_finding_add(doc, divergent ? "divergence" : "after-death",
				    divergent ? CL_SEV_INFO : own ? CL_SEV_ERROR : CL_SEV_WARNING, c->offset, c->length,
				    msg, found,
				    cl_arena_printf(&doc->arena, "died %s", cl_date_human(&doc->arena, &p->died)),
				    cl_person_evidence(doc, p), NULL);
		if (rc == CL_OK)
			cl_finding_set_date(doc, &at);
		return rc;
	}
	snprintf(msg, sizeof(msg), "%s acts here %s, but was born %s", p->name, when,
		 cl_date_with_preposition(&doc->arena, &p->born));
	rc = cl_finding_add(doc, "before-birth", own ? CL_SEV_ERROR : CL_SEV_WARNING, c->offset, c->length, msg,
			    found, cl_arena_printf(&doc->arena, "born %s", cl_date_human(&doc->arena, &p->born)),
			    cl_person_evidence(doc, p), NULL);
	if (rc == CL_OK)
		cl_finding_set_date(doc, &at);
	return rc;
}
