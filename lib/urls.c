/* urls.c - the links of a text, what is wrong with their form, and the
 * quotations attributed to them.
 *
 * Links are read from the original text (the prose view blanks them): bare
 * URLs and www. names, Markdown links, autolinks and reference definitions,
 * HTML href attributes and BBCode [url] tags. The text a forum shows for a
 * link may be shortened ("https://www.example.com/fo...thread.123/"); when the
 * link's target is also in the text, only the target counts.
 *
 * Each link is a claim of kind url whose value is the address the online
 * checks fetch: the target of a redirect wrapper, without the fragment; a
 * truncated or malformed link has none. The rules about the form of a link
 * (url-malformed, url-truncated, url-wrapper) are decided here, offline. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static const char rule_malformed[] = "url-malformed";
static const char rule_truncated[] = "url-truncated";
static const char rule_wrapper[] = "url-wrapper";

/* A link found in the text: [off, off + len) is the address as written;
 * [from, to) the whole construct (a Markdown link with its text), which a
 * quotation's attribution is measured to, and inside which no other link is read. */
typedef struct {
	size_t off, len;
	size_t from, to;
	bool www;      /* a www. name without a scheme */
	bool entities; /* an HTML attribute: &amp; stands for & */
} link_span;

typedef CL_ARRAY(link_span) link_spans;

static bool url_byte(unsigned char c)
{
	return c > ' ' && c != '<' && c != '>' && c != '"' && c != '`' && c != 0x7F;
}


/* Typographic quotes and guillemets end a bare link (U+2018, U+2019, U+201C,
 * U+201D, U+00AB, U+00BB); so does a trailing ellipsis. */
static size_t closing_mark(const unsigned char *p, size_t len, size_t i)
{
	if (i + 2 < len && p[i] == 0xE2 && p[i + 1] == 0x80 &&
	    (p[i + 2] == 0x98 || p[i + 2] == 0x99 || p[i + 2] == 0x9C || p[i + 2] == 0x9D))
		return 3;
	if (i + 1 < len && p[i] == 0xC2 && (p[i + 1] == 0xAB || p[i + 1] == 0xBB))
		return 2;
	return 0;
}

static bool is_ellipsis_char(const unsigned char *p, size_t len, size_t i)
{
	return i + 2 < len && p[i] == 0xE2 && p[i + 1] == 0x80 && p[i + 2] == 0xA6;
}

/* The end of a bare link that starts at i: the run of link bytes, less the
 * punctuation people put after a link, and less a closing bracket that
 * opened before the link ("(see https://example.com/a_(b))"). */
static size_t bare_link_end(const char *text, size_t len, size_t i)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t j = i;
	for (;;) {
		if (j >= len || !url_byte(p[j]) || closing_mark(p, len, j))
			break;
		if (is_ellipsis_char(p, len, j) && (j + 3 >= len || !url_byte(p[j + 3]) || closing_mark(p, len, j + 3)))
			break;
		if (j + 5 < len && p[j] == '[' && cl_starts_ci(text, len, j, "[/url]"))
			break;
		if (p[j] == ']' && j + 1 < len && p[j + 1] == '(')
			break; /* the text of a Markdown link ends here */
		j++;
	}
	while (j > i) {
		unsigned char c = p[j - 1];
		if (strchr(".,;:!?'*", c)) {
			j--;
		} else if (c == ')' || c == ']' || c == '}') {
			char open = c == ')' ? '(' : c == ']' ? '[' : '{';
			int depth = 0;
			size_t k;
			for (k = i; k < j; k++)
				depth += p[k] == (unsigned char)open ? 1 : p[k] == c ? -1 : 0;
			if (depth >= 0)
				break;
			j--;
		} else {
			break;
		}
	}
	return j;
}

/* Does a letter (of any script) end just before byte i? */
static bool letter_before(const unsigned char *p, size_t i)
{
	size_t k = i;
	uint32_t cp;
	if (i == 0 || p[i - 1] < 0x80)
		return false;
	while (k > 0 && i - k < 4 && (p[k - 1] & 0xC0) == 0x80)
		k--;
	if (k == 0)
		return false;
	k--;
	return cl_utf8_decode(p + k, i - k, &cp) == i - k && cl_is_letter(cp);
}

/* Does a link start here: a scheme (also a misspelt http scheme, which
 * url-malformed reports), or www. at the start of a word? */
static bool link_start(const char *text, size_t len, size_t i, bool *www)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t k;
	*www = false;
	if (i > 0 && (isalnum(p[i - 1]) || p[i - 1] == '.' || p[i - 1] == '/' || p[i - 1] == '@' ||
		      p[i - 1] == '-' || p[i - 1] == '_' || letter_before(p, i)))
		return false;
	if (cl_starts_ci(text, len, i, "www.")) {
		*www = i + 4 < len && isalnum(p[i + 4]);
		return *www;
	}
	if (tolower(p[i]) != 'h')
		return false;
	for (k = i; k < len && k - i < 8 && isalpha(p[k]); k++)
		;
	if (k - i < 3 || k >= len)
		return false;
	/* a scheme-like word followed by what would separate a host: ://, :/, //, :\\, ;// */
	return (p[k] == ':' && k + 1 < len && (p[k + 1] == '/' || p[k + 1] == '\\')) ||
	       (p[k] == ';' && k + 2 < len && p[k + 1] == '/' && p[k + 2] == '/') ||
	       (p[k] == '/' && k + 1 < len && p[k + 1] == '/');
}

