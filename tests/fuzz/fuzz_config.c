/* Fuzzes the configuration loader (src/util/config.c): the input is
 * written to a file and loaded. A file that loads must give a
 * configuration the rest of the program can trust; one that does not must
 * say where and why, and leave nothing allocated. */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "xf/config.h"

/* libconfig 1.7's scanner leaks the strings it was reading on some syntax
 * errors (cf. hyperrealm/libconfig#142): not ours to fix, and xianfeng
 * exits on a bad file anyway. Read by LeakSanitizer when there is one. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:strbuf_append\nleak:libconfig_yylex\n";
}

const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}

static char path[4096];

static void remove_file(void)
{
    unlink(path);
}

/* One file per process, reused for every input. */
static const char *file_path(void)
{
    if (!path[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/xf-fuzz-config-%ld.cfg", dir && *dir ? dir : "/tmp",
                 (long)getpid());
        atexit(remove_file);
    }
    return path;
}

/* @include would read other files (even /dev/stdin): not this target's
 * business, and libconfig, not xianfeng, parses it. */
static bool has_include(const uint8_t *data, size_t size)
{
    static const char word[] = "@include";
    for (size_t i = 0; i + 8 <= size; i++) {
        size_t k = 0;
        while (k < 8 && tolower(data[i + k]) == word[k])
            k++;
        if (k == 8)
            return true;
    }
    return false;
}

static void check_loaded(const struct xf_config *cfg)
{
    FUZZ_CHECK(cfg->source && strcmp(cfg->source, path) == 0);
    FUZZ_CHECK(cfg->db_path && cfg->db_path[0] && cfg->language && cfg->service_account &&
               cfg->service_account[0]);
    FUZZ_CHECK(cfg->pass_score >= 0 && cfg->pass_score <= 100);
    FUZZ_CHECK(cfg->weight_deputies >= 0 && cfg->weight_recipients >= 0 &&
               cfg->weight_public >= 0 &&
               cfg->weight_deputies + cfg->weight_recipients + cfg->weight_public > 0);
    FUZZ_CHECK(cfg->revoke_after_failures >= 1 && cfg->rectify_days >= 1);
    FUZZ_CHECK(cfg->inspection_fail_rate >= 0 && cfg->inspection_fail_rate <= 1);
    FUZZ_CHECK(cfg->sample_fail_rate >= 0 && cfg->sample_fail_rate <= 1);
    FUZZ_CHECK(cfg->n_categories >= 1);
    for (size_t i = 0; i < cfg->n_categories; i++) {
        const struct xf_category *c = &cfg->categories[i];
        FUZZ_CHECK(c->name[0] && c->label[0] && c->sign_days >= 1 && c->reply_days >= 1);
        FUZZ_CHECK(xf_config_category(cfg, c->name) == c); /* names unique */
    }
    FUZZ_CHECK(cfg->n_checklists >= 1);
    for (size_t i = 0; i < cfg->n_checklists; i++) {
        const struct xf_checklist *c = &cfg->checklists[i];
        FUZZ_CHECK(c->name[0] && c->n_items >= 1 && xf_config_checklist(cfg, c->name) == c);
        FUZZ_CHECK(strcmp(c->kind, "unannounced") == 0 || strcmp(c->kind, "sample") == 0);
        for (size_t j = 0; j < c->n_items; j++)
            FUZZ_CHECK(c->items[j].label && c->items[j].label[0]);
    }
    for (size_t i = 0; i < cfg->n_users; i++) {
        const struct xf_user *u = &cfg->users[i];
        FUZZ_CHECK(u->login[0] && u->name && xf_config_user(cfg, u->login) == u);
        FUZZ_CHECK(u->role >= XF_ROLE_VIEWER && u->role <= XF_ROLE_ADMIN);
        for (size_t j = 0; j < u->n_scopes; j++)
            FUZZ_CHECK(u->scopes[j] && u->scopes[j][0]);
    }
    const struct xf_calendar *cal = &cfg->calendar;
    for (size_t i = 0; i < cal->n_holidays; i++)
        FUZZ_CHECK(xf_date_valid(cal->holidays[i]) &&
                   (i == 0 || strcmp(cal->holidays[i - 1], cal->holidays[i]) < 0));
    for (size_t i = 0; i < cal->n_workdays; i++)
        FUZZ_CHECK(xf_date_valid(cal->workdays[i]) &&
                   (i == 0 || strcmp(cal->workdays[i - 1], cal->workdays[i]) < 0));
}

int xf_fuzz_config(const uint8_t *data, size_t size)
{
    if (has_include(data, size))
        return 0;
    FILE *f = fopen(file_path(), "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, f) == size);
    FUZZ_CHECK(fclose(f) == 0);

    struct xf_config cfg;
    struct xf_error err;
    int rc = xf_config_load(path, &cfg, &err);
    if (rc == XF_OK) {
        check_loaded(&cfg);
    } else {
        FUZZ_CHECK(rc == XF_ECONFIG);
        /* "FILE: what", so the admin knows which file to open. */
        FUZZ_CHECK(strncmp(err.msg, path, strlen(path)) == 0 && err.msg[strlen(path)] == ':');
        FUZZ_CHECK(err.line >= 0 && err.field[0] == '\0');
    }
    xf_config_free(&cfg);
    xf_config_free(&cfg);
    return 0;
}

XF_FUZZ_ENTRY(xf_fuzz_config)
