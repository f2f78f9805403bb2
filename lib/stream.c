/* stream.c - a text too big to hold whole, checked in sections: each piece
 * the caller reads is cut where a paragraph ends (else a line, a sentence, a
 * word), checked as a section that starts from the state the sections before
 * left (the narrative date, the people and deaths established, the disables
 * still open, the settings), and its findings kept with positions in the whole
 * text. Memory is that of one section, not of the text. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

typedef enum {
	STREAM_FIRST = 0, /* nothing read yet */
	STREAM_TEXT,      /* checked section by section */
	STREAM_UNREAD,    /* UTF-16 or UTF-32: nothing is read, as cl_check() reads nothing */
	STREAM_PAGE       /* an HTML page: kept, and checked whole at the end */
} stream_state;

struct cl_stream {
	const cl_db *db;
	char *name;
	cl_check_options opts; /* what directives set carries on to the next section */
	cl_story *own_story;   /* carries people and deaths when the caller gives no story */
	cl_carry carry;
	cl_result *whole;
	size_t offset;         /* bytes checked so far */
	int line_base, column_base;
	bool in_fence;         /* Markdown: the next section begins inside fenced code */
	cl_input_state input;
	stream_state state;
	char *page;            /* STREAM_PAGE: the bytes so far */
	size_t page_len;
};

int cl_stream_new(cl_stream **out, const cl_db *db, const char *name, const cl_check_options *opts, cl_error *err)
{
	static const cl_check_options defaults = CL_CHECK_OPTIONS_INIT;
	cl_stream *s;
	*out = NULL;
	if (!db)
		return cl_error_set(err, CL_ERR_INVALID, "no database");
	if (!(s = calloc(1, sizeof(*s))))
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	s->db = db;
	s->opts = opts ? *opts : defaults;
	if (s->opts.version < 3)
		s->opts.html = 0;
	if (!(s->name = strdup(name ? name : "-")) || (!s->opts.story && cl_story_new(&s->own_story) != CL_OK) ||
	    cl_result_new_sections(&s->whole, db, s->name, &s->opts) != CL_OK) {
		cl_stream_free(s);
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	}
	if (!s->opts.story)
		s->opts.story = s->own_story;
	*out = s;
	return CL_OK;
}

void cl_stream_free(cl_stream *s)
{
	if (!s)
		return;
	cl_result_free(s->whole);
	cl_story_free(s->own_story);
	free(s->carry.person_context);
	free(s->carry.diverged.items);
	free(s->carry.suppressions.items);
	free(s->page);
	free(s->name);
	free(s);
}

/* ---- where a section ends ------------------------------------------------------ */

typedef struct {
	size_t at;
	bool mid_paragraph;
} cut;

static bool blank_line(const char *p, size_t from, size_t to)
{
	for (; from < to; from++)
		if (p[from] != ' ' && p[from] != '\t' && p[from] != '\r')
			return false;
	return true;
}

