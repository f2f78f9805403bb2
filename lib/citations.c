/* citations.c - works cited, read or quoted, and bibliographic references
 * (claims of kind citation); cite-before-publication: a work of the database
 * read, quoted or cited in a scene set before it was published.
 *
 * A claim covers a work's title: a title the database knows, written as a
 * title, or a work it does not know, found by the shape of a reference ("TITLE
 * by AUTHOR", "AUTHOR, TITLE (YEAR)", a quoted or italic title after "in",
 * "read", "titled" ...). A footnote marker ("[1]" whose note opens a later
 * line) is a citation too. Only a known work that a reading or citing word
 * governs in its clause is checked. */
#include <string.h>
#include "internal.h"

#define MAX_TITLE_TOKENS 14

static const cl_token *tk(const cl_doc *doc, size_t i)
{
	return &doc->tokens.tokens.items[i];
}

static size_t ntok(const cl_doc *doc)
{
	return doc->tokens.tokens.len;
}

static bool is_word(const cl_doc *doc, size_t i)
{
	return i < ntok(doc) && tk(doc, i)->type == CL_TOK_WORD;
}

static bool is_cap(const cl_doc *doc, size_t i)
{
	return is_word(doc, i) && (tk(doc, i)->flags & CL_TF_CAP);
}

static bool punct(const cl_doc *doc, size_t i, uint32_t cp)
{
	return i < ntok(doc) && cl_tok_punct(&doc->tokens, i, cp);
}

static bool word_in(const cl_doc *doc, size_t i, const char *const *list)
{
	size_t k;
	for (k = 0; is_word(doc, i) && list[k]; k++)
		if (cl_word_eq(doc->text.prose + tk(doc, i)->off, tk(doc, i)->len, list[k]))
			return true;
	return false;
}

static bool same_sentence(const cl_doc *doc, size_t a, size_t b)
{
	return a < ntok(doc) && b < ntok(doc) && tk(doc, a)->sentence == tk(doc, b)->sentence;
}

static size_t sentence_begin(const cl_doc *doc, size_t i)
{
	return doc->tokens.sentences.items[tk(doc, i)->sentence].begin;
}

static size_t sentence_end(const cl_doc *doc, size_t i)
{
	return doc->tokens.sentences.items[tk(doc, i)->sentence].end;
}

static bool line_start(const cl_doc *doc, size_t i)
{
	return i == 0 || (tk(doc, i)->flags & (CL_TF_LINESTART | CL_TF_NEWLINE));
}

/* The first words of a line, after any emphasis or heading marks ("**", "#"). */
static bool opens_line(const cl_doc *doc, size_t i)
{
	while (!line_start(doc, i) && (punct(doc, i - 1, '*') || punct(doc, i - 1, '_') || punct(doc, i - 1, '#')))
		i--;
	return line_start(doc, i);
}

/* Words a title keeps in lower case: "The Lord of the Rings". */
static const char *const small_words[] = { "a", "an", "and", "at", "de", "der", "die", "du", "for", "from", "in",
	"into", "la", "le", "of", "on", "or", "the", "to", "upon", "von", "with", NULL };

static const char *const articles[] = { "the", "a", "an", NULL };

/* What prose calls a work: "the novel Lolita", "Orwell's satire". */
static const char *const genre_nouns[] = { "allegory", "anthem", "article", "biography", "book", "classic",
	"essay", "fable", "film", "history", "manifesto", "memoir", "memoirs", "movie", "novel", "novella",
	"pamphlet", "picture", "play", "poem", "satire", "song", "speech", "story", "study", "tract", "treatise",
	NULL };

/* ---- reading and citing ------------------------------------------------------ */

/* Which works a word can act on: a film is watched, a book read, a song sung. */
enum { FOR_TEXT = 1, FOR_FILM = 2, FOR_SONG = 4, FOR_ANY = 7 };

static int family_of_work(const cl_work *w)
{
	if (w->type && strcmp(w->type, "film") == 0)
		return FOR_FILM;
	return w->type && strcmp(w->type, "song") == 0 ? FOR_SONG : FOR_TEXT;
}

/* "published", "released" (a film), "delivered" (a speech) */
static const char *publication_verb(const cl_work *w)
{
	if (family_of_work(w) == FOR_FILM)
		return "released";
	return w->type && strcmp(w->type, "speech") == 0 ? "delivered" : "published";
}

typedef struct {
	const char *word;
	const char *done;  /* for the message: "it cannot be read in 1940" */
	int family;
} reading_word;

static const reading_word reading_verbs[] = {
	{ "read", "read", FOR_TEXT }, { "reads", "read", FOR_TEXT }, { "reading", "read", FOR_TEXT },
	{ "reread", "read", FOR_TEXT }, { "rereads", "read", FOR_TEXT }, { "rereading", "read", FOR_TEXT },
	{ "quoted", "quoted", FOR_ANY }, { "quotes", "quoted", FOR_ANY }, { "quoting", "quoted", FOR_ANY },
	{ "cited", "cited", FOR_ANY }, { "cites", "cited", FOR_ANY }, { "citing", "cited", FOR_ANY },
	{ "recited", "recited", FOR_TEXT | FOR_SONG }, { "recites", "recited", FOR_TEXT | FOR_SONG },
	{ "reciting", "recited", FOR_TEXT | FOR_SONG }, { "borrowed", "borrowed", FOR_TEXT },
	{ "opened", "opened", FOR_TEXT }, { "annotated", "annotated", FOR_TEXT },
	{ "leafed", "read", FOR_TEXT }, { "leafing", "read", FOR_TEXT }, { "thumbed", "read", FOR_TEXT },
	{ "devoured", "read", FOR_TEXT }, { "skimmed", "read", FOR_TEXT },
	{ "watched", "watched", FOR_FILM }, { "watches", "watched", FOR_FILM }, { "watching", "watched", FOR_FILM },
	{ "screened", "screened", FOR_FILM }, { "saw", "seen", FOR_ANY }, { "sees", "seen", FOR_ANY },
	{ "sang", "sung", FOR_SONG }, { "sings", "sung", FOR_SONG }, { "singing", "sung", FOR_SONG },
	{ "hummed", "hummed", FOR_SONG }, { "whistled", "whistled", FOR_SONG },
	{ NULL, NULL, 0 }
};

