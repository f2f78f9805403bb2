/* fuzz_rules.c - the rules-XML loader (db.c, db_facts.c, rules_doc.c) with
 * the schema (rules/chronolint.rng), as `chronolint db check` and --facts
 * read a file: the input is written as a rules file into a directory with
 * the schema and read as the author's facts over a small database of ours
 * (cl_db_open_with_facts). What loads is used (the lookups, the rule
 * documentation, a check of a text that names the first entries of each
 * kind) and checked as `chronolint db check` checks the rules (cl_db_check). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

/* A small database the facts go over: one entry of each kind they may replace. */
static const char base_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<people xmlns=\"https://chronolint.org/ns/rules/1\">\n"
	"  <person id=\"hale-john\" qid=\"Q1\">\n"
	"    <name>John Hale</name>\n"
	"    <surname alone=\"yes\">Hale</surname>\n"
	"    <born date=\"1901-02-03\" precision=\"day\"/>\n"
	"    <died date=\"1960\" precision=\"year\"/>\n"
	"  </person>\n"
	"</people>\n";

static const char *check_dir, *base_dir, *input_path;

static void copy_schema(const char *to)
{
	char *from = malloc(strlen(fuzz_rules_dir()) + sizeof("/chronolint.rng")), *rng;
	size_t len;
	if (!from)
		abort();
	sprintf(from, "%s/chronolint.rng", fuzz_rules_dir());
	if (!(rng = cl_read_file(from, &len))) {
		fprintf(stderr, "fuzz: cannot read %s\n", from);
		abort();
	}
	fuzz_write(to, rng, len);
	free(rng);
	free(from);
}

static void setup(void)
{
	if (check_dir)
		return;
	/* each database would read the system word list again for its spelling
	 * check; fuzz_text covers that check */
	setenv("CHRONOLINT_WORDS", "off", 1);
	check_dir = fuzz_path("check");
	base_dir = fuzz_path("base");
	input_path = fuzz_path("check/fuzz.xml");
	fuzz_mkdir(check_dir);
	fuzz_mkdir(base_dir);
	copy_schema(fuzz_path("check/chronolint.rng"));
	copy_schema(fuzz_path("base/chronolint.rng"));
	fuzz_write(fuzz_path("base/base.xml"), base_xml, sizeof(base_xml) - 1);
}

static void count_problem(void *payload, const char *file, int line, const char *message)
{
	(void)file;
	FUZZ_ASSERT(message != NULL && line >= 0);
	(*(int *)payload)++;
}

/* A text naming the first entries of each kind with dates around them. */
static void check_names(const cl_db *db)
{
	cl_buf text = { NULL, 0, 0, 1 << 16 };
	cl_result *r = NULL;
	cl_error err;
	size_t k, i;
	int kind;
	for (k = 0; k < cl_db_person_count(db) && k < 4; k++) {
		const cl_person *p = cl_db_person(db, k);
		cl_buf_printf(&text, "In 1930 %s (1888-1938) met %s, then 40. ", p->name,
			      p->surname_count ? p->surnames[0] : p->name);
	}
	for (kind = 0; kind < CL_KIND_COUNT; kind++)
		for (i = 0; i < cl_db_fact_count(db, (cl_fact_kind)kind) && i < 3; i++) {
			const cl_fact_head *h = cl_db_fact_head(db, (cl_fact_kind)kind, i);
			cl_buf_printf(&text, "On 22 June 1941 the %s began. ", h->name ? h->name : "");
		}
	if (text.ptr && cl_check(&r, db, "names.txt", text.ptr, text.len, NULL, &err) == CL_OK) {
		for (i = 0; i < cl_result_claim_count(r) && i < 8; i++) {
			char *md = NULL;
			size_t off, n;
			cl_result_describe(&md, &off, &n, r, db, cl_result_claim(r, i)->offset);
			free(md);
		}
		cl_result_free(r);
	}
	cl_buf_free(&text);
}

static void use_db(const cl_db *db)
{
	static const char *const kinds[] = { "people", "offices", "tenures", "events", "places", "place-names",
					     "entities", "terms", "works", "names", "rules" };
	char *buf = NULL;
	size_t len = 0, k;
	FILE *out = open_memstream(&buf, &len);
	FUZZ_ASSERT(out);
	for (k = 0; k < sizeof(kinds) / sizeof(*kinds); k++)
		FUZZ_ASSERT(cl_db_count(db, kinds[k]) >= 0);
	cl_db_lookup(db, "Hale", out);
	for (k = 0; k < cl_db_person_count(db) && k < 2; k++)
		cl_db_lookup(db, cl_db_person(db, k)->id, out);
	cl_rules_write_json(out, db);
	for (k = 0; k < cl_db_rule_count(db); k++)
		FUZZ_ASSERT(cl_db_rule_find(db, cl_db_rule(db, k)->id) != NULL);
	fclose(out);
	free(buf);
	check_names(db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *facts[1];
	cl_db *db = NULL;
	cl_error err;
	int problems = 0, rc;
	setup();
	fuzz_write(input_path, data, size);
	facts[0] = input_path;
	rc = cl_db_open_with_facts(&db, base_dir, facts, 1, count_problem, &problems, &err);
	FUZZ_ASSERT(rc == CL_OK ? problems == 0 : problems > 0 || rc != CL_ERR_PARSE);
	if (rc != CL_OK)
		return 0;
	use_db(db);
	cl_db_free(db);
	/* what loads as facts goes through the checks of `db check` too (a file
	 * that does not load fails the same way there, at the cost of parsing
	 * the schema again) */
	problems = 0;
	rc = cl_db_check(check_dir, count_problem, &problems, &err);
	FUZZ_ASSERT(rc < 0 || rc == problems);
	return 0;
}
