/* db_words.c - what the name-spelling check compares against: the single-word
 * names of the database and the system word list (so that ordinary words are
 * never "misspelt names"). Each is built on first use, under a lock, because a
 * database is shared by the threads that check files in parallel: the names
 * when a text has an unknown capitalised word, the word list (about 10 ms to
 * read) only when such a word lies close to a name. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "db.h"

#define DEFAULT_WORDS "/usr/share/dict/words"

static int add_word(cl_db_words *w, const char *s, size_t len)
{
	char *copy = cl_arena_strndup(&w->arena, s, len);
	size_t i;
	if (!copy)
		return CL_ERR_NOMEM;
	cl_ascii_lower(copy, s, len);
	if (w->count * 2 >= w->slots) {
		size_t n = w->slots ? w->slots * 2 : 1 << 17, k;
		char **table = calloc(n, sizeof(char *));
		if (!table)
			return CL_ERR_NOMEM;
		for (k = 0; k < w->slots; k++)
			if (w->table[k]) {
				i = cl_fnv1a(w->table[k], strlen(w->table[k])) & (n - 1);
				while (table[i])
					i = (i + 1) & (n - 1);
				table[i] = w->table[k];
			}
		free(w->table);
		w->table = table;
		w->slots = n;
	}
	i = cl_fnv1a(copy, len) & (w->slots - 1);
	while (w->table[i]) {
		if (strcmp(w->table[i], copy) == 0)
			return CL_OK;
		i = (i + 1) & (w->slots - 1);
	}
	w->table[i] = copy;
	w->count++;
	return CL_OK;
}

static void load_word_list(cl_db_words *w)
{
	const char *path = getenv("CHRONOLINT_WORDS");
	size_t len, i, start = 0;
	char *data;
	if (path && strcmp(path, "off") == 0)
		return;
	errno = 0;
	data = cl_read_file(path && *path ? path : DEFAULT_WORDS, &len);
	if (!data) {
		w->failed = errno == ENOMEM; /* no list at all is allowed, a lost one is not */
		return;
	}
	for (i = 0; i <= len; i++) {
		if (i == len || data[i] == '\n') {
			size_t end = i;
			if (end > start && data[end - 1] == '\r')
				end--;
			/* "Stalin's" and the like: the list's possessives add nothing */
			if (end > start && end - start < 40 && !memchr(data + start, '\'', end - start) &&
			    add_word(w, data + start, end - start)) {
				w->failed = true;
				break;
			}
			start = i + 1;
		}
	}
	free(data);
}

static int add_target(cl_db_words *w, const char *name, const char *canonical, const char *id, const char *qid)
{
	cl_spelling_target t;
	size_t len = strlen(name), k;
	if (len < 4 || len > 32 || strchr(name, ' ') || !(name[0] >= 'A' && name[0] <= 'Z'))
		return CL_OK;
	for (k = 0; k < len; k++)
		if ((unsigned char)name[k] >= 0x80)
			return CL_OK;
	t.name = name;
	t.canonical = canonical;
	t.id = id;
	t.qid = qid;
	t.lower = cl_arena_strndup(&w->arena, name, len);
	if (!t.lower)
		return CL_ERR_NOMEM;
	cl_ascii_lower((char *)t.lower, name, len);
	return CL_ARRAY_PUSH(w->targets[(unsigned char)t.lower[0] & 31], t) ? CL_ERR_NOMEM : CL_OK;
}

static void collect_targets(const cl_db *db, cl_db_words *w)
{
	size_t i, k, j;
	for (i = 0; i < db->people.len; i++) {
		const cl_person *p = &db->people.items[i];
		const char *own = p->surname_count ? p->surnames[0] : p->name;
		for (k = 0; k < p->surname_count; k++)
			if (add_target(w, p->surnames[k], own, p->id, p->qid))
				w->failed = true;
		for (k = 0; k < p->alias_count; k++)
			if (add_target(w, p->aliases[k], own, p->id, p->qid))
				w->failed = true;
	}
	for (i = 0; i < db->places.len; i++) {
		const cl_place *p = &db->places.items[i];
		for (k = 0; k < p->name_count; k++) {
			if (add_target(w, p->names[k].name, p->names[k].name, p->head.id, p->head.qid))
				w->failed = true;
			for (j = 0; j < p->names[k].alias_count; j++)
				if (add_target(w, p->names[k].aliases[j], p->names[k].name, p->head.id, p->head.qid))
					w->failed = true;
		}
	}
	for (i = 0; i < db->entities.len; i++) {
		const cl_entity *e = &db->entities.items[i];
		if (add_target(w, e->head.name, e->head.name, e->head.id, e->head.qid))
			w->failed = true;
		for (k = 0; k < e->head.alias_count; k++)
			if (add_target(w, e->head.aliases[k], e->head.name, e->head.id, e->head.qid))
				w->failed = true;
	}
}

/* The lazily built part of the db, under its own lock. */
static cl_db_words *words_of(const cl_db *db, bool list)
{
	cl_db *m = (cl_db *)db;
	pthread_mutex_lock(&m->words_lock);
	if (!m->targets_ready) {
		collect_targets(db, &m->words);
		m->targets_ready = true;
	}
	if (list && !m->words_ready) {
		load_word_list(&m->words);
		m->words_ready = true;
	}
	pthread_mutex_unlock(&m->words_lock);
	return &m->words;
}

bool cl_db_words_failed(const cl_db *db)
{
	cl_db *m = (cl_db *)db;
	bool failed;
	pthread_mutex_lock(&m->words_lock);
	failed = m->words.failed;
	pthread_mutex_unlock(&m->words_lock);
	return failed;
}

bool cl_db_has_words(const cl_db *db)
{
	return words_of(db, true)->count > 0;
}

bool cl_db_is_word(const cl_db *db, const char *lower, size_t len)
{
	const cl_db_words *w = words_of(db, true);
	size_t i;
	if (!w->slots)
		return false;
	for (i = cl_fnv1a(lower, len) & (w->slots - 1); w->table[i]; i = (i + 1) & (w->slots - 1))
		if (strncmp(w->table[i], lower, len) == 0 && !w->table[i][len])
			return true;
	return false;
}

const cl_spelling_target *cl_db_spelling_targets(const cl_db *db, char first, size_t *count)
{
	const cl_db_words *w = words_of(db, false);
	*count = w->targets[(unsigned char)first & 31].len;
	return w->targets[(unsigned char)first & 31].items;
}

void cl_db_words_free(cl_db_words *w)
{
	size_t k;
	free(w->table);
	for (k = 0; k < 32; k++)
		free(w->targets[k].items);
	cl_arena_free(&w->arena);
}