/* "a copy of": the printed work is at hand in the scene. Chapters, pages and
 * passages are not: friends hear chapters of a novel in progress ("read the
 * first chapters of Doctor Zhivago" in 1947), so they end the search. */
static const reading_word copy = { "copy", "at hand", FOR_TEXT };
static const reading_word according = { "according", "cited", FOR_ANY };

static const reading_word *reading_verb_at(const cl_doc *doc, size_t i)
{
	size_t k;
	/* "Reading it in 1940, ..." opens a sentence; "Herbert Read" is a name */
	if (!is_word(doc, i) || ((tk(doc, i)->flags & CL_TF_CAP) && i != sentence_begin(doc, i)))
		return NULL;
	for (k = 0; reading_verbs[k].word; k++)
		if (cl_word_eq(doc->text.prose + tk(doc, i)->off, tk(doc, i)->len, reading_verbs[k].word))
			return &reading_verbs[k];
	return NULL;
}

static bool adverb(const cl_doc *doc, size_t i)
{
	static const char *const list[] = { "again", "aloud", "once", "then", "also", "first", "out", NULL };
	const cl_token *t = i < ntok(doc) ? tk(doc, i) : NULL;
	/* "eagerly", "quietly", "secretly" */
	return word_in(doc, i, list) || (is_word(doc, i) && !(t->flags & CL_TF_CAP) && t->len > 4 &&
					 memcmp(doc->text.prose + t->off + t->len - 2, "ly", 2) == 0);
}

/* Marks that set a title off: quotation marks and Markdown emphasis. */
static bool opening_mark(const cl_doc *doc, size_t i)
{
	const cl_token *t;
	if (i >= ntok(doc) || tk(doc, i)->type != CL_TOK_PUNCT)
		return false;
	t = tk(doc, i);
	if (t->cp == 0x201C || t->cp == 0x2018)
		return true;
	return (t->cp == '"' || t->cp == '\'' || t->cp == '*' || t->cp == '_') && i + 1 < ntok(doc) &&
	       cl_tok_adjacent(&doc->tokens, i + 1);
}

static bool closing_mark(const cl_doc *doc, size_t i, uint32_t open)
{
	uint32_t want = open == 0x201C ? 0x201D : open == 0x2018 ? 0x2019 : open;
	return i < ntok(doc) && tk(doc, i)->type == CL_TOK_PUNCT && tk(doc, i)->cp == want &&
	       cl_tok_adjacent(&doc->tokens, i);
}

/* Words between a reading word and the title: "read Orwell's satire Animal Farm". */
static bool between_reading_and_title(const cl_doc *doc, size_t p)
{
	static const char *const words[] = { "his", "her", "their", "from", "through", "of", NULL };
	return word_in(doc, p, articles) || adverb(doc, p) || word_in(doc, p, genre_nouns) || word_in(doc, p, words) ||
	       (tk(doc, p)->flags & CL_TF_POSSESSIVE);
}

/* What governs the title at [begin, end): a reading verb before it ("read",
 * "quoted from", "a copy of Orwell's"), "according to" or "as TITLE puts it",
 * or a passive after it ("was read aloud"). *tok is the governing word. */
static const reading_word *governor(const cl_doc *doc, size_t begin, size_t end, size_t *tok)
{
	size_t sb = sentence_begin(doc, begin), se = sentence_end(doc, begin), i, hops = 0;
	const reading_word *w;
	for (i = begin; i > sb && hops++ < 8; i--) {
		size_t p = i - 1;
		if (tk(doc, p)->type == CL_TOK_PUNCT) {
			if (!opening_mark(doc, p) || i != begin)
				break;
		} else if ((w = reading_verb_at(doc, p)) != NULL) {
			*tok = p;
			return w;
		} else if (cl_tok_is(&doc->tokens, p, "of") && p > sb &&
			   (cl_tok_is(&doc->tokens, p - 1, "copy") || cl_tok_is(&doc->tokens, p - 1, "copies"))) {
			*tok = p - 1;
			return &copy;
		} else if (cl_tok_is(&doc->tokens, p, "to") && p > sb && cl_tok_is(&doc->tokens, p - 1, "according")) {
			*tok = p - 1;
			return &according;
		} else if (!between_reading_and_title(doc, p)) {
			break;
		}
	}
	/* "as Animal Farm puts it" */
	if (begin > sb && cl_tok_is(&doc->tokens, begin - 1, "as") && end < se &&
	    (cl_tok_is(&doc->tokens, end, "puts") || cl_tok_is(&doc->tokens, end, "put") ||
	     cl_tok_is(&doc->tokens, end, "says") || cl_tok_is(&doc->tokens, end, "has"))) {
		*tok = begin - 1;
		return &according;
	}
	/* "Animal Farm was read aloud", "Animal Farm was being read" */
	i = end < se && closing_mark(doc, end, tk(doc, end)->cp) ? end + 1 : end;
	if (i + 1 < se && (cl_tok_is(&doc->tokens, i, "was") || cl_tok_is(&doc->tokens, i, "were"))) {
		if (cl_tok_is(&doc->tokens, i + 1, "being") && i + 2 < se)
			i++;
		w = reading_verb_at(doc, i + 1);
		if (w && cl_word_eq(doc->text.prose + tk(doc, i + 1)->off, tk(doc, i + 1)->len, w->done)) {
			*tok = i + 1;
			return w;
		}
	}
	return NULL;
}

/* The family of works a title's context allows: "watched Lolita" and "the
 * film Lolita" are the film. */
