/* text.c - the input as given, and its prose view.
 *
 * The prose view has the same length as the input, with every byte that is
 * not prose replaced by a space: invalid UTF-8, NUL bytes, a byte-order mark,
 * Markdown code (fenced blocks and code spans), link targets, bare URLs and
 * HTML comments. Every later stage reads the prose view, so a byte offset is
 * always an offset into the original text. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static void blank(char *p, size_t from, size_t to)
{
	size_t i;
	for (i = from; i < to; i++)
		if (p[i] != '\n' && p[i] != '\r')
			p[i] = ' ';
}

/* Code and comments, where a link is not a citation: [from, to) byte pairs. */
static int note_region(cl_text *t, size_t from, size_t to)
{
	if (t->region_count == t->region_cap) {
		size_t cap = t->region_cap ? t->region_cap * 2 : 16;
		cl_byte_range *r = realloc(t->regions, cap * sizeof(*r));
		if (!r)
			return CL_ERR_NOMEM;
		t->regions = r;
		t->region_cap = cap;
	}
	t->regions[t->region_count].from = from;
	t->regions[t->region_count].to = to;
	t->region_count++;
	return CL_OK;
}

static int cmp_region(const void *a, const void *b)
{
	const cl_byte_range *x = a, *y = b;
	return x->from < y->from ? -1 : x->from > y->from;
}

bool cl_text_in_code(const cl_text *t, size_t off)
{
	size_t lo = 0, hi = t->region_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->regions[mid].to <= off)
			lo = mid + 1;
		else if (t->regions[mid].from > off)
			hi = mid;
		else
			return true;
	}
	return false;
}

static size_t line_end(const char *p, size_t len, size_t i)
{
	while (i < len && p[i] != '\n')
		i++;
	return i;
}

/* A fence line: up to three spaces, then three or more ` or ~. */
static size_t fence_at(const char *p, size_t len, size_t i, char *fence_char)
{
	size_t n = 0, spaces = 0;
	while (i < len && p[i] == ' ' && spaces < 4) {
		i++;
		spaces++;
	}
	if (spaces > 3 || i >= len || (p[i] != '`' && p[i] != '~'))
		return 0;
	*fence_char = p[i];
	while (i + n < len && p[i + n] == *fence_char)
		n++;
	return n >= 3 ? n : 0;
}

static int mask_fenced_code(cl_text *t, char *p, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t eol = line_end(p, len, i);
		char fc;
		size_t n = fence_at(p, len, i, &fc);
		if (n) {
			size_t j = eol < len ? eol + 1 : len, end = len;
			while (j < len) {
				size_t e = line_end(p, len, j);
				char fc2;
				size_t n2 = fence_at(p, len, j, &fc2);
				if (n2 >= n && fc2 == fc) {
					end = e;
					break;
				}
				j = e < len ? e + 1 : len;
			}
			blank(p, i, end);
			if (note_region(t, i, end) != CL_OK)
				return CL_ERR_NOMEM;
			i = end;
		} else {
			i = eol;
		}
		if (i < len)
			i++;
	}
	return CL_OK;
}

/* A blank line ends a paragraph: code spans do not cross it. */
static bool blank_line_between(const char *p, size_t from, size_t to)
{
	size_t i;
	for (i = from; i + 1 < to; i++) {
		if (p[i] == '\n') {
			size_t j = i + 1;
			while (j < to && (p[j] == ' ' || p[j] == '\t' || p[j] == '\r'))
				j++;
			if (j < to && p[j] == '\n')
				return true;
		}
	}
	return false;
}

static int mask_code_spans(cl_text *t, char *p, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t n = 0, j;
		if (p[i] != '`') {
			i++;
			continue;
		}
		while (i + n < len && p[i + n] == '`')
			n++;
		for (j = i + n; j < len; j++) {
			if (p[j] == '`') {
				size_t m = 0;
				while (j + m < len && p[j + m] == '`')
					m++;
				if (m == n)
					break;
				j += m - 1;
			}
		}
		if (j < len && !blank_line_between(p, i, j)) {
			blank(p, i, j + n);
			if (note_region(t, i, j + n) != CL_OK)
				return CL_ERR_NOMEM;
			i = j + n;
		} else {
			i += n;
		}
	}
	return CL_OK;
}

