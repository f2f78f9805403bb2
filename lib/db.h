/* db.h - the database's own layout, shared by db.c (files, people, names),
 * db_facts.c (the other kinds), db_check.c (consistency) and db_lookup.c. */
#ifndef CL_DB_H
#define CL_DB_H

#include <pthread.h>
#include <libxml/tree.h>
#include "internal.h"

/* The word list and spelling targets, built on first use (db_words.c). */
typedef struct {
	char **table;        /* open addressing, lower-case words */
	size_t slots, count;
	CL_ARRAY(cl_spelling_target) targets[32]; /* by first letter */
	cl_arena arena;
	bool failed;         /* memory ran out while building: the lists are partial */
} cl_db_words;

void cl_db_words_free(cl_db_words *w);

typedef struct {
	CL_ARRAY(const cl_name_entry *) entries;
} cl_name_bucket;

struct cl_db {
	CL_ARRAY(cl_person) people;
	CL_ARRAY(cl_name_entry) names;
	CL_ARRAY(cl_office) offices;
	CL_ARRAY(cl_event) events;
	CL_ARRAY(cl_place) places;
	CL_ARRAY(cl_entity) entities;
	CL_ARRAY(cl_term) terms;
	CL_ARRAY(cl_work) works;
	cl_name_bucket *buckets;
	size_t bucket_count;
	CL_ARRAY(cl_name_entry) fact_names;
	cl_name_bucket *fact_buckets;
	size_t fact_bucket_count;
	cl_rule_docs *rules;
	cl_patterns *patterns;      /* the terms' patterns compiled, or NULL when none */
	cl_arena arena;
	pthread_mutex_t words_lock;
	bool targets_ready, words_ready;
	cl_db_words words;
};

/* Where problems go while loading or checking: FILE:LINE: message. */
typedef struct {
	cl_diag_fn diag;
	void *payload;
	int problems;
	const char *file;
} cl_db_diag;

void cl_db_report(cl_db_diag *d, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Attribute and text content of an element, copied into the db's arena. */
const char *cl_db_prop(cl_db *db, xmlNodePtr n, const char *name);
const char *cl_db_content(cl_db *db, xmlNodePtr n);
bool cl_db_is_elem(xmlNodePtr n, const char *name);

/* A schema-valid ISO date whose precision fits `precision` (NULL: the form's
 * own precision); false when the day does not exist or does not fit. */
bool cl_db_parse_date(cl_date *out, const char *iso, const char *precision);

/* Parses the date, os and alternatives of a fact-date element; 0 or -1 (reported). */
int cl_db_load_date(cl_db *db, xmlNodePtr n, cl_date *date, cl_date *os, cl_db_alt_date *alts, int *alt_count,
		    cl_db_diag *d, const char *file);

/* Loads one entry of a kind other than people from its element. */
int cl_db_load_fact(cl_db *db, xmlNodePtr n, const char *file, cl_db_diag *d);

/* Opens the database, reporting every problem of its files through d. */
int cl_db_open_diag(cl_db **out, const char *dir, cl_db_diag *d, cl_error *err);

/* An index entry for a name (its tokens, sub -1, the rest zero); false when
 * the name has no tokens. */
bool cl_db_name_entry(cl_db *db, const char *name, cl_name_entry *e);

/* Lists the names and aliases of offices, events, places, entities, terms and works
 * in db->fact_names. */
int cl_db_collect_fact_names(cl_db *db);

/* patterns.c: compiles the terms' patterns into db->patterns (left NULL when
 * there are none); a pattern too long, too deep or not valid is reported
 * through d and left out. CL_OK or CL_ERR_NOMEM. */
int cl_patterns_compile(cl_db *db, cl_db_diag *d);
void cl_patterns_free(cl_patterns *ps);

/* Resolves person ids in tenures and authors once every file is loaded. */
void cl_db_link(cl_db *db);

/* The rules files of a directory (*.xml), sorted; 0, CL_ERR_IO or CL_ERR_NOMEM. */
typedef CL_ARRAY(char *) cl_db_files;
int cl_db_list_files(const char *dir, cl_db_files *files);
void cl_db_files_free(cl_db_files *files);

/* db_cache.c: what the cache must match; the cache read into an empty db
 * (0, or an error: then the XML is read); a cache written for a clean load. */
int cl_db_cache_key(const char *dir, const cl_db_files *files, cl_buf *key);
int cl_db_cache_load(cl_db *db, const char *dir, const cl_buf *key);
void cl_db_cache_save(cl_db *db, const char *dir, const cl_buf *key);


#endif