static int family_of(const cl_doc *doc, size_t begin, size_t end)
{
	static const char *const films[] = { "film", "movie", "picture", NULL };
	static const char *const songs[] = { "anthem", "song", NULL };
	static const char *const texts[] = { "book", "novel", "novella", "pamphlet", "play", "poem", NULL };
	size_t tok, p = begin > 0 && opening_mark(doc, begin - 1) ? begin - 1 : begin;
	const reading_word *w = governor(doc, begin, end, &tok);
	int family = w ? w->family : FOR_ANY, named = FOR_ANY;
	if (p > 0 && word_in(doc, p - 1, films))
		named = FOR_FILM;
	else if (p > 0 && word_in(doc, p - 1, songs))
		named = FOR_SONG;
	else if (p > 0 && word_in(doc, p - 1, texts))
		named = FOR_TEXT;
	return family & named ? family & named : family;
}

/* ---- titles the database knows ------------------------------------------------ */

/* A title as a title is written: every word but the small ones capitalised. */
static bool title_case(const cl_doc *doc, size_t begin, size_t end)
{
	size_t i;
	for (i = begin; i < end; i++)
		if (is_word(doc, i) && !(tk(doc, i)->flags & CL_TF_CAP) && !word_in(doc, i, small_words))
			return false;
	return is_cap(doc, begin) || tk(doc, begin)->type == CL_TOK_NUMBER;
}

/* The works titled by the entry's words (a novel and its film share one). */
static int works_titled(const cl_doc *doc, const char *words, int *out, int max)
{
	size_t n, k;
	int count = 0, j;
	const cl_name_entry *const *e = cl_db_fact_names_starting(doc->db, words, strcspn(words, " "), &n);
	for (k = 0; k < n && count < max; k++) {
		if (e[k]->kind != CL_KIND_WORK || strcmp(e[k]->words, words) != 0)
			continue;
		for (j = 0; j < count && out[j] != e[k]->index; j++)
			;
		if (j == count)
			out[count++] = e[k]->index;
	}
	return count;
}

/* The earliest published of the works the family allows; -1 when none. */
static int earliest(const cl_doc *doc, const int *works, int count, int family)
{
	int best = -1, k;
	long best_day = 0;
	for (k = 0; k < count; k++) {
		const cl_work *w = cl_db_fact(doc->db, CL_KIND_WORK, (size_t)works[k]);
		const cl_fact_date *p = &w->published;
		long day = cl_fact_bound(&p->date, &p->os, p->alt, p->alt_count).first;
		if ((family_of_work(w) & family) && (best < 0 || day < best_day)) {
			best = works[k];
			best_day = day;
		}
	}
	return best;
}

/* The longest database title at token i written as a title; its entry, and *end. */
static const cl_name_entry *known_title(const cl_doc *doc, size_t i, size_t *end)
{
	const cl_token *t = tk(doc, i);
	size_t n, k;
	const cl_name_entry *const *e = cl_db_fact_names_starting(doc->db, doc->text.prose + t->off, t->len, &n);
	/* "the Great Dictator" is Hitler; "The Great Dictator" the film */
	if (word_in(doc, i, articles) && !(t->flags & CL_TF_CAP))
		return NULL;
	for (k = 0; k < n; k++)
		if (e[k]->kind == CL_KIND_WORK && cl_name_matches(doc, i, e[k]->words, true, end) &&
		    title_case(doc, i, *end))
			return e[k];
	return NULL;
}

/* The work a title at [begin, end) names exactly, or -1: "The Great Terror"
 * names a work, "The Second Great Terror" does not. */
static int known_work(const cl_doc *doc, size_t begin, size_t end, int family)
{
	const cl_name_entry *e;
	size_t e_end = 0;
	int works[4];
	e = known_title(doc, begin, &e_end);
	if (!e && word_in(doc, begin, articles) && begin + 1 < end)
		e = known_title(doc, begin + 1, &e_end);
	if (!e || e_end != end)
		return -1;
	return earliest(doc, works, works_titled(doc, e->words, works, 4), family);
}

/* "Lolita", "The Godfather": one word besides the small ones. */
static bool one_word(const cl_doc *doc, size_t begin, size_t end)
{
	size_t i;
	int words = 0;
	for (i = begin; i < end; i++)
		if ((is_word(doc, i) && !word_in(doc, i, small_words)) || tk(doc, i)->type == CL_TOK_NUMBER)
			words++;
	return words <= 1;
}

/* ---- the shape of a reference ------------------------------------------------- */

static bool year_number(const cl_doc *doc, size_t i)
{
	return i < ntok(doc) && tk(doc, i)->type == CL_TOK_NUMBER && tk(doc, i)->digits == 4 &&
	       tk(doc, i)->num >= 1000 && tk(doc, i)->num <= 2100;
}

/* "Excerpt from", "Extracts from": what follows is the title. */
static bool excerpt_from(const cl_doc *doc, size_t i)
{
	static const char *const words[] = { "excerpt", "excerpts", "extract", "extracts", NULL };
	return word_in(doc, i, words) && cl_tok_is(&doc->tokens, i + 1, "from");
}

/* Capitalised words with small words, hyphens and numbers inside ("The
 * Sino-Soviet War", "Fahrenheit 451"), within its line and sentence; *end
 * follows its last capitalised word or number. A year or another mark ends it. */
static bool title_phrase(const cl_doc *doc, size_t i, size_t *end, int *capitals)
{
	size_t k, last = SIZE_MAX;
	*capitals = 0;
	if (!is_cap(doc, i) || excerpt_from(doc, i))
		return false;
	for (k = i; k < ntok(doc) && k - i < MAX_TITLE_TOKENS && same_sentence(doc, i, k); k++) {
		const cl_token *t = tk(doc, k);
		if (k > i && (t->flags & CL_TF_NEWLINE))
			break;
		if (t->type == CL_TOK_WORD && (t->flags & CL_TF_CAP)) {
			last = k;
			(*capitals)++;
		} else if (k > i && t->type == CL_TOK_WORD && word_in(doc, k, small_words)) {
			continue;
		} else if (k > i && t->type == CL_TOK_NUMBER && !year_number(doc, k)) {
			last = k;
		} else if (!(k > i && cl_tok_dash(&doc->tokens, k) && cl_tok_adjacent(&doc->tokens, k) &&
			     cl_tok_adjacent(&doc->tokens, k + 1))) {
			break;
		}
	}
	*end = last + 1;
	return last != SIZE_MAX;
}