static int push_span(link_spans *spans, size_t off, size_t len, size_t from, size_t to, bool www, bool entities)
{
	link_span s = { off, len, from, to, www, entities };
	return CL_ARRAY_PUSH(*spans, s) ? CL_ERR_NOMEM : CL_OK;
}

/* A link target in HTML: href="..." or href='...' or href=bare inside a tag. */
static size_t html_href(const char *p, size_t len, size_t i, size_t *target, size_t *target_len)
{
	size_t j = i + 4, end;
	char q;
	while (j < len && (p[j] == ' ' || p[j] == '\t'))
		j++;
	if (j >= len || p[j] != '=')
		return 0;
	j++;
	while (j < len && (p[j] == ' ' || p[j] == '\t'))
		j++;
	if (j >= len)
		return 0;
	q = p[j];
	if (q == '"' || q == '\'') {
		for (end = j + 1; end < len && p[end] != q && p[end] != '\n'; end++)
			;
		if (end >= len || p[end] != q)
			return 0;
		*target = j + 1;
		*target_len = end - j - 1;
		return end + 1;
	}
	for (end = j; end < len && url_byte((unsigned char)p[end]) && p[end] != '\''; end++)
		;
	*target = j;
	*target_len = end - j;
	return end;
}

/* The end of the <a ...>...</a> element whose href ends at i, or i. */
static size_t anchor_end(const char *p, size_t len, size_t i)
{
	size_t j;
	for (j = i; j + 3 < len; j++)
		if (p[j] == '<' && p[j + 1] == '/' && (p[j + 2] == 'a' || p[j + 2] == 'A') && p[j + 3] == '>')
			return j + 4;
	return i;
}

static bool scheme_link(const char *p, size_t off, size_t len)
{
	return cl_starts_ci(p, off + len, off, "http://") || cl_starts_ci(p, off + len, off, "https://");
}

/* Markdown [text](target "title") at the ']' of i; returns the end or 0. */
static size_t markdown_link(const char *p, size_t len, size_t i, size_t *target, size_t *target_len)
{
	size_t j = i + 2, end;
	int depth = 1;
	if (j < len && p[j] == '<') {
		for (end = j + 1; end < len && p[end] != '>' && p[end] != '\n'; end++)
			;
		if (end >= len || p[end] != '>')
			return 0;
		*target = j + 1;
		*target_len = end - j - 1;
		while (end < len && p[end] != ')' && p[end] != '\n')
			end++;
		return end < len && p[end] == ')' ? end + 1 : 0;
	}
	for (end = j; end < len && p[end] != '\n' && p[end] != ' ' && p[end] != '\t'; end++) {
		if (p[end] == '(')
			depth++;
		else if (p[end] == ')' && --depth == 0)
			break;
	}
	*target = j;
	*target_len = end - j;
	while (end < len && p[end] != ')' && p[end] != '\n')
		end++;
	return end < len && p[end] == ')' ? end + 1 : 0;
}

/* The '[' that opens the Markdown link text closing at i, or i. */
static size_t markdown_text_start(const char *p, size_t i)
{
	size_t k = i;
	int depth = 0;
	while (k > 0 && p[k - 1] != '\n') {
		k--;
		if (p[k] == ']')
			depth++;
		else if (p[k] == '[' && depth-- == 0)
			return k;
	}
	return i;
}

/* Every link of the text, in text order, without those inside another
 * link's construct (a forum's shortened link text) or in code. */
