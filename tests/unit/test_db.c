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
	assert_int_equal(cl_db_lookup(test_db(), "Chamberlain", out), 3); /* Neville, Austen, Houston Stewart */
	assert_int_equal(cl_db_lookup(test_db(), "Nobody Atall", out), 0);
	rewind(out);
	n = fread(buf, 1, sizeof(buf) - 1, out);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "born: 9 October 1888 (Old Style: 27 September 1888)"));
	assert_non_null(strstr(buf, "died: 15 March 1938"));
	fclose(out);
	/* a QID once wrong: Q915 is Perm, not Tito */
	out = tmpfile();
	assert_int_equal(cl_db_lookup(test_db(), "Josip Broz Tito", out), 1);
	rewind(out);
	n = fread(buf, 1, sizeof(buf) - 1, out);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "[tito-josip-broz, Q9161]"));
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

#define NS " xmlns=\"https://chronolint.org/ns/rules/1\""
#define PEOPLE_AB PERSON( \
	"  <person id=\"a\" qid=\"Q1\"><name>Ann Able</name><surname>Able</surname>\n" \
	"    <born date=\"1900-01-01\" precision=\"day\"/><died date=\"1950-06-30\" precision=\"day\"/></person>\n" \
	"  <person id=\"b\" qid=\"Q2\"><name>Ben Baker</name><surname>Baker</surname>\n" \
	"    <born date=\"1910\" precision=\"year\"/><died date=\"1980\" precision=\"year\"/></person>\n")

static void add_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	write_file(path, text);
}

static char *lookup_text(cl_db *db, const char *name, int expected)
{
	static char buf[8192];
	FILE *out = tmpfile();
	size_t n;
	assert_int_equal(cl_db_lookup(db, name, out), expected);
	rewind(out);
	n = fread(buf, 1, sizeof(buf) - 1, out);
	buf[n] = '\0';
	fclose(out);
	return buf;
}

/* One entry of every kind, consistent: loaded, counted and found by name. */
static void every_kind_is_loaded_and_looked_up(void **state)
{
	char *dir = make_rules(PEOPLE_AB);
	cl_error err;
	cl_db *db;
	(void)state;
	add_file(dir, "facts.xml", "<?xml version=\"1.0\"?>\n<offices" NS ">\n"
		 "  <office id=\"mayor\" qid=\"Q10\" state=\"land\"><name>Mayor of Testville</name><title>Mayor</title>\n"
		 "    <tenure person=\"a\" from=\"1930-05-01\" to=\"1940\"/><tenure person=\"b\" from=\"1940\"/></office>\n"
		 "</offices>\n");
	add_file(dir, "events.xml", "<?xml version=\"1.0\"?>\n<events" NS ">\n"
		 "  <event id=\"fair\" qid=\"Q11\" type=\"other\"><name>the Testville Fair</name><alias>Great Fair</alias>\n"
		 "    <start date=\"1925-04\" precision=\"month\"/><end date=\"1925-09\" precision=\"month\"/></event>\n"
		 "</events>\n");
	add_file(dir, "places.xml", "<?xml version=\"1.0\"?>\n<places" NS ">\n"
		 "  <place id=\"testville\" qid=\"Q12\"><period to=\"1924-01-26\"><name>Oldtown</name></period>\n"
		 "    <period from=\"1924-01-26\"><name>Testville</name><alias>Test City</alias></period></place>\n"
		 "</places>\n");
	add_file(dir, "entities.xml", "<?xml version=\"1.0\"?>\n<entities" NS ">\n"
		 "  <entity id=\"land\" qid=\"Q13\" type=\"state\"><name>Testland</name>\n"
		 "    <founded date=\"1922-12-30\" precision=\"day\"/><dissolved date=\"1991-12-26\" precision=\"day\"/></entity>\n"
		 "</entities>\n");
	add_file(dir, "terms.xml", "<?xml version=\"1.0\"?>\n<terms" NS ">\n"
		 "  <term id=\"testword\" qid=\"Q14\" type=\"word\"><name>testword</name>\n"
		 "    <first date=\"1944\" precision=\"year\" basis=\"coined\"/></term>\n</terms>\n");
	add_file(dir, "works.xml", "<?xml version=\"1.0\"?>\n<works" NS ">\n"
		 "  <work id=\"memoir\" qid=\"Q15\" type=\"book\"><title>A Test Memoir</title><author person=\"a\">Ann Able</author>\n"
		 "    <published date=\"1948\" precision=\"year\"/></work>\n"
		 /* a film of the book shares its title: not ambiguous */
		 "  <work id=\"memoir-film\" qid=\"Q17\" type=\"film\"><title>A Test Memoir</title><author>Carl Cutter</author>\n"
		 "    <published date=\"1952\" precision=\"year\"/></work>\n</works>\n");
	problems[0] = '\0';
	assert_int_equal(cl_db_check(dir, collect, NULL, &err), 0);
	assert_string_equal(problems, "");
	assert_int_equal(cl_db_open(&db, dir, collect, NULL, &err), CL_OK);
	assert_int_equal(cl_db_count(db, "offices"), 1);
	assert_int_equal(cl_db_count(db, "tenures"), 2);
	assert_int_equal(cl_db_count(db, "events"), 1);
	assert_int_equal(cl_db_count(db, "places"), 1);
	assert_int_equal(cl_db_count(db, "place-names"), 2);
	assert_int_equal(cl_db_count(db, "entities"), 1);
	assert_int_equal(cl_db_count(db, "terms"), 1);
	assert_int_equal(cl_db_count(db, "works"), 2);
	assert_non_null(strstr(lookup_text(db, "Ann Able", 1), "Mayor of Testville: from 1 May 1930 to 1940"));
	assert_non_null(strstr(lookup_text(db, "great fair", 1), "start: April 1925"));
	assert_non_null(strstr(lookup_text(db, "Oldtown", 1), "Oldtown: before 1900 to 26 January 1924"));
	assert_non_null(strstr(lookup_text(db, "Testland", 1), "dissolved: 26 December 1991"));
	assert_non_null(strstr(lookup_text(db, "testword", 1), "coined: 1944"));
	assert_non_null(strstr(lookup_text(db, "A Test Memoir", 2), "author: Ann Able"));
	cl_db_free(db);
	remove_rules(dir);
}

