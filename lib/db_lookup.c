/* db_lookup.c - `chronolint db lookup` and `db stats`: what the database knows,
 * for a person and a reader. */
#include <stdlib.h>
#include <string.h>

#include "db.h"

long cl_db_count(const cl_db *db, const char *kind)
{
	static const struct { const char *name; cl_fact_kind kind; } kinds[] = {
		{ "offices", CL_KIND_OFFICE }, { "events", CL_KIND_EVENT }, { "places", CL_KIND_PLACE },
		{ "entities", CL_KIND_ENTITY }, { "terms", CL_KIND_TERM }, { "works", CL_KIND_WORK },
	};
	size_t i, k;
	long n = 0;
	if (strcmp(kind, "people") == 0)
		return (long)db->people.len;
	if (strcmp(kind, "names") == 0)
		return (long)db->names.len;
	if (strcmp(kind, "rules") == 0)
		return db->rules ? (long)cl_rule_docs_count(db->rules) : 0;
	if (strcmp(kind, "tenures") == 0) {
		for (i = 0; i < db->offices.len; i++)
			n += (long)db->offices.items[i].tenure_count;
		return n;
	}
	if (strcmp(kind, "place-names") == 0) {
		for (i = 0; i < db->places.len; i++)
			n += (long)db->places.items[i].name_count;
		return n;
	}
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (strcmp(kind, kinds[k].name) == 0)
			return (long)cl_db_fact_count(db, kinds[k].kind);
	return -1;
}

static void print_date(FILE *out, const char *label, const cl_date *d, const cl_date *os)
{
	cl_arena a = { 0 };
	fprintf(out, "  %s: %s", label, cl_date_human(&a, d));
	if (os && os->precision != CL_PREC_NONE)
		fprintf(out, " (Old Style: %s)", cl_date_human(&a, os));
	fputc('\n', out);
	cl_arena_free(&a);
}

static void print_alternatives(FILE *out, const char *label, const cl_db_alt_date *alts, int count)
{
	int k;
	for (k = 0; k < count; k++) {
		cl_arena a = { 0 };
		fprintf(out, "  also given as %s: %s (%s)\n", label, cl_date_human(&a, &alts[k].date),
			alts[k].reason ? alts[k].reason : "");
		cl_arena_free(&a);
	}
}

static void print_fact_date(FILE *out, const char *label, const cl_fact_date *fd)
{
	if (fd->date.precision == CL_PREC_NONE)
		return;
	print_date(out, label, &fd->date, &fd->os);
	print_alternatives(out, label, fd->alt, fd->alt_count);
}

static void print_list(FILE *out, const char *label, const char *const *items, size_t n)
{
	size_t k;
	if (!n)
		return;
	fprintf(out, "  %s:", label);
	for (k = 0; k < n; k++)
		fprintf(out, "%s %s", k ? "," : "", items[k]);
	fputc('\n', out);
}

static void print_period(FILE *out, const cl_period *p)
{
	cl_arena a = { 0 };
	if (p->from.precision != CL_PREC_NONE)
		fprintf(out, "from %s", cl_date_human(&a, &p->from));
	else
		fprintf(out, "before 1900");
	if (p->to.precision != CL_PREC_NONE)
		fprintf(out, " to %s", cl_date_human(&a, &p->to));
	else
		fprintf(out, " on");
	cl_arena_free(&a);
}

static void print_person(const cl_db *db, const cl_person *p, FILE *out)
{
	size_t i, k;
	fprintf(out, "person: %s [%s, %s]\n", p->name, p->id, p->qid ? p->qid : p->file);
	if (p->note)
		fprintf(out, "  %s\n", p->note);
	print_date(out, "born", &p->born, &p->born_os);
	print_alternatives(out, "born", p->born_alt, p->born_alt_count);
	if (p->died.precision != CL_PREC_NONE)
		print_date(out, "died", &p->died, &p->died_os);
	print_alternatives(out, "died", p->died_alt, p->died_alt_count);
	print_list(out, "surname", p->surnames, p->surname_count);
	print_list(out, "aliases", p->aliases, p->alias_count);
	for (i = 0; i < db->offices.len; i++)
		for (k = 0; k < db->offices.items[i].tenure_count; k++) {
			const cl_tenure *t = &db->offices.items[i].tenures[k];
			if (t->person != (int)(p - db->people.items))
				continue;
			fprintf(out, "  %s: ", db->offices.items[i].head.name);
			print_period(out, &t->held);
			fputc('\n', out);
		}
	if (p->sources)
		fprintf(out, "  source: %s\n", p->sources);
	fprintf(out, "  defined at: %s:%d\n", p->file, p->line);
}

