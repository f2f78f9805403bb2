/* check_spelling.c - name-spelling: a capitalised word that is no known name and
 * no dictionary word, one or two edits from a name in the database ("Zukhov",
 * "Einsenhower", "Ribbontrop" -> Zhukov, Eisenhower, Ribbentrop). Transliteration
 * variants are aliases in the database, so they are known names, never findings.
 * Without a word list (see db_words.c) the check stays silent: every ordinary
 * capitalised word would otherwise be a candidate. */
#include <string.h>
#include "internal.h"

static const cl_token *tk(const cl_doc *doc, size_t i)
{
	return &doc->tokens.tokens.items[i];
}

/* Optimal string alignment distance of two short lower-case words, capped at 3. */
static int edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
	int d[34][34];
	size_t i, j;
	if (la > 32 || lb > 32)
		return 3;
	for (i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1], v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb] < 3 ? d[la][lb] : 3;
}

/* The same letters in another order ("Zukhov" for "Zhukov"): one slip of the hand. */
static bool same_letters(const char *a, const char *b, size_t len)
{
	int count[256] = { 0 };
	size_t i;
	for (i = 0; i < len; i++) {
		count[(unsigned char)a[i]]++;
		count[(unsigned char)b[i]]--;
	}
	for (i = 0; i < 256; i++)
		if (count[i])
			return false;
	return true;
}

static size_t changed_letters(const char *a, const char *b, size_t len)
{
	size_t i, n = 0;
	for (i = 0; i < len; i++)
		n += a[i] != b[i];
	return n;
}

/* Edits that look like a slip of the hand rather than another word: a letter
 * dropped, doubled or moved inside the name. A name that is another one plus an
 * ending ("Tambov" and Tambo, "Titov" and Tito, a patronymic "Semyonovna") is a
 * derived name; a letter changed in a short name ("Marek", Maček) or two letters
 * changed ("Schabowski", Sosabowski) is more often another real name. */
static bool looks_like_slip(const char *word, size_t len, const char *target, size_t tlen, int d, bool swapped)
{
	size_t shorter = len < tlen ? len : tlen;
	if (swapped)
		return true;
	/* a longer word that starts with the name: an ending, unless the name's
	 * last letter is doubled ("Rommell") */
	if (len > tlen && strncmp(word, target, shorter) == 0 &&
	    !(len == tlen + 1 && word[len - 1] == target[tlen - 1]))
		return false;
	if (len == tlen && d == 2 && changed_letters(word, target, len) == 2)
		return false;
	if (len == tlen && d == 1 && len <= 7)
		return false;
	return true;
}

/* A transliteration skeleton: the spellings German, French, Library of Congress
 * and English writers give the same Russian name reduce to one form
 * ("Kaganovitch", "Krupskaia", "Malenkow", "Trotzki", "Zinovyev"). */
static void skeleton(char *out, size_t size, const char *in, size_t len)
{
	static const char *const from[] = { "tch", "sch", "tz", "dj", "w", "j", "y" };
	static const char *const to[] = { "ch", "sh", "ts", "dzh", "v", "y", "i" };
	char buf[2][96];
	size_t k, i, o;
	int cur = 0;
	snprintf(buf[0], sizeof(buf[0]), "%.*s", (int)len, in);
	for (k = 0; k < sizeof(from) / sizeof(*from); k++) {
		size_t fl = strlen(from[k]), tl = strlen(to[k]);
		const char *src = buf[cur];
		char *dst = buf[!cur];
		for (i = o = 0; src[i] && o + tl < sizeof(buf[0]);) {
			if (strncmp(src + i, from[k], fl) == 0) {
				memcpy(dst + o, to[k], tl);
				o += tl;
				i += fl;
			} else {
				dst[o++] = src[i++];
			}
		}
		dst[o] = '\0';
		cur = !cur;
	}
	/* "Rokossovskii", "Podgornyi": one final i */
	for (i = o = 0; buf[cur][i] && o + 1 < size; i++)
		if (!(buf[cur][i] == 'i' && buf[cur][i + 1] == 'i'))
			out[o++] = buf[cur][i];
	out[o] = '\0';
}