static int find_links(cl_doc *doc, const char *p, size_t len, link_spans *spans)
{
	size_t i = 0, covered = 0;
	const char *o = doc->text.orig;
	bool html = doc->opts->html != 0, markdown = doc->opts->markdown != 0 && !html;
	while (i < len) {
		unsigned char c = (unsigned char)p[i];
		size_t target = 0, target_len = 0, end = 0;
		bool www;
		if (html && (o[i] == 'h' || o[i] == 'H'))
			c = 'h'; /* an href, blank in the prose view */
		if (c != 'h' && c != 'H' && c != 'w' && c != 'W' && c != '[' && c != ']' && c != '<') {
			i++;
			continue;
		}
		if (i < covered || (markdown && cl_text_in_code(&doc->text, i))) {
			i++;
			continue;
		}
		if (i > 0 && cl_starts_ci(o, len, i, "href") && (o[i - 1] == ' ' || o[i - 1] == '\t' || o[i - 1] == '\n') &&
		    (end = html_href(doc->text.orig, len, i, &target, &target_len)) != 0) {
			if (scheme_link(doc->text.orig, target, target_len)) {
				size_t to = anchor_end(doc->text.orig, len, end);
				if (push_span(spans, target, target_len, i, to, false, true))
					return CL_ERR_NOMEM;
				covered = to;
			}
			i = end;
			continue;
		}
		if (c == '[' && (cl_starts_ci(p, len, i, "[url]") || cl_starts_ci(p, len, i, "[url="))) {
			/* BBCode: [url]target[/url] or [url=target]text[/url] */
			size_t j = i + 4, close;
			const char *e;
			if (p[j] == '=') {
				size_t t = j + 1;
				if (t < len && (p[t] == '"' || p[t] == '\''))
					t++;
				for (close = t; close < len && p[close] != ']' && p[close] != '\n'; close++)
					;
				target = t;
				target_len = close - t;
				if (target_len && (p[close - 1] == '"' || p[close - 1] == '\''))
					target_len--;
				j = close;
			} else {
				target = j + 1;
				j = target;
			}
			e = NULL;
			for (close = j; close + 5 < len && !e; close++)
				if (p[close] == '\n' && close + 1 < len && p[close + 1] == '\n')
					break;
				else if (cl_starts_ci(p, len, close, "[/url]"))
					e = p + close;
			if (e) {
				size_t stop = (size_t)(e - p);
				if (p[i + 4] == ']')
					target_len = stop - target;
				if (target_len && push_span(spans, target, target_len, i, stop + 6, false, false))
					return CL_ERR_NOMEM;
				covered = stop + 6;
				i = stop + 6;
				continue;
			}
			if (p[i + 4] == '=' && j < len && p[j] == ']' && target_len) {
				/* no closing tag: the address is still the tag's, and its ']' ends it */
				if (push_span(spans, target, target_len, i, j + 1, false, false))
					return CL_ERR_NOMEM;
				covered = j + 1;
				i = j + 1;
				continue;
			}
		}
		if (markdown && c == ']' && i + 1 < len && p[i + 1] == '(' &&
		    (end = markdown_link(p, len, i, &target, &target_len)) != 0) {
			size_t from = markdown_text_start(p, i);
			if (scheme_link(p, target, target_len) || cl_starts_ci(p, len, target, "www.")) {
				/* the link text was read as a bare link if it looked like one: drop that */
				while (spans->len && spans->items[spans->len - 1].off >= from)
					spans->len--;
				if (push_span(spans, target, target_len, from, end, !scheme_link(p, target, target_len), false))
					return CL_ERR_NOMEM;
			}
			covered = end;
			i = end;
			continue;
		}
		if (c == '<' && markdown && i + 1 < len && (p[i + 1] == 'h' || p[i + 1] == 'H') &&
		    scheme_link(p, i + 1, len - i - 1)) {
			/* autolink <https://...> */
			size_t j = i + 1;
			while (j < len && url_byte((unsigned char)p[j]))
				j++;
			if (j < len && p[j] == '>') {
				if (push_span(spans, i + 1, j - i - 1, i, j + 1, false, false))
					return CL_ERR_NOMEM;
				covered = j + 1;
				i = j + 1;
				continue;
			}
		}
		if (c != '[' && c != ']' && c != '<' && link_start(p, len, i, &www)) {
			size_t j = bare_link_end(p, len, i);
			if (j > i + 4) {
				if (push_span(spans, i, j - i, i, j, www, false))
					return CL_ERR_NOMEM;
				i = j;
				continue;
			}
		}
		i++;
	}
	return CL_OK;
}

/* ---- the form of a link ---------------------------------------------------- */

static int hex_value(unsigned char c)
{
	return isdigit(c) ? c - '0' : isxdigit(c) ? tolower(c) - 'a' + 10 : -1;
}

