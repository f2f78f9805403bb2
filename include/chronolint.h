/*
 * chronolint.h - the public interface of libchronolint.
 *
 * libchronolint finds the historical claims in a text (dates, ages, people,
 * life spans) and checks them against a curated database of facts.
 *
 * Conventions (after libgit2):
 *  - Functions that can fail return an int: CL_OK (0) or a negative cl_error_code,
 *    and fill a caller-supplied cl_error with a message.
 *  - Output parameters come first.
 *  - Every handle is opaque; each doc comment says who frees what.
 *  - No global mutable state: distinct handles may be used from distinct threads;
 *    a cl_db may be shared by many threads once opened (it is read-only).
 */
#ifndef CHRONOLINT_H
#define CHRONOLINT_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CL_VERSION "0.1.0"

/* ---- errors ----------------------------------------------------------- */

typedef enum {
	CL_OK = 0,
	CL_ERR_NOMEM = -1,   /* an allocation failed */
	CL_ERR_IO = -2,      /* a file could not be read or written */
	CL_ERR_PARSE = -3,   /* a rules or input file is malformed */
	CL_ERR_INVALID = -4, /* an argument is out of range */
	CL_ERR_NOTFOUND = -5,
	CL_ERR_LIMIT = -6    /* an input exceeds a documented limit */
} cl_error_code;

typedef struct {
	int code;
	char message[512];
} cl_error;

/* ---- dates -------------------------------------------------------------- */

typedef enum {
	CL_PREC_NONE = 0,
	CL_PREC_DAY,
	CL_PREC_MONTH,
	CL_PREC_SEASON,
	CL_PREC_YEAR,
	CL_PREC_DECADE,
	CL_PREC_CENTURY,
	CL_PREC_CIRCA /* a year, give or take two */
} cl_precision;

/* A calendar date at some precision. Years are astronomical (1 BC is 0).
 * Fields finer than the precision are 0. A season is held in month as
 * 13 (spring), 14 (summer), 15 (autumn), 16 (winter). */
typedef struct {
	int year;
	int month;
	int day;
	cl_precision precision;
} cl_date;

/* Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (the command-line date forms).
 * Returns CL_OK or CL_ERR_INVALID. */
int cl_date_parse(cl_date *out, const char *text);

/* Writes the TIMEX value of a date ("1941-06-22", "1941", "194", "19",
 * "BC0264", "1945-SP") into buf; returns the length written. */
size_t cl_date_format(char *buf, size_t size, const cl_date *date);

/* ---- the facts database ------------------------------------------------ */

typedef struct cl_db cl_db;

/* Called once for each problem found while loading or checking a database. */
typedef void (*cl_diag_fn)(void *payload, const char *file, int line, const char *message);

/* Opens the database in directory `rules_dir` (every *.xml file in it that has
 * a schema in the same directory). Problems are reported through `diag` (may be
 * NULL); any problem makes the call fail with CL_ERR_PARSE.
 * On success *out is a new handle: the caller frees it with cl_db_free().
 * The XML is read as untrusted (see SECURITY.md): before its first parse the
 * library sets libxml2's external-entity loader, process-wide, to one that
 * refuses everything; a program that needs its own loader sets it after. */
int cl_db_open(cl_db **out, const char *rules_dir, cl_diag_fn diag, void *payload, cl_error *err);

/* Like cl_db_open, and runs the consistency checks of `chronolint db check`
 * (schema, duplicate ids and QIDs, dates in order, ambiguous aliases).
 * Returns the number of problems reported through `diag`, or a negative
 * cl_error_code when the check itself could not run. */
int cl_db_check(const char *rules_dir, cl_diag_fn diag, void *payload, cl_error *err);

/* Like cl_db_open, then reads the author's own facts files (the same format,
 * validated by the schema in `rules_dir`) over it. An entry whose id is already
 * in the database replaces it; others are added. Problems are reported as
 * FILE:LINE: message and make the call fail with CL_ERR_PARSE. */
int cl_db_open_with_facts(cl_db **out, const char *rules_dir, const char *const *facts, size_t facts_count,
	cl_diag_fn diag, void *payload, cl_error *err);

void cl_db_free(cl_db *db);

