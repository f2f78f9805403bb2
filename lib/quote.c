/* quote.c - where a quotation is in a page's text.
 *
 * Both sides are read as words: letters and digits, case folded, Latin
 * diacritics dropped, an apostrophe or a soft hyphen inside a word ignored.
 * Everything else - white space, punctuation, typographic quotes, dashes -
 * only separates words, so punctuation differences cost nothing. In the
 * quotation an ellipsis ("...", "…", "[...]") stands for up to GAP_ELLIPSIS
 * words of the page and a bracketed insertion ("[the Party]") for up to its
 * own words and BRACKET_EXTRA more; in the page, footnote marks ("[12]",
 * "[citation needed]") are not words.
 *
 * The page is read once, hashing its words. The quotation's rarest words
 * vote for where it starts (a page word's index minus the quotation word's
 * index); the best few places are aligned with the quotation word by word
 * (an edit distance free at both ends of the page, gaps free), and the best
 * alignment is the closest passage. So the work grows with the page plus
 * the quotation times a few windows, never with their product.
 *
 * Whether the passage is the quotation (see judge()): a quotation is
 * verbatim, so a word replaced by another is a misquotation at any length,
 * while a typo is not (one character in a word of 4+ letters, two in one of
 * 8+, two neighbours swapped in one of 3: "teh"); numbers and negations must
 * be exact ("1955" is not "1956", "never" not "ever"). A long quotation may
 * drop or add one small function word ("the", "of") per 25 words, a slip of
 * transcription rather than of meaning, and "can not" is "cannot". On top,
 * at least 90% word similarity (1 - cost / words, a typo costing its share
 * of the word) and 90% of the characters matching. Quotations shorter than
 * 3 words must match exactly. A passage that is not the quotation is shown
 * whole: widened by a page word for each quotation word missing at either
 * end, and to its clause when that ends within CLAUSE_REACH words.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define GAP_ELLIPSIS 300   /* page words an ellipsis may stand for */
#define BRACKET_EXTRA 4    /* page words a bracketed insertion may replace, beyond its own */
#define QUOTE_MAX_WORDS 1000 /* longer: not looked for (CL_ERR_LIMIT) */
#define GAP_WINDOW 3000     /* page words the gaps of a quotation may add to its window */
#define CANDIDATES 8
#define CLAUSE_REACH 3     /* words a passage not found is widened by, to its clause */
#define VOTE_BUDGET 50000  /* votes wanted; the rarest word votes whatever its count */
#define VOTE_MAX 1000000   /* a page of one word repeated: the first places only */
#define MIN_WORDS 3
#define SIM_THRESHOLD 0.9
#define CHAR_THRESHOLD 0.9

/* Costs, in thousandths of a word. */
#define COST_WORD 1000
#define COST_FUNCTION 900  /* a function word added or dropped: preferred to another word */
#define COST_MERGE 100     /* "cannot" for "can not", "to-day" for "today" */

enum { W_DIGIT = 1, W_NEGATION = 2, W_FUNCTION = 4 };

typedef struct {
	size_t off, end;   /* bytes in the text as given */
	uint64_t hash;
	uint32_t pool;     /* its folded code points, when kept */
	uint16_t chars;    /* how many (at most 0xFFFF counted) */
	uint16_t gap;      /* quotation: a gap standing for up to this many page words */
	uint32_t mask;     /* which letters (hashed to 32 bits) */
	uint8_t flags;
} q_word;

typedef CL_ARRAY(q_word) q_words;
typedef CL_ARRAY(uint32_t) cp_pool;

/* ---- reading words ---------------------------------------------------------- */

/* Latin-1 letters U+00C0..U+00FF and Latin Extended-A U+0100..U+017F
 * without their marks; '*' letters fold to two ("ae", "ss"), ' ' is no letter. */
static const char latin1_base[] = "aaaaaa*ceeeeiiiidnooooo ouuuuy**aaaaaa*ceeeeiiiidnooooo ouuuuy*y";
static const char latin_a_base[] =
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllll"
	"nnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

_Static_assert(sizeof(latin1_base) == 65, "one entry per letter U+00C0..U+00FF");
_Static_assert(sizeof(latin_a_base) == 129, "one entry per letter U+0100..U+017F");

/* How a character counts in a word: its folded form (1 or 2 code points in
 * out, returned), -1 when it is ignored (soft hyphen, zero-width, combining
 * mark), 0 when it separates words. */
