/* tokenize.c - words, numbers, punctuation and sentences of the prose view.
 * One pass, no allocation per token: tokens live in one growable array. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static bool is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

static size_t decode(const cl_text *t, size_t i, uint32_t *cp)
{
	size_t n = cl_utf8_decode((const unsigned char *)t->prose + i, t->len - i, cp);
	if (n == 0) {
		*cp = ' ';
		n = 1;
	}
	return n;
}

static bool letter_at(const cl_text *t, size_t i)
{
	uint32_t cp;
	if (i >= t->len)
		return false;
	decode(t, i, &cp);
	return cl_is_letter(cp);
}

static bool digit_at(const cl_text *t, size_t i)
{
	return i < t->len && t->prose[i] >= '0' && t->prose[i] <= '9';
}

/* Length of "st"/"nd"/"rd"/"th" at i when it ends the token. */
static size_t ordinal_suffix(const cl_text *t, size_t i)
{
	const char *p = t->prose + i;
	if (i + 2 > t->len)
		return 0;
	if ((cl_word_eq(p, 2, "st") || cl_word_eq(p, 2, "nd") || cl_word_eq(p, 2, "rd") ||
	     cl_word_eq(p, 2, "th")) && !letter_at(t, i + 2))
		return 2;
	return 0;
}

/* "s", "'s" or "’s" closing a decade: 1950s, 1950's */
static size_t decade_suffix(const cl_text *t, size_t i)
{
	uint32_t cp;
	size_t n;
	if (i < t->len && (t->prose[i] == 's') && !letter_at(t, i + 1))
		return 1;
	if (i >= t->len)
		return 0;
	n = decode(t, i, &cp);
	if (is_apostrophe(cp) && i + n < t->len && t->prose[i + n] == 's' && !letter_at(t, i + n + 1))
		return n + 1;
	return 0;
}

static int push(cl_tokens *out, const cl_token *tok)
{
	return CL_ARRAY_PUSH(out->tokens, *tok);
}

static size_t scan_number(const cl_text *t, size_t i, cl_token *tok)
{
	size_t start = i, groups = 0;
	long v = 0;
	while (digit_at(t, i)) {
		/* once too large, -1 for good: growing it overflowed */
		if (v >= 0 && v < 100000000)
			v = v * 10 + (t->prose[i] - '0');
		else
			v = -1;
		i++;
	}
	tok->digits = (uint8_t)(i - start > 255 ? 255 : i - start);
	/* thousands groups: 2,000 and 1,250,000 */
	if (i - start <= 3) {
		while (i + 3 < t->len + 0 && t->prose[i] == ',' && digit_at(t, i + 1) && digit_at(t, i + 2) &&
		       digit_at(t, i + 3) && !digit_at(t, i + 4)) {
			if (v >= 0 && v < 100000000)
				v = v * 1000 + (t->prose[i + 1] - '0') * 100 + (t->prose[i + 2] - '0') * 10 +
				    (t->prose[i + 3] - '0');
			i += 4;
			groups++;
		}
	}
	if (groups)
		tok->flags |= CL_TF_GROUPED;
	tok->num = (int32_t)v;
	if (!groups) {
		size_t s;
		if ((s = ordinal_suffix(t, i)) != 0) {
			tok->flags |= CL_TF_ORDINAL;
			i += s;
		} else if ((s = decade_suffix(t, i)) != 0 && v >= 0 && v % 10 == 0) {
			tok->flags |= CL_TF_DECADE;
			i += s;
		}
	}
	return i;
}

static size_t scan_word(const cl_text *t, size_t i, cl_token *tok, bool *possessive)
{
	uint32_t cp;
	size_t n = decode(t, i, &cp);
	bool upper_all = true;
	if (cl_is_upper(cp))
		tok->flags |= CL_TF_CAP;
	*possessive = false;
	for (;;) {
		n = decode(t, i, &cp);
		if (cl_is_letter(cp)) {
			if (!cl_is_upper(cp))
				upper_all = false;
			i += n;
			continue;
		}
		if (is_apostrophe(cp) && letter_at(t, i + n)) {
			/* 's ending the word is a possessive; other apostrophes join (O'Brien, don't) */
			if ((t->prose[i + n] == 's' || t->prose[i + n] == 'S') && !letter_at(t, i + n + 1)) {
				*possessive = true;
				break;
			}
			i += n;
			continue;
		}
		break;
	}
	if (upper_all && (tok->flags & CL_TF_CAP))
		tok->flags |= CL_TF_ALLCAPS;
	return i;
}