/* Counts of entries per kind: "people", "offices", "tenures", "events",
 * "places", "place-names", "entities", "terms", "works", "names", "rules".
 * Returns -1 for an unknown kind. */
long cl_db_count(const cl_db *db, const char *kind);

/* Writes what the database knows about every entry (person, office, event,
 * place, state or organisation, term, work) whose id, name, alias or surname is
 * `name` (case-insensitive) to `out`, one block per entry. Returns the number
 * of entries printed. */
int cl_db_lookup(const cl_db *db, const char *name, FILE *out);

/* ---- rule documentation ----------------------------------------------- */

typedef struct {
	const char *id;          /* "lifespan-mismatch" */
	const char *severity;    /* default: "error", "warning" or "info" */
	const char *summary;     /* one line */
	const char *description; /* what it finds and why it matters */
	const char *bad;         /* an example that is reported */
	const char *good;        /* the same example, corrected */
	const char *silence;     /* how to silence it */
	const char *limits;      /* known limits */
	const char *help_uri;    /* where the documentation is published, or NULL */
} cl_rule_doc;

/* The rules documented in the database, in id order. The pointers live as
 * long as `db`. */
size_t cl_db_rule_count(const cl_db *db);
const cl_rule_doc *cl_db_rule(const cl_db *db, size_t index);
const cl_rule_doc *cl_db_rule_find(const cl_db *db, const char *id);

/* Writes the documentation of every rule as JSON Lines, one object per rule
 * with the fields of cl_rule_doc (`--list-rules --format json`, from which the
 * man page's RULES section is made). Returns CL_OK or CL_ERR_IO. */
int cl_rules_write_json(FILE *out, const cl_db *db);

/* ---- checking ------------------------------------------------------------ */

typedef enum { CL_SEV_INFO = 0, CL_SEV_WARNING = 1, CL_SEV_ERROR = 2 } cl_severity;

/* "error", "warning" or "info". */
const char *cl_severity_name(cl_severity severity);

typedef enum {
	CL_KIND_ESSAY = 0, /* the default: a narrator writing about the past */
	CL_KIND_MANUSCRIPT,
	CL_KIND_FORUM
} cl_doc_kind;

/* What configuration makes of a rule: off, on at its default severity, or on
 * at another severity. */
typedef enum { CL_RULE_ON = 0, CL_RULE_OFF, CL_RULE_INFO, CL_RULE_WARNING, CL_RULE_ERROR } cl_rule_state;

typedef struct {
	const char *rule;    /* a rule id */
	cl_rule_state state;
} cl_rule_setting;

/* A manuscript: the files of one story checked in order. What a file
 * establishes (a death, an execution, a birth year) holds for the files after
 * it. Create one with cl_story_new(), pass it in cl_check_options.story to each
 * cl_check() in reading order (not from two threads at once), free it with
 * cl_story_free() after the last result that used it is freed. */
typedef struct cl_story cl_story;

int cl_story_new(cl_story **out);
void cl_story_free(cl_story *story);

/* Which settings the caller fixed (the command line): a directive in the text
 * does not override them. */
enum { CL_FIXED_POD = 1, CL_FIXED_SETTING = 2, CL_FIXED_KIND = 4 };

typedef struct {
	unsigned int version;
	cl_date setting;     /* the document's setting; precision NONE when unset */
	cl_date pod;         /* point of divergence; precision NONE when unset */
	cl_doc_kind kind;
	int markdown;        /* 1: skip code spans, fenced code and link targets */
	/* version 2 */
	const cl_rule_setting *rules; /* applied in order, the last one for a rule wins */
	size_t rule_count;
	unsigned int fixed;  /* CL_FIXED_*: settings directives may not change */
	cl_story *story;     /* the manuscript this file belongs to, or NULL */
	int report_unused_disables; /* 1: a disable directive that silenced nothing is reported */
	/* version 3 */
	int html;            /* 1: the input is an HTML page: only its text is prose;
	                      * 2: it is when it looks like one (a doctype or <html> at the start) */
} cl_check_options;

