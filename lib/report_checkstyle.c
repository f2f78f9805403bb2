/* report_checkstyle.c - Checkstyle XML, the report format that Jenkins'
 * Warnings plugin, reviewdog and many code review tools read:
 *
 *   <checkstyle version="4.3">
 *     <file name="notes.md">
 *       <error line="3" column="24" severity="error" message="..." source="chronolint.lifespan-mismatch"/>
 *     </file>
 *   </checkstyle>
 *
 * Every file checked has its <file> element, clean ones too, so that a reader
 * knows they were checked. The document is streamed: a file's element is
 * complete when the file is added. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlwriter.h>
#include "internal.h"

typedef struct {
	xmlTextWriterPtr writer;
	cl_report_options opts;
} checkstyle;

static const xmlChar *X(const char *s)
{
	return (const xmlChar *)s;
}

/* An attribute with text from the document or the facts, made fit for XML. */
static int text_attribute(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *clean = cl_report_clean(value, strlen(value), true);
	int rc = clean ? xmlTextWriterWriteAttribute(w, X(name), X(clean)) : -1;
	free(clean);
	return rc;
}

static int checkstyle_begin(void **state, FILE *out, const cl_db *db, const cl_report_options *opts)
{
	checkstyle *c = calloc(1, sizeof(*c));
	xmlOutputBufferPtr buf;
	(void)db;
	if (!(*state = c))
		return CL_ERR_NOMEM;
	c->opts = *opts;
	/* the buffer flushes to `out` and leaves it open; the writer owns it */
	if (!(buf = xmlOutputBufferCreateFile(out, NULL)))
		return CL_ERR_NOMEM;
	if (!(c->writer = xmlNewTextWriter(buf))) {
		xmlOutputBufferClose(buf);
		return CL_ERR_NOMEM;
	}
	errno = 0;
	if (xmlTextWriterSetIndent(c->writer, 1) < 0 || xmlTextWriterSetIndentString(c->writer, X("  ")) < 0 ||
	    xmlTextWriterStartDocument(c->writer, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(c->writer, X("checkstyle")) < 0 ||
	    xmlTextWriterWriteAttribute(c->writer, X("version"), X("4.3")) < 0)
		return cl_report_xml_error();
	return CL_OK;
}

static const char *severity(cl_severity s)
{
	return s == CL_SEV_ERROR ? "error" : s == CL_SEV_WARNING ? "warning" : "info";
}

static int checkstyle_add(void *state, const cl_result *result)
{
	checkstyle *c = state;
	xmlTextWriterPtr w = c->writer;
	size_t i, n = cl_result_finding_count(result);
	errno = 0;
	if (xmlTextWriterStartElement(w, X("file")) < 0 || text_attribute(w, "name", cl_result_name(result)) < 0)
		return cl_report_xml_error();
	for (i = 0; i < n; i++) {
		const cl_finding *f = cl_result_finding(result, i);
		if (f->severity < c->opts.min_severity)
			continue;
		if (xmlTextWriterStartElement(w, X("error")) < 0 ||
		    xmlTextWriterWriteFormatAttribute(w, X("line"), "%d", f->line) < 0 ||
		    xmlTextWriterWriteFormatAttribute(w, X("column"), "%d", f->column) < 0 ||
		    xmlTextWriterWriteAttribute(w, X("severity"), X(severity(f->severity))) < 0 ||
		    text_attribute(w, "message", f->message) < 0 ||
		    xmlTextWriterWriteFormatAttribute(w, X("source"), "chronolint.%s", f->rule) < 0 ||
		    xmlTextWriterEndElement(w) < 0)
			return cl_report_xml_error();
	}
	if (xmlTextWriterEndElement(w) < 0 || xmlTextWriterFlush(w) < 0)
		return cl_report_xml_error();
	return CL_OK;
}

static int checkstyle_finish(void *state)
{
	checkstyle *c = state;
	/* closes <checkstyle> and ends the last line */
	errno = 0;
	if (xmlTextWriterEndDocument(c->writer) < 0 || xmlTextWriterFlush(c->writer) < 0)
		return cl_report_xml_error();
	return CL_OK;
}

static void checkstyle_free(void *state)
{
	checkstyle *c = state;
	if (!c)
		return;
	if (c->writer)
		xmlFreeTextWriter(c->writer);
	free(c);
}

const cl_report_writer cl_checkstyle_writer = { checkstyle_begin, checkstyle_add, checkstyle_finish,
						checkstyle_free };
