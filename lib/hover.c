/* hover.c - what the database knows about the claim under an editor's cursor
 * (cl_result_describe): a person's life and age on the sentence's date, an
 * entry's dates and source, a date with what it was resolved to. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* A hover is a few lines; a runaway one is a bug, not a reason to use memory. */
#define HOVER_MAX_BYTES ((size_t)64 << 10)

static const char *const month_abbr[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

typedef struct {
	cl_result *result;
	const cl_doc *doc;
	cl_buf out;
	cl_arena arena;  /* the human date forms of cl_date_human */
	int rc;          /* the first failure; later writes are skipped */
} hover;

static void put(hover *h, const char *s)
{
	if (h->rc == CL_OK)
		h->rc = cl_buf_put(&h->out, s, strlen(s));
}

static void putn(hover *h, const char *s, size_t len)
{
	if (h->rc == CL_OK)
		h->rc = cl_buf_put(&h->out, s, len);
}

/* Numbers in short phrases ("; aged %d"); text goes through put and put_text. */
static void putf(hover *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(hover *h, const char *fmt, ...)
{
	char small[128];
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	putn(h, small, (size_t)n < sizeof(small) ? (size_t)n : sizeof(small) - 1);
}

/* Text from the document or the database, so that a name with an asterisk or
 * an underscore is not read as emphasis. */
static void put_text(hover *h, const char *s, size_t len)
{
	size_t k, from = 0;
	for (k = 0; k < len; k++) {
		if (!strchr("\\`*_[]<>|#", s[k]) || s[k] == '\0')
			continue;
		putn(h, s + from, k - from);
		putn(h, "\\", 1);
		from = k;
	}
	putn(h, s + from, len - from);
}

static void put_name(hover *h, const char *s)
{
	put(h, "**");
	put_text(h, s, strlen(s));
	put(h, "**");
}

/* "9 Oct 1888", "Oct 1888"; coarser dates in their long form ("1888", "the 1940s"). */
static void put_date(hover *h, const cl_date *d)
{
	if (d->year > 0 && d->month >= 1 && d->month <= 12 && d->precision == CL_PREC_DAY)
		putf(h, "%d %s %d", d->day, month_abbr[d->month - 1], d->year);
	else if (d->year > 0 && d->month >= 1 && d->month <= 12 && d->precision == CL_PREC_MONTH)
		putf(h, "%s %d", month_abbr[d->month - 1], d->year);
	else {
		const char *s = cl_date_human(&h->arena, d);
		if (s)
			put(h, s);
		else
			h->rc = CL_ERR_NOMEM;
	}
}

static cl_date day_of(long days)
{
	cl_date d = { 0, 0, 0, CL_PREC_DAY };
	cl_civil_from_days(days, &d.year, &d.month, &d.day);
	return d;
}

/* What the document established, as a span of days: a day, a whole month or
 * year, or "between" its ends. */
static void put_span(hover *h, const cl_span *s)
{
	cl_date first = day_of(s->first), last = day_of(s->last);
	if (s->first == s->last) {
		put_date(h, &first);
	} else if (first.year == last.year && first.month == 1 && first.day == 1 && last.month == 12 &&
		   last.day == 31) {
		first.precision = CL_PREC_YEAR;
		put_date(h, &first);
	} else if (first.year == last.year && first.month == last.month && first.day == 1 &&
		   last.day == cl_days_in_month(last.year, last.month)) {
		first.precision = CL_PREC_MONTH;
		put_date(h, &first);
	} else {
		put(h, "between ");
		put_date(h, &first);
		put(h, " and ");
		put_date(h, &last);
	}
}

/* The entry's provenance: its Wikidata item, or the author's own facts file. */
static void put_source(hover *h, const char *qid, const char *id, const char *file, int line)
{
	if (qid) {
		put(h, "\n\nSource: [");
		put(h, qid);
		put(h, "](https://www.wikidata.org/wiki/");
		put(h, qid);
		put(h, ")");
	} else {
		put(h, "\n\nSource: your facts, ");
		put_text(h, file, strlen(file));
		putf(h, ":%d", line);
	}
	put(h, " (`");
	put(h, id);
	put(h, "`)");
}

static void put_note(hover *h, const char *note)
{
	if (note && *note) {
		put(h, "\n\n");
		put_text(h, note, strlen(note));
	}
}

/* ---- the date of the sentence, and ages ------------------------------------ */

/* The reference date of the claim's sentence (cl_result_sentences): its own
 * narrative date, else the one carried to it while that holds. */
static bool sentence_date(hover *h, const cl_xclaim *c, cl_date *date, cl_span *span)
{
	const cl_sentence_info *sentences;
	size_t count;
	int rc = cl_result_sentences(h->result, &sentences, &count);
	if (rc != CL_OK) {
		h->rc = rc;
		return false;
	}
	/* a decade, a century or a season has no age to give at the year's precision */
	if (c->sentence >= count || !sentences[c->sentence].reference_date ||
	    cl_date_parse(date, sentences[c->sentence].reference_date) != CL_OK)
		return false;
	*span = cl_date_span(date);
	return true;
}

/* "; aged 48 on the date of this sentence (15 Mar 1937)", at the precision both
 * the birth and the sentence's date have: "aged 48 or 49" when a year-only date
 * leaves it open. Nothing when the sentence has no date. */
static void put_age(hover *h, const cl_xclaim *c, const cl_span *born, const cl_span *died)
{
	cl_date date;
	cl_span at;
	int lo, hi;
	if (!sentence_date(h, c, &date, &at))
		return;
	if (at.last < born->first) {
		put(h, "; not yet born on the date of this sentence (");
	} else if (died && at.first > died->last) {
		put(h, "; no longer alive on the date of this sentence (");
	} else {
		/* only the days of the sentence's date on which they were alive count */
		if (died && at.last > died->last)
			at.last = died->last;
		if (at.first < born->first)
			at.first = born->first;
		cl_age_range(born, &at, &lo, &hi);
		if (lo < 0)
			lo = 0;
		if (hi < lo)
			hi = lo;
		if (lo == hi)
			putf(h, "; aged %d", lo);
		else
			putf(h, hi == lo + 1 ? "; aged %d or %d" : "; aged %d to %d", lo, hi);
		put(h, " on the date of this sentence (");
	}
	put_date(h, &date);
	put(h, ")");
}

/* "line 7", "ch1.md:7": where the document said it */
static void put_where(hover *h, const char *file, int line)
{
	if (file) {
		put_text(h, file, strlen(file));
		putf(h, ":%d", line);
	} else {
		putf(h, "line %d", line);
	}
}

static void describe_db_person(hover *h, const cl_xclaim *c, int index)
{
	const cl_db *db = h->doc->db;
	const cl_person *p = cl_db_person(db, (size_t)index);
	const cl_doc_death *death = cl_doc_death_of(h->doc, index);
	bool dead = p->died.precision != CL_PREC_NONE;
	/* the main dates, as the checks' messages give them; alternatives are in the note */
	cl_span born = cl_date_span(&p->born), died = cl_date_span(&p->died);
	int k;
	/* a death the document tells as history has it adds nothing; one that departs
	 * from it (after a divergence) rules the document's timeline */
	if (death && dead && death->when.first <= died.last && death->when.last >= died.first)
		death = NULL;
	put_name(h, p->name);
	if (p->born.precision == CL_PREC_NONE) {
		put(h, ", dates unknown");
	} else {
		put(h, dead ? ", " : ", born ");
		put_date(h, &p->born);
		if (dead) {
			put(h, " \xe2\x80\x93 "); /* an en dash */
			put_date(h, &p->died);
		}
		put_age(h, c, &born, death ? &death->when : dead ? &died : NULL);
	}
	if (c->who_ambiguous || c->who.namesake_count > 0) {
		put(h, "\n\nThe name may also mean ");
		for (k = 0; k < c->who.namesake_count && k < 3; k++) {
			if (k)
				put(h, k + 1 == c->who.namesake_count ? " or " : ", ");
			put_text(h, cl_db_person(db, (size_t)c->who.namesakes[k])->name,
				 strlen(cl_db_person(db, (size_t)c->who.namesakes[k])->name));
		}
		if (!c->who.namesake_count)
			put(h, "someone else");
		put(h, ".");
	}
	if (death) {
		put(h, "\n\nIn this document ");
		put_text(h, p->name, strlen(p->name));
		put(h, " ");
		put(h, cl_fate_verb(death->how));
		put(h, " ");
		put_span(h, &death->when);
		put(h, " (");
		put_where(h, death->file, death->line);
		put(h, ").");
	}
	put_note(h, p->note);
	put_source(h, p->qid, p->id, p->file, p->line);
}

/* A person the document introduces: what it has said of them so far. */
static void describe_doc_person(hover *h, const cl_xclaim *c, const cl_doc_person *p)
{
	put_name(h, p->name);
	if (p->born_known && p->died_known) {
		put(h, ", ");
		put_span(h, &p->born);
		put(h, " \xe2\x80\x93 ");
		put_span(h, &p->died);
	} else if (p->born_known) {
		put(h, ", born ");
		put_span(h, &p->born);
	} else if (p->died_known) {
		put(h, ", ");
		put(h, cl_fate_verb(p->died_how));
		put(h, " ");
		put_span(h, &p->died);
	}
	if (p->born_known)
		put_age(h, c, &p->born, p->died_known ? &p->died : NULL);
	put(h, "\n\nA person this document introduces");
	if (!p->born_known && !p->died_known)
		put(h, "; it gives no dates for them yet");
	if (p->born_known) {
		put(h, " (birth: ");
		put_where(h, p->born_file, p->born_line);
	}
	if (p->died_known) {
		put(h, p->born_known ? "; death: " : " (death: ");
		put_where(h, p->died_file, p->died_line);
	}
	put(h, p->born_known || p->died_known ? ")." : ".");
}

static bool describe_person(hover *h, const cl_xclaim *c)
{
	if (c->who.db_index >= 0)
		describe_db_person(h, c, c->who.db_index);
	else if (c->who.doc_index >= 0 && (size_t)c->who.doc_index < h->doc->people.len)
		describe_doc_person(h, c, &h->doc->people.items[c->who.doc_index]);
	else
		return false;
	return true;
}

/* ---- dates, durations, ages -------------------------------------------------- */

static void put_timex(hover *h, const cl_date *d)
{
	char value[32];
	cl_date_format(value, sizeof(value), d);
	put_date(h, d);
	putf(h, " (`%s`)", value);
}

static void describe_date(hover *h, const cl_xclaim *c)
{
	const cl_timex *t = &c->timex;
	if (t->unresolved || t->date.precision == CL_PREC_NONE) {
		put(h, "**Date**: a relative or partial date with no reference date to resolve it against");
		return;
	}
	put(h, "**Date**: ");
	if (t->is_range) {
		put(h, "from ");
		put_timex(h, &t->range_begin);
		put(h, " to ");
		put_timex(h, &t->date_end);
	} else {
		put_timex(h, &t->date);
	}
	if (t->alt.precision != CL_PREC_NONE) {
		put(h, ", or ");
		put_date(h, &t->alt);
		put(h, " (the year is in doubt)");
	}
	if (t->is_relative && t->anchor.precision != CL_PREC_NONE) {
		put(h, "\n\nResolved against ");
		put_date(h, &t->anchor);
		put(h, ", the reference date before it.");
	}
	if (t->calendar == CL_CAL_JULIAN)
		put(h, "\n\nGiven in the Julian calendar (Old Style) and read as the Gregorian date above.");
	if (c->header)
		put(h, "\n\nA scene header: the narrative moves to this date.");
	else if (t->local)
		put(h, "\n\nA flashback: it dates its own sentence and leaves the narrative where it was.");
	else if (t->moves_narrative)
		put(h, "\n\nThe narrative moves to this date.");
	else
		put(h, "\n\nNot narrative time: the reference date does not move.");
}

static const char *unit_name(char unit)
{
	switch (unit) {
	case 'Y': return "year";
	case 'M': return "month";
	case 'W': return "week";
	case 'D': return "day";
	case 'H': return "hour";
	case 'E': return "decade";
	case 'C': return "century";
	default: return "unit";
	}
}

static void describe_duration(hover *h, const cl_xclaim *c)
{
	const char *unit = unit_name(c->timex.dur_unit);
	if (c->timex.dur_amount < 0)
		putf(h, "**Duration**: several %ss", unit);
	else if (c->timex.dur_unit == 'C')
		putf(h, "**Duration**: %d %s", c->timex.dur_amount, c->timex.dur_amount == 1 ? "century" : "centuries");
	else
		putf(h, "**Duration**: %d %s%s", c->timex.dur_amount, unit, c->timex.dur_amount == 1 ? "" : "s");
}

static void describe_age(hover *h, const cl_xclaim *c)
{
	if (c->age.lo == c->age.hi)
		putf(h, "**Age**: %d", c->age.lo);
	else
		putf(h, "**Age**: %d to %d", c->age.lo, c->age.hi);
	if (c->age.hypothetical)
		put(h, ", hypothetical (what they would be)");
}

/* ---- entries of the database ------------------------------------------------ */

/* "22 Jun 1941 – 30 Jan 1942", "from 4 Apr 1949", "until 1914"; false when
 * neither end is known. */
static bool put_period(hover *h, const cl_date *from, const cl_date *to)
{
	bool has_from = from->precision != CL_PREC_NONE, has_to = to->precision != CL_PREC_NONE;
	if (has_from && has_to) {
		put_date(h, from);
		put(h, " \xe2\x80\x93 ");
		put_date(h, to);
	} else if (has_from) {
		put(h, "from ");
		put_date(h, from);
	} else if (has_to) {
		put(h, "until ");
		put_date(h, to);
	}
	return has_from || has_to;
}

static bool period_overlaps(const cl_period *p, const cl_span *at)
{
	long first = p->from.precision != CL_PREC_NONE ? cl_date_span(&p->from).first : LONG_MIN;
	long last = p->to.precision != CL_PREC_NONE ? cl_date_span(&p->to).last : LONG_MAX;
	return first <= at->last && last >= at->first;
}

static void describe_office(hover *h, const cl_xclaim *c, const cl_office *o)
{
	cl_date date;
	cl_span at;
	size_t k, shown = 0;
	put_name(h, o->head.name);
	put(h, o->rank ? " (a rank)" : " (an office)");
	if (sentence_date(h, c, &date, &at)) {
		for (k = 0; k < o->tenure_count; k++) {
			const cl_tenure *t = &o->tenures[k];
			const char *who = t->person >= 0 ? cl_db_person(h->doc->db, (size_t)t->person)->name : t->person_id;
			if (!period_overlaps(&t->held, &at) || !who || shown >= 4)
				continue;
			put(h, shown++ ? " or " : "; held by ");
			put_text(h, who, strlen(who));
		}
		if (shown) {
			put(h, " on the date of this sentence (");
			put_date(h, &date);
			put(h, ")");
		}
	}
}

static void describe_event(hover *h, const cl_event *e)
{
	put_name(h, e->head.name);
	if (e->type) {
		put(h, " (");
		put_text(h, e->type, strlen(e->type));
		put(h, ")");
	}
	if (e->start.date.precision != CL_PREC_NONE) {
		put(h, ": ");
		if (e->one_day || e->end.date.precision == CL_PREC_NONE)
			put_date(h, &e->start.date);
		else
			put_period(h, &e->start.date, &e->end.date);
	}
}

static void describe_place(hover *h, const cl_xclaim *c, const cl_place *p)
{
	size_t k;
	if (c->fact_sub >= 0 && (size_t)c->fact_sub < p->name_count &&
	    strcmp(p->names[c->fact_sub].name, p->head.name) != 0) {
		put_name(h, p->names[c->fact_sub].name);
		put(h, ": a former name of ");
		put_text(h, p->head.name, strlen(p->head.name));
	} else {
		put_name(h, p->head.name);
		put(h, " (a place)");
	}
	for (k = 0; k < p->name_count; k++) {
		put(h, k ? "; " : "\n\nNames: ");
		put_text(h, p->names[k].name, strlen(p->names[k].name));
		put(h, " (");
		if (!put_period(h, &p->names[k].valid.from, &p->names[k].valid.to))
			put(h, "always");
		put(h, ")");
	}
}

static void describe_entity(hover *h, const cl_entity *e)
{
	put_name(h, e->head.name);
	if (e->type) {
		put(h, " (");
		put_text(h, e->type, strlen(e->type));
		put(h, ")");
	}
	if (e->founded.date.precision != CL_PREC_NONE) {
		put(h, ": founded ");
		put_date(h, &e->founded.date);
	}
	if (e->dissolved.date.precision != CL_PREC_NONE) {
		put(h, e->founded.date.precision != CL_PREC_NONE ? ", dissolved " : ": dissolved ");
		put_date(h, &e->dissolved.date);
	}
}

static void describe_term(hover *h, const cl_term *t)
{
	const char *basis = t->basis ? t->basis : "first";
	size_t k;
	put_name(h, t->head.name);
	if (t->type) {
		put(h, " (");
		put_text(h, t->type, strlen(t->type));
		put(h, ")");
	}
	if (t->first.date.precision == CL_PREC_NONE)
		return;
	put(h, ": ");
	/* "first-flight" reads "first flight" */
	for (k = 0; basis[k]; k++)
		putn(h, basis[k] == '-' ? " " : basis + k, 1);
	put(h, " ");
	put_date(h, &t->first.date);
}

static void describe_work(hover *h, const cl_work *w)
{
	size_t k;
	put_name(h, w->head.name);
	if (w->type) {
		put(h, " (");
		put_text(h, w->type, strlen(w->type));
		put(h, ")");
	}
	for (k = 0; k < w->author_count; k++) {
		put(h, k ? (k + 1 == w->author_count ? " and " : ", ") : " by ");
		put_text(h, w->authors[k].name, strlen(w->authors[k].name));
	}
	if (w->published.date.precision != CL_PREC_NONE) {
		put(h, "; first published ");
		put_date(h, &w->published.date);
	}
}

static bool describe_fact(hover *h, const cl_xclaim *c, cl_fact_kind kind)
{
	const void *fact;
	const cl_fact_head *head;
	if (c->fact < 0 || (size_t)c->fact >= cl_db_fact_count(h->doc->db, kind))
		return false;
	fact = cl_db_fact(h->doc->db, kind, (size_t)c->fact);
	head = fact;
	switch (kind) {
	case CL_KIND_OFFICE:
		describe_office(h, c, fact);
		break;
	case CL_KIND_EVENT:
		describe_event(h, fact);
		break;
	case CL_KIND_PLACE:
		describe_place(h, c, fact);
		break;
	case CL_KIND_ENTITY:
		describe_entity(h, fact);
		break;
	case CL_KIND_TERM:
		describe_term(h, fact);
		break;
	case CL_KIND_WORK:
		describe_work(h, fact);
		break;
	default:
		return false;
	}
	put_note(h, head->note);
	put_source(h, head->qid, head->id, head->file, head->line);
	return true;
}

static bool describe_link(hover *h, const cl_xclaim *c)
{
	const char *url = c->url < h->doc->urls.len ? h->doc->urls.items[c->url].url : NULL;
	if (!url) {
		put(h, "**Link**: malformed or truncated; it cannot be checked");
		return true;
	}
	put(h, "**Link**: ");
	put_text(h, url, strlen(url));
	return true;
}

static bool describe_citation(hover *h, const cl_xclaim *c)
{
	if (c->fact >= 0)
		return describe_fact(h, c, CL_KIND_WORK);
	if (c->fact_sub > 0)
		putf(h, "**Footnote** %d", c->fact_sub);
	else
		put(h, "**Citation** of a work the database does not know");
	return true;
}

/* ---- the claim under the cursor ------------------------------------------------ */

/* The narrowest claim that covers the byte; a life span ("Bukharin
 * (1888–1938)") only when none of its parts does. */
static const cl_xclaim *claim_at(const cl_doc *doc, size_t offset)
{
	const cl_xclaim *best = NULL, *life = NULL;
	size_t k;
	for (k = 0; k < doc->claims.len; k++) {
		const cl_xclaim *c = &doc->claims.items[k];
		if (offset < c->offset || offset - c->offset >= c->length)
			continue;
		if (c->kind == CL_CLAIM_LIFESPAN) {
			if (!life || c->length < life->length)
				life = c;
		} else if (!best || c->length < best->length) {
			best = c;
		}
	}
	return best ? best : life;
}

static bool describe_claim(hover *h, const cl_xclaim *c)
{
	cl_fact_kind kind = cl_claim_fact_kind(c->kind);
	switch (c->kind) {
	case CL_CLAIM_PERSON:
	case CL_CLAIM_LIFESPAN:
		return describe_person(h, c);
	case CL_CLAIM_DATE:
		describe_date(h, c);
		return true;
	case CL_CLAIM_DURATION:
		describe_duration(h, c);
		return true;
	case CL_CLAIM_AGE:
		describe_age(h, c);
		return true;
	case CL_CLAIM_URL:
		return describe_link(h, c);
	case CL_CLAIM_CITATION:
		return describe_citation(h, c);
	default:
		return kind != CL_KIND_COUNT && describe_fact(h, c, kind);
	}
}

/* What the check made of the claim, when it compared something. */
static void put_verdict(hover *h, const cl_xclaim *c)
{
	if (!c->verdict_note || (c->verdict != CL_VERDICT_CONFIRMED && c->verdict != CL_VERDICT_CONTRADICTED))
		return;
	put(h, c->verdict == CL_VERDICT_CONFIRMED ? "\n\nConfirmed: " : "\n\nContradicted: ");
	put_text(h, c->verdict_note, strlen(c->verdict_note));
}

int cl_result_describe(char **text, size_t *span_offset, size_t *span_length, cl_result *result,
	const cl_db *db, size_t offset)
{
	const cl_doc *doc = cl_result_doc(result);
	const cl_xclaim *c = claim_at(doc, offset);
	hover h;
	*text = NULL;
	*span_offset = *span_length = 0;
	if (!c || doc->db != db)
		return CL_OK;
	memset(&h, 0, sizeof(h));
	h.result = result;
	h.doc = doc;
	h.out.max = HOVER_MAX_BYTES;
	if (describe_claim(&h, c)) {
		put_verdict(&h, c);
		if (h.rc == CL_OK && h.out.ptr) {
			*text = h.out.ptr;
			h.out.ptr = NULL;
			*span_offset = c->offset;
			*span_length = c->length;
		}
	}
	cl_buf_free(&h.out);
	cl_arena_free(&h.arena);
	/* a hover too long to show is no hover; only memory is an error */
	return h.rc == CL_ERR_NOMEM ? CL_ERR_NOMEM : CL_OK;
}
