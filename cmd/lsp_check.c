/* lsp_check.c - an editor's document is checked as the command line checks a
 * file: the command line's options over the document's configuration, with
 * the facts files of both. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "lsp_internal.h"

/* A database opened with facts files, shared by the results checked against it. */
struct lsp_facts {
	lsp_facts *next;
	char *key;     /* each file with its size and time: a file edited since is read again */
	cl_db *db;     /* NULL when the files could not be read (reported once) */
	size_t users;  /* results that hold it */
};

static void log_problem(void *payload, const char *file, int line, const char *message)
{
	if (line > 0)
		lsp_log(payload, 2, "%s:%d: %s", file, line, message);
	else
		lsp_log(payload, 2, "%s: %s", file, message);
}

static char *facts_key(const char *const *facts, size_t count)
{
	size_t k, len = 1;
	char *key, *p;
	for (k = 0; k < count; k++)
		len += strlen(facts[k]) + 64;
	if (!(key = malloc(len)))
		return NULL;
	p = key;
	*p = '\0';
	for (k = 0; k < count; k++) {
		struct stat st;
		if (stat(facts[k], &st) != 0)
			memset(&st, 0, sizeof(st));
		p += snprintf(p, len - (size_t)(p - key), "%s\n%lld.%ld.%lld\n", facts[k], (long long)st.st_size,
			      (long)st.st_mtim.tv_nsec, (long long)st.st_mtim.tv_sec);
	}
	return key;
}

static void facts_release(lsp_server *s, lsp_facts *f)
{
	lsp_facts **link;
	if (!f || --f->users > 0)
		return;
	for (link = &s->facts; *link; link = &(*link)->next)
		if (*link == f) {
			*link = f->next;
			break;
		}
	cl_db_free(f->db);
	free(f->key);
	free(f);
}

/* The database with these facts files, opened once while results use it.
 * NULL only when memory runs out. */
static lsp_facts *facts_acquire(lsp_server *s, const char *const *facts, size_t count)
{
	cl_error err = { 0, "" };
	char *key = facts_key(facts, count);
	lsp_facts *f;
	if (!key)
		return NULL;
	for (f = s->facts; f; f = f->next)
		if (strcmp(f->key, key) == 0) {
			free(key);
			f->users++;
			return f;
		}
	if (!(f = calloc(1, sizeof(*f)))) {
		free(key);
		return NULL;
	}
	f->key = key;
	f->users = 1;
	if (cl_db_open_with_facts(&f->db, cmd_rules_dir(s->o), facts, count, log_problem, s, &err) != CL_OK) {
		lsp_log(s, 1, "the facts files are not applied: %s", err.message);
		f->db = NULL;
	}
	f->next = s->facts;
	s->facts = f;
	return f;
}

void lsp_facts_free_all(lsp_server *s)
{
	while (s->facts) {
		lsp_facts *f = s->facts;
		s->facts = f->next;
		cl_db_free(f->db);
		free(f->key);
		free(f);
	}
}

/* The configuration of a document: every .chronolint.ini above its file, or
 * --config alone; none for a document that is not a file without --config. */
static cl_config *load_config(lsp_server *s, const char *name, const char *path)
{
	const cmd_options *o = s->o;
	cl_config *cfg = NULL;
	cl_error err = { 0, "" };
	if (o->no_config || (!path && !o->config))
		return NULL;
	if (cl_config_load(&cfg, s->db, path ? path : "-", o->config, log_problem, s, &err) != CL_OK) {
		lsp_log(s, 2, "%s: checked without its configuration: %s", name, err.message);
		return NULL;
	}
	return cfg;
}

int lsp_check_text(lsp_server *s, lsp_checked *out, const char *name, const char *path, bool html,
		   const lsp_text *text)
{
	cl_config *cfg = load_config(s, name, path);
	cmd_file_options fo;
	cl_error err = { 0, "" };
	int rc = -1;
	memset(out, 0, sizeof(*out));
	/* the command line's options over the configuration, as for a file on the command line */
	if (cmd_file_options_init(&fo, s->o, cfg) == 0) {
		fo.check.story = NULL; /* each document stands alone */
		fo.check.html = html ? 1 : 2;
		out->db = s->db;
		if (fo.facts_count && (out->facts = facts_acquire(s, fo.facts, fo.facts_count)) != NULL && out->facts->db)
			out->db = out->facts->db;
		if (fo.facts_count && !out->facts)
			lsp_log(s, 1, "%s: out of memory", name);
		else if (cl_check(&out->result, out->db, name, text->data, text->len, &fo.check, &err) != CL_OK)
			lsp_log(s, 1, "%s: not checked: %s", name, err.message);
		else
			rc = 0;
	} else {
		lsp_log(s, 1, "%s: out of memory", name);
	}
	if (rc != 0)
		lsp_checked_free(s, out);
	cmd_file_options_free(&fo);
	cl_config_free(cfg);
	return rc;
}

void lsp_checked_free(lsp_server *s, lsp_checked *c)
{
	cl_result_free(c->result);
	facts_release(s, c->facts);
	memset(c, 0, sizeof(*c));
}