/* A Markdown fence line: up to three spaces, then three backticks or tildes. */
static bool fence_line(const char *p, size_t from, size_t to)
{
	size_t i = from;
	while (i < to && i - from < 3 && p[i] == ' ')
		i++;
	return i + 3 <= to && (p[i] == '`' || p[i] == '~') && p[i + 1] == p[i] && p[i + 2] == p[i];
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

/* After the last sentence end of p[from..to): ". ", "! " or "? " after a
 * lower-case word of three letters or more, before a capital (so that "Mr.
 * Smith" and "3 Oct. 1941" stay whole); 0 when there is none. */
static size_t sentence_cut(const char *p, size_t from, size_t to)
{
	size_t i;
	for (i = to; i > from + 4; i--) {
		size_t mark = i - 2, w = mark;
		if (p[i - 1] != ' ' || i >= to || !is_upper(p[i]) ||
		    (p[mark] != '.' && p[mark] != '!' && p[mark] != '?'))
			continue;
		while (w > from && is_lower(p[w - 1]))
			w--;
		if (mark - w >= 3)
			return i;
	}
	return 0;
}

/* The end of the section p[0..len), which does not end the text: after a
 * blank line outside fenced code, else after a line end, else a sentence end,
 * else a space, else the last whole character. Moves *in_fence past it. */
static cut find_cut(const char *p, size_t len, bool markdown, bool *in_fence)
{
	size_t line = 0, end, paragraph = 0, line_end = 0, at;
	bool fence = *in_fence, fence_at_line = false, was_blank = false;
	cut c = { 0, true };
	while (line < len) {
		const char *nl = memchr(p + line, '\n', len - line);
		if (!nl)
			break;
		end = (size_t)(nl - p);
		if (was_blank && !blank_line(p, line, end) && !fence && line > 0)
			paragraph = line;
		if (markdown && fence_line(p, line, end))
			fence = !fence;
		was_blank = blank_line(p, line, end);
		line = end + 1;
		line_end = line;
		fence_at_line = fence;
	}
	/* a paragraph that leaves the section less than a quarter full is a line's worth */
	if (paragraph && paragraph >= len / 4) {
		c.at = paragraph;
		c.mid_paragraph = false;
		*in_fence = false;
		return c;
	}
	if (line_end) {
		c.at = line_end;
		*in_fence = fence_at_line;
		return c;
	}
	/* one line longer than the piece: no fence opens or closes inside it */
	if ((at = sentence_cut(p, 0, len)) == 0) {
		for (at = len; at > 0 && p[at - 1] != ' ' && p[at - 1] != '\t'; at--)
			;
		if (at == 0) /* before the last character, whose end the piece may not hold */
			for (at = len - 1; at > 0 && ((unsigned char)p[at] & 0xC0) == 0x80; at--)
				;
	}
	c.at = at ? at : len;
	return c;
}

/* ---- checking ------------------------------------------------------------------- */

static void add_input(cl_input_state *total, const cl_input_state *part)
{
	if (part->invalid_utf8 && !total->invalid_utf8) {
		total->invalid_line = part->invalid_line;
		total->invalid_column = part->invalid_column;
	}
	if (part->nul_bytes && !total->nul_bytes) {
		total->nul_line = part->nul_line;
		total->nul_column = part->nul_column;
	}
	total->invalid_utf8 += part->invalid_utf8;
	total->nul_bytes += part->nul_bytes;
	if (!total->pattern_problem)
		total->pattern_problem = part->pattern_problem; /* a rules pattern: lives with the db */
}

static int check_section(cl_stream *s, const char *data, size_t len, bool mid_paragraph, bool more, cl_error *err)
{
	cl_section section = { s->line_base, s->column_base, &s->carry };
	cl_result *part;
	cl_input_state input;
	int rc, line, column;
	s->carry.more = more;
	if ((rc = cl_check_section(&part, s->db, s->name, data, len, &s->opts, &section, err)) != CL_OK)
		return rc;
	cl_doc_input_state(cl_result_doc(part), &input);
	add_input(&s->input, &input);
	if ((rc = cl_result_take_findings(s->whole, part, s->offset)) != CL_OK) {
		cl_result_free(part);
		return cl_error_set(err, rc, "out of memory");
	}
	/* the settings its directives made hold for the rest of the text */
	s->opts.pod = cl_result_doc(part)->opts->pod;
	s->opts.setting = cl_result_doc(part)->opts->setting;
	s->opts.kind = cl_result_doc(part)->opts->kind;
	cl_text_position(&cl_result_doc(part)->text, len, &line, &column);
	s->line_base = line - 1;
	s->column_base = column - 1;
	s->offset += len;
	s->carry.mid_paragraph = mid_paragraph;
	cl_result_free(part);
	return CL_OK;
}

static int keep_page(cl_stream *s, const char *data, size_t len, cl_error *err)
{
	char *grown;
	if (len > SIZE_MAX - s->page_len - 1 || !(grown = realloc(s->page, s->page_len + len + 1)))
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory reading the page");
	s->page = grown;
	memcpy(s->page + s->page_len, data, len);
	s->page_len += len;
	return CL_OK;
}

int cl_stream_check(cl_stream *s, const char *data, size_t len, int last, size_t *taken, cl_error *err)
{
	cut c = { len, false };
	*taken = 0;
	if (!data && len)
		return cl_error_set(err, CL_ERR_INVALID, "no text");
	if (s->state == STREAM_FIRST) {
		cl_text_unreadable(data, len, &s->input.utf16, &s->input.utf32);
		s->state = s->input.utf16 || s->input.utf32 ? STREAM_UNREAD :
			   s->opts.html == 1 || (s->opts.html == 2 && cl_html_sniff(data, len)) ? STREAM_PAGE :
			   STREAM_TEXT;
		s->opts.html = s->state == STREAM_PAGE;
	}
	if (s->state == STREAM_UNREAD) {
		*taken = len;
		return CL_OK;
	}
	if (s->state == STREAM_PAGE) {
		int rc = keep_page(s, data, len, err);
		*taken = rc == CL_OK ? len : 0;
		return rc;
	}
	if (!last)
		c = find_cut(data, len, s->opts.markdown != 0, &s->in_fence);
	if (c.at == 0)
		return CL_OK;
	*taken = c.at;
	return check_section(s, data, c.at, c.mid_paragraph, !last, err);
}

int cl_stream_flush(cl_stream *s, cl_result **out, cl_error *err)
{
	cl_result *fresh;
	*out = NULL;
	if (s->state == STREAM_PAGE)
		return CL_OK;
	if (cl_result_new_sections(&fresh, s->db, s->name, &s->opts) != CL_OK)
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	*out = s->whole;
	s->whole = fresh;
	return CL_OK;
}

int cl_stream_finish(cl_stream *s, cl_result **out, cl_error *err)
{
	int rc;
	*out = NULL;
	if (s->state == STREAM_PAGE) {
		s->opts.story = s->own_story == s->opts.story ? NULL : s->opts.story;
		return cl_check(out, s->db, s->name, s->page ? s->page : "", s->page_len, &s->opts, err);
	}
	if ((rc = cl_result_end_sections(s->whole, &s->input)) != CL_OK)
		return cl_error_set(err, rc, "out of memory");
	*out = s->whole;
	s->whole = NULL;
	return CL_OK;
}
