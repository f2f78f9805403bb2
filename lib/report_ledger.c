/* report_ledger.c - the divergence ledger: what the author changed in history,
 * in date order, the list an alternate-history writer otherwise keeps by hand. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define MAX_ENTRIES 1000000

typedef struct {
	char *date, *says, *real, *file, *message, *evidence;
	int line, column;
	size_t order; /* the result's number, then its finding's */
} ledger_entry;

struct cl_ledger {
	CL_ARRAY(ledger_entry) entries;
	size_t results;
};

int cl_ledger_new(cl_ledger **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? CL_OK : CL_ERR_NOMEM;
}

static void entry_free(ledger_entry *e)
{
	free(e->date);
	free(e->says);
	free(e->real);
	free(e->file);
	free(e->message);
	free(e->evidence);
}

void cl_ledger_free(cl_ledger *ledger)
{
	size_t k;
	if (!ledger)
		return;
	for (k = 0; k < ledger->entries.len; k++)
		entry_free(&ledger->entries.items[k]);
	free(ledger->entries.items);
	free(ledger);
}

static char *copy(const char *s)
{
	return strdup(s ? s : "");
}

int cl_ledger_add(cl_ledger *ledger, const cl_result *result)
{
	size_t k, n = cl_result_finding_count(result);
	for (k = 0; k < n; k++) {
		const cl_finding *f = cl_result_finding(result, k);
		ledger_entry e;
		if (strcmp(f->rule, "divergence") != 0)
			continue;
		if (ledger->entries.len >= MAX_ENTRIES)
			return CL_ERR_LIMIT;
		e.date = copy(f->date);
		e.says = copy(f->found);
		e.real = copy(f->expected);
		e.file = copy(cl_result_name(result));
		e.message = copy(f->message);
		e.evidence = copy(f->evidence);
		e.line = f->line;
		e.column = f->column;
		e.order = ledger->results * 1000000 + k;
		if (!e.date || !e.says || !e.real || !e.file || !e.message || !e.evidence ||
		    CL_ARRAY_PUSH(ledger->entries, e)) {
			entry_free(&e);
			return CL_ERR_NOMEM;
		}
	}
	ledger->results++;
	return CL_OK;
}

/* Earlier years first, and within a year the order of the text: a year alone
 * ("1956", a date the narrative carried) may be any day of it, and a story
 * tells its year in order. A divergence without a date goes last. */
static int cmp_entry(const void *a, const void *b)
{
	const ledger_entry *x = a, *y = b;
	size_t lx = strcspn(x->date, "-"), ly = strcspn(y->date, "-");
	int c;
	if (!lx != !ly)
		return lx ? -1 : 1;
	if (lx != ly) /* a decade ("194") or a century before its years */
		return lx < ly ? -1 : 1;
	if ((c = strncmp(x->date, y->date, lx)) != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Text in a column of `width` code points, cut with an ellipsis when longer. */
static void column(FILE *out, const char *s, size_t width, bool last)
{
	size_t i = 0, cps = 0, len = strlen(s);
	if (last) {
		fputs(s, out);
		return;
	}
	while (i < len && cps < width) {
		uint32_t cp;
		size_t n = cl_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (!n)
			n = 1;
		if (cps == width - 1 && i + n < len) {
			fputs("\xe2\x80\xa6", out); /* … */
			i = len;
			cps++;
			break;
		}
		fwrite(s + i, 1, n, out);
		i += n;
		cps++;
	}
	for (; cps < width + 2; cps++)
		fputc(' ', out);
}

static void write_json(FILE *out, const ledger_entry *e)
{
	fputs("{\"date\":", out);
	if (*e->date)
		cl_json_string(out, e->date, strlen(e->date));
	else
		fputs("null", out);
	fputs(",\"says\":", out);
	cl_json_string(out, e->says, strlen(e->says));
	fputs(",\"real\":", out);
	cl_json_string(out, e->real, strlen(e->real));
	fputs(",\"file\":", out);
	cl_json_string(out, e->file, strlen(e->file));
	fprintf(out, ",\"line\":%d,\"column\":%d,\"message\":", e->line, e->column);
	cl_json_string(out, e->message, strlen(e->message));
	fputs(",\"evidence\":", out);
	cl_json_string(out, e->evidence, strlen(e->evidence));
	fputs("}\n", out);
}

int cl_ledger_write(FILE *out, cl_ledger *ledger, cl_format format)
{
	size_t k;
	if (ledger->entries.len > 1)
		qsort(ledger->entries.items, ledger->entries.len, sizeof(ledger_entry), cmp_entry);
	if (format == CL_FORMAT_TEXT && ledger->entries.len) {
		column(out, "DATE", 10, false);
		column(out, "THE TEXT SAYS", 48, false);
		column(out, "REAL HISTORY", 26, false);
		column(out, "WHERE", 0, true);
		fputc('\n', out);
	}
	for (k = 0; k < ledger->entries.len; k++) {
		const ledger_entry *e = &ledger->entries.items[k];
		if (format == CL_FORMAT_JSON) {
			write_json(out, e);
			continue;
		}
		column(out, *e->date ? e->date : "-", 10, false);
		column(out, e->says, 48, false);
		column(out, e->real, 26, false);
		fprintf(out, "%s:%d:%d\n", e->file, e->line, e->column);
	}
	return ferror(out) ? CL_ERR_IO : CL_OK;
}