static bool terminal(const cl_token *tok)
{
	return tok->type == CL_TOK_PUNCT && (tok->cp == '.' || tok->cp == '!' || tok->cp == '?' ||
					       tok->cp == 0x2026);
}

static bool closing(const cl_token *tok)
{
	return tok->type == CL_TOK_PUNCT && (tok->cp == '"' || tok->cp == 0x201D || tok->cp == 0x2019 ||
					       tok->cp == '\'' || tok->cp == ')' || tok->cp == ']' || tok->cp == '*');
}

/* Does the line holding token i end without closing punctuation and stay short:
 * a title, a heading or a dated entry rather than wrapped prose? */
static bool short_title_line(const cl_tokens *out, size_t last)
{
	const cl_token *tok = &out->tokens.items[last];
	size_t first = last;
	while (first > 0 && !(out->tokens.items[first].flags & CL_TF_LINESTART))
		first--;
	if (tok->type == CL_TOK_PUNCT && (tok->cp == ',' || tok->cp == ';' || tok->cp == '-'))
		return false;
	if (tok->type == CL_TOK_PUNCT && tok->cp == ':')
		return true;
	return tok->off + tok->len - out->tokens.items[first].off <= 60;
}

static bool list_marker(const cl_tokens *out, size_t i)
{
	const cl_token *tok = &out->tokens.items[i];
	if (!(tok->flags & CL_TF_LINESTART))
		return false;
	if (tok->type == CL_TOK_PUNCT && (tok->cp == '-' || tok->cp == '*' || tok->cp == 0x2022 || tok->cp == '#'))
		return true;
	return tok->type == CL_TOK_NUMBER && i + 1 < out->tokens.len &&
	       (out->tokens.items[i + 1].cp == '.' || out->tokens.items[i + 1].cp == ')') &&
	       tok->digits <= 2;
}

static bool no_break_before_dot(const cl_tokens *out, size_t dot)
{
	const cl_token *w;
	if (dot == 0)
		return false;
	w = &out->tokens.items[dot - 1];
	if (w->type != CL_TOK_WORD)
		return false;
	if (cl_is_abbreviation(out->text->prose + w->off, w->len))
		return true;
	/* an initial: J. V. Stalin, U.S. */
	return w->len == 1 && (w->flags & CL_TF_CAP);
}

static int split_sentences(cl_tokens *out)
{
	size_t i, begin = 0, n = out->tokens.len;
	cl_token *tk = out->tokens.items;
	for (i = 0; i < n; i++) {
		bool brk = false;
		size_t end = i + 1; /* the sentence ends before token `end` */
		if (i + 1 < n && (tk[i + 1].flags & CL_TF_PARAGRAPH)) {
			brk = true;
		} else if (terminal(&tk[i])) {
			while (end < n && closing(&tk[end]) && !(tk[end].flags & (CL_TF_SPACE | CL_TF_NEWLINE)))
				end++;
			while (end < n && terminal(&tk[end]) && !(tk[end].flags & CL_TF_SPACE))
				end++;
			if (end >= n) {
				brk = true;
				i = end - 1;
			} else if (tk[end].flags & (CL_TF_SPACE | CL_TF_NEWLINE)) {
				const cl_token *next = &tk[end];
				bool starts = (next->type == CL_TOK_WORD && (next->flags & CL_TF_CAP)) ||
					      next->type == CL_TOK_NUMBER ||
					      (next->type == CL_TOK_PUNCT && next->cp != ',' && next->cp != ';' &&
					       next->cp != ')');
				if (starts && !(tk[i].cp == '.' && no_break_before_dot(out, i)))
					brk = true;
				else if (tk[i].cp == '.' && (next->flags & CL_TF_NEWLINE) && starts)
					brk = true;
				if (brk)
					i = end - 1;
			}
		} else if (i + 1 < n && (tk[i + 1].flags & CL_TF_NEWLINE) &&
			   (short_title_line(out, i) || list_marker(out, i + 1))) {
			brk = true;
		}
		if (brk || i + 1 == n) {
			cl_sentence s = { begin, i + 1 };
			size_t k;
			for (k = begin; k <= i; k++)
				tk[k].sentence = (uint32_t)out->sentences.len;
			if (CL_ARRAY_PUSH(out->sentences, s))
				return CL_ERR_NOMEM;
			begin = i + 1;
		}
	}
	return CL_OK;
}