static bool transliteration_variant(const char *word, size_t len, const char *target, size_t tlen)
{
	char a[96], b[96];
	skeleton(a, sizeof(a), word, len);
	skeleton(b, sizeof(b), target, tlen);
	return strcmp(a, b) == 0;
}

/* Is the word the start of any name the database knows? */
static bool known_name(const cl_doc *doc, const char *lower, size_t len)
{
	size_t n, k;
	const cl_name_entry *const *e = cl_db_names_starting(doc->db, lower, len, &n);
	for (k = 0; k < n; k++)
		if (strncmp(e[k]->words, lower, len) == 0 && (e[k]->words[len] == ' ' || !e[k]->words[len]))
			return true;
	e = cl_db_fact_names_starting(doc->db, lower, len, &n);
	for (k = 0; k < n; k++)
		if (strncmp(e[k]->words, lower, len) == 0 && (e[k]->words[len] == ' ' || !e[k]->words[len]))
			return true;
	return false;
}

/* A word the word list or the database knows, or a plural of one ("Germanys"). */
static bool known_word(const cl_doc *doc, const char *lower, size_t len)
{
	if (cl_db_is_word(doc->db, lower, len))
		return true;
	return lower[len - 1] == 's' && (known_name(doc, lower, len - 1) || cl_db_is_word(doc->db, lower, len - 1));
}

static bool introduced_by_document(const cl_doc *doc, const char *s, size_t len)
{
	char word[40];
	size_t k;
	memcpy(word, s, len);
	word[len] = '\0';
	for (k = 0; k < doc->people.len; k++)
		if (strstr(doc->people.items[k].name, word))
			return true;
	return false;
}

static bool candidate(const cl_doc *doc, size_t i)
{
	const cl_token *t = tk(doc, i);
	const char *s = doc->text.prose + t->off;
	size_t k;
	if (t->type != CL_TOK_WORD || !(t->flags & CL_TF_CAP) || (t->flags & CL_TF_ALLCAPS) || doc->tok_used[i] ||
	    t->len < 5 || t->len > 32)
		return false;
	for (k = 0; k < t->len; k++)
		if ((unsigned char)s[k] >= 0x80 || s[k] == '-' || s[k] == '\'')
			return false;
	if (cl_is_title_word(s, t->len) || cl_month_from_word(s, t->len) || cl_is_function_word(s, t->len))
		return false;
	/* part of a longer name the database does not hold: "Vasilyevsky Island",
	 * "Cheyne-Stokes", "Unter den Linden" */
	if (i + 1 < doc->tokens.tokens.len && cl_tok_dash(&doc->tokens, i + 1) && cl_tok_adjacent(&doc->tokens, i + 1))
		return false;
	if (i + 1 < doc->tokens.tokens.len && tk(doc, i + 1)->type == CL_TOK_WORD &&
	    (tk(doc, i + 1)->flags & CL_TF_CAP) && tk(doc, i + 1)->sentence == t->sentence && !doc->tok_used[i + 1])
		return false;
	if (i > 0 && tk(doc, i - 1)->type == CL_TOK_WORD && (tk(doc, i - 1)->flags & CL_TF_CAP) &&
	    !doc->tok_used[i - 1] && i - 1 != doc->tokens.sentences.items[t->sentence].begin &&
	    !cl_is_title_word(doc->text.prose + tk(doc, i - 1)->off, tk(doc, i - 1)->len))
		return false;
	return true;
}

/* "Gorbachevian", "Mussolinism", "Leningrader": a known name and an ending. */
static bool derived_from_name(const cl_doc *doc, const char *lower, size_t len)
{
	static const char *const endings[] = { "a", "an", "ans", "er", "ers", "esque", "evna", "ian", "ians", "ic",
		"ism", "ist", "ists", "ite", "ites", "ova", "ovich", "ovna", "s" };
	size_t k, e;
	for (k = len - 1; k >= 5; k--)
		for (e = 0; e < sizeof(endings) / sizeof(*endings); e++)
			if (strcmp(lower + k, endings[e]) == 0 && known_name(doc, lower, k))
				return true;
	return false;
}

/* "Jerzy Sosnowski ran ...": at a sentence's start, a capitalised word that is
 * no dictionary word is a first name, and the two make a name the database lacks. */