#define CL_CHECK_OPTIONS_VERSION 3
#define CL_CHECK_OPTIONS_INIT { CL_CHECK_OPTIONS_VERSION, { 0, 0, 0, CL_PREC_NONE }, \
	{ 0, 0, 0, CL_PREC_NONE }, CL_KIND_ESSAY, 1, NULL, 0, 0, NULL, 0, 0 }

typedef enum {
	CL_CLAIM_DATE = 0,
	CL_CLAIM_DURATION,
	CL_CLAIM_AGE,
	CL_CLAIM_PERSON,
	CL_CLAIM_LIFESPAN,
	CL_CLAIM_OFFICE,  /* an office named ("Prime Minister of the United Kingdom") */
	CL_CLAIM_EVENT,
	CL_CLAIM_PLACE,
	CL_CLAIM_ENTITY,  /* a state or organisation */
	CL_CLAIM_TERM,    /* a coined word or a technology */
	CL_CLAIM_URL,     /* a link: value is the address to check, or NULL when it cannot be */
	CL_CLAIM_CITATION /* a work cited, read or quoted: ref is its database id, or NULL */
} cl_claim_kind;

/* How a checked claim came out. */
typedef enum {
	CL_VERDICT_NONE = 0,     /* not a checkable claim */
	CL_VERDICT_CONFIRMED,
	CL_VERDICT_CONTRADICTED,
	CL_VERDICT_UNKNOWN       /* checkable, but the facts or the binding were missing */
} cl_verdict;

/* One claim the extractor understood. Strings are NUL-terminated and live as
 * long as the cl_result. Offsets are bytes into the original input. */
typedef struct {
	cl_claim_kind kind;
	size_t offset, length;
	int line, column;       /* 1-based; the column counts code points */
	const char *text;       /* the claim as written */
	const char *value;      /* TIMEX value, "P4Y", an age "76" or "70/79", a person's id */
	const char *begin;      /* ranges: first value, else NULL */
	const char *end;        /* ranges: last value, else NULL */
	const char *ref;        /* database id of a person, office, event, place, entity or term;
				 * NULL for a person the document introduces */
	const char *anchor;     /* relative and partial dates: the reference date used */
	const char *narrative;  /* the sentence's reference date after this claim, or NULL */
	const char *narrative_reason; /* why: "setting", "explicit", "header", "relative", "carried" */
	cl_verdict verdict;
	const char *verdict_note; /* for checked claims: what was compared */
} cl_claim;

/* One finding. Strings live as long as the cl_result; `fix` may be NULL. */
typedef struct {
	const char *rule;
	cl_severity severity;
	size_t offset, length;
	int line, column, end_line, end_column;
	const char *message;
	const char *found;
	const char *expected;  /* may be NULL */
	const char *evidence;  /* "rules:ID (QID)" or "document:FILE:LINE" */
	const char *fix;       /* replacement for the span, when safe; else NULL */
	const char *date;      /* the date the claim is set at (a TIMEX value), or NULL */
} cl_finding;

typedef struct cl_result cl_result;

/* Checks `len` bytes of `text`, named `name` (a path, or "-" for stdin), against
 * `db`. `opts` may be NULL for the defaults. The text is copied; invalid UTF-8
 * and NUL bytes are reported as input problems and the rest is checked.
 * On success *out is a new result: the caller frees it with cl_result_free(). */
int cl_check(cl_result **out, const cl_db *db, const char *name,
	const char *text, size_t len, const cl_check_options *opts, cl_error *err);

void cl_result_free(cl_result *result);

size_t cl_result_finding_count(const cl_result *result);
const cl_finding *cl_result_finding(const cl_result *result, size_t index);
size_t cl_result_claim_count(const cl_result *result);
const cl_claim *cl_result_claim(const cl_result *result, size_t index);

/* Keeps only the findings for which `keep` returns non-zero (a baseline drops
 * the findings it already records). */
void cl_result_filter(cl_result *result, int (*keep)(const cl_finding *finding, void *payload), void *payload);

/* A sentence and the date it is set at: its own narrative date, else the one
 * carried from earlier sentences while it holds (DESIGN.md §1 "Narrative time"). */
