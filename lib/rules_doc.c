/* rules_doc.c - the rule documentation in rules/rules.xml: the single source for
 * --explain, --list-rules and the man page section on rules. */
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include "internal.h"

struct cl_rule_docs {
	CL_ARRAY(cl_rule_doc) rules;
	cl_arena arena;
};

static const char *child_text(cl_arena *a, xmlNodePtr n, const char *name)
{
	xmlNodePtr c;
	for (c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0) {
			xmlChar *v = xmlNodeGetContent(c);
			const char *r;
			size_t len, start = 0;
			if (!v)
				return NULL;
			len = strlen((const char *)v);
			/* the XML is indented; keep the text, not the indentation around it */
			while (start < len && (v[start] == ' ' || v[start] == '\n' || v[start] == '\t'))
				start++;
			while (len > start && (v[len - 1] == ' ' || v[len - 1] == '\n' || v[len - 1] == '\t'))
				len--;
			r = cl_arena_strndup(a, (const char *)v + start, len - start);
			xmlFree(v);
			return r;
		}
	}
	return NULL;
}

static const char *attr(cl_arena *a, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *r = v ? cl_arena_strndup(a, (const char *)v, strlen((const char *)v)) : NULL;
	xmlFree(v);
	return r;
}

static int cmp_rule(const void *a, const void *b)
{
	return strcmp(((const cl_rule_doc *)a)->id, ((const cl_rule_doc *)b)->id);
}

int cl_rule_docs_load(cl_rule_docs **out, const char *path, cl_diag_fn diag, void *payload)
{
	cl_rule_docs *docs = calloc(1, sizeof(*docs));
	xmlDocPtr doc;
	xmlNodePtr n;
	const char *help_base;
	*out = NULL;
	if (!docs)
		return CL_ERR_NOMEM;
	/* as safely as the rules themselves; every problem is told there */
	if (!(doc = cl_xml_read_file(path, diag, payload))) {
		free(docs);
		return CL_ERR_PARSE;
	}
	help_base = attr(&docs->arena, xmlDocGetRootElement(doc), "help-base");
	for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		cl_rule_doc r;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "rule") != 0)
			continue;
		r.id = attr(&docs->arena, n, "id");
		r.severity = attr(&docs->arena, n, "severity");
		r.summary = child_text(&docs->arena, n, "summary");
		r.description = child_text(&docs->arena, n, "description");
		r.bad = child_text(&docs->arena, n, "bad");
		r.good = child_text(&docs->arena, n, "good");
		r.silence = child_text(&docs->arena, n, "silence");
		r.limits = child_text(&docs->arena, n, "limits");
		r.help_uri = help_base && r.id ? cl_arena_printf(&docs->arena, "%s%s", help_base, r.id) : NULL;
		if (CL_ARRAY_PUSH(docs->rules, r)) {
			xmlFreeDoc(doc);
			cl_rule_docs_free(docs);
			return CL_ERR_NOMEM;
		}
	}
	xmlFreeDoc(doc);
	qsort(docs->rules.items, docs->rules.len, sizeof(cl_rule_doc), cmp_rule);
	*out = docs;
	return CL_OK;
}

int cl_rule_docs_add(cl_rule_docs **docs, const cl_rule_doc *rule)
{
	if (!*docs && !(*docs = calloc(1, sizeof(**docs))))
		return CL_ERR_NOMEM;
	return CL_ARRAY_PUSH((*docs)->rules, *rule) ? CL_ERR_NOMEM : CL_OK;
}

void cl_rule_docs_free(cl_rule_docs *docs)
{
	if (!docs)
		return;
	free(docs->rules.items);
	cl_arena_free(&docs->arena);
	free(docs);
}

size_t cl_rule_docs_count(const cl_rule_docs *docs)
{
	return docs->rules.len;
}

const cl_rule_doc *cl_rule_docs_at(const cl_rule_docs *docs, size_t i)
{
	return &docs->rules.items[i];
}

static void json_field(FILE *out, const char *name, const char *value, int first)
{
	fprintf(out, "%s\"%s\":", first ? "" : ",", name);
	if (value)
		cl_json_string(out, value, strlen(value));
	else
		fputs("null", out);
}

int cl_rules_write_json(FILE *out, const cl_db *db)
{
	size_t i;
	for (i = 0; i < cl_db_rule_count(db); i++) {
		const cl_rule_doc *r = cl_db_rule(db, i);
		fputc('{', out);
		json_field(out, "id", r->id, 1);
		json_field(out, "severity", r->severity, 0);
		json_field(out, "summary", r->summary, 0);
		json_field(out, "description", r->description, 0);
		json_field(out, "bad", r->bad, 0);
		json_field(out, "good", r->good, 0);
		json_field(out, "silence", r->silence, 0);
		json_field(out, "limits", r->limits, 0);
		json_field(out, "help_uri", r->help_uri, 0);
		fputs("}\n", out);
	}
	return ferror(out) ? CL_ERR_IO : CL_OK;
}
