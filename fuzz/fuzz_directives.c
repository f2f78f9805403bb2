/* fuzz_directives.c - the directives written in a text (directives.c):
 * <!-- chronolint: pod=... setting=... kind=... disable=... enable=...
 * disable-line=... disable-next-line=... disable-file=... --> read as
 * cl_check() reads them, then applied to a finding of a cycling rule on
 * every line (and to one added late, as the online checks add theirs). The
 * first byte chooses which settings the caller fixed, the configured rule
 * states and whether unused disables are reported; the rest is the text. */
#include <string.h>
#include "fuzz.h"

static const char *const rules[] = { "after-death", "age-mismatch", "name-spelling", "divergence",
				     "url-dead", "event-date" };
#define RULE_COUNT (sizeof(rules) / sizeof(*rules))

static const cl_rule_setting states[] = {
	{ "age-mismatch", CL_RULE_OFF }, { "event-date", CL_RULE_INFO }, { "name-spelling", CL_RULE_ERROR },
	{ "age-mismatch", CL_RULE_WARNING }, { "directive-unused", CL_RULE_OFF },
};

static void check_date(const cl_date *d)
{
	if (d->precision == CL_PREC_NONE)
		return;
	FUZZ_ASSERT(d->precision == CL_PREC_YEAR || d->precision == CL_PREC_MONTH || d->precision == CL_PREC_DAY);
	FUZZ_ASSERT(d->precision == CL_PREC_YEAR || (d->month >= 1 && d->month <= 12));
	FUZZ_ASSERT(d->precision != CL_PREC_DAY || (d->day >= 1 && d->day <= cl_days_in_month(d->year, d->month)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const cl_check_options defaults = CL_CHECK_OPTIONS_INIT;
	cl_check_options opts = defaults;
	const char *text = (const char *)data + 1;
	size_t len, line, k;
	cl_doc doc;
	unsigned char b;
	if (size < 1)
		return 0;
	b = data[0];
	len = size - 1;
	opts.fixed = b & 7;
	if (opts.fixed & CL_FIXED_POD)
		cl_date_parse(&opts.pod, "1953-03-01");
	opts.report_unused_disables = (b >> 3) & 1;
	if (b & 16) {
		opts.rules = states;
		opts.rule_count = (size_t)(b >> 5) % (sizeof(states) / sizeof(*states)) + 1;
	}
	if (fuzz_doc_open(&doc, &opts, text, len) != CL_OK)
		return 0;
	/* cl_check() reads the directives into its own copy of the options */
	if (cl_directives_read(&doc, &opts) != CL_OK)
		goto done;
	check_date(&opts.pod);
	check_date(&opts.setting);
	FUZZ_ASSERT(opts.kind >= CL_KIND_ESSAY && opts.kind <= CL_KIND_FORUM);
	FUZZ_ASSERT(!(b & CL_FIXED_POD) || (opts.pod.year == 1953 && opts.pod.day == 1));
	for (line = 0; line < doc.text.line_count && line < 512; line++) {
		size_t off = doc.text.line_starts[line];
		if (cl_finding_add(&doc, rules[line % RULE_COUNT], CL_SEV_ERROR, off, off < len ? 1 : 0, "a finding",
				   NULL, NULL, NULL, NULL) != CL_OK)
			goto done;
	}
	if (cl_directives_apply(&doc) != CL_OK)
		goto done;
	if (cl_finding_add_late(&doc, "url-dead", CL_SEV_WARNING, len / 2, 0, "a late finding", NULL, NULL, NULL,
				NULL) != CL_OK)
		goto done;
	for (k = 0; k < doc.findings.len; k++) {
		const cl_finding *f = &doc.findings.items[k];
		FUZZ_ASSERT(f->offset <= len && f->length <= len - f->offset);
		FUZZ_ASSERT(f->line >= 1 && (size_t)f->line <= doc.text.line_count);
	}
	for (k = 0; k < doc.suppressions.len; k++) {
		const cl_suppression *s = &doc.suppressions.items[k];
		FUZZ_ASSERT(s->off <= len && s->len <= len - s->off && s->from <= s->to);
	}
done:
	cl_doc_release(&doc);
	return 0;
}