/* An author: two to four capitalised words or initials ("Robert Conquest", "F.
 * Scott Fitzgerald"), or one word that names a person; not a month, a title
 * ("Marshal"), a unit ("Army"), a place or a state. *end follows it. */
static bool author_phrase(const cl_doc *doc, size_t i, size_t *end)
{
	static const char *const particles[] = { "von", "de", "van", "le", NULL };
	size_t k = i;
	int words = 0;
	const cl_token *t;
	if (!is_cap(doc, i) || word_in(doc, i, articles))
		return false;
	t = tk(doc, i);
	if (cl_month_from_word(doc->text.prose + t->off, t->len) || cl_is_title_word(doc->text.prose + t->off, t->len))
		return false;
	while (k < ntok(doc) && same_sentence(doc, i, k) && words < 5) {
		t = tk(doc, k);
		if (is_cap(doc, k)) {
			if ((doc->tok_used[k] & (CL_USED_FACT | CL_USED_DATE)) ||
			    cl_is_unit_noun(doc->text.prose + t->off, t->len) ||
			    cl_is_quantity_noun(doc->text.prose + t->off, t->len))
				return false;
			words++;
			k++;
			if (t->len == 1 && punct(doc, k, '.') && is_cap(doc, k + 1)) /* "F. Scott" */
				k++;
			if (t->flags & CL_TF_POSSESSIVE)
				break;
		} else if (words > 0 && word_in(doc, k, particles) && is_cap(doc, k + 1)) {
			k++;
		} else {
			break;
		}
	}
	if (words == 0 || words > 4 || (words == 1 && !(doc->tok_used[i] & CL_USED_PERSON)))
		return false;
	*end = k;
	return true;
}

/* Words after which a title is cited: "in The Great Terror", "read 'Vozhd'";
 * the first three also put names of other things in quotation marks. */
static const char *const weak_cites[] = { "in", "from", "see", NULL };

static bool cites_before(const cl_doc *doc, size_t i)
{
	static const char *const words[] = { "titled", "entitled", "recommend", "recommended", "reviewed", NULL };
	return word_in(doc, i, weak_cites) || word_in(doc, i, words) || reading_verb_at(doc, i) ||
	       word_in(doc, i, genre_nouns);
}

/* A quoted or italic title after a word that cites it: the words inside the
 * marks, all written as a title ('titled "Failings Within the Security
 * Organs."', "in *The Great Terror*"). *strong: italics, or a word that names
 * a work ("read", "titled", "novel"), not scare quotes ('in "Barbarossa"'). */
static bool set_off_title(const cl_doc *doc, size_t open, size_t *begin, size_t *end, size_t *next, bool *strong)
{
	uint32_t cp = tk(doc, open)->cp;
	size_t k, last = SIZE_MAX;
	bool lower = false, named;
	if (open == 0 || !same_sentence(doc, open - 1, open))
		return false;
	named = (cl_tok_is(&doc->tokens, open - 1, "called") || cl_tok_is(&doc->tokens, open - 1, "named")) &&
		open >= 2 && word_in(doc, open - 2, genre_nouns);
	if (!cites_before(doc, open - 1) && !named)
		return false;
	for (k = open + 1; k < ntok(doc) && k - open <= MAX_TITLE_TOKENS && !closing_mark(doc, k, cp); k++) {
		const cl_token *t = tk(doc, k);
		if ((t->flags & CL_TF_PARAGRAPH) ||
		    (t->type == CL_TOK_PUNCT && (t->cp == '"' || t->cp == 0x201C || t->cp == 0x201D || t->cp == '*' ||
						 t->cp == '_')))
			return false;
		if (t->type == CL_TOK_WORD && !(t->flags & CL_TF_CAP) && !word_in(doc, k, small_words))
			lower = true;
		if (t->type != CL_TOK_PUNCT)
			last = k;
	}
	if (!closing_mark(doc, k, cp) || last == SIZE_MAX || lower ||
	    !(is_cap(doc, open + 1) || tk(doc, open + 1)->type == CL_TOK_NUMBER))
		return false;
	*begin = open + 1;
	*end = last + 1;
	*next = k + 1;
	*strong = cp == '*' || cp == '_' || !word_in(doc, open - 1, weak_cites);
	return true;
}

/* Is [begin, end) wholly another claim's name (an event, a state, a date), or
 * an event's ("The Battle of Kursk")? A weak reference yields to it. */
static bool names_something_else(const cl_doc *doc, size_t begin, size_t end)
{
	size_t k, i;
	if (word_in(doc, begin, articles) && begin + 1 < end)
		begin++;
	for (i = begin; i < end && !(doc->tok_used[i] & (CL_USED_FACT | CL_USED_DATE)); i++)
		;
	for (k = 0; i < end && k < doc->claims.len; k++) {
		const cl_xclaim *c = &doc->claims.items[k];
		if (c->kind != CL_CLAIM_CITATION && c->tok_begin <= begin && c->tok_end >= end)
			return true;
	}
	return is_word(doc, begin) && cl_is_event_head(doc->text.prose + tk(doc, begin)->off, tk(doc, begin)->len);
}

/* "TITLE by AUTHOR" at token i, set off: a line of its own ("Excerpt from
 * Vozhd by Roy Medvedev"; *strong), after a word that cites it, or opening
 * with a capitalised article mid-sentence ("enjoyed The Gathering Storm by
 * Winston Churchill"). Not "killed by Stalin", "led by Zhukov". */
