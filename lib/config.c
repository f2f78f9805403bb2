/*
 * config.c - the configuration files (.chronolint.ini): finding them, reading
 * them, and the settings they give one checked file.
 *
 * Every file is read and checked whole before any of it is applied, so that a
 * problem anywhere is reported, with its line, and nothing half-applied is
 * returned.
 */
#define _DEFAULT_SOURCE /* realpath */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

#define CL_CONFIG_NAME ".chronolint.ini"
#define CL_CONFIG_FILE_MAX ((size_t)1 << 20) /* bytes in one file */
#define CL_CONFIG_LINE_MAX 4096              /* bytes in one line */
#define CL_CONFIG_ITEMS_MAX 16384            /* settings, and sections, in one file */
#define CL_CONFIG_FILES_MAX 64               /* files on the way up to / */
#define CL_CONFIG_FACTS_MAX 256
#define CL_CONFIG_RULES_MAX 4096

typedef enum {
	KEY_POD,
	KEY_SETTING,
	KEY_KIND,
	KEY_FAIL_LEVEL,
	KEY_FACTS,
	KEY_DISABLE,
	KEY_ENABLE,
	KEY_SEVERITY
} config_key;

/* One checked `key = value` line; its strings live in the loader's arena. */
typedef struct {
	config_key key;
	int line;
	int number;          /* kind, fail-level: the value; severity: a cl_rule_state */
	cl_date date;        /* pod, setting */
	const char **items;  /* facts, disable, enable: the list; severity: the rule id */
	size_t item_count;
} config_entry;

/* The top level or a [glob] section, and its entries. */
typedef struct {
	bool top;
	const char **parts;  /* the glob's path components */
	size_t part_count;
	size_t first, count; /* into the file's entries */
} config_section;

typedef struct {
	const char *path;    /* as read: absolute when found, else as given */
	const char *dir;     /* what relative facts paths are joined to; "" for none */
	const char *absdir;  /* what section globs are matched from */
	bool root;
	CL_ARRAY(config_entry) entries;
	CL_ARRAY(config_section) sections;
} parsed_file;

typedef struct {
	const cl_db *db;
	cl_diag_fn diag;
	void *payload;
	cl_arena arena;                   /* the parsed files' strings */
	parsed_file files[CL_CONFIG_FILES_MAX]; /* nearest first */
	size_t file_count;
	CL_ARRAY(const char *) scratch;   /* the items of the list being parsed */
	const char *file;                 /* the file being read, for problems */
	int problems;
	const char *first_bad, *last_bad; /* files with a problem, for the error message */
	int bad_files;
} config_loader;

/* The public struct and what its strings live in: cl_config_free() casts back. */
typedef struct {
	cl_config config;
	cl_arena arena;
	size_t facts_cap, rules_cap, files_cap;
} config_owned;

static const char *const kind_names[] = { "essay", "manuscript", "forum", NULL };
static const char *const severity_names[] = { "info", "warning", "error", NULL };
static const char *const bool_names[] = { "false", "true", NULL };

