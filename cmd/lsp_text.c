/* lsp_text.c - a document's text as LSP sees it: lines ended by LF, CRLF or
 * CR, positions counted in UTF-8 bytes, UTF-16 code units or code points, and
 * file:// URIs. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "lsp_internal.h"

int lsp_text_set(lsp_text *t, const char *data, size_t len)
{
	size_t count = 1, k, n = 1;
	char *copy;
	size_t *starts;
	for (k = 0; k < len; k++)
		if (data[k] == '\n' || (data[k] == '\r' && (k + 1 == len || data[k + 1] != '\n')))
			count++;
	copy = malloc(len + 1);
	starts = malloc(count * sizeof(*starts));
	if (!copy || !starts) {
		free(copy);
		free(starts);
		return -1;
	}
	if (len)
		memcpy(copy, data, len);
	copy[len] = '\0';
	starts[0] = 0;
	for (k = 0; k < len; k++)
		if (data[k] == '\n' || (data[k] == '\r' && (k + 1 == len || data[k + 1] != '\n')))
			starts[n++] = k + 1;
	lsp_text_free(t);
	t->data = copy;
	t->len = len;
	t->line_starts = starts;
	t->line_count = count;
	return 0;
}

void lsp_text_free(lsp_text *t)
{
	free(t->data);
	free(t->line_starts);
	memset(t, 0, sizeof(*t));
}

/* The length of the UTF-8 character at s[0..avail); an invalid byte is a
 * character of its own (an editor shows it as U+FFFD). */
static size_t char_length(const unsigned char *s, size_t avail)
{
	size_t n, k;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4;
	else
		return 1;
	if (n > avail)
		return 1;
	for (k = 1; k < n; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 1;
	/* overlong forms, surrogates and code points past U+10FFFF */
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) || (s[0] == 0xF0 && s[1] < 0x90) ||
	    (s[0] == 0xF4 && s[1] > 0x8F))
		return 1;
	return n;
}

/* How many code units of the encoding a character of n bytes takes. */
static int64_t units_of(size_t n, lsp_encoding enc)
{
	if (enc == LSP_UTF8)
		return (int64_t)n;
	return enc == LSP_UTF16 && n == 4 ? 2 : 1;
}

static size_t line_end(const lsp_text *t, size_t line)
{
	size_t end = line + 1 < t->line_count ? t->line_starts[line + 1] : t->len;
	if (end > t->line_starts[line] && t->data[end - 1] == '\n')
		end--;
	if (end > t->line_starts[line] && t->data[end - 1] == '\r')
		end--;
	return end;
}

void lsp_text_position(lsp_text *t, lsp_encoding enc, size_t offset, int64_t *line, int64_t *character)
{
	size_t lo = 0, hi = t->line_count, k;
	int64_t units = 0;
	if (offset > t->len)
		offset = t->len;
	/* the last line that starts at or before the offset */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	k = t->line_starts[lo];
	if (t->hint_valid && t->hint_encoding == enc && t->hint_line == lo && t->hint_offset <= offset) {
		k = t->hint_offset;
		units = t->hint_units;
	}
	while (k < offset) {
		size_t n = char_length((const unsigned char *)t->data + k, t->len - k);
		if (k + n > offset)
			break;
		units += units_of(n, enc);
		k += n;
	}
	t->hint_valid = true;
	t->hint_encoding = enc;
	t->hint_line = lo;
	t->hint_offset = k;
	t->hint_units = units;
	*line = (int64_t)lo;
	*character = units;
}

size_t lsp_text_offset(const lsp_text *t, lsp_encoding enc, int64_t line, int64_t character)
{
	size_t k, end;
	int64_t units = 0;
	if (line < 0 || (uint64_t)line >= t->line_count)
		return t->len;
	end = line_end(t, (size_t)line);
	for (k = t->line_starts[line]; k < end;) {
		size_t n = char_length((const unsigned char *)t->data + k, end - k);
		int64_t u = units_of(n, enc);
		if (units + u > character)
			break;
		units += u;
		k += n;
	}
	return k;
}

static json_object *position_json(lsp_text *t, lsp_encoding enc, size_t offset)
{
	json_object *p = json_object_new_object();
	int64_t line, character;
	if (!p)
		return NULL;
	lsp_text_position(t, enc, offset, &line, &character);
	json_object_object_add(p, "line", json_object_new_int64(line));
	json_object_object_add(p, "character", json_object_new_int64(character));
	return p;
}

json_object *lsp_text_range(lsp_text *t, lsp_encoding enc, size_t offset, size_t length)
{
	json_object *r = json_object_new_object();
	size_t end;
	if (!r)
		return NULL;
	if (offset > t->len)
		offset = t->len;
	end = length > t->len - offset ? t->len : offset + length;
	json_object_object_add(r, "start", position_json(t, enc, offset));
	json_object_object_add(r, "end", position_json(t, enc, end));
	return r;
}

bool lsp_text_read_position(const lsp_text *t, lsp_encoding enc, json_object *pos, size_t *offset)
{
	int64_t line, character;
	if (!lsp_member_uint(pos, "line", INT32_MAX, &line) || !lsp_member_uint(pos, "character", INT32_MAX, &character))
		return false;
	*offset = lsp_text_offset(t, enc, line, character);
	return true;
}

bool lsp_text_read_range(const lsp_text *t, lsp_encoding enc, json_object *range, size_t *from, size_t *to)
{
	if (!lsp_text_read_position(t, enc, lsp_member(range, "start", json_type_object), from) ||
	    !lsp_text_read_position(t, enc, lsp_member(range, "end", json_type_object), to))
		return false;
	if (*to < *from) { /* a range given backwards is the same range */
		size_t swap = *from;
		*from = *to;
		*to = swap;
	}
	return true;
}

const char *lsp_encoding_name(lsp_encoding enc)
{
	return enc == LSP_UTF8 ? "utf-8" : enc == LSP_UTF32 ? "utf-32" : "utf-16";
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *lsp_uri_path(const char *uri)
{
	const char *p, *end;
	char *path, *out;
	if (strncasecmp(uri, "file://", 7) != 0)
		return NULL;
	p = uri + 7;
	/* the authority: empty or localhost; a remote host is not a local path */
	if (strncasecmp(p, "localhost/", 10) == 0)
		p += 9;
	if (*p != '/')
		return NULL;
	end = p + strcspn(p, "?#");
	if (!(path = malloc((size_t)(end - p) + 1)))
		return NULL;
	for (out = path; p < end; p++) {
		if (*p == '%') {
			int hi = p + 1 < end ? hex_value(p[1]) : -1, lo = p + 2 < end ? hex_value(p[2]) : -1;
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
				free(path);
				return NULL;
			}
			*out++ = (char)(hi * 16 + lo);
			p += 2;
		} else {
			*out++ = *p;
		}
	}
	*out = '\0';
	return path;
}
