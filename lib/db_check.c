/* db_check.c - `chronolint db check`: what the schema cannot see. Dates in
 * order, lives of a possible length, Old Style dates that convert, references
 * that resolve, tenures inside the holder's life, and ids, QIDs and names that
 * would make two entries indistinguishable. Every problem is FILE:LINE: message. */
#include <stdlib.h>
#include <string.h>

#include "db.h"

#define report cl_db_report

static bool before(const cl_date *a, const cl_date *b)
{
	/* strictly before at the precision both give: the last day of a ends before the first of b */
	return cl_date_span(a).last < cl_date_span(b).first;
}

static void check_os(cl_db_diag *d, const char *file, int line, const char *id, const cl_date *date,
		     const cl_date *os, const char *what)
{
	int y, m, dd;
	if (os->precision != CL_PREC_DAY || date->precision != CL_PREC_DAY)
		return;
	y = os->year;
	m = os->month;
	dd = os->day;
	cl_julian_to_gregorian(&y, &m, &dd);
	if (y != date->year || m != date->month || dd != date->day)
		report(d, file, line, "%s: Old Style %s date %04d-%02d-%02d is %04d-%02d-%02d in the Gregorian "
		       "calendar, not %04d-%02d-%02d", id, what, os->year, os->month, os->day, y, m, dd,
		       date->year, date->month, date->day);
	if (cl_days_from_civil(date->year, date->month, date->day) >= cl_days_from_civil(1918, 2, 14))
		report(d, file, line, "%s: an Old Style %s date after Russia adopted the Gregorian calendar "
		       "(14 February 1918)", id, what);
}

static void check_fact_date(cl_db_diag *d, const cl_fact_head *h, const cl_fact_date *fd, const char *what)
{
	if (fd->date.precision != CL_PREC_NONE)
		check_os(d, h->file, h->line, h->id, &fd->date, &fd->os, what);
}

static void check_lives(cl_db *db, cl_db_diag *d)
{
	size_t i;
	for (i = 0; i < db->people.len; i++) {
		const cl_person *p = &db->people.items[i];
		if (p->died.precision != CL_PREC_NONE) {
			cl_span b = cl_date_span(&p->born), dd = cl_date_span(&p->died);
			int lo, hi;
			if (dd.last < b.first)
				report(d, p->file, p->line, "%s: died before being born", p->id);
			cl_age_range(&b, &dd, &lo, &hi);
			if (lo > 122)
				report(d, p->file, p->line, "%s: would have died aged %d", p->id, lo);
		}
		check_os(d, p->file, p->line, p->id, &p->born, &p->born_os, "birth");
		check_os(d, p->file, p->line, p->id, &p->died, &p->died_os, "death");
		if (p->died.precision == CL_PREC_NONE && p->born.year < 1915)
			report(d, p->file, p->line, "%s: born in %d and no death date", p->id, p->born.year);
	}
}

/* ---- duplicates: one sort per kind instead of comparing every pair ---------- */

typedef struct {
	const char *key;
	const char *id, *file;
	int line;
	size_t owner;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->owner > y->owner) - (x->owner < y->owner);
}

typedef CL_ARRAY(keyed) keyed_list;