static bool title_by_author(const cl_doc *doc, size_t i, size_t *end, size_t *next, bool *strong)
{
	/* "Note by Joan Pike", "Originally Posted by ...": the page's own apparatus */
	static const char *const apparatus[] = { "afterword", "art", "comment", "cover", "design", "done", "drawn",
		"foreword", "given", "illustration", "illustrations", "introduction", "lyrics", "made", "map", "message",
		"music", "note", "notes", "photo", "photograph", "post", "preface", "read", "reply", "sent", "shown",
		"spoken", "sung", "taken", "text", "told", "translation", "words", "written", NULL };
	size_t sb = sentence_begin(doc, i), a_end, last;
	int capitals;
	bool excerpt, heading, cited, article;
	if (!title_phrase(doc, i, end, &capitals) || !cl_tok_is(&doc->tokens, *end, "by") ||
	    !same_sentence(doc, i, *end + 1) || !author_phrase(doc, *end + 1, &a_end))
		return false;
	last = *end - 1;
	if (word_in(doc, last, apparatus) || (is_word(doc, last) && tk(doc, last)->len > 3 &&
					      memcmp(cl_tok_text(&doc->tokens, last) + tk(doc, last)->len - 2, "ed", 2) == 0))
		return false;
	excerpt = i >= 2 && excerpt_from(doc, i - 2) && opens_line(doc, i - 2);
	/* the author ends the line, or a mark closes the reference */
	heading = opens_line(doc, i) &&
		  (a_end >= ntok(doc) || (tk(doc, a_end)->flags & CL_TF_NEWLINE) || punct(doc, a_end, ',') ||
		   punct(doc, a_end, '(') || punct(doc, a_end, ':') || punct(doc, a_end, '.') ||
		   punct(doc, a_end, ';') || punct(doc, a_end, '*') || punct(doc, a_end, '_') ||
		   cl_tok_dash(&doc->tokens, a_end));
	cited = i > sb && cites_before(doc, i - 1);
	article = i > sb && word_in(doc, i, articles) && capitals >= 3 && !word_in(doc, i - 1, small_words) &&
		  tk(doc, i - 1)->type != CL_TOK_PUNCT;
	*strong = excerpt || heading;
	*next = a_end;
	return excerpt || heading || cited || article;
}

/* "Robert Conquest, The Great Terror (1968)", "see Robert Conquest, *The Great
 * Terror*, 1968": an author of two words or more opening a line or a
 * reference, a comma, a title, then its year. */
static bool author_title_year(const cl_doc *doc, size_t i, size_t *begin, size_t *end, size_t *next)
{
	size_t a_end, k, after;
	int capitals;
	bool opens = line_start(doc, i) || (i > 0 && (punct(doc, i - 1, '(') || punct(doc, i - 1, ';') ||
						    cl_tok_is(&doc->tokens, i - 1, "see") || cl_tok_is(&doc->tokens, i - 1, "cf")));
	if (!opens || !author_phrase(doc, i, &a_end) || a_end - i < 2 || (tk(doc, a_end - 1)->flags & CL_TF_POSSESSIVE) ||
	    !punct(doc, a_end, ','))
		return false;
	if (opening_mark(doc, a_end + 1)) {
		*begin = a_end + 2;
		if (!title_phrase(doc, *begin, end, &capitals) || !closing_mark(doc, *end, tk(doc, a_end + 1)->cp))
			return false;
		after = *end + 1;
	} else {
		*begin = a_end + 1;
		if (!title_phrase(doc, *begin, end, &capitals) || capitals < 2)
			return false;
		after = *end;
	}
	/* "(1968)", "(London, 1968)", ", 1968" */
	if (!punct(doc, after, '(') && !punct(doc, after, ','))
		return false;
	for (k = after + 1; k < ntok(doc) && k < after + 8 && same_sentence(doc, after, k) && !punct(doc, k, ')'); k++)
		if (year_number(doc, k)) {
			*next = k + 1;
			return true;
		}
	return false;
}

/* "Conquest's The Great Terror (1968)": a possessive author, a title opening
 * with a capitalised article (not "Stalin's Great Terror (1937)"), its year. */
static bool possessive_title_year(const cl_doc *doc, size_t i, size_t *end, size_t *next)
{
	int capitals;
	if (i == 0 || !(tk(doc, i - 1)->flags & CL_TF_POSSESSIVE) || !is_cap(doc, i - 1) ||
	    !word_in(doc, i, articles) || !title_phrase(doc, i, end, &capitals) || capitals < 3 ||
	    !punct(doc, *end, '(') || !year_number(doc, *end + 1) || !punct(doc, *end + 2, ')'))
		return false;
	*next = *end + 3;
	return true;
}

/* ---- footnotes ---------------------------------------------------------------- */

/* "[2]" at token i: the note's number, else 0. Not a Markdown link ("[2](...)")
 * or link definition ("[2]: ..."). */
static int note_marker(const cl_doc *doc, size_t i)
{
	const cl_token *n;
	size_t after;
	if (i + 2 >= ntok(doc) || !punct(doc, i, '[') || !punct(doc, i + 2, ']'))
		return 0;
	n = tk(doc, i + 1);
	if (n->type != CL_TOK_NUMBER || n->num <= 0 || n->num >= 100 || !cl_tok_adjacent(&doc->tokens, i + 1) ||
	    !cl_tok_adjacent(&doc->tokens, i + 2) || (doc->tok_used[i + 1] & (CL_USED_DATE | CL_USED_AGE)))
		return 0;
	/* the original text: the prose view blanks a link's target */
	after = tk(doc, i + 2)->off + 1;
	return after < doc->text.len && (doc->text.orig[after] == '(' || doc->text.orig[after] == ':') ? 0 : n->num;
}

