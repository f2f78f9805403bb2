/* db_facts.c - the entries besides people: offices with their tenures, events,
 * places with their names over time, states and organisations, terms, works.
 * Every string and array is copied into the db's arena. */
#include <stdlib.h>
#include <string.h>

#include "db.h"

typedef CL_ARRAY(const char *) string_list;

/* Moves a temporary list into the arena. */
static const char **keep_strings(cl_db *db, string_list *list, size_t *count)
{
	const char **kept = list->len ? cl_arena_copy(&db->arena, list->items, list->len * sizeof(char *)) : NULL;
	*count = kept ? list->len : 0;
	free(list->items);
	memset(list, 0, sizeof(*list));
	return kept;
}

/* Reads the identity, names, note and first source that every kind has;
 * `name_elem` is "name", or "title" for works. Aliases stay in `aliases`. */
static void read_head(cl_db *db, xmlNodePtr n, const char *file, const char *name_elem, cl_fact_head *h,
		      string_list *aliases)
{
	xmlNodePtr c;
	memset(h, 0, sizeof(*h));
	h->id = cl_db_prop(db, n, "id");
	h->qid = cl_db_prop(db, n, "qid");
	h->file = file;
	h->line = xmlGetLineNo(n);
	for (c = n->children; c; c = c->next) {
		if (cl_db_is_elem(c, name_elem))
			h->name = cl_db_content(db, c);
		else if (cl_db_is_elem(c, "alias"))
			CL_ARRAY_PUSH(*aliases, cl_db_content(db, c));
		else if (cl_db_is_elem(c, "note"))
			h->note = cl_db_content(db, c);
		else if (cl_db_is_elem(c, "source") && !h->source)
			h->source = cl_db_content(db, c);
	}
}

static int finish_head(cl_db *db, cl_fact_head *h, string_list *aliases)
{
	bool complete = h->id && h->name;
	h->aliases = keep_strings(db, aliases, &h->alias_count);
	return complete ? 0 : -1;
}

static int load_fact_date(cl_db *db, xmlNodePtr n, cl_fact_date *fd, cl_db_diag *d, const char *file)
{
	return cl_db_load_date(db, n, &fd->date, &fd->os, fd->alt, &fd->alt_count, d, file);
}

/* One end of a period: absent is open; precision defaults to the date's form. */
static int load_period_end(cl_db *db, xmlNodePtr n, const char *attr, cl_date *out, cl_db_diag *d,
			   const char *file)
{
	char precision_attr[32];
	const char *iso = cl_db_prop(db, n, attr), *precision;
	/* all of it: an open end is written to the rules cache like any other */
	*out = (cl_date){ .precision = CL_PREC_NONE };
	if (!iso)
		return 0;
	snprintf(precision_attr, sizeof(precision_attr), "%s-precision", attr);
	precision = cl_db_prop(db, n, precision_attr);
	if (!cl_db_parse_date(out, iso, precision)) {
		cl_db_report(d, file, xmlGetLineNo(n), "%s=\"%s\" does not exist or does not fit precision \"%s\"", attr,
			     iso, precision ? precision : "");
		return -1;
	}
	return 0;
}

static int load_period(cl_db *db, xmlNodePtr n, cl_period *p, cl_db_diag *d, const char *file)
{
	int a = load_period_end(db, n, "from", &p->from, d, file);
	int b = load_period_end(db, n, "to", &p->to, d, file);
	return a || b ? -1 : 0;
}

static int load_office(cl_db *db, xmlNodePtr n, const char *file, cl_db_diag *d)
{
	cl_office o;
	string_list aliases = { 0 }, titles = { 0 };
	CL_ARRAY(cl_tenure) tenures = { 0 };
	const char *kind = cl_db_prop(db, n, "kind");
	xmlNodePtr c;
	int bad = 0;
	read_head(db, n, file, "name", &o.head, &aliases);
	o.rank = kind && strcmp(kind, "rank") == 0;
	o.state = cl_db_prop(db, n, "state");
	for (c = n->children; c; c = c->next) {
		if (cl_db_is_elem(c, "title")) {
			CL_ARRAY_PUSH(titles, cl_db_content(db, c));
		} else if (cl_db_is_elem(c, "tenure")) {
			cl_tenure t;
			t.person = -1;
			t.person_id = cl_db_prop(db, c, "person");
			t.line = xmlGetLineNo(c);
			bad |= load_period(db, c, &t.held, d, file);
			CL_ARRAY_PUSH(tenures, t);
		}
	}
	o.titles = keep_strings(db, &titles, &o.title_count);
	o.tenures = tenures.len ? cl_arena_copy(&db->arena, tenures.items, tenures.len * sizeof(cl_tenure)) : NULL;
	o.tenure_count = o.tenures ? tenures.len : 0;
	free(tenures.items);
	if (finish_head(db, &o.head, &aliases) || bad)
		return CL_OK;
	return CL_ARRAY_PUSH(db->offices, o) ? CL_ERR_NOMEM : CL_OK;
}

