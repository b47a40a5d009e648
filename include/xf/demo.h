/* The demo data generator behind `xianfeng demo --scale small|city`:
 * realistic Chinese data for a city like the seed's Harbin, written in one
 * all-or-nothing transaction straight through the bulk store (not the
 * per-entity domain functions, which would be far too slow at city scale)
 * while keeping every row consistent with the domain rules. */
#ifndef XF_DEMO_H
#define XF_DEMO_H
#include "xf/ctx.h"
#include "xf/error.h"
#include "xf/store_bulk.h"

enum xf_demo_scale {
    XF_DEMO_SMALL, /* 94 departments, ~400 units, 378 posts, ~3,000 members */
    XF_DEMO_CITY,  /* the seed's city: ~3,000 units, 20,000 posts, 310,000 members */
};

struct xf_demo_stats {
    long rows[XF_BULK_NTABLES]; /* rows written per table (enum xf_bulk_table) */
    long pledges_kept;
    double seconds; /* wall time of the whole generation */
};

/* "small" / "city". */
const char *xf_demo_scale_name(enum xf_demo_scale scale);
/* Parses "small" or "city"; XF_EINVAL (field "scale") otherwise. */
int xf_demo_scale_parse(const char *name, enum xf_demo_scale *out, struct xf_error *err);

/* The name of one of the demo's staff (the logins its records name, as
 * "dc_chenjing", and the units' liaisons, "cb_d012"), or NULL for any
 * other login. */
const char *xf_demo_staff_name(const char *login);
/* The login of the demo's staff member of that name, or NULL. */
const char *xf_demo_staff_login(const char *name);

/* Fills an empty database with demo data, dated in the year before
 * xf_date_today(). The same seed gives the same data. Needs XF_P_IMPORT;
 * refuses a database that already has units. Writes one summary history
 * row per table (action "demo.generate") instead of one per row. stats may
 * be NULL. */
int xf_demo_generate(const struct xf_ctx *ctx, enum xf_demo_scale scale, unsigned seed,
                     struct xf_demo_stats *stats, struct xf_error *err);

#endif
