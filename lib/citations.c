/* citations.c - works cited, read or quoted; bibliographic references. */
#include "internal.h"

int cl_extract_citations(cl_doc *doc)
{
	(void)doc;
	return CL_OK;
}

int cl_check_citation(cl_doc *doc, size_t index)
{
	(void)doc;
	(void)index;
	return CL_OK;
}