/* Decodes %XX (and '+' as a space when `plus`) into a new arena string. */
static char *percent_decode(cl_arena *a, const char *s, size_t len, bool plus)
{
	char *out = cl_arena_strndup(a, s, len);
	size_t i, o = 0;
	if (!out)
		return NULL;
	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && hex_value((unsigned char)s[i + 1]) >= 0 &&
		    hex_value((unsigned char)s[i + 2]) >= 0) {
			out[o++] = (char)(hex_value((unsigned char)s[i + 1]) * 16 + hex_value((unsigned char)s[i + 2]));
			i += 2;
		} else if (plus && s[i] == '+') {
			out[o++] = ' ';
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

/* The ellipsis a forum puts in the middle of a link it shortens: "..." between
 * two letters or digits before the query, or a "…" anywhere inside. A link
 * that only ends in an ellipsis is left alone: that is the sentence's. */
static bool truncated(const char *u, size_t len)
{
	size_t i;
	for (i = 0; i + 2 < len; i++) {
		if (u[i] == '?' || u[i] == '#')
			break;
		if (u[i] == '.' && u[i + 1] == '.' && u[i + 2] == '.' && i > 0 && i + 3 < len &&
		    isalnum((unsigned char)u[i - 1]) && isalnum((unsigned char)u[i + 3]))
			return true;
	}
	for (i = 0; i + 3 < len; i++)
		if (is_ellipsis_char((const unsigned char *)u, len, i))
			return true;
	return false;
}

/* The scheme as written when it is not "http://" or "https://": a misspelt or
 * broken scheme ("htp://", "http:/", "http//", "https:\\"), with the right one. */
static bool broken_scheme(const char *u, size_t len, size_t *rest, const char **right)
{
	size_t k = 0, seps;
	char word[9];
	while (k < len && k < 8 && isalpha((unsigned char)u[k]))
		k++;
	if (k >= len || k > 8)
		return false;
	cl_ascii_lower(word, u, k);
	word[k] = '\0';
	seps = k;
	while (seps < len && (u[seps] == ':' || u[seps] == ';' || u[seps] == '/' || u[seps] == '\\'))
		seps++;
	*rest = seps;
	*right = strchr(word, 's') && strcmp(word, "http") != 0 ? "https://" : "http://";
	if ((strcmp(word, "http") == 0 || strcmp(word, "https") == 0) && seps - k == 3 && u[k] == ':' &&
	    u[k + 1] == '/' && u[k + 2] == '/')
		return false;
	/* only words a slip of the keyboard makes of http and https */
	return strcmp(word, "http") == 0 || strcmp(word, "https") == 0 || strcmp(word, "htp") == 0 ||
	       strcmp(word, "htps") == 0 || strcmp(word, "htttp") == 0 || strcmp(word, "htttps") == 0 ||
	       strcmp(word, "hhttp") == 0 || strcmp(word, "hhttps") == 0 || strcmp(word, "htpps") == 0 ||
	       strcmp(word, "httpss") == 0;
}

static bool host_byte(unsigned char c)
{
	return isalnum(c) || c == '-' || c == '.' || c >= 0x80;
}

/* What is wrong with the host and port of `u` (which has a scheme), or NULL. */
static const char *host_problem(cl_arena *a, const char *u, size_t len)
{
	const char *h = strstr(u, "://"), *p, *host_end, *label;
	size_t n;
	if (!h)
		return "it has no host";
	h += 3;
	host_end = h;
	while (host_end < u + len && *host_end != '/' && *host_end != '?' && *host_end != '#')
		host_end++;
	for (p = h; p < host_end; p++)
		if (*p == '@')
			h = p + 1; /* user information */
	if (h < host_end && *h == '[')
		return NULL; /* an IPv6 literal: left to the URL parser */
	for (p = h; p < host_end && *p != ':'; p++)
		if (!host_byte((unsigned char)*p))
			return cl_arena_printf(a, "its host has a '%c', which no host name contains", *p);
	n = (size_t)(p - h);
	if (n == 0)
		return "it has no host";
	if (p < host_end) {
		const char *q;
		long port = 0;
		if (p + 1 == host_end)
			return "its port is empty";
		for (q = p + 1; q < host_end; q++) {
			if (!isdigit((unsigned char)*q))
				return "its port is not a number";
			port = port * 10 + (*q - '0');
			if (port > 65535)
				return "its port is above 65535";
		}
	}
	if (h[n - 1] == '.')
		n--; /* a fully qualified name may end in a dot */
	if (n == 0 || h[0] == '.')
		return "its host has an empty label (a dot at the start)";
	for (label = h; label < h + n;) {
		const char *e = label;
		while (e < h + n && *e != '.')
			e++;
		if (e == label && e < h + n)
			return "its host has an empty label (two dots in a row)";
		if (e > label && (label[0] == '-' || e[-1] == '-'))
			return "a label of its host begins or ends with a hyphen";
		if (e - label > 63)
			return "a label of its host is longer than 63 characters";
		label = e < h + n ? e + 1 : e;
	}
	{
		/* a dotted quad must be an IPv4 address */
		int parts = 0, value = 0, digits = 0;
		bool all = true;
		for (p = h; p < h + n; p++) {
			if (*p == '.') {
				parts++;
				if (!digits)
					all = false;
				digits = 0;
				value = 0;
			} else if (isdigit((unsigned char)*p)) {
				/* past 255 the value only needs to stay past it: a long run of digits would overflow */
				if (value <= 255)
					value = value * 10 + (*p - '0');
				digits++;
				if (value > 255 && parts < 4 && all && digits <= 4)
					return cl_arena_printf(a, "its host looks like an IPv4 address but %d is above 255", value);
			} else {
				all = false;
			}
		}
	}
	return NULL;
}

/* What is wrong with a percent sign not followed by two hex digits, or NULL. */
static const char *escape_problem(const char *u, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		if (u[i] == '%' && (i + 2 >= len || hex_value((unsigned char)u[i + 1]) < 0 ||
				    hex_value((unsigned char)u[i + 2]) < 0))
			return "a '%' in it is not followed by two hexadecimal digits";
	return NULL;
}

/* The address to fetch: the link with a scheme, without its fragment. */
static char *fetch_address(cl_arena *a, const char *u, size_t len, bool www)
{
	size_t n = 0;
	while (n < len && u[n] != '#')
		n++;
	return www ? cl_arena_printf(a, "http://%.*s", (int)n, u) : cl_arena_strndup(a, u, n);
}

/* ---- redirect wrappers ------------------------------------------------------ */

/* The value of query parameter `name` in u (decoded), or NULL. */
static char *query_param(cl_arena *a, const char *u, const char *name)
{
	const char *q = strchr(u, '?'), *p;
	size_t n = strlen(name);
	if (!q)
		return NULL;
	for (p = q + 1; *p && *p != '#';) {
		const char *e = p;
		while (*e && *e != '&' && *e != '#' && *e != ';')
			e++;
		if ((size_t)(e - p) > n && strncmp(p, name, n) == 0 && p[n] == '=')
			return percent_decode(a, p + n + 1, (size_t)(e - p - n - 1), true);
		p = *e == '&' || *e == ';' ? e + 1 : e;
	}
	return NULL;
}

/* Does the host of u equal `host`, or (suffix) end in it? */

static bool host_is(const char *u, const char *host, bool suffix)
{
	const char *h = strstr(u, "://"), *e;
	size_t n, m = strlen(host);
	if (!h)
		return false;
	h += 3;
	for (e = h; *e && *e != '/' && *e != '?' && *e != '#' && *e != ':'; e++)
		;
	n = (size_t)(e - h);
	if (n == m)
		return cl_word_eqn(h, host, n);
	return suffix && n > m && h[n - m - 1] == '.' && cl_word_eqn(h + n - m, host, m);
}

static const char *path_of(const char *u)
{
	const char *h = strstr(u, "://");
	if (!h)
		return "";
	h = strchr(h + 3, '/');
	return h ? h : "";
}

static bool is_web_address(const char *s)
{
	return s && (cl_starts_ci(s, strlen(s), 0, "http://") || cl_starts_ci(s, strlen(s), 0, "https://"));
}

/* Google's hosts are google.TLD and www.google.TLD (google.com, google.co.uk). */
static bool google_host(const char *u)
{
	const char *h = strstr(u, "://"), *e;
	if (!h)
		return false;
	h += 3;
	if (cl_starts_ci(h, strlen(h), 0, "www."))
		h += 4;
	if (!cl_starts_ci(h, strlen(h), 0, "google."))
		return false;
	for (e = h + 7; *e && *e != '/' && *e != '?' && *e != ':'; e++)
		if (!isalpha((unsigned char)*e) && *e != '.')
			return false;
	return e > h + 7;
}

/* Bing's u=a1BASE64URL */
static char *bing_target(cl_arena *a, const char *u)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	char *v = query_param(a, u, "u"), *out;
	size_t i, o = 0, n;
	unsigned int acc = 0;
	int bits = 0;
	if (!v || strncmp(v, "a1", 2) != 0)
		return NULL;
	v += 2;
	n = strlen(v);
	if (!(out = cl_arena_strndup(a, v, n)))
		return NULL;
	for (i = 0; i < n && v[i] != '='; i++) {
		const char *c = strchr(alphabet, v[i] == '+' ? '-' : v[i] == '/' ? '_' : v[i]);
		if (!c || !v[i])
			return NULL;
		acc = (acc << 6) | (unsigned int)(c - alphabet);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (char)((acc >> bits) & 0xFF);
		}
	}
	out[o] = '\0';
	return out;
}