static void problem(config_loader *ld, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void problem(config_loader *ld, int line, const char *fmt, ...)
{
	char message[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	if (ld->last_bad != ld->file) {
		if (!ld->first_bad)
			ld->first_bad = ld->file;
		ld->last_bad = ld->file;
		ld->bad_files++;
	}
	ld->problems++;
	if (ld->diag)
		ld->diag(ld->payload, ld->file, line, message);
}

/* ---- paths ------------------------------------------------------------------ */

static char *join_path(cl_arena *arena, const char *dir, const char *name)
{
	size_t n = strlen(dir);
	if (name[0] == '/' || n == 0)
		return cl_arena_strndup(arena, name, strlen(name));
	return cl_arena_printf(arena, "%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

/* The directory part of a path as written: "" when it has none, "/" for the root. */
static char *dir_part(cl_arena *arena, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return cl_arena_strndup(arena, "", 0);
	return cl_arena_strndup(arena, path, slash == path ? 1 : (size_t)(slash - path));
}

/* Splits a copy of `path` at each '/' (empty components dropped) into *parts,
 * an array in the arena. Returns CL_OK or CL_ERR_NOMEM. */
static int split_path(const char ***parts, size_t *count, cl_arena *arena, const char *path)
{
	char *copy = cl_arena_strndup(arena, path, strlen(path)), *p;
	const char **list;
	size_t n = 0, max = 1;
	if (!copy)
		return CL_ERR_NOMEM;
	for (p = copy; *p; p++)
		max += *p == '/';
	if (!(list = malloc(max * sizeof(*list))))
		return CL_ERR_NOMEM;
	for (p = copy; *p;) {
		char *slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		if (*p)
			list[n++] = p;
		p = slash ? slash + 1 : p + strlen(p);
	}
	*parts = n ? cl_arena_copy(arena, list, n * sizeof(*list)) : NULL;
	*count = n;
	free(list);
	return n && !*parts ? CL_ERR_NOMEM : CL_OK;
}

/* "a/./b/../c" becomes "a/c", so that one facts file named two ways is listed
 * once. Lexical, as the path may not exist (yet); what a facts path is joined
 * to is a real path already. */
static char *normal_path(cl_arena *arena, const char *path)
{
	const char **parts;
	size_t count, kept = 0, i;
	cl_buf b = { NULL, 0, 0, 0 };
	char *normal;
	int rc = CL_OK;
	if (split_path(&parts, &count, arena, path) != CL_OK)
		return NULL;
	for (i = 0; i < count; i++) {
		if (strcmp(parts[i], ".") == 0)
			continue;
		if (strcmp(parts[i], "..") == 0 && kept > 0 && strcmp(parts[kept - 1], "..") != 0)
			kept--;
		else if (strcmp(parts[i], "..") != 0 || path[0] != '/' || kept > 0)
			parts[kept++] = parts[i];
	}
	if (path[0] == '/')
		rc = cl_buf_putc(&b, '/');
	for (i = 0; rc == CL_OK && i < kept; i++) {
		if (i > 0)
			rc = cl_buf_putc(&b, '/');
		if (rc == CL_OK)
			rc = cl_buf_put(&b, parts[i], strlen(parts[i]));
	}
	normal = rc != CL_OK ? NULL : b.len ? cl_arena_strndup(arena, b.ptr, b.len) : cl_arena_strndup(arena, ".", 1);
	cl_buf_free(&b);
	return normal;
}

/* The absolute form of a directory as written ("" is the current one): its
 * realpath or, when it does not exist, itself or the current directory joined
 * to it, without "." and ".." (so that the walk up visits each directory once). */
static int absolute_dir(char **out, cl_arena *arena, const char *dir, cl_error *err)
{
	char cwd[PATH_MAX];
	char *real = realpath(*dir ? dir : ".", NULL);
	if (real) {
		*out = cl_arena_strndup(arena, real, strlen(real));
		free(real);
	} else if (dir[0] == '/') {
		*out = normal_path(arena, dir);
	} else {
		char *joined;
		if (!getcwd(cwd, sizeof(cwd)))
			return cl_error_set(err, CL_ERR_IO, "cannot find the current directory: %s", strerror(errno));
		*out = (joined = join_path(arena, cwd, dir)) ? normal_path(arena, joined) : NULL;
	}
	return *out ? CL_OK : cl_error_set(err, CL_ERR_NOMEM, "out of memory");
}

/* The path of `target` relative to the directory `base` (both absolute):
 * "chapters/one.md", or "../other/one.md" when it is not below it. */
static char *relative_path(cl_arena *arena, const char *base, const char *target)
{
	size_t i = 0, common = 0, ups = 0;
	cl_buf b = { NULL, 0, 0, 0 };
	const char *p;
	char *rel;
	while (base[i] && base[i] == target[i]) {
		i++;
		if (base[i - 1] == '/')
			common = i;
	}
	if (base[i] == '\0' && target[i] == '/')
		return cl_arena_strndup(arena, target + i + 1, strlen(target + i + 1));
	for (p = base + common; *p; p++)
		if (*p != '/' && (p == base + common || p[-1] == '/'))
			ups++;
	while (ups-- > 0)
		if (cl_buf_put(&b, "../", 3) != CL_OK)
			goto fail;
	if (cl_buf_put(&b, target + common, strlen(target + common)) != CL_OK)
		goto fail;
	rel = cl_arena_strndup(arena, b.ptr, b.len);
	cl_buf_free(&b);
	return rel;
fail:
	cl_buf_free(&b);
	return NULL;
}

/* Does the glob match the path, component by component? `**` matches any
 * number of components and the others are fnmatch(3) patterns. A `**` is
 * retried one component further on each mismatch, as '*' is in string
 * matching, so that no glob takes more than glob x path steps. */
static bool glob_match(const char *const *glob, size_t glob_count, const char *const *path, size_t path_count)
{
	size_t g = 0, p = 0, star_g = SIZE_MAX, star_p = 0;
	while (p < path_count) {
		if (g < glob_count && strcmp(glob[g], "**") == 0) {
			star_g = g++;
			star_p = p;
		} else if (g < glob_count && fnmatch(glob[g], path[p], FNM_PATHNAME) == 0) {
			g++;
			p++;
		} else if (star_g != SIZE_MAX) {
			g = star_g + 1;
			p = ++star_p;
		} else {
			return false;
		}
	}
	while (g < glob_count && strcmp(glob[g], "**") == 0)
		g++;
	return g == glob_count;
}

/* ---- reading and checking one file ---------------------------------------- */

/* Reads at most CL_CONFIG_FILE_MAX bytes. Returns CL_OK, CL_ERR_NOTFOUND,
 * CL_ERR_LIMIT (too large) or CL_ERR_IO (errno says why). */
static int read_config(char **data, size_t *len, const char *path)
{
	FILE *f = fopen(path, "rb");
	cl_buf b = { NULL, 0, 0, CL_CONFIG_FILE_MAX };
	char chunk[8192];
	size_t n;
	int rc = CL_OK, saved;
	if (!f)
		return errno == ENOENT ? CL_ERR_NOTFOUND : CL_ERR_IO;
	while (rc == CL_OK && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = cl_buf_put(&b, chunk, n);
	if (rc == CL_OK && ferror(f))
		rc = CL_ERR_IO;
	saved = errno;
	fclose(f);
	if (rc == CL_OK && !b.ptr && !(b.ptr = calloc(1, 1)))
		rc = CL_ERR_NOMEM;
	if (rc != CL_OK) {
		cl_buf_free(&b);
		errno = saved;
		return rc;
	}
	*data = b.ptr;
	*len = b.len;
	return CL_OK;
}

static char *trim(char *s)
{
	char *end;
	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

static bool valid_utf8(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;
	while (i < len) {
		if (!(n = cl_utf8_decode((const unsigned char *)s + i, len - i, &cp)))
			return false;
		i += n;
	}
	return true;
}

/* The index of `value` in the NULL-terminated `words` (ASCII case ignored), or -1. */
static int keyword(const char *value, const char *const *words)
{
	int i;
	for (i = 0; words[i]; i++)
		if (cl_word_eq(value, strlen(value), words[i]))
			return i;
	return -1;
}

static bool known_rule(config_loader *ld, int line, const char *id)
{
	if (!ld->db || cl_db_rule_find(ld->db, id))
		return true;
	problem(ld, line, "unknown rule \"%s\"", id);
	return false;
}

/* Splits a comma-separated list (in place) into e->items; empty items are
 * skipped. Returns CL_OK or CL_ERR_NOMEM. */
static int parse_list(config_loader *ld, config_entry *e, char *value)
{
	char *item = value;
	ld->scratch.len = 0;
	while (item) {
		char *comma = strchr(item, ',');
		if (comma)
			*comma = '\0';
		item = trim(item);
		if (*item) {
			char *copy = cl_arena_strndup(&ld->arena, item, strlen(item));
			if (!copy || CL_ARRAY_PUSH(ld->scratch, copy))
				return CL_ERR_NOMEM;
		}
		item = comma ? comma + 1 : NULL;
	}
	e->item_count = ld->scratch.len;
	e->items = ld->scratch.len ? cl_arena_copy(&ld->arena, ld->scratch.items, ld->scratch.len * sizeof(char *))
				   : NULL;
	return e->item_count && !e->items ? CL_ERR_NOMEM : CL_OK;
}

/* Checks `key = value` and adds it to the current section; a problem is
 * reported and the line dropped. Returns CL_OK or CL_ERR_NOMEM. */
static int parse_setting(config_loader *ld, parsed_file *file, int line, const char *key, char *value)
{
	config_entry e;
	const char *id;
	bool top = file->sections.len == 1;
	size_t i;
	int rc;
	memset(&e, 0, sizeof(e));
	e.line = line;
	if (!*value) {
		problem(ld, line, "\"%s\" has no value", key);
		return CL_OK;
	}
	if (strcmp(key, "root") == 0) {
		int yes = keyword(value, bool_names);
		if (!top)
			problem(ld, line, "root is only allowed before the first section");
		else if (yes < 0)
			problem(ld, line, "root must be true or false, not \"%s\"", value);
		else
			file->root = yes == 1;
		return CL_OK;
	}
	if (strcmp(key, "pod") == 0 || strcmp(key, "setting") == 0) {
		e.key = key[0] == 'p' ? KEY_POD : KEY_SETTING;
		if (cl_date_parse(&e.date, value) != CL_OK) {
			problem(ld, line, "invalid date \"%s\" (use YYYY, YYYY-MM or YYYY-MM-DD)", value);
			return CL_OK;
		}
	} else if (strcmp(key, "kind") == 0) {
		e.key = KEY_KIND;
		if ((e.number = keyword(value, kind_names)) < 0) {
			problem(ld, line, "unknown kind \"%s\" (essay, manuscript or forum)", value);
			return CL_OK;
		}
	} else if (strcmp(key, "fail-level") == 0) {
		e.key = KEY_FAIL_LEVEL;
		if ((e.number = keyword(value, severity_names)) < 0) {
			problem(ld, line, "unknown fail-level \"%s\" (error, warning or info)", value);
			return CL_OK;
		}
	} else if (strcmp(key, "facts") == 0 || strcmp(key, "disable") == 0 || strcmp(key, "enable") == 0) {
		bool bad = false;
		e.key = key[0] == 'f' ? KEY_FACTS : key[0] == 'd' ? KEY_DISABLE : KEY_ENABLE;
		if ((rc = parse_list(ld, &e, value)) != CL_OK)
			return rc;
		if (e.item_count == 0) {
			problem(ld, line, "\"%s\" has no value", key);
			return CL_OK;
		}
		for (i = 0; e.key != KEY_FACTS && i < e.item_count; i++)
			bad |= !known_rule(ld, line, e.items[i]);
		if (bad)
			return CL_OK;
	} else if (strncmp(key, "severity.", 9) == 0 && key[9]) {
		int severity = keyword(value, severity_names);
		bool known = known_rule(ld, line, key + 9);
		if (severity < 0)
			problem(ld, line, "unknown severity \"%s\" (info, warning or error)", value);
		if (severity < 0 || !known)
			return CL_OK;
		e.key = KEY_SEVERITY;
		e.number = CL_RULE_INFO + severity;
		id = cl_arena_strndup(&ld->arena, key + 9, strlen(key + 9));
		if (!id || !(e.items = cl_arena_copy(&ld->arena, &id, sizeof(id))))
			return CL_ERR_NOMEM;
		e.item_count = 1;
	} else {
		problem(ld, line, "unknown key \"%s\"", key);
		return CL_OK;
	}
	if (file->entries.len >= CL_CONFIG_ITEMS_MAX) {
		problem(ld, line, "more than %d settings in one file", CL_CONFIG_ITEMS_MAX);
		return CL_OK;
	}
	if (CL_ARRAY_PUSH(file->entries, e))
		return CL_ERR_NOMEM;
	file->sections.items[file->sections.len - 1].count++;
	return CL_OK;
}

static int add_section(config_loader *ld, parsed_file *file, int line, const char *glob)
{
	config_section s;
	int rc;
	memset(&s, 0, sizeof(s));
	s.first = file->entries.len;
	s.top = glob == NULL;
	if (glob) {
		/* a glob without '/' names a file in any directory, as if it began
		 * with a `**` component; one with a leading '/' is relative to the
		 * configuration's directory, as any other with a '/' */
		const char *pattern = strchr(glob, '/') ? glob : cl_arena_printf(&ld->arena, "**/%s", glob);
		if (!pattern)
			return CL_ERR_NOMEM;
		if ((rc = split_path(&s.parts, &s.part_count, &ld->arena, pattern)) != CL_OK)
			return rc;
		/* a bad header still opens a section (one that matches nothing), so
		 * that its settings do not fall into the one before */
		if (!*glob || s.part_count == 0)
			problem(ld, line, "empty glob \"[%s]\"", glob);
		if (file->sections.len >= CL_CONFIG_ITEMS_MAX) {
			problem(ld, line, "more than %d sections in one file", CL_CONFIG_ITEMS_MAX);
			return CL_OK;
		}
	}
	return CL_ARRAY_PUSH(file->sections, s) ? CL_ERR_NOMEM : CL_OK;
}

/* Checks one line (`len` bytes, no line end); returns CL_OK or CL_ERR_NOMEM. */
static int parse_line(config_loader *ld, parsed_file *file, int line, const char *text, size_t len)
{
	char buf[CL_CONFIG_LINE_MAX + 1], *s, *eq;
	size_t n;
	if (len > 0 && text[len - 1] == '\r')
		len--;
	if (len > CL_CONFIG_LINE_MAX) {
		problem(ld, line, "line is longer than %d bytes", CL_CONFIG_LINE_MAX);
		return CL_OK;
	}
	if (memchr(text, '\0', len)) {
		problem(ld, line, "NUL byte");
		return CL_OK;
	}
	if (!valid_utf8(text, len)) {
		problem(ld, line, "invalid UTF-8");
		return CL_OK;
	}
	memcpy(buf, text, len);
	buf[len] = '\0';
	s = trim(buf);
	n = strlen(s);
	if (n == 0 || s[0] == '#' || s[0] == ';')
		return CL_OK;
	if (s[0] == '[' && s[n - 1] == ']' && n >= 2) {
		s[n - 1] = '\0';
		return add_section(ld, file, line, trim(s + 1));
	}
	if (s[0] != '[' && (eq = strchr(s, '=')) != NULL) {
		*eq = '\0';
		s = trim(s);
		if (*s)
			return parse_setting(ld, file, line, s, trim(eq + 1));
	}
	problem(ld, line, "line is not \"key = value\" or \"[glob]\"");
	return CL_OK;
}

/* Reads and checks one file into ld->files[ld->file_count]. Returns CL_OK
 * (problems are reported and counted), CL_ERR_NOTFOUND when it does not exist,
 * or another error, set in `err`. */
static int load_file(config_loader *ld, const char *path, const char *dir, const char *absdir, cl_error *err)
{
	parsed_file *file;
	char *data;
	const char *p, *end;
	size_t len;
	int rc, line = 0;
	if (ld->file_count == CL_CONFIG_FILES_MAX)
		return cl_error_set(err, CL_ERR_LIMIT, "%s: more than %d configuration files", path,
				    CL_CONFIG_FILES_MAX);
	ld->file = path;
	rc = read_config(&data, &len, path);
	if (rc == CL_ERR_NOTFOUND)
		return rc;
	if (rc == CL_ERR_LIMIT) {
		problem(ld, 0, "the file is larger than 1 MiB");
		return CL_OK;
	}
	if (rc != CL_OK)
		return cl_error_set(err, rc, "%s: cannot be read: %s", path,
				    rc == CL_ERR_NOMEM ? "out of memory" : strerror(errno));
	file = &ld->files[ld->file_count++];
	memset(file, 0, sizeof(*file));
	file->path = path;
	file->dir = dir;
	file->absdir = absdir;
	rc = add_section(ld, file, 0, NULL);
	p = data;
	end = data + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (rc == CL_OK && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		rc = parse_line(ld, file, ++line, p, (size_t)(eol - p));
		p = nl ? nl + 1 : end;
	}
	free(data);
	return rc == CL_OK ? CL_OK : cl_error_set(err, rc, "out of memory");
}

static void free_files(config_loader *ld)
{
	size_t i;
	for (i = 0; i < ld->file_count; i++) {
		free(ld->files[i].entries.items);
		free(ld->files[i].sections.items);
	}
	free(ld->scratch.items);
	cl_arena_free(&ld->arena);
}

/* ---- applying the files to one checked file -------------------------------- */

static int add_fact(config_loader *ld, config_owned *o, const parsed_file *file, int line, const char *item)
{
	cl_config *c = &o->config;
	char *joined = join_path(&o->arena, file->dir, item);
	char *path = joined ? normal_path(&o->arena, joined) : NULL;
	size_t i;
	if (!path)
		return CL_ERR_NOMEM;
	for (i = 0; i < c->facts_count; i++)
		if (strcmp(c->facts[i], path) == 0)
			return CL_OK;
	if (c->facts_count == CL_CONFIG_FACTS_MAX) {
		problem(ld, line, "more than %d facts files", CL_CONFIG_FACTS_MAX);
		return CL_ERR_LIMIT;
	}
	if (cl_array_grow((void **)&c->facts, &o->facts_cap, sizeof(*c->facts), c->facts_count + 1))
		return CL_ERR_NOMEM;
	c->facts[c->facts_count++] = path;
	return CL_OK;
}

static int add_rule(config_loader *ld, config_owned *o, int line, const char *rule, cl_rule_state state)
{
	cl_config *c = &o->config;
	char *copy;
	if (c->rule_count == CL_CONFIG_RULES_MAX) {
		problem(ld, line, "more than %d rule settings", CL_CONFIG_RULES_MAX);
		return CL_ERR_LIMIT;
	}
	if (!(copy = cl_arena_strndup(&o->arena, rule, strlen(rule))) ||
	    cl_array_grow((void **)&c->rules, &o->rules_cap, sizeof(*c->rules), c->rule_count + 1))
		return CL_ERR_NOMEM;
	c->rules[c->rule_count].rule = copy;
	c->rules[c->rule_count++].state = state;
	return CL_OK;
}

static int apply_entry(config_loader *ld, config_owned *o, const parsed_file *file, const config_entry *e)
{
	cl_config *c = &o->config;
	size_t i;
	int rc = CL_OK;
	switch (e->key) {
	case KEY_POD:
		c->pod = e->date;
		break;
	case KEY_SETTING:
		c->setting = e->date;
		break;
	case KEY_KIND:
		c->kind = e->number;
		break;
	case KEY_FAIL_LEVEL:
		c->fail_level = e->number;
		break;
	case KEY_FACTS:
		for (i = 0; rc == CL_OK && i < e->item_count; i++)
			rc = add_fact(ld, o, file, e->line, e->items[i]);
		break;
	case KEY_DISABLE:
	case KEY_ENABLE:
		for (i = 0; rc == CL_OK && i < e->item_count; i++)
			rc = add_rule(ld, o, e->line, e->items[i], e->key == KEY_DISABLE ? CL_RULE_OFF : CL_RULE_ON);
		break;
	case KEY_SEVERITY:
		rc = add_rule(ld, o, e->line, e->items[0], (cl_rule_state)e->number);
		break;
	}
	return rc;
}

/* Applies the top level and every section whose glob matches `name` (the
 * checked file's absolute path, or "-" for stdin). Returns CL_OK, CL_ERR_LIMIT
 * (reported) or CL_ERR_NOMEM. */
static int apply_file(config_loader *ld, config_owned *o, const parsed_file *file, const char *name)
{
	cl_config *c = &o->config;
	const char **path = NULL;
	size_t path_count = 0, i, k;
	const char *rel;
	char *copy;
	int rc;
	ld->file = file->path;
	if (!(copy = cl_arena_strndup(&o->arena, file->path, strlen(file->path))) ||
	    cl_array_grow((void **)&c->files, &o->files_cap, sizeof(*c->files), c->file_count + 1))
		return CL_ERR_NOMEM;
	c->files[c->file_count++] = copy;
	rel = strcmp(name, "-") == 0 ? name : relative_path(&ld->arena, file->absdir, name);
	if (!rel || (rc = split_path(&path, &path_count, &ld->arena, rel)) != CL_OK)
		return CL_ERR_NOMEM;
	for (i = 0; i < file->sections.len; i++) {
		const config_section *s = &file->sections.items[i];
		if (!s->top && !glob_match(s->parts, s->part_count, path, path_count))
			continue;
		for (k = 0; k < s->count; k++)
			if ((rc = apply_entry(ld, o, file, &file->entries.items[s->first + k])) != CL_OK)
				return rc;
	}
	return CL_OK;
}

/* ---- finding the files ------------------------------------------------------ */

/* Reads every .chronolint.ini from `dir` (absolute) up to '/', stopping after
 * one that says root = true. */
static int discover(config_loader *ld, const char *dir, cl_error *err)
{
	char *d = cl_arena_strndup(&ld->arena, dir, strlen(dir));
	for (;;) {
		char *path, *slash;
		int rc;
		if (!d || !(path = join_path(&ld->arena, d, CL_CONFIG_NAME)))
			return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
		rc = load_file(ld, path, d, d, err);
		if (rc != CL_OK && rc != CL_ERR_NOTFOUND)
			return rc;
		if ((rc == CL_OK && ld->file_count && ld->files[ld->file_count - 1].path == path &&
		     ld->files[ld->file_count - 1].root) || strcmp(d, "/") == 0)
			return CL_OK;
		/* the parent, as a new string: the file just read keeps `d` */
		slash = strrchr(d, '/');
		d = cl_arena_strndup(&ld->arena, d, slash == d ? 1 : (size_t)(slash - d));
	}
}

/* The absolute path of the checked file, or "-" for stdin; and its directory. */
static int checked_file(const char **name, const char **dir, cl_arena *arena, const char *path, cl_error *err)
{
	const char *slash;
	const char *written;
	char *abs;
	int rc;
	bool from_stdin = !path || strcmp(path, "-") == 0;
	if (!(written = from_stdin ? "" : dir_part(arena, path)))
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	if ((rc = absolute_dir(&abs, arena, written, err)) != CL_OK)
		return rc;
	*dir = abs;
	if (from_stdin) {
		*name = "-";
		return CL_OK;
	}
	slash = strrchr(path, '/');
	*name = join_path(arena, abs, slash ? slash + 1 : path);
	return *name ? CL_OK : cl_error_set(err, CL_ERR_NOMEM, "out of memory");
}

int cl_config_load(cl_config **out, const cl_db *db, const char *path, const char *config_file,
		   cl_diag_fn diag, void *payload, cl_error *err)
{
	config_loader *ld;
	config_owned *o = NULL;
	const char *name = NULL, *dir = NULL;
	size_t i;
	int rc;
	if (!out)
		return cl_error_set(err, CL_ERR_INVALID, "no output for the configuration");
	*out = NULL;
	/* the loader holds a fixed array of files: too large for the stack */
	if (!(ld = calloc(1, sizeof(*ld))))
		return cl_error_set(err, CL_ERR_NOMEM, "out of memory");
	ld->db = db;
	ld->diag = diag;
	ld->payload = payload;
	if ((rc = checked_file(&name, &dir, &ld->arena, path, err)) != CL_OK)
		goto done;
	if (config_file) {
		char *cdir = dir_part(&ld->arena, config_file), *cabs;
		if (!cdir) {
			rc = cl_error_set(err, CL_ERR_NOMEM, "out of memory");
			goto done;
		}
		if ((rc = absolute_dir(&cabs, &ld->arena, cdir, err)) != CL_OK)
			goto done;
		rc = load_file(ld, config_file, cdir, cabs, err);
		if (rc == CL_ERR_NOTFOUND)
			rc = cl_error_set(err, CL_ERR_IO, "%s: cannot be read: %s", config_file, strerror(ENOENT));
	} else {
		rc = discover(ld, dir, err);
	}
	if (rc != CL_OK)
		goto done;
	if (ld->problems == 0) {
		if (!(o = calloc(1, sizeof(*o)))) {
			rc = cl_error_set(err, CL_ERR_NOMEM, "out of memory");
			goto done;
		}
		o->config.kind = -1;
		o->config.fail_level = -1;
		/* the farthest first, so that the nearest wins */
		for (i = ld->file_count; rc == CL_OK && i-- > 0;)
			rc = apply_file(ld, o, &ld->files[i], name);
		if (rc == CL_ERR_NOMEM)
			cl_error_set(err, rc, "out of memory");
	}
	if (ld->problems > 0) {
		char others[64] = "";
		if (ld->bad_files > 1)
			snprintf(others, sizeof(others), " and %d other file%s", ld->bad_files - 1,
				 ld->bad_files > 2 ? "s" : "");
		rc = cl_error_set(err, CL_ERR_PARSE, "%s%s: the configuration has %d problem%s", ld->first_bad,
				  others, ld->problems, ld->problems > 1 ? "s" : "");
	}
done:
	if (rc == CL_OK)
		*out = &o->config;
	else
		cl_config_free(o ? &o->config : NULL);
	free_files(ld);
	free(ld);
	return rc;
}

void cl_config_free(cl_config *config)
{
	config_owned *o = (config_owned *)config;
	if (!config)
		return;
	free(config->facts);
	free(config->rules);
	free(config->files);
	cl_arena_free(&o->arena);
	free(o);
}
