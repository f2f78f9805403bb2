/*
 * internal.h - types shared by the stages of libchronolint.
 *
 * The pipeline: text (decode, mask non-prose) -> tokens and sentences ->
 * claims (dates, ages, people, life spans) -> checks -> findings.
 */
#ifndef CL_INTERNAL_H
#define CL_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdbool.h>
#include "chronolint.h"

/* ---- util.c: errors, buffers, arrays, strings ---------------------------- */

int cl_error_set(cl_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A growable byte buffer that never grows past `max` bytes (0: 1 GiB). */
typedef struct {
	char *ptr;
	size_t len, cap, max;
} cl_buf;

int cl_buf_put(cl_buf *buf, const void *data, size_t len);
int cl_buf_putc(cl_buf *buf, char c);
int cl_buf_printf(cl_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cl_buf_free(cl_buf *buf);

/* Grows the array *items of *cap elements of `size` bytes to hold `need`. */
int cl_array_grow(void **items, size_t *cap, size_t size, size_t need);

#define CL_ARRAY(type) struct { type *items; size_t len, cap; }
#define CL_ARRAY_PUSH(arr, value) \
	(cl_array_grow((void **)&(arr).items, &(arr).cap, sizeof(*(arr).items), (arr).len + 1) \
	 ? -1 : ((arr).items[(arr).len++] = (value), 0))

/* Strings that live as long as their arena, freed all at once. `failed`
 * stays set once an allocation failed: the many callers that keep a NULL
 * string (a message, a name) need not each check, and the owner of the arena
 * turns it into CL_ERR_NOMEM when its work is done. */
typedef struct cl_arena_block cl_arena_block;
typedef struct {
	cl_arena_block *head;
	bool failed;
} cl_arena;

char *cl_arena_strndup(cl_arena *arena, const char *s, size_t len);
/* A 16-byte aligned copy of size bytes in the arena; NULL when size is 0 or
 * memory runs out. */
void *cl_arena_copy(cl_arena *arena, const void *items, size_t size);
char *cl_arena_printf(cl_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cl_arena_free(cl_arena *arena);

/* Decodes one UTF-8 code point at s[0..len); returns its length in bytes
 * (1..4), or 0 when the bytes are not valid UTF-8. */
size_t cl_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
bool cl_is_letter(uint32_t cp);
bool cl_is_upper(uint32_t cp);

/* ASCII case-insensitive comparison of s[0..len) with the NUL-terminated
 * lower-case word. Inline: the extractors ask it of nearly every token. */
static inline bool cl_word_eq(const char *s, size_t len, const char *word)
{
	size_t i;
	for (i = 0; i < len; i++) {
		char a = s[i], b = word[i];
		if (!b)
			return false;
		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (a != b)
			return false;
	}
	return word[len] == '\0';
}
/* The same for s[0..len) and the lower-case word[0..len). */
bool cl_word_eqn(const char *s, const char *word, size_t len);
/* Does s[at..len) begin with the lower-case `word`, ignoring ASCII case? */
bool cl_starts_ci(const char *s, size_t len, size_t at, const char *word);
/* The FNV-1a hash of len bytes. */
uint64_t cl_fnv1a(const char *s, size_t len);
/* Lower-cases s[0..len) (ASCII letters only) into out (size >= len + 1). */
void cl_ascii_lower(char *out, const char *s, size_t len);

/* ---- date.c: calendar arithmetic ------------------------------------------ */

/* Days since 0001-01-01 (proleptic Gregorian) of a day. */
long cl_days_from_civil(int year, int month, int day);
void cl_civil_from_days(long days, int *year, int *month, int *day);
int cl_days_in_month(int year, int month);
/* Converts a Julian-calendar day to the Gregorian calendar. */
void cl_julian_to_gregorian(int *year, int *month, int *day);
/* And back: the Julian-calendar day of a Gregorian one (years after 4713 BC). */
void cl_gregorian_to_julian(int *year, int *month, int *day);

/* The first and last day a date can denote at its precision. */
typedef struct {
	long first, last;
} cl_span;
cl_span cl_date_span(const cl_date *date);

/* The range of whole years a person born in `birth` is old on a day in `at`. */
void cl_age_range(const cl_span *birth, const cl_span *at, int *min_age, int *max_age);

/* Adds n units ('Y', 'M', 'W', 'D') to a date, keeping its precision where
 * the unit allows; a unit finer than the precision leaves the date coarse. */
cl_date cl_date_add(const cl_date *date, int n, char unit);

/* ---- text.c: input decoding and the prose view ---------------------------- */

typedef struct {
	size_t from, to;
} cl_byte_range;

typedef struct {
	const char *orig;  /* the input as given (owned by the result) */
	size_t len;
	char *prose;       /* same length: non-prose bytes replaced by spaces; then
			    * CL_TEXT_PADDING zero bytes, the first its NUL */
	size_t *line_starts;
	size_t line_count;
	size_t invalid_utf8, nul_bytes;
	size_t first_invalid, first_nul; /* byte offsets */
	bool utf16, utf32; /* by the byte-order mark: not read */
	bool bom;          /* a UTF-8 byte-order mark, which no column counts */
	cl_byte_range *regions; /* Markdown code and comments, sorted */
	size_t region_count, region_cap;
	/* the last position asked for: claims and findings come in offset order,
	 * so a long line is not rescanned from its start for each */
	size_t cursor_line, cursor_offset;
	int cursor_column;
	/* a section of a longer text (stream.c): the lines before it, and the
	 * columns of its first line that lie before it; positions count them */
	int line_base, column_base;
} cl_text;

enum { CL_TEXT_PADDING = 64 };

int cl_text_init(cl_text *text, const char *data, size_t len, bool markdown, bool html, cl_error *err);
/* Does the text begin with the byte-order mark of UTF-16 or UTF-32, which
 * are told and not read? */
void cl_text_unreadable(const char *data, size_t len, bool *utf16, bool *utf32);
void cl_text_free(cl_text *text);
/* Line (1-based) and column in code points (1-based) of a byte offset. */
void cl_text_position(cl_text *text, size_t offset, int *line, int *column);
/* Is the byte inside Markdown code or an HTML comment? */
bool cl_text_in_code(const cl_text *text, size_t offset);

/* ---- tokenize.c ------------------------------------------------------------ */

typedef enum { CL_TOK_WORD = 1, CL_TOK_NUMBER, CL_TOK_PUNCT } cl_token_type;

enum {
	CL_TF_CAP = 1 << 0,        /* first letter upper case */
	CL_TF_ALLCAPS = 1 << 1,
	CL_TF_ORDINAL = 1 << 2,    /* 22nd */
	CL_TF_DECADE = 1 << 3,     /* 1950s, 50s, 50's */
	CL_TF_POSSESSIVE = 1 << 4, /* Stalin's: the token covers "Stalin", 's follows */
	CL_TF_SPACE = 1 << 5,      /* white space before the token */
	CL_TF_NEWLINE = 1 << 6,    /* a line break before the token */
	CL_TF_PARAGRAPH = 1 << 7,  /* a blank line before the token */
	CL_TF_GROUPED = 1 << 8,    /* 2,000 */
	CL_TF_LINESTART = 1 << 9,  /* first token of a line */
	CL_TF_QUOTED = 1 << 10     /* inside a quotation (cl_inside_quotes) */
};

typedef struct {
	size_t off;     /* byte offset into the text */
	uint32_t len;   /* bytes */
	uint16_t type;
	uint16_t flags;
	uint32_t cp;    /* punctuation: its code point */
	int32_t num;    /* numbers: the value, or -1 when too large */
	uint8_t digits; /* numbers: how many digits */
	uint32_t sentence;
} cl_token;

typedef struct {
	size_t begin, end; /* token indexes [begin, end) */
} cl_sentence;

typedef struct {
	const cl_text *text;
	CL_ARRAY(cl_token) tokens;
	CL_ARRAY(cl_sentence) sentences;
} cl_tokens;

int cl_tokenize(cl_tokens *out, const cl_text *text);
void cl_tokens_free(cl_tokens *tokens);

/* Helpers over a token stream. */
/* Is token i the word, case-insensitive? */
static inline bool cl_tok_is(const cl_tokens *t, size_t i, const char *word)
{
	const cl_token *tok;
	if (i >= t->tokens.len)
		return false;
	tok = &t->tokens.items[i];
	return tok->type == CL_TOK_WORD && cl_word_eq(t->text->prose + tok->off, tok->len, word);
}
bool cl_tok_punct(const cl_tokens *t, size_t i, uint32_t cp);
bool cl_tok_dash(const cl_tokens *t, size_t i);                       /* - – — */
bool cl_tok_adjacent(const cl_tokens *t, size_t i);                   /* no space before token i */
const char *cl_tok_text(const cl_tokens *t, size_t i);

/* ---- lexicon.c: closed word classes --------------------------------------- */

int cl_month_from_word(const char *s, size_t len);         /* 1..12 or 0 */
int cl_number_word(const char *s, size_t len);             /* "four" -> 4, "twenty-five"; -1 */
int cl_ordinal_word(const char *s, size_t len);            /* "fourth" -> 4; -1 */
bool cl_is_abbreviation(const char *s, size_t len);        /* Mr, Gen, St, ... before '.' */
bool cl_is_title_word(const char *s, size_t len);          /* President, Marshal, ... */
bool cl_is_private_title(const char *s, size_t len);       /* Sister, Uncle, Corporal: not a public figure */
bool cl_is_depiction_word(const char *s, size_t len);      /* portrait, statue, mausoleum: not the person */
bool cl_is_preposition(const char *s, size_t len);
bool cl_is_function_word(const char *s, size_t len);       /* words that may follow a year */
bool cl_is_quantity_noun(const char *s, size_t len);       /* men, tanks, miles ... */
bool cl_is_unit_noun(const char *s, size_t len);           /* Army, Division, Congress, century ... */
bool cl_is_eponym_head(const char *s, size_t len);         /* Prize, Doctrine, Plan, Line ... */
bool cl_is_common_word_name(const char *s, size_t len);    /* Marshall, Bush, Long, Major ... */
bool cl_is_subordinator(const char *s, size_t len);        /* after, when, if, ... */
bool cl_is_timex_trigger(const char *s, size_t len);       /* may open a date or an age */
bool cl_is_action_verb(const char *s, size_t len);         /* said, ordered, met ... */
bool cl_is_meeting_verb(const char *s, size_t len);        /* met, visited ... + a living person */
bool cl_is_retrospective_word(const char *s, size_t len);  /* future, later, former, now ... */
bool cl_is_origin_word(const char *s, size_t len);         /* founded, roots, successor ... */
bool cl_is_event_head(const char *s, size_t len);          /* siege, battle ... (of PLACE) */

/* ---- claims: what the extractors found ------------------------------------ */

typedef enum {
	CL_CAL_UNSPECIFIED = 0,
	CL_CAL_JULIAN,   /* marked O.S. and converted to Gregorian */
	CL_CAL_GREGORIAN /* marked N.S. */
} cl_calendar_mark;

typedef struct {
	cl_date date;          /* the date this expression names (a range endpoint: its own) */
	cl_date range_begin;   /* ranges: the first and last date of the whole range */
	cl_date date_end;
	bool is_range;
	bool is_relative;      /* resolved against the reference date */
	bool unresolved;       /* relative or partial, and no reference date */
	bool moves_narrative;  /* this date moves the narrative reference date */
	bool local;            /* a flashback's date ("In 1930 he had built ..."): it sets its own
				* sentence's date but does not move the narrative */
	cl_calendar_mark calendar;
	cl_date anchor;
	cl_date alt;           /* a partial date whose year is in doubt: the other candidate */
	int dur_amount;        /* durations: -1 for "several" */
	char dur_unit;         /* Y M W D H, 'E' decade, 'C' century */
} cl_timex;

typedef struct {
	int lo, hi;            /* the age or age range claimed */
	bool hypothetical;     /* would be, if ... had lived */
	bool parenthood;       /* a parent at this age */
} cl_age;

/* Who a mention or claim is about: a database person, or one the document introduces. */
typedef struct {
	int db_index;          /* index into the db's people, or -1 */
	int doc_index;         /* index into the document's own people, or -1 */
	/* a bare surname resolved by context: the other people it could name */
	int namesakes[3];
	int namesake_count;
} cl_who;

/* A sentence of death is not a death: it establishes nothing, but after the
 * point of divergence it can depart from real history. */
typedef enum { CL_LIFE_SPAN, CL_LIFE_BIRTH, CL_LIFE_DEATH, CL_LIFE_SENTENCE } cl_life_kind;

/* How the text says a person died, or that they were sentenced to death. */
typedef enum { CL_FATE_NONE = 0, CL_FATE_DIED, CL_FATE_EXECUTED, CL_FATE_KILLED, CL_FATE_SUICIDE,
	       CL_FATE_SENTENCED } cl_fate;

/* "died", "was executed", "killed himself", "was sentenced to death" */
const char *cl_fate_verb(cl_fate fate);

typedef struct {
	cl_life_kind what;
	cl_fate fate;                /* deaths and sentences: how */
	size_t fate_tok;             /* its verb: a fate with no stated date is set at the verb's date */
	cl_date born, died;          /* as the text states them (precision NONE: not stated) */
	size_t born_tok, died_tok;   /* the token of each stated year, for fixes */
	size_t born_off, born_len, died_off, died_len;
} cl_life;

/* Why a sentence is set at its reference date (DESIGN.md §1). */
typedef enum {
	CL_REF_NONE = 0,
	CL_REF_SETTING,  /* the document's setting (--setting or a directive) */
	CL_REF_EXPLICIT, /* a date in the text */
	CL_REF_HEADER,   /* a scene header or a dated entry */
	CL_REF_RELATIVE, /* a relative date resolved ("two days later") */
	CL_REF_CARRIED   /* carried from an earlier sentence */
} cl_narrative_reason;

const char *cl_narrative_reason_name(cl_narrative_reason reason);

typedef struct {
	cl_claim_kind kind;
	size_t tok_begin, tok_end;  /* tokens [begin, end) */
	size_t offset, length;      /* bytes */
	uint32_t sentence;
	cl_timex timex;
	cl_age age;
	cl_life life;
	cl_who who;
	bool who_ambiguous;         /* several people could be meant */
	cl_verdict verdict;
	const char *verdict_note;   /* arena */
	const char *narrative;      /* arena: reference date after the claim */
	cl_narrative_reason narrative_reason;
	bool header;                /* a date that is a scene header */
	int fact;                   /* offices, events, places, entities, terms: the entry's index */
	int fact_sub;               /* places: which of its names; else -1 */
	bool subject;               /* a person mention in subject position */
	bool eponym;                /* a person mention inside a name ("Stalin Prize") */
	size_t url;                 /* kind url: index into doc->urls */
} cl_xclaim;

typedef CL_ARRAY(cl_xclaim) cl_claims;

/* ---- db.c: the facts database ---------------------------------------------- */

typedef struct {
	cl_date date;
	cl_date os;        /* the Old Style form, or precision NONE */
	const char *reason;
} cl_db_alt_date;

typedef struct {
	const char *id, *qid, *name, *note;
	const char *file;  /* the rules file, for evidence */
	int line;
	cl_date born, died;         /* died: precision NONE while alive */
	cl_date born_os, died_os;   /* Old Style forms, when given */
	cl_db_alt_date born_alt[2], died_alt[2];
	int born_alt_count, died_alt_count;
	const char **surnames;
	size_t surname_count;
	uint32_t surname_alone;     /* bit k: surnames[k] names the person on its own */
	const char **aliases;
	size_t alias_count;
	const char *sources;        /* first source URL */
} cl_person;

/* The kinds of entry besides people; every string and array lives in the db's arena. */
typedef enum { CL_KIND_OFFICE, CL_KIND_EVENT, CL_KIND_PLACE, CL_KIND_ENTITY, CL_KIND_TERM, CL_KIND_WORK,
	       CL_KIND_COUNT } cl_fact_kind;

/* A name in an index: a sequence of lower-cased tokens that names a person
 * (the people's index) or another entry (the facts' index). */
typedef struct {
	const char *words;  /* the tokens, lower-cased, separated by single spaces */
	int word_count;
	int index;          /* into the people, or into the entries of `kind` */
	cl_fact_kind kind;  /* facts' index only */
	int sub;            /* places: which of the place's names; else -1 */
	bool has_capital;   /* the name as written has an upper-case letter */
	bool surname_only;  /* a surname: needs context, a title, or `alone` */
	bool alone;         /* a surname English prose uses on its own for this person */
} cl_name_entry;


/* What every entry has: identity, names, provenance. */
typedef struct {
	const char *id, *qid, *name, *note, *source;
	const char **aliases;
	size_t alias_count;
	const char *file;
	int line;
} cl_fact_head;

/* A dated fact: precision NONE when absent. */
typedef struct {
	cl_date date, os;
	cl_db_alt_date alt[2];
	int alt_count;
} cl_fact_date;

/* A span of time; an open end has precision NONE. */
typedef struct {
	cl_date from, to;
} cl_period;

typedef struct {
	int person;        /* index into the people */
	const char *person_id;
	cl_period held;
	int line;
} cl_tenure;

typedef struct {
	cl_fact_head head;
	bool rank;
	const char *state;          /* an entity id, or NULL */
	const char **titles;
	size_t title_count;
	cl_tenure *tenures;
	size_t tenure_count;
} cl_office;

typedef struct {
	cl_fact_head head;
	const char *type;
	cl_fact_date start, end;    /* a one-day event has no end */
	bool one_day;
} cl_event;

typedef struct {
	const char *name;
	const char **aliases;
	size_t alias_count;
	cl_period valid;
	int line;
} cl_place_name;

typedef struct {
	cl_fact_head head;          /* head.name: the latest name */
	cl_place_name *names;       /* in order */
	size_t name_count;
} cl_place;

typedef struct {
	cl_fact_head head;
	const char *type;
	cl_fact_date founded, dissolved;
	const char **predecessors, **successors;
	size_t predecessor_count, successor_count;
} cl_entity;

/* A pattern the forms of a term are found by (rules <pattern>, patterns.c). */
typedef struct {
	const char *source;
	int line;
} cl_term_pattern;

/* The limits of rules patterns (patterns.c, documented in SECURITY.md). */
enum {
	CL_PATTERN_MAX_BYTES = 512,      /* of one pattern's source */
	CL_PATTERN_MAX_NESTING = 16,     /* parentheses within parentheses */
	CL_PATTERN_MAX_COUNT = 256,      /* in one database: each is a pass over the text */
	CL_PATTERN_MATCH_LIMIT = 100000, /* backtracking steps from one starting point */
	CL_PATTERN_DEPTH_LIMIT = 1000,   /* nested backtracking points (the interpreter) */
	CL_PATTERN_HEAP_KIB = 4096       /* memory the interpreter may take for one match */
};

/* The compiled patterns of a database (patterns.c). */
typedef struct cl_patterns cl_patterns;
const cl_patterns *cl_db_patterns(const cl_db *db);

typedef struct {
	cl_fact_head head;
	const char *type, *basis;
	cl_fact_date first;
	cl_term_pattern *patterns;
	size_t pattern_count;
} cl_term;

typedef struct {
	const char *name;
	const char *person_id;      /* NULL for an author the db has no entry for */
	int person;                 /* index into the people, or -1 */
} cl_author;

typedef struct {
	cl_fact_head head;          /* head.name: the title */
	const char *type;
	cl_author *authors;
	size_t author_count;
	cl_fact_date published;
} cl_work;

size_t cl_db_person_count(const cl_db *db);
const cl_person *cl_db_person(const cl_db *db, size_t index);
/* The names whose first token is `word` (lower-cased), longest first; *count is set. */
const cl_name_entry *const *cl_db_names_starting(const cl_db *db, const char *word, size_t len, size_t *count);
/* Is the single word a whole name (a surname, an alias) of a person in the database? */
bool cl_db_names_a_person(const cl_db *db, const char *word, size_t len);
/* The same for the names of offices, events, places, entities, terms and works. */
const cl_name_entry *const *cl_db_fact_names_starting(const cl_db *db, const char *word, size_t len,
						      size_t *count);
size_t cl_db_fact_count(const cl_db *db, cl_fact_kind kind);
/* The index-th entry of a kind: a cl_office, cl_event, ... as the kind says. */
const void *cl_db_fact(const cl_db *db, cl_fact_kind kind, size_t index);
const cl_fact_head *cl_db_fact_head(const cl_db *db, cl_fact_kind kind, size_t index);

/* A single-word name a misspelling may be of (db_words.c). */
typedef struct {
	const char *name, *lower;  /* a surname, alias or place name, and its lower case */
	const char *canonical;     /* what to write instead: the entry's own surname or name */
	const char *id, *qid;
} cl_spelling_target;

/* Is a system word list available ($CHRONOLINT_WORDS, "off", or /usr/share/dict/words)?
 * The first call reads it. */
bool cl_db_has_words(const cl_db *db);
/* Did memory run out while the word list or the names were built on first
 * use? They are partial then, and a check that used them cannot be trusted. */
bool cl_db_words_failed(const cl_db *db);
/* Is the lower-case word in the word list? */
bool cl_db_is_word(const cl_db *db, const char *lower, size_t len);
/* The single-word names whose lower-case form starts with `first`. */
const cl_spelling_target *cl_db_spelling_targets(const cl_db *db, char first, size_t *count);

/* "Chiang Kai-shek" -> "chiang kai - shek": the tokens prose would give. */
char *cl_db_name_words(cl_arena *a, const char *name, int *count);

/* db.c: a whole file read into memory (at most 64 MiB); the caller frees it. */
char *cl_read_file(const char *path, size_t *len);

/* xml.c: sets libxml2 up once per process (its globals, and an external-entity
 * loader that refuses everything); call before any libxml2 parse. */
void cl_xml_init(void);
/* Reads an XML file of the database: no DOCTYPE, entity, DTD, network or
 * file beyond it, at most 256 levels deep. Every problem goes to `diag` as
 * FILE:LINE: message; NULL after at least one. The caller frees the
 * document with xmlFreeDoc. */
struct _xmlDoc *cl_xml_read_file(const char *path, cl_diag_fn diag, void *payload);
struct _xmlError;
/* The text of a libxml2 error for FILE:LINE: messages, without its line end;
 * false for a warning (not a problem) or no error. */
bool cl_xml_error_text(const struct _xmlError *e, char *msg, size_t size);

/* rules_doc.c */
typedef struct cl_rule_docs cl_rule_docs;
int cl_rule_docs_load(cl_rule_docs **out, const char *path, cl_diag_fn diag, void *payload);
void cl_rule_docs_free(cl_rule_docs *docs);
/* Appends a rule (in id order) whose strings outlive the docs; creates *docs if NULL. */
int cl_rule_docs_add(cl_rule_docs **docs, const cl_rule_doc *rule);
size_t cl_rule_docs_count(const cl_rule_docs *docs);
const cl_rule_doc *cl_rule_docs_at(const cl_rule_docs *docs, size_t i);
const cl_rule_docs *cl_db_rule_docs(const cl_db *db);

/* ---- the document being checked ------------------------------------------- */

/* A person the document itself introduces ("John Hale (1901-1960)"). */
typedef struct {
	char *name;        /* arena */
	char *surname;     /* arena */
	cl_span born;      /* what the document has established, first..last day */
	bool born_known;
	cl_span died;
	bool died_known;
	cl_fate died_how;
	int born_line, died_line;
	const char *born_file, *died_file; /* an earlier file of the manuscript, or NULL: this one */
} cl_doc_person;

/* A database person's death as the document tells it. */
typedef struct {
	int person;        /* index into the db's people */
	cl_span when;
	cl_fate how;
	int line;
	const char *file;  /* an earlier file of the manuscript, or NULL: this one */
} cl_doc_death;

/* A disable directive: rule (NULL: every rule) off on lines [from, to]. */
typedef struct {
	const char *rule;
	int from, to;
	bool block;        /* disable=...: open until enable=... */
	bool used;         /* it silenced a finding */
	bool carried;      /* from an earlier section (stream.c): not this text's to report */
	size_t off, len;   /* the directive, for reports */
} cl_suppression;

/* A link the document cites (urls.c). */
typedef struct {
	size_t off, len;   /* the link as written */
	const char *url;   /* the address to fetch (arena), or NULL: malformed or truncated */
} cl_doc_url;

/* A quotation the document attributes to a cited link (urls.c). */
typedef struct {
	size_t off, len;   /* the quoted words, inside the quotation marks */
	size_t url;        /* index into doc->urls */
} cl_doc_quote;

/* The narrative reference date at the start of a sentence. */
typedef struct {
	cl_date date;
	cl_date alt;   /* a year in doubt: the other candidate (precision NONE if none) */
	cl_narrative_reason why;
	bool near;     /* the date still holds: same paragraph, a scene, the setting */
} cl_sentence_time;

/* cl_sentence_refs's reference date as it walks the sentences. */
typedef struct {
	cl_date ref, alt;
	cl_narrative_reason why;
	bool near, header;
} cl_narrative_state;

/* What a section of a text checked in sections (stream.c) hands the next: the
 * state a check of the whole text would hold at that point. People and deaths
 * go through the story (story.c); the settings through the options. */
typedef struct {
	bool valid;              /* a section came before */
	bool more;               /* another section follows this one */
	bool mid_paragraph;      /* this section begins inside a paragraph */
	/* cl_resolve_narrative's reference date */
	cl_date ref, ref_alt;
	cl_narrative_reason why;
	/* cl_sentence_refs's, with the notes cited and a note being read */
	cl_narrative_state state, saved;
	bool in_note;
	cl_sentence_time notes[100];
	/* per db person, the sentence of the last full mention (counted over
	 * the whole text), or -1; sentence_base: the sentences before */
	int *person_context;
	size_t person_count;
	int sentence_base;
	CL_ARRAY(int) diverged;             /* see cl_doc.diverged */
	CL_ARRAY(cl_suppression) suppressions; /* disables still open past the section */
} cl_carry;

typedef struct cl_doc {
	const cl_db *db;
	const cl_check_options *opts;
	const char *name;
	cl_text text;
	cl_tokens tokens;
	cl_claims claims;
	size_t sorted_claims; /* claims[0..sorted_claims) are in token order */
	CL_ARRAY(cl_doc_person) people;
	CL_ARRAY(cl_doc_death) deaths;
	CL_ARRAY(cl_suppression) suppressions;
	CL_ARRAY(int) diverged; /* db people whose life past their real death was reported */
	CL_ARRAY(cl_doc_url) urls;
	CL_ARRAY(cl_doc_quote) quotes;
	CL_ARRAY(cl_finding) findings;
	cl_arena arena;
	/* a claim could not be kept where the extractor cannot say so (its
	 * matchers answer "no match"); the check ends with CL_ERR_NOMEM */
	bool out_of_memory;
	const char *pattern_problem; /* a rules pattern gave up on this text (patterns.c) */
	int *person_context; /* per db person: last sentence a full mention appeared, or -1 */
	uint8_t *tok_used;   /* per token: claimed by an extractor (CL_USED_*) */
	cl_sentence_time *sentence_time; /* per sentence: the reference date at its start */
	cl_carry *carry; /* a section of a longer text: what the sections before left, and
			  * what this one leaves (stream.c); NULL for a whole text */
} cl_doc;

enum { CL_USED_AGE = 1, CL_USED_DATE = 2, CL_USED_PERSON = 4, CL_USED_FACT = 8 };

/* Extractors, in pipeline order. Each appends to doc->claims. */
int cl_extract_timex(cl_doc *doc);
int cl_extract_people(cl_doc *doc);
int cl_extract_ages(cl_doc *doc);
int cl_extract_lifespans(cl_doc *doc);
/* facts.c: offices, events, places, entities and terms. Names of more than one
 * word and names no person bears go first (before people, so that "the
 * Molotov–Ribbentrop Pact" is an event); the rest after people. */
int cl_extract_facts(cl_doc *doc, bool after_people);
/* patterns.c: terms found by their rules patterns where no name was found. */
int cl_extract_term_patterns(cl_doc *doc);
/* The fact kind of a claim kind, or CL_KIND_COUNT. */
cl_fact_kind cl_claim_fact_kind(cl_claim_kind kind);
/* Resolves relative dates and keeps the narrative reference date. */
int cl_resolve_narrative(cl_doc *doc);
/* Fills doc->sentence_time: the reference date at the start of each sentence. */
void cl_sentence_refs(cl_doc *doc);

/* mentions.c: does the name's token sequence `words` match the text at token i
 * (within one sentence, over tokens no date or age claimed unless `numbers` lets
 * a number token of the name through)? Sets *end to the token after it. */
bool cl_name_matches(const cl_doc *doc, size_t i, const char *words, bool numbers, size_t *end);

/* mentions.c: who a pronoun or an unattached claim at token `tok` is about.
 * Returns the number of distinct candidates (0: none); the first goes to *out,
 * the others (up to max_alts) to alts. */
int cl_antecedent(const cl_doc *doc, size_t tok, cl_who *out, cl_who *alts, int max_alts);
/* The index of the first claim whose first token is at or after `tok`. */
size_t cl_claims_from_token(const cl_doc *doc, size_t tok);

/* Checks, one claim at a time in document order, so that what the document
 * establishes first is what it is held to later. */
int cl_check_life_claim(cl_doc *doc, size_t index);
int cl_check_age_claim(cl_doc *doc, size_t index);

/* report_json.c: a JSON string of `len` bytes, escaped, in quotes */
void cl_json_string(FILE *out, const char *s, size_t len);

/* report_text.c and report_json.c: the two finding writers */
int cl_report_text(FILE *out, const cl_result *result, const cl_report_options *opts);
int cl_report_json(FILE *out, const cl_result *result, const cl_report_options *opts);

/* report.c: the formats that wrap a whole run (report_sarif.c, report_github.c,
 * report_checkstyle.c, report_junit.c). begin makes the state, add takes the
 * results in input order, finish closes the document; free is called in every
 * case, after a failed begin too (with *state as begin left it). Each returns
 * CL_OK, CL_ERR_NOMEM or CL_ERR_IO. */
typedef struct {
	int (*begin)(void **state, FILE *out, const cl_db *db, const cl_report_options *opts);
	int (*add)(void *state, const cl_result *result);
	int (*finish)(void *state);
	void (*free)(void *state);
} cl_report_writer;

extern const cl_report_writer cl_sarif_writer, cl_github_writer, cl_checkstyle_writer, cl_junit_writer;

/* The findings of `result` the report shows: those at or above opts->min_severity. */
size_t cl_report_count(const cl_result *result, const cl_report_options *opts);
/* A NUL-terminated copy of s[0..len) that is valid UTF-8 and, with `xml`, holds
 * only characters XML 1.0 allows: anything else becomes U+FFFD. NULL for NULL
 * or when memory runs out; the caller frees it. */
char *cl_report_clean(const char *s, size_t len, bool xml);
/* What a failed libxml2 writer call (or cl_report_clean) means: CL_ERR_NOMEM
 * when errno says memory ran out (malloc sets ENOMEM, ours and libxml2's),
 * else CL_ERR_IO. The writer clears errno before it starts. */
int cl_report_xml_error(void);

/* check.c: helpers for extractors and checks */
int cl_claims_add(cl_doc *doc, const cl_xclaim *claim);
int cl_claims_sort(cl_doc *doc);
/* Adds a finding for the byte span; strings are copied. */
int cl_finding_add(cl_doc *doc, const char *rule, cl_severity severity, size_t offset, size_t length,
	const char *message, const char *found, const char *expected, const char *evidence, const char *fix);
/* Is a departure from real history wholly after the point of divergence (both the
 * claimed and the real date at or after it)? Such a departure is a divergence. */
bool cl_after_pod(const cl_doc *doc, const cl_span *claimed, const cl_span *real);
/* directives.c: the settings in the text's directives go into `opts` (unless the
 * caller fixed them) before the checks; after them, the disables, the
 * configured rule states and the report of unused disables are applied. */
int cl_directives_read(cl_doc *doc, cl_check_options *opts);
int cl_directives_apply(cl_doc *doc);
/* story.c: a manuscript's facts go into each file's document before its
 * checks, and what the file established comes back out after them. */
int cl_story_preload(const cl_story *story, cl_doc *doc);
int cl_story_absorb(cl_story *story, const cl_doc *doc);
/* The days a fact's date can denote, its alternatives included, and from its
 * Old Style form on when `os` is given (a text may use either calendar). */
cl_span cl_fact_bound(const cl_date *main, const cl_date *os, const cl_db_alt_date *alts, int count);
/* Sets the date of the finding added last (the ledger's order). */
void cl_finding_set_date(cl_doc *doc, const cl_date *date);
/* "document:FILE:LINE" for what the document (or an earlier file of its
 * manuscript, when `file` is not NULL) established at `line`. */
const char *cl_doc_evidence(cl_doc *doc, const char *file, int line);
/* "line 12 of this document" or "chapter1.md:12", for messages. */
const char *cl_doc_where(cl_doc *doc, const char *file, int line);
/* The death the document established for a database person, or NULL. */
const cl_doc_death *cl_doc_death_of(const cl_doc *doc, int person);
/* The person a who refers to, for messages ("Nikolai Bukharin"). */
const char *cl_who_name(const cl_doc *doc, const cl_who *who);
/* Evidence text for an entry: "rules:ID (QID)", or "facts:FILE:LINE (ID)" for an
 * author's own fact, which has no Wikidata item. */
const char *cl_fact_evidence(cl_doc *doc, const char *id, const char *qid, const char *file, int line);
/* Evidence text for a database person. */
const char *cl_person_evidence(cl_doc *doc, const cl_person *p);
/* The date a claim in sentence `sentence` at token `tok` is bound to: a date in the
 * same clause, else the sentence's reference date. Returns false when none. */
bool cl_bound_date(const cl_doc *doc, size_t tok, cl_date *date, cl_span *span);
/* The date a timeline claim at token `tok` is set at: a narrative date of its
 * own sentence (its clause first, else an earlier one), else the sentence's
 * reference date while it holds. Life dates, ranges and dates in parentheses
 * do not count. *own_sentence says which. False when there is none. */
bool cl_setting_date(const cl_doc *doc, size_t tok, cl_date *date, cl_span *span, bool *own_sentence);
/* Is token tok inside quotation marks (within its paragraph)? */
bool cl_inside_quotes(const cl_doc *doc, size_t tok);
/* A counterfactual sentence: opening with "Had", "If" or "Were", or with
 * "would/might/could have". */
bool cl_counterfactual(const cl_doc *doc, size_t tok);
/* Does a word of the class occur among tokens [begin, end)? */
bool cl_window_has(const cl_doc *doc, size_t begin, size_t end, bool (*word_class)(const char *, size_t));
void cl_sentence_bounds(const cl_doc *doc, size_t tok, size_t *begin, size_t *end);
/* Another claim of the kind and fact index in tok's sentence; its index to *found. */
bool cl_claim_in_sentence(const cl_doc *doc, size_t tok, cl_claim_kind kind, int fact, size_t *found);
/* The timeline checks (check_alive.c, check_office.c, check_event.c,
 * check_anachronism.c, check_spelling.c), one claim at a time. */
int cl_check_alive(cl_doc *doc, size_t index);
int cl_check_office(cl_doc *doc, size_t index);
int cl_check_event(cl_doc *doc, size_t index);
int cl_check_anachronism(cl_doc *doc, size_t index);
int cl_check_spelling(cl_doc *doc);

/* urls.c: the links of the text (plain, Markdown, HTML href, BBCode [url]),
 * claims of kind url, url-malformed, url-truncated and url-wrapper, and the
 * quotations attributed to a link. Reads the original text, not the prose. */
int cl_extract_urls(cl_doc *doc);
/* citations.c: works cited, read or quoted, and bibliographic references
 * (claims of kind citation); cite-before-publication for one claim. */
int cl_extract_citations(cl_doc *doc);
int cl_check_citation(cl_doc *doc, size_t index);
/* A finding added after cl_check() (the online checks): the directives and
 * rule settings of the document apply to it as to the others, and the
 * findings stay in offset order. Strings are copied. */
int cl_finding_add_late(cl_doc *doc, const char *rule, cl_severity severity, size_t offset, size_t length,
	const char *message, const char *found, const char *expected, const char *evidence, const char *fix);
/* The document of a result, for the online checks. */
cl_doc *cl_result_doc(cl_result *result);
/* check.c: the per-token and per-sentence state of a tokenized document
 * (CL_OK or CL_ERR_NOMEM), and everything a document holds freed (the
 * document is left zeroed). The pipeline and the fuzz targets use both. */
int cl_doc_prepare(cl_doc *doc);

/* A section of a longer text (stream.c): where it begins, and the state that
 * goes from section to section. */
typedef struct {
	int line_base, column_base; /* see cl_text */
	cl_carry *carry;
} cl_section;

/* What a result says of its input (cl_result_input_problem). */
typedef struct {
	bool utf16, utf32;
	size_t invalid_utf8, nul_bytes;
	int invalid_line, invalid_column, nul_line, nul_column; /* the first of each */
	const char *pattern_problem;
} cl_input_state;

void cl_doc_input_state(cl_doc *doc, cl_input_state *in);

/* The result of a text checked in sections: made empty, given the findings of
 * each section's result (their offsets moved by the bytes before the
 * section), then the input problems of the whole. It keeps no text and no
 * claims. Each returns CL_OK or CL_ERR_NOMEM. */
int cl_result_new_sections(cl_result **out, const cl_db *db, const char *name, const cl_check_options *opts);
int cl_result_take_findings(cl_result *whole, const cl_result *part, size_t offset_base);
int cl_result_end_sections(cl_result *whole, const cl_input_state *input);

/* cl_check() for a section: the result's positions are those of the whole
 * text, apart from byte offsets, which count from the section's start. */
int cl_check_section(cl_result **out, const cl_db *db, const char *name, const char *text, size_t len,
		     const cl_check_options *opts, const cl_section *section, cl_error *err);
/* The number of a sentence of the document counted over the whole text, for
 * a section of a longer one. */
int cl_doc_sentence_number(const cl_doc *doc, uint32_t sentence);
void cl_doc_release(cl_doc *doc);

/* html.c: the prose view of an HTML page (`prose` has len + 1 bytes): the
 * text of the page at its own byte offsets, every other byte a space
 * (line ends kept), entities decoded in place and padded with spaces, a
 * paragraph break where a block element begins or ends; script, style and
 * comments blank. Parsed with libxml2's HTML parser. Returns CL_OK or
 * CL_ERR_NOMEM. */
int cl_html_prose(char *prose, const char *html, size_t len);
/* The text of a page, for quotations: block elements on lines of their own,
 * script and style left out. *out (NUL-terminated, *out_len bytes) is new:
 * the caller frees it. Returns CL_OK or CL_ERR_NOMEM. */
int cl_html_text(char **out, size_t *out_len, const char *html, size_t len);
/* Does the text look like an HTML page (a doctype or an <html> element near the start)? */
bool cl_html_sniff(const char *data, size_t len);

/* quote.c: where a quotation is in a page's text. Case, white space,
 * typographic quotes and dashes are normalised; an ellipsis in the quotation
 * stands for words left out, square brackets for words an editor added;
 * small differences are tolerated. */
typedef struct {
	bool found;
	double similarity;   /* 0..1 of the closest passage */
	size_t off, len;     /* the closest passage in the page's text */
} cl_quote_match;
/* Returns CL_OK, CL_ERR_NOMEM, or CL_ERR_LIMIT for a quotation of more than
 * 1,000 words (not looked for). */
int cl_quote_find(cl_quote_match *match, const char *text, size_t text_len, const char *quote, size_t quote_len);

/* "on 9 October 1888", "in October 1888", "in 1888" */
const char *cl_date_with_preposition(cl_arena *arena, const cl_date *date);
/* Human forms: "9 October 1888", "October 1888", "1888". */
const char *cl_date_human(cl_arena *arena, const cl_date *date);

#endif
