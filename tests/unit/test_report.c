/* test_report.c - the run-level report writers (report.c and one file per
 * format): format names, the severity threshold in every format, counts, and
 * text no format may carry as it is (control characters, invalid UTF-8, the
 * delimiters of workflow commands and URIs). The goldens of tests/formats.sh
 * show whole documents; these pin the cases a real input rarely has. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include <libxml/parser.h>
#include "helpers.h"
#include "internal.h"

/* Bukharin's death year is an error, Leningrad in 1915 a warning. */
static const char two_findings[] = "Nikolai Bukharin (1888-1937) edited Pravda.\n"
				   "In 1915 the train reached Leningrad.\n";

static cl_result *check(const char *name, const char *text)
{
	cl_result *r = NULL;
	cl_error err;
	assert_int_equal(cl_check(&r, test_db(), name, text, strlen(text), NULL, &err), CL_OK);
	return r;
}

/* The report of the results in `format`, as a string the caller frees. */
static char *report(cl_format format, cl_severity min, cl_result **results, size_t count)
{
	cl_report_options opts = CL_REPORT_OPTIONS_INIT;
	cl_report *rep;
	cl_error err;
	char *out = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	opts.format = format;
	opts.min_severity = min;
	assert_int_equal(cl_report_new(&rep, f, test_db(), &opts, &err), CL_OK);
	for (i = 0; i < count; i++)
		assert_int_equal(cl_report_add(rep, results[i]), CL_OK);
	assert_int_equal(cl_report_finish(rep), CL_OK);
	cl_report_free(rep);
	fclose(f);
	return out;
}

