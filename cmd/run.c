/* run.c - a check run: the files of the command line checked under their
 * configurations on `-j` threads, then reported, recorded, fixed or held for
 * the link checks in input order, so that -j 8 writes what -j 1 writes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "baseline.h"
#include "fix.h"
#include "inputs.h"
#include "jobs.h"
#include "run.h"

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_web_address(const char *path)
{
	return strncmp(path, "http://", 7) == 0 || strncmp(path, "https://", 8) == 0;
}

static int has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);
	return n > s && strcasecmp(name + n - s, suffix) == 0;
}

/* One input: prepared on the main thread, checked on a worker, used on the
 * main thread again. */
typedef struct {
	char *path;         /* what is read: a file, "-" or a page */
	const char *name;   /* what the report calls it: the path, or --stdin-filename for "-" */
	cmd_file_options fo;
	cl_config *cfg;
	const cl_db *db;
	int rc;             /* the worst status of the file so far */
	int binary;         /* skipped */
	cl_result *res;
	char *data;         /* kept for --fix and --diff; a long input's first piece */
	size_t len;
	FILE *input;        /* a long input, read on in check_sections() */
	size_t read;        /* its bytes read so far */
	struct stat st;     /* the file as read, for --fix */
	char *errors;       /* what the worker had to say, written to stderr in order */
	size_t errors_len;
} file_job;

typedef struct {
	char *key; /* the facts files, one per line */
	cl_db *db;
} facts_db;

/* What a run keeps across its files. */
typedef struct {
	const cmd_options *o;
	cl_db *db;                 /* the rules alone */
	facts_db *facts_dbs;       /* the rules with the facts files of each list asked for */
	size_t facts_db_count;
	cl_story *story;           /* the files of a manuscript are one story */
	baseline *known;           /* --baseline */
	baseline *record;          /* --write-baseline */
	cl_ledger *ledger;         /* the ledger subcommand */
	cl_report *report;         /* the report of a check */
	cl_linkcheck *links;       /* --online: results wait for the link checks */
	file_job *jobs;
	size_t job_count;
	size_t *held;              /* --online: the jobs waiting, in order */
	size_t held_len;
	int failed;                /* a finding at or above its file's fail level */
	int changes;               /* --diff: something to fix */
	int rc;
} run;

/* The database for a list of facts files: the rules alone, or the rules with
 * the facts, opened once per distinct list. */
static const cl_db *db_for(run *r, const char *const *facts, size_t count)
{
	size_t k, len = 1;
	char *key;
	facts_db *grown;
	cl_error err = { 0, "" };
	if (!count)
		return r->db;
	for (k = 0; k < count; k++)
		len += strlen(facts[k]) + 1;
	if (!(key = malloc(len)))
		return NULL;
	key[0] = '\0';
	for (k = 0; k < count; k++) {
		strcat(key, facts[k]);
		strcat(key, "\n");
	}
	for (k = 0; k < r->facts_db_count; k++)
		if (strcmp(r->facts_dbs[k].key, key) == 0) {
			free(key);
			return r->facts_dbs[k].db;
		}
	if (!(grown = realloc(r->facts_dbs, (r->facts_db_count + 1) * sizeof(*grown)))) {
		free(key);
		return NULL;
	}
	r->facts_dbs = grown;
	grown[r->facts_db_count].key = key;
	if (cl_db_open_with_facts(&grown[r->facts_db_count].db, cmd_rules_dir(r->o), facts, count, cmd_print_diag, NULL,
				  &err) != CL_OK) {
		fprintf(stderr, "chronolint: %s\n", err.message);
		free(key);
		return NULL;
	}
	return grown[r->facts_db_count++].db;
}

