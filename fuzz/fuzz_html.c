/* fuzz_html.c - the HTML-to-text converter (html.c): the prose view of a
 * page as cl_check() reads one (through cl_text_init, which blanks invalid
 * bytes first), the page text the quotation check reads from raw fetched
 * bytes, and the sniffing of --html auto; then a quotation (the input's
 * first line) looked for in that text (quote.c), as the online check does. */
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *html = (const char *)data;
	const char *nl = memchr(html, '\n', size);
	cl_text text;
	cl_error err;
	char *page = NULL;
	size_t page_len = 0, quote_len;
	cl_html_sniff(html, size);
	if (cl_text_init(&text, html, size, false, true, &err) == CL_OK) {
		/* the view has the page's length: every offset is the page's */
		FUZZ_ASSERT(text.prose[size] == '\0' && text.len == size);
		cl_text_free(&text);
	}
	if (cl_html_text(&page, &page_len, html, size) == CL_OK) {
		cl_quote_match m;
		FUZZ_ASSERT(page && page[page_len] == '\0');
		quote_len = nl ? (size_t)(nl - html) : size;
		if (quote_len > 300)
			quote_len = 300;
		if (cl_quote_find(&m, page, page_len, html, quote_len) == CL_OK && m.found)
			FUZZ_ASSERT(m.off <= page_len && m.len <= page_len - m.off);
		free(page);
	}
	return 0;
}
