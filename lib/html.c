/* html.c - HTML pages as text. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int cl_html_prose(char *prose, const char *html, size_t len)
{
	memcpy(prose, html, len);
	prose[len] = '\0';
	return CL_OK;
}

int cl_html_text(char **out, size_t *out_len, const char *html, size_t len)
{
	*out = malloc(len + 1);
	if (!*out)
		return CL_ERR_NOMEM;
	memcpy(*out, html, len);
	(*out)[len] = '\0';
	*out_len = len;
	return CL_OK;
}

bool cl_html_sniff(const char *data, size_t len)
{
	(void)data;
	(void)len;
	return false;
}