static int options_for(run *r, const char *path, cmd_file_options *fo, cl_config **cfg)
{
	const cmd_options *o = r->o;
	cl_error err = { 0, "" };
	*cfg = NULL;
	memset(fo, 0, sizeof(*fo));
	if (!o->no_config && cl_config_load(cfg, r->db, path, o->config, cmd_print_diag, NULL, &err) != CL_OK) {
		fprintf(stderr, "chronolint: %s\n", err.message);
		return 2;
	}
	if (cmd_file_options_init(fo, o, *cfg)) {
		fprintf(stderr, "chronolint: out of memory\n");
		return 2;
	}
	/* chapters carry what they establish into the next; essays and posts stand alone */
	fo->check.story = fo->check.kind == CL_KIND_MANUSCRIPT ? r->story : NULL;
	fo->check.html = has_suffix(path, ".html") || has_suffix(path, ".htm") ? 1 : 2;
	return 0;
}

/* ---- the work of a file (any thread) -------------------------------------- */

/* Fetches a page given on the command line; 0, or 2 after saying why. */
static int fetch_input(const run *r, file_job *job, FILE *err_out)
{
	cl_error err = { 0, "" };
	char *type = NULL;
	cl_online_options net = r->o->net;
	net.progress = NULL;
	if (cl_fetch_page(&job->data, &job->len, &type, job->path, &net, &err) != CL_OK) {
		fprintf(err_out, "chronolint: %s\n", err.message);
		return 2;
	}
	/* a page served as text/plain is text; anything else is judged by its look */
	job->fo.check.html = type && strstr(type, "html") ? 1 : type && strncmp(type, "text/plain", 10) == 0 ? 0 : 2;
	free(type);
	return 0;
}

/* The size of the pieces a long input is read and checked in: 1 MiB, or
 * CHRONOLINT_SECTION_BYTES (for tests of the sections). */
static size_t section_bytes(void)
{
	const char *env = getenv("CHRONOLINT_SECTION_BYTES");
	char *end;
	unsigned long n = env ? strtoul(env, &end, 10) : 0;
	return env && *end == '\0' && n >= 64 && n <= (1UL << 30) ? (size_t)n : (size_t)1 << 20;
}

/* Are the findings of a check in sections reported as each piece is checked
 * (on the main thread, in input order), so that none is held? The formats of
 * lines are; the documents of a file (SARIF, Checkstyle, JUnit) take the
 * findings of a file at once, and the ledger sorts them all anyway. A chapter
 * of a manuscript is not: the next chapter's worker waits for its check. */
static int sections_reported(const run *r, const file_job *job)
{
	const cmd_options *o = r->o;
	return o->mode == MODE_CHECK && !job->fo.check.story &&
	       (o->format == CL_FORMAT_TEXT || o->format == CL_FORMAT_JSON || o->format == CL_FORMAT_GITHUB);
}

/* Can the file's findings come from a check in sections: nothing needs the
 * whole text afterwards (fixes, a diff, link checks, claims, a summary)? */
static int sections_serve(const run *r, const file_job *job)
{
	const cmd_options *o = r->o;
	return (o->mode == MODE_CHECK || o->mode == MODE_LEDGER) && !o->fix && !o->diff && !o->online && !o->summary &&
	       job->fo.check.html != 1;
}

/* Opens a file that may be long and reads its first piece into job->data.
 * One that ends within it is left there for cl_check(); a longer one keeps
 * job->input open for check_sections(). 0, or 2 after saying why. */
static int start_reading(file_job *job, FILE *to)
{
	size_t cap = section_bytes();
	FILE *f = open_input(job->path, to);
	int end = 0, c;
	if (!f)
		return 2;
	job->len = 0;
	if (!(job->data = malloc(cap))) {
		fprintf(to, "chronolint: %s: out of memory\n", job->name);
		goto failed;
	}
	if (read_more(f, job->path, job->data, &job->len, cap, &job->read, &end, to))
		goto failed;
	if (!end && (c = getc(f)) != EOF)
		ungetc(c, f);
	else
		end = 1;
	if (end) {
		if (f != stdin)
			fclose(f);
		return 0;
	}
	job->input = f;
	job->binary = looks_binary(job->data, job->len);
	return 0;
failed:
	if (f != stdin)
		fclose(f);
	return 2;
}