static void print_fact(const cl_db *db, cl_fact_kind kind, const void *fact, FILE *out)
{
	static const char *const labels[CL_KIND_COUNT] = { "office", "event", "place", "entity", "term", "work" };
	const cl_fact_head *h = fact;
	size_t k;
	fprintf(out, "%s: %s [%s, %s]\n", labels[kind], h->name, h->id, h->qid ? h->qid : h->file);
	if (h->note)
		fprintf(out, "  %s\n", h->note);
	switch (kind) {
	case CL_KIND_OFFICE: {
		const cl_office *o = fact;
		print_list(out, "titles", o->titles, o->title_count);
		for (k = 0; k < o->tenure_count; k++) {
			const cl_tenure *t = &o->tenures[k];
			fprintf(out, "  %s: ", t->person >= 0 ? db->people.items[t->person].name : t->person_id);
			print_period(out, &t->held);
			fputc('\n', out);
		}
		break;
	}
	case CL_KIND_EVENT: {
		const cl_event *e = fact;
		fprintf(out, "  type: %s\n", e->type);
		print_fact_date(out, e->one_day ? "date" : "start", &e->start);
		print_fact_date(out, "end", &e->end);
		break;
	}
	case CL_KIND_PLACE: {
		const cl_place *p = fact;
		for (k = 0; k < p->name_count; k++) {
			fprintf(out, "  %s: ", p->names[k].name);
			print_period(out, &p->names[k].valid);
			fputc('\n', out);
			print_list(out, "  variants", p->names[k].aliases, p->names[k].alias_count);
		}
		break;
	}
	case CL_KIND_ENTITY: {
		const cl_entity *e = fact;
		fprintf(out, "  type: %s\n", e->type);
		print_fact_date(out, "founded", &e->founded);
		print_fact_date(out, "dissolved", &e->dissolved);
		print_list(out, "predecessors", e->predecessors, e->predecessor_count);
		print_list(out, "successors", e->successors, e->successor_count);
		break;
	}
	case CL_KIND_TERM: {
		const cl_term *t = fact;
		fprintf(out, "  type: %s\n", t->type);
		print_fact_date(out, t->basis, &t->first);
		break;
	}
	case CL_KIND_WORK: {
		const cl_work *w = fact;
		fprintf(out, "  type: %s\n", w->type);
		for (k = 0; k < w->author_count; k++)
			fprintf(out, "  author: %s\n", w->authors[k].name);
		print_fact_date(out, "published", &w->published);
		break;
	}
	default:
		break;
	}
	if (kind != CL_KIND_PLACE)
		print_list(out, "aliases", h->aliases, h->alias_count);
	if (h->source)
		fprintf(out, "  source: %s\n", h->source);
	fprintf(out, "  defined at: %s:%d\n", h->file, h->line);
}

static bool same_name(cl_arena *a, const char *candidate, const char *key)
{
	int words;
	const char *w = candidate ? cl_db_name_words(a, candidate, &words) : NULL;
	return w && strcmp(w, key) == 0;
}

static bool names_match(cl_arena *a, const char *const *names, size_t n, const char *key)
{
	size_t k;
	for (k = 0; k < n; k++)
		if (same_name(a, names[k], key))
			return true;
	return false;
}

static bool fact_matches(cl_arena *a, cl_fact_kind kind, const void *fact, const char *key)
{
	const cl_fact_head *h = fact;
	size_t k;
	if (h->id && strcmp(h->id, key) == 0)
		return true;
	if (same_name(a, h->name, key) || names_match(a, h->aliases, h->alias_count, key))
		return true;
	if (kind == CL_KIND_PLACE) {
		const cl_place *p = fact;
		for (k = 0; k < p->name_count; k++)
			if (same_name(a, p->names[k].name, key) ||
			    names_match(a, p->names[k].aliases, p->names[k].alias_count, key))
				return true;
	}
	return false;
}

int cl_db_lookup(const cl_db *db, const char *name, FILE *out)
{
	size_t i, k;
	int printed = 0, words, kind;
	cl_arena a = { 0 };
	const char *key = cl_db_name_words(&a, name, &words);
	for (i = 0; key && i < db->people.len; i++) {
		const cl_person *p = &db->people.items[i];
		bool hit = strcmp(p->id, name) == 0;
		for (k = 0; k < db->names.len && !hit; k++)
			hit = db->names.items[k].index == (int)i && strcmp(db->names.items[k].words, key) == 0;
		if (!hit)
			continue;
		if (printed++)
			fputc('\n', out);
		print_person(db, p, out);
	}
	for (kind = 0; key && kind < CL_KIND_COUNT; kind++)
		for (i = 0; i < cl_db_fact_count(db, kind); i++) {
			const void *fact = cl_db_fact(db, kind, i);
			if (!fact_matches(&a, kind, fact, key))
				continue;
			if (printed++)
				fputc('\n', out);
			print_fact(db, kind, fact, out);
		}
	cl_arena_free(&a);
	return printed;
}
