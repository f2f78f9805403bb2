/* html.c - HTML pages as text.
 *
 * Two views of a page, both read with libxml2's HTML parser through SAX
 * callbacks: no tree is built, so no depth of nesting can exhaust the stack.
 *
 * The prose view keeps each character of the page's text at its own byte
 * offset, so that findings point into the page as written. The parser
 * reports text in document order but not where it came from, so each piece
 * is aligned with the raw bytes: from a cursor, skipping markup the way the
 * parser skips it, matching a reference by what it decodes to. The parser's
 * read position bounds every alignment (text it has not read cannot be the
 * text it reports), and a piece that does not align is left blank rather
 * than put in the wrong place.
 *
 * The plain text, for quotations, puts block elements on lines of their own.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include "internal.h"

/* Never NOENT, DTDLOAD or HUGE: a page is untrusted. Blanks are kept so
 * that every piece of text, white space too, is reported and aligned. */
#define HTML_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
		      HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD)

/* Deeper than this, an end tag that closes nothing is removed before
 * parsing: libxml2 looks for it through the whole stack of open elements,
 * and thousands of them under thousands of open elements take minutes. */
#define STRAY_DEPTH 512

/* Elements that begin a block of text (sorted, for bsearch). */
static const char *const block_names[] = {
	"address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
	"details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
	"footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
	"hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "option", "p",
	"pre", "section", "summary", "table", "tbody", "td", "textarea", "tfoot", "th",
	"thead", "title", "tr", "ul"
};

/* Elements whose content is not text a reader sees. */
static const char *const hidden_names[] = { "iframe", "noscript", "script", "style", "template" };

/* Elements with no content (nothing to close). */
static const char *const void_names[] = {
	"area", "base", "basefont", "br", "col", "embed", "frame", "hr", "img", "input",
	"isindex", "keygen", "link", "meta", "param", "source", "track", "wbr"
};

/* What windows-1252 puts at 0x80..0x9F, which pages mean by &#150; and the
 * like (0: nothing). */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
	0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

