/* report.c - the report of a run: format names, and the dispatch to the
 * writers. Text and JSON Lines need nothing around a file's findings and are
 * written as each result comes; the other formats keep what their document
 * needs (rule metadata, artifacts, counts) in their own state. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlerror.h>
#include "internal.h"

static const char *const format_names[] = { "text", "json", "sarif", "github", "checkstyle", "junit" };

int cl_format_parse(cl_format *out, const char *name)
{
	size_t i;
	for (i = 0; i < sizeof(format_names) / sizeof(*format_names); i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (cl_format)i;
			return CL_OK;
		}
	return CL_ERR_INVALID;
}

struct cl_report {
	FILE *out;
	cl_report_options opts;
	const cl_report_writer *writer; /* NULL: text or JSON, through cl_report_write */
	void *state;
};

static const cl_report_writer *writer_for(cl_format format)
{
	switch (format) {
	case CL_FORMAT_SARIF:
		return &cl_sarif_writer;
	case CL_FORMAT_GITHUB:
		return &cl_github_writer;
	case CL_FORMAT_CHECKSTYLE:
		return &cl_checkstyle_writer;
	case CL_FORMAT_JUNIT:
		return &cl_junit_writer;
	default:
		return NULL;
	}
}

/* libxml2 tells an I/O error of the XML writers on stderr ("I/O error : No
 * space left on device") before the caller can say it once: the writers'
 * calls are made with its errors silenced, the handler the caller had put back. */
typedef struct {
	xmlStructuredErrorFunc handler;
	void *context;
} xml_errors;

static void drop_xml_error(void *context, xmlErrorPtr error)
{
	(void)context;
	(void)error;
}

static xml_errors silence_xml(void)
{
	xml_errors saved = { xmlStructuredError, xmlStructuredErrorContext };
	xmlSetStructuredErrorFunc(NULL, drop_xml_error);
	return saved;
}

static void restore_xml(xml_errors saved)
{
	xmlSetStructuredErrorFunc(saved.context, saved.handler);
}

int cl_report_new(cl_report **report, FILE *out, const cl_db *db, const cl_report_options *opts, cl_error *err)
{
	static const cl_report_options defaults = CL_REPORT_OPTIONS_INIT;
	cl_report *r;
	int rc;
	*report = NULL;
	if (!opts)
		opts = &defaults;
	if ((unsigned)opts->format >= sizeof(format_names) / sizeof(*format_names))
		return cl_error_set(err, CL_ERR_INVALID, "unknown report format %d", (int)opts->format);
	if (!(r = calloc(1, sizeof(*r))))
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	r->out = out;
	r->opts = *opts;
	r->writer = writer_for(opts->format);
	if (r->writer) {
		xml_errors saved = silence_xml();
		rc = r->writer->begin(&r->state, out, db, &r->opts);
		restore_xml(saved);
		if (rc != CL_OK) {
			int why = errno;
			cl_report_free(r);
			if (rc == CL_ERR_NOMEM)
				return cl_error_set(err, rc, "out of memory starting the %s report",
						    format_names[opts->format]);
			return cl_error_set(err, rc, "cannot write the report: %s", strerror(why ? why : EIO));
		}
	}
	*report = r;
	return CL_OK;
}

int cl_report_add(cl_report *report, const cl_result *result)
{
	if (report->writer) {
		xml_errors saved = silence_xml();
		int rc = report->writer->add(report->state, result);
		restore_xml(saved);
		return rc;
	}
	return cl_report_write(report->out, result, &report->opts);
}

int cl_report_finish(cl_report *report)
{
	int rc;
	if (report->writer) {
		xml_errors saved = silence_xml();
		rc = report->writer->finish(report->state);
		restore_xml(saved);
		if (rc != CL_OK)
			return rc == CL_ERR_NOMEM ? CL_ERR_NOMEM : CL_ERR_IO;
	}
	return fflush(report->out) == 0 && !ferror(report->out) ? CL_OK : CL_ERR_IO;
}

void cl_report_free(cl_report *report)
{
	if (!report)
		return;
	if (report->writer) {
		xml_errors saved = silence_xml(); /* freeing a writer flushes it */
		report->writer->free(report->state);
		restore_xml(saved);
	}
	free(report);
}

size_t cl_report_count(const cl_result *result, const cl_report_options *opts)
{
	size_t i, n = cl_result_finding_count(result), shown = 0;
	for (i = 0; i < n; i++)
		if (cl_result_finding(result, i)->severity >= opts->min_severity)
			shown++;
	return shown;
}

/* Characters XML 1.0 cannot carry, even as references: C0 controls other than
 * tab, line feed and carriage return, and U+FFFE, U+FFFF. */
static bool xml_forbidden(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF;
}

int cl_report_xml_error(void)
{
	return errno == ENOMEM ? CL_ERR_NOMEM : CL_ERR_IO;
}

char *cl_report_clean(const char *s, size_t len, bool xml)
{
	static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
	char *out, *p;
	size_t i = 0;
	if (!s || len > ((size_t)-1 - 1) / 3)
		return NULL;
	/* each byte becomes at most the three bytes of U+FFFD */
	if (!(out = p = malloc(len * 3 + 1)))
		return NULL;
	while (i < len) {
		uint32_t cp;
		size_t n = cl_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (!n || (xml && xml_forbidden(cp))) {
			memcpy(p, replacement, 3);
			p += 3;
			i += n ? n : 1;
			continue;
		}
		memcpy(p, s + i, n);
		p += n;
		i += n;
	}
	*p = '\0';
	return out;
}