/* Which tokens stand inside a quotation: an odd number of straight quotes, or
 * more opening curly quotes than closing ones, before them. Quotations may
 * span sentences, not paragraphs; the first token of a paragraph still
 * counts the one before, as a look back to the paragraph's start would. One
 * pass, so that a paragraph of a million tokens costs no more than many. */
static void mark_quoted(cl_tokens *t)
{
	size_t i;
	int straight = 0, open = 0;
	for (i = 0; i < t->tokens.len; i++) {
		cl_token *k = &t->tokens.items[i];
		if (open > 0 || (straight & 1))
			k->flags |= CL_TF_QUOTED;
		if (k->flags & CL_TF_PARAGRAPH)
			straight = open = 0;
		if (k->type == CL_TOK_PUNCT) {
			if (k->cp == '"')
				straight++;
			else if (k->cp == 0x201C)
				open++;
			else if (k->cp == 0x201D)
				open--;
		}
	}
}

int cl_tokenize(cl_tokens *out, const cl_text *t)
{
	size_t i = 0;
	uint16_t pending = CL_TF_LINESTART;
	int newlines = 0;
	memset(out, 0, sizeof(*out));
	out->text = t;
	while (i < t->len) {
		uint32_t cp;
		size_t n = decode(t, i, &cp);
		cl_token tok;
		if (cp == ' ' || cp == '\n' || cp == '\r') {
			if (cp == '\n' || (cp == '\r' && (i + 1 >= t->len || t->prose[i + 1] != '\n'))) {
				newlines++;
				pending |= CL_TF_NEWLINE | CL_TF_LINESTART;
				if (newlines >= 2)
					pending |= CL_TF_PARAGRAPH;
			}
			pending |= CL_TF_SPACE;
			i += n;
			continue;
		}
		memset(&tok, 0, sizeof(tok));
		tok.off = i;
		tok.flags = pending;
		if (cp >= '0' && cp <= '9') {
			tok.type = CL_TOK_NUMBER;
			i = scan_number(t, i, &tok);
		} else if (cl_is_letter(cp)) {
			bool possessive;
			tok.type = CL_TOK_WORD;
			i = scan_word(t, i, &tok, &possessive);
			if (possessive) {
				uint32_t ap;
				tok.flags |= CL_TF_POSSESSIVE;
				tok.len = (uint32_t)(i - tok.off);
				if (push(out, &tok))
					return CL_ERR_NOMEM;
				i += decode(t, i, &ap) + 1; /* the 's */
				pending = 0;
				newlines = 0;
				continue;
			}
		} else {
			tok.type = CL_TOK_PUNCT;
			tok.cp = cp;
			i += n;
		}
		tok.len = (uint32_t)(i - tok.off);
		if (push(out, &tok))
			return CL_ERR_NOMEM;
		pending = 0;
		newlines = 0;
	}
	mark_quoted(out);
	return split_sentences(out);
}

void cl_tokens_free(cl_tokens *t)
{
	free(t->tokens.items);
	free(t->sentences.items);
	memset(t, 0, sizeof(*t));
}

bool cl_tok_punct(const cl_tokens *t, size_t i, uint32_t cp)
{
	return i < t->tokens.len && t->tokens.items[i].type == CL_TOK_PUNCT && t->tokens.items[i].cp == cp;
}

bool cl_tok_dash(const cl_tokens *t, size_t i)
{
	return cl_tok_punct(t, i, '-') || cl_tok_punct(t, i, 0x2013) || cl_tok_punct(t, i, 0x2014) ||
	       cl_tok_punct(t, i, 0x2012) || cl_tok_punct(t, i, 0x2212);
}

bool cl_tok_adjacent(const cl_tokens *t, size_t i)
{
	return i < t->tokens.len && !(t->tokens.items[i].flags & CL_TF_SPACE);
}

const char *cl_tok_text(const cl_tokens *t, size_t i)
{
	return t->text->prose + t->tokens.items[i].off;
}
