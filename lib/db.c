/* db.c - the facts database: the XML files of rules/, each validated against the
 * RelaxNG schema named after its root element,
 * the people in them, and an index of their names keyed by first token. */
#include <dirent.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "db.h"

typedef cl_db_diag diag_ctx;
#define report cl_db_report

void cl_db_report(cl_db_diag *d, const char *file, int line, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	d->problems++;
	if (d->diag)
		d->diag(d->payload, file, line, msg);
}

static void structured_error(void *ctx, xmlErrorPtr e)
{
	diag_ctx *d = ctx;
	char msg[512];
	if (cl_xml_error_text(e, msg, sizeof(msg)))
		report(d, e->file ? e->file : d->file, e->line, "%s", msg);
}

/* Rules files are small; a larger one is a mistake, not a database. */
#define CL_RULES_FILE_MAX ((size_t)64 << 20)

char *cl_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	cl_buf b = { NULL, 0, 0, CL_RULES_FILE_MAX };
	char chunk[65536];
	size_t n;
	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (cl_buf_put(&b, chunk, n) != CL_OK) {
			cl_buf_free(&b);
			fclose(f);
			return NULL;
		}
	if (ferror(f) || !b.ptr) {
		cl_buf_free(&b);
		if (!ferror(f)) {
			fclose(f);
			*len = 0;
			return calloc(1, 1);
		}
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = b.len;
	return b.ptr;
}

static void parse_problem(void *payload, const char *file, int line, const char *msg)
{
	report(payload, file, line, "%s", msg);
}

/* Safely (xml.c): no DOCTYPE, entity, DTD or anything fetched. */
static xmlDocPtr parse_file(const char *path, diag_ctx *d)
{
	d->file = path;
	return cl_xml_read_file(path, parse_problem, d);
}

/* The one schema of every rules file, parsed once per load. */
static xmlRelaxNGPtr load_schema(const char *schema_path, diag_ctx *d)
{
	xmlRelaxNGParserCtxtPtr pctx = NULL;
	xmlRelaxNGPtr schema = NULL;
	/* read as safely as the rules, which also installs the refusing entity
	 * loader before the schema's <include> and <externalRef>, which libxml2
	 * would load by URL; the document keeps the path for the messages */
	xmlDocPtr doc = parse_file(schema_path, d);
	if (doc && (pctx = xmlRelaxNGNewDocParserCtxt(doc))) {
		xmlSetStructuredErrorFunc(d, structured_error);
		schema = xmlRelaxNGParse(pctx);
		xmlSetStructuredErrorFunc(NULL, NULL);
		xmlRelaxNGFreeParserCtxt(pctx);
	}
	if (doc)
		xmlFreeDoc(doc);
	if (!schema)
		report(d, schema_path, 0, "the schema cannot be loaded");
	return schema;
}