static bool starts_with(const char *p, size_t len, size_t i, const char *s)
{
	size_t n;
	/* asked at every byte: most differ at the first */
	if (p[i] != s[0])
		return false;
	n = strlen(s);
	return i + n <= len && memcmp(p + i, s, n) == 0;
}

/* ](target) and [label]: target */
static void mask_link_targets(char *p, size_t len)
{
	size_t i;
	for (i = 0; i + 1 < len; i++) {
		if (p[i] == ']' && p[i + 1] == '(') {
			size_t j = i + 2;
			int depth = 1;
			while (j < len && p[j] != '\n' && depth > 0) {
				if (p[j] == '(')
					depth++;
				else if (p[j] == ')')
					depth--;
				j++;
			}
			if (depth == 0)
				blank(p, i + 1, j);
		} else if (p[i] == ']' && p[i + 1] == ':' && (i == 0 || p[i] != '\n')) {
			/* a reference definition: the '[' must open its line */
			size_t s = i;
			while (s > 0 && p[s - 1] != '\n')
				s--;
			while (s < i && p[s] == ' ')
				s++;
			if (p[s] == '[')
				blank(p, i + 2, line_end(p, len, i));
		}
	}
}

static bool url_char(unsigned char c)
{
	return c > ' ' && c != '<' && c != '>' && c != '"' && c != '\'' && c != '`' && c < 0x7F;
}

static void mask_urls(char *p, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) {
		size_t j;
		if (!(starts_with(p, len, i, "http://") || starts_with(p, len, i, "https://") ||
		      starts_with(p, len, i, "www.") || starts_with(p, len, i, "ftp://")))
			continue;
		if (i > 0 && url_char((unsigned char)p[i - 1]) && p[i - 1] != '(' && p[i - 1] != '[')
			continue;
		for (j = i; j < len && url_char((unsigned char)p[j]); j++)
			;
		blank(p, i, j);
		i = j;
	}
}

static int mask_html_comments(cl_text *t, char *p, size_t len)
{
	size_t i;
	for (i = 0; i + 3 < len; i++) {
		if (starts_with(p, len, i, "<!--")) {
			const char *end = NULL;
			size_t j;
			for (j = i + 4; j + 2 < len; j++)
				if (p[j] == '-' && p[j + 1] == '-' && p[j + 2] == '>') {
					end = p + j + 3;
					break;
				}
			if (!end)
				return CL_OK;
			blank(p, i, (size_t)(end - p));
			if (note_region(t, i, (size_t)(end - p)) != CL_OK)
				return CL_ERR_NOMEM;
			i = (size_t)(end - p) - 1;
		}
	}
	return CL_OK;
}

static int build_line_starts(cl_text *t)
{
	size_t i, n = 1;
	for (i = 0; i < t->len; i++)
		if (t->orig[i] == '\n' || (t->orig[i] == '\r' && (i + 1 >= t->len || t->orig[i + 1] != '\n')))
			n++;
	t->line_starts = malloc(n * sizeof(size_t));
	if (!t->line_starts)
		return CL_ERR_NOMEM;
	t->line_starts[0] = 0;
	t->line_count = 1;
	for (i = 0; i < t->len; i++)
		if (t->orig[i] == '\n' || (t->orig[i] == '\r' && (i + 1 >= t->len || t->orig[i + 1] != '\n')))
			t->line_starts[t->line_count++] = i + 1;
	return CL_OK;
}

void cl_text_unreadable(const char *data, size_t len, bool *utf16, bool *utf32)
{
	/* UTF-32 first: its little-endian mark begins like UTF-16's */
	*utf32 = len >= 4 && (memcmp(data, "\xFF\xFE\0\0", 4) == 0 || memcmp(data, "\0\0\xFE\xFF", 4) == 0);
	*utf16 = !*utf32 && len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0);
}

