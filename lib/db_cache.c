/* db_cache.c - the database compiled to one binary file, so that a run does not
 * parse and validate the XML each time. The cache is keyed by the rules
 * directory, the size, time and inode of every file in it and the program
 * version; any mismatch or damage means the XML is read again, and a load that
 * reported no problem writes a fresh cache (atomically, by rename).
 *
 * Where: $CHRONOLINT_CACHE (a directory, or "off"), else
 * $XDG_CACHE_HOME/chronolint, else ~/.cache/chronolint. */
#define _DEFAULT_SOURCE /* realpath, mkstemp */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"

#define CACHE_MAGIC "chronolint-db-cache 4\n"

/* One walk over the data, writing it or reading it back: the same function
 * serves both directions, so the two cannot drift apart. */
typedef struct {
	bool reading, bad;
	cl_buf out;
	const unsigned char *in, *end;
	cl_arena *arena;
} ser;

static void ser_bytes(ser *s, void *p, size_t n)
{
	if (s->bad)
		return;
	if (!s->reading) {
		if (cl_buf_put(&s->out, p, n) != CL_OK)
			s->bad = true;
		return;
	}
	if ((size_t)(s->end - s->in) < n) {
		s->bad = true;
		memset(p, 0, n);
		return;
	}
	memcpy(p, s->in, n);
	s->in += n;
}

static void ser_int(ser *s, int *v)
{
	int32_t x = (int32_t)*v;
	ser_bytes(s, &x, sizeof(x));
	*v = x;
}

static void ser_size(ser *s, size_t *v)
{
	uint32_t x = (uint32_t)*v;
	ser_bytes(s, &x, sizeof(x));
	*v = x;
}

static void ser_bool(ser *s, bool *v)
{
	unsigned char x = *v;
	ser_bytes(s, &x, 1);
	*v = x != 0;
}

static void ser_str(ser *s, const char **p)
{
	uint32_t len = *p ? (uint32_t)strlen(*p) : UINT32_MAX;
	ser_bytes(s, &len, sizeof(len));
	if (s->bad || len == UINT32_MAX) {
		if (s->reading)
			*p = NULL;
		return;
	}
	if (!s->reading) {
		ser_bytes(s, (void *)*p, len);
		return;
	}
	if ((size_t)(s->end - s->in) < len || memchr(s->in, '\0', len)) {
		s->bad = true;
		*p = NULL;
		return;
	}
	if (!(*p = cl_arena_strndup(s->arena, (const char *)s->in, len)))
		s->bad = true;
	s->in += len;
}

/* An array of `size`-byte items, each walked by fn; read back into the arena. */
static void ser_array(ser *s, void **items, size_t *count, size_t size, void (*fn)(ser *, void *))
{
	size_t i, n = *count;
	char *tmp;
	ser_size(s, &n);
	if (s->bad)
		return;
	if (!s->reading) {
		for (i = 0; i < n; i++)
			fn(s, (char *)*items + i * size);
		return;
	}
	*items = NULL;
	*count = 0;
	if (n == 0)
		return;
	if (n > (size_t)(s->end - s->in) || !(tmp = calloc(n, size))) {
		s->bad = true;
		return;
	}
	for (i = 0; i < n && !s->bad; i++)
		fn(s, tmp + i * size);
	if (!s->bad && !(*items = cl_arena_copy(s->arena, tmp, n * size)))
		s->bad = true;
	*count = s->bad ? 0 : n;
	free(tmp);
}

static void ser_str_item(ser *s, void *p)
{
	ser_str(s, p);
}

static void ser_strs(ser *s, const char ***items, size_t *count)
{
	ser_array(s, (void **)items, count, sizeof(char *), ser_str_item);
}

static void ser_date(ser *s, cl_date *d)
{
	int precision = (int)d->precision;
	ser_int(s, &d->year);
	ser_int(s, &d->month);
	ser_int(s, &d->day);
	ser_int(s, &precision);
	if (precision < CL_PREC_NONE || precision > CL_PREC_CIRCA)
		s->bad = true;
	d->precision = (cl_precision)precision;
}

