/* report_junit.c - JUnit XML, for the test report views of GitLab, Jenkins
 * and Azure Pipelines, which have no place for lint findings but show failed
 * tests well. A checked file is a test suite; each finding a failed test case
 * named after its rule and place, its class the file; a clean file one passed
 * test case, so that the report counts it:
 *
 *   <testsuites name="chronolint" tests="3" failures="2" errors="0">
 *     <testsuite name="notes.md" tests="2" failures="2" errors="0" skipped="0">
 *       <testcase name="lifespan-mismatch at 3:24" classname="notes.md" file="notes.md" line="3">
 *         <failure message="..." type="error">notes.md:3:24: error: ... [lifespan-mismatch]
 *   found: ...</failure>
 *       </testcase>
 *     </testsuite>
 *     <testsuite name="clean.md" tests="1" failures="0" errors="0" skipped="0">
 *       <testcase name="no findings" classname="clean.md" file="clean.md"/>
 *     </testsuite>
 *   </testsuites>
 *
 * The totals are attributes of the root, which comes first, so the cases are
 * kept (their strings copied) until the run is finished. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlwriter.h>
#include "internal.h"

typedef struct {
	const char *name;    /* "lifespan-mismatch at 3:24" */
	const char *message;
	const char *type;    /* the severity */
	const char *body;    /* the finding as text, with what was found and expected */
	int line;
} junit_case;

typedef struct {
	const char *file;
	size_t first, count; /* its failed cases in `cases`; none: a clean file */
} junit_suite;

typedef struct {
	FILE *out;
	cl_report_options opts;
	CL_ARRAY(junit_suite) suites;
	CL_ARRAY(junit_case) cases;
	cl_arena arena;
} junit;

static const xmlChar *X(const char *s)
{
	return (const xmlChar *)s;
}

static int junit_begin(void **state, FILE *out, const cl_db *db, const cl_report_options *opts)
{
	junit *j = calloc(1, sizeof(*j));
	(void)db;
	if (!(*state = j))
		return CL_ERR_NOMEM;
	j->out = out;
	j->opts = *opts;
	return CL_OK;
}

/* The failure's text: the finding as the text format has it, then its details. */
static const char *failure_body(cl_arena *a, const char *file, const cl_finding *f)
{
	cl_buf b = { NULL, 0, 0, 0 };
	const char *r;
	int rc = cl_buf_printf(&b, "%s:%d:%d: %s: %s [%s]", file, f->line, f->column, cl_severity_name(f->severity),
			       f->message, f->rule);
	if (!rc && f->found)
		rc = cl_buf_printf(&b, "\nfound: %s", f->found);
	if (!rc && f->expected)
		rc = cl_buf_printf(&b, "\nexpected: %s", f->expected);
	if (!rc && f->evidence)
		rc = cl_buf_printf(&b, "\nevidence: %s", f->evidence);
	if (!rc && f->fix)
		rc = cl_buf_printf(&b, "\nfix: %s", f->fix);
	r = rc ? NULL : cl_arena_strndup(a, b.ptr, b.len);
	cl_buf_free(&b);
	return r;
}

static int junit_add(void *state, const cl_result *result)
{
	junit *j = state;
	junit_suite s;
	size_t i, n = cl_result_finding_count(result);
	s.file = cl_arena_strndup(&j->arena, cl_result_name(result), strlen(cl_result_name(result)));
	s.first = j->cases.len;
	s.count = 0;
	if (!s.file)
		return CL_ERR_NOMEM;
	for (i = 0; i < n; i++) {
		const cl_finding *f = cl_result_finding(result, i);
		junit_case c;
		if (f->severity < j->opts.min_severity)
			continue;
		c.name = cl_arena_printf(&j->arena, "%s at %d:%d", f->rule, f->line, f->column);
		c.message = cl_arena_strndup(&j->arena, f->message, strlen(f->message));
		c.type = cl_severity_name(f->severity);
		c.body = failure_body(&j->arena, s.file, f);
		c.line = f->line;
		if (!c.name || !c.message || !c.body || CL_ARRAY_PUSH(j->cases, c))
			return CL_ERR_NOMEM;
		s.count++;
	}
	return CL_ARRAY_PUSH(j->suites, s) ? CL_ERR_NOMEM : CL_OK;
}

