/* options.c - every option, documented once: --help is printed from this table. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "jobs.h"
#include "options.h"

typedef struct {
	const char *name;
	const char *arg;
	const char *help;
} option_doc;

static const option_doc docs[] = {
	{ "format", "FORMAT", "output format: text (default), json, sarif, github, checkstyle or junit" },
	{ "jobs", "N", "check N files at once (-j N; default: the number of processors); the output keeps the input order" },
	{ "include", "GLOB", "in directories, check only files matching GLOB (repeatable; default: *.txt *.md *.markdown *.text *.rst *.html *.htm)" },
	{ "exclude", "GLOB", "in directories, skip files and directories matching GLOB (repeatable)" },
	{ "stdin-filename", "NAME", "read standard input as the file NAME: its configuration and its name in the report" },
	{ "fix", NULL, "apply the safe fixes to the files (written atomically; nothing when two fixes overlap)" },
	{ "diff", NULL, "print what --fix would change as a unified diff instead of the findings" },
	{ "setting", "DATE", "the date the document is set at, before any date in it (YYYY, YYYY-MM, YYYY-MM-DD)" },
	{ "pod", "DATE", "point of divergence: departures from real history after it are reported as divergences" },
	{ "kind", "KIND", "document kind: essay (default), manuscript or forum" },
	{ "rules", "PATH", "the facts database directory (default: the installed rules)" },
	{ "facts", "FILE", "the author's own facts (rules XML); they replace real entries of the same id (repeatable)" },
	{ "config", "FILE", "read only this configuration file instead of every .chronolint.ini above each file" },
	{ "no-config", NULL, "read no configuration file" },
	{ "enable", "RULE", "turn RULE on, over the configuration (repeatable)" },
	{ "disable", "RULE", "turn RULE off (repeatable)" },
	{ "report-unused-disables", NULL, "report disable directives that silenced nothing" },
	{ "baseline", "FILE", "report only findings that are not in the baseline FILE" },
	{ "write-baseline", "FILE", "record the findings of this run in FILE as the baseline" },
	{ "online", NULL, "check links too: dead links, permanent redirects, quotations not on the cited page" },
	{ "archive", NULL, "with --online: name the closest Wayback Machine copy of a dead link as its fix" },
	{ "allow-private", NULL, "let links and pages reach loopback, private and link-local addresses" },
	{ "link-timeout", "SECONDS", "give up on a link after SECONDS (default 30)" },
	{ "link-cache", "DIR", "keep the results of link checks that succeeded in DIR for the next runs" },
	{ "link-cache-ttl", "SECONDS", "how long a cached link result holds (default 86400)" },
	{ "fail-level", "LEVEL", "exit 1 when a finding is at least error, warning (default) or info" },
	{ "summary", NULL, "also print each checked claim with its verdict, and the counts" },
	{ "sentences", NULL, "claims: print each sentence with its reference date instead" },
	{ "color", "WHEN", "colour and source snippets: auto (default: on a terminal), always, never" },
	{ "no-markdown", NULL, "read code spans, fenced code and link targets as prose too" },
	{ "explain", "RULE", "print the documentation of RULE" },
	{ "list-rules", NULL, "list the rules with their default severity and summary" },
	{ "version", NULL, "print the version" },
	{ "help", NULL, "print this help" },
};

/* Help text in the column after the option, broken between words before 80. */
static void put_wrapped(FILE *out, const char *text)
{
	enum { COLUMN = 25, WIDTH = 79 };
	size_t used = COLUMN;
	while (*text) {
		size_t word = strcspn(text, " ");
		if (used > COLUMN && used + 1 + word > WIDTH) {
			fprintf(out, "\n%*s", COLUMN, "");
			used = COLUMN;
		} else if (used > COLUMN) {
			fputc(' ', out);
			used++;
		}
		fwrite(text, 1, word, out);
		used += word;
		text += word;
		while (*text == ' ')
			text++;
	}
	fputc('\n', out);
}