static void stop_reading(file_job *job)
{
	if (job->input && job->input != stdin)
		fclose(job->input);
	job->input = NULL;
}

/* The input problems of a result, told on `to`: 2 when there are any. */
static int tell_problems(const file_job *job, FILE *to)
{
	size_t k;
	for (k = 0; job->res && k < cl_result_input_problem_count(job->res); k++)
		fprintf(to, "chronolint: %s: %s\n", job->name, cl_result_input_problem(job->res, k));
	return job->res && cl_result_input_problem_count(job->res) ? 2 : 0;
}

static int report(run *r, file_job *job);

/* Checks a long input in sections as it reads the rest of it, into job->res;
 * or, given a run, reporting the findings of each piece as it goes (nothing
 * of the text is held: see sections_reported). 0, or 2 after saying why. */
static int check_sections(run *r, file_job *job, FILE *to)
{
	size_t cap = section_bytes(), taken;
	cl_stream *stream = NULL;
	cl_error err = { 0, "" };
	int end = 0, rc = 0;
	if (cl_stream_new(&stream, job->db, job->name, &job->fo.check, &err) != CL_OK)
		goto failed;
	for (;;) {
		if (cl_stream_check(stream, job->data, job->len, end, &taken, &err) != CL_OK)
			goto failed;
		memmove(job->data, job->data + taken, job->len - taken);
		job->len -= taken;
		if (r) {
			int reported;
			if (cl_stream_flush(stream, &job->res, &err) != CL_OK)
				goto failed;
			reported = job->res ? report(r, job) : 0;
			cl_result_free(job->res);
			job->res = NULL;
			if (reported > rc)
				rc = reported;
		}
		if (end && job->len == 0)
			break;
		if (!end && read_more(job->input, job->path, job->data, &job->len, cap, &job->read, &end, to)) {
			rc = 2;
			goto done;
		}
	}
	if (cl_stream_finish(stream, &job->res, &err) != CL_OK)
		goto failed;
	if (tell_problems(job, to))
		rc = 2;
	goto done;
failed:
	fprintf(to, "chronolint: %s: %s\n", job->name, err.message);
	rc = 2;
done:
	cl_stream_free(stream);
	stop_reading(job);
	free(job->data);
	job->data = NULL;
	return rc;
}

static void check_file(void *payload, size_t i)
{
	run *r = payload;
	file_job *job = &r->jobs[i];
	cl_error err = { 0, "" };
	FILE *msg = open_memstream(&job->errors, &job->errors_len);
	FILE *to = msg ? msg : stderr;
	if (job->rc)
		goto done;
	if (is_web_address(job->path)) {
		job->rc = fetch_input(r, job, to);
	} else if (sections_serve(r, job)) {
		job->rc = start_reading(job, to);
		if (job->rc == 0 && job->input && !job->binary && !sections_reported(r, job))
			job->rc = check_sections(NULL, job, to);
		if (job->rc || job->input || job->res || job->binary)
			goto done; /* a binary file, or one the main thread reports as it reads */
	} else {
		job->rc = read_input(job->path, &job->data, &job->len, to);
		if (job->rc == 0 && strcmp(job->path, "-") != 0 && stat(job->path, &job->st) != 0)
			memset(&job->st, 0, sizeof(job->st));
	}
	if (job->rc)
		goto done;
	if (looks_binary(job->data, job->len)) {
		job->binary = 1;
		goto done;
	}
	if (cl_check(&job->res, job->db, job->name, job->data, job->len, &job->fo.check, &err) != CL_OK) {
		fprintf(to, "chronolint: %s: %s\n", job->name, err.message);
		job->res = NULL;
		job->rc = 2;
		goto done;
	}
	if (tell_problems(job, to))
		job->rc = 2;
done:
	if (msg)
		fclose(msg);
	if (job->binary)
		stop_reading(job);
	if (!r->o->fix && !r->o->diff && !job->input) {
		free(job->data);
		job->data = NULL;
	}
}