static int clean_attribute(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *clean = cl_report_clean(value, strlen(value), true);
	int rc = clean ? xmlTextWriterWriteAttribute(w, X(name), X(clean)) : -1;
	free(clean);
	return rc;
}

static int clean_text(xmlTextWriterPtr w, const char *value)
{
	char *clean = cl_report_clean(value, strlen(value), true);
	int rc = clean ? xmlTextWriterWriteString(w, X(clean)) : -1;
	free(clean);
	return rc;
}

/* <testcase name classname file [line]> with the attributes every case has */
static int start_case(xmlTextWriterPtr w, const char *name, const char *file)
{
	return xmlTextWriterStartElement(w, X("testcase")) < 0 || clean_attribute(w, "name", name) < 0 ||
	       clean_attribute(w, "classname", file) < 0 || clean_attribute(w, "file", file) < 0 ? -1 : 0;
}

static int write_suite(xmlTextWriterPtr w, const junit *j, const junit_suite *s)
{
	size_t i;
	if (xmlTextWriterStartElement(w, X("testsuite")) < 0 || clean_attribute(w, "name", s->file) < 0 ||
	    xmlTextWriterWriteFormatAttribute(w, X("tests"), "%zu", s->count ? s->count : 1) < 0 ||
	    xmlTextWriterWriteFormatAttribute(w, X("failures"), "%zu", s->count) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("errors"), X("0")) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("skipped"), X("0")) < 0)
		return -1;
	if (!s->count && (start_case(w, "no findings", s->file) < 0 || xmlTextWriterEndElement(w) < 0))
		return -1;
	for (i = s->first; i < s->first + s->count; i++) {
		const junit_case *c = &j->cases.items[i];
		if (start_case(w, c->name, s->file) < 0 ||
		    xmlTextWriterWriteFormatAttribute(w, X("line"), "%d", c->line) < 0 ||
		    xmlTextWriterStartElement(w, X("failure")) < 0 || clean_attribute(w, "message", c->message) < 0 ||
		    xmlTextWriterWriteAttribute(w, X("type"), X(c->type)) < 0 || clean_text(w, c->body) < 0 ||
		    xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndElement(w) < 0)
			return -1;
	}
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

static int junit_finish(void *state)
{
	junit *j = state;
	xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(j->out, NULL); /* leaves j->out open */
	xmlTextWriterPtr w;
	size_t i, tests = 0;
	int rc = 0;
	errno = 0;
	if (!buf)
		return CL_ERR_NOMEM;
	if (!(w = xmlNewTextWriter(buf))) {
		xmlOutputBufferClose(buf);
		return CL_ERR_NOMEM;
	}
	for (i = 0; i < j->suites.len; i++)
		tests += j->suites.items[i].count ? j->suites.items[i].count : 1;
	if (xmlTextWriterSetIndent(w, 1) < 0 || xmlTextWriterSetIndentString(w, X("  ")) < 0 ||
	    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, X("testsuites")) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("name"), X("chronolint")) < 0 ||
	    xmlTextWriterWriteFormatAttribute(w, X("tests"), "%zu", tests) < 0 ||
	    xmlTextWriterWriteFormatAttribute(w, X("failures"), "%zu", j->cases.len) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("errors"), X("0")) < 0)
		rc = -1;
	for (i = 0; !rc && i < j->suites.len; i++)
		rc = write_suite(w, j, &j->suites.items[i]);
	if (!rc && (xmlTextWriterEndDocument(w) < 0 || xmlTextWriterFlush(w) < 0))
		rc = -1;
	rc = rc ? cl_report_xml_error() : CL_OK; /* before freeing, which may set errno */
	xmlFreeTextWriter(w);
	return rc;
}

static void junit_free(void *state)
{
	junit *j = state;
	if (!j)
		return;
	free(j->suites.items);
	free(j->cases.items);
	cl_arena_free(&j->arena);
	free(j);
}

const cl_report_writer cl_junit_writer = { junit_begin, junit_add, junit_finish, junit_free };
