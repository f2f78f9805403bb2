/* urls.c - links in the text, and the quotations attributed to them. */
#include "internal.h"

int cl_extract_urls(cl_doc *doc)
{
	(void)doc;
	return CL_OK;
}
