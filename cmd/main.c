/* main.c - the chronolint command: a thin client of libchronolint. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "chronolint.h"
#include "options.h"

#define MAX_INPUT_BYTES ((size_t)1 << 30)

static void print_diag(void *payload, const char *file, int line, const char *message)
{
	(void)payload;
	if (line > 0)
		fprintf(stderr, "%s:%d: %s\n", file, line, message);
	else
		fprintf(stderr, "%s: %s\n", file, message);
}

static int dir_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static const char *rules_dir(const cmd_options *o)
{
	const char *env = getenv("CHRONOLINT_RULES");
	if (o->rules)
		return o->rules;
	if (env && *env)
		return env;
	if (dir_exists(CL_RULES_DIR))
		return CL_RULES_DIR;
	return CL_SOURCE_RULES_DIR;
}

/* Reads a whole file (or stdin for "-"); returns 0, or 2 after saying why. */
static int read_input(const char *path, char **data, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 65536, n = 0;
	char *buf;
	*data = NULL;
	*len = 0;
	if (!f) {
		fprintf(stderr, "chronolint: %s: %s\n", path, strerror(errno));
		return 2;
	}
	buf = malloc(cap);
	while (buf) {
		size_t got;
		if (n == cap) {
			char *p;
			if (cap >= MAX_INPUT_BYTES) {
				fprintf(stderr, "chronolint: %s: larger than the limit of %zu bytes\n", path,
					(size_t)MAX_INPUT_BYTES);
				free(buf);
				buf = NULL;
				break;
			}
			cap *= 2;
			p = realloc(buf, cap);
			if (!p) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (buf && ferror(f)) {
		fprintf(stderr, "chronolint: %s: %s\n", path, strerror(errno));
		free(buf);
		buf = NULL;
	}
	if (f != stdin)
		fclose(f);
	if (!buf)
		return 2;
	*data = buf;
	*len = n;
	return 0;
}

static int has_text_suffix(const char *name)
{
	static const char *const suffixes[] = { ".txt", ".md", ".markdown", ".text", ".rst" };
	size_t i, len = strlen(name);
	for (i = 0; i < sizeof(suffixes) / sizeof(*suffixes); i++) {
		size_t s = strlen(suffixes[i]);
		if (len > s && strcmp(name + len - s, suffixes[i]) == 0)
			return 1;
	}
	return 0;
}

typedef struct {
	char **items;
	size_t len, cap;
} path_list;

static int path_push(path_list *l, const char *path)
{
	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **p = realloc(l->items, cap * sizeof(char *));
		if (!p)
			return -1;
		l->items = p;
		l->cap = cap;
	}
	if (!(l->items[l->len] = strdup(path)))
		return -1;
	l->len++;
	return 0;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Text files under a directory, recursively, in name order. */
static int walk(const char *dir, path_list *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	path_list here = { 0 };
	size_t i;
	int rc = 0;
	if (!d) {
		fprintf(stderr, "chronolint: %s: %s\n", dir, strerror(errno));
		return 2;
	}
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && has_text_suffix(e->d_name)))
			if (path_push(&here, path))
				rc = 2;
	}
	closedir(d);
	if (here.len > 1)
		qsort(here.items, here.len, sizeof(char *), cmp_path);
	for (i = 0; i < here.len; i++) {
		struct stat st;
		if (stat(here.items[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			int r = walk(here.items[i], out);
			if (r > rc)
				rc = r;
		} else if (path_push(out, here.items[i])) {
			rc = 2;
		}
		free(here.items[i]);
	}
	free(here.items);
	return rc;
}

static int check_one(const cmd_options *o, const cl_db *db, const char *path, int *worst)
{
	char *data;
	size_t len, i;
	cl_result *r;
	cl_error err = { 0, "" };
	int rc = read_input(path, &data, &len);
	if (rc)
		return rc;
	if (cl_check(&r, db, path, data, len, &o->check, &err) != CL_OK) {
		fprintf(stderr, "chronolint: %s: %s\n", path, err.message);
		free(data);
		return 2;
	}
	free(data);
	for (i = 0; i < cl_result_input_problem_count(r); i++) {
		fprintf(stderr, "chronolint: %s: %s\n", path, cl_result_input_problem(r, i));
		rc = 2;
	}
	if (o->mode == MODE_CLAIMS && o->sentences) {
		if (cl_sentences_write(stdout, r) == CL_ERR_NOMEM) {
			fprintf(stderr, "chronolint: %s: out of memory\n", path);
			rc = 2;
		}
	} else if (o->mode == MODE_CLAIMS) {
		cl_claims_write(stdout, r);
	} else {
		cl_report_options ro = CL_REPORT_OPTIONS_INIT;
		int tty = isatty(STDOUT_FILENO);
		ro.format = o->format;
		ro.color = o->color == COLOR_ALWAYS || (o->color == COLOR_AUTO && tty && !getenv("NO_COLOR"));
		ro.snippet = o->color == COLOR_ALWAYS || (o->color == COLOR_AUTO && tty);
		cl_report_write(stdout, r, &ro);
		for (i = 0; i < cl_result_finding_count(r); i++) {
			const cl_finding *f = cl_result_finding(r, i);
			if ((int)f->severity > *worst)
				*worst = (int)f->severity;
		}
		if (o->summary)
			cl_summary_write(o->format == CL_FORMAT_TEXT ? stdout : stderr, r);
	}
	cl_result_free(r);
	return rc;
}

/* db stats: one line per kind, "kind count", in a fixed order. */
static int print_stats(const cl_db *db)
{
	static const char *const kinds[] = { "people", "offices", "tenures", "events", "places", "place-names",
					     "entities", "terms", "works", "names", "rules" };
	size_t i;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		printf("%-12s %ld\n", kinds[i], cl_db_count(db, kinds[i]));
	return 0;
}

static int explain(const cl_db *db, const char *id)
{
	const cl_rule_doc *r = cl_db_rule_find(db, id);
	if (!r) {
		fprintf(stderr, "chronolint: no rule \"%s\" (see --list-rules)\n", id);
		return 2;
	}
	printf("%s (%s)\n  %s\n\n%s\n\nReported:\n  %s\n\nCorrect:\n  %s\n", r->id, r->severity, r->summary,
	       r->description, r->bad, r->good);
	if (r->silence)
		printf("\nSilencing it:\n  %s\n", r->silence);
	if (r->limits)
		printf("\nKnown limits:\n  %s\n", r->limits);
	return 0;
}

static int list_rules(const cl_db *db)
{
	size_t i;
	for (i = 0; i < cl_db_rule_count(db); i++) {
		const cl_rule_doc *r = cl_db_rule(db, i);
		printf("%-26s %-8s %s\n", r->id, r->severity, r->summary);
	}
	return 0;
}

static int run_checks(const cmd_options *o, const cl_db *db)
{
	path_list files = { 0 };
	int rc = 0, worst = -1, i;
	size_t k;
	if (o->input_count == 0)
		path_push(&files, "-");
	for (i = 0; i < o->input_count; i++) {
		if (dir_exists(o->inputs[i])) {
			int r = walk(o->inputs[i], &files);
			if (r > rc)
				rc = r;
		} else if (path_push(&files, o->inputs[i])) {
			rc = 2;
		}
	}
	for (k = 0; k < files.len; k++) {
		int r = check_one(o, db, files.items[k], &worst);
		if (r > rc)
			rc = r;
		free(files.items[k]);
	}
	free(files.items);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "chronolint: cannot write the report: %s\n", strerror(errno));
		return 2;
	}
	if (rc)
		return rc;
	return o->mode == MODE_CHECK && worst >= (int)o->fail_level ? 1 : 0;
}