void cmd_help(FILE *out)
{
	size_t i;
	fputs("usage: chronolint [OPTIONS] [FILE|DIR|URL|-]...\n"
	      "       chronolint lsp [OPTIONS]\n"
	      "       chronolint claims [--sentences] [OPTIONS] [FILE|-]...\n"
	      "       chronolint ledger [OPTIONS] [FILE|DIR|-]...\n"
	      "       chronolint db check [PATH] | db stats | db lookup NAME\n\n"
	      "Checks the historical claims in text files, HTML pages and web pages (stdin when\n"
	      "none is given) against a curated database of facts, and their links and\n"
	      "citations. Exit status: 0 no finding at or above the fail level, 1 such\n"
	      "findings, 2 a usage or input error.\n\nOptions:\n", out);
	for (i = 0; i < sizeof(docs) / sizeof(*docs); i++) {
		char left[40];
		snprintf(left, sizeof(left), "--%s%s%s", docs[i].name, docs[i].arg ? " " : "",
			 docs[i].arg ? docs[i].arg : "");
		/* a long option gets its own line, the help under it */
		if (strlen(left) > 22)
			fprintf(out, "  %s\n  %-22s ", left, "");
		else
			fprintf(out, "  %-22s ", left);
		put_wrapped(out, docs[i].help);
	}
	fputs("\nSubcommands:\n"
	      "  claims                 print every claim understood, as JSON Lines\n"
	      "  ledger                 print every divergence from real history in date order\n"
	      "  db check [PATH]        validate the database; print FILE:LINE: problem\n"
	      "  db stats               count the entries per kind (people, offices, events, ...)\n"
	      "  db lookup NAME         print every entry NAME names: person, office, event, place,\n"
	      "                         state or organisation, term, work\n"
	      "  lsp                    serve the Language Server Protocol on stdin and stdout\n\n"
	      "Environment: CHRONOLINT_RULES (the rules directory), CHRONOLINT_CACHE (where the\n"
	      "compiled rules cache is kept, or off), CHRONOLINT_WORDS (the word list for\n"
	      "name-spelling, or off; default /usr/share/dict/words), CHRONOLINT_ARCHIVE_API\n"
	      "(the Wayback Machine availability API that --archive asks), CHRONOLINT_PCRE2_JIT\n"
	      "(off: match the rules' term patterns with PCRE2's interpreter),\n"
	      "CHRONOLINT_SECTION_BYTES (the pieces a long input is checked in; default 1 MiB).\n\n"
	      "An input longer than 1 MiB is checked in sections as it is read, in memory that\n"
	      "does not grow with its size (chronolint(1), LONG INPUTS).\n\n"
	      "See chronolint(1) for the rules, the output formats and examples, and\n"
	      "chronolint-rules(5) for the facts database.\n", out);
}

static int usage_error(const char *fmt, const char *arg) __attribute__((format(printf, 1, 0)));

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "chronolint: ");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	fprintf(stderr, fmt, arg);
#pragma GCC diagnostic pop
	fprintf(stderr, "\nTry 'chronolint --help'.\n");
	return 2;
}

static int parse_date_arg(cl_date *out, const char *opt, const char *arg)
{
	if (cl_date_parse(out, arg) != CL_OK) {
		fprintf(stderr, "chronolint: --%s: \"%s\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)\n", opt, arg);
		return 2;
	}
	return 0;
}

static int parse_seconds(long *out, const char *opt, const char *arg)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (end == arg || *end || v < 1 || v > 31536000) {
		fprintf(stderr, "chronolint: --%s: \"%s\" is not a number of seconds (1 or more)\n", opt, arg);
		return 2;
	}
	*out = v;
	return 0;
}

/* The index of the first operand of argv (not an option nor an option's
 * argument), or argc. */
static int first_operand(int argc, char **argv, const struct option *longs)
{
	int i;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		size_t k, len;
		if (strcmp(a, "--") == 0)
			return i + 1;
		if (a[0] != '-' || a[1] == '\0')
			return i;
		if (strcmp(a, "-j") == 0) { /* the one short option with an argument */
			i++;
			continue;
		}
		if (a[1] != '-' || strchr(a, '='))
			continue;
		len = strlen(a + 2);
		for (k = 0; longs[k].name; k++)
			if (strlen(longs[k].name) == len && memcmp(longs[k].name, a + 2, len) == 0 &&
			    longs[k].has_arg == required_argument)
				i++;
	}
	return argc;
}