static void ser_alts(ser *s, cl_db_alt_date *alts, int *count)
{
	int i;
	ser_int(s, count);
	if (*count < 0 || *count > 2) {
		s->bad = true;
		*count = 0;
	}
	for (i = 0; i < *count; i++) {
		ser_date(s, &alts[i].date);
		ser_date(s, &alts[i].os);
		ser_str(s, &alts[i].reason);
	}
}

static void ser_fact_date(ser *s, cl_fact_date *fd)
{
	ser_date(s, &fd->date);
	ser_date(s, &fd->os);
	ser_alts(s, fd->alt, &fd->alt_count);
}

static void ser_period(ser *s, cl_period *p)
{
	ser_date(s, &p->from);
	ser_date(s, &p->to);
}

static void ser_person(ser *s, void *item)
{
	cl_person *p = item;
	int alone = (int)p->surname_alone;
	ser_str(s, &p->id);
	ser_str(s, &p->qid);
	ser_str(s, &p->name);
	ser_str(s, &p->note);
	ser_str(s, &p->file);
	ser_int(s, &p->line);
	ser_date(s, &p->born);
	ser_date(s, &p->died);
	ser_date(s, &p->born_os);
	ser_date(s, &p->died_os);
	ser_alts(s, p->born_alt, &p->born_alt_count);
	ser_alts(s, p->died_alt, &p->died_alt_count);
	ser_strs(s, &p->surnames, &p->surname_count);
	ser_int(s, &alone);
	p->surname_alone = (uint32_t)alone;
	ser_strs(s, &p->aliases, &p->alias_count);
	ser_str(s, &p->sources);
}

static void ser_head(ser *s, cl_fact_head *h)
{
	ser_str(s, &h->id);
	ser_str(s, &h->qid);
	ser_str(s, &h->name);
	ser_str(s, &h->note);
	ser_str(s, &h->source);
	ser_strs(s, &h->aliases, &h->alias_count);
	ser_str(s, &h->file);
	ser_int(s, &h->line);
}

static void ser_tenure(ser *s, void *item)
{
	cl_tenure *t = item;
	ser_str(s, &t->person_id);
	ser_period(s, &t->held);
	ser_int(s, &t->line);
	if (s->reading)
		t->person = -1; /* linked again after loading */
}

static void ser_office(ser *s, void *item)
{
	cl_office *o = item;
	ser_head(s, &o->head);
	ser_bool(s, &o->rank);
	ser_str(s, &o->state);
	ser_strs(s, &o->titles, &o->title_count);
	ser_array(s, (void **)&o->tenures, &o->tenure_count, sizeof(cl_tenure), ser_tenure);
}

static void ser_event(ser *s, void *item)
{
	cl_event *e = item;
	ser_head(s, &e->head);
	ser_str(s, &e->type);
	ser_fact_date(s, &e->start);
	ser_fact_date(s, &e->end);
	ser_bool(s, &e->one_day);
}

static void ser_place_name(ser *s, void *item)
{
	cl_place_name *n = item;
	ser_str(s, &n->name);
	ser_strs(s, &n->aliases, &n->alias_count);
	ser_period(s, &n->valid);
	ser_int(s, &n->line);
}

static void ser_place(ser *s, void *item)
{
	cl_place *p = item;
	ser_head(s, &p->head);
	ser_array(s, (void **)&p->names, &p->name_count, sizeof(cl_place_name), ser_place_name);
}

static void ser_entity(ser *s, void *item)
{
	cl_entity *e = item;
	ser_head(s, &e->head);
	ser_str(s, &e->type);
	ser_fact_date(s, &e->founded);
	ser_fact_date(s, &e->dissolved);
	ser_strs(s, &e->predecessors, &e->predecessor_count);
	ser_strs(s, &e->successors, &e->successor_count);
}

static void ser_term_pattern(ser *s, void *item)
{
	cl_term_pattern *p = item;
	ser_str(s, &p->source);
	ser_int(s, &p->line);
}

static void ser_term(ser *s, void *item)
{
	cl_term *t = item;
	ser_head(s, &t->head);
	ser_str(s, &t->type);
	ser_str(s, &t->basis);
	ser_fact_date(s, &t->first);
	ser_array(s, (void **)&t->patterns, &t->pattern_count, sizeof(cl_term_pattern), ser_term_pattern);
}