int main(int argc, char **argv)
{
	cmd_options o;
	cl_db *db = NULL;
	cl_error err = { 0, "" };
	int rc = cmd_parse(&o, argc, argv);
	if (rc)
		return rc;
	if (o.mode == MODE_HELP) {
		cmd_help(stdout);
		return 0;
	}
	if (o.mode == MODE_VERSION) {
		printf("chronolint %s\n", CL_VERSION);
		return 0;
	}
	if (o.mode == MODE_DB_CHECK) {
		const char *dir = o.input_count ? o.inputs[0] : rules_dir(&o);
		int problems = cl_db_check(dir, print_diag, NULL, &err);
		if (problems < 0) {
			fprintf(stderr, "chronolint: %s\n", err.message);
			return 2;
		}
		if (problems == 0)
			printf("%s: no problems\n", dir);
		return problems ? 1 : 0;
	}
	if (cl_db_open(&db, rules_dir(&o), print_diag, NULL, &err) != CL_OK) {
		fprintf(stderr, "chronolint: %s\n", err.message);
		return 2;
	}
	switch (o.mode) {
	case MODE_DB_STATS:
		rc = print_stats(db);
		break;
	case MODE_DB_LOOKUP:
		rc = cl_db_lookup(db, o.lookup, stdout) ? 0 : 1;
		if (rc)
			fprintf(stderr, "chronolint: nothing known as \"%s\"\n", o.lookup);
		break;
	case MODE_EXPLAIN:
		rc = explain(db, o.explain);
		break;
	case MODE_LIST_RULES:
		rc = list_rules(db);
		break;
	default:
		rc = run_checks(&o, db);
	}
	cl_db_free(db);
	return rc;
}
