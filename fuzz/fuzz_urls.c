/* fuzz_urls.c - link extraction and unwrapping (urls.c): bare links, www.
 * names, Markdown links and reference definitions, HTML href and BBCode
 * [url] tags, redirect wrappers (Google, Bing, Yahoo, Facebook, Outlook
 * Safe Links, Proofpoint ...), malformed and truncated links, and the
 * quotations attributed to them; then the citations read from the same
 * text. The first byte chooses Markdown and HTML; the rest is the text. */
#include <string.h>
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const cl_check_options defaults = CL_CHECK_OPTIONS_INIT;
	cl_check_options opts = defaults;
	const char *text = (const char *)data + 1;
	size_t len, k;
	cl_doc doc;
	if (size < 1)
		return 0;
	len = size - 1;
	opts.markdown = data[0] & 1;
	opts.html = (data[0] >> 1) & 1;
	if (fuzz_doc_open(&doc, &opts, text, len) != CL_OK)
		return 0;
	if (cl_extract_urls(&doc) == CL_OK) {
		for (k = 0; k < doc.urls.len; k++) {
			const cl_doc_url *u = &doc.urls.items[k];
			FUZZ_ASSERT(u->off <= len && u->len <= len - u->off);
		}
		for (k = 0; k < doc.quotes.len; k++) {
			const cl_doc_quote *q = &doc.quotes.items[k];
			FUZZ_ASSERT(q->off <= len && q->len <= len - q->off && q->url < doc.urls.len);
		}
		for (k = 0; k < doc.claims.len; k++) {
			const cl_xclaim *c = &doc.claims.items[k];
			FUZZ_ASSERT(c->offset <= len && c->length <= len - c->offset);
			FUZZ_ASSERT(c->kind != CL_CLAIM_URL || c->url < doc.urls.len);
		}
		for (k = 0; k < doc.findings.len; k++) {
			const cl_finding *f = &doc.findings.items[k];
			FUZZ_ASSERT(f->offset <= len && f->length <= len - f->offset);
		}
		if (cl_claims_sort(&doc) == CL_OK)
			cl_extract_citations(&doc);
	}
	cl_doc_release(&doc);
	return 0;
}
