/* Pioneer posts (先锋岗): rows and the SQL behind them. */
#ifndef XF_STORE_POST_H
#define XF_STORE_POST_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/error.h"

enum xf_post_status {
    XF_POST_PROPOSED,
    XF_POST_PUBLISHED,
    XF_POST_NAMED,
    XF_POST_REVOKED,
    XF_POST_NSTATUS
};

struct xf_post {
    int64_t id;
    char *code;
    int64_t unit_id;
    int64_t project_id;        /* 0 when not linked to a project */
    char *title;
    int64_t holder_member_id;  /* 0 when the holder is not a recorded member */
    /* the public notice (公示牌) */
    char *holder_name;
    char *position;
    char *scope;               /* 服务范围 */
    char *hotline;             /* 投诉电话 */
    /* the commitments (承诺) */
    char *commit_standard;
    char *commit_time_limit;
    char *commit_quality;
    char *commit_attitude;
    char *status;              /* proposed / published / named / revoked */
    char *published_on;        /* NULL until published */
    char *named_on;            /* NULL until named */
    char *named_level;         /* the Party committee that named it */
    char *revoked_on;
    char *revoke_reason;
    int64_t version;
};

void xf_post_clear(struct xf_post *p);
/* "proposed" ... "revoked" and back; parse returns -1 for an unknown name. */
const char *xf_post_status_name(enum xf_post_status s);
int xf_post_status_parse(const char *name);

int xf_store_post_get(struct xf_db *db, int64_t id, struct xf_post *out, struct xf_error *err);
int xf_store_post_by_code(struct xf_db *db, const char *code, struct xf_post *out,
                          struct xf_error *err);
/* Inserts p with every column as given (status and dates included, for
 * imports); id and version set on success. */
int xf_store_post_insert(struct xf_db *db, struct xf_post *p, struct xf_error *err);
/* Writes every column but id, code and unit_id where the version matches;
 * XF_ECONFLICT when someone changed it first. */
int xf_store_post_update(struct xf_db *db, struct xf_post *p, struct xf_error *err);
/* Number of posts in each status, within the units whose paths are listed
 * in scope_json (a JSON array of unit paths; NULL = all units). */
int xf_store_post_status_counts(struct xf_db *db, const char *scope_json,
                                int64_t counts[XF_POST_NSTATUS], struct xf_error *err);
/* CSV rows in the "posts" column order, by id. */
int xf_store_post_export(struct xf_db *db, void (*emit)(void *arg, const char *const *fields),
                         void *arg, struct xf_error *err);

#endif