static int load_event(cl_db *db, xmlNodePtr n, const char *file, cl_db_diag *d)
{
	cl_event e;
	string_list aliases = { 0 };
	xmlNodePtr c;
	int bad = 0;
	memset(&e, 0, sizeof(e));
	read_head(db, n, file, "name", &e.head, &aliases);
	e.type = cl_db_prop(db, n, "type");
	e.end.date.precision = CL_PREC_NONE;
	for (c = n->children; c; c = c->next) {
		if (cl_db_is_elem(c, "date") || cl_db_is_elem(c, "start")) {
			e.one_day = cl_db_is_elem(c, "date");
			bad |= load_fact_date(db, c, &e.start, d, file);
		} else if (cl_db_is_elem(c, "end")) {
			bad |= load_fact_date(db, c, &e.end, d, file);
		}
	}
	if (finish_head(db, &e.head, &aliases) || bad)
		return CL_OK;
	return CL_ARRAY_PUSH(db->events, e) ? CL_ERR_NOMEM : CL_OK;
}

static int load_place(cl_db *db, xmlNodePtr n, const char *file, cl_db_diag *d)
{
	cl_place p;
	string_list aliases = { 0 };
	CL_ARRAY(cl_place_name) names = { 0 };
	xmlNodePtr c, k;
	int bad = 0;
	read_head(db, n, file, "name", &p.head, &aliases);
	for (c = n->children; c; c = c->next) {
		cl_place_name pn;
		string_list variants = { 0 };
		if (!cl_db_is_elem(c, "period"))
			continue;
		memset(&pn, 0, sizeof(pn));
		pn.line = xmlGetLineNo(c);
		bad |= load_period(db, c, &pn.valid, d, file);
		for (k = c->children; k; k = k->next) {
			if (cl_db_is_elem(k, "name"))
				pn.name = cl_db_content(db, k);
			else if (cl_db_is_elem(k, "alias"))
				CL_ARRAY_PUSH(variants, cl_db_content(db, k));
		}
		pn.aliases = keep_strings(db, &variants, &pn.alias_count);
		CL_ARRAY_PUSH(names, pn);
	}
	p.names = names.len ? cl_arena_copy(&db->arena, names.items, names.len * sizeof(cl_place_name)) : NULL;
	p.name_count = p.names ? names.len : 0;
	free(names.items);
	if (p.name_count)
		p.head.name = p.names[p.name_count - 1].name;
	if (finish_head(db, &p.head, &aliases) || bad)
		return CL_OK;
	return CL_ARRAY_PUSH(db->places, p) ? CL_ERR_NOMEM : CL_OK;
}

static int load_entity(cl_db *db, xmlNodePtr n, const char *file, cl_db_diag *d)
{
	cl_entity e;
	string_list aliases = { 0 }, before = { 0 }, after = { 0 };
	xmlNodePtr c;
	int bad = 0;
	memset(&e, 0, sizeof(e));
	read_head(db, n, file, "name", &e.head, &aliases);
	e.type = cl_db_prop(db, n, "type");
	e.founded.date.precision = e.dissolved.date.precision = CL_PREC_NONE;
	for (c = n->children; c; c = c->next) {
		if (cl_db_is_elem(c, "founded"))
			bad |= load_fact_date(db, c, &e.founded, d, file);
		else if (cl_db_is_elem(c, "dissolved"))
			bad |= load_fact_date(db, c, &e.dissolved, d, file);
		else if (cl_db_is_elem(c, "predecessor"))
			CL_ARRAY_PUSH(before, cl_db_prop(db, c, "ref"));
		else if (cl_db_is_elem(c, "successor"))
			CL_ARRAY_PUSH(after, cl_db_prop(db, c, "ref"));
	}
	e.predecessors = keep_strings(db, &before, &e.predecessor_count);
	e.successors = keep_strings(db, &after, &e.successor_count);
	if (finish_head(db, &e.head, &aliases) || bad)
		return CL_OK;
	return CL_ARRAY_PUSH(db->entities, e) ? CL_ERR_NOMEM : CL_OK;
}