static bool validate(xmlDocPtr doc, xmlRelaxNGPtr schema, diag_ctx *d)
{
	xmlRelaxNGValidCtxtPtr vctx = xmlRelaxNGNewValidCtxt(schema);
	int before = d->problems, rc;
	if (!vctx)
		return false;
	xmlSetStructuredErrorFunc(d, structured_error);
	xmlRelaxNGSetValidStructuredErrors(vctx, structured_error, d);
	rc = xmlRelaxNGValidateDoc(vctx, doc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlRelaxNGFreeValidCtxt(vctx);
	if (rc != 0 && d->problems == before)
		report(d, (const char *)doc->URL, 0, "does not match the schema");
	return rc == 0;
}

const char *cl_db_prop(cl_db *db, xmlNodePtr n, const char *name)
{
	cl_arena *a = &db->arena;
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *r = NULL;
	if (v) {
		r = cl_arena_strndup(a, (const char *)v, strlen((const char *)v));
		xmlFree(v);
	}
	return r;
}

const char *cl_db_content(cl_db *db, xmlNodePtr n)
{
	cl_arena *a = &db->arena;
	xmlChar *v = xmlNodeGetContent(n);
	const char *r = NULL;
	if (v) {
		r = cl_arena_strndup(a, (const char *)v, strlen((const char *)v));
		xmlFree(v);
	}
	return r;
}

bool cl_db_is_elem(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

bool cl_db_parse_date(cl_date *out, const char *iso, const char *precision)
{
	cl_date d;
	if (!iso || cl_date_parse(&d, iso) != CL_OK)
		return false;
	if (!precision)
		;
	else if (strcmp(precision, "circa") == 0)
		d.precision = CL_PREC_CIRCA;
	else if (precision && strcmp(precision, "decade") == 0)
		d.precision = CL_PREC_DECADE;
	else if (precision && strcmp(precision, "year") == 0 && d.precision == CL_PREC_YEAR)
		;
	else if (precision && strcmp(precision, "month") == 0 && d.precision == CL_PREC_MONTH)
		;
	else if (precision && strcmp(precision, "day") == 0 && d.precision == CL_PREC_DAY)
		;
	else
		return false;
	*out = d;
	return true;
}

static int add_strings(cl_db *db, const char ***list, size_t *count, const char *s)
{
	const char **p = realloc((void *)*list, (*count + 1) * sizeof(char *));
	if (!p)
		return CL_ERR_NOMEM;
	p[(*count)++] = s;
	*list = p;
	(void)db;
	return CL_OK;
}

int cl_db_load_date(cl_db *db, xmlNodePtr n, cl_date *date, cl_date *os, cl_db_alt_date *alts,
		    int *alt_count, cl_db_diag *d, const char *file)
{
	xmlNodePtr c;
	const char *iso = cl_db_prop(db, n, "date"), *prec = cl_db_prop(db, n, "precision");
	const char *os_iso = cl_db_prop(db, n, "os");
	if (!cl_db_parse_date(date, iso, prec)) {
		report(d, file, xmlGetLineNo(n), "date \"%s\" does not exist or does not fit precision \"%s\"",
		       iso ? iso : "", prec ? prec : "");
		return -1;
	}
	os->precision = CL_PREC_NONE;
	if (os_iso && !cl_db_parse_date(os, os_iso, prec)) {
		report(d, file, xmlGetLineNo(n), "Old Style date \"%s\" does not exist", os_iso);
		return -1;
	}
	for (c = n->children; c; c = c->next) {
		cl_db_alt_date *alt;
		if (!cl_db_is_elem(c, "alternative") || *alt_count >= 2)
			continue;
		alt = &alts[*alt_count];
		const char *aiso = cl_db_prop(db, c, "date"), *aprec = cl_db_prop(db, c, "precision");
		const char *aos = cl_db_prop(db, c, "os");
		if (!cl_db_parse_date(&alt->date, aiso, aprec)) {
			report(d, file, xmlGetLineNo(c), "alternative date \"%s\" does not exist", aiso ? aiso : "");
			return -1;
		}
		alt->os.precision = CL_PREC_NONE;
		if (aos)
			cl_db_parse_date(&alt->os, aos, aprec);
		alt->reason = cl_db_prop(db, c, "reason");
		(*alt_count)++;
	}
	return 0;
}

static int load_person(cl_db *db, xmlNodePtr n, const char *file, diag_ctx *d)
{
	cl_person p;
	xmlNodePtr c;
	memset(&p, 0, sizeof(p));
	p.id = cl_db_prop(db, n, "id");
	p.qid = cl_db_prop(db, n, "qid");
	p.file = file;
	p.line = xmlGetLineNo(n);
	p.died.precision = CL_PREC_NONE;
	for (c = n->children; c; c = c->next) {
		if (cl_db_is_elem(c, "name"))
			p.name = cl_db_content(db, c);
		else if (cl_db_is_elem(c, "surname")) {
			const char *alone = cl_db_prop(db, c, "alone");
			if (alone && strcmp(alone, "yes") == 0 && p.surname_count < 32)
				p.surname_alone |= 1u << p.surname_count;
			add_strings(db, &p.surnames, &p.surname_count, cl_db_content(db, c));
		}
		else if (cl_db_is_elem(c, "alias"))
			add_strings(db, &p.aliases, &p.alias_count, cl_db_content(db, c));
		else if (cl_db_is_elem(c, "note"))
			p.note = cl_db_content(db, c);
		else if (cl_db_is_elem(c, "born"))
			cl_db_load_date(db, c, &p.born, &p.born_os, p.born_alt, &p.born_alt_count, d, file);
		else if (cl_db_is_elem(c, "died"))
			cl_db_load_date(db, c, &p.died, &p.died_os, p.died_alt, &p.died_alt_count, d, file);
		else if (cl_db_is_elem(c, "source") && !p.sources)
			p.sources = cl_db_content(db, c);
	}
	{
		/* the lists live in the arena with the rest, as when read from the cache */
		const char **surnames = p.surnames, **aliases = p.aliases;
		p.surnames = cl_arena_copy(&db->arena, surnames, p.surname_count * sizeof(char *));
		p.aliases = cl_arena_copy(&db->arena, aliases, p.alias_count * sizeof(char *));
		free((void *)surnames);
		free((void *)aliases);
	}
	/* an incomplete entry was reported by the schema or the date check */
	if (!p.id || !p.name || p.born.precision == CL_PREC_NONE)
		return CL_OK;
	return CL_ARRAY_PUSH(db->people, p) ? CL_ERR_NOMEM : CL_OK;
}

/* Lower-cased tokens of a name joined by single spaces: "Chiang Kai-shek" ->
 * "chiang kai - shek", the same way the tokenizer splits prose. */
static void lower_in_place(char *s, size_t len)
{
	size_t k;
	for (k = 0; k < len; k++)
		if (s[k] >= 'A' && s[k] <= 'Z')
			s[k] = (char)(s[k] + 32);
}

char *cl_db_name_words(cl_arena *a, const char *name, int *count)
{
	size_t len = strlen(name), i = 0;
	cl_buf b = { 0 };
	char *r;
	*count = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = cl_utf8_decode((const unsigned char *)name + i, len - i, &cp);
		if (!n)
			n = 1, cp = ' ';
		if (cp == ' ') {
			i += n;
			continue;
		}
		if (b.len)
			cl_buf_putc(&b, ' ');
		(*count)++;
		if (cl_is_letter(cp)) {
			size_t start = i;
			while (i < len) {
				n = cl_utf8_decode((const unsigned char *)name + i, len - i, &cp);
				if (n && cl_is_letter(cp)) {
					i += n;
				} else if (n && (cp == '\'' || cp == 0x2019) && i + n < len &&
					   cl_utf8_decode((const unsigned char *)name + i + n, len - i - n, &cp) &&
					   cl_is_letter(cp)) {
					i += n;
				} else {
					break;
				}
			}
			if (cl_buf_put(&b, name + start, i - start) != CL_OK)
				break;
			/* lower-cased where it landed, without a copy */
			lower_in_place(b.ptr + b.len - (i - start), i - start);
		} else if (cp >= '0' && cp <= '9') {
			size_t start = i;
			while (i < len && name[i] >= '0' && name[i] <= '9')
				i++;
			cl_buf_put(&b, name + start, i - start);
		} else {
			cl_buf_put(&b, name + i, n);
			i += n;
		}
	}
	r = b.ptr ? cl_arena_strndup(a, b.ptr, b.len) : NULL;
	cl_buf_free(&b);
	return r;
}

static uint64_t hash_word(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h = (h ^ c) * 1099511628211ULL;
	}
	return h;
}