static bool after_first_name(const cl_doc *doc, size_t i, const cl_spelling_target *best)
{
	const cl_token *p;
	const cl_name_entry *const *e;
	char lower[40];
	size_t n, k;
	if (i == 0)
		return false;
	p = tk(doc, i - 1);
	if (p->type != CL_TOK_WORD || !(p->flags & CL_TF_CAP) || p->len >= sizeof(lower) || p->sentence != tk(doc, i)->sentence)
		return false;
	cl_ascii_lower(lower, doc->text.prose + p->off, p->len);
	/* "Joachim Ribbontrop": the first name of the very person misspelt */
	e = cl_db_names_starting(doc->db, lower, p->len, &n);
	for (k = 0; k < n; k++)
		if (strstr(e[k]->words, best->lower))
			return false;
	return !cl_db_is_word(doc->db, lower, p->len);
}

/* The fix: the entry's usual name for a spelling of it ("Krushchev":
 * Khrushchev), the alias itself for another name ("Dzhugashvili", not Stalin). */
static const char *best_fix(const cl_spelling_target *g)
{
	size_t a = strlen(g->lower), b = strlen(g->canonical);
	char canon[96];
	if (b >= sizeof(canon))
		return g->canonical;
	cl_ascii_lower(canon, g->canonical, b);
	return edit_distance(g->lower, a, canon, b) <= 2 ? g->canonical : g->name;
}

int cl_check_spelling(cl_doc *doc)
{
	size_t i, n = doc->tokens.tokens.len;
	char lower[40];
	for (i = 0; i < n; i++) {
		const cl_token *t = tk(doc, i);
		const cl_spelling_target *best = NULL;
		const cl_spelling_target *targets;
		size_t count, k;
		int best_d = 3, ties = 0;
		bool swapped = false, best_swapped = false;
		const char *fix;
		char msg[256];
		if (!candidate(doc, i))
			continue;
		cl_ascii_lower(lower, doc->text.prose + t->off, t->len);
		/* without a word list every ordinary capitalised word would be a
		 * candidate; a dictionary word is none (the cheap tests come first) */
		if (!cl_db_has_words(doc->db) || known_name(doc, lower, t->len) || known_word(doc, lower, t->len))
			continue;
		targets = cl_db_spelling_targets(doc->db, lower[0], &count);
		for (k = 0; k < count; k++) {
			const cl_spelling_target *g = &targets[k];
			size_t gl = strlen(g->lower);
			/* two slips only in a long word: short names lie close together */
			int d, limit = t->len >= 10 ? 2 : 1;
			if (gl + 2 < t->len || t->len + 2 < gl)
				continue;
			d = edit_distance(lower, t->len, g->lower, gl);
			swapped = d == 2 && gl == t->len && same_letters(lower, g->lower, gl);
			if (swapped)
				d = 1;
			if (d > limit || d > best_d || !looks_like_slip(lower, t->len, g->lower, gl, d, swapped))
				continue;
			if (d < best_d) {
				best = g;
				best_d = d;
				best_swapped = swapped;
				ties = 0;
			} else if (strcmp(g->canonical, best->canonical) != 0) {
				ties++;
			}
		}
		if (!best || ties || introduced_by_document(doc, doc->text.prose + t->off, t->len) ||
		    transliteration_variant(lower, t->len, best->lower, strlen(best->lower)) ||
		    derived_from_name(doc, lower, t->len) || after_first_name(doc, i, best))
			continue;
		fix = best_fix(best);
		snprintf(msg, sizeof(msg), "\"%.*s\" looks like a misspelling of %s", (int)t->len,
			 doc->text.orig + t->off, fix);
		/* one slip in a name of nine letters or more, or two letters swapped,
		 * is a warning; anything less certain is information */
		if (cl_finding_add(doc, "name-spelling",
				   (best_d == 1 && t->len >= 9) || best_swapped ? CL_SEV_WARNING : CL_SEV_INFO, t->off,
				   t->len, msg, cl_arena_strndup(&doc->arena, doc->text.orig + t->off, t->len), fix,
				   cl_fact_evidence(doc, best->id, best->qid, "facts", 0), fix))
			return CL_ERR_NOMEM;
	}
	/* a partial word list would make ordinary words misspelt names */
	return cl_db_words_failed(doc->db) ? CL_ERR_NOMEM : CL_OK;
}