/* Yahoo's /RU=ENCODED/RK=.../RS=... path segments. */
static char *yahoo_target(cl_arena *a, const char *u)
{
	const char *p = strstr(u, "/RU="), *e;
	if (!p)
		return NULL;
	p += 4;
	for (e = p; *e && *e != '/'; e++)
		;
	return percent_decode(a, p, (size_t)(e - p), false);
}

/* Proofpoint URL Defense v2: u= with '-' for '%' and '_' for '/'. */
static char *proofpoint_v2_target(cl_arena *a, const char *u)
{
	char *v = query_param(a, u, "u"), *p;
	if (!v)
		return NULL;
	for (p = v; *p; p++)
		*p = *p == '-' ? '%' : *p == '_' ? '/' : *p;
	return percent_decode(a, v, strlen(v), false);
}

/* Proofpoint v3: /v3/__TARGET__;... */
static char *proofpoint_v3_target(cl_arena *a, const char *u)
{
	const char *p = strstr(u, "/v3/__"), *e;
	if (!p)
		return NULL;
	p += 6;
	e = strstr(p, "__;");
	return e ? cl_arena_strndup(a, p, (size_t)(e - p)) : NULL;
}

/* The site of a redirect wrapper and the address it leads to, or NULL. */
static const char *unwrap(cl_arena *a, const char *u, const char **site)
{
	const char *path = path_of(u);
	char *t = NULL;
	if (google_host(u) && strncmp(path, "/url?", 5) == 0) {
		*site = "Google";
		t = query_param(a, u, "q");
		if (!is_web_address(t))
			t = query_param(a, u, "url");
	} else if (host_is(u, "search.yahoo.com", true) && strstr(path, "/RU=")) {
		*site = "Yahoo";
		t = yahoo_target(a, u);
	} else if (host_is(u, "www.bing.com", false) && strncmp(path, "/ck/a?", 6) == 0) {
		*site = "Bing";
		t = bing_target(a, u);
	} else if ((host_is(u, "l.facebook.com", false) || host_is(u, "lm.facebook.com", false) ||
		    host_is(u, "m.facebook.com", false) || host_is(u, "www.facebook.com", false)) &&
		   strncmp(path, "/l.php?", 7) == 0) {
		*site = "Facebook";
		t = query_param(a, u, "u");
	} else if (host_is(u, "safelinks.protection.outlook.com", true)) {
		*site = "Outlook Safe Links";
		t = query_param(a, u, "url");
	} else if (host_is(u, "duckduckgo.com", false) && strncmp(path, "/l/?", 4) == 0) {
		*site = "DuckDuckGo";
		t = query_param(a, u, "uddg");
	} else if ((host_is(u, "www.youtube.com", false) || host_is(u, "youtube.com", false)) &&
		   strncmp(path, "/redirect?", 10) == 0) {
		*site = "YouTube";
		t = query_param(a, u, "q");
	} else if (host_is(u, "www.linkedin.com", false) && strncmp(path, "/redir/redirect?", 16) == 0) {
		*site = "LinkedIn";
		t = query_param(a, u, "url");
	} else if (host_is(u, "l.instagram.com", false)) {
		*site = "Instagram";
		t = query_param(a, u, "u");
	} else if (host_is(u, "out.reddit.com", false)) {
		*site = "Reddit";
		t = query_param(a, u, "url");
	} else if ((host_is(u, "vk.com", false) || host_is(u, "m.vk.com", false)) &&
		   strncmp(path, "/away.php?", 10) == 0) {
		*site = "VK";
		t = query_param(a, u, "to");
	} else if (host_is(u, "slack-redir.net", false) && strncmp(path, "/link?", 6) == 0) {
		*site = "Slack";
		t = query_param(a, u, "url");
	} else if (host_is(u, "steamcommunity.com", false) && strncmp(path, "/linkfilter/", 12) == 0) {
		*site = "Steam";
		t = query_param(a, u, "url");
		if (!is_web_address(t))
			t = query_param(a, u, "u");
	} else if (host_is(u, "t.umblr.com", false) && strncmp(path, "/redirect?", 10) == 0) {
		*site = "Tumblr";
		t = query_param(a, u, "z");
	} else if (host_is(u, "urldefense.proofpoint.com", false) && strncmp(path, "/v2/url?", 8) == 0) {
		*site = "Proofpoint URL Defense";
		t = proofpoint_v2_target(a, u);
	} else if (host_is(u, "urldefense.com", false) && strncmp(path, "/v3/__", 6) == 0) {
		*site = "Proofpoint URL Defense";
		t = proofpoint_v3_target(a, u);
	}
	return is_web_address(t) ? t : NULL;
}

