/* quote.c - finding a quotation in a page's text.
 *
 * Both sides become words: letters and digits, case folded (ASCII, and the
 * Latin-1 and Latin Extended-A letters folded to their base letter), so that
 * spacing, punctuation, typographic quotes and dashes do not matter. An
 * ellipsis in the quotation ("...", "…", "[...]") stands for words left out:
 * the pieces between ellipses are found in order, each within a few hundred
 * words of the last. Words in square brackets are an editor's and may stand
 * for any few words of the page. A piece is found where the words of the page
 * match it with at most one word in ten differing, and a word differing by one
 * letter (in words of five letters or more) counts as half a difference; a
 * quotation of fewer than three words must match exactly.
 *
 * Candidate places are the page positions of the piece's rarest word, so the
 * cost is the number of such places times the piece's length, not the page's
 * length times the quotation's. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define MAX_WORD 48          /* longer words are cut: they still compare by their start */
#define PIECE_GAP 400        /* words allowed between two pieces of an elided quotation */
#define MAX_CANDIDATES 20000 /* places tried for one piece */

typedef struct {
	uint64_t hash;
	size_t off, end;     /* bytes in the original text */
	char text[MAX_WORD + 1];
	bool wild;           /* an editor's [words] */
	bool piece_start;    /* the first word after an ellipsis */
} word;

typedef CL_ARRAY(word) words;

/* The base letter of a Latin-1 or Latin Extended-A letter, lower case, or 0. */
static char fold_latin(uint32_t cp)
{
	static const char latin1[] = "aaaaaaaceeeeiiiidnooooo ouuuuyts"; /* U+00E0..U+00FF */
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		cp += 0x20;
	if (cp >= 0xE0 && cp <= 0xFF && cp != 0xF7)
		return latin1[cp - 0xE0] == ' ' ? 0 : latin1[cp - 0xE0];
	if (cp >= 0x100 && cp <= 0x17F) {
		static const char ext[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkklllllllllln"
					  "nnnnnnnnnoooooooorrrrrrsssssssstttttttuuuuuuuuuuuuwwyyyzzzzzzs";
		size_t k = cp - 0x100;
		return k < sizeof(ext) - 1 ? ext[k] : 0;
	}
	return 0;
}

static bool is_ellipsis_at(const char *s, size_t len, size_t i, size_t *n)
{
	if (i + 2 < len && s[i] == '.' && s[i + 1] == '.' && s[i + 2] == '.') {
		*n = 3;
		while (i + *n < len && s[i + *n] == '.')
			(*n)++;
		return true;
	}
	if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	    (unsigned char)s[i + 2] == 0xA6) {
		*n = 3;
		return true;
	}
	return false;
}

/* Splits s into words. In a quotation (`quote`), ellipses start a new piece
 * and bracketed words are wild. */