/* What only db check sees: references, tenures outside a life, dates out of order. */
static void inconsistent_facts_are_reported(void **state)
{
	char *dir = make_rules(PEOPLE_AB);
	cl_error err;
	(void)state;
	add_file(dir, "facts.xml", "<?xml version=\"1.0\"?>\n<offices" NS ">\n"
		 "  <office id=\"mayor\" qid=\"Q10\" state=\"nowhere\"><name>Mayor</name>\n"
		 "    <tenure person=\"a\" from=\"1930\" to=\"1955\"/>\n"
		 "    <tenure person=\"b\" from=\"1950\" to=\"1945\"/>\n"
		 "    <tenure person=\"ghost\" from=\"1960\"/></office>\n"
		 "  <office id=\"mayor2\" qid=\"Q10\"><name>Deputy</name><alias>Mayor</alias></office>\n"
		 "</offices>\n");
	add_file(dir, "events.xml", "<?xml version=\"1.0\"?>\n<events" NS ">\n"
		 "  <event id=\"fair\" qid=\"Q11\" type=\"other\"><name>Fair</name>\n"
		 "    <start date=\"1925-09\" precision=\"month\"/><end date=\"1925-04\" precision=\"month\"/></event>\n"
		 "  <event id=\"rising\" qid=\"Q16\" type=\"uprising\"><name>Rising</name>\n"
		 "    <date date=\"1917-11-07\" precision=\"day\" os=\"1917-10-24\"/></event>\n"
		 "</events>\n");
	add_file(dir, "places.xml", "<?xml version=\"1.0\"?>\n<places" NS ">\n"
		 "  <place id=\"testville\" qid=\"Q12\"><period><name>Oldtown</name></period>\n"
		 "    <period from=\"1924-01-26\"><name>Testville</name></period></place>\n</places>\n");
	add_file(dir, "entities.xml", "<?xml version=\"1.0\"?>\n<entities" NS ">\n"
		 "  <entity id=\"land\" qid=\"Q13\" type=\"state\"><name>Testland</name>\n"
		 "    <founded date=\"1930\" precision=\"year\"/><dissolved date=\"1920\" precision=\"year\"/>\n"
		 "    <successor ref=\"atlantis\"/></entity>\n</entities>\n");
	add_file(dir, "works.xml", "<?xml version=\"1.0\"?>\n<works" NS ">\n"
		 "  <work id=\"memoir\" qid=\"Q15\" type=\"book\"><title>Memoir</title><author person=\"b\">Ben Baker</author>\n"
		 "    <author person=\"nobody\">Nobody</author><published date=\"1905\" precision=\"year\"/></work>\n"
		 /* two books of one title are */
		 "  <work id=\"memoir2\" qid=\"Q18\" type=\"book\"><title>Memoir</title><author>Dee Dunn</author>\n"
		 "    <published date=\"1960\" precision=\"year\"/></work>\n</works>\n");
	problems[0] = '\0';
	assert_true(cl_db_check(dir, collect, NULL, &err) >= 11);
	assert_non_null(strstr(problems, "facts.xml:3: mayor: unknown state \"nowhere\""));
	assert_non_null(strstr(problems, "facts.xml:4: mayor: tenure of a ends after the holder died"));
	assert_non_null(strstr(problems, "facts.xml:5: mayor: tenure of b ends before it begins"));
	assert_non_null(strstr(problems, "facts.xml:5: mayor: tenure of b begins before that of a ended"));
	assert_non_null(strstr(problems, "facts.xml:6: mayor: tenure of unknown person \"ghost\""));
	assert_non_null(strstr(problems, "duplicate office QID Q10: mayor and mayor2"));
	assert_non_null(strstr(problems, "ambiguous office name \"mayor\""));
	assert_non_null(strstr(problems, "events.xml:3: fair: ends before it begins"));
	assert_non_null(strstr(problems, "rising: Old Style start date 1917-10-24 is 1917-11-06"));
	assert_non_null(strstr(problems, "places.xml:3: testville: the name Oldtown has no end but a later one follows"));
	assert_non_null(strstr(problems, "land: dissolved before it was founded"));
	assert_non_null(strstr(problems, "land: unknown successor \"atlantis\""));
	assert_non_null(strstr(problems, "memoir: published before b was born"));
	assert_non_null(strstr(problems, "memoir: unknown author person \"nobody\""));
	assert_non_null(strstr(problems, "ambiguous work name \"book: memoir\": memoir and memoir2"));
	remove_rules(dir);
}