/* ---- using a checked file (the main thread, in input order) ---------------- */

static int not_in_baseline(const cl_finding *f, void *payload)
{
	void **p = payload;
	return !baseline_covers(p[0], p[1], f);
}

static int not_fixed(const cl_finding *f, void *payload)
{
	(void)payload;
	return f->fix == NULL;
}

/* An HTML page takes the fix as text, escaped. */
static char *escaped_for(const file_job *job, const char *fix)
{
	size_t n = 0, k;
	char *out;
	if (!has_suffix(job->name, ".html") && !has_suffix(job->name, ".htm"))
		return strdup(fix);
	if (!(out = malloc(strlen(fix) * 6 + 1)))
		return NULL;
	for (k = 0; fix[k]; k++) {
		const char *e = fix[k] == '&' ? "&amp;" : fix[k] == '<' ? "&lt;" : fix[k] == '>' ? "&gt;"
			: fix[k] == '"' ? "&quot;" : NULL;
		if (e) {
			strcpy(out + n, e);
			n += strlen(e);
		} else {
			out[n++] = fix[k];
		}
	}
	out[n] = '\0';
	return out;
}

/* --fix and --diff: the fixes of the findings reported for the file. */
static int apply_fixes(run *r, file_job *job)
{
	const cmd_options *o = r->o;
	size_t n = cl_result_finding_count(job->res), count = 0, k, a = 0, b = 0, fixed_len = 0;
	text_edit *edits = calloc(n ? n : 1, sizeof(*edits));
	char *fixed = NULL;
	int rc = 0, applied;
	if (!edits) {
		fprintf(stderr, "chronolint: %s: out of memory\n", job->name);
		return 2;
	}
	for (k = 0; k < n; k++) {
		const cl_finding *f = cl_result_finding(job->res, k);
		if (!f->fix)
			continue;
		edits[count].offset = f->offset;
		edits[count].length = f->length;
		edits[count].line = f->line;
		edits[count].column = f->column;
		if (!(edits[count++].text = escaped_for(job, f->fix)))
			rc = 2;
	}
	applied = rc ? -1 : edits_apply(&fixed, &fixed_len, job->data, job->len, edits, count, &a, &b);
	if (applied == 1) {
		fprintf(stderr, "chronolint: %s: not fixed: the fixes at %d:%d and %d:%d overlap\n", job->name,
			edits[a].line, edits[a].column, edits[b].line, edits[b].column);
		rc = 2;
	} else if (applied < 0) {
		fprintf(stderr, "chronolint: %s: out of memory\n", job->name);
		rc = 2;
	} else if (count && o->diff) {
		if (write_unified_diff(stdout, job->name, job->data, job->len, edits, count) != 0)
			rc = 2;
		r->changes = 1;
	} else if (count) {
		if (strcmp(job->path, "-") == 0 || is_web_address(job->path)) {
			fprintf(stderr, "chronolint: %s: --fix changes files only; --diff shows the fixes\n", job->path);
			rc = 2;
		} else if ((rc = write_atomically(job->path, fixed, fixed_len, &job->st, stderr)) == 0) {
			fprintf(stderr, "chronolint: %s: %zu fix%s applied\n", job->name, count, count == 1 ? "" : "es");
			/* what was fixed is no longer a finding */
			cl_result_filter(job->res, not_fixed, NULL);
		}
	}
	for (k = 0; k < count; k++)
		free((char *)edits[k].text);
	free(edits);
	free(fixed);
	return rc;
}