static int split(words *out, const char *s, size_t len, bool quote)
{
	size_t i = 0;
	bool in_bracket = false, new_piece = true;
	word w;
	memset(&w, 0, sizeof(w));
	while (i < len) {
		size_t n = 0, wl = 0, start = i;
		uint32_t cp;
		if (quote && is_ellipsis_at(s, len, i, &n)) {
			new_piece = true;
			i += n;
			continue;
		}
		if (quote && (s[i] == '[' || s[i] == ']')) {
			in_bracket = s[i] == '[';
			i++;
			continue;
		}
		while (i < len) {
			size_t k = cl_utf8_decode((const unsigned char *)s + i, len - i, &cp);
			char c = 0;
			if (k == 0)
				break;
			if (cp < 0x80 && ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')))
				c = (char)cp;
			else if (cp >= 'A' && cp <= 'Z')
				c = (char)(cp + 32);
			else if (cp >= 0xC0)
				c = fold_latin(cp);
			if (cp == 0xAD) { /* a soft hyphen joins */
				i += k;
				continue;
			}
			if (!c && !(cp >= 0x370 && cl_is_letter(cp)))
				break;
			if (!c) /* other scripts: keep the bytes */
				while (k-- && wl < MAX_WORD)
					w.text[wl++] = s[i++];
			else {
				if (wl < MAX_WORD)
					w.text[wl++] = c;
				i += k;
			}
			n = 1;
		}
		if (!n) {
			size_t k = cl_utf8_decode((const unsigned char *)s + i, len - i, &cp);
			i += k ? k : 1;
			continue;
		}
		w.text[wl] = '\0';
		w.off = start;
		w.end = i;
		w.hash = cl_fnv1a(w.text, wl);
		w.wild = quote && in_bracket;
		w.piece_start = quote && new_piece;
		new_piece = false;
		if (CL_ARRAY_PUSH(*out, w))
			return CL_ERR_NOMEM;
	}
	return CL_OK;
}

/* 0 the same word, 1 a different one, 0.5 one letter apart in a long word. */
static double word_cost(const word *a, const word *b)
{
	size_t la, lb, i = 0;
	if (a->hash == b->hash && strcmp(a->text, b->text) == 0)
		return 0;
	la = strlen(a->text);
	lb = strlen(b->text);
	if ((la < 5 && lb < 5) || (la > lb ? la - lb : lb - la) > 1)
		return 1;
	while (i < la && i < lb && a->text[i] == b->text[i])
		i++;
	if (la == lb)
		return strcmp(a->text + i + 1, b->text + i + 1) == 0 ? 0.5 : 1;
	return strcmp(la > lb ? a->text + i + 1 : a->text + i, la > lb ? b->text + i : b->text + i + 1) == 0 ? 0.5 : 1;
}

/* The cost of matching piece q[0..m) at page position p (wild words skipped,
 * up to three page words each); *end gets the page word after the match. */
static double align(const words *page, size_t p, const word *q, size_t m, size_t *end)
{
	size_t k, at = p;
	double cost = 0;
	for (k = 0; k < m; k++) {
		if (q[k].wild) {
			/* an editor's words stand for up to three of the page's: take the
			 * fewest that let the next real word match */
			size_t skip;
			while (k + 1 < m && q[k + 1].wild)
				k++;
			if (k + 1 >= m)
				break;
			for (skip = 0; skip <= 3 && at + skip < page->len; skip++)
				if (word_cost(&page->items[at + skip], &q[k + 1]) == 0)
					break;
			at += skip <= 3 ? skip : 1;
			continue;
		}
		if (at >= page->len) {
			cost += (double)(m - k);
			break;
		}
		cost += word_cost(&page->items[at], &q[k]);
		at++;
	}
	*end = at;
	return cost;
}

static size_t real_words(const word *q, size_t m)
{
	size_t k, n = 0;
	for (k = 0; k < m; k++)
		n += !q[k].wild;
	return n;
}

/* The best place of one piece in page words [from, to): its cost and span. */
static double best_place(const words *page, size_t from, size_t to, const word *q, size_t m, size_t *at,
	size_t *end)
{
	size_t k, anchor = 0, p, tried = 0;
	double best = (double)m + 1;
	/* the piece's longest real word is the rarest, near enough */
	for (k = 0; k < m; k++)
		if (!q[k].wild && (q[anchor].wild || strlen(q[k].text) > strlen(q[anchor].text)))
			anchor = k;
	for (p = from; p < to && tried < MAX_CANDIDATES; p++) {
		size_t e, start;
		double c;
		if (page->items[p].hash != q[anchor].hash || p < anchor)
			continue;
		tried++;
		start = p - anchor;
		if (start < from)
			continue;
		c = align(page, start, q, m, &e);
		if (c < best) {
			best = c;
			*at = start;
			*end = e;
		}
	}
	if (best > (double)m) {
		/* the anchor word itself may be misspelt: try the first real word */
		for (k = 0; k < m && q[k].wild; k++)
			;
		for (p = from; k < m && p < to && tried < 2 * MAX_CANDIDATES; p++) {
			size_t e;
			double c;
			if (page->items[p].hash != q[k].hash || p < k)
				continue;
			tried++;
			c = align(page, p - k, q, m, &e);
			if (c < best) {
				best = c;
				*at = p - k;
				*end = e;
			}
		}
	}
	return best;
}

int cl_quote_find(cl_quote_match *m, const char *text, size_t text_len, const char *quote, size_t quote_len)
{
	words page = { 0 }, q = { 0 };
	size_t k, total = 0, pos = 0, first = 0, last = 0;
	double cost = 0;
	bool placed = false;
	int rc;
	memset(m, 0, sizeof(*m));
	if ((rc = split(&page, text, text_len, false)) != CL_OK || (rc = split(&q, quote, quote_len, true)) != CL_OK)
		goto done;
	total = real_words(q.items, q.len);
	if (total == 0 || page.len == 0)
		goto done;
	for (k = 0; k < q.len;) {
		size_t e = k + 1, at = 0, end = 0, to;
		double c;
		while (e < q.len && !q.items[e].piece_start)
			e++;
		to = placed ? (pos + PIECE_GAP < page.len ? pos + PIECE_GAP : page.len) : page.len;
		c = best_place(&page, placed ? pos : 0, to, q.items + k, e - k, &at, &end);
		if (c > (double)(e - k)) {
			cost += (double)real_words(q.items + k, e - k);
		} else {
			cost += c;
			if (!placed)
				first = at;
			last = end > at ? end - 1 : at;
			pos = end;
			placed = true;
		}
		k = e;
	}
	m->similarity = 1.0 - cost / (double)total;
	if (m->similarity < 0)
		m->similarity = 0;
	m->found = total < 3 ? cost == 0 : cost <= (double)total / 10.0;
	if (placed) {
		m->off = page.items[first].off;
		m->len = page.items[last].end - m->off;
	}
done:
	free(page.items);
	free(q.items);
	return rc;
}
