/* main.c - the chronolint command: a thin client of libchronolint. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "chronolint.h"
#include "baseline.h"
#include "options.h"

#define MAX_INPUT_BYTES ((size_t)1 << 30)

static void print_diag(void *payload, const char *file, int line, const char *message)
{
	(void)payload;
	if (line > 0)
		fprintf(stderr, "%s:%d: %s\n", file, line, message);
	else
		fprintf(stderr, "%s: %s\n", file, message);
}

static int dir_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static const char *rules_dir(const cmd_options *o)
{
	const char *env = getenv("CHRONOLINT_RULES");
	if (o->rules)
		return o->rules;
	if (env && *env)
		return env;
	if (dir_exists(CL_RULES_DIR))
		return CL_RULES_DIR;
	return CL_SOURCE_RULES_DIR;
}

/* Reads a whole file (or stdin for "-"); returns 0, or 2 after saying why. */
static int read_input(const char *path, char **data, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 65536, n = 0;
	char *buf;
	*data = NULL;
	*len = 0;
	if (!f) {
		fprintf(stderr, "chronolint: %s: %s\n", path, strerror(errno));
		return 2;
	}
	buf = malloc(cap);
	while (buf) {
		size_t got;
		if (n == cap) {
			char *p;
			if (cap >= MAX_INPUT_BYTES) {
				fprintf(stderr, "chronolint: %s: larger than the limit of %zu bytes\n", path,
					(size_t)MAX_INPUT_BYTES);
				free(buf);
				buf = NULL;
				break;
			}
			cap *= 2;
			p = realloc(buf, cap);
			if (!p) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (buf && ferror(f)) {
		fprintf(stderr, "chronolint: %s: %s\n", path, strerror(errno));
		free(buf);
		buf = NULL;
	}
	if (f != stdin)
		fclose(f);
	if (!buf)
		return 2;
	*data = buf;
	*len = n;
	return 0;
}

static int has_text_suffix(const char *name)
{
	static const char *const suffixes[] = { ".txt", ".md", ".markdown", ".text", ".rst", ".html", ".htm" };
	size_t i, len = strlen(name);
	for (i = 0; i < sizeof(suffixes) / sizeof(*suffixes); i++) {
		size_t s = strlen(suffixes[i]);
		if (len > s && strcmp(name + len - s, suffixes[i]) == 0)
			return 1;
	}
	return 0;
}

typedef struct {
	char **items;
	size_t len, cap;
} path_list;

static int path_push(path_list *l, const char *path)
{
	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **p = realloc(l->items, cap * sizeof(char *));
		if (!p)
			return -1;
		l->items = p;
		l->cap = cap;
	}
	if (!(l->items[l->len] = strdup(path)))
		return -1;
	l->len++;
	return 0;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Text files under a directory, recursively, in name order. */
static int walk(const char *dir, path_list *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	path_list here = { 0 };
	size_t i;
	int rc = 0;
	if (!d) {
		fprintf(stderr, "chronolint: %s: %s\n", dir, strerror(errno));
		return 2;
	}
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && has_text_suffix(e->d_name)))
			if (path_push(&here, path))
				rc = 2;
	}
	closedir(d);
	if (here.len > 1)
		qsort(here.items, here.len, sizeof(char *), cmp_path);
	for (i = 0; i < here.len; i++) {
		struct stat st;
		if (stat(here.items[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			int r = walk(here.items[i], out);
			if (r > rc)
				rc = r;
		} else if (path_push(out, here.items[i])) {
			rc = 2;
		}
		free(here.items[i]);
	}
	free(here.items);
	return rc;
}

/* A result waiting for the online checks before it is reported. */
typedef struct {
	char *path;
	cl_result *res;
	cl_severity fail_level;
} held_result;

/* What a run keeps across its files. */
typedef struct {
	const cmd_options *o;
	cl_db *db;                 /* the rules alone */
	cl_db *facts_db;           /* the rules with the facts files of facts_key */
	char *facts_key;
	cl_story *story;           /* the files given together are one manuscript */
	baseline *known;           /* --baseline */
	baseline *record;          /* --write-baseline */
	cl_ledger *ledger;         /* the ledger subcommand */
	cl_linkcheck *links;       /* --online: results wait for the link checks */
	held_result *held;
	size_t held_len, held_cap;
	int failed;                /* a finding at or above its file's fail level */
} run;

/* The database for a list of facts files: the rules alone, or the rules with
 * the facts (kept while the next file asks for the same list). */
static const cl_db *db_for(run *r, const char *const *facts, size_t count)
{
	size_t k, len = 1;
	char *key;
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
	if (r->facts_key && strcmp(key, r->facts_key) == 0) {
		free(key);
		return r->facts_db;
	}
	cl_db_free(r->facts_db);
	free(r->facts_key);
	r->facts_db = NULL;
	r->facts_key = key;
	if (cl_db_open_with_facts(&r->facts_db, rules_dir(r->o), facts, count, print_diag, NULL, &err) != CL_OK) {
		fprintf(stderr, "chronolint: %s\n", err.message);
		return NULL;
	}
	return r->facts_db;
}

/* The options for one file: the command line over its configuration. */
typedef struct {
	cl_check_options check;
	cl_severity fail_level;
	const char **facts;
	size_t facts_count;
	cl_rule_setting *rules;
} file_options;

static int options_for(run *r, const char *path, file_options *fo, cl_config **cfg)
{
	const cmd_options *o = r->o;
	cl_error err = { 0, "" };
	size_t k, n = 0;
	*cfg = NULL;
	memset(fo, 0, sizeof(*fo));
	fo->check = o->check;
	fo->fail_level = o->fail_level;
	if (!o->no_config && cl_config_load(cfg, r->db, path, o->config, print_diag, NULL, &err) != CL_OK) {
		fprintf(stderr, "chronolint: %s\n", err.message);
		return 2;
	}
	if (*cfg) {
		const cl_config *c = *cfg;
		if (!(o->check.fixed & CL_FIXED_POD) && c->pod.precision != CL_PREC_NONE)
			fo->check.pod = c->pod;
		if (!(o->check.fixed & CL_FIXED_SETTING) && c->setting.precision != CL_PREC_NONE)
			fo->check.setting = c->setting;
		if (!(o->check.fixed & CL_FIXED_KIND) && c->kind >= 0)
			fo->check.kind = (cl_doc_kind)c->kind;
		if (!o->fail_level_given && c->fail_level >= 0)
			fo->fail_level = (cl_severity)c->fail_level;
	}
	/* the configuration's rule settings and facts first, the command line's after */
	fo->rules = calloc((*cfg ? (*cfg)->rule_count : 0) + o->rule_setting_count + 1, sizeof(cl_rule_setting));
	fo->facts = calloc((*cfg ? (*cfg)->facts_count : 0) + o->facts_count + 1, sizeof(char *));
	if (!fo->rules || !fo->facts) {
		fprintf(stderr, "chronolint: out of memory\n");
		return 2;
	}
	for (k = 0; *cfg && k < (*cfg)->rule_count; k++)
		fo->rules[n++] = (*cfg)->rules[k];
	for (k = 0; k < o->rule_setting_count; k++)
		fo->rules[n++] = o->rule_settings[k];
	fo->check.rules = fo->rules;
	fo->check.rule_count = n;
	for (k = 0; *cfg && k < (*cfg)->facts_count; k++)
		fo->facts[fo->facts_count++] = (*cfg)->facts[k];
	for (k = 0; k < o->facts_count; k++)
		fo->facts[fo->facts_count++] = o->facts[k];
	fo->check.story = r->story;
	return 0;
}

static int not_in_baseline(const cl_finding *f, void *payload)
{
	void **p = payload;
	return !baseline_covers(p[0], p[1], f);
}

static int report(run *r, cl_result *res, const char *path, cl_severity fail_level)
{
	const cmd_options *o = r->o;
	size_t i;
	int rc = 0;
	if (r->known) {
		void *payload[2] = { r->known, (void *)path };
		cl_result_filter(res, not_in_baseline, payload);
	}
	for (i = 0; i < cl_result_finding_count(res); i++) {
		const cl_finding *f = cl_result_finding(res, i);
		if (f->severity >= fail_level)
			r->failed = 1;
		if (r->record && baseline_add(r->record, path, f))
			rc = 2;
	}
	if (o->mode == MODE_LEDGER) {
		if (cl_ledger_add(r->ledger, res) != CL_OK)
			rc = 2;
	} else {
		cl_report_options ro = CL_REPORT_OPTIONS_INIT;
		int tty = isatty(STDOUT_FILENO);
		ro.format = o->format;
		ro.color = o->color == COLOR_ALWAYS || (o->color == COLOR_AUTO && tty && !getenv("NO_COLOR"));
		ro.snippet = o->color == COLOR_ALWAYS || (o->color == COLOR_AUTO && tty);
		cl_report_write(stdout, res, &ro);
		if (o->summary)
			cl_summary_write(o->format == CL_FORMAT_TEXT ? stdout : stderr, res);
	}
	if (rc)
		fprintf(stderr, "chronolint: out of memory\n");
	return rc;
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

/* Fetches a page given on the command line; returns 0, or 2 after saying why.
 * *html says whether it came as HTML. */
static int fetch_input(run *r, const char *url, char **data, size_t *len, int *html)
{
	cl_error err = { 0, "" };
	char *type = NULL;
	cl_online_options net = r->o->net;
	net.progress = NULL;
	if (cl_fetch_page(data, len, &type, url, &net, &err) != CL_OK) {
		fprintf(stderr, "chronolint: %s\n", err.message);
		return 2;
	}
	/* a page served as text/plain is text; anything else is judged by its look */
	*html = type && strstr(type, "html") ? 1 : type && strncmp(type, "text/plain", 10) == 0 ? 0 : 2;
	free(type);
	return 0;
}

static int hold(run *r, const char *path, cl_result *res, cl_severity fail_level)
{
	held_result h;
	if (r->held_len == r->held_cap) {
		size_t cap = r->held_cap ? r->held_cap * 2 : 16;
		held_result *p = realloc(r->held, cap * sizeof(*p));
		if (!p)
			return 2;
		r->held = p;
		r->held_cap = cap;
	}
	h.path = strdup(path);
	h.res = res;
	h.fail_level = fail_level;
	if (!h.path || cl_linkcheck_add(r->links, res) != CL_OK) {
		free(h.path);
		return 2;
	}
	r->held[r->held_len++] = h;
	return 0;
}

static int check_one(run *r, const char *path)
{
	const cmd_options *o = r->o;
	char *data;
	size_t len, i;
	cl_result *res;
	cl_config *cfg;
	file_options fo;
	const cl_db *db;
	cl_error err = { 0, "" };
	int web = is_web_address(path), kept = 0;
	int rc = options_for(r, web ? "-" : path, &fo, &cfg);
	if (rc == 0 && !(db = db_for(r, fo.facts, fo.facts_count)))
		rc = 2;
	fo.check.html = has_suffix(path, ".html") || has_suffix(path, ".htm") ? 1 : 2;
	if (rc == 0)
		rc = web ? fetch_input(r, path, &data, &len, &fo.check.html) : read_input(path, &data, &len);
	if (rc == 0 && cl_check(&res, db, path, data, len, &fo.check, &err) != CL_OK) {
		fprintf(stderr, "chronolint: %s: %s\n", path, err.message);
		free(data);
		rc = 2;
	} else if (rc == 0) {
		free(data);
		for (i = 0; i < cl_result_input_problem_count(res); i++) {
			fprintf(stderr, "chronolint: %s: %s\n", path, cl_result_input_problem(res, i));
			rc = 2;
		}
		if (o->mode == MODE_CLAIMS && o->sentences) {
			if (cl_sentences_write(stdout, res) == CL_ERR_NOMEM) {
				fprintf(stderr, "chronolint: %s: out of memory\n", path);
				rc = 2;
			}
		} else if (o->mode == MODE_CLAIMS) {
			cl_claims_write(stdout, res);
		} else if (r->links) {
			if (hold(r, path, res, fo.fail_level)) {
				fprintf(stderr, "chronolint: out of memory\n");
				rc = 2;
			} else {
				kept = 1;
			}
		} else if (report(r, res, path, fo.fail_level)) {
			rc = 2;
		}
		if (!kept)
			cl_result_free(res);
	}
	cl_config_free(cfg);
	free(fo.rules);
	free(fo.facts);
	return rc;
}

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

/* The online checks of the held results, then their reports in input order. */
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
		held_result *h = &r->held[k];
		if (rc == 0 && cl_linkcheck_apply(r->links, h->res) != CL_OK) {
			fprintf(stderr, "chronolint: %s: out of memory\n", h->path);
			rc = 2;
		}
		if (report(r, h->res, h->path, h->fail_level))
			rc = 2;
		cl_result_free(h->res);
		free(h->path);
	}
	free(r->held);
	r->held = NULL;
	r->held_len = r->held_cap = 0;
	return rc;
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

/* db stats: one line per kind, "kind count", in a fixed order. */
static int print_stats(const cl_db *db)
{
	static const char *const kinds[] = { "people", "offices", "tenures", "events", "places", "place-names",
					     "entities", "terms", "works", "names", "rules" };
	size_t i;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		printf("%-12s %ld\n", kinds[i], cl_db_count(db, kinds[i]));
	return 0;
}

static int explain(const cl_db *db, const char *id)
{
	const cl_rule_doc *r = cl_db_rule_find(db, id);
	if (!r) {
		fprintf(stderr, "chronolint: no rule \"%s\" (see --list-rules)\n", id);
		return 2;
	}
	printf("%s (%s)\n  %s\n\n%s\n\nReported:\n  %s\n\nCorrect:\n  %s\n", r->id, r->severity, r->summary,
	       r->description, r->bad, r->good);
	if (r->silence)
		printf("\nSilencing it:\n  %s\n", r->silence);
	if (r->limits)
		printf("\nKnown limits:\n  %s\n", r->limits);
	return 0;
}

static int list_rules(const cl_db *db)
{
	size_t i;
	for (i = 0; i < cl_db_rule_count(db); i++) {
		const cl_rule_doc *r = cl_db_rule(db, i);
		printf("%-26s %-8s %s\n", r->id, r->severity, r->summary);
	}
	return 0;
}

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

static int run_checks(const cmd_options *o, cl_db *db)
{
	path_list files = { 0 };
	run r;
	int rc = check_rule_names(o, db), i;
	size_t k;
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
	if (rc == 0 && o->online && o->mode == MODE_CHECK)
		rc = start_online(&r);
	if (o->input_count == 0)
		path_push(&files, "-");
	for (i = 0; i < o->input_count; i++) {
		if (!is_web_address(o->inputs[i]) && dir_exists(o->inputs[i])) {
			int w = walk(o->inputs[i], &files);
			if (w > rc)
				rc = w;
		} else if (path_push(&files, o->inputs[i])) {
			rc = 2;
		}
	}
	/* a bad baseline stops the run before anything is reported */
	for (k = 0; k < files.len; k++) {
		int f = (r.story && (!o->baseline || r.known)) ? check_one(&r, files.items[k]) : 0;
		if (f > rc)
			rc = f;
		free(files.items[k]);
	}
	free(files.items);
	if (r.links) {
		int f = finish_online(&r);
		if (f > rc)
			rc = f;
		cl_linkcheck_free(r.links);
	}
	if (r.ledger && cl_ledger_write(stdout, r.ledger, o->format) != CL_OK)
		rc = 2;
	/* the baseline records what could be checked, even when a file could not */
	if (r.record && baseline_write(r.record, o->write_baseline))
		rc = 2;
	if (fflush(stdout) != 0) {
		fprintf(stderr, "chronolint: cannot write the report: %s\n", strerror(errno));
		rc = 2;
	}
	cl_ledger_free(r.ledger);
	baseline_free(r.known);
	baseline_free(r.record);
	cl_story_free(r.story);
	cl_db_free(r.facts_db);
	free(r.facts_key);
	if (rc)
		return rc;
	return o->mode == MODE_CHECK && r.failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	cmd_options o;
	cl_db *db = NULL;
	cl_error err = { 0, "" };
	int rc = cmd_parse(&o, argc, argv);
	if (rc)
		return rc;
	if (o.mode == MODE_HELP) {
		cmd_help(stdout);
		return 0;
	}
	if (o.mode == MODE_VERSION) {
		printf("chronolint %s\n", CL_VERSION);
		return 0;
	}
	if (o.mode == MODE_DB_CHECK) {
		const char *dir = o.input_count ? o.inputs[0] : rules_dir(&o);
		int problems = cl_db_check(dir, print_diag, NULL, &err);
		if (problems < 0) {
			fprintf(stderr, "chronolint: %s\n", err.message);
			return 2;
		}
		if (problems == 0)
			printf("%s: no problems\n", dir);
		return problems ? 1 : 0;
	}
	if (cl_db_open(&db, rules_dir(&o), print_diag, NULL, &err) != CL_OK) {
		fprintf(stderr, "chronolint: %s\n", err.message);
		return 2;
	}
	switch (o.mode) {
	case MODE_DB_STATS:
		rc = print_stats(db);
		break;
	case MODE_DB_LOOKUP:
		rc = cl_db_lookup(db, o.lookup, stdout) ? 0 : 1;
		if (rc)
			fprintf(stderr, "chronolint: nothing known as \"%s\"\n", o.lookup);
		break;
	case MODE_EXPLAIN:
		rc = explain(db, o.explain);
		break;
	case MODE_LIST_RULES:
		rc = list_rules(db);
		break;
	default:
		rc = run_checks(&o, db);
	}
	cl_db_free(db);
	cmd_free(&o);
	return rc;
}