/* Reports each key that two different owners share. */
static void report_shared(cl_db_diag *d, keyed_list *list, const char *what, bool quote)
{
	const char *q = quote ? "\"" : "";
	size_t i;
	if (list->len > 1)
		qsort(list->items, list->len, sizeof(keyed), cmp_keyed);
	for (i = 1; i < list->len; i++) {
		const keyed *a = &list->items[i - 1], *b = &list->items[i];
		if (strcmp(a->key, b->key) == 0 && a->owner != b->owner)
			report(d, b->file, b->line, "%s %s%s%s: %s and %s (%s:%d)", what, q, b->key, q, a->id, b->id,
			       a->file, a->line);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

static void push_key(keyed_list *list, const char *key, const char *id, const char *file, int line, size_t owner)
{
	keyed k = { key, id, file, line, owner };
	if (key)
		CL_ARRAY_PUSH(*list, k);
}

static void check_people_unique(cl_db *db, cl_db_diag *d)
{
	keyed_list ids = { 0 }, qids = { 0 }, names = { 0 };
	size_t i;
	for (i = 0; i < db->people.len; i++) {
		const cl_person *p = &db->people.items[i];
		push_key(&ids, p->id, p->id, p->file, p->line, i);
		push_key(&qids, p->qid, p->id, p->file, p->line, i);
		if (!p->qid)
			cl_db_report(d, p->file, p->line, "%s has no qid: every fact in the rules carries its Wikidata item",
				     p->id);
	}
	/* a full name or alias that names two people would resolve wrongly */
	for (i = 0; i < db->names.len; i++) {
		const cl_name_entry *e = &db->names.items[i];
		const cl_person *p = &db->people.items[e->index];
		if (!e->surname_only)
			push_key(&names, e->words, p->id, p->file, p->line, (size_t)e->index);
	}
	report_shared(d, &ids, "duplicate id", false);
	report_shared(d, &qids, "duplicate QID", false);
	report_shared(d, &names, "ambiguous name", true);
}

static void push_names(cl_db *db, keyed_list *names, const cl_fact_head *h, size_t owner)
{
	size_t k;
	int words;
	push_key(names, cl_db_name_words(&db->arena, h->name, &words), h->id, h->file, h->line, owner);
	for (k = 0; k < h->alias_count; k++)
		push_key(names, cl_db_name_words(&db->arena, h->aliases[k], &words), h->id, h->file, h->line, owner);
}

static const char *const kind_names[CL_KIND_COUNT] = { "office", "event", "place", "entity", "term", "work" };

/* Within a kind: ids, QIDs and names are each one entry's. Places are named
 * per period, so a name may come back in a later period of the same place;
 * works of different types (a novel and its film) may share a title. */
static void check_facts_unique(cl_db *db, cl_db_diag *d)
{
	int kind;
	for (kind = 0; kind < CL_KIND_COUNT; kind++) {
		keyed_list ids = { 0 }, qids = { 0 }, names = { 0 };
		size_t i, n = cl_db_fact_count(db, kind);
		char what[64];
		for (i = 0; i < n; i++) {
			const cl_fact_head *h = cl_db_fact_head(db, kind, i);
			push_key(&ids, h->id, h->id, h->file, h->line, i);
			push_key(&qids, h->qid, h->id, h->file, h->line, i);
			if (!h->qid)
				cl_db_report(d, h->file, h->line,
					     "%s has no qid: every fact in the rules carries its Wikidata item", h->id);
			if (kind == CL_KIND_PLACE) {
				const cl_place *p = cl_db_fact(db, kind, i);
				size_t k, a;
				int words;
				for (k = 0; k < p->name_count; k++) {
					push_key(&names, cl_db_name_words(&db->arena, p->names[k].name, &words), h->id,
						 h->file, p->names[k].line, i);
					for (a = 0; a < p->names[k].alias_count; a++)
						push_key(&names, cl_db_name_words(&db->arena, p->names[k].aliases[a], &words),
							 h->id, h->file, p->names[k].line, i);
				}
			} else if (kind == CL_KIND_WORK) {
				/* a novel and its film share a title: the checker takes the earlier */
				const cl_work *w = cl_db_fact(db, kind, i);
				size_t k;
				int words;
				push_key(&names, cl_arena_printf(&db->arena, "%s: %s", w->type,
								 cl_db_name_words(&db->arena, h->name, &words)),
					 h->id, h->file, h->line, i);
				for (k = 0; k < h->alias_count; k++)
					push_key(&names, cl_arena_printf(&db->arena, "%s: %s", w->type,
									 cl_db_name_words(&db->arena, h->aliases[k], &words)),
						 h->id, h->file, h->line, i);
			} else {
				push_names(db, &names, h, i);
			}
		}
		snprintf(what, sizeof(what), "duplicate %s id", kind_names[kind]);
		report_shared(d, &ids, what, false);
		snprintf(what, sizeof(what), "duplicate %s QID", kind_names[kind]);
		report_shared(d, &qids, what, false);
		snprintf(what, sizeof(what), "ambiguous %s name", kind_names[kind]);
		report_shared(d, &names, what, true);
	}
}

/* ---- references and dates in order ------------------------------------------- */

static int cmp_str_ptr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool entity_exists(const char **sorted_ids, size_t n, const char *id)
{
	return id && bsearch(&id, sorted_ids, n, sizeof(char *), cmp_str_ptr) != NULL;
}

static void check_tenure(cl_db *db, cl_db_diag *d, const cl_office *o, const cl_tenure *t)
{
	const cl_person *p;
	if (t->person < 0) {
		report(d, o->head.file, t->line, "%s: tenure of unknown person \"%s\"", o->head.id,
		       t->person_id ? t->person_id : "");
		return;
	}
	p = &db->people.items[t->person];
	if (t->held.from.precision != CL_PREC_NONE && t->held.to.precision != CL_PREC_NONE &&
	    before(&t->held.to, &t->held.from))
		report(d, o->head.file, t->line, "%s: tenure of %s ends before it begins", o->head.id, p->id);
	if (t->held.from.precision != CL_PREC_NONE && before(&t->held.from, &p->born))
		report(d, o->head.file, t->line, "%s: tenure of %s begins before the holder was born", o->head.id, p->id);
	if (p->died.precision != CL_PREC_NONE) {
		if (t->held.from.precision != CL_PREC_NONE && before(&p->died, &t->held.from))
			report(d, o->head.file, t->line, "%s: tenure of %s begins after the holder died", o->head.id,
			       p->id);
		if (t->held.to.precision != CL_PREC_NONE && before(&p->died, &t->held.to))
			report(d, o->head.file, t->line, "%s: tenure of %s ends after the holder died", o->head.id,
			       p->id);
	}
}

/* One holder at a time: a tenure that begins before the previous one ended,
 * at the precision both give, is a mistake (ranks are held by many at once). */
static void check_succession(cl_db_diag *d, const cl_office *o)
{
	size_t k;
	if (o->rank)
		return;
	for (k = 1; k < o->tenure_count; k++) {
		const cl_tenure *prev = &o->tenures[k - 1], *t = &o->tenures[k];
		if (t->held.from.precision == CL_PREC_NONE)
			continue;
		if (prev->held.from.precision != CL_PREC_NONE && before(&t->held.from, &prev->held.from))
			report(d, o->head.file, t->line, "%s: tenures out of order (%s before %s)", o->head.id,
			       t->person_id, prev->person_id);
		else if (prev->held.to.precision != CL_PREC_NONE && before(&t->held.from, &prev->held.to))
			report(d, o->head.file, t->line, "%s: tenure of %s begins before that of %s ended", o->head.id,
			       t->person_id, prev->person_id);
	}
}

static void check_offices(cl_db *db, cl_db_diag *d, const char **entity_ids, size_t entity_count)
{
	size_t i, k;
	for (i = 0; i < db->offices.len; i++) {
		const cl_office *o = &db->offices.items[i];
		if (o->state && !entity_exists(entity_ids, entity_count, o->state))
			report(d, o->head.file, o->head.line, "%s: unknown state \"%s\"", o->head.id, o->state);
		for (k = 0; k < o->tenure_count; k++)
			check_tenure(db, d, o, &o->tenures[k]);
		check_succession(d, o);
	}
}

static void check_span(cl_db_diag *d, const cl_fact_head *h, const cl_fact_date *a, const cl_fact_date *b,
		       const char *what)
{
	if (a->date.precision != CL_PREC_NONE && b->date.precision != CL_PREC_NONE && before(&b->date, &a->date))
		report(d, h->file, h->line, "%s: %s", h->id, what);
}

static void check_places(cl_db *db, cl_db_diag *d)
{
	size_t i, k;
	for (i = 0; i < db->places.len; i++) {
		const cl_place *p = &db->places.items[i];
		for (k = 0; k < p->name_count; k++) {
			const cl_period *v = &p->names[k].valid;
			if (v->from.precision != CL_PREC_NONE && v->to.precision != CL_PREC_NONE && before(&v->to, &v->from))
				report(d, p->head.file, p->names[k].line, "%s: the name %s ends before it begins", p->head.id,
				       p->names[k].name);
			if (k > 0 && v->from.precision != CL_PREC_NONE) {
				const cl_period *prev = &p->names[k - 1].valid;
				if (prev->from.precision != CL_PREC_NONE && before(&v->from, &prev->from))
					report(d, p->head.file, p->names[k].line, "%s: names out of order (%s before %s)",
					       p->head.id, p->names[k].name, p->names[k - 1].name);
			}
			if (k + 1 < p->name_count && v->to.precision == CL_PREC_NONE)
				report(d, p->head.file, p->names[k].line, "%s: the name %s has no end but a later one follows",
				       p->head.id, p->names[k].name);
		}
	}
}

static void check_entities(cl_db *db, cl_db_diag *d, const char **entity_ids, size_t entity_count)
{
	size_t i, k;
	for (i = 0; i < db->entities.len; i++) {
		const cl_entity *e = &db->entities.items[i];
		check_span(d, &e->head, &e->founded, &e->dissolved, "dissolved before it was founded");
		check_fact_date(d, &e->head, &e->founded, "founding");
		for (k = 0; k < e->predecessor_count; k++)
			if (!entity_exists(entity_ids, entity_count, e->predecessors[k]))
				report(d, e->head.file, e->head.line, "%s: unknown predecessor \"%s\"", e->head.id,
				       e->predecessors[k]);
		for (k = 0; k < e->successor_count; k++)
			if (!entity_exists(entity_ids, entity_count, e->successors[k]))
				report(d, e->head.file, e->head.line, "%s: unknown successor \"%s\"", e->head.id,
				       e->successors[k]);
	}
}

static void check_works(cl_db *db, cl_db_diag *d)
{
	size_t i, k;
	for (i = 0; i < db->works.len; i++) {
		const cl_work *w = &db->works.items[i];
		for (k = 0; k < w->author_count; k++) {
			const cl_author *a = &w->authors[k];
			if (a->person_id && a->person < 0)
				report(d, w->head.file, w->head.line, "%s: unknown author person \"%s\"", w->head.id,
				       a->person_id);
			else if (a->person >= 0 && before(&w->published.date, &db->people.items[a->person].born))
				report(d, w->head.file, w->head.line, "%s: published before %s was born", w->head.id,
				       a->person_id);
		}
	}
}

int cl_db_check(const char *rules_dir, cl_diag_fn diag, void *payload, cl_error *err)
{
	cl_db_diag d = { diag, payload, 0, NULL };
	cl_db *db;
	const char **entity_ids;
	size_t i;
	int rc = cl_db_open_diag(&db, rules_dir, &d, err);
	if (rc != CL_OK)
		return rc;
	entity_ids = malloc((db->entities.len + 1) * sizeof(char *));
	if (!entity_ids) {
		cl_db_free(db);
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < db->entities.len; i++)
		entity_ids[i] = db->entities.items[i].head.id;
	qsort(entity_ids, db->entities.len, sizeof(char *), cmp_str_ptr);
	check_lives(db, &d);
	check_people_unique(db, &d);
	check_facts_unique(db, &d);
	check_offices(db, &d, entity_ids, db->entities.len);
	for (i = 0; i < db->events.len; i++) {
		const cl_event *e = &db->events.items[i];
		check_span(&d, &e->head, &e->start, &e->end, "ends before it begins");
		check_fact_date(&d, &e->head, &e->start, "start");
		check_fact_date(&d, &e->head, &e->end, "end");
	}
	for (i = 0; i < db->terms.len; i++)
		check_fact_date(&d, &db->terms.items[i].head, &db->terms.items[i].first, "first");
	for (i = 0; i < db->works.len; i++)
		check_fact_date(&d, &db->works.items[i].head, &db->works.items[i].published, "publication");
	check_places(db, &d);
	check_entities(db, &d, entity_ids, db->entities.len);
	check_works(db, &d);
	free(entity_ids);
	if (!db->rules)
		report(&d, rules_dir, 0, "no rule documentation (rules.xml)");
	cl_db_free(db);
	return d.problems;
}