static void ser_author(ser *s, void *item)
{
	cl_author *a = item;
	ser_str(s, &a->name);
	ser_str(s, &a->person_id);
	if (s->reading)
		a->person = -1;
}

static void ser_work(ser *s, void *item)
{
	cl_work *w = item;
	ser_head(s, &w->head);
	ser_str(s, &w->type);
	ser_array(s, (void **)&w->authors, &w->author_count, sizeof(cl_author), ser_author);
	ser_fact_date(s, &w->published);
}

static void ser_rule(ser *s, void *item)
{
	cl_rule_doc *r = item;
	ser_str(s, &r->id);
	ser_str(s, &r->severity);
	ser_str(s, &r->summary);
	ser_str(s, &r->description);
	ser_str(s, &r->bad);
	ser_str(s, &r->good);
	ser_str(s, &r->silence);
	ser_str(s, &r->limits);
	ser_str(s, &r->help_uri);
}

static void ser_name_entry(ser *s, void *item)
{
	cl_name_entry *e = item;
	int kind = (int)e->kind;
	ser_str(s, &e->words);
	ser_int(s, &e->word_count);
	ser_int(s, &e->index);
	ser_int(s, &kind);
	e->kind = (cl_fact_kind)kind;
	ser_int(s, &e->sub);
	ser_bool(s, &e->has_capital);
	ser_bool(s, &e->surname_only);
	ser_bool(s, &e->alone);
}

/* The db's top-level arrays are malloc'd CL_ARRAYs: read into the arena,
 * then copied out so that cl_db_free frees them as usual. */
#define SER_KIND(s, arr, fn) \
	do { \
		void *items_ = (arr).items; \
		size_t len_ = (arr).len; \
		ser_array((s), &items_, &len_, sizeof(*(arr).items), (fn)); \
		if ((s)->reading && !(s)->bad && len_) { \
			(arr).items = malloc(len_ * sizeof(*(arr).items)); \
			if (!(arr).items) \
				(s)->bad = true; \
			else \
				memcpy((arr).items, items_, len_ * sizeof(*(arr).items)); \
			(arr).len = (arr).cap = (arr).items ? len_ : 0; \
		} \
	} while (0)

static void ser_db(ser *s, cl_db *db)
{
	CL_ARRAY(cl_rule_doc) rules = { 0 };
	size_t i;
	SER_KIND(s, db->people, ser_person);
	SER_KIND(s, db->offices, ser_office);
	SER_KIND(s, db->events, ser_event);
	SER_KIND(s, db->places, ser_place);
	SER_KIND(s, db->entities, ser_entity);
	SER_KIND(s, db->terms, ser_term);
	SER_KIND(s, db->works, ser_work);
	/* the name indexes, made when the XML was read */
	SER_KIND(s, db->names, ser_name_entry);
	SER_KIND(s, db->fact_names, ser_name_entry);
	if (!s->reading) {
		for (i = 0; db->rules && i < cl_rule_docs_count(db->rules); i++)
			CL_ARRAY_PUSH(rules, *cl_rule_docs_at(db->rules, i));
	}
	SER_KIND(s, rules, ser_rule);
	if (s->reading)
		for (i = 0; i < rules.len && !s->bad; i++)
			if (cl_rule_docs_add(&db->rules, &rules.items[i]) != CL_OK)
				s->bad = true;
	free(rules.items);
}

/* ---- where the cache lives and what it must match ---------------------------- */


/* The cache file for a rules directory, or NULL when caching is off. */
static char *cache_path(const char *dir)
{
	const char *env = getenv("CHRONOLINT_CACHE"), *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char real[PATH_MAX], base[PATH_MAX];
	cl_buf path = { 0 };
	int n = -1;
	if (env && strcmp(env, "off") == 0)
		return NULL;
	if (!realpath(dir, real))
		return NULL;
	if (env && *env)
		n = snprintf(base, sizeof(base), "%s", env);
	else if (xdg && *xdg)
		n = snprintf(base, sizeof(base), "%s/chronolint", xdg);
	else if (home && *home)
		n = snprintf(base, sizeof(base), "%s/.cache/chronolint", home);
	if (n < 0 || n >= (int)sizeof(base))
		return NULL;
	if (cl_buf_printf(&path, "%s/rules-%016llx.idx", base,
			  (unsigned long long)cl_fnv1a(real, strlen(real))) != CL_OK) {
		cl_buf_free(&path);
		return NULL;
	}
	return path.ptr;
}