static size_t first_word_len(const char *words)
{
	const char *sp = strchr(words, ' ');
	return sp ? (size_t)(sp - words) : strlen(words);
}

bool cl_db_name_entry(cl_db *db, const char *name, cl_name_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->sub = -1;
	if (!name || !*name)
		return false;
	e->words = cl_db_name_words(&db->arena, name, &e->word_count);
	return e->words && e->word_count > 0;
}

static int add_name(cl_db *db, int person, const char *name, bool surname_only, bool alone)
{
	cl_name_entry e;
	if (!cl_db_name_entry(db, name, &e))
		return CL_OK;
	e.index = person;
	e.surname_only = surname_only;
	e.alone = alone;
	return CL_ARRAY_PUSH(db->names, e) ? CL_ERR_NOMEM : CL_OK;
}

static int cmp_entry_len(const void *a, const void *b)
{
	const cl_name_entry *x = *(const cl_name_entry *const *)a, *y = *(const cl_name_entry *const *)b;
	if (x->word_count != y->word_count)
		return y->word_count - x->word_count;
	return (int)x->surname_only - (int)y->surname_only;
}

/* Hashes every entry by its first token; each bucket longest name first. */
static int fill_buckets(const cl_name_entry *names, size_t len, cl_name_bucket **out, size_t *count)
{
	size_t i, n = 64;
	cl_name_bucket *b;
	while (n < len * 2)
		n *= 2;
	b = calloc(n, sizeof(*b));
	if (!b)
		return CL_ERR_NOMEM;
	*out = b;
	*count = n;
	for (i = 0; i < len; i++)
		if (CL_ARRAY_PUSH(b[hash_word(names[i].words, first_word_len(names[i].words)) & (n - 1)].entries,
				  &names[i]))
			return CL_ERR_NOMEM;
	for (i = 0; i < n; i++)
		if (b[i].entries.len > 1)
			qsort(b[i].entries.items, b[i].entries.len, sizeof(cl_name_entry *), cmp_entry_len);
	return CL_OK;
}