/* The compiled cache gives what the XML gives, follows edits, and survives damage. */
static void the_cache_matches_the_xml(void **state)
{
	char *dir = make_rules(PEOPLE_AB), cache[] = "/tmp/cl-test-cache-XXXXXX", cmd[600];
	const char *saved = getenv("CHRONOLINT_CACHE");
	char *saved_copy = saved ? strdup(saved) : NULL;
	cl_error err;
	cl_db *db;
	char first[8192];
	(void)state;
	assert_non_null(mkdtemp(cache));
	setenv("CHRONOLINT_CACHE", cache, 1);
	assert_int_equal(cl_db_open(&db, dir, collect, NULL, &err), CL_OK);
	snprintf(first, sizeof(first), "%s", lookup_text(db, "Ann Able", 1));
	cl_db_free(db);
	snprintf(cmd, sizeof(cmd), "test \"$(ls %s | wc -l)\" = 1", cache);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(cl_db_open(&db, dir, collect, NULL, &err), CL_OK); /* from the cache */
	assert_string_equal(lookup_text(db, "Ann Able", 1), first);
	cl_db_free(db);
	add_file(dir, "people-test.xml", PERSON("  <person id=\"a\" qid=\"Q1\"><name>Ann Changed</name><surname>Changed</surname>\n"
					  "    <born date=\"1901\" precision=\"year\"/><died date=\"1950\" precision=\"year\"/></person>\n"));
	assert_int_equal(cl_db_open(&db, dir, collect, NULL, &err), CL_OK); /* stale: read again */
	lookup_text(db, "Ann Able", 0);
	assert_non_null(strstr(lookup_text(db, "Ann Changed", 1), "born: 1901"));
	cl_db_free(db);
	snprintf(cmd, sizeof(cmd), "for f in %s/*; do head -c 200 \"$f\" > \"$f.cut\" && mv \"$f.cut\" \"$f\"; done", cache);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(cl_db_open(&db, dir, collect, NULL, &err), CL_OK); /* damaged: read again */
	assert_non_null(strstr(lookup_text(db, "Ann Changed", 1), "born: 1901"));
	cl_db_free(db);
	if (saved_copy)
		setenv("CHRONOLINT_CACHE", saved_copy, 1);
	else
		unsetenv("CHRONOLINT_CACHE");
	free(saved_copy);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", cache);
	assert_int_equal(system(cmd), 0);
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
		cmocka_unit_test(every_kind_is_loaded_and_looked_up), cmocka_unit_test(inconsistent_facts_are_reported),
		cmocka_unit_test(the_cache_matches_the_xml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
