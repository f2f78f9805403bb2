/* fuzz_common.c - the helpers of fuzz.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fuzz.h"

#ifndef CL_SOURCE_RULES_DIR
#define CL_SOURCE_RULES_DIR "rules"
#endif

static cl_db *db;
static const char *rules_dir;
static char dir[4096];

void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	abort();
}

static void close_db(void)
{
	cl_db_free(db);
	db = NULL;
}

const char *fuzz_rules_dir(void)
{
	if (!rules_dir) {
		const char *env = getenv("CHRONOLINT_RULES");
		rules_dir = env && *env ? env : CL_SOURCE_RULES_DIR;
	}
	return rules_dir;
}

const cl_db *fuzz_db(void)
{
	cl_error err = { 0, "" };
	if (db)
		return db;
	if (cl_db_open(&db, fuzz_rules_dir(), NULL, NULL, &err) != CL_OK) {
		fprintf(stderr, "fuzz: cannot open the rules in %s: %s\n", fuzz_rules_dir(), err.message);
		abort();
	}
	atexit(close_db);
	return db;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void remove_dir(void)
{
	if (dir[0])
		nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *fuzz_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	if (dir[0])
		return dir;
	snprintf(dir, sizeof(dir), "%s/chronolint-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(remove_dir);
	return dir;
}

/* The paths fuzz_path() made, freed at exit. */
static char *paths[64];
static size_t path_count;

static void free_paths(void)
{
	while (path_count > 0)
		free(paths[--path_count]);
}

const char *fuzz_path(const char *relative)
{
	const char *base = fuzz_dir();
	char *path = malloc(strlen(base) + strlen(relative) + 2);
	if (!path || path_count == sizeof(paths) / sizeof(*paths))
		abort();
	sprintf(path, "%s/%s", base, relative);
	if (path_count == 0)
		atexit(free_paths);
	paths[path_count++] = path;
	return path;
}

void fuzz_mkdir(const char *path)
{
	if (mkdir(path, 0700) != 0 && errno != EEXIST) {
		perror(path);
		abort();
	}
}

void fuzz_write(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

int fuzz_doc_open(cl_doc *doc, const cl_check_options *opts, const char *data, size_t len)
{
	cl_error err;
	int rc;
	memset(doc, 0, sizeof(*doc));
	doc->db = fuzz_db();
	doc->opts = opts;
	doc->name = "fuzz";
	if ((rc = cl_text_init(&doc->text, data, len, opts->markdown != 0, opts->html != 0, &err)) != CL_OK)
		return rc;
	if ((rc = cl_tokenize(&doc->tokens, &doc->text)) != CL_OK) {
		cl_doc_release(doc);
		return rc;
	}
	if ((rc = cl_doc_prepare(doc)) != CL_OK)
		cl_doc_release(doc);
	return rc;
}
