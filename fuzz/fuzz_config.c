/* fuzz_config.c - the configuration files (config.c): the input is cut at
 * its first NUL byte into two .chronolint.ini files, one in a directory
 * and one in its subdirectory, under a third of ours that says root = true
 * (so that nothing above the private directory is read). They are found
 * from a file two levels down, as for any checked file, and the first is
 * also read alone, as --config reads one; what a load gives is checked
 * against the settings it claims and applied to a check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz.h"

static const char *outer_ini, *inner_ini, *checked;

static void setup(void)
{
	if (checked)
		return;
	fuzz_write(fuzz_path(".chronolint.ini"), "root = true\n", 12);
	fuzz_mkdir(fuzz_path("book"));
	fuzz_mkdir(fuzz_path("book/part1"));
	fuzz_mkdir(fuzz_path("book/part1/chapters"));
	outer_ini = fuzz_path("book/.chronolint.ini");
	inner_ini = fuzz_path("book/part1/.chronolint.ini");
	checked = fuzz_path("book/part1/chapters/chapter-1.md");
}

static void count_problem(void *payload, const char *file, int line, const char *message)
{
	FUZZ_ASSERT(file && message && line >= 0);
	(*(int *)payload)++;
}

static const char sample[] =
	"<!-- chronolint: disable-next-line=after-death -->\n"
	"In 1956 Stalin signed the order. Bukharin (1888-1937) wrote it, aged 76.\n";

/* The settings of a configuration, as cmd_file_options_init applies them, on a check. */
static void apply(const cl_config *cfg)
{
	static const cl_check_options defaults = CL_CHECK_OPTIONS_INIT;
	cl_check_options opts = defaults;
	cl_result *r = NULL;
	cl_error err;
	size_t k;
	FUZZ_ASSERT(cfg->kind >= -1 && cfg->kind <= CL_KIND_FORUM);
	FUZZ_ASSERT(cfg->fail_level >= -1 && cfg->fail_level <= CL_SEV_ERROR);
	for (k = 0; k < cfg->facts_count; k++)
		FUZZ_ASSERT(cfg->facts[k] && cfg->facts[k][0]);
	for (k = 0; k < cfg->rule_count; k++)
		FUZZ_ASSERT(cfg->rules[k].rule && cl_db_rule_find(fuzz_db(), cfg->rules[k].rule));
	for (k = 0; k < cfg->file_count; k++)
		FUZZ_ASSERT(cfg->files[k] != NULL);
	opts.pod = cfg->pod;
	opts.setting = cfg->setting;
	if (cfg->kind >= 0)
		opts.kind = (cl_doc_kind)cfg->kind;
	opts.rules = cfg->rules;
	opts.rule_count = cfg->rule_count;
	opts.report_unused_disables = 1;
	if (cl_check(&r, fuzz_db(), checked, sample, sizeof(sample) - 1, &opts, &err) == CL_OK)
		cl_result_free(r);
}

static void load(const char *config_file)
{
	cl_config *cfg = NULL;
	cl_error err;
	int problems = 0;
	int rc = cl_config_load(&cfg, fuzz_db(), checked, config_file, count_problem, &problems, &err);
	FUZZ_ASSERT(rc == CL_OK ? problems == 0 && cfg != NULL : cfg == NULL);
	FUZZ_ASSERT(rc != CL_ERR_PARSE || problems > 0);
	if (rc == CL_OK) {
		apply(cfg);
		cl_config_free(cfg);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t outer = nul ? (size_t)(nul - data) : size;
	setup();
	fuzz_write(outer_ini, data, outer);
	if (nul)
		fuzz_write(inner_ini, nul + 1, size - outer - 1);
	else
		unlink(inner_ini);
	load(NULL);
	load(outer_ini);
	return 0;
}