/* ---- one link ------------------------------------------------------------------ */

/* An HTML attribute's &amp; (and &#38;) stand for '&'. */
static char *decode_attribute(cl_arena *a, const char *s, size_t len)
{
	char *out = cl_arena_strndup(a, s, len), *o = out;
	size_t i;
	if (!out)
		return NULL;
	for (i = 0; i < len; i++) {
		if (cl_starts_ci(s, len, i, "&amp;")) {
			*o++ = '&';
			i += 4;
		} else if (cl_starts_ci(s, len, i, "&#38;")) {
			*o++ = '&';
			i += 4;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

static size_t first_token_at(const cl_doc *doc, size_t off)
{
	size_t lo = 0, hi = doc->tokens.tokens.len;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (doc->tokens.tokens.items[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int add_claim(cl_doc *doc, const link_span *s, size_t url_index)
{
	cl_xclaim c;
	size_t tok = first_token_at(doc, s->off);
	memset(&c, 0, sizeof(c));
	c.kind = CL_CLAIM_URL;
	c.tok_begin = c.tok_end = tok;
	c.offset = s->off;
	c.length = s->len;
	c.sentence = tok < doc->tokens.tokens.len ? doc->tokens.tokens.items[tok].sentence : 0;
	c.who.db_index = c.who.doc_index = -1;
	c.fact = -1;
	c.url = url_index;
	return cl_claims_add(doc, &c);
}

/* The findings about the form of one link; the address to fetch, or NULL. */
static int read_link(cl_doc *doc, const link_span *s, const char **address)
{
	cl_arena *a = &doc->arena;
	char *u = s->entities ? decode_attribute(a, doc->text.orig + s->off, s->len)
			      : cl_arena_strndup(a, doc->text.orig + s->off, s->len);
	const char *problem, *right, *site = NULL, *inner_site = NULL, *target, *next;
	size_t n, rest;
	int depth;
	*address = NULL;
	if (!u)
		return CL_ERR_NOMEM;
	n = strlen(u);
	if (truncated(u, n))
		return cl_finding_add(doc, rule_truncated, CL_SEV_WARNING, s->off, s->len,
				      "this link was shortened for display (an ellipsis stands for part of it) "
				      "and leads nowhere; copy the whole address from the page it came from",
				      u, NULL, NULL, NULL);
	if (!s->www && broken_scheme(u, n, &rest, &right)) {
		char *fixed = cl_arena_printf(a, "%s%s", right, u + rest), *f;
		bool safe;
		/* "http:\\host\\path" is a Windows habit: its backslashes are slashes */
		for (f = fixed; f && memchr(u, '\\', rest) && *f; f++)
			if (*f == '\\')
				*f = '/';
		safe = fixed && !host_problem(a, fixed, strlen(fixed)) && strchr(u + rest, '.');
		return cl_finding_add(doc, rule_malformed, CL_SEV_WARNING, s->off, s->len,
				      cl_arena_printf(a, "this link begins \"%.*s\", which no browser opens; "
							 "write %s", (int)rest, u, right),
				      u, safe ? fixed : NULL, NULL, safe && !s->entities ? fixed : NULL);
	}
	target = fetch_address(a, u, n, s->www);
	if (!target)
		return CL_ERR_NOMEM;
	if ((problem = host_problem(a, target, strlen(target))) != NULL ||
	    (problem = escape_problem(u, n)) != NULL)
		return cl_finding_add(doc, rule_malformed, CL_SEV_WARNING, s->off, s->len,
				      cl_arena_printf(a, "this link is malformed: %s", problem), u, NULL, NULL, NULL);
	/* a wrapper may wrap another: Google's redirect to Facebook's */
	for (depth = 0, next = target; depth < 3 && (next = unwrap(a, next, depth ? &inner_site : &site)) != NULL;
	     depth++)
		target = next;
	if (depth > 0) {
		*address = fetch_address(a, target, strlen(target), false);
		return cl_finding_add(doc, rule_wrapper, CL_SEV_WARNING, s->off, s->len,
				      cl_arena_printf(a, "this link is wrapped in a redirect by %s; link to %s directly",
						      site, target),
				      u, target, NULL, s->entities ? NULL : target);
	}
	*address = target;
	return CL_OK;
}

/* ---- quotations attributed to a link ------------------------------------------- */

typedef struct {
	size_t off, len;   /* the words inside the marks */
	size_t open, close_end;
} quotation;

typedef CL_ARRAY(quotation) quotations;

static bool paragraph_break(const char *p, size_t i, size_t len)
{
	size_t j;
	if (p[i] != '\n')
		return false;
	for (j = i + 1; j < len && (p[j] == ' ' || p[j] == '\t' || p[j] == '\r'); j++)
		;
	return j < len && p[j] == '\n';
}

static size_t mark_at(const unsigned char *p, size_t len, size_t i, int *kind)
{
	/* kind: 1 opening double, 2 closing double, 3 straight double,
	 * 4 opening single, 5 closing single, 6 and 7 straight single opening and closing */
	if (p[i] == '"') {
		*kind = 3;
		return 1;
	}
	if (p[i] == '\'') {
		/* an opening mark after a space, a closing one before a non-letter;
		 * an apostrophe inside a word is neither */
		bool after_space = i == 0 || p[i - 1] == ' ' || p[i - 1] == '\n' || p[i - 1] == '(';
		bool before_letter = i + 1 < len && isalnum(p[i + 1]);
		*kind = after_space && before_letter ? 6 : !before_letter && i > 0 && p[i - 1] != ' ' ? 7 : 0;
		return *kind ? 1 : 0;
	}
	if (i + 2 < len && p[i] == 0xE2 && p[i + 1] == 0x80) {
		switch (p[i + 2]) {
		case 0x9C: *kind = 1; return 3;
		case 0x9D: *kind = 2; return 3;
		case 0x98: *kind = 4; return 3;
		case 0x99: *kind = 5; return 3;
		default: break;
		}
	}
	return 0;
}

static size_t count_words(const char *p, size_t len)
{
	size_t i, words = 0;
	bool in = false;
	for (i = 0; i < len; i++) {
		bool w = isalnum((unsigned char)p[i]) || (unsigned char)p[i] >= 0x80;
		if (w && !in)
			words++;
		in = w;
	}
	return words;
}

/* The double-quoted passages of the prose (curly or straight) and the
 * curly single-quoted ones, within a paragraph, of three words or more. */
static int find_quotations(const cl_doc *doc, quotations *out)
{
	const unsigned char *p = (const unsigned char *)doc->text.prose;
	size_t len = doc->text.len, i = 0, open = 0, inner = 0;
	int state = 0; /* the opening kind of the quotation we are in, or 0 */
	while (i < len) {
		int kind = 0;
		size_t n;
		if (paragraph_break((const char *)p, i, len)) {
			state = 0;
			i++;
			continue;
		}
		n = mark_at(p, len, i, &kind);
		if (!n) {
			i++;
			continue;
		}
		if (state == 0 && (kind == 1 || kind == 3 || kind == 4 || kind == 6)) {
			state = kind;
			open = i;
			inner = i + n;
		} else if ((state == 1 && kind == 2) || (state == 3 && kind == 3) ||
			   (state == 4 && kind == 5 && !(i + n < len && isalpha(p[i + n]))) || (state == 6 && kind == 7)) {
			quotation q = { inner, i - inner, open, i + n };
			if (count_words(doc->text.prose + inner, i - inner) >= 3 && CL_ARRAY_PUSH(*out, q))
				return CL_ERR_NOMEM;
			state = 0;
		}
		i += n;
	}
	return CL_OK;
}

/* Is the text between two points short, within one sentence and paragraph? */
static bool near_in_sentence(const char *p, size_t from, size_t to, size_t max)
{
	size_t i;
	if (to < from || to - from > max)
		return false;
	for (i = from; i < to; i++)
		if (p[i] == '.' || p[i] == '!' || p[i] == '?' || paragraph_break(p, i, to + 1) || p[i] == '"')
			return false;
	return true;
}

/* A quotation belongs to the link right after it ("... their ilk." LINK, or
 * '...' [link](URL)) or, failing that, to the link just before it in the
 * sentence (As [the Post](URL) reported, "..."). */
static int attribute_quotations(cl_doc *doc, const link_spans *spans, const size_t *url_of)
{
	quotations quotes = { 0 };
	size_t k, s = 0;
	int rc = CL_OK;
	if ((rc = find_quotations(doc, &quotes)) != CL_OK) {
		free(quotes.items);
		return rc;
	}
	for (k = 0; k < quotes.len && rc == CL_OK; k++) {
		const quotation *q = &quotes.items[k];
		size_t chosen = (size_t)-1;
		while (s < spans->len && spans->items[s].to <= q->open)
			s++;
		if (s < spans->len && url_of[s] != (size_t)-1 &&
		    near_in_sentence(doc->text.orig, q->close_end, spans->items[s].from, 40))
			chosen = url_of[s];
		else if (s > 0 && url_of[s - 1] != (size_t)-1 &&
			 near_in_sentence(doc->text.orig, spans->items[s - 1].to, q->open, 80))
			chosen = url_of[s - 1];
		if (chosen != (size_t)-1) {
			cl_doc_quote dq = { q->off, q->len, chosen };
			rc = CL_ARRAY_PUSH(doc->quotes, dq) ? CL_ERR_NOMEM : CL_OK;
		}
	}
	free(quotes.items);
	return rc;
}

/* Only http and https links are links to check, with the slips of the
 * keyboard url-malformed reports ("http:/", "htps://"). A defanged address
 * ("hxxps://") or another scheme ("hat://") is deliberately not a link. */
static bool web_link(const char *text, const link_span *s)
{
	const char *u = text + s->off, *right;
	size_t rest;
	return s->www || scheme_link(u, 0, s->len) || broken_scheme(u, s->len, &rest, &right);
}

int cl_extract_urls(cl_doc *doc)
{
	link_spans spans = { 0 };
	size_t *url_of = NULL, k;
	const char *scan = doc->opts->html ? doc->text.prose : doc->text.orig;
	int rc = find_links(doc, scan, doc->text.len, &spans);
	if (rc == CL_OK && spans.len && !(url_of = malloc(spans.len * sizeof(size_t))))
		rc = CL_ERR_NOMEM;
	for (k = 0; k < spans.len && rc == CL_OK; k++) {
		const char *address;
		cl_doc_url u;
		url_of[k] = (size_t)-1;
		if (!web_link(doc->text.orig, &spans.items[k]))
			continue;
		if ((rc = read_link(doc, &spans.items[k], &address)) != CL_OK)
			break;
		u.off = spans.items[k].off;
		u.len = spans.items[k].len;
		u.url = address;
		if (CL_ARRAY_PUSH(doc->urls, u)) {
			rc = CL_ERR_NOMEM;
			break;
		}
		if (address)
			url_of[k] = doc->urls.len - 1;
		rc = add_claim(doc, &spans.items[k], doc->urls.len - 1);
	}
	if (rc == CL_OK && spans.len)
		rc = attribute_quotations(doc, &spans, url_of);
	free(url_of);
	free(spans.items);
	return rc;
}
