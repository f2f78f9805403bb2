#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"

static cl_db *db;

static void free_db(void)
{
	cl_db_free(db);
}

const cl_db *test_db(void)
{
	cl_error err;
	if (!db) {
		if (cl_db_open(&db, CL_TEST_RULES, NULL, NULL, &err) != CL_OK) {
			fprintf(stderr, "cannot open %s: %s\n", CL_TEST_RULES, err.message);
			abort();
		}
		atexit(free_db);
	}
	return db;
}

static void append(char **out, size_t *len, const char *s, size_t n)
{
	char *p = realloc(*out, *len + n + 2);
	assert_non_null(p);
	if (*len)
		p[(*len)++] = '|';
	memcpy(p + *len, s, n);
	*len += n;
	p[*len] = '\0';
	*out = p;
}

static cl_result *run(const char *text, const cl_check_options *opts)
{
	cl_result *r = NULL;
	cl_error err;
	assert_int_equal(cl_check(&r, test_db(), "test", text, strlen(text), opts, &err), CL_OK);
	return r;
}

char *test_claims(const char *text, cl_claim_kind kind, const cl_check_options *opts)
{
	cl_result *r = run(text, opts);
	char *out = calloc(1, 1), item[512];
	size_t len = 0, i;
	for (i = 0; i < cl_result_claim_count(r); i++) {
		const cl_claim *c = cl_result_claim(r, i);
		if (c->kind != kind)
			continue;
		if (c->begin)
			snprintf(item, sizeof(item), "%.*s=%s/%s", (int)c->length, c->text, c->begin, c->end);
		else
			snprintf(item, sizeof(item), "%.*s=%s", (int)c->length, c->text, c->value ? c->value : "?");
		append(&out, &len, item, strlen(item));
	}
	cl_result_free(r);
	return out;
}

char *test_findings(const char *text, const cl_check_options *opts)
{
	cl_result *r = run(text, opts);
	char *out = calloc(1, 1), item[512];
	size_t len = 0, i;
	for (i = 0; i < cl_result_finding_count(r); i++) {
		const cl_finding *f = cl_result_finding(r, i);
		snprintf(item, sizeof(item), "%s:%s", f->rule, f->found ? f->found : "");
		append(&out, &len, item, strlen(item));
	}
	cl_result_free(r);
	return out;
}

char *test_verdicts(const char *text, const cl_check_options *opts)
{
	static const char *const names[] = { "none", "confirmed", "contradicted", "unknown" };
	cl_result *r = run(text, opts);
	char *out = calloc(1, 1), item[512];
	size_t len = 0, i;
	for (i = 0; i < cl_result_claim_count(r); i++) {
		const cl_claim *c = cl_result_claim(r, i);
		if (c->verdict == CL_VERDICT_NONE)
			continue;
		snprintf(item, sizeof(item), "%.*s=%s", (int)c->length, c->text, names[c->verdict]);
		append(&out, &len, item, strlen(item));
	}
	cl_result_free(r);
	return out;
}