static int report(run *r, file_job *job)
{
	const cmd_options *o = r->o;
	size_t i;
	int rc = 0;
	if (r->known) {
		void *payload[2] = { r->known, (void *)job->name };
		cl_result_filter(job->res, not_in_baseline, payload);
	}
	if ((o->fix || o->diff) && job->rc == 0)
		rc = apply_fixes(r, job);
	for (i = 0; i < cl_result_finding_count(job->res); i++) {
		const cl_finding *f = cl_result_finding(job->res, i);
		if (f->severity >= job->fo.fail_level)
			r->failed = 1;
		if (r->record && baseline_add(r->record, job->name, f)) {
			fprintf(stderr, "chronolint: out of memory\n");
			rc = 2;
		}
	}
	if (o->diff)
		return rc; /* the diff is the report */
	if (o->mode == MODE_LEDGER) {
		if (cl_ledger_add(r->ledger, job->res) != CL_OK) {
			fprintf(stderr, "chronolint: out of memory\n");
			rc = 2;
		}
	} else {
		int added = cl_report_add(r->report, job->res);
		if (added == CL_ERR_NOMEM)
			fprintf(stderr, "chronolint: %s: out of memory writing the report\n", job->name);
		if (added != CL_OK)
			rc = 2; /* a write error is told once, at the end */
		if (o->summary)
			cl_summary_write(o->format == CL_FORMAT_TEXT ? stdout : stderr, job->res);
	}
	return rc;
}

static void release(file_job *job)
{
	stop_reading(job);
	cl_result_free(job->res);
	job->res = NULL;
	free(job->data);
	job->data = NULL;
	free(job->errors);
	job->errors = NULL;
	cl_config_free(job->cfg);
	job->cfg = NULL;
	cmd_file_options_free(&job->fo);
}

static void use_file(void *payload, size_t i)
{
	run *r = payload;
	file_job *job = &r->jobs[i];
	const cmd_options *o = r->o;
	int rc = job->rc;
	if (job->errors_len)
		fwrite(job->errors, 1, job->errors_len, stderr);
	if (job->binary) {
		fprintf(stderr, "chronolint: %s: note: skipped, a binary file\n", job->name);
	} else if (job->input) {
		int f = check_sections(r, job, stderr);
		if (f > rc)
			rc = f;
		if (job->res) {
			f = report(r, job);
			if (f > rc)
				rc = f;
		}
	} else if (job->res && o->mode == MODE_CLAIMS && o->sentences) {
		if (cl_sentences_write(stdout, job->res) == CL_ERR_NOMEM) {
			fprintf(stderr, "chronolint: %s: out of memory\n", job->name);
			rc = 2;
		}
	} else if (job->res && o->mode == MODE_CLAIMS) {
		cl_claims_write(stdout, job->res);
	} else if (job->res && r->links) {
		/* reported after the link checks, still in input order */
		if (cl_linkcheck_add(r->links, job->res) != CL_OK) {
			fprintf(stderr, "chronolint: out of memory\n");
			rc = 2;
		} else {
			r->held[r->held_len++] = i;
			free(job->errors);
			job->errors = NULL;
			job->errors_len = 0;
			if (rc > r->rc)
				r->rc = rc;
			return;
		}
	} else if (job->res) {
		int f = report(r, job);
		if (f > rc)
			rc = f;
	}
	if (rc > r->rc)
		r->rc = rc;
	release(job);
}

/* ---- the online checks ------------------------------------------------------ */

static void print_notice(void *payload, const char *file, int line, const char *message)
{
	(void)payload;
	fprintf(stderr, "chronolint: %s:%d: note: %s\n", file, line, message);
}