/* Where each note ("[1] Unofficially, ...") opens a line, the last such line
 * for a number; SIZE_MAX for a number no line opens with. */
typedef struct {
	size_t line[100];
} note_lines;

static void find_notes(const cl_doc *doc, note_lines *notes)
{
	size_t k;
	int n;
	for (n = 0; n < 100; n++)
		notes->line[n] = SIZE_MAX;
	for (k = 0; k + 2 < ntok(doc); k++)
		if (line_start(doc, k) && (n = note_marker(doc, k)) != 0)
			notes->line[n] = k;
}

/* ---- extraction --------------------------------------------------------------- */

static int emit(cl_doc *doc, size_t begin, size_t end, int work, int note)
{
	cl_xclaim c;
	memset(&c, 0, sizeof(c));
	c.kind = CL_CLAIM_CITATION;
	c.tok_begin = begin;
	c.tok_end = end;
	c.offset = tk(doc, begin)->off;
	c.length = tk(doc, end - 1)->off + tk(doc, end - 1)->len - c.offset;
	c.sentence = tk(doc, begin)->sentence;
	c.who.db_index = c.who.doc_index = -1;
	c.fact = work;
	c.fact_sub = note; /* a footnote marker: its number; else -1 */
	return cl_claims_add(doc, &c);
}

/* A plain database title, neither marked nor in a reference, must stand as a
 * title of its own (not inside a longer name), and a one-word title
 * ("Foundation", "Lolita") needs a word that reads it or names it as a work. */
static bool stands_as_title(const cl_doc *doc, size_t begin, size_t end)
{
	size_t sb = sentence_begin(doc, begin), se = sentence_end(doc, begin), tok, a_end;
	const char *first = cl_tok_text(&doc->tokens, sb);
	if (end < se && is_cap(doc, end) && !(tk(doc, end - 1)->flags & CL_TF_POSSESSIVE) &&
	    !cl_tok_is(&doc->tokens, end, "by"))
		return false;
	/* "Reagan Star Wars" is a longer name; "As Animal Farm puts it" opens a sentence */
	if (begin > sb && is_cap(doc, begin - 1) && !(tk(doc, begin - 1)->flags & CL_TF_POSSESSIVE) &&
	    !line_start(doc, begin) &&
	    !(begin - 1 == sb && (word_in(doc, sb, small_words) || cl_is_subordinator(first, tk(doc, sb)->len) ||
				  cl_is_preposition(first, tk(doc, sb)->len))))
		return false;
	/* "The Godfather" mid-sentence: the capital of its article makes it a title */
	if (!one_word(doc, begin, end) || (begin > sb && word_in(doc, begin, articles)))
		return true;
	return governor(doc, begin, end, &tok) || (begin > sb && word_in(doc, begin - 1, genre_nouns)) ||
	       (cl_tok_is(&doc->tokens, end, "by") && author_phrase(doc, end + 1, &a_end));
}

/* A title found by a reference's shape is a title, whatever names it holds:
 * "The Great Terror" in "Robert Conquest, The Great Terror (1968)" is not the
 * event. The claims of events, states, places, offices and terms inside it go. */
static void drop_inner_claims(cl_doc *doc, size_t begin, size_t end)
{
	size_t k, kept = 0;
	for (k = 0; k < doc->claims.len; k++) {
		const cl_xclaim *c = &doc->claims.items[k];
		if (cl_claim_fact_kind(c->kind) == CL_KIND_COUNT || c->tok_begin < begin || c->tok_end > end)
			doc->claims.items[kept++] = *c;
	}
	doc->claims.len = kept;
}

static int emit_reference(cl_doc *doc, size_t begin, size_t end, bool strong)
{
	if (strong)
		drop_inner_claims(doc, begin, end);
	else if (names_something_else(doc, begin, end))
		return CL_OK;
	return emit(doc, begin, end, known_work(doc, begin, end, family_of(doc, begin, end)), -1);
}

/* One reference or title at token i; *next is the token after what it took, 0 when none. */
static int extract_at(cl_doc *doc, const note_lines *notes, size_t i, size_t *next)
{
	size_t begin = i, end, skip = 0;
	const cl_name_entry *e;
	bool strong = false, found;
	int note;
	*next = 0;
	if ((note = note_marker(doc, i)) != 0) {
		*next = i + 3;
		/* a marker in running text whose note opens a later line */
		return !line_start(doc, i) && notes->line[note] != SIZE_MAX && notes->line[note] > i ?
			       emit(doc, i, i + 3, -1, note) : CL_OK;
	}
	if (opening_mark(doc, i))
		found = set_off_title(doc, i, &begin, &end, &skip, &strong);
	else if ((found = author_title_year(doc, i, &begin, &end, &skip) || possessive_title_year(doc, i, &end, &skip)))
		strong = true;
	else
		found = title_by_author(doc, i, &end, &skip, &strong);
	if (found) {
		*next = skip;
		return emit_reference(doc, begin, end, strong);
	}
	if (tk(doc, i)->type != CL_TOK_PUNCT && (e = known_title(doc, i, &end)) != NULL) {
		int works[4], count = works_titled(doc, e->words, works, 4), work;
		*next = end;
		if (!stands_as_title(doc, i, end) || names_something_else(doc, i, end))
			return CL_OK;
		work = earliest(doc, works, count, family_of(doc, i, end));
		return emit(doc, i, end, work >= 0 ? work : earliest(doc, works, count, FOR_ANY), -1);
	}
	return CL_OK;
}

int cl_extract_citations(cl_doc *doc)
{
	size_t i = 0, next;
	int rc = CL_OK;
	note_lines notes;
	find_notes(doc, &notes);
	while (i < ntok(doc) && rc == CL_OK) {
		rc = extract_at(doc, &notes, i, &next);
		i = next > i ? next : i + 1;
	}
	return rc;
}

/* ---- cite-before-publication ---------------------------------------------------- */

