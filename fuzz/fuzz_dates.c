/* fuzz_dates.c - the date and age extractors (timex.c, age.c, narrative.c
 * and the lexicon under them) on a document built to its tokens, as
 * cl_check() runs them, without the people and facts stages; then the
 * calendar functions on what they found. The first byte chooses Markdown,
 * a setting, a point of divergence and the kind; the rest is the text. */
#include <string.h>
#include "fuzz.h"

static const char *const settings[] = { NULL, "1941-06-22", "1917", "1956-02" };
static const char *const pods[] = { NULL, "1953-03-01", "1914-07", "1700" };

static void check_date(const cl_date *d)
{
	char buf[40], small[6];
	size_t n;
	cl_span s;
	if (d->precision == CL_PREC_NONE)
		return;
	n = cl_date_format(buf, sizeof(buf), d);
	FUZZ_ASSERT(n > 0 && n < sizeof(buf) && strlen(buf) == n);
	/* snprintf's contract: truncated, terminated, the full length returned */
	FUZZ_ASSERT(cl_date_format(small, sizeof(small), d) == n && strlen(small) == (n < 5 ? n : 5));
	if (d->precision == CL_PREC_DAY || d->precision == CL_PREC_MONTH)
		FUZZ_ASSERT(d->month >= 1 && d->month <= 12);
	if (d->precision == CL_PREC_SEASON)
		FUZZ_ASSERT(d->month >= 13 && d->month <= 16);
	s = cl_date_span(d);
	FUZZ_ASSERT(s.first <= s.last);
}

static void check_claims(cl_doc *doc, size_t len)
{
	size_t i, ntok = doc->tokens.tokens.len;
	for (i = 0; i < doc->claims.len; i++) {
		const cl_xclaim *c = &doc->claims.items[i];
		FUZZ_ASSERT(c->offset <= len && c->length <= len - c->offset);
		FUZZ_ASSERT(c->tok_begin <= c->tok_end && c->tok_end <= ntok);
		if (c->kind == CL_CLAIM_DATE) {
			check_date(&c->timex.anchor);
			/* an unresolved date holds what the text gave, which no check reads */
			if (c->timex.unresolved)
				continue;
			check_date(&c->timex.date);
			check_date(&c->timex.alt);
			if (c->timex.is_range) {
				check_date(&c->timex.range_begin);
				check_date(&c->timex.date_end);
			}
			if (c->timex.date.precision != CL_PREC_NONE) {
				cl_date later = cl_date_add(&c->timex.date, 3, 'M');
				cl_date earlier = cl_date_add(&c->timex.date, -10, 'D');
				check_date(&later);
				check_date(&earlier);
			}
		} else if (c->kind == CL_CLAIM_AGE) {
			FUZZ_ASSERT(c->age.lo <= c->age.hi);
		}
	}
}

/* The command-line date forms and age arithmetic on the text's first word. */
static void parse_word(const char *text, size_t len)
{
	char word[24];
	size_t n = 0;
	cl_date d;
	while (n < len && n < sizeof(word) - 1 && text[n] != ' ' && text[n] != '\n') {
		word[n] = text[n];
		n++;
	}
	word[n] = '\0';
	if (cl_date_parse(&d, word) == CL_OK) {
		cl_date at = { 1953, 3, 5, CL_PREC_DAY };
		cl_span b = cl_date_span(&d), a = cl_date_span(&at);
		int lo, hi;
		check_date(&d);
		if (b.first <= a.first) {
			cl_age_range(&b, &a, &lo, &hi);
			FUZZ_ASSERT(lo <= hi);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const cl_check_options defaults = CL_CHECK_OPTIONS_INIT;
	cl_check_options opts = defaults;
	const char *text = (const char *)data + 1;
	cl_doc doc;
	unsigned char b;
	if (size < 1)
		return 0;
	b = data[0];
	opts.markdown = b & 1;
	if (settings[(b >> 1) & 3])
		cl_date_parse(&opts.setting, settings[(b >> 1) & 3]);
	if (pods[(b >> 3) & 3])
		cl_date_parse(&opts.pod, pods[(b >> 3) & 3]);
	opts.kind = (cl_doc_kind)((b >> 5) % 3);
	parse_word(text, size - 1);
	if (fuzz_doc_open(&doc, &opts, text, size - 1) != CL_OK)
		return 0;
	if (cl_extract_ages(&doc) == CL_OK && cl_extract_timex(&doc) == CL_OK && cl_claims_sort(&doc) == CL_OK &&
	    cl_resolve_narrative(&doc) == CL_OK) {
		cl_sentence_refs(&doc);
		check_claims(&doc, size - 1);
	}
	cl_doc_release(&doc);
	return 0;
}