static size_t occurrences(const char *haystack, const char *needle)
{
	size_t n = 0;
	const char *p;
	for (p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void format_names(void **state)
{
	static const char *const names[] = { "text", "json", "sarif", "github", "checkstyle", "junit" };
	cl_format f;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		assert_int_equal(cl_format_parse(&f, names[i]), CL_OK);
		assert_int_equal(f, (cl_format)i);
	}
	assert_int_equal(cl_format_parse(&f, "SARIF"), CL_ERR_INVALID);
	assert_int_equal(cl_format_parse(&f, "xml"), CL_ERR_INVALID);
}

/* Every format leaves out what is below the threshold, and a file whose
 * findings are all below it is clean. */
static void min_severity_in_every_format(void **state)
{
	cl_result *r = check("notes.txt", two_findings);
	cl_format f;
	(void)state;
	assert_int_equal(cl_result_finding_count(r), 2);
	for (f = CL_FORMAT_TEXT; f <= CL_FORMAT_JUNIT; f++) {
		char *all = report(f, CL_SEV_INFO, &r, 1), *errors = report(f, CL_SEV_ERROR, &r, 1);
		assert_non_null(strstr(all, "anachronism-place"));
		assert_non_null(strstr(errors, "lifespan-mismatch"));
		/* SARIF keeps the rule in the driver's rules: look at the results */
		if (f == CL_FORMAT_SARIF)
			assert_null(strstr(errors, "\"ruleId\": \"anachronism-place\""));
		else
			assert_null(strstr(errors, "anachronism-place"));
		free(all);
		free(errors);
	}
	cl_result_free(r);
}

static void junit_counts(void **state)
{
	cl_result *r[2] = { check("notes.txt", two_findings), check("clean.txt", "Nothing happened here.\n") };
	char *xml = report(CL_FORMAT_JUNIT, CL_SEV_INFO, r, 2);
	(void)state;
	assert_non_null(strstr(xml, "<testsuites name=\"chronolint\" tests=\"3\" failures=\"2\" errors=\"0\">"));
	assert_non_null(strstr(xml, "<testsuite name=\"notes.txt\" tests=\"2\" failures=\"2\""));
	assert_non_null(strstr(xml, "<testsuite name=\"clean.txt\" tests=\"1\" failures=\"0\""));
	assert_non_null(strstr(xml, "<testcase name=\"no findings\" classname=\"clean.txt\""));
	free(xml);
	/* at the error threshold the warning is no test case */
	xml = report(CL_FORMAT_JUNIT, CL_SEV_ERROR, r, 2);
	assert_non_null(strstr(xml, "tests=\"2\" failures=\"1\" errors=\"0\">"));
	free(xml);
	cl_result_free(r[0]);
	cl_result_free(r[1]);
}

/* A finding whose message holds what each format must escape: a percent
 * sign, a line break, a colon and a comma (workflow commands), markup
 * characters, a control character (not allowed in XML 1.0) and a byte that
 * is not UTF-8. The file name has a space, a colon, a comma and a percent
 * sign. */
static cl_result *awkward(void)
{
	cl_result *r = check("a b:c,d%.txt", "Some prose.\n");
	assert_int_equal(cl_finding_add_late(cl_result_doc(r), "directive-invalid", CL_SEV_WARNING, 5, 5,
					     "50% done,\r\nnext: <b>&\"x\"\x01 \xff", "prose", NULL, NULL, "text"),
			 CL_OK);
	assert_int_equal(cl_result_finding_count(r), 1);
	return r;
}

static void github_escapes(void **state)
{
	cl_result *r = awkward();
	char *out = report(CL_FORMAT_GITHUB, CL_SEV_INFO, &r, 1);
	(void)state;
	assert_string_equal(out, "::warning file=a b%3Ac%2Cd%25.txt,line=1,col=6,endLine=1,endColumn=11,"
				 "title=directive-invalid::50%25 done,%0D%0Anext: <b>&\"x\"\x01 \xEF\xBF\xBD\n");
	free(out);
	cl_result_free(r);
}

static void sarif_escapes_and_uris(void **state)
{
	cl_result *r = awkward();
	char *out = report(CL_FORMAT_SARIF, CL_SEV_INFO, &r, 1);
	json_object *log = json_tokener_parse(out), *results, *result, *v;
	(void)state;
	assert_non_null(log);
	assert_true(json_object_object_get_ex(json_object_array_get_idx(
		json_object_object_get(log, "runs"), 0), "results", &results));
	assert_int_equal(json_object_array_length(results), 1);
	result = json_object_array_get_idx(results, 0);
	assert_string_equal(json_object_get_string(json_object_object_get(
				    json_object_object_get(result, "message"), "text")),
			    "50% done,\r\nnext: <b>&\"x\"\x01 \xEF\xBF\xBD");
	/* the rule index points at the rule */
	v = json_object_object_get(result, "ruleIndex");
	assert_string_equal(cl_db_rule(test_db(), (size_t)json_object_get_int(v))->id, "directive-invalid");
	assert_non_null(strstr(out, "\"uri\": \"a%20b%3Ac,d%25.txt\""));
	assert_non_null(strstr(out, "\"startColumn\": 6,\n"));
	assert_non_null(strstr(out, "\"endColumn\": 11,\n"));
	assert_non_null(strstr(out, "\"byteOffset\": 5,\n"));
	assert_non_null(strstr(out, "\"snippet\": {\n"));
	json_object_put(log);
	free(out);
	cl_result_free(r);
}

static void xml_formats_are_well_formed(void **state)
{
	cl_result *r = awkward();
	cl_format formats[2] = { CL_FORMAT_CHECKSTYLE, CL_FORMAT_JUNIT };
	size_t i;
	(void)state;
	for (i = 0; i < 2; i++) {
		char *out = report(formats[i], CL_SEV_INFO, &r, 1);
		xmlDocPtr doc = xmlReadMemory(out, (int)strlen(out), "report.xml", NULL, XML_PARSE_NONET);
		assert_non_null(doc);
		/* the control character is U+FFFD, the line break a reference */
		assert_non_null(strstr(out, "50% done,&#13;&#10;next: &lt;b&gt;&amp;&quot;x&quot;\xEF\xBF\xBD \xEF\xBF\xBD"));
		xmlFreeDoc(doc);
		free(out);
	}
	cl_result_free(r);
}

/* Standard input is /dev/stdin, described as such in the artifacts. */
static void sarif_standard_input(void **state)
{
	cl_result *r = check("-", two_findings);
	char *out = report(CL_FORMAT_SARIF, CL_SEV_INFO, &r, 1);
	(void)state;
	assert_null(strstr(out, "\"uri\": \"-\""));
	/* two results with a fix each, and the artifact */
	assert_int_equal(occurrences(out, "\"uri\": \"file:///dev/stdin\""), 2 + 2 + 1);
	assert_int_equal(occurrences(out, "\"text\": \"standard input\""), 1);
	free(out);
	cl_result_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format_names),
		cmocka_unit_test(min_severity_in_every_format),
		cmocka_unit_test(junit_counts),
		cmocka_unit_test(github_escapes),
		cmocka_unit_test(sarif_escapes_and_uris),
		cmocka_unit_test(xml_formats_are_well_formed),
		cmocka_unit_test(sarif_standard_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
