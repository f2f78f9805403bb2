/* xml.c - libxml2 set up once for untrusted input, and the one way the
 * XML files of a database (rules, rule documentation, an author's facts) are
 * read.
 *
 * A rules directory or a facts file may come from anyone, so the parser is
 * given nothing it could fetch or expand: the files are read into memory by
 * us, an external-entity loader that refuses everything is installed before
 * the first parse (it also stops RelaxNG <include> and <externalRef>, which
 * libxml2 loads by URL), and a DOCTYPE is refused where it starts, before its
 * internal subset is read. Entities are then never declared, so the
 * billion-laughs and quadratic-blowup payloads and external entities (XXE)
 * end at the line of their DOCTYPE. The options never include NOENT,
 * DTDLOAD, DTDVALID, XINCLUDE or HUGE (HUGE would lift libxml2's own
 * limits, the nesting depth among them).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include "internal.h"

#define CL_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* Elements inside one another, the root counted. Ours rather than libxml2's
 * (xmlParserMaxDepth, 256 open elements around the deepest, which may change
 * between versions), so that the documented limit is exact. A database needs
 * four. */
#define CL_XML_MAX_DEPTH 256

/* cl_read_file's limit, for the message */
#define CL_XML_MAX_FILE ((off_t)64 << 20)

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

/* Nothing outside the bytes we hand the parser is ever read: not a file, not
 * a URL, not a catalog. */
static xmlParserInputPtr refuse_external(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void xml_setup(void)
{
	/* libxml2 2.9 sets up its globals on first use, which two threads must not race to */
	xmlInitParser();
	/* process-wide in libxml2, so set once here rather than around each parse */
	xmlSetExternalEntityLoader(refuse_external);
}

void cl_xml_init(void)
{
	pthread_once(&xml_once, xml_setup);
}

typedef struct {
	const char *path;
	cl_diag_fn diag;
	void *payload;
	int problems;
	int depth;
	bool refused; /* a DOCTYPE or too deep: whatever tree was begun is dropped */
} read_state;

static void tell(read_state *st, const char *file, int line, const char *msg)
{
	st->problems++;
	if (st->diag)
		st->diag(st->payload, file ? file : st->path, line, msg);
}

bool cl_xml_error_text(const struct _xmlError *e, char *msg, size_t size)
{
	size_t n;
	if (!e || e->level == XML_ERR_WARNING || size == 0)
		return false;
	snprintf(msg, size, "%s", e->message ? e->message : "malformed XML");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	return true;
}

static void on_error(void *data, xmlErrorPtr e)
{
	char msg[512];
	if (cl_xml_error_text(e, msg, sizeof(msg)))
		tell(data, e->file, e->line, msg);
}

static void refuse(xmlParserCtxtPtr ctxt, const char *msg)
{
	read_state *st = ctxt->_private;
	tell(st, st->path, ctxt->input ? ctxt->input->line : 0, msg);
	st->refused = true;
	ctxt->wellFormed = 0;
	xmlStopParser(ctxt);
}

/* Called for "<!DOCTYPE name ...", before any "[...]" after it is parsed. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	(void)name;
	(void)external_id;
	(void)system_id;
	refuse(ctx, "a DOCTYPE is not allowed (entities and DTDs are never read; the RelaxNG schema checks the file)");
}

static void start_element(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
			  int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
			  const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	read_state *st = ctxt->_private;
	if (++st->depth > CL_XML_MAX_DEPTH) {
		char msg[64];
		snprintf(msg, sizeof(msg), "nested deeper than %d elements", CL_XML_MAX_DEPTH);
		refuse(ctxt, msg);
		return;
	}
	xmlSAX2StartElementNs(ctx, name, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
			      attributes);
}

static void end_element(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	read_state *st = ctxt->_private;
	st->depth--;
	xmlSAX2EndElementNs(ctx, name, prefix, uri);
}

struct _xmlDoc *cl_xml_read_file(const char *path, cl_diag_fn diag, void *payload)
{
	read_state st = { path, diag, payload, 0, 0, false };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;
	size_t len;
	char *data;
	cl_xml_init();
	if (!(data = cl_read_file(path, &len))) {
		int e = errno;
		struct stat sb;
		char msg[300];
		/* cl_read_file stops at its limit with no errno of its own */
		snprintf(msg, sizeof(msg), "cannot be read: %s",
			 stat(path, &sb) == 0 && sb.st_size > CL_XML_MAX_FILE ? "larger than 64 MiB" : strerror(e));
		tell(&st, path, 0, msg);
		return NULL;
	}
	if (len > INT32_MAX || !(ctxt = xmlNewParserCtxt())) {
		free(data);
		tell(&st, path, 0, "out of memory");
		return NULL;
	}
	ctxt->_private = &st;
	ctxt->sax->internalSubset = refuse_doctype;
	ctxt->sax->startElementNs = start_element;
	ctxt->sax->endElementNs = end_element;
	xmlSetStructuredErrorFunc(&st, on_error);
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, NULL, CL_XML_OPTIONS);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeParserCtxt(ctxt);
	free(data);
	if (doc && st.refused) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc && !st.problems)
		tell(&st, path, 0, "cannot be read as XML");
	return doc;
}