typedef struct {
	size_t offset, length;
	int line, column;
	const char *text;             /* into the checked text: `length` bytes, not NUL-terminated */
	const char *reference_date;   /* NULL when no date holds for the sentence */
	const char *reference_reason; /* "explicit", "header", "relative", "carried", "setting" */
} cl_sentence_info;

/* The sentences of `result` with their reference dates, computed on the first
 * call. *sentences lives as long as the result. Returns CL_OK or CL_ERR_NOMEM. */
int cl_result_sentences(cl_result *result, const cl_sentence_info **sentences, size_t *count);

/* What the database knows about the claim at byte `offset` of `result`, for an
 * editor's hover: a person's name and life span with their age on the date of
 * the sentence ("Nikolai Bukharin, 9 Oct 1888 – 15 Mar 1938; aged 48 on the
 * date of this sentence"), an office, event, place, organisation, term or
 * work with its dates, a date with what it was resolved to. `db` must be the
 * database `result` was checked against. On success *text is new Markdown
 * (the caller frees it) and *span_offset, *span_length are the claim's bytes;
 * *text is NULL when no recognised claim covers the offset. The first call
 * builds the result's sentence table (as cl_result_sentences does), so one
 * result is not described from two threads at once.
 * Returns CL_OK or CL_ERR_NOMEM. */
int cl_result_describe(char **text, size_t *span_offset, size_t *span_length, cl_result *result,
	const cl_db *db, size_t offset);

/* Input problems (invalid UTF-8, NUL bytes): a message per kind of problem,
 * or NULL when the input was clean. */
size_t cl_result_input_problem_count(const cl_result *result);
const char *cl_result_input_problem(const cl_result *result, size_t index);

const char *cl_result_name(const cl_result *result);

/* The original text of line `line` (1-based) without its line end; "" past
 * the end, NULL for a result of cl_stream_finish(), which keeps no text. */
const char *cl_result_line(const cl_result *result, int line, size_t *len);

/* A text too big to hold whole, checked in sections as it is read, in memory
 * that depends on the size of the pieces, not of the text. Give each piece
 * read to cl_stream_check(): it checks the piece up to the last paragraph
 * break in it (else a line end, a sentence end, a space) and says in *taken
 * how many bytes it used; keep the rest and give it again at the start of the
 * next piece. With `last` non-zero the whole piece is used. Each section starts from
 * what the sections before established (the narrative date, people, deaths,
 * open disable directives, settings), so the findings are those of a check of
 * the whole text but for what spans a cut (a pronoun whose antecedent is in
 * the section before, a person the text introduces only in a later section,
 * a footnote whose note is in a later one). An HTML page
 * (opts->html, or sniffed from the first piece) is kept and checked whole.
 * cl_stream_finish() gives the result of the whole text: its findings and
 * input problems, with positions in the whole text, but no claims, sentences
 * or lines. Each returns CL_OK, or an error code with `err` set. */
typedef struct cl_stream cl_stream;

int cl_stream_new(cl_stream **out, const cl_db *db, const char *name, const cl_check_options *opts,
	cl_error *err);
int cl_stream_check(cl_stream *stream, const char *data, size_t len, int last, size_t *taken, cl_error *err);
/* The findings of the sections checked since the last call, as a result of
 * their own (no input problems: cl_stream_finish() has those), so that a
 * caller can report a long text as it goes instead of holding all its
 * findings; *out is NULL for an HTML page, which is checked at the end. On
 * success *out is new: the caller frees it with cl_result_free(). */
int cl_stream_flush(cl_stream *stream, cl_result **out, cl_error *err);
/* On success *out is a new result: the caller frees it with cl_result_free(). */
int cl_stream_finish(cl_stream *stream, cl_result **out, cl_error *err);
void cl_stream_free(cl_stream *stream);

/* ---- configuration ------------------------------------------------------- */

/* The settings of the configuration files that apply to one checked file
 * (chronolint(1), CONFIGURATION). Fields not set by any file are unset:
 * precision NONE, -1, or empty lists. */
typedef struct {
	cl_date pod, setting;
	int kind;                 /* a cl_doc_kind, or -1 */
	int fail_level;           /* a cl_severity, or -1 */
	char **facts;             /* facts files, as paths usable from the current directory */
	size_t facts_count;
	cl_rule_setting *rules;   /* in the order they apply */
	size_t rule_count;
	char **files;             /* the configuration files read, farther first */
	size_t file_count;
} cl_config;