static int push_string(const char ***list, size_t *count, const char *arg)
{
	const char **p = realloc(*list, (*count + 1) * sizeof(*p));
	if (!p) {
		fprintf(stderr, "chronolint: out of memory\n");
		return 2;
	}
	*list = p;
	p[(*count)++] = arg;
	return 0;
}

/* --facts, --include, --exclude, --enable and --disable keep their order. */
static int push_list(cmd_options *o, int opt, const char *arg)
{
	if (opt == 'I')
		return push_string(&o->include, &o->include_count, arg);
	if (opt == 'X')
		return push_string(&o->exclude, &o->exclude_count, arg);
	if (opt == 'F') {
		const char **p = realloc(o->facts, (o->facts_count + 1) * sizeof(*p));
		if (!p) {
			fprintf(stderr, "chronolint: out of memory\n");
			return 2;
		}
		o->facts = p;
		o->facts[o->facts_count++] = arg;
	} else {
		cl_rule_setting *p = realloc(o->rule_settings, (o->rule_setting_count + 1) * sizeof(*p));
		if (!p) {
			fprintf(stderr, "chronolint: out of memory\n");
			return 2;
		}
		o->rule_settings = p;
		p[o->rule_setting_count].rule = arg;
		p[o->rule_setting_count++].state = opt == 'E' ? CL_RULE_ON : CL_RULE_OFF;
	}
	return 0;
}

static int dir_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void cmd_print_diag(void *payload, const char *file, int line, const char *message)
{
	(void)payload;
	if (line > 0)
		fprintf(stderr, "%s:%d: %s\n", file, line, message);
	else
		fprintf(stderr, "%s: %s\n", file, message);
}

const char *cmd_rules_dir(const cmd_options *o)
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

int cmd_file_options_init(cmd_file_options *fo, const cmd_options *o, const cl_config *cfg)
{
	size_t k, n = 0;
	memset(fo, 0, sizeof(*fo));
	fo->check = o->check;
	fo->fail_level = o->fail_level;
	if (cfg) {
		if (!(o->check.fixed & CL_FIXED_POD) && cfg->pod.precision != CL_PREC_NONE)
			fo->check.pod = cfg->pod;
		if (!(o->check.fixed & CL_FIXED_SETTING) && cfg->setting.precision != CL_PREC_NONE)
			fo->check.setting = cfg->setting;
		if (!(o->check.fixed & CL_FIXED_KIND) && cfg->kind >= 0)
			fo->check.kind = (cl_doc_kind)cfg->kind;
		if (!o->fail_level_given && cfg->fail_level >= 0)
			fo->fail_level = (cl_severity)cfg->fail_level;
	}
	fo->rules = calloc((cfg ? cfg->rule_count : 0) + o->rule_setting_count + 1, sizeof(cl_rule_setting));
	fo->facts = calloc((cfg ? cfg->facts_count : 0) + o->facts_count + 1, sizeof(char *));
	if (!fo->rules || !fo->facts) {
		cmd_file_options_free(fo);
		return -1;
	}
	for (k = 0; cfg && k < cfg->rule_count; k++)
		fo->rules[n++] = cfg->rules[k];
	for (k = 0; k < o->rule_setting_count; k++)
		fo->rules[n++] = o->rule_settings[k];
	fo->check.rules = fo->rules;
	fo->check.rule_count = n;
	for (k = 0; cfg && k < cfg->facts_count; k++)
		fo->facts[fo->facts_count++] = cfg->facts[k];
	for (k = 0; k < o->facts_count; k++)
		fo->facts[fo->facts_count++] = o->facts[k];
	return 0;
}

void cmd_file_options_free(cmd_file_options *fo)
{
	free(fo->rules);
	free(fo->facts);
	fo->rules = NULL;
	fo->facts = NULL;
}

void cmd_free(cmd_options *o)
{
	free(o->include);
	free(o->exclude);
	free(o->facts);
	free(o->rule_settings);
}

