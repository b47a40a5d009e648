/* Shared helpers for the cmocka unit tests. Include after cmocka.h. */
#ifndef XF_TESTUTIL_H
#define XF_TESTUTIL_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fresh temporary directory path (caller frees); removed by rm_tree. */
static inline char *tu_tmpdir(void)
{
    char *d = strdup("/tmp/xf-test-XXXXXX");
    if (!mkdtemp(d)) {
        free(d);
        return NULL;
    }
    return d;
}

static inline void tu_rm_tree(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

/* Writes text to dir/name and returns the full path (caller frees). */
static inline char *tu_write_file(const char *dir, const char *name, const char *text, size_t len)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    if (f) {
        fwrite(text, 1, len, f);
        fclose(f);
    }
    return p;
}
#endif

#ifdef TU_WITH_DB
#include "xf/config.h"
#include "xf/ctx.h"
#include "xf/db.h"
#include "xf/store_unit.h"

/* A temporary database with default config and an admin ctx as "tester". */
struct tu_env {
    char *dir;
    char path[256];
    struct xf_db *db;
    struct xf_config cfg;
    struct xf_ctx ctx;
};

static inline struct tu_env *tu_env_open(void)
{
    struct tu_env *e = calloc(1, sizeof *e);
    struct xf_error err = {0};
    e->dir = tu_tmpdir();
    snprintf(e->path, sizeof e->path, "%s/t.db", e->dir);
    xf_config_defaults(&e->cfg);
    if (xf_db_open(e->path, XF_DB_CREATE, &e->db, &err) != XF_OK) {
        fprintf(stderr, "tu_env_open: %s\n", err.msg);
        abort();
    }
    xf_db_set_actor(e->db, "tester", "127.0.0.1");
    xf_ctx_init(&e->ctx, e->db, &e->cfg, "tester", &err);
    return e;
}

static inline void tu_env_close(struct tu_env *e)
{
    xf_db_close(e->db);
    xf_config_free(&e->cfg);
    tu_rm_tree(e->dir);
    free(e->dir);
    free(e);
}

/* Switches the acting user to login with role (a config with that one
 * user is not needed: the ctx is set directly). */
static inline void tu_act_as(struct tu_env *e, const char *login, enum xf_role role)
{
    e->ctx.login = login;
    e->ctx.role = role;
    xf_db_set_actor(e->db, login, "127.0.0.1");
}

/* Inserts a unit directly through the store; returns its id. */
static inline int64_t tu_unit(struct tu_env *e, const char *code, const char *name,
                              int64_t parent)
{
    struct xf_error err = {0};
    struct xf_unit u = {.parent_id = parent, .code = (char *)code, .name = (char *)name,
                        .kind = parent ? "office" : "department", .trade = "政务服务",
                        .party_org = "", .active = true};
    xf_db_begin(e->db, "test.unit", &err);
    if (xf_store_unit_insert(e->db, &u, &err) != XF_OK) {
        fprintf(stderr, "tu_unit: %s\n", err.msg);
        abort();
    }
    xf_db_commit(e->db, &err);
    int64_t id = u.id;
    free(u.path);
    return id;
}

/* Tests that must check rows directly include "xf/store_internal.h" and
 * query xf_db_handle(e->db). */
#endif
