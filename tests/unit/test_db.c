/* Unit tests for db.c: loading, lookup, names, and problems reported as FILE:LINE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "helpers.h"
#include "internal.h"

static char problems[4096];

static void collect(void *payload, const char *file, int line, const char *message)
{
	size_t n = strlen(problems);
	const char *base = strrchr(file, '/');
	(void)payload;
	snprintf(problems + n, sizeof(problems) - n, "%s:%d: %s\n", base ? base + 1 : file, line, message);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A temporary rules directory holding the project's schema and one people file. */
static char *make_rules(const char *people)
{
	char *dir = strdup("/tmp/cl-test-rules-XXXXXX"), path[512], cmd[1024];
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp %s/chronolint.rng %s/rules.xml %s/", CL_TEST_RULES, CL_TEST_RULES, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/people-test.xml", dir);
	write_file(path, people);
	return dir;
}

static void remove_rules(char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

#define PERSON(body) "<?xml version=\"1.0\"?>\n<people xmlns=\"https://chronolint.org/ns/rules/1\">\n" body "</people>\n"

static void project_database_is_clean(void **state)
{
	cl_error err;
	(void)state;
	problems[0] = '\0';
	assert_int_equal(cl_db_check(CL_TEST_RULES, collect, NULL, &err), 0);
	assert_string_equal(problems, "");
	assert_true(cl_db_count(test_db(), "people") >= 150);
}

static void lookup_by_name_alias_and_surname(void **state)
{
	FILE *out = tmpfile();
	char buf[4096];
	size_t n;
	(void)state;
	assert_int_equal(cl_db_lookup(test_db(), "Bukharin", out), 1);
	assert_int_equal(cl_db_lookup(test_db(), "nikolai bukharin", out), 1);
	assert_int_equal(cl_db_lookup(test_db(), "Chamberlain", out), 2); /* Neville and Austen */
	assert_int_equal(cl_db_lookup(test_db(), "Nobody Atall", out), 0);
	rewind(out);
	n = fread(buf, 1, sizeof(buf) - 1, out);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "born: 9 October 1888 (Old Style: 27 September 1888)"));
	assert_non_null(strstr(buf, "died: 15 March 1938"));
	fclose(out);
}

static void malformed_xml_is_reported_with_its_line(void **state)
{
	char *dir = make_rules(PERSON("  <person id=\"x\" qid=\"Q1\">\n    <name>X</name>\n  </persn>\n"));
	cl_error err;
	(void)state;
	problems[0] = '\0';
	assert_true(cl_db_check(dir, collect, NULL, &err) > 0);
	assert_non_null(strstr(problems, "people-test.xml:5:"));
	remove_rules(dir);
}

static void schema_errors_are_reported(void **state)
{
	char *dir = make_rules(PERSON("  <person id=\"x\" qid=\"Q1\">\n    <name>X</name>\n  </person>\n"));
	cl_error err;
	cl_db *db = NULL;
	(void)state;
	problems[0] = '\0';
	assert_int_equal(cl_db_open(&db, dir, collect, NULL, &err), CL_ERR_PARSE);
	assert_null(db);
	assert_non_null(strstr(problems, "people-test.xml:3:"));
	remove_rules(dir);
}

static void impossible_facts_are_reported(void **state)
{
	char *dir = make_rules(PERSON(
		"  <person id=\"a\" qid=\"Q1\"><name>Ann Able</name><surname>Able</surname>\n"
		"    <born date=\"1900-02-30\" precision=\"day\"/><source>https://example.org/a</source></person>\n"
		"  <person id=\"b\" qid=\"Q2\"><name>Ben Baker</name><surname>Baker</surname>\n"
		"    <born date=\"1900\" precision=\"year\"/><died date=\"1890\" precision=\"year\"/>\n"
		"    <source>https://example.org/b</source></person>\n"
		"  <person id=\"c\" qid=\"Q2\"><name>Ben Baker</name><surname>Baker</surname>\n"
		"    <born date=\"1888-10-09\" precision=\"day\" os=\"1888-09-20\"/><died date=\"1950\" precision=\"year\"/>\n"
		"    <source>https://example.org/c</source></person>\n"));
	cl_error err;
	(void)state;
	problems[0] = '\0';
	assert_true(cl_db_check(dir, collect, NULL, &err) >= 4);
	assert_non_null(strstr(problems, "does not exist"));
	assert_non_null(strstr(problems, "b: died before being born"));
	assert_non_null(strstr(problems, "duplicate QID Q2"));
	assert_non_null(strstr(problems, "ambiguous name \"ben baker\""));
	assert_non_null(strstr(problems, "Old Style birth date 1888-09-20 is 1888-10-02"));
	remove_rules(dir);
}

static void external_entities_are_not_loaded(void **state)
{
	char *dir = make_rules("<?xml version=\"1.0\"?>\n<!DOCTYPE people [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
			       "<people xmlns=\"https://chronolint.org/ns/rules/1\"><person id=\"a\" qid=\"Q1\">"
			       "<name>&x;</name><surname>A</surname><born date=\"1900\" precision=\"year\"/>"
			       "<died date=\"1950\" precision=\"year\"/><source>https://example.org</source></person></people>\n");
	cl_error err;
	cl_db *db = NULL;
	(void)state;
	problems[0] = '\0';
	if (cl_db_open(&db, dir, collect, NULL, &err) == CL_OK) {
		FILE *out = tmpfile();
		char buf[2048];
		size_t n;
		cl_db_lookup(db, "A", out);
		rewind(out);
		n = fread(buf, 1, sizeof(buf) - 1, out);
		buf[n] = '\0';
		assert_null(strstr(buf, "root:"));
		fclose(out);
		cl_db_free(db);
	}
	remove_rules(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(project_database_is_clean), cmocka_unit_test(lookup_by_name_alias_and_surname),
		cmocka_unit_test(malformed_xml_is_reported_with_its_line), cmocka_unit_test(schema_errors_are_reported),
		cmocka_unit_test(impossible_facts_are_reported), cmocka_unit_test(external_entities_are_not_loaded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