int cl_db_cache_key(const char *dir, const cl_db_files *files, cl_buf *key)
{
	size_t i;
	char real[PATH_MAX];
	if (!realpath(dir, real))
		return CL_ERR_IO;
	/* the sizes fingerprint the layout, should a change forget to bump the magic */
	cl_buf_printf(key, "%s%s %zu %zu %zu %zu %zu %zu %zu\n%s\n", CACHE_MAGIC, CL_VERSION, sizeof(cl_person),
		      sizeof(cl_office), sizeof(cl_event), sizeof(cl_place), sizeof(cl_entity), sizeof(cl_term),
		      sizeof(cl_work), real);
	for (i = 0; i <= files->len; i++) {
		const char *name = i < files->len ? files->items[i] : "chronolint.rng";
		char path[PATH_MAX];
		struct stat st;
		if (snprintf(path, sizeof(path), "%s/%s", real, name) >= (int)sizeof(path) || stat(path, &st) != 0)
			return CL_ERR_IO;
		if (cl_buf_printf(key, "%s %lld %lld.%09ld %llu\n", name, (long long)st.st_size,
				  (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
				  (unsigned long long)st.st_ino) != CL_OK)
			return CL_ERR_NOMEM;
	}
	return CL_OK;
}

/* The key, its length first, then the data. */
int cl_db_cache_load(cl_db *db, const char *dir, const cl_buf *key)
{
	char *path = cache_path(dir), *data;
	size_t len;
	uint32_t key_len;
	ser s;
	memset(&s, 0, sizeof(s));
	if (!path)
		return CL_ERR_IO;
	data = cl_read_file(path, &len);
	free(path);
	if (!data)
		return CL_ERR_IO;
	s.reading = true;
	s.arena = &db->arena;
	s.in = (const unsigned char *)data;
	s.end = s.in + len;
	ser_bytes(&s, &key_len, sizeof(key_len));
	if (s.bad || key_len != key->len || (size_t)(s.end - s.in) < key_len || memcmp(s.in, key->ptr, key_len) != 0) {
		free(data);
		return CL_ERR_IO;
	}
	s.in += key_len;
	ser_db(&s, db);
	free(data);
	return s.bad || s.in != s.end ? CL_ERR_PARSE : CL_OK;
}

static int make_dirs(const char *path)
{
	char tmp[PATH_MAX], *p;
	if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp))
		return -1;
	for (p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	return 0;
}

void cl_db_cache_save(cl_db *db, const char *dir, const cl_buf *key)
{
	char *path = cache_path(dir);
	cl_buf tmp = { 0 };
	ser s;
	uint32_t key_len = (uint32_t)key->len;
	FILE *f;
	int fd;
	memset(&s, 0, sizeof(s));
	if (!path || make_dirs(path) != 0 || cl_buf_printf(&tmp, "%s.XXXXXX", path) != CL_OK) {
		free(path);
		cl_buf_free(&tmp);
		return;
	}
	ser_bytes(&s, &key_len, sizeof(key_len));
	ser_bytes(&s, key->ptr, key->len);
	ser_db(&s, db);
	fd = s.bad ? -1 : mkstemp(tmp.ptr);
	if (fd >= 0 && (f = fdopen(fd, "wb")) != NULL) {
		bool ok = fwrite(s.out.ptr, 1, s.out.len, f) == s.out.len;
		ok = fclose(f) == 0 && ok;
		if (!ok || rename(tmp.ptr, path) != 0)
			unlink(tmp.ptr);
	} else if (fd >= 0) {
		close(fd);
		unlink(tmp.ptr);
	}
	cl_buf_free(&s.out);
	cl_buf_free(&tmp);
	free(path);
}