static int cmp_name(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static bool name_in(const char *name, const char *const *names, size_t count)
{
	return bsearch(name, names, count, sizeof(*names), cmp_name) != NULL;
}

#define IN_LIST(name, list) name_in((name), (list), sizeof(list) / sizeof(*(list)))

/* ---- the page's syntax, as libxml2 reads it -------------------------------- */

static bool html_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool ascii_letter(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static bool name_start(unsigned char c)
{
	return ascii_letter(c) || c == '_' || c == ':' || c == '.';
}

static bool name_char(unsigned char c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

static size_t skip_name(const char *s, size_t len, size_t p)
{
	while (p < len && name_char((unsigned char)s[p]))
		p++;
	return p;
}


/* The first `word` in s[p..len), or NULL. */
static const char *find(const char *s, size_t len, size_t p, const char *word)
{
	size_t n = strlen(word);
	while (p + n <= len) {
		const char *c = memchr(s + p, word[0], len - p - n + 1);
		if (!c)
			return NULL;
		if (memcmp(c, word, n) == 0)
			return c;
		p = (size_t)(c - s) + 1;
	}
	return NULL;
}

/* "<!-->" and "<!--->": empty comments, closed abruptly (as HTML reads them;
 * libxml2 would look for a "-->" further on). Their length, or 0. */
static size_t abrupt_comment(const char *s, size_t len, size_t p)
{
	if (!cl_starts_ci(s, len, p, "<!--"))
		return 0;
	if (p + 4 < len && s[p + 4] == '>')
		return 5;
	if (p + 5 < len && s[p + 4] == '-' && s[p + 5] == '>')
		return 6;
	return 0;
}

/* A comment ends at the first "-->" or "--!>" whose dashes follow the
 * opening "<!--"; unterminated, it takes the rest of the page. */
static size_t comment_end(const char *s, size_t len, size_t p)
{
	size_t k = abrupt_comment(s, len, p);
	if (k)
		return p + k;
	for (k = p + 4; k + 2 < len; k++) {
		if (s[k] != '-' || s[k + 1] != '-')
			continue;
		if (s[k + 2] == '>')
			return k + 3;
		if (s[k + 2] == '!' && k + 3 < len && s[k + 3] == '>')
			return k + 4;
	}
	return len;
}

static size_t doctype_end(const char *s, size_t len, size_t p)
{
	char quote = 0;
	for (p += 9; p < len; p++) {
		if (quote) {
			if (s[p] == quote)
				quote = 0;
		} else if (s[p] == '"' || s[p] == '\'') {
			quote = s[p];
		} else if (s[p] == '>') {
			return p + 1;
		}
	}
	return len;
}

/* A start tag: a '>' inside a quoted attribute value does not end it, one
 * in an attribute libxml2 cannot read does. */
static size_t start_tag_end(const char *s, size_t len, size_t p)
{
	p = skip_name(s, len, p + 1);
	for (;;) {
		while (p < len && html_blank((unsigned char)s[p]))
			p++;
		if (p >= len)
			return len;
		if (s[p] == '>')
			return p + 1;
		if (s[p] == '/' && p + 1 < len && s[p + 1] == '>')
			return p + 2;
		if (!name_start((unsigned char)s[p])) {
			while (p < len && !html_blank((unsigned char)s[p]) && s[p] != '>' &&
			       !(s[p] == '/' && p + 1 < len && s[p + 1] == '>'))
				p++;
			continue;
		}
		p = skip_name(s, len, p);
		while (p < len && html_blank((unsigned char)s[p]))
			p++;
		if (p >= len || s[p] != '=')
			continue;
		p++;
		while (p < len && html_blank((unsigned char)s[p]))
			p++;
		if (p < len && (s[p] == '"' || s[p] == '\'')) {
			const char *q = memchr(s + p + 1, s[p], len - p - 1);
			p = q ? (size_t)(q - s) + 1 : len;
		} else {
			while (p < len && !html_blank((unsigned char)s[p]) && s[p] != '>')
				p++;
		}
	}
}

/* "</" without a name is consumed alone; with one, up to the next '>'. */
static size_t end_tag_end(const char *s, size_t len, size_t p)
{
	const char *gt;
	if (p + 2 >= len || !name_start((unsigned char)s[p + 2]))
		return p + 2 < len ? p + 2 : len;
	p = skip_name(s, len, p + 2);
	gt = memchr(s + p, '>', len - p);
	return gt ? (size_t)(gt - s) + 1 : len;
}

/* The end of the markup at p (a tag, a comment, a doctype), or p when
 * there is none: a '<' that starts nothing is text. */
static size_t markup_end(const char *s, size_t len, size_t p)
{
	unsigned char c;
	if (p + 1 >= len || s[p] != '<')
		return p;
	c = (unsigned char)s[p + 1];
	if (c == '/')
		return end_tag_end(s, len, p);
	if (ascii_letter(c))
		return start_tag_end(s, len, p);
	if (c == '!' && cl_starts_ci(s, len, p, "<!--"))
		return comment_end(s, len, p);
	if (c == '!' && cl_starts_ci(s, len, p, "<!doctype"))
		return doctype_end(s, len, p);
	return p;
}

/* A character libxml2 drops from text (a control, a non-character). */
static size_t dropped_len(const char *s, size_t avail)
{
	unsigned char c = (unsigned char)s[0];
	uint32_t cp;
	size_t n;
	if (c < 0x20)
		return html_blank(c) ? 0 : 1;
	if (c < 0x80)
		return 0;
	n = cl_utf8_decode((const unsigned char *)s, avail, &cp);
	return n && (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF)) ? n : 0;
}

static size_t utf8_put(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static bool xml_char(uint32_t v)
{
	return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
	       (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF);
}

/* The reference at s[0] as libxml2 reads it: returns its length (0 when it
 * is not one; then the '&' is text) and sets *cp to the character, or 0 for
 * a numeric reference to no character, which the parser drops. */
static size_t decode_ref(const char *s, size_t avail, uint32_t *cp)
{
	size_t p = 2;
	uint32_t v = 0;
	*cp = 0;
	if (avail < 2 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		bool hex = avail > 2 && (s[2] == 'x' || s[2] == 'X');
		for (p = hex ? 3 : 2; p < avail && s[p] != ';'; p++) {
			unsigned char c = (unsigned char)s[p];
			int d = c >= '0' && c <= '9' ? c - '0'
				: hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
			if (d < 0)
				break;
			if (v < 0x110000)
				v = v * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (p < avail && s[p] == ';')
			p++;
		*cp = xml_char(v) ? v : 0;
		return p;
	}
	{
		char name[33];
		const htmlEntityDesc *ent;
		size_t n = 0;
		p = 1;
		while (p < avail && n < sizeof(name) - 1 &&
		       (ascii_letter((unsigned char)s[p]) || (s[p] >= '0' && s[p] <= '9')))
			name[n++] = s[p++];
		if (n == 0 || p >= avail || s[p] != ';')
			return 0;
		name[n] = '\0';
		ent = htmlEntityLookup((const xmlChar *)name);
		if (!ent || ent->value == 0)
			return 0;
		*cp = ent->value;
		return p + 1;
	}
}

/* A numeric reference without digits ("&#;", "&#x", "&#xZZ;", "&#ZZ;"):
 * libxml2 drops what it reads of it, but HTML keeps it as text. The length
 * libxml2 reads, or 0. */
static size_t digitless_ref(const char *s, size_t avail)
{
	uint32_t cp;
	size_t k, first;
	unsigned char c;
	if (avail < 2 || s[0] != '&' || s[1] != '#')
		return 0;
	k = decode_ref(s, avail, &cp);
	first = avail > 2 && (s[2] == 'x' || s[2] == 'X') ? 3 : 2;
	if (first >= avail)
		return k;
	c = (unsigned char)s[first];
	if ((c >= '0' && c <= '9') || (first == 3 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
		return 0;
	return k;
}

/* How a decoded character is shown: white space and controls as a space,
 * the C1 range as windows-1252 means it. */
static size_t shown_char(char *out, uint32_t cp)
{
	if (cp >= 0x80 && cp <= 0x9F)
		cp = cp1252_c1[cp - 0x80];
	if (cp < 0x20 || cp == 0x7F || cp == 0xA0 || cp == 0)
		cp = ' ';
	return utf8_put(out, cp);
}

/* ---- before parsing: what the parser would read wrongly or slowly ----------- */

typedef struct {
	const char *src;
	char *copy;     /* made at the first change; the caller frees it */
	size_t len;
	uint32_t *stack; /* open elements, by a hash of their names */
	size_t depth, cap;
	uint32_t open[4096];
} page_prep;

static int prep_fill(page_prep *pp, size_t from, size_t to, char byte)
{
	if (!pp->copy) {
		pp->copy = malloc(pp->len + 1);
		if (!pp->copy)
			return CL_ERR_NOMEM;
		memcpy(pp->copy, pp->src, pp->len);
		pp->copy[pp->len] = '\0';
		pp->src = pp->copy;
	}
	memset(pp->copy + from, byte, to - from);
	return CL_OK;
}

static int prep_blank(page_prep *pp, size_t from, size_t to)
{
	return prep_fill(pp, from, to, ' ');
}

static uint32_t name_key(const char *s, size_t from, size_t to)
{
	uint32_t h = 2166136261u;
	for (; from < to; from++)
		h = (h ^ ((unsigned char)s[from] | 0x20)) * 16777619u;
	return h & 4095;
}

static int prep_start_tag(page_prep *pp, size_t p, size_t end, size_t *next)
{
	const char *s = pp->src;
	size_t name_end = skip_name(s, end, p + 1);
	bool empty = end >= 2 && s[end - 1] == '>' && s[end - 2] == '/';
	char name[16];
	size_t n = name_end - p - 1;
	*next = end;
	if (n >= sizeof(name))
		n = 0;
	cl_ascii_lower(name, s + p + 1, n);
	name[n] = '\0';
	if (strcmp(name, "body") == 0 && pp->depth > STRAY_DEPTH)
		return prep_blank(pp, p, end);
	if ((strcmp(name, "script") == 0 || strcmp(name, "style") == 0) && !empty) {
		/* raw text up to an end tag of the same name, as libxml2 recovers */
		size_t q = end;
		while (q + 1 < pp->len) {
			const char *lt = memchr(s + q, '<', pp->len - q);
			if (!lt) {
				q = pp->len;
				break;
			}
			q = (size_t)(lt - s);
			if (q + 1 < pp->len && s[q + 1] == '/' && cl_starts_ci(s, pp->len, q + 2, name))
				break;
			q++;
		}
		*next = q < pp->len ? q : pp->len;
		return CL_OK;
	}
	if (empty || IN_LIST(name, void_names))
		return CL_OK;
	if (pp->depth == pp->cap &&
	    cl_array_grow((void **)&pp->stack, &pp->cap, sizeof(*pp->stack), pp->depth + 1))
		return CL_ERR_NOMEM;
	pp->stack[pp->depth] = name_key(s, p + 1, name_end);
	pp->open[pp->stack[pp->depth++]]++;
	return CL_OK;
}

static int prep_end_tag(page_prep *pp, size_t p, size_t end)
{
	size_t name_end = skip_name(pp->src, end, p + 2);
	uint32_t key;
	if (name_end == p + 2)
		return CL_OK;
	key = name_key(pp->src, p + 2, name_end);
	if (!pp->open[key])
		return pp->depth > STRAY_DEPTH ? prep_blank(pp, p, end) : CL_OK;
	while (pp->depth) {
		uint32_t top = pp->stack[--pp->depth];
		pp->open[top]--;
		if (top == key)
			break;
	}
	return CL_OK;
}

/* Blanks, in a copy made when needed, what the parser would read wrongly:
 * a byte-order mark (its offsets would shift), NUL bytes and invalid UTF-8
 * (it would stop, or switch to Latin-1), bogus comments such as <![CDATA[
 * and <?...> (it would show them as text, browsers hide them), doctypes
 * (nothing to read in them; after a misplaced one libxml2 takes the next
 * tag for text), deep end tags that close nothing (see STRAY_DEPTH), and
 * the empty comments "<!-->" and "<!--->" (libxml2 would take the rest of
 * the page for a comment). */
static int prepare(page_prep *pp)
{
	const char *s = pp->src;
	size_t len = pp->len, p = 0;
	int rc = CL_OK;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		rc = prep_blank(pp, 0, 3);
	while (rc == CL_OK && p < len) {
		uint32_t cp;
		size_t n;
		if ((unsigned char)pp->src[p] < 0x80 && pp->src[p]) {
			p++;
			continue;
		}
		n = pp->src[p] ? cl_utf8_decode((const unsigned char *)pp->src + p, len - p, &cp) : 0;
		if (n == 0)
			rc = prep_blank(pp, p, p + 1);
		p += n ? n : 1;
	}
	p = 0;
	while (rc == CL_OK && p < len) {
		const char *lt = memchr(pp->src + p, '<', len - p);
		size_t end;
		s = pp->src;
		if (!lt)
			break;
		p = (size_t)(lt - s);
		end = markup_end(s, len, p);
		if (end > p && s[p + 1] == '/') {
			rc = prep_end_tag(pp, p, end);
		} else if (end > p && ascii_letter((unsigned char)s[p + 1])) {
			rc = prep_start_tag(pp, p, end, &end);
		} else if (end > p && abrupt_comment(s, len, p) == end - p) {
			/* a control character, which the parser drops: no text, not even a space */
			rc = prep_fill(pp, p, end, '\x01');
		} else if (end > p && s[p + 1] == '!' && s[p + 2] != '-') {
			/* a doctype: libxml2 misreads the markup after a misplaced one */
			rc = prep_blank(pp, p, end);
		} else if (end == p && p + 1 < len && (s[p + 1] == '!' || s[p + 1] == '?')) {
			const char *close = NULL;
			if (cl_starts_ci(s, len, p, "<![cdata["))
				close = find(s, len, p, "]]>");
			if (close)
				end = (size_t)(close - s) + 3;
			else
				end = (close = memchr(s + p, '>', len - p)) ? (size_t)(close - s) + 1 : len;
			rc = prep_blank(pp, p, end);
		}
		p = end > p ? end : p + 1;
	}
	free(pp->stack);
	pp->stack = NULL;
	return rc;
}

/* ---- parsing ------------------------------------------------------------------ */

typedef struct {
	const char *raw;      /* the page as the parser reads it */
	size_t len;
	char *prose;          /* the prose view, or NULL for the plain text */
	cl_buf *out;          /* the plain text */
	htmlParserCtxtPtr ctxt;
	size_t cursor;        /* prose: every byte before it is accounted for */
	unsigned long hidden; /* open elements whose text is not shown */
	bool space, line;     /* plain text: a space or a line break is due */
	int rc;
} html_state;

/* The offset of the next byte the parser reads. */
static size_t parser_at(const html_state *st)
{
	const xmlParserInput *in = st->ctxt->input;
	size_t at;
	if (!in || !in->cur || !in->base || in->cur < in->base)
		return st->len;
	at = (size_t)in->consumed + (size_t)(in->cur - in->base);
	return at < st->len ? at : st->len;
}

/* Markup, white space or a dropped character or reference at p: where it
 * ends, or p. */
static size_t skip_ignorable(const html_state *st, size_t p)
{
	uint32_t cp;
	size_t k;
	if (p >= st->len)
		return p;
	if (html_blank((unsigned char)st->raw[p]))
		return p + 1;
	if (st->raw[p] == '<')
		return markup_end(st->raw, st->len, p);
	if (st->raw[p] == '&' && (k = decode_ref(st->raw + p, st->len - p, &cp)) > 0 && cp == 0)
		return p + k;
	return p + dropped_len(st->raw + p, st->len - p);
}

/* Passing from p to next over what the parser ignores: a digitless reference
 * there is text all the same, and shown as written when `shown`. */
static void pass_ignorable(html_state *st, size_t p, size_t next, bool shown)
{
	if (shown && next > p && st->raw[p] == '&' && digitless_ref(st->raw + p, st->len - p) == next - p)
		memcpy(st->prose + p, st->raw + p, next - p);
}

/* Matches the parser's text t[0..n) with the page from `at`: the same bytes,
 * a reference that decodes to the same character, dropped characters
 * skipped. With `write`, puts the text into the prose. Returns the end, or
 * SIZE_MAX when the text is not there. */
static size_t match_text(html_state *st, size_t at, const char *t, size_t n, bool refs, bool write)
{
	const char *raw = st->raw;
	size_t i = 0, p = at, k;
	while (i < n) {
		uint32_t cp;
		char enc[4];
		if (p >= st->len)
			return SIZE_MAX;
		if (refs && raw[p] == '&' && (k = decode_ref(raw + p, st->len - p, &cp)) > 0) {
			size_t e = cp ? utf8_put(enc, cp) : 0;
			if (e <= n - i && memcmp(t + i, enc, e) == 0) {
				if (write) {
					char shown[4];
					size_t w = cp ? shown_char(shown, cp) : 0;
					memset(st->prose + p, ' ', k);
					if (digitless_ref(raw + p, st->len - p))
						memcpy(st->prose + p, raw + p, k); /* text, as HTML reads it */
					else if (w <= k)
						memcpy(st->prose + p, shown, w);
				}
				i += e;
				p += k;
				continue;
			}
		}
		if (t[i] == raw[p] && (raw[p] != '<' || markup_end(raw, st->len, p) == p)) {
			if (write)
				st->prose[p] = raw[p];
			i++;
			p++;
		} else if ((k = dropped_len(raw + p, st->len - p)) > 0) {
			p += k;
		} else {
			return SIZE_MAX;
		}
	}
	return p;
}

/* Aligns a piece of text the parser reports; `shown`: written to the prose. */
static void align_text(html_state *st, const char *t, size_t n, bool refs, bool shown)
{
	size_t at = parser_at(st), bound = at + 4, p = st->cursor;
	for (;;) {
		size_t end = match_text(st, p, t, n, refs, false), next;
		if (end != SIZE_MAX && end <= bound) {
			if (shown)
				match_text(st, p, t, n, refs, true);
			st->cursor = end;
			return;
		}
		next = skip_ignorable(st, p);
		if (next == p || next > bound)
			break;
		pass_ignorable(st, p, next, shown);
		p = next;
	}
	/* Not found: the parser has read up to `at`, and so may the cursor. */
	if (at > st->cursor)
		st->cursor = at;
}

static bool tag_named(const html_state *st, size_t p, const char *name, bool end)
{
	size_t from = p + (end ? 2 : 1), n = strlen(name);
	if (st->raw[p] != '<' || (end && (p + 1 >= st->len || st->raw[p + 1] != '/')))
		return false;
	return cl_starts_ci(st->raw, st->len, from, name) &&
	       (from + n >= st->len || !name_char((unsigned char)st->raw[from + n]));
}

/* Aligns a start or end tag. An element the parser implied has no tag, and
 * then nothing is found before the parser's position. `shown`: the text
 * before the tag is. */
static void align_tag(html_state *st, const char *name, bool end, bool shown)
{
	size_t bound = parser_at(st) + 2, p = st->cursor;
	while (p < st->len && p <= bound) {
		size_t next = skip_ignorable(st, p);
		if (next > p && tag_named(st, p, name, end)) {
			if (next > bound)
				return;
			if (IN_LIST(name, block_names)) {
				/* "\n\n" fits: a tag has at least "<p" */
				st->prose[p] = '\n';
				st->prose[p + 1] = '\n';
			}
			st->cursor = next;
			return;
		}
		if (next == p)
			return;
		pass_ignorable(st, p, next, shown);
		p = next;
	}
}

/* Appends text to the plain text, white space collapsed. */
static void text_put(html_state *st, const char *t, size_t n)
{
	size_t i = 0;
	while (i < n && st->rc == CL_OK) {
		unsigned char c = (unsigned char)t[i];
		size_t k = 1;
		char shown[4];
		if (html_blank(c) || c == '\f' || (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xA0)) {
			st->space = true;
			i += c == 0xC2 ? 2 : 1;
			continue;
		}
		if (st->out->len && st->line)
			st->rc = cl_buf_putc(st->out, '\n');
		else if (st->out->len && st->space)
			st->rc = cl_buf_putc(st->out, ' ');
		st->line = st->space = false;
		if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] < 0xA0) {
			k = shown_char(shown, (unsigned char)t[i + 1]);
			if (st->rc == CL_OK)
				st->rc = cl_buf_put(st->out, shown, k);
			i += 2;
			continue;
		}
		if (st->rc == CL_OK)
			st->rc = cl_buf_put(st->out, t + i, k);
		i += k;
	}
}

static void on_start(void *data, const xmlChar *name, const xmlChar **atts)
{
	html_state *st = data;
	bool shown = st->hidden == 0;
	(void)atts;
	if (IN_LIST((const char *)name, hidden_names))
		st->hidden++;
	if (st->prose)
		align_tag(st, (const char *)name, false, shown);
	else if (IN_LIST((const char *)name, block_names))
		st->line = true;
}

static void on_end(void *data, const xmlChar *name)
{
	html_state *st = data;
	bool shown = st->hidden == 0;
	if (st->hidden && IN_LIST((const char *)name, hidden_names))
		st->hidden--;
	if (st->prose)
		align_tag(st, (const char *)name, true, shown);
	else if (IN_LIST((const char *)name, block_names))
		st->line = true;
}

static void on_text(void *data, const xmlChar *text, int len)
{
	html_state *st = data;
	if (st->prose)
		align_text(st, (const char *)text, (size_t)len, true, st->hidden == 0);
	else if (!st->hidden)
		text_put(st, (const char *)text, (size_t)len);
	if (st->rc != CL_OK)
		xmlStopParser(st->ctxt);
}

/* Script and style content. */
static void on_cdata(void *data, const xmlChar *text, int len)
{
	html_state *st = data;
	if (st->prose)
		align_text(st, (const char *)text, (size_t)len, false, false);
}

static int html_parse(html_state *st, const char *html, size_t len)
{
	page_prep pp;
	xmlSAXHandler sax;
	htmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	int rc;
	memset(&pp, 0, sizeof(pp));
	pp.src = html;
	pp.len = len;
	if (len == 0 || len > INT_MAX)
		return CL_OK;
	if ((rc = prepare(&pp)) != CL_OK) {
		free(pp.copy);
		return rc;
	}
	st->raw = pp.src;
	st->len = len;
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_cdata;
	/* libxml2's globals and the refusing entity loader, once (xml.c) */
	cl_xml_init();
	ctxt = htmlNewParserCtxt();
	if (!ctxt || !ctxt->sax) {
		if (ctxt)
			htmlFreeParserCtxt(ctxt);
		free(pp.copy);
		return CL_ERR_NOMEM;
	}
	memcpy(ctxt->sax, &sax, sizeof(sax));
	ctxt->userData = st;
	st->ctxt = ctxt;
	/* UTF-8 named, and the page's own charset ignored: the parser must not
	 * transcode, or its offsets would no longer be the page's. */
	doc = htmlCtxtReadMemory(ctxt, st->raw, (int)len, NULL, "UTF-8", HTML_OPTIONS);
	if (doc)
		xmlFreeDoc(doc);
	htmlFreeParserCtxt(ctxt);
	st->ctxt = NULL;
	free(pp.copy);
	return st->rc;
}

int cl_html_prose(char *prose, const char *html, size_t len)
{
	html_state st;
	size_t i;
	int rc;
	for (i = 0; i < len; i++)
		prose[i] = html[i] == '\n' || html[i] == '\r' ? html[i] : ' ';
	prose[len] = '\0';
	memset(&st, 0, sizeof(st));
	st.prose = prose;
	rc = html_parse(&st, html, len);
	if (rc != CL_OK) {
		for (i = 0; i < len; i++)
			prose[i] = html[i] == '\n' || html[i] == '\r' ? html[i] : ' ';
	}
	return rc;
}

/* The page with the '&' of each digitless reference written "&amp;", so that
 * the parser keeps the reference as text; or NULL (and *len kept) when there
 * is none. The plain text has no offsets to keep. */
static char *escape_digitless(const char *html, size_t *len, int *rc)
{
	size_t i, n = 0, o = 0;
	char *copy;
	*rc = CL_OK;
	for (i = 0; i < *len; i++)
		if (html[i] == '&' && digitless_ref(html + i, *len - i))
			n++;
	if (n == 0)
		return NULL;
	if (n > (SIZE_MAX - *len - 1) / 4 || !(copy = malloc(*len + 4 * n + 1))) {
		*rc = CL_ERR_NOMEM;
		return NULL;
	}
	for (i = 0; i < *len; i++) {
		copy[o++] = html[i];
		if (html[i] == '&' && digitless_ref(html + i, *len - i)) {
			memcpy(copy + o, "amp;", 4);
			o += 4;
		}
	}
	copy[o] = '\0';
	*len = o;
	return copy;
}

int cl_html_text(char **out, size_t *out_len, const char *html, size_t len)
{
	cl_buf buf = { 0 };
	html_state st;
	char *escaped;
	int rc;
	*out = NULL;
	*out_len = 0;
	escaped = escape_digitless(html, &len, &rc);
	if (rc != CL_OK)
		return rc;
	memset(&st, 0, sizeof(st));
	st.out = &buf;
	rc = html_parse(&st, escaped ? escaped : html, len);
	free(escaped);
	if (rc == CL_OK && !buf.ptr)
		rc = cl_buf_put(&buf, "", 0);
	if (rc != CL_OK) {
		cl_buf_free(&buf);
		return rc == CL_ERR_LIMIT ? CL_ERR_NOMEM : rc;
	}
	*out = buf.ptr;
	*out_len = buf.len;
	return CL_OK;
}

/* ---- sniffing ----------------------------------------------------------------- */

/* Elements a page may open with before <html>, <head> or <body>. */
static const char *const head_names[] = { "base", "link", "meta", "noscript", "script", "style", "title" };

bool cl_html_sniff(const char *data, size_t len)
{
	size_t p = 0, end;
	if (len > 4096)
		len = 4096;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		p = 3;
	for (;;) {
		char name[16];
		size_t n;
		while (p < len && (html_blank((unsigned char)data[p]) || data[p] == '\f'))
			p++;
		if (p + 1 >= len || data[p] != '<')
			return false;
		if (cl_starts_ci(data, len, p, "<!doctype")) {
			p += 9;
			while (p < len && html_blank((unsigned char)data[p]))
				p++;
			return cl_starts_ci(data, len, p, "html");
		}
		if (cl_starts_ci(data, len, p, "<!--")) {
			p = comment_end(data, len, p);
			if (p >= len)
				return false;
			continue;
		}
		if (data[p + 1] == '?') {
			const char *gt = memchr(data + p, '>', len - p);
			if (!gt)
				return false;
			p = (size_t)(gt - data) + 1;
			continue;
		}
		if (!ascii_letter((unsigned char)data[p + 1]))
			return false;
		end = skip_name(data, len, p + 1);
		n = end - p - 1;
		if (n >= sizeof(name))
			return false;
		cl_ascii_lower(name, data + p + 1, n);
		name[n] = '\0';
		if (strcmp(name, "html") == 0 || strcmp(name, "head") == 0 || strcmp(name, "body") == 0)
			return true;
		if (!IN_LIST(name, head_names))
			return false;
		p = start_tag_end(data, len, p);
		if (strcmp(name, "title") == 0 || strcmp(name, "script") == 0 || strcmp(name, "style") == 0) {
			/* past the element's content and end tag */
			while (p < len && !(data[p] == '<' && p + 1 < len && data[p + 1] == '/'))
				p++;
			p = end_tag_end(data, len, p);
		}
	}
}