int cmd_parse(cmd_options *o, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "format", required_argument, NULL, 'f' }, { "setting", required_argument, NULL, 's' },
		{ "pod", required_argument, NULL, 'p' }, { "kind", required_argument, NULL, 'k' },
		{ "rules", required_argument, NULL, 'r' }, { "fail-level", required_argument, NULL, 'l' },
		{ "summary", no_argument, NULL, 'S' }, { "sentences", no_argument, NULL, 'T' },
		{ "color", required_argument, NULL, 'c' },
		{ "colour", required_argument, NULL, 'c' }, { "no-markdown", no_argument, NULL, 'M' },
		{ "explain", required_argument, NULL, 'e' }, { "list-rules", no_argument, NULL, 'L' },
		{ "facts", required_argument, NULL, 'F' }, { "config", required_argument, NULL, 'C' },
		{ "no-config", no_argument, NULL, 'N' }, { "enable", required_argument, NULL, 'E' },
		{ "disable", required_argument, NULL, 'D' }, { "report-unused-disables", no_argument, NULL, 'U' },
		{ "baseline", required_argument, NULL, 'b' }, { "write-baseline", required_argument, NULL, 'B' },
		{ "online", no_argument, NULL, 'O' }, { "archive", no_argument, NULL, 'A' },
		{ "allow-private", no_argument, NULL, 'P' }, { "link-timeout", required_argument, NULL, 't' },
		{ "link-cache", required_argument, NULL, 'K' }, { "link-cache-ttl", required_argument, NULL, 'Y' },
		{ "jobs", required_argument, NULL, 'j' }, { "include", required_argument, NULL, 'I' },
		{ "exclude", required_argument, NULL, 'X' }, { "fix", no_argument, NULL, 'x' },
		{ "diff", no_argument, NULL, 'd' }, { "stdin-filename", required_argument, NULL, 'i' },
		{ "version", no_argument, NULL, 'V' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	static const cl_check_options defaults = CL_CHECK_OPTIONS_INIT;
	static const cl_online_options net_defaults = CL_ONLINE_OPTIONS_INIT;
	int c, sub, words = 0, k;
	memset(o, 0, sizeof(*o));
	o->check = defaults;
	o->net = net_defaults;
	o->fail_level = CL_SEV_WARNING;
	o->mode = MODE_CHECK;
	o->jobs = jobs_default_threads();
	/* the subcommand is the first operand, with options before or after it */
	sub = first_operand(argc, argv, longs);
	if (sub < argc && strcmp(argv[sub], "claims") == 0) {
		o->mode = MODE_CLAIMS;
		words = 1;
	} else if (sub < argc && strcmp(argv[sub], "lsp") == 0) {
		o->mode = MODE_LSP;
		words = 1;
	} else if (sub < argc && strcmp(argv[sub], "ledger") == 0) {
		o->mode = MODE_LEDGER;
		words = 1;
	} else if (sub < argc && strcmp(argv[sub], "db") == 0) {
		int cmd = first_operand(argc - sub, argv + sub, longs) + sub;
		if (cmd >= argc)
			return usage_error("db needs a command: %s", "check, stats or lookup");
		if (strcmp(argv[cmd], "check") == 0)
			o->mode = MODE_DB_CHECK;
		else if (strcmp(argv[cmd], "stats") == 0)
			o->mode = MODE_DB_STATS;
		else if (strcmp(argv[cmd], "lookup") == 0)
			o->mode = MODE_DB_LOOKUP;
		else
			return usage_error("unknown db command \"%s\"", argv[cmd]);
		/* drop "db" and its command from the arguments */
		for (k = cmd; k + 1 < argc; k++)
			argv[k] = argv[k + 1];
		argc--;
		words = 1;
	}
	for (k = sub; words && k + 1 < argc; k++)
		argv[k] = argv[k + 1];
	argc -= words;
	optind = 1;
	while ((c = getopt_long(argc, argv, "hVj:", longs, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (cl_format_parse(&o->format, optarg) != CL_OK)
				return usage_error("unknown format \"%s\" (text, json, sarif, github, checkstyle or junit)",
						   optarg);
			break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (end == optarg || *end || n < 1 || n > 256)
				return usage_error("-j: \"%s\" is not a number of jobs (1 to 256)", optarg);
			o->jobs = (int)n;
			break;
		}
		case 'I':
		case 'X':
			if (push_list(o, c, optarg))
				return 2;
			break;
		case 'x':
			o->fix = 1;
			break;
		case 'i':
			if (!*optarg || strcmp(optarg, "-") == 0)
				return usage_error("--stdin-filename: \"%s\" is not a file name", optarg);
			o->stdin_filename = optarg;
			break;
		case 'd':
			o->diff = 1;
			break;
		case 's':
			if (parse_date_arg(&o->check.setting, "setting", optarg))
				return 2;
			o->check.fixed |= CL_FIXED_SETTING;
			break;
		case 'p':
			if (parse_date_arg(&o->check.pod, "pod", optarg))
				return 2;
			o->check.fixed |= CL_FIXED_POD;
			break;
		case 'F':
		case 'E':
		case 'D':
			if (push_list(o, c, optarg))
				return 2;
			break;
		case 'C':
			o->config = optarg;
			break;
		case 'O':
			o->online = 1;
			break;
		case 'A':
			o->net.archive = 1;
			break;
		case 'P':
			o->net.allow_private = 1;
			break;
		case 't':
		case 'Y': {
			long seconds;
			if (parse_seconds(&seconds, c == 't' ? "link-timeout" : "link-cache-ttl", optarg))
				return 2;
			if (c == 't')
				o->net.timeout_ms = seconds * 1000;
			else
				o->net.cache_ttl = seconds;
			break;
		}
		case 'K':
			o->net.cache_dir = optarg;
			break;
		case 'N':
			o->no_config = 1;
			break;
		case 'U':
			o->check.report_unused_disables = 1;
			break;
		case 'b':
			o->baseline = optarg;
			break;
		case 'B':
			o->write_baseline = optarg;
			break;
		case 'k':
			o->check.fixed |= CL_FIXED_KIND;
			if (strcmp(optarg, "essay") == 0)
				o->check.kind = CL_KIND_ESSAY;
			else if (strcmp(optarg, "manuscript") == 0)
				o->check.kind = CL_KIND_MANUSCRIPT;
			else if (strcmp(optarg, "forum") == 0)
				o->check.kind = CL_KIND_FORUM;
			else
				return usage_error("unknown kind \"%s\" (essay, manuscript or forum)", optarg);
			break;
		case 'r':
			o->rules = optarg;
			break;
		case 'l':
			if (strcmp(optarg, "error") == 0)
				o->fail_level = CL_SEV_ERROR;
			else if (strcmp(optarg, "warning") == 0)
				o->fail_level = CL_SEV_WARNING;
			else if (strcmp(optarg, "info") == 0)
				o->fail_level = CL_SEV_INFO;
			else
				return usage_error("unknown fail level \"%s\" (error, warning or info)", optarg);
			o->fail_level_given = 1;
			break;
		case 'S':
			o->summary = 1;
			break;
		case 'T':
			o->sentences = 1;
			break;
		case 'c':
			if (strcmp(optarg, "auto") == 0)
				o->color = COLOR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				o->color = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				o->color = COLOR_NEVER;
			else
				return usage_error("unknown colour mode \"%s\" (auto, always or never)", optarg);
			break;
		case 'M':
			o->check.markdown = 0;
			break;
		case 'e':
			o->mode = MODE_EXPLAIN;
			o->explain = optarg;
			break;
		case 'L':
			o->mode = MODE_LIST_RULES;
			break;
		case 'V':
			o->mode = MODE_VERSION;
			break;
		case 'h':
			o->mode = MODE_HELP;
			break;
		default:
			return usage_error("%s", "invalid option");
		}
	}
	if (o->sentences && o->mode != MODE_CLAIMS)
		return usage_error("%s", "--sentences goes with the claims subcommand");
	if (o->net.archive && !o->online)
		return usage_error("%s", "--archive goes with --online");
	if (o->fix && o->diff)
		return usage_error("%s", "--fix and --diff exclude each other");
	if ((o->fix || o->diff) && o->mode != MODE_CHECK)
		return usage_error("%s", "--fix and --diff go with a check, not a subcommand");
	if (o->config && o->no_config)
		return usage_error("%s", "--config and --no-config exclude each other");
	o->inputs = argv + optind;
	o->input_count = argc - optind;
	if (o->mode == MODE_DB_LOOKUP) {
		if (o->input_count != 1)
			return usage_error("%s", "db lookup needs one NAME");
		o->lookup = o->inputs[0];
	}
	return 0;
}