/* Reads the configuration for `path` (a file to check, or "-" for stdin: the
 * current directory). With `config_file`, only that file is read; otherwise
 * every `.chronolint.ini` from the path's directory upward, stopping after
 * one that says `root = true`, the farther first so that the nearer wins.
 * Rule names are checked against `db`. Problems are reported through `diag`
 * as FILE:LINE: message, and make the call fail with CL_ERR_PARSE.
 * On success *out is new: the caller frees it with cl_config_free(). */
int cl_config_load(cl_config **out, const cl_db *db, const char *path, const char *config_file,
	cl_diag_fn diag, void *payload, cl_error *err);

void cl_config_free(cl_config *config);

/* ---- links, quotations and pages on the web (--online) -------------------- */

/* What the network checks may do. Zero fields take the documented default
 * (chronolint(1), ONLINE CHECKS). */
typedef struct {
	unsigned int version;
	int allow_private;        /* 1: loopback, private and link-local addresses may be connected to */
	int archive;              /* 1: a dead link's finding names the closest Wayback Machine copy */
	const char *archive_api;  /* the availability API; NULL: https://archive.org/wayback/available */
	long connect_timeout_ms;  /* 0: 10000 */
	long timeout_ms;          /* a whole request, redirects included; 0: 30000 */
	int max_redirects;        /* 0: 10 */
	int retries;              /* after a 429, a 5xx, a reset or a timeout; -1: none, 0: 2 */
	int max_per_host;         /* connections to one host at once; 0: 2 */
	int max_total;            /* connections at once; 0: 16 */
	size_t body_cap;          /* decoded bytes read of a page; 0: 4 MiB */
	const char *cache_dir;    /* results of earlier runs; NULL: no cache */
	long cache_ttl;           /* seconds a cached result holds; 0: 86400 */
	void (*progress)(void *payload, size_t done, size_t total); /* may be NULL */
	cl_diag_fn notice;        /* a link that could not be checked, and why (FILE, LINE); may be NULL */
	void *payload;            /* passed to progress and notice */
} cl_online_options;

#define CL_ONLINE_OPTIONS_VERSION 1
#define CL_ONLINE_OPTIONS_INIT { CL_ONLINE_OPTIONS_VERSION, 0, 0, NULL, 0, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, NULL, NULL }

/* The network checks of a run: every distinct link of the results added is
 * fetched once, with the pages of quotations attributed to them. */
typedef struct cl_linkcheck cl_linkcheck;

/* Creates a link checker; the caller frees it with cl_linkcheck_free().
 * `opts` is copied (its strings must outlive the checker). */
int cl_linkcheck_new(cl_linkcheck **out, const cl_online_options *opts, cl_error *err);
/* Collects the links and attributed quotations of `result`, which must
 * outlive cl_linkcheck_apply(). Returns CL_OK or CL_ERR_NOMEM. */
int cl_linkcheck_add(cl_linkcheck *checker, cl_result *result);
/* Fetches every collected link. Returns CL_OK, or an error when the checks
 * could not run at all (a dead link is a finding, not an error). */
int cl_linkcheck_run(cl_linkcheck *checker, cl_error *err);
/* Adds the findings of the run to `result` (url-dead, url-redirect,
 * quote-not-found), subject to its directives and rule settings. */
int cl_linkcheck_apply(cl_linkcheck *checker, cl_result *result);
void cl_linkcheck_free(cl_linkcheck *checker);

/* Fetches a page to check it (`chronolint URL`), under the same rules as the
 * link checks. On success *body (NUL-terminated, *len bytes) and *content_type
 * (may be NULL) are new: the caller frees them. A status of 400 or more, a
 * refused address or a network failure is an error with a message. */
int cl_fetch_page(char **body, size_t *len, char **content_type, const char *url,
	const cl_online_options *opts, cl_error *err);

/* ---- reports -------------------------------------------------------------- */