/* "would read", "did not read", "hoped to read", "later read": not done at the date. */
static bool not_then(const cl_doc *doc, size_t tok)
{
	static const char *const words[] = { "would", "could", "might", "should", "must", "may", "will", "not",
		"never", "to", "cannot", "if", NULL };
	static const char *const later[] = { "afterwards", "eventually", "later", "nowadays", "subsequently",
		"today", "future", "become", "became", NULL };
	size_t sb = sentence_begin(doc, tok), se = sentence_end(doc, tok), i;
	for (i = tok; i > sb && tok - i < 3; i--)
		if (word_in(doc, i - 1, words))
			return true;
	for (i = sb; i < se; i++)
		if (word_in(doc, i, later))
			return true;
	return cl_counterfactual(doc, tok);
}

/* Is token i an author's surname ("Orwell" for George Orwell)? */
static bool author_surname(const cl_doc *doc, const cl_work *w, size_t i)
{
	size_t k;
	for (k = 0; is_cap(doc, i) && k < w->author_count; k++) {
		const char *name = w->authors[k].name, *last = name ? strrchr(name, ' ') : NULL;
		last = last ? last + 1 : name;
		if (last && cl_word_eq(doc->text.prose + tk(doc, i)->off, tk(doc, i)->len, last))
			return true;
	}
	return false;
}

/* The database person an author is: linked by id, else by the same full name; -1. */
static int author_person(const cl_doc *doc, const cl_author *a)
{
	size_t k, n = cl_db_person_count(doc->db);
	if (a->person >= 0)
		return a->person;
	for (k = 0; a->name && k < n; k++)
		if (strcmp(cl_db_person(doc->db, k)->name, a->name) == 0)
			return (int)k;
	return -1;
}

static bool who_is_author(const cl_doc *doc, const cl_work *w, const cl_who *who)
{
	size_t k;
	for (k = 0; who->db_index >= 0 && k < w->author_count; k++)
		if (author_person(doc, &w->authors[k]) == who->db_index)
			return true;
	return false;
}

/* An author named near the reading: in its sentence (outside [skip_b, skip_e),
 * where "Orwell's Animal Farm" names the work, not the reader) or the one before. */
static bool author_named_near(const cl_doc *doc, const cl_work *w, size_t tok, size_t skip_b, size_t skip_e)
{
	size_t sb = sentence_begin(doc, tok), se = sentence_end(doc, tok), i;
	if (sb > 0)
		sb = sentence_begin(doc, sb - 1);
	for (i = sb; i < se; i++)
		if ((i < skip_b || i >= skip_e) && author_surname(doc, w, i))
			return true;
	return false;
}

/* Is the reader one of the work's authors? A named subject of the verb
 * decides, and so does a pronoun that resolves; any other reader ("the
 * writer", "his wife", whoever holds "a copy of") may be the author when an
 * author is named nearby. */
static bool read_by_author(const cl_doc *doc, const cl_work *w, const cl_xclaim *c, size_t verb)
{
	static const char *const aux[] = { "was", "were", "had", "has", "is", "are", "been", NULL };
	static const char *const pronouns[] = { "he", "she", "they", "i", "we", NULL };
	size_t sb = sentence_begin(doc, verb), s = verb, k;
	size_t lo = verb < c->tok_begin ? verb : c->tok_begin, hi = verb < c->tok_begin ? c->tok_end : verb + 1;
	if (verb < c->tok_begin) {
		while (s > sb && (word_in(doc, s - 1, aux) || adverb(doc, s - 1)))
			s--;
		if (s > sb && (doc->tok_used[s - 1] & CL_USED_PERSON)) {
			for (k = cl_claims_from_token(doc, sb); k < doc->sorted_claims && doc->claims.items[k].tok_begin < s; k++)
				if (doc->claims.items[k].kind == CL_CLAIM_PERSON && doc->claims.items[k].tok_end == s &&
				    who_is_author(doc, w, &doc->claims.items[k].who))
					return true;
			return author_surname(doc, w, s - 1);
		}
		if (s > sb && word_in(doc, s - 1, pronouns)) {
			cl_who who, alts[3];
			int n = cl_antecedent(doc, s - 1, &who, alts, 3), a;
			if (n > 0 && who_is_author(doc, w, &who))
				return true;
			for (a = 0; a + 1 < n && a < 3; a++)
				if (who_is_author(doc, w, &alts[a]))
					return true;
			if (n > 0)
				return false;
		} else if (s > sb && author_surname(doc, w, s - 1)) {
			return true;
		}
	}
	return author_named_near(doc, w, verb, lo, hi);
}

/* The first day a work may be read in manuscript, by its publishers, editors
 * and friends: two years before it was printed (a year for a film), or the
 * year the database's note says it was written ("Written in 1925; first
 * published abroad in 1968"), whichever is earlier. */
static long manuscript_from(const cl_work *w, const cl_span *published)
{
	cl_date first;
	const char *p;
	long day;
	cl_civil_from_days(published->first, &first.year, &first.month, &first.day);
	first.precision = CL_PREC_DAY;
	first = cl_date_add(&first, family_of_work(w) == FOR_FILM ? -1 : -2, 'Y');
	day = cl_date_span(&first).first;
	for (p = w->head.note; p && (p = strstr(p, "ritten in ")) != NULL; p++) {
		const char *y = p + strlen("ritten in ");
		int year = 0, k;
		for (k = 0; k < 4 && y[k] >= '0' && y[k] <= '9'; k++)
			year = year * 10 + (y[k] - '0');
		if (k == 4 && !(y[4] >= '0' && y[4] <= '9') && cl_days_from_civil(year, 1, 1) < day)
			day = cl_days_from_civil(year, 1, 1);
	}
	return day;
}