int cl_text_init(cl_text *t, const char *data, size_t len, bool markdown, bool html, cl_error *err)
{
	size_t i;
	memset(t, 0, sizeof(*t));
	t->orig = data;
	t->len = len;
	/* zeros past the end: the NUL, and room for the vector reads of PCRE2's
	 * JIT, which may load a few bytes beyond the subject it is given */
	if (len > SIZE_MAX - CL_TEXT_PADDING || !(t->prose = malloc(len + CL_TEXT_PADDING)))
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory reading the input");
	memcpy(t->prose, data, len);
	memset(t->prose + len, 0, CL_TEXT_PADDING);
	if (build_line_starts(t) != CL_OK) {
		cl_text_free(t);
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory reading the input");
	}
	cl_text_unreadable(data, len, &t->utf16, &t->utf32);
	if (t->utf16 || t->utf32) {
		blank(t->prose, 0, len);
		return CL_OK;
	}
	i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		blank(t->prose, 0, 3);
		t->bom = true;
		i = 3;
	}
	while (i < len) {
		uint32_t cp;
		size_t n;
		/* printable ASCII, most of any text, needs no decoding */
		if ((unsigned char)data[i] >= 0x20 && (unsigned char)data[i] < 0x7F) {
			i++;
			continue;
		}
		n = cl_utf8_decode((const unsigned char *)data + i, len - i, &cp);
		if (n == 0) {
			if (!t->invalid_utf8++)
				t->first_invalid = i;
			t->prose[i++] = ' ';
		} else if (cp == 0) {
			if (!t->nul_bytes++)
				t->first_nul = i;
			t->prose[i++] = ' ';
		} else {
			if (cp == '\t' || cp == '\f' || cp == '\v' || cp == 0xA0)
				memset(t->prose + i, ' ', n);
			i += n;
		}
	}
	if (html) {
		/* The page is parsed with its invalid bytes already blank. */
		char *clean = malloc(len + 1);
		int rc = clean ? cl_html_prose(t->prose, memcpy(clean, t->prose, len + 1), len) : CL_ERR_NOMEM;
		free(clean);
		if (rc != CL_OK) {
			cl_text_free(t);
			return cl_error_set(err, CL_ERR_NOMEM, "out of memory reading the page");
		}
		return CL_OK;
	}
	if (markdown) {
		if (mask_fenced_code(t, t->prose, len) != CL_OK || mask_code_spans(t, t->prose, len) != CL_OK ||
		    mask_html_comments(t, t->prose, len) != CL_OK) {
			cl_text_free(t);
			return cl_error_set(err, CL_ERR_NOMEM, "out of memory reading the input");
		}
		if (t->region_count > 1)
			qsort(t->regions, t->region_count, sizeof(*t->regions), cmp_region);
		mask_link_targets(t->prose, len);
	}
	mask_urls(t->prose, len);
	return CL_OK;
}

void cl_text_free(cl_text *t)
{
	free(t->prose);
	free(t->line_starts);
	free(t->regions);
	t->regions = NULL;
	t->prose = NULL;
	t->line_starts = NULL;
}

void cl_text_position(cl_text *t, size_t offset, int *line, int *column)
{
	size_t lo = 0, hi = t->line_count, i;
	int col;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (t->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	i = lo == 0 && t->bom && offset >= 3 ? 3 : t->line_starts[lo];
	col = lo == 0 ? 1 + t->column_base : 1;
	if (t->cursor_column > 0 && t->cursor_line == lo && t->cursor_offset >= i && t->cursor_offset <= offset) {
		i = t->cursor_offset;
		col = t->cursor_column;
	}
	while (i < offset && i < t->len) {
		uint32_t cp;
		size_t n = cl_utf8_decode((const unsigned char *)t->orig + i, t->len - i, &cp);
		i += n ? n : 1;
		col++;
	}
	/* a sequence cut by the offset leaves i past it: not a place to resume from */
	if (i == offset) {
		t->cursor_line = lo;
		t->cursor_offset = i;
		t->cursor_column = col;
	}
	*line = t->line_base + (int)lo + 1;
	*column = col;
}
