/* linkcheck.c - the online checks of a run: links, redirects, quotations. */
#include <stdlib.h>
#include "internal.h"

struct cl_linkcheck {
	cl_online_options opts;
};

int cl_linkcheck_new(cl_linkcheck **out, const cl_online_options *opts, cl_error *err)
{
	*out = calloc(1, sizeof(**out));
	if (!*out)
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	(*out)->opts = *opts;
	return CL_OK;
}

int cl_linkcheck_add(cl_linkcheck *lc, cl_result *result)
{
	(void)lc;
	(void)result;
	return CL_OK;
}

int cl_linkcheck_run(cl_linkcheck *lc, cl_error *err)
{
	(void)lc;
	(void)err;
	return CL_OK;
}

int cl_linkcheck_apply(cl_linkcheck *lc, cl_result *result)
{
	(void)lc;
	(void)result;
	return CL_OK;
}

void cl_linkcheck_free(cl_linkcheck *lc)
{
	free(lc);
}

int cl_fetch_page(char **body, size_t *len, char **content_type, const char *url, const cl_online_options *opts,
	cl_error *err)
{
	(void)opts;
	*body = NULL;
	*len = 0;
	*content_type = NULL;
	return cl_error_set(err, CL_ERR_IO, "%s: fetching pages is not built yet", url);
}