/* The author of the work the database has the earliest birth for, or NULL. */
static const cl_person *eldest_author(const cl_doc *doc, const cl_work *w)
{
	const cl_person *best = NULL;
	size_t k;
	for (k = 0; k < w->author_count; k++) {
		int p = author_person(doc, &w->authors[k]);
		const cl_person *person = p >= 0 ? cl_db_person(doc->db, (size_t)p) : NULL;
		if (person && person->born.precision != CL_PREC_NONE &&
		    (!best || cl_date_span(&person->born).first < cl_date_span(&best->born).first))
			best = person;
	}
	return best;
}

/* "Animal Farm", or "The Godfather (the film)" when works of other types share the title. */
static const char *work_name(cl_doc *doc, const cl_work *w)
{
	int works[4], words;
	char *lower = cl_db_name_words(&doc->arena, w->head.name, &words);
	if (!lower || !w->type || works_titled(doc, lower, works, 4) < 2)
		return w->head.name;
	return cl_arena_printf(&doc->arena, "%s (the %s)", w->head.name, w->type);
}

/* What is wrong and what is right. */
static const char *message(cl_doc *doc, const cl_work *w, const reading_word *how, const cl_date *at,
			   bool divergent, const cl_person *writer)
{
	const char *title = work_name(doc, w), *when = cl_date_with_preposition(&doc->arena, at);
	const char *published = cl_date_with_preposition(&doc->arena, &w->published.date);
	const char *verb = publication_verb(w);
	if (divergent)
		return cl_arena_printf(&doc->arena, "%s is %s here %s, but was first %s %s (a departure after the point "
				       "of divergence)", title, how->done, when, verb, published);
	if (writer)
		return cl_arena_printf(&doc->arena, "%s was first %s %s; an author may read from a manuscript before "
				       "then, but its author %s, born %s, was not yet ten years old %s", title, verb,
				       published, writer->name, cl_date_human(&doc->arena, &writer->born), when);
	if (how == &copy)
		return cl_arena_printf(&doc->arena, "%s was first %s %s; no copy of it existed %s", title, verb,
				       published, when);
	return cl_arena_printf(&doc->arena, "%s was first %s %s; it cannot be %s %s", title, verb, published,
			       how->done, when);
}

int cl_check_citation(cl_doc *doc, size_t index)
{
	const cl_xclaim *c = &doc->claims.items[index];
	const reading_word *how;
	const cl_work *w;
	const cl_person *writer = NULL;
	size_t verb, from, to;
	int pick, rc;
	cl_date at;
	cl_span span, pub, real;
	bool own, divergent, marked;
	const char *found, *msg;
	if (c->fact < 0 || !(how = governor(doc, c->tok_begin, c->tok_end, &verb)))
		return CL_OK;
	/* "according to Animal Farm" is the narrator's citation, except in a story's scene */
	if (how == &according && doc->opts->kind != CL_KIND_MANUSCRIPT)
		return CL_OK;
	/* a title in quotation marks is quoted speech only if its marks are inside other marks */
	marked = c->tok_begin > 0 && opening_mark(doc, c->tok_begin - 1);
	if (not_then(doc, verb) || cl_inside_quotes(doc, verb) || cl_inside_quotes(doc, c->tok_begin - marked))
		return CL_OK;
	/* "quoted Goldfinger", "saw Lolita": a one-word title may be someone's name,
	 * unless it is marked as a title or named as a work ("the novel Lolita") */
	if (how->family == FOR_ANY && !marked && one_word(doc, c->tok_begin, c->tok_end) &&
	    !(c->tok_begin > 0 && word_in(doc, c->tok_begin - 1, genre_nouns)))
		return CL_OK;
	/* the work of that title the verb can act on: "watched Lolita" is the film */
	if ((pick = known_work(doc, c->tok_begin, c->tok_end, family_of(doc, c->tok_begin, c->tok_end))) < 0 ||
	    !cl_setting_date(doc, verb, &at, &span, &own))
		return CL_OK;
	w = cl_db_fact(doc->db, CL_KIND_WORK, (size_t)pick);
	if (w->published.date.precision == CL_PREC_NONE)
		return CL_OK;
	pub = cl_fact_bound(&w->published.date, &w->published.os, w->published.alt, w->published.alt_count);
	if (span.last >= manuscript_from(w, &pub))
		return CL_OK;
	real = cl_date_span(&w->published.date);
	divergent = cl_after_pod(doc, &span, &real);
	/* an essay's narrator moves through time freely: only a date in the sentence places the reading */
	if (!own && doc->opts->kind != CL_KIND_MANUSCRIPT && !divergent)
		return CL_OK;
	/* an author may read from, quote or cite the manuscript, once old enough to have written it */
	if (read_by_author(doc, w, c, verb)) {
		cl_date grown;
		if (!(writer = eldest_author(doc, w)))
			return CL_OK;
		grown = cl_date_add(&writer->born, 10, 'Y');
		if (span.last >= cl_date_span(&grown).first)
			return CL_OK;
	}
	from = verb < c->tok_begin ? verb : c->tok_begin;
	to = verb > c->tok_begin ? verb :
	     c->tok_end - 1 + (marked && closing_mark(doc, c->tok_end, tk(doc, c->tok_begin - 1)->cp));
	found = cl_arena_strndup(&doc->arena, doc->text.orig + tk(doc, from)->off,
				 tk(doc, to)->off + tk(doc, to)->len - tk(doc, from)->off);
	msg = message(doc, w, how, &at, divergent, writer);
	if (!found || !msg)
		return CL_ERR_NOMEM;
	rc = cl_finding_add(doc, divergent ? "divergence" : "cite-before-publication",
			    divergent ? CL_SEV_INFO : own ? CL_SEV_ERROR : CL_SEV_WARNING, c->offset, c->length, msg,
			    found, cl_arena_printf(&doc->arena, "%s %s", publication_verb(w),
						   cl_date_human(&doc->arena, &w->published.date)),
			    cl_fact_evidence(doc, w->head.id, w->head.qid, w->head.file, w->head.line), NULL);
	if (rc == CL_OK)
		cl_finding_set_date(doc, &at);
	return rc;
}