typedef enum {
	CL_FORMAT_TEXT = 0, /* FILE:LINE:COL: SEVERITY: MESSAGE [RULE] */
	CL_FORMAT_JSON,     /* JSON Lines, one object per finding (DESIGN.md §3) */
	CL_FORMAT_SARIF,    /* one SARIF 2.1.0 log for the whole run */
	CL_FORMAT_GITHUB,   /* GitHub Actions workflow commands (::error file=...) */
	CL_FORMAT_CHECKSTYLE, /* Checkstyle XML, one <file> per input */
	CL_FORMAT_JUNIT     /* JUnit XML, one test suite per input */
} cl_format;

/* The format named `name` ("text", "json", "sarif", "github", "checkstyle",
 * "junit"). Returns CL_OK, or CL_ERR_INVALID for an unknown name. */
int cl_format_parse(cl_format *out, const char *name);

typedef struct {
	unsigned int version;
	cl_format format;
	cl_severity min_severity; /* findings below it are not written */
	int color;                /* 1: ANSI colours */
	int snippet;              /* 1: the source line and a caret under the span */
} cl_report_options;

#define CL_REPORT_OPTIONS_VERSION 1
#define CL_REPORT_OPTIONS_INIT { CL_REPORT_OPTIONS_VERSION, CL_FORMAT_TEXT, CL_SEV_INFO, 0, 0 }

/* Writes the findings of `result` to `out` in the text or JSON format (the
 * formats that need no document around them). Returns CL_OK or CL_ERR_IO. */
int cl_report_write(FILE *out, const cl_result *result, const cl_report_options *opts);

/* A report of a whole run in any format: SARIF, Checkstyle and JUnit wrap the
 * findings of every file in one document. */
typedef struct cl_report cl_report;

/* Starts a report on `out`. `db` gives the rule metadata (the SARIF tool
 * driver) and must outlive the report; `opts` is copied (NULL: the defaults).
 * On success *report is new: the caller frees it with cl_report_free().
 * Returns CL_OK, CL_ERR_INVALID (an unknown format), CL_ERR_NOMEM or CL_ERR_IO. */
int cl_report_new(cl_report **report, FILE *out, const cl_db *db, const cl_report_options *opts, cl_error *err);
/* Adds the findings of one checked file at or above opts->min_severity, clean
 * files included (they are test cases and files of the XML formats). The
 * result may be freed afterwards (JUnit keeps copies of what it needs).
 * Returns CL_OK, CL_ERR_NOMEM or CL_ERR_IO. */
int cl_report_add(cl_report *report, const cl_result *result);
/* Writes what the format holds until the end (the document's close); call it
 * once, after the last cl_report_add(). Returns CL_OK, CL_ERR_NOMEM or CL_ERR_IO. */
int cl_report_finish(cl_report *report);
void cl_report_free(cl_report *report);

/* Writes every claim of `result` as JSON Lines (the `claims` subcommand). */
int cl_claims_write(FILE *out, const cl_result *result);

/* Writes every sentence of `result` with its reference date as JSON Lines
 * (`claims --sentences`). Returns CL_OK, CL_ERR_NOMEM or CL_ERR_IO. */
int cl_sentences_write(FILE *out, cl_result *result);

/* The divergence ledger of a run: the divergences of every result added, in
 * date order (DESIGN.md §1, "Alternate history"). */
typedef struct cl_ledger cl_ledger;

int cl_ledger_new(cl_ledger **out);
/* Copies the divergence findings of `result`; results are numbered in the
 * order they are added, which orders findings of the same date. Returns CL_OK
 * or CL_ERR_NOMEM. */
int cl_ledger_add(cl_ledger *ledger, const cl_result *result);
/* Writes the ledger: a table with the date, what the text says, what real
 * history says and where (CL_FORMAT_TEXT), or one JSON object per line with
 * date, says, real, file, line, column, message and evidence (CL_FORMAT_JSON).
 * The entries are sorted in place. Returns CL_OK or CL_ERR_IO. */
int cl_ledger_write(FILE *out, cl_ledger *ledger, cl_format format);
void cl_ledger_free(cl_ledger *ledger);

/* Writes the summary lines of `result` (one per checked claim, with its verdict). */
int cl_summary_write(FILE *out, const cl_result *result);

#ifdef __cplusplus
}
#endif

#endif