static int load_term(cl_db *db, xmlNodePtr n, const char *file, cl_db_diag *d)
{
	cl_term t;
	string_list aliases = { 0 };
	CL_ARRAY(cl_term_pattern) patterns = { 0 };
	xmlNodePtr c;
	int bad = 0;
	memset(&t, 0, sizeof(t));
	read_head(db, n, file, "name", &t.head, &aliases);
	t.type = cl_db_prop(db, n, "type");
	for (c = n->children; c; c = c->next)
		if (cl_db_is_elem(c, "first")) {
			t.basis = cl_db_prop(db, c, "basis");
			bad |= load_fact_date(db, c, &t.first, d, file);
		} else if (cl_db_is_elem(c, "pattern")) {
			cl_term_pattern p = { cl_db_content(db, c), xmlGetLineNo(c) };
			if (p.source && CL_ARRAY_PUSH(patterns, p))
				db->arena.failed = true;
		}
	if (patterns.len) {
		t.patterns = cl_arena_copy(&db->arena, patterns.items, patterns.len * sizeof(*patterns.items));
		t.pattern_count = t.patterns ? patterns.len : 0;
	}
	free(patterns.items);
	if (finish_head(db, &t.head, &aliases) || bad)
		return CL_OK;
	return CL_ARRAY_PUSH(db->terms, t) ? CL_ERR_NOMEM : CL_OK;
}

static int load_work(cl_db *db, xmlNodePtr n, const char *file, cl_db_diag *d)
{
	cl_work w;
	string_list aliases = { 0 };
	CL_ARRAY(cl_author) authors = { 0 };
	xmlNodePtr c;
	int bad = 0;
	memset(&w, 0, sizeof(w));
	read_head(db, n, file, "title", &w.head, &aliases);
	w.type = cl_db_prop(db, n, "type");
	for (c = n->children; c; c = c->next) {
		if (cl_db_is_elem(c, "author")) {
			cl_author a = { cl_db_content(db, c), cl_db_prop(db, c, "person"), -1 };
			CL_ARRAY_PUSH(authors, a);
		} else if (cl_db_is_elem(c, "published")) {
			bad |= load_fact_date(db, c, &w.published, d, file);
		}
	}
	w.authors = authors.len ? cl_arena_copy(&db->arena, authors.items, authors.len * sizeof(cl_author)) : NULL;
	w.author_count = w.authors ? authors.len : 0;
	free(authors.items);
	if (finish_head(db, &w.head, &aliases) || bad)
		return CL_OK;
	return CL_ARRAY_PUSH(db->works, w) ? CL_ERR_NOMEM : CL_OK;
}

int cl_db_load_fact(cl_db *db, xmlNodePtr n, const char *file, cl_db_diag *d)
{
	if (cl_db_is_elem(n, "office"))
		return load_office(db, n, file, d);
	if (cl_db_is_elem(n, "event"))
		return load_event(db, n, file, d);
	if (cl_db_is_elem(n, "place"))
		return load_place(db, n, file, d);
	if (cl_db_is_elem(n, "entity"))
		return load_entity(db, n, file, d);
	if (cl_db_is_elem(n, "term"))
		return load_term(db, n, file, d);
	if (cl_db_is_elem(n, "work"))
		return load_work(db, n, file, d);
	return CL_OK;
}

static int cmp_person_id(const void *key, const void *item)
{
	return strcmp(key, (*(const cl_person *const *)item)->id);
}

static int cmp_people_by_id(const void *a, const void *b)
{
	return strcmp((*(const cl_person *const *)a)->id, (*(const cl_person *const *)b)->id);
}

void cl_db_link(cl_db *db)
{
	const cl_person **by_id = malloc((db->people.len + 1) * sizeof(*by_id));
	size_t i, k;
	if (!by_id)
		return;
	for (i = 0; i < db->people.len; i++)
		by_id[i] = &db->people.items[i];
	qsort(by_id, db->people.len, sizeof(*by_id), cmp_people_by_id);
#define FIND_PERSON(id) \
	((id) ? (const cl_person *const *)bsearch((id), by_id, db->people.len, sizeof(*by_id), cmp_person_id) : NULL)
	for (i = 0; i < db->offices.len; i++)
		for (k = 0; k < db->offices.items[i].tenure_count; k++) {
			cl_tenure *t = &db->offices.items[i].tenures[k];
			const cl_person *const *p = FIND_PERSON(t->person_id);
			t->person = p ? (int)(*p - db->people.items) : -1;
		}
	for (i = 0; i < db->works.len; i++)
		for (k = 0; k < db->works.items[i].author_count; k++) {
			cl_author *a = &db->works.items[i].authors[k];
			const cl_person *const *p = FIND_PERSON(a->person_id);
			a->person = p ? (int)(*p - db->people.items) : -1;
		}
#undef FIND_PERSON
	free(by_id);
}