static int fold_char(uint32_t cp, uint32_t out[2])
{
	const char *two = NULL;
	char base = 0;
	if (cp < 0x80) {
		if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
			out[0] = cp | 0x20;
		else if (cp >= '0' && cp <= '9')
			out[0] = cp;
		else
			return 0;
		return 1;
	}
	if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF ||
	    (cp >= 0x300 && cp <= 0x36F))
		return -1;
	if (cp >= 0xC0 && cp <= 0xFF) {
		base = latin1_base[cp - 0xC0];
		if (base == '*')
			two = (cp & 0x1F) == 0x06 ? "ae" : (cp & 0x1F) == 0x1E ? "th" : "ss";
	} else if (cp >= 0x100 && cp <= 0x17F) {
		base = latin_a_base[cp - 0x100];
		if (base == '*')
			two = cp < 0x140 ? "ij" : "oe";
	}
	if (two) {
		out[0] = (uint32_t)two[0];
		out[1] = (uint32_t)two[1];
		return 2;
	}
	if (base)
		return base == ' ' ? 0 : (out[0] = (uint32_t)base, 1);
	if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F))
		cp += 0x20;
	else if (cp >= 0x400 && cp <= 0x40F)
		cp += 0x50;
	else if (cp == 0x3C2)
		cp = 0x3C3; /* final sigma */
	if (!cl_is_letter(cp))
		return 0;
	out[0] = cp;
	return 1;
}

static bool is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x2BC || cp == 0x2032 || cp == '`';
}

/* A code point at s[p], invalid bytes as U+FFFD (a separator). */
static size_t decode_at(const char *s, size_t len, size_t p, uint32_t *cp)
{
	size_t n;
	if ((unsigned char)s[p] < 0x80) {
		*cp = (unsigned char)s[p];
		return 1;
	}
	n = cl_utf8_decode((const unsigned char *)s + p, len - p, cp);
	if (n == 0) {
		*cp = 0xFFFD;
		n = 1;
	}
	return n;
}

static bool word_char_at(const char *s, size_t len, size_t p)
{
	uint32_t cp, f[2];
	return p < len && (decode_at(s, len, p, &cp), fold_char(cp, f) > 0);
}

/* "...", ". . ." or "…" at p: its length, else 0. */
static size_t ellipsis_len(const char *s, size_t len, size_t p)
{
	size_t q = p, dots = 0;
	if (len - p >= 3 && memcmp(s + p, "\xE2\x80\xA6", 3) == 0)
		return 3;
	while (q < len) {
		if (s[q] == '.')
			dots++, q++;
		else if (s[q] == ' ' && dots && q + 1 < len && s[q + 1] == '.')
			q++;
		else
			break;
	}
	return dots >= 3 ? q - p : 0;
}

/* The ']' closing a bracket at p (none inside, on one line), or 0. */
static size_t bracket_close(const char *s, size_t len, size_t p, size_t max)
{
	size_t q;
	for (q = p + 1; q < len && q - p <= max; q++) {
		if (s[q] == ']')
			return q;
		if (s[q] == '[' || s[q] == '\n')
			return 0;
	}
	return 0;
}

static bool only_ellipsis(const char *s, size_t from, size_t to)
{
	bool any = false;
	while (from < to) {
		size_t k = ellipsis_len(s, to, from);
		if (k)
			any = true, from += k;
		else if (s[from] == ' ')
			from++;
		else
			return false;
	}
	return any;
}

/* A footnote mark in a page: "[12]", "[a]", "[note 3]", "[citation needed]". */
static bool footnote(const char *s, size_t from, size_t to)
{
	static const char *const words[] = { "note", "nb", "citation", "clarification", "edit",
		"sic", "who", "when", "dubious", "better source" };
	size_t i, n = to - from;
	bool digits = n > 0;
	if (n == 0 || n > 24)
		return false;
	for (i = from; i < to; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '?'))
			return false;
		if (c < '0' || c > '9')
			digits = false;
	}
	if (digits || n == 1)
		return true;
	for (i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (n >= strlen(words[i]) && memcmp(s + from, words[i], strlen(words[i])) == 0)
			return true;
	return false;
}

typedef struct {
	const char *s;
	size_t len, p;
	bool quote;            /* the quotation: ellipses and brackets are marks */
	size_t attached_close; /* the ']' of a bracket inside a word ("[T]he"), skipped */
	cp_pool *pool;         /* where folded words go, or NULL */
	int rc;
} scanner;

static inline void put_char(scanner *sc, q_word *w, uint32_t c)
{
	w->hash = (w->hash ^ c) * 0x100000001B3ull;
	w->mask |= 1u << (c & 31);
	if (c >= '0' && c <= '9')
		w->flags |= W_DIGIT;
	if (w->chars < 0xFFFF)
		w->chars++;
	if (sc->pool && sc->rc == CL_OK && CL_ARRAY_PUSH(*sc->pool, c))
		sc->rc = CL_ERR_NOMEM;
}