static void free_buckets(cl_name_bucket *b, size_t n)
{
	size_t i;
	for (i = 0; b && i < n; i++)
		free(b[i].entries.items);
	free(b);
}

/* The names of people and of other entries, then their hash buckets. A
 * database from the compiled cache has its names already (lower-casing and
 * splitting them is most of the cost of opening one) and needs the buckets only. */
static int build_index(cl_db *db, bool names_loaded)
{
	size_t i, k;
	int rc;
	for (i = 0; !names_loaded && i < db->people.len; i++) {
		const cl_person *p = &db->people.items[i];
		if (add_name(db, (int)i, p->name, false, false))
			return CL_ERR_NOMEM;
		for (k = 0; k < p->alias_count; k++)
			if (add_name(db, (int)i, p->aliases[k], false, false))
				return CL_ERR_NOMEM;
		for (k = 0; k < p->surname_count; k++)
			if (add_name(db, (int)i, p->surnames[k], true, k < 32 && (p->surname_alone >> k) & 1))
				return CL_ERR_NOMEM;
	}
	if ((rc = fill_buckets(db->names.items, db->names.len, &db->buckets, &db->bucket_count)) != CL_OK ||
	    (!names_loaded && (rc = cl_db_collect_fact_names(db)) != CL_OK))
		return rc;
	return fill_buckets(db->fact_names.items, db->fact_names.len, &db->fact_buckets, &db->fact_bucket_count);
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int load_root(cl_db *db, xmlDocPtr *doc, xmlNodePtr root, const char *path, diag_ctx *d)
{
	xmlNodePtr n;
	int rc = CL_OK;
	if (strcmp((const char *)root->name, "rules") == 0) {
		if (db->rules)
			return CL_OK;
		xmlFreeDoc(*doc);
		*doc = NULL;
		if (cl_rule_docs_load(&db->rules, path, d->diag, d->payload) != CL_OK)
			d->problems++;
		return CL_OK;
	}
	for (n = root->children; n && rc == CL_OK; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		rc = cl_db_is_elem(n, "person") ? load_person(db, n, path, d) : cl_db_load_fact(db, n, path, d);
	}
	return rc;
}

int cl_db_list_files(const char *dir, cl_db_files *files)
{
	DIR *dh = opendir(dir);
	struct dirent *de;
	if (!dh)
		return CL_ERR_IO;
	while ((de = readdir(dh)) != NULL) {
		char *name;
		if (de->d_name[0] == '.' || !has_suffix(de->d_name, ".xml"))
			continue;
		name = strdup(de->d_name);
		if (!name || CL_ARRAY_PUSH(*files, name)) {
			free(name);
			closedir(dh);
			return CL_ERR_NOMEM;
		}
	}
	closedir(dh);
	if (files->len > 1)
		qsort(files->items, files->len, sizeof(char *), cmp_str);
	return CL_OK;
}

void cl_db_files_free(cl_db_files *files)
{
	size_t i;
	for (i = 0; i < files->len; i++)
		free(files->items[i]);
	free(files->items);
	memset(files, 0, sizeof(*files));
}

/* Loads each file (dir/name, or the path itself when dir is NULL), validated
 * against the chronolint.rng of `schema_dir`. */
static int load_files(cl_db *db, const char *schema_dir, const char *dir, const char *const *names, size_t count,
		      diag_ctx *d)
{
	xmlRelaxNGPtr schema;
	size_t i;
	int rc = CL_OK;
	char *schema_path = cl_arena_printf(&db->arena, "%s/chronolint.rng", schema_dir);
	schema = schema_path ? load_schema(schema_path, d) : NULL;
	for (i = 0; i < count && rc == CL_OK && schema; i++) {
		char *path = dir ? cl_arena_printf(&db->arena, "%s/%s", dir, names[i])
				 : cl_arena_strndup(&db->arena, names[i], strlen(names[i]));
		xmlDocPtr doc;
		xmlNodePtr root;
		if (!path) {
			rc = CL_ERR_NOMEM;
			break;
		}
		if (!(doc = parse_file(path, d)))
			continue;
		root = xmlDocGetRootElement(doc);
		if (!root)
			report(d, path, 1, "no root element");
		else if (validate(doc, schema, d))
			rc = load_root(db, &doc, root, path, d);
		if (doc)
			xmlFreeDoc(doc);
	}
	if (schema)
		xmlRelaxNGFree(schema);
	return rc;
}

/* Drops the entries before `first_new` whose id an entry from `first_new` on
 * also has: the author's facts, read after the rules, replace the real ones. */
static void replace_by_id(void *items, size_t *len, size_t size, size_t id_offset, size_t first_new)
{
	char *base = items;
	size_t i, k, kept = 0;
	for (i = 0; i < *len; i++) {
		const char *id = *(const char *const *)(base + i * size + id_offset);
		bool later = false;
		for (k = i + 1 > first_new ? i + 1 : first_new; k < *len && !later; k++)
			later = strcmp(id, *(const char *const *)(base + k * size + id_offset)) == 0;
		if (later)
			continue;
		if (kept != i)
			memmove(base + kept * size, base + i * size, size);
		kept++;
	}
	*len = kept;
}

static int load_facts(cl_db *db, const char *dir, const char *const *facts, size_t count, diag_ctx *d)
{
	size_t people = db->people.len, offices = db->offices.len, events = db->events.len,
	       places = db->places.len, entities = db->entities.len, terms = db->terms.len, works = db->works.len;
	int rc = load_files(db, dir, NULL, facts, count, d);
	size_t i;
	if (rc != CL_OK)
		return rc;
	/* db check says this of the rules; an author's person who dies before
	 * being born would make every check of them wrong */
	for (i = people; i < db->people.len; i++) {
		const cl_person *p = &db->people.items[i];
		if (p->born.precision != CL_PREC_NONE && p->died.precision != CL_PREC_NONE &&
		    cl_date_span(&p->died).last < cl_date_span(&p->born).first)
			report(d, p->file, p->line, "%s: died before being born", p->id);
	}
	replace_by_id(db->people.items, &db->people.len, sizeof(cl_person), offsetof(cl_person, id), people);
	replace_by_id(db->offices.items, &db->offices.len, sizeof(cl_office), offsetof(cl_office, head.id), offices);
	replace_by_id(db->events.items, &db->events.len, sizeof(cl_event), offsetof(cl_event, head.id), events);
	replace_by_id(db->places.items, &db->places.len, sizeof(cl_place), offsetof(cl_place, head.id), places);
	replace_by_id(db->entities.items, &db->entities.len, sizeof(cl_entity), offsetof(cl_entity, head.id),
		      entities);
	replace_by_id(db->terms.items, &db->terms.len, sizeof(cl_term), offsetof(cl_term, head.id), terms);
	replace_by_id(db->works.items, &db->works.len, sizeof(cl_work), offsetof(cl_work, head.id), works);
	return CL_OK;
}

void cl_db_free(cl_db *db)
{
	if (!db)
		return;
	cl_db_words_free(&db->words);
	pthread_mutex_destroy(&db->words_lock);
	free_buckets(db->buckets, db->bucket_count);
	free_buckets(db->fact_buckets, db->fact_bucket_count);
	free(db->people.items);
	free(db->names.items);
	free(db->fact_names.items);
	free(db->offices.items);
	free(db->events.items);
	free(db->places.items);
	free(db->entities.items);
	free(db->terms.items);
	free(db->works.items);
	cl_rule_docs_free(db->rules);
	cl_patterns_free(db->patterns);
	cl_arena_free(&db->arena);
	free(db);
}

static cl_db *new_db(void)
{
	cl_db *db = calloc(1, sizeof(*db));
	if (db && pthread_mutex_init(&db->words_lock, NULL) != 0) {
		free(db);
		return NULL;
	}
	return db;
}

/* Reads the database from the cache when `use_cache` and it matches the
 * files, else from the XML (then writes the cache if the load was clean). */
static int open_db(cl_db **out, const char *dir, const char *const *facts, size_t facts_count, cl_db_diag *d,
		   bool use_cache, cl_error *err)
{
	cl_db *db = new_db();
	cl_db_files files = { 0 };
	cl_buf key = { 0 };
	bool cached = false;
	int rc;
	*out = NULL;
	if (!db)
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	rc = cl_db_list_files(dir, &files);
	if (rc == CL_ERR_IO) {
		free(db);
		return cl_error_set(err, CL_ERR_IO, "%s: cannot open the rules directory", dir);
	}
	/* the cache holds the rules alone */
	use_cache = use_cache && !facts_count && rc == CL_OK && cl_db_cache_key(dir, &files, &key) == CL_OK;
	if (use_cache && cl_db_cache_load(db, dir, &key) == CL_OK) {
		cached = true;
	} else if (rc == CL_OK) {
		if (use_cache) { /* a damaged or stale cache: start again from the XML */
			cl_db_free(db);
			if (!(db = new_db()))
				rc = CL_ERR_NOMEM;
		}
		if (rc == CL_OK)
			rc = load_files(db, dir, dir, (const char *const *)files.items, files.len, d);
		if (rc == CL_OK && facts_count)
			rc = load_facts(db, dir, facts, facts_count, d);
	}
	/* a string or list the arena could not hold was left out on the way */
	if (rc == CL_OK && db->arena.failed)
		rc = CL_ERR_NOMEM;
	if (rc == CL_OK) {
		cl_db_link(db);
		rc = build_index(db, cached);
	}
	if (rc == CL_OK)
		rc = cl_patterns_compile(db, d);
	if (rc == CL_OK && db->arena.failed)
		rc = CL_ERR_NOMEM;
	if (rc == CL_OK && use_cache && !cached && d->problems == 0)
		cl_db_cache_save(db, dir, &key);
	cl_buf_free(&key);
	cl_db_files_free(&files);
	if (rc != CL_OK) {
		cl_db_free(db);
		return cl_error_set(err, rc, "out of memory loading the rules");
	}
	*out = db;
	return CL_OK;
}

int cl_db_open_diag(cl_db **out, const char *dir, cl_db_diag *d, cl_error *err)
{
	return open_db(out, dir, NULL, 0, d, false, err);
}

int cl_db_open(cl_db **out, const char *rules_dir, cl_diag_fn diag, void *payload, cl_error *err)
{
	return cl_db_open_with_facts(out, rules_dir, NULL, 0, diag, payload, err);
}

int cl_db_open_with_facts(cl_db **out, const char *rules_dir, const char *const *facts, size_t facts_count,
			  cl_diag_fn diag, void *payload, cl_error *err)
{
	diag_ctx d = { diag, payload, 0, NULL };
	int rc = open_db(out, rules_dir, facts, facts_count, &d, true, err);
	if (rc != CL_OK)
		return rc;
	if (d.problems) {
		cl_db_free(*out);
		*out = NULL;
		return cl_error_set(err, CL_ERR_PARSE, "%s: the rules%s have %d problem%s (told above)", rules_dir,
				    facts_count ? " with the facts files" : "", d.problems, d.problems == 1 ? "" : "s");
	}
	return CL_OK;
}

size_t cl_db_person_count(const cl_db *db)
{
	return db->people.len;
}

const cl_person *cl_db_person(const cl_db *db, size_t index)
{
	return index < db->people.len ? &db->people.items[index] : NULL;
}

static const cl_name_entry *const *bucket_of(const cl_name_bucket *b, size_t n, const char *word, size_t len,
					   size_t *count)
{
	*count = 0;
	if (!n)
		return NULL;
	b = &b[hash_word(word, len) & (n - 1)];
	*count = b->entries.len;
	return b->entries.items;
}

const cl_name_entry *const *cl_db_names_starting(const cl_db *db, const char *word, size_t len, size_t *count)
{
	return bucket_of(db->buckets, db->bucket_count, word, len, count);
}

const cl_name_entry *const *cl_db_fact_names_starting(const cl_db *db, const char *word, size_t len,
						      size_t *count)
{
	return bucket_of(db->fact_buckets, db->fact_bucket_count, word, len, count);
}


const cl_patterns *cl_db_patterns(const cl_db *db)
{
	return db->patterns;
}

const cl_rule_docs *cl_db_rule_docs(const cl_db *db)
{
	return db->rules;
}

size_t cl_db_rule_count(const cl_db *db)
{
	return db->rules ? cl_rule_docs_count(db->rules) : 0;
}

const cl_rule_doc *cl_db_rule(const cl_db *db, size_t index)
{
	return db->rules && index < cl_rule_docs_count(db->rules) ? cl_rule_docs_at(db->rules, index) : NULL;
}

const cl_rule_doc *cl_db_rule_find(const cl_db *db, const char *id)
{
	size_t i, n = cl_db_rule_count(db);
	for (i = 0; i < n; i++)
		if (strcmp(cl_db_rule(db, i)->id, id) == 0)
			return cl_db_rule(db, i);
	return NULL;
}


bool cl_db_names_a_person(const cl_db *db, const char *word, size_t len)
{
	size_t n, k;
	const cl_name_entry *const *e = cl_db_names_starting(db, word, len, &n);
	for (k = 0; k < n; k++)
		if (e[k]->word_count == 1 && strlen(e[k]->words) == len && cl_word_eqn(word, e[k]->words, len))
			return true;
	return false;
}