size_t cl_db_fact_count(const cl_db *db, cl_fact_kind kind)
{
	switch (kind) {
	case CL_KIND_OFFICE: return db->offices.len;
	case CL_KIND_EVENT: return db->events.len;
	case CL_KIND_PLACE: return db->places.len;
	case CL_KIND_ENTITY: return db->entities.len;
	case CL_KIND_TERM: return db->terms.len;
	case CL_KIND_WORK: return db->works.len;
	default: return 0;
	}
}

const void *cl_db_fact(const cl_db *db, cl_fact_kind kind, size_t i)
{
	if (i >= cl_db_fact_count(db, kind))
		return NULL;
	switch (kind) {
	case CL_KIND_OFFICE: return &db->offices.items[i];
	case CL_KIND_EVENT: return &db->events.items[i];
	case CL_KIND_PLACE: return &db->places.items[i];
	case CL_KIND_ENTITY: return &db->entities.items[i];
	case CL_KIND_TERM: return &db->terms.items[i];
	case CL_KIND_WORK: return &db->works.items[i];
	default: return NULL;
	}
}

/* Every kind's struct begins with its head. */
const cl_fact_head *cl_db_fact_head(const cl_db *db, cl_fact_kind kind, size_t i)
{
	return cl_db_fact(db, kind, i);
}

static bool has_capital(const char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			return true;
	return false;
}

static int add_fact_name(cl_db *db, cl_fact_kind kind, size_t index, int sub, const char *name)
{
	cl_name_entry e;
	if (!cl_db_name_entry(db, name, &e))
		return CL_OK;
	e.index = (int)index;
	e.kind = kind;
	e.sub = sub;
	/* "Ö" counts as a capital too: any byte outside ASCII at the start is a letter of a name */
	e.has_capital = has_capital(name) || (unsigned char)name[0] >= 0x80;
	return CL_ARRAY_PUSH(db->fact_names, e) ? CL_ERR_NOMEM : CL_OK;
}

static int add_head_names(cl_db *db, cl_fact_kind kind, size_t index, const cl_fact_head *h)
{
	size_t k;
	if (add_fact_name(db, kind, index, -1, h->name))
		return CL_ERR_NOMEM;
	for (k = 0; k < h->alias_count; k++)
		if (add_fact_name(db, kind, index, -1, h->aliases[k]))
			return CL_ERR_NOMEM;
	return CL_OK;
}

int cl_db_collect_fact_names(cl_db *db)
{
	size_t i, k, j;
	for (i = 0; i < db->offices.len; i++)
		if (add_head_names(db, CL_KIND_OFFICE, i, &db->offices.items[i].head))
			return CL_ERR_NOMEM;
	for (i = 0; i < db->events.len; i++)
		if (add_head_names(db, CL_KIND_EVENT, i, &db->events.items[i].head))
			return CL_ERR_NOMEM;
	for (i = 0; i < db->entities.len; i++)
		if (add_head_names(db, CL_KIND_ENTITY, i, &db->entities.items[i].head))
			return CL_ERR_NOMEM;
	for (i = 0; i < db->terms.len; i++)
		if (add_head_names(db, CL_KIND_TERM, i, &db->terms.items[i].head))
			return CL_ERR_NOMEM;
	/* works by title: facts.c passes them over, citations.c finds them */
	for (i = 0; i < db->works.len; i++)
		if (add_head_names(db, CL_KIND_WORK, i, &db->works.items[i].head))
			return CL_ERR_NOMEM;
	for (i = 0; i < db->places.len; i++) {
		const cl_place *p = &db->places.items[i];
		for (k = 0; k < p->name_count; k++) {
			if (add_fact_name(db, CL_KIND_PLACE, i, (int)k, p->names[k].name))
				return CL_ERR_NOMEM;
			for (j = 0; j < p->names[k].alias_count; j++)
				if (add_fact_name(db, CL_KIND_PLACE, i, (int)k, p->names[k].aliases[j]))
					return CL_ERR_NOMEM;
		}
	}
	return CL_OK;
}