static bool scan_next(scanner *sc, q_word *w);

/* A mark before a word, at sc->p: an ellipsis or bracket in the quotation
 * (sets w->gap), a footnote in the page. Returns true when one was read. */
static bool scan_mark(scanner *sc, q_word *w)
{
	const char *s = sc->s;
	size_t p = sc->p, k, close;
	if (sc->quote && (k = ellipsis_len(s, sc->len, p)) > 0) {
		sc->p = p + k;
		w->gap = GAP_ELLIPSIS;
		return true;
	}
	if (s[p] != '[' || !(close = bracket_close(s, sc->len, p, sc->quote ? 400 : 25)))
		return false;
	if (!sc->quote) {
		if (!footnote(s, p + 1, close))
			return false;
		sc->p = close + 1;
		return true;
	}
	if (only_ellipsis(s, p + 1, close)) {
		w->gap = GAP_ELLIPSIS;
	} else {
		scanner inside = { s, close, p + 1, false, SIZE_MAX, NULL, CL_OK };
		q_word x;
		for (k = BRACKET_EXTRA; k < GAP_ELLIPSIS && scan_next(&inside, &x); k++)
			;
		w->gap = (uint16_t)k;
	}
	sc->p = close + 1;
	return true;
}

/* The next word or gap of the text; false at the end. */
static bool scan_next(scanner *sc, q_word *w)
{
	const char *s = sc->s;
	bool in = false;
	memset(w, 0, sizeof(*w));
	w->hash = 0xCBF29CE484222325ull;
	w->pool = sc->pool ? (uint32_t)sc->pool->len : 0;
	while (sc->p < sc->len) {
		uint32_t cp, f[2];
		unsigned char b = (unsigned char)s[sc->p];
		size_t at = sc->p, n, close;
		int k;
		/* the common case first: an ASCII letter or digit, or a plain separator */
		if (((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || (b >= '0' && b <= '9')) {
			w->off = in ? w->off : at;
			in = true;
			w->end = ++sc->p;
			put_char(sc, w, b >= 'A' ? b | 0x20u : b);
			continue;
		}
		if (b < 0x80 && !strchr("[].'`", b) && at != sc->attached_close) {
			if (in)
				return true;
			sc->p++;
			continue;
		}
		n = decode_at(s, sc->len, at, &cp);
		if (at == sc->attached_close) {
			sc->attached_close = SIZE_MAX;
			sc->p += n;
			continue;
		}
		if (sc->quote && cp == '[' && (close = bracket_close(s, sc->len, at, 400)) &&
		    !only_ellipsis(s, at + 1, close) && (in || word_char_at(s, sc->len, close + 1))) {
			/* "[T]he", "Stalin['s]": only the brackets go */
			sc->attached_close = close;
			sc->p += n;
			continue;
		}
		if (!in && scan_mark(sc, w)) {
			if (w->gap)
				return true;
			continue;
		}
		k = fold_char(cp, f);
		if (k == 0 && in && is_apostrophe(cp) && word_char_at(s, sc->len, at + n))
			k = -1;
		if (k == 0) {
			if (in)
				return true;
			sc->p += n;
			continue;
		}
		sc->p += n;
		if (k < 0)
			continue;
		if (!in)
			w->off = at;
		in = true;
		w->end = sc->p;
		put_char(sc, w, f[0]);
		if (k == 2)
			put_char(sc, w, f[1]);
	}
	return in;
}

static bool folded_in(const uint32_t *cps, size_t n, const char *const *list, size_t count)
{
	char word[12];
	size_t i;
	for (i = 0; i < n && n < sizeof(word); i++)
		word[i] = cps[i] < 0x80 ? (char)cps[i] : '?';
	if (n >= sizeof(word))
		return false;
	word[n] = '\0';
	for (i = 0; i < count; i++)
		if (strcmp(word, list[i]) == 0)
			return true;
	return false;
}

static const char *const negations[] = {
	"not", "no", "never", "nor", "neither", "none", "nothing", "nobody", "nowhere", "cannot",
	"cant", "dont", "didnt", "doesnt", "wont", "wouldnt", "isnt", "wasnt", "arent", "werent",
	"hasnt", "havent", "hadnt", "shouldnt", "couldnt", "mustnt", "without", "nt"
};
static const char *const function_words[] = {
	"a", "an", "the", "of", "and", "to", "in", "on", "at", "for", "by", "with", "as", "from",
	"that", "then", "also", "so", "just", "very", "even"
};

#define COUNT(list) (sizeof(list) / sizeof(*(list)))

static void classify(q_word *w, const uint32_t *cps)
{
	if (folded_in(cps, w->chars, negations, COUNT(negations)))
		w->flags |= W_NEGATION;
	if (folded_in(cps, w->chars, function_words, COUNT(function_words)))
		w->flags |= W_FUNCTION;
}

/* Reads the words (and, in a quotation, gaps) of s[from..to) with their
 * code points in pool. */
static int read_words(q_words *out, cp_pool *pool, const char *s, size_t from, size_t to, bool quote)
{
	scanner sc = { s, to, from, quote, SIZE_MAX, pool, CL_OK };
	q_word w;
	while (scan_next(&sc, &w) && sc.rc == CL_OK) {
		if (!w.gap)
			classify(&w, pool->items + w.pool);
		if (CL_ARRAY_PUSH(*out, w))
			return CL_ERR_NOMEM;
	}
	return sc.rc;
}

/* ---- comparing words ----------------------------------------------------------- */

typedef struct {
	const q_word *q, *w;      /* quotation tokens, window words */
	size_t k, n;
	const uint32_t *qcp, *wcp; /* their code points */
} align_in;

static bool same_word(const q_word *a, const uint32_t *acp, const q_word *b, const uint32_t *bcp)
{
	return a->hash == b->hash && a->chars == b->chars &&
	       memcmp(acp + a->pool, bcp + b->pool, a->chars * sizeof(*acp)) == 0;
}

/* Optimal string alignment distance of two short words, or limit + 1 when
 * it is more than limit. */
static unsigned typo_distance(const uint32_t *a, size_t la, const uint32_t *b, size_t lb, unsigned limit)
{
	unsigned rows[3][66], *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	size_t i, j;
	for (j = 0; j <= lb; j++)
		prev[j] = (unsigned)j;
	for (i = 1; i <= la; i++) {
		unsigned best = cur[0] = (unsigned)i, *t;
		for (j = 1; j <= lb; j++) {
			unsigned v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
		t = prev2, prev2 = prev, prev = cur, cur = t;
	}
	return prev[lb];
}

/* The characters a quotation word and a page word differ by when that is a
 * typo, else -1. */
static int typo(const align_in *in, const q_word *q, const q_word *w)
{
	size_t a = q->chars < w->chars ? q->chars : w->chars, b = q->chars + w->chars - a;
	unsigned limit = a >= 8 ? 2 : 1, d;
	const uint32_t *x = in->qcp + q->pool, *y = in->wcp + w->pool;
	if (a < 3 || b > 64 || b - a > limit || ((q->flags | w->flags) & (W_DIGIT | W_NEGATION)) ||
	    __builtin_popcount(q->mask ^ w->mask) > (int)(2 * limit))
		return -1;
	if (a == 3) /* "teh" for "the": two neighbours swapped, nothing else */
		return b == 3 && ((x[0] == y[1] && x[1] == y[0] && x[2] == y[2]) ||
				  (x[0] == y[0] && x[1] == y[2] && x[2] == y[1])) ? 1 : -1;
	d = typo_distance(x, q->chars, y, w->chars, limit);
	return d <= limit ? (int)d : -1;
}

static int sub_cost(const align_in *in, const q_word *q, const q_word *w)
{
	int d;
	if (same_word(q, in->qcp, w, in->wcp))
		return 0;
	d = typo(in, q, w);
	return d < 0 ? COST_WORD : d * COST_WORD / (q->chars > w->chars ? q->chars : w->chars);
}

static int indel_cost(const q_word *w)
{
	return w->flags & W_FUNCTION ? COST_FUNCTION : COST_WORD;
}

/* Is the word one written as two ("cannot" as "can not")? */
static bool merges(const q_word *one, const uint32_t *onecp, const q_word *a, const q_word *b,
		   const uint32_t *twocp)
{
	return one->chars == a->chars + b->chars && a->chars && b->chars &&
	       memcmp(onecp + one->pool, twocp + a->pool, a->chars * sizeof(*onecp)) == 0 &&
	       memcmp(onecp + one->pool + a->chars, twocp + b->pool, b->chars * sizeof(*onecp)) == 0;
}

/* ---- aligning a window -------------------------------------------------------- */

enum { OP_START, OP_SUB, OP_DEL, OP_INS, OP_MERGE_PAGE, OP_MERGE_QUOTE, OP_GAP };

typedef struct {
	int cost;
	size_t from, to;          /* window words of the passage [from, to), then bytes */
	size_t lead, trail;       /* quotation words missing before and after it */
	size_t wide_from, wide_to; /* bytes: the passage with as many page words around */
	size_t words, chars;      /* the quotation's */
	size_t typo_chars, hard_chars;
	size_t replaced, added, function_indels;
} alignment;

/* A word of the quotation missing from the page, or one the page adds. */
static void count_indel(alignment *a, const q_word *w)
{
	a->hard_chars += w->chars;
	if (w->flags & W_FUNCTION)
		a->function_indels++;
	else
		a->added++;
}

/* Aligns the quotation with a window of the page: the quotation whole, the
 * window from any word to any word (an edit distance free at both ends of
 * the page). Fills *a from the cheapest alignment. */
static int align_window(const align_in *in, alignment *a)
{
	size_t n = in->n, k = in->k, r, c, cols = n + 1, gaps = 0, g, dels;
	bool matched;
	int *rows = malloc(3 * cols * sizeof(int)), *pp, *prev, *cur, best;
	uint8_t *ops = malloc((k + 1) * cols);
	uint32_t *from = NULL, *deque = malloc(cols * sizeof(uint32_t));
	for (r = 0; r < k; r++)
		gaps += in->q[r].gap != 0;
	if (gaps)
		from = malloc(gaps * cols * sizeof(uint32_t));
	if (!rows || !ops || !deque || (gaps && !from)) {
		free(rows), free(ops), free(from), free(deque);
		return CL_ERR_NOMEM;
	}
	pp = rows, prev = rows + cols, cur = rows + 2 * cols;
	for (c = 0; c <= n; c++)
		prev[c] = 0, ops[c] = OP_START;
	for (r = 1, g = 0; r <= k; r++) {
		const q_word *q = &in->q[r - 1];
		uint8_t *op = ops + r * cols;
		int *t;
		if (q->gap) {
			/* free: the cheapest of the previous row over the last q->gap columns */
			size_t head = 0, tail = 0;
			for (c = 0; c <= n; c++) {
				while (tail > head && prev[deque[tail - 1]] >= prev[c])
					tail--;
				deque[tail++] = (uint32_t)c;
				while (deque[head] + q->gap < c)
					head++;
				cur[c] = prev[deque[head]];
				from[g * cols + c] = deque[head];
				op[c] = OP_GAP;
			}
			g++;
		} else {
			cur[0] = prev[0] + indel_cost(q);
			op[0] = OP_DEL;
			for (c = 1; c <= n; c++) {
				const q_word *w = &in->w[c - 1];
				int v = prev[c - 1] + sub_cost(in, q, w), o = OP_SUB, x;
				if ((x = prev[c] + indel_cost(q)) < v)
					v = x, o = OP_DEL;
				if ((x = cur[c - 1] + indel_cost(w)) < v)
					v = x, o = OP_INS;
				if (c >= 2 && prev[c - 2] + COST_MERGE < v &&
				    merges(q, in->qcp, &in->w[c - 2], w, in->wcp))
					v = prev[c - 2] + COST_MERGE, o = OP_MERGE_PAGE;
				if (r >= 2 && !q[-1].gap && pp[c - 1] + COST_MERGE < v &&
				    merges(w, in->wcp, &q[-1], q, in->qcp))
					v = pp[c - 1] + COST_MERGE, o = OP_MERGE_QUOTE;
				cur[c] = v;
				op[c] = (uint8_t)o;
			}
		}
		t = pp, pp = prev, prev = cur, cur = t;
	}
	best = prev[0];
	a->to = 0;
	for (c = 1; c <= n; c++)
		if (prev[c] <= best) /* the longer of equal passages */
			best = prev[c], a->to = c;
	a->cost = best;
	/* back from the end, counting what kind of difference each step is */
	for (r = k, c = a->to, g = gaps, dels = 0, matched = false; r > 0;) {
		const q_word *q = &in->q[r - 1];
		int d, o = ops[r * cols + c];
		if (o == OP_DEL) {
			dels++;
		} else if (o != OP_GAP) {
			if (!matched)
				a->trail = dels;
			matched = true;
			dels = 0;
		}
		switch (o) {
		case OP_SUB:
			if ((d = sub_cost(in, q, &in->w[c - 1])) >= COST_WORD)
				a->replaced++, a->hard_chars += q->chars > in->w[c - 1].chars ? q->chars : in->w[c - 1].chars;
			else if (d > 0)
				a->typo_chars += (size_t)typo(in, q, &in->w[c - 1]);
			r--, c--;
			break;
		case OP_DEL:
			count_indel(a, q);
			r--;
			break;
		case OP_INS:
			count_indel(a, &in->w[c - 1]);
			c--;
			break;
		case OP_MERGE_PAGE:
			r--, c -= 2;
			break;
		case OP_MERGE_QUOTE:
			r -= 2, c--;
			break;
		default: /* OP_GAP */
			c = from[--g * cols + c];
			r--;
			break;
		}
	}
	a->from = c < a->to ? c : a->to;
	a->lead = matched ? dels : 0;
	free(rows), free(ops), free(from), free(deque);
	return CL_OK;
}

static double word_similarity(const alignment *a)
{
	double s = 1.0 - (double)a->cost / ((double)COST_WORD * (double)a->words);
	return s < 0 ? 0 : s;
}

/* Is the passage the quotation? (the policy is in the header comment) */
static bool judge(const alignment *a)
{
	double chars;
	if (a->words < MIN_WORDS)
		return a->cost == 0;
	chars = a->chars ? 1.0 - (double)(a->typo_chars + a->hard_chars) / (double)a->chars : 0;
	return a->replaced == 0 && a->added == 0 && a->function_indels <= a->words / 25 &&
	       word_similarity(a) >= SIM_THRESHOLD && chars >= CHAR_THRESHOLD;
}

/* ---- finding candidate passages -------------------------------------------- */

typedef struct {
	size_t off, end;
	uint64_t hash;
} page_word;

typedef CL_ARRAY(page_word) page_words;

typedef struct {
	long diag;       /* page word index - quotation word index */
	uint32_t qword;  /* which quotation word voted */
} vote;

typedef struct {
	long diag;
	size_t score;
} candidate;

/* The quotation's distinct words, by hash (open addressing). */
typedef struct {
	uint64_t *hash;
	size_t *count;   /* occurrences in the page */
	size_t mask;
} word_table;

static size_t table_slot(const word_table *t, uint64_t hash)
{
	size_t i = (size_t)(hash ^ (hash >> 29)) & t->mask;
	while (t->hash[i] && t->hash[i] != hash)
		i = (i + 1) & t->mask;
	return i;
}

static long table_find(const word_table *t, uint64_t hash)
{
	size_t i = table_slot(t, hash);
	return t->hash[i] ? (long)i : -1;
}

static void table_add(word_table *t, uint64_t hash)
{
	t->hash[table_slot(t, hash)] = hash;
}

static int cmp_vote(const void *a, const void *b)
{
	const vote *x = a, *y = b;
	return x->diag < y->diag ? -1 : x->diag > y->diag ? 1 : (x->qword > y->qword) - (x->qword < y->qword);
}

/* The quotation word indexes in order of rarity in the page. */
typedef struct {
	size_t index, count;
} rarity;

static int cmp_rarity(const void *a, const void *b)
{
	const rarity *x = a, *y = b;
	return (x->count > y->count) - (x->count < y->count);
}

static void keep_candidate(candidate *cands, size_t *ncand, long diag, size_t score, long apart)
{
	size_t i, worst = 0;
	for (i = 0; i < *ncand; i++) {
		if (labs(cands[i].diag - diag) < apart) {
			if (score > cands[i].score)
				cands[i].diag = diag, cands[i].score = score;
			return;
		}
		if (cands[i].score < cands[worst].score)
			worst = i;
	}
	if (*ncand < CANDIDATES)
		cands[(*ncand)++] = (candidate){ diag, score };
	else if (score > cands[worst].score)
		cands[worst] = (candidate){ diag, score };
}

/* Where the quotation may start: the diagonals most of its rarer words vote for. */
static int find_candidates(candidate *cands, size_t *ncand, const page_word *pw, size_t npw,
			   const q_words *qt, const word_table *tab, size_t words)
{
	CL_ARRAY(vote) votes = { 0 };
	size_t slots = tab->mask + 1, i, j, budget = 0, lo, distinct = 0, tol = 2 + words / 10;
	rarity *order = malloc(words * sizeof(*order));
	size_t *seen = calloc(words, sizeof(*seen));
	/* the quotation positions of each chosen word, as lists in `next` */
	long *head = malloc(slots * sizeof(*head)), *next = malloc(words * sizeof(*next));
	int rc = CL_OK;
	*ncand = 0;
	if (!order || !seen || !head || !next) {
		rc = CL_ERR_NOMEM;
		goto done;
	}
	for (i = 0, j = 0; i < qt->len; i++) {
		if (qt->items[i].gap)
			continue;
		order[j].index = (size_t)table_find(tab, qt->items[i].hash);
		order[j].count = tab->count[order[j].index];
		next[j++] = -1;
	}
	for (i = 0; i < slots; i++)
		head[i] = -2; /* not chosen */
	qsort(order, words, sizeof(*order), cmp_rarity);
	for (i = 0; i < words; i++) {
		if (!order[i].count || (budget && budget + order[i].count > VOTE_BUDGET))
			continue;
		budget += order[i].count;
		head[order[i].index] = -1;
	}
	for (i = qt->len, j = words; i-- > 0;) {
		long slot;
		if (qt->items[i].gap)
			continue;
		slot = table_find(tab, qt->items[i].hash);
		j--;
		if (head[slot] != -2)
			next[j] = head[slot], head[slot] = (long)j;
	}
	for (i = 0; i < npw && rc == CL_OK && votes.len < VOTE_MAX; i++) {
		long slot = table_find(tab, pw[i].hash), q;
		for (q = slot < 0 ? -1 : head[slot]; q >= 0 && rc == CL_OK; q = next[q])
			if (CL_ARRAY_PUSH(votes, ((vote){ (long)i - q, (uint32_t)q })))
				rc = CL_ERR_NOMEM;
	}
	if (rc != CL_OK || votes.len == 0)
		goto done;
	qsort(votes.items, votes.len, sizeof(*votes.items), cmp_vote);
	/* slide a window of diagonals [d, d + tol], counting distinct quotation words */
	for (i = 0, lo = 0; i < votes.len; i++) {
		if (seen[votes.items[i].qword]++ == 0)
			distinct++;
		while (votes.items[i].diag - votes.items[lo].diag > (long)tol)
			if (--seen[votes.items[lo++].qword] == 0)
				distinct--;
		keep_candidate(cands, ncand, votes.items[lo].diag, distinct, (long)(words / 2 + tol + 1));
	}
done:
	free(votes.items), free(order), free(seen), free(head), free(next);
	return rc;
}

/* ---- the whole search ---------------------------------------------------------- */

static int read_page(page_words *pw, word_table *tab, const char *text, size_t len)
{
	scanner sc = { text, len, 0, false, SIZE_MAX, NULL, CL_OK };
	q_word w;
	while (scan_next(&sc, &w)) {
		long slot = table_find(tab, w.hash);
		if (slot >= 0)
			tab->count[slot]++;
		if (CL_ARRAY_PUSH(*pw, ((page_word){ w.off, w.end, w.hash })))
			return CL_ERR_NOMEM;
	}
	return CL_OK;
}

/* Is there a clause boundary in text[from, to) (between two words)? */
static bool clause_break(const char *text, size_t from, size_t to)
{
	for (; from < to; from++)
		if (strchr(".,;:!?\n", text[from]) && text[from] != '\0')
			return true;
	return false;
}

/* Widens a passage that is not the quotation to the clause it is in, when
 * the clause ends within CLAUSE_REACH words: "The harvest of 1939 ... western
 * provinces", not "of 1939 ... western". */
static void widen_to_clause(const q_words *win, const char *text, size_t *wf, size_t *wt)
{
	size_t i;
	for (i = *wf; i > 0 && *wf - i < CLAUSE_REACH; i--)
		if (clause_break(text, win->items[i - 1].end, win->items[i].off))
			break;
	if (i == 0 || clause_break(text, win->items[i - 1].end, win->items[i].off))
		*wf = i;
	for (i = *wt; i < win->len && i - *wt < CLAUSE_REACH; i++)
		if (clause_break(text, win->items[i - 1].end, win->items[i].off))
			break;
	if (i == win->len || clause_break(text, win->items[i - 1].end, win->items[i].off))
		*wt = i;
}

/* Aligns the quotation with the window around one candidate. */
static int try_candidate(alignment *a, const candidate *cand, const page_word *pw, size_t npw,
			 const q_words *qt, const cp_pool *qpool, const char *text, size_t words, size_t gap_total)
{
	q_words win = { 0 };
	cp_pool wpool = { 0 };
	size_t slack = 4 + words / 4 + (gap_total < GAP_WINDOW ? gap_total : GAP_WINDOW), first, last;
	long start = cand->diag - (long)slack;
	align_in in;
	int rc = CL_OK;
	first = start < 0 ? 0 : (size_t)start;
	last = (size_t)(cand->diag < 0 ? 0 : cand->diag) + words + slack;
	if (last > npw)
		last = npw;
	/* read again from a word's start, the words are the same */
	if (first < last)
		rc = read_words(&win, &wpool, text, pw[first].off, pw[last - 1].end, false);
	if (rc == CL_OK) {
		in = (align_in){ qt->items, win.items, qt->len, win.len, qpool->items, wpool.items };
		memset(a, 0, sizeof(*a));
		rc = align_window(&in, a);
		if (a->to > a->from && rc == CL_OK) {
			/* not the quotation: shown with a page word for each missing at either end */
			size_t wf = a->from > a->lead ? a->from - a->lead : 0;
			size_t wt = win.len - a->to > a->trail ? a->to + a->trail : win.len;
			widen_to_clause(&win, text, &wf, &wt);
			a->wide_from = win.items[wf].off;
			a->wide_to = win.items[wt - 1].end;
			a->from = win.items[a->from].off;
			a->to = win.items[a->to - 1].end;
		} else {
			a->from = a->to = a->wide_from = a->wide_to = win.len ? win.items[0].off : 0;
		}
	}
	free(win.items), free(wpool.items);
	return rc;
}

/* Fills *m with the passage of the text closest to the quotation (offsets
 * into `text` as given) and whether it is the quotation. Returns CL_OK,
 * CL_ERR_NOMEM, or CL_ERR_LIMIT for a quotation of more than QUOTE_MAX_WORDS
 * words, which is not looked for (*m then says nothing was found). */
int cl_quote_find(cl_quote_match *m, const char *text, size_t text_len, const char *quote, size_t quote_len)
{
	q_words qt = { 0 };
	cp_pool qpool = { 0 };
	page_words pw = { 0 };
	word_table tab = { 0 };
	candidate cands[CANDIDATES];
	size_t ncand = 0, words = 0, chars = 0, gap_total = 0, i, j, size = 16;
	alignment best = { 0 };
	bool have = false, best_found = false;
	int rc;
	memset(m, 0, sizeof(*m));
	rc = read_words(&qt, &qpool, quote, 0, quote_len, true);
	/* gaps at either end stand for nothing; next to each other, they add up */
	for (i = 0, j = 0; rc == CL_OK && i < qt.len; i++) {
		q_word *w = &qt.items[i];
		if (w->gap && (j == 0 || i + 1 == qt.len))
			continue;
		if (w->gap && qt.items[j - 1].gap) {
			size_t sum = (size_t)qt.items[j - 1].gap + w->gap;
			qt.items[j - 1].gap = (uint16_t)(sum < GAP_WINDOW ? sum : GAP_WINDOW);
			continue;
		}
		qt.items[j++] = *w;
	}
	qt.len = rc == CL_OK ? j : 0;
	while (qt.len && qt.items[qt.len - 1].gap)
		qt.len--;
	for (i = 0; i < qt.len; i++) {
		words += !qt.items[i].gap;
		chars += qt.items[i].chars;
		gap_total += qt.items[i].gap;
	}
	if (rc == CL_OK && words > QUOTE_MAX_WORDS)
		rc = CL_ERR_LIMIT;
	if (rc != CL_OK || words == 0)
		goto done;
	while (size < 2 * words)
		size *= 2;
	tab.hash = calloc(size, sizeof(*tab.hash));
	tab.count = calloc(size, sizeof(*tab.count));
	tab.mask = size - 1;
	if (!tab.hash || !tab.count) {
		rc = CL_ERR_NOMEM;
		goto done;
	}
	for (i = 0; i < qt.len; i++)
		if (!qt.items[i].gap)
			table_add(&tab, qt.items[i].hash);
	if ((rc = read_page(&pw, &tab, text, text_len)) != CL_OK ||
	    (rc = find_candidates(cands, &ncand, pw.items, pw.len, &qt, &tab, words)) != CL_OK)
		goto done;
	for (i = 0; i < ncand; i++) {
		alignment a;
		bool found;
		if ((rc = try_candidate(&a, &cands[i], pw.items, pw.len, &qt, &qpool, text, words, gap_total)) != CL_OK)
			goto done;
		a.words = words;
		a.chars = chars;
		found = judge(&a);
		if (!have || (found && !best_found) || (found == best_found && a.cost < best.cost)) {
			best = a;
			best_found = found;
			have = true;
		}
		if (best.cost == 0)
			break;
	}
	if (have) {
		m->found = best_found;
		m->similarity = word_similarity(&best);
		m->off = best_found ? best.from : best.wide_from;
		m->len = best_found ? best.to - best.from : best.wide_to - best.wide_from;
	}
done:
	free(qt.items), free(qpool.items), free(pw.items), free(tab.hash), free(tab.count);
	return rc;
}