/* "checking links: 12/200" on a terminal, rewritten in place. */
static void print_progress(void *payload, size_t done, size_t total)
{
	(void)payload;
	fprintf(stderr, "\rchecking links: %zu/%zu", done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static int start_online(run *r)
{
	cl_online_options net = r->o->net;
	cl_error err = { 0, "" };
	net.notice = print_notice;
	if (isatty(STDERR_FILENO))
		net.progress = print_progress;
	if (!net.archive_api)
		net.archive_api = getenv("CHRONOLINT_ARCHIVE_API");
	if (cl_linkcheck_new(&r->links, &net, &err) != CL_OK) {
		fprintf(stderr, "chronolint: %s\n", err.message);
		return 2;
	}
	return 0;
}

/* The link checks of the held results, then their reports in input order. */
static int finish_online(run *r)
{
	cl_error err = { 0, "" };
	size_t k;
	int rc = 0;
	if (r->held_len && cl_linkcheck_run(r->links, &err) != CL_OK) {
		fprintf(stderr, "chronolint: checking links: %s\n", err.message);
		rc = 2;
	}
	for (k = 0; k < r->held_len; k++) {
		file_job *job = &r->jobs[r->held[k]];
		if (rc == 0 && cl_linkcheck_apply(r->links, job->res) != CL_OK) {
			fprintf(stderr, "chronolint: %s: out of memory\n", job->name);
			rc = 2;
		}
		if (report(r, job))
			rc = 2;
		release(job);
	}
	r->held_len = 0;
	return rc;
}

/* ---- the run ---------------------------------------------------------------- */

/* Every rule named on the command line must exist. */
static int check_rule_names(const cmd_options *o, const cl_db *db)
{
	size_t k;
	for (k = 0; k < o->rule_setting_count; k++)
		if (!cl_db_rule_find(db, o->rule_settings[k].rule)) {
			fprintf(stderr, "chronolint: --%s: no rule \"%s\" (see --list-rules)\n",
				o->rule_settings[k].state == CL_RULE_OFF ? "disable" : "enable", o->rule_settings[k].rule);
			return 2;
		}
	return 0;
}

/* The files of the command line: operands, directories walked. */
static int collect_inputs(const cmd_options *o, path_list *files)
{
	walk_filter filter = { o->include, o->include_count, o->exclude, o->exclude_count };
	int rc = 0, i;
	if (o->input_count == 0 && path_list_push(files, "-")) {
		fprintf(stderr, "chronolint: out of memory\n");
		return 2;
	}
	for (i = 0; i < o->input_count; i++) {
		if (!is_web_address(o->inputs[i]) && is_dir(o->inputs[i])) {
			int w = walk_dir(o->inputs[i], &filter, files, stderr);
			if (w > rc)
				rc = w;
		} else if (path_list_push(files, o->inputs[i])) {
			fprintf(stderr, "chronolint: %s: out of memory\n", o->inputs[i]);
			rc = 2;
		}
	}
	return rc;
}

/* The options and database of every file, read on the main thread so that
 * configuration problems are told once and in order; and which chapter each
 * chapter of a manuscript waits for. */
static int prepare(run *r, path_list *files, size_t **after)
{
	size_t k, last_chapter = JOBS_NONE;
	if (!(r->jobs = calloc(files->len ? files->len : 1, sizeof(*r->jobs))) ||
	    !(*after = calloc(files->len ? files->len : 1, sizeof(**after))) ||
	    !(r->held = calloc(files->len ? files->len : 1, sizeof(*r->held)))) {
		fprintf(stderr, "chronolint: out of memory\n");
		return 2;
	}
	r->job_count = files->len;
	for (k = 0; k < files->len; k++) {
		file_job *job = &r->jobs[k];
		job->path = files->items[k];
		files->items[k] = NULL;
		job->name = strcmp(job->path, "-") == 0 && r->o->stdin_filename ? r->o->stdin_filename : job->path;
		job->rc = options_for(r, is_web_address(job->path) ? "-" : job->name, &job->fo, &job->cfg);
		if (job->rc == 0 && !(job->db = db_for(r, job->fo.facts, job->fo.facts_count)))
			job->rc = 2;
		(*after)[k] = job->fo.check.story ? last_chapter : JOBS_NONE;
		if (job->fo.check.story)
			last_chapter = k;
	}
	return 0;
}

int run_checks(const cmd_options *o, cl_db *db)
{
	path_list files = { 0 };
	size_t *after = NULL, k;
	cl_error err = { 0, "" };
	run r;
	int rc = check_rule_names(o, db), collected, finished, write_errno = 0, started = CL_OK;
	if (rc)
		return rc;
	memset(&r, 0, sizeof(r));
	r.o = o;
	r.db = db;
	if (cl_story_new(&r.story) != CL_OK || (o->mode == MODE_LEDGER && cl_ledger_new(&r.ledger) != CL_OK) ||
	    (o->write_baseline && baseline_new(&r.record))) {
		fprintf(stderr, "chronolint: out of memory\n");
		rc = 2;
	}
	if (rc == 0 && o->baseline)
		rc = baseline_read(&r.known, o->baseline);
	if (rc == 0 && o->mode == MODE_CHECK && !o->diff) {
		cl_report_options ro = CL_REPORT_OPTIONS_INIT;
		int tty = isatty(STDOUT_FILENO);
		ro.format = o->format;
		ro.color = o->color == COLOR_ALWAYS || (o->color == COLOR_AUTO && tty && !getenv("NO_COLOR"));
		ro.snippet = o->color == COLOR_ALWAYS || (o->color == COLOR_AUTO && tty);
		if ((started = cl_report_new(&r.report, stdout, db, &ro, &err)) != CL_OK) {
			fprintf(stderr, "chronolint: %s\n", err.message);
			rc = 2;
		}
	}
	if (rc == 0 && o->online && o->mode == MODE_CHECK)
		rc = start_online(&r);
	/* a bad baseline or option stops the run before anything is checked */
	if (rc == 0) {
		collected = collect_inputs(o, &files);
		rc = prepare(&r, &files, &after);
		if (rc == 0) {
			jobs_plan plan = { r.job_count, o->jobs, after, check_file, use_file, &r };
			jobs_run(&plan);
		}
		if (collected > r.rc)
			r.rc = collected;
		if (rc > r.rc)
			r.rc = rc;
		rc = 0;
	}
	if (r.links) {
		int f = finish_online(&r);
		if (f > r.rc)
			r.rc = f;
		cl_linkcheck_free(r.links);
	}
	if (r.report && (finished = cl_report_finish(r.report)) != CL_OK) {
		if (finished == CL_ERR_NOMEM) /* a write error is told below */
			fprintf(stderr, "chronolint: out of memory writing the report\n");
		else
			write_errno = errno;
		r.rc = 2;
	}
	if (r.ledger && cl_ledger_write(stdout, r.ledger, o->format) != CL_OK) {
		write_errno = write_errno ? write_errno : errno;
		r.rc = 2;
	}
	/* the baseline records what could be checked, even when a file could not */
	if (r.record && baseline_write(r.record, o->write_baseline))
		r.rc = 2;
	/* a failed write leaves the stream's error set, and a later flush may
	 * have nothing left to fail on: the error is told either way */
	if (fflush(stdout) != 0)
		write_errno = errno;
	if ((write_errno || ferror(stdout)) && started != CL_ERR_IO) { /* else told already */
		fprintf(stderr, "chronolint: cannot write the report: %s\n", strerror(write_errno ? write_errno : EIO));
		r.rc = 2;
	}
	if (r.rc > rc)
		rc = r.rc;
	for (k = 0; k < r.job_count; k++) {
		release(&r.jobs[k]);
		free(r.jobs[k].path);
	}
	free(r.jobs);
	free(r.held);
	free(after);
	path_list_free(&files);
	cl_report_free(r.report);
	cl_ledger_free(r.ledger);
	baseline_free(r.known);
	baseline_free(r.record);
	cl_story_free(r.story);
	for (k = 0; k < r.facts_db_count; k++) {
		cl_db_free(r.facts_dbs[k].db);
		free(r.facts_dbs[k].key);
	}
	free(r.facts_dbs);
	if (rc)
		return rc;
	if (o->diff)
		return r.changes ? 1 : 0;
	return o->mode == MODE_CHECK && r.failed ? 1 : 0;
}
