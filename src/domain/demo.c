/* The demo data generator. It writes straight through the bulk store in
 * one transaction, keeping ids in C arrays (no read-back), yet every row
 * obeys the domain rules: pledges kept are verified by someone else,
 * complaint clocks run on the configured working-day calendar, posts are
 * named only after a passed evaluation and revoked only after enough failed
 * ones, inspection results follow the checklist rule. */
#include "xf/demo.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "demo_data.h"
#include "xf/award.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/store_overview.h"
#include "xf/store_pledge_tally.h"
#include "xf/store_search.h"
#include "xf/store_unit.h"

_Static_assert(DD_COUNT(dd_departments) == 94, "the seed names 94 municipal departments");

struct scale {
    const char *name;
    int units, posts, members, pledges, complaints, inspections;
    int projects[3]; /* key, livelihood, road_bridge */
    int methods, prerequisites, fees, time_cuts;
    int awards[3]; /* satisfaction windows, service brands, exemplars: the quotas the
                      interface shows (a smaller ranking left `r` refusing the rest) */
};

static const struct scale scales[] = {
    [XF_DEMO_SMALL] =
        {"small", 400, 378, 3000, 4600, 300, 200, {30, 4, 15}, 100, 27, 6, 30, {100, 10, 10}},
    [XF_DEMO_CITY] = {"city",
                      3000,
                      20000,
                      310000,
                      479000,
                      25000,
                      30000,
                      {300, 40, 148},
                      1020,
                      265,
                      53,
                      240,
                      {100, 10, 10}},
};

#define KEPT_RATE (342.0 / 479.0) /* the seed: 342,000 of 479,000 pledges kept */
#define WITHDRAWN_RATE 0.015
#define UNIT_TARGET_UNITS 65 /* the seed: 65 units signed responsibility letters */
#define N_QUARTERS 4
#define DAY_SECS 86400L

enum { K_DEPT, K_OFFICE, K_OUTLET, K_WINDOW };
static const char *const kind_names[] = {"department", "office", "outlet", "window"};

enum { P_PROPOSED, P_PUBLISHED, P_NAMED, P_REVOKED };
static const char *const post_status_names[] = {"proposed", "published", "named", "revoked"};

struct gunit {
    int64_t id;
    int parent, root, kind, depth, n_children;
    int first_member, n_members;
    char *code, *name, *path, *party_org;
};

struct groot {
    int unit; /* index in units */
    int trade;
    int head; /* member index of the head, -1 before members exist */
    const char *name;
    char handler[16]; /* the liaison's login, "cb_d012" */
};

struct gmember {
    int unit;
    unsigned short sur, g1, g2; /* g2 == NO_CHAR: a one-character given name */
    bool leader;
    const char *position;
};
#define NO_CHAR 0xffff

struct gpost {
    int64_t id;
    int unit, holder, status;
    int published, named, revoked; /* day numbers, -1 when not */
    double score_sum;
    int n_evals;
};

/* A growable string: generated texts have no length we could cap. */
struct sb {
    char *p;
    size_t cap;
};

struct gen {
    const struct xf_ctx *ctx;
    const struct xf_config *cfg;
    const struct scale *sc;
    struct xf_bulk bulk;
    uint64_t rng;
    bool oom;

    int today, start; /* day numbers; start = first day of the window */
    int date_base, n_dates;
    char (*dates)[XF_DATE_LEN];
    char quarter[N_QUARTERS][7];
    int q_end[N_QUARTERS];

    struct gunit *units;
    int n_units, cap_units;
    struct groot *roots;
    int n_roots;
    struct gmember *members;
    int64_t *member_ids;
    int n_members;
    int64_t *project_ids;
    int n_projects;
    struct gpost *posts;
    int n_posts;
    int *live_posts; /* indexes of posts that were published */
    int n_live;
    double *post_weights; /* cumulative, for picking a post's unit */

    struct sb s1, s2, s3;
};

/* ---- randomness: splitmix64, so a seed gives the same data anywhere ---- */

static uint64_t next64(struct gen *g)
{
    uint64_t z = (g->rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int rnd(struct gen *g, int n)
{
    return n <= 1 ? 0 : (int)(((next64(g) >> 32) * (uint64_t)n) >> 32);
}

static double rnd01(struct gen *g)
{
    return (double)(next64(g) >> 11) * 0x1.0p-53;
}

static int rnd_range(struct gen *g, int lo, int hi)
{
    return hi <= lo ? lo : lo + rnd(g, hi - lo + 1);
}

static bool chance(struct gen *g, double p)
{
    return rnd01(g) < p;
}

#define PICK(g, a) ((a)[rnd((g), (int)DD_COUNT(a))])

/* ---- strings ---- */

static const char *sb_printf(struct gen *g, struct sb *b, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static const char *sb_printf(struct gen *g, struct sb *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = b->p ? vsnprintf(b->p, b->cap, fmt, ap) : -1;
        va_end(ap);
        if (b->p && n >= 0 && (size_t)n < b->cap)
            return b->p;
        size_t want = n >= 0 ? (size_t)n + 1 : 256;
        if (want < 2 * b->cap)
            want = 2 * b->cap;
        char *p = realloc(b->p, want);
        if (!p) {
            g->oom = true;
            return "";
        }
        b->p = p;
        b->cap = want;
    }
}

static char *dup_printf(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static char *dup_printf(struct gen *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0) {
        s = NULL;
        g->oom = true;
    }
    va_end(ap);
    return s;
}

/* ---- dates as day numbers (days since 1970-01-01), formatted from a table ---- */

static int days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int year_of(int day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return y;
}

static int parse_day(const char *s)
{
    int y = 0, m = 0, d = 0;
    if (sscanf(s, "%d-%d-%d", &y, &m, &d) != 3)
        return 0;
    return days_from_civil(y, m, d);
}

static const char *ds(struct gen *g, int day)
{
    int i = day - g->date_base;
    if (i < 0)
        i = 0;
    if (i >= g->n_dates)
        i = g->n_dates - 1;
    return g->dates[i];
}

static int init_dates(struct gen *g)
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    g->today = parse_day(today);
    g->start = g->today - 364;
    g->date_base = g->today - 900;
    g->n_dates = 1300;
    g->dates = malloc((size_t)g->n_dates * sizeof *g->dates);
    if (!g->dates)
        return XF_EIO;
    for (int i = 0; i < g->n_dates; i++) {
        int y, m, d;
        civil_from_days(g->date_base + i, &y, &m, &d);
        char buf[48];
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
        memcpy(g->dates[i], buf, XF_DATE_LEN - 1);
        g->dates[i][XF_DATE_LEN - 1] = '\0';
    }
    /* The last four completed quarters, oldest first. */
    int y, m, d;
    civil_from_days(g->today, &y, &m, &d);
    int q = (m - 1) / 3; /* current quarter, 0-based */
    for (int k = N_QUARTERS - 1; k >= 0; k--) {
        if (--q < 0) {
            q = 3;
            y--;
        }
        char buf[32];
        snprintf(buf, sizeof buf, "%04dQ%d", y % 10000, q + 1);
        memcpy(g->quarter[k], buf, sizeof g->quarter[k] - 1);
        g->quarter[k][sizeof g->quarter[k] - 1] = '\0';
        g->q_end[k] =
            q == 3 ? days_from_civil(y + 1, 1, 1) - 1 : days_from_civil(y, 3 * q + 4, 1) - 1;
    }
    return XF_OK;
}

/* n working days after day under the configured calendar. */
static int workday_add(struct gen *g, int day, int n)
{
    char out[XF_DATE_LEN];
    xf_workday_add(&g->cfg->calendar, ds(g, day), n < 0 ? 0 : n, out);
    return parse_day(out);
}

/* Timestamps as seconds since the epoch day 0, local time. */
static void fmt_ts(struct gen *g, int64_t t, char out[20])
{
    int day = (int)(t / DAY_SECS), s = (int)(t % DAY_SECS);
    snprintf(out, 20, "%s %02d:%02d:%02d", ds(g, day), s / 3600 % 100, s / 60 % 60, s % 60);
}

/* A moment in office hours (08:30-17:30) of day. */
static int64_t office_time(struct gen *g, int day)
{
    return (int64_t)day * DAY_SECS + 8 * 3600 + 1800 + rnd(g, 9 * 3600);
}

/* ---- names ---- */

static void member_name(const struct gmember *m, struct gen *g, struct sb *b)
{
    if (m->g2 == NO_CHAR)
        sb_printf(g, b, "%s%s", dd_surnames[m->sur], dd_given[m->g1]);
    else
        sb_printf(g, b, "%s%s%s", dd_surnames[m->sur], dd_given[m->g1], dd_given[m->g2]);
}

static void random_name(struct gen *g, struct gmember *m)
{
    /* Squaring biases the pick to the common surnames at the front. */
    double u = rnd01(g);
    m->sur = (unsigned short)(u * u * (double)DD_COUNT(dd_surnames));
    m->g1 = (unsigned short)rnd(g, DD_COUNT(dd_given));
    m->g2 = chance(g, 0.6) ? (unsigned short)rnd(g, DD_COUNT(dd_given)) : NO_CHAR;
}

/* ---- units ---- */

static int add_unit(struct gen *g, int parent, int root, int kind, const char *name,
                    const char *party_org)
{
    if (g->n_units == g->cap_units) {
        int cap = g->cap_units ? 2 * g->cap_units : 512;
        struct gunit *u = realloc(g->units, (size_t)cap * sizeof *u);
        if (!u) {
            g->oom = true;
            return -1;
        }
        g->units = u;
        g->cap_units = cap;
    }
    int i = g->n_units++;
    struct gunit *u = &g->units[i];
    memset(u, 0, sizeof *u);
    u->id = i + 1; /* the unit table is empty: ids from 1 are free */
    u->parent = parent;
    u->root = root;
    u->kind = kind;
    u->name = strdup(name);
    u->party_org = strdup(party_org);
    if (parent < 0) {
        int nd = (int)DD_COUNT(dd_departments);
        u->code =
            root < nd ? dup_printf(g, "D%03d", root + 1) : dup_printf(g, "Q%02d", root - nd + 1);
        u->path = dup_printf(g, "/%lld/", (long long)u->id);
    } else {
        struct gunit *p = &g->units[parent];
        u->depth = p->depth + 1;
        u->code = dup_printf(g, "%s-%02d", p->code, ++p->n_children);
        u->path = dup_printf(g, "%s%lld/", p->path, (long long)u->id);
    }
    if (!u->name || !u->party_org || !u->code || !u->path)
        g->oom = true;
    return g->oom ? -1 : i;
}

static void add_windows(struct gen *g, int outlet, int root, int n)
{
    for (int w = 1; w <= n && !g->oom; w++) {
        char name[32];
        snprintf(name, sizeof name, "第%d号窗口", w);
        add_unit(g, outlet, root, K_WINDOW, name, g->units[outlet].party_org);
    }
}

/* An outlet's name: the district's streets, else places plus the trade's
 * kind of outlet ("江北营业网点"), the service hall first. */
static const char *outlet_name(struct gen *g, int root, int k)
{
    int nd = (int)DD_COUNT(dd_departments);
    if (root >= nd) {
        const struct dd_district *d = &dd_districts[root - nd];
        if (k == 0)
            return "区政务服务大厅";
        if (k - 1 < (int)DD_COUNT(d->streets))
            return sb_printf(g, &g->s2, "%s便民服务中心", d->streets[k - 1]);
        return sb_printf(g, &g->s2, "第%d便民服务站", k - (int)DD_COUNT(d->streets));
    }
    if (k == 0)
        return "服务大厅";
    const char *suffix = dd_trades[g->roots[root].trade].outlet_suffix;
    if (k - 1 < (int)DD_COUNT(dd_places))
        return sb_printf(g, &g->s2, "%s%s", dd_places[k - 1], suffix);
    return sb_printf(g, &g->s2, "第%d%s", k - (int)DD_COUNT(dd_places), suffix);
}

static void build_root(struct gen *g, int root, int budget)
{
    int ru = g->roots[root].unit;
    bool district = root >= (int)DD_COUNT(dd_departments);
    int n_off = district ? 0 : budget >= 5 ? budget / 5 : budget >= 2 ? 1 : 0;
    if (n_off > (int)DD_COUNT(dd_offices))
        n_off = (int)DD_COUNT(dd_offices);
    for (int k = 0; k < n_off && !g->oom; k++) {
        const char *po = sb_printf(g, &g->s1, "%s党支部", dd_offices[k]);
        add_unit(g, ru, root, K_OFFICE, dd_offices[k], po);
    }
    budget -= n_off;
    int max_windows = g->sc == &scales[XF_DEMO_CITY] ? 8 : 3;
    for (int k = 0; budget > 0 && !g->oom; k++) {
        const char *name = outlet_name(g, root, k);
        const char *po = sb_printf(g, &g->s1, "%s党支部", name);
        int o = add_unit(g, ru, root, K_OUTLET, name, po);
        if (o < 0)
            return;
        budget--;
        int w = budget < 1 ? 0 : rnd_range(g, 1, max_windows);
        if (w > budget)
            w = budget;
        add_windows(g, o, root, w);
        budget -= w;
    }
}

/* Every department and district has its liaison, named. */
_Static_assert(DD_COUNT(dd_liaison_names) == DD_COUNT(dd_departments) + DD_COUNT(dd_districts),
               "one liaison per department and district");

static int make_units(struct gen *g)
{
    int nd = (int)DD_COUNT(dd_departments), nq = (int)DD_COUNT(dd_districts);
    g->n_roots = nd + nq;
    g->roots = calloc((size_t)g->n_roots, sizeof *g->roots);
    double *w = calloc((size_t)g->n_roots, sizeof *w);
    if (!g->roots || !w) {
        free(w);
        return XF_EIO;
    }
    double wsum = 0;
    for (int r = 0; r < g->n_roots && !g->oom; r++) {
        struct groot *gr = &g->roots[r];
        bool district = r >= nd;
        gr->name = district ? dd_districts[r - nd].name : dd_departments[r].name;
        gr->trade = district ? T_ZHENGWU : dd_departments[r].trade;
        gr->head = -1;
        const char *po = district ? sb_printf(g, &g->s1, "中共哈尔滨市%s委员会", gr->name)
                                  : sb_printf(g, &g->s1, "%s机关党委", gr->name);
        gr->unit = add_unit(g, -1, r, K_DEPT, gr->name, po);
        snprintf(gr->handler, sizeof gr->handler, "%s", dd_liaison_names[r][0]);
        /* The service-heavy departments and the districts run more outlets. */
        w[r] = 0.6 + 0.8 * rnd01(g);
        if (district || r < 22)
            w[r] *= 1.6;
        wsum += w[r];
    }
    int children = g->sc->units - g->n_roots;
    for (int r = 0; r < g->n_roots && !g->oom; r++) {
        int budget = (int)(children * w[r] / wsum + 0.5);
        build_root(g, r, budget < 1 ? 1 : budget);
    }
    free(w);
    return g->oom ? XF_EIO : XF_OK;
}

static int write_units(struct gen *g, struct xf_error *err)
{
    for (int i = 0; i < g->n_units; i++) {
        const struct gunit *u = &g->units[i];
        struct xf_bulk_unit r = {
            .id = u->id,
            .parent_id = u->parent >= 0 ? g->units[u->parent].id : 0,
            .code = u->code,
            .name = u->name,
            .kind = kind_names[u->kind],
            .trade = dd_trades[g->roots[u->root].trade].name,
            .party_org = u->party_org,
            .path = u->path,
            .depth = u->depth,
        };
        int rc = xf_store_bulk_unit(&g->bulk, &r, err);
        if (rc)
            return rc;
    }
    return XF_OK;
}

/* ---- members ---- */

static const char *head_title(const char *dept, bool deputy)
{
    size_t n = strlen(dept);
    static const struct {
        const char *suffix, *head, *deputy;
    } titles[] = {
        {"局", "局长", "副局长"}, {"支队", "支队长", "副支队长"}, {"协会", "会长", "副会长"},
        {"区", "区长", "副区长"}, {"医院", "院长", "副院长"},     {"集团", "董事长", "副总经理"},
        {"处", "处长", "副处长"}, {"所", "所长", "副所长"},       {"委", "主任", "副主任"},
    };
    for (size_t i = 0; i < DD_COUNT(titles); i++) {
        size_t k = strlen(titles[i].suffix);
        if (n >= k && strcmp(dept + n - k, titles[i].suffix) == 0)
            return deputy ? titles[i].deputy : titles[i].head;
    }
    return deputy ? "副主任" : "主任";
}

/* Positions within a unit: the first members lead it (处级以上 are flagged
 * as leaders), the rest are staff. */
static void assign_position(struct gen *g, struct gmember *m, const struct gunit *u, int k)
{
    const char *dept = g->roots[u->root].name;
    m->leader = false;
    switch (u->kind) {
    case K_DEPT:
        if (k == 0 || (k <= 3 && u->n_members > 6)) {
            m->position = head_title(dept, k > 0);
            m->leader = true;
            return;
        }
        break;
    case K_OFFICE:
        if (k == 0 || (k == 1 && u->n_members > 3)) {
            m->position = k == 0 ? "处长" : "副处长";
            m->leader = true;
            return;
        }
        break;
    case K_OUTLET:
        if (k == 0) {
            m->position = "主任";
            return;
        }
        break;
    case K_WINDOW:
        if (k == 0) {
            m->position = "窗口负责人";
            return;
        }
        break;
    }
    m->position = u->kind >= K_OUTLET ? PICK(g, dd_staff_window) : PICK(g, dd_staff_office);
}

static int plan_members(struct gen *g)
{
    static const double kind_weight[] = {4.0, 3.0, 2.5, 1.2};
    double wsum = 0;
    for (int i = 0; i < g->n_units; i++)
        wsum += kind_weight[g->units[i].kind];
    int total = 0;
    for (int i = 0; i < g->n_units; i++) {
        int n = (int)(g->sc->members * kind_weight[g->units[i].kind] / wsum);
        g->units[i].n_members = n < 1 ? 1 : n;
        total += g->units[i].n_members;
    }
    while (total < g->sc->members) {
        g->units[rnd(g, g->n_units)].n_members++;
        total++;
    }
    while (total > g->sc->members) {
        struct gunit *u = &g->units[rnd(g, g->n_units)];
        if (u->n_members > 1) {
            u->n_members--;
            total--;
        }
    }
    g->n_members = total;
    g->members = calloc((size_t)total, sizeof *g->members);
    g->member_ids = calloc((size_t)total, sizeof *g->member_ids);
    return g->members && g->member_ids ? XF_OK : XF_EIO;
}

static int make_members(struct gen *g, struct xf_error *err)
{
    int rc = plan_members(g);
    if (rc)
        return xf_err(err, rc, "", _("out of memory"));
    int mi = 0;
    char code[16], login[16];
    for (int ui = 0; ui < g->n_units; ui++) {
        struct gunit *u = &g->units[ui];
        u->first_member = mi;
        for (int k = 0; k < u->n_members; k++, mi++) {
            struct gmember *m = &g->members[mi];
            m->unit = ui;
            random_name(g, m);
            assign_position(g, m, u, k);
            if (u->kind == K_DEPT && k == 0)
                g->roots[u->root].head = mi;
            snprintf(code, sizeof code, "M%07d", mi + 1);
            snprintf(login, sizeof login, "m%07d", mi + 1);
            member_name(m, g, &g->s1);
            struct xf_bulk_member r = {
                .unit_id = u->id,
                .code = code,
                .name = g->s1.p,
                .position = m->position,
                .is_leader = m->leader,
                .login = m->leader ? login : NULL,
            };
            if ((rc = xf_store_bulk_member(&g->bulk, &r, &g->member_ids[mi], err)))
                return rc;
        }
    }
    return XF_OK;
}

static const char *member_login(int mi, char out[16])
{
    snprintf(out, 16, "m%07d", mi + 1);
    return out;
}

/* ---- projects ---- */

static int root_by_name(const struct gen *g, const char *name)
{
    for (int r = 0; r < g->n_roots; r++)
        if (strcmp(g->roots[r].name, name) == 0)
            return r;
    return 0;
}

static int make_projects(struct gen *g, struct xf_error *err)
{
    static const char *const owners[3][5] = {
        {"市发改委", "市工信局", "市商务局", "市城建委", "市自然资源局"},
        {"市住建局", "市棚改办", "市供热办", "市民政局", "市水务局"},
        {"市城建委", "市城建委", "市城建委", "市交通运输局", "市路桥管理处"},
    };
    static const char *const cats[3] = {"key", "livelihood", "road_bridge"};
    static const char cat_letter[3] = {'K', 'L', 'R'};
    int total = g->sc->projects[0] + g->sc->projects[1] + g->sc->projects[2];
    g->project_ids = calloc((size_t)total, sizeof *g->project_ids);
    if (!g->project_ids)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    int nd = (int)DD_COUNT(dd_departments), nq = (int)DD_COUNT(dd_districts);
    for (int c = 0; c < 3; c++) {
        /* Name = where x what; stepping through the pairs keeps names unique. */
        int na = c == 0 ? nq + (int)DD_COUNT(dd_places) : c == 1 ? nq : (int)DD_COUNT(dd_roads);
        int nb = c == 0   ? (int)DD_COUNT(dd_key_themes)
                 : c == 1 ? (int)DD_COUNT(dd_livelihood_themes)
                          : (int)DD_COUNT(dd_road_works);
        int offset = rnd(g, na * nb), step = (na * nb) % 7 ? 7 : 11;
        for (int i = 0; i < g->sc->projects[c]; i++) {
            int pair = (int)((offset + (long)i * step) % (na * nb)), a = pair % na, b = pair / na;
            const char *where = c == 0   ? (a < nq ? dd_districts[a].name : dd_places[a - nq])
                                : c == 1 ? dd_districts[a].name
                                         : dd_roads[a];
            const char *what = c == 0   ? dd_key_themes[b]
                               : c == 1 ? dd_livelihood_themes[b]
                                        : dd_road_works[b];
            const char *name =
                sb_printf(g, &g->s1, "%s%s%s", where, what, i >= na * nb ? "（二期）" : "");
            char code[24];
            snprintf(code, sizeof code, "XM-%c-%03d", cat_letter[c], i + 1);
            /* A district's own project is the district's (中央大街… was
             * 双城区's); a place's or a road's, a city department's. */
            bool by_district = chance(g, 0.2);
            int pick = by_district ? rnd(g, nq) : rnd(g, 5);
            bool in_district = c < 2 && a < nq;
            int owner = by_district && in_district ? nd + a
                                                   : root_by_name(g, owners[c][pick % 5]);
            struct xf_bulk_project r = {code, name, cats[c], g->units[g->roots[owner].unit].id};
            int rc = xf_store_bulk_project(&g->bulk, &r, &g->project_ids[g->n_projects], err);
            if (rc)
                return rc;
            g->n_projects++;
        }
    }
    return XF_OK;
}

/* ---- posts and their quarterly evaluations ---- */

static const char *const eval_groups[3] = {"deputies", "recipients", "public"};

struct eval_plan {
    int q;
    double group[3];
    int respondents[3];
    double score;
    bool passed;
};

/* Group weights as the evaluation rule uses them: a group weighted 0 or
 * less does not count; all of them so means equal weights here. */
static void eval_weights(const struct xf_config *cfg, double w[3])
{
    w[0] = cfg->weight_deputies > 0 ? cfg->weight_deputies : 0;
    w[1] = cfg->weight_recipients > 0 ? cfg->weight_recipients : 0;
    w[2] = cfg->weight_public > 0 ? cfg->weight_public : 0;
    if (w[0] + w[1] + w[2] <= 0)
        w[0] = w[1] = w[2] = 1;
}

/* One quarter's scores around mean; the weighted result is what the
 * evaluation rule computes, kept clear of the pass mark so no rounding
 * anywhere can flip the outcome. */
static void plan_eval(struct gen *g, double mean, struct eval_plan *e)
{
    double w[3];
    eval_weights(g->cfg, w);
    for (int tries = 0;; tries++) {
        double sum = 0;
        for (int j = 0; j < 3; j++) {
            double s = mean + (rnd01(g) - 0.5) * 8;
            s = s < 0 ? 0 : s > 100 ? 100 : s;
            e->group[j] = (double)(long)(s * 10 + 0.5) / 10;
            sum += w[j] * e->group[j];
        }
        /* Rounded to 0.01 first, as xf_evaluation_result does. */
        e->score = round(sum / (w[0] + w[1] + w[2]) * 100.0) / 100.0;
        double gap = e->score - g->cfg->pass_score;
        if (gap >= 0.05 || gap <= -0.05 || tries > 20)
            break;
    }
    e->passed = e->score >= g->cfg->pass_score;
    e->respondents[0] = rnd_range(g, 5, 20);
    e->respondents[1] = rnd_range(g, 30, 200);
    e->respondents[2] = rnd_range(g, 50, 500);
}

/* Walks the post through the quarters: named after a pass, revoked once
 * the failures reach rules.revoke_after_failures (all, or in a row when
 * rules.consecutive). Returns the number of evaluations planned. */
static int plan_post(struct gen *g, struct gpost *p, struct eval_plan ev[N_QUARTERS])
{
    p->published = p->named = p->revoked = -1;
    if (chance(g, 0.04)) {
        p->status = P_PROPOSED;
        return 0;
    }
    p->published = chance(g, 0.7) ? rnd_range(g, g->q_end[0] - 200, g->q_end[0] - 20)
                                  : rnd_range(g, g->q_end[0] - 20, g->today - 10);
    p->status = P_PUBLISHED;
    int need = g->cfg->revoke_after_failures < 1 ? 1 : g->cfg->revoke_after_failures;
    double base = chance(g, 0.85) ? 86 + 10 * rnd01(g) : 68 + 14 * rnd01(g);
    int n = 0, fails = 0, run = 0;
    for (int k = 0; k < N_QUARTERS; k++) {
        if (g->q_end[k] < p->published + 14)
            continue;
        struct eval_plan *e = &ev[n++];
        e->q = k;
        plan_eval(g, base + (rnd01(g) - 0.5) * 12, e);
        if (e->passed) {
            run = 0;
            int day = g->q_end[k] + rnd_range(g, 10, 40);
            if (p->named < 0 && day < g->today && chance(g, 0.85)) {
                p->named = day;
                p->status = P_NAMED;
            }
            continue;
        }
        fails++;
        run++;
        if ((g->cfg->consecutive ? run : fails) < need)
            continue;
        int day = g->q_end[k] + rnd_range(g, 10, 30);
        /* A fresh failure may still wait for the organiser to confirm. */
        if (day >= g->today || (k == N_QUARTERS - 1 && chance(g, 0.3)))
            continue;
        p->revoked = day;
        p->status = P_REVOKED;
        break;
    }
    return n;
}

static int pick_post_unit(struct gen *g)
{
    double x = rnd01(g) * g->post_weights[g->n_units - 1];
    int lo = 0, hi = g->n_units - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (g->post_weights[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static int write_evals(struct gen *g, const struct gpost *p, const struct eval_plan *ev, int n,
                       struct xf_error *err)
{
    for (int i = 0; i < n; i++) {
        struct xf_bulk_evaluation e = {p->id, g->quarter[ev[i].q], ev[i].score, ev[i].passed,
                                       PICK(g, dd_organisers)};
        int64_t id = 0;
        int rc = xf_store_bulk_evaluation(&g->bulk, &e, &id, err);
        for (int j = 0; j < 3 && !rc; j++) {
            struct xf_bulk_evaluation_score s = {id, eval_groups[j], ev[i].group[j],
                                                 ev[i].respondents[j]};
            rc = xf_store_bulk_evaluation_score(&g->bulk, &s, err);
        }
        if (rc)
            return rc;
    }
    return XF_OK;
}

static const char *named_level(struct gen *g, const struct gpost *p)
{
    int r = rnd(g, 10);
    if (r < 2)
        return "中共哈尔滨市委";
    if (r < 6)
        return "中共哈尔滨市直属机关工作委员会";
    return g->units[g->roots[g->units[p->unit].root].unit].party_org;
}

static int write_post(struct gen *g, int i, struct gpost *p, struct xf_error *err)
{
    const struct gunit *u = &g->units[p->unit];
    const struct gmember *m = &g->members[p->holder];
    const char *business = dd_trades[g->roots[u->root].trade].business[rnd(g, 4)];
    char code[16], hotline[24];
    snprintf(code, sizeof code, "XFG-%05d", i + 1);
    snprintf(hotline, sizeof hotline, "0451-%d%07d", chance(g, 0.7) ? 8 : 5, rnd(g, 10000000));
    member_name(m, g, &g->s1);
    char *title = dup_printf(g, "%s先锋岗", business);
    char *scope = dup_printf(g, "%s的咨询、受理和办结", business);
    const char *const *tl = dd_commit_time[rnd(g, DD_COUNT(dd_commit_time))];
    char *limit = dup_printf(g, "%s%d%s", tl[0], rnd_range(g, 3, 10), tl[1]);
    char *reason = NULL;
    if (p->status == P_REVOKED)
        reason = dup_printf(g,
                            g->cfg->consecutive ? "连续%d次季度满意度测评不合格，予以撤销"
                                                : "%d次季度满意度测评不合格，予以撤销",
                            g->cfg->revoke_after_failures < 1 ? 1 : g->cfg->revoke_after_failures);
    struct xf_bulk_post r = {
        .code = code,
        .unit_id = u->id,
        .project_id = g->n_projects && chance(g, 0.25) ? g->project_ids[rnd(g, g->n_projects)] : 0,
        .title = title,
        .holder_member_id = g->member_ids[p->holder],
        .holder_name = g->s1.p,
        .position = m->position,
        .scope = scope,
        .hotline = hotline,
        .commit_standard = PICK(g, dd_commit_standard),
        .commit_time_limit = limit,
        .commit_quality = PICK(g, dd_commit_quality),
        .commit_attitude = PICK(g, dd_commit_attitude),
        .status = post_status_names[p->status],
        .published_on = p->published >= 0 ? ds(g, p->published) : NULL,
        .named_on = p->named >= 0 ? ds(g, p->named) : NULL,
        .named_level = p->named >= 0 ? named_level(g, p) : NULL,
        .revoked_on = p->revoked >= 0 ? ds(g, p->revoked) : NULL,
        .revoke_reason = reason,
    };
    int rc = g->oom ? xf_err(err, XF_EIO, "", _("out of memory"))
                    : xf_store_bulk_post(&g->bulk, &r, &p->id, err);
    free(title);
    free(scope);
    free(limit);
    free(reason);
    return rc;
}

static int make_posts(struct gen *g, struct xf_error *err)
{
    static const double kind_weight[] = {0.5, 1.0, 2.0, 3.0};
    int n = g->sc->posts;
    g->posts = calloc((size_t)n, sizeof *g->posts);
    g->live_posts = calloc((size_t)n, sizeof *g->live_posts);
    g->post_weights = calloc((size_t)g->n_units, sizeof *g->post_weights);
    if (!g->posts || !g->live_posts || !g->post_weights)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    double acc = 0;
    for (int i = 0; i < g->n_units; i++)
        g->post_weights[i] = acc += kind_weight[g->units[i].kind];
    for (int i = 0; i < n; i++) {
        struct gpost *p = &g->posts[i];
        p->unit = pick_post_unit(g);
        const struct gunit *u = &g->units[p->unit];
        p->holder = u->first_member + rnd(g, u->n_members);
        struct eval_plan ev[N_QUARTERS];
        int ne = plan_post(g, p, ev);
        int rc = write_post(g, i, p, err);
        if (!rc)
            rc = write_evals(g, p, ev, ne, err);
        if (rc)
            return rc;
        g->n_posts++;
        for (int k = 0; k < ne; k++)
            p->score_sum += ev[k].score;
        p->n_evals = ne;
        if (p->status != P_PROPOSED)
            g->live_posts[g->n_live++] = i;
    }
    return XF_OK;
}

/* ---- pledges ---- */

struct pledge_ctx {
    long kept;
    char login[16];
};

/* Status and dates: kept at the seed's rate, with kept_on between made_on
 * and today; open ones recent, so only some are overdue. */
static void plan_pledge(struct gen *g, struct xf_bulk_pledge *r, bool target)
{
    double x = rnd01(g);
    int made, due, span = target ? rnd_range(g, 300, 364) : rnd_range(g, 30, 180);
    r->kept_on = r->evidence = r->verified_by = r->withdrawn_on = r->withdraw_reason = NULL;
    if (x < KEPT_RATE || x >= KEPT_RATE + WITHDRAWN_RATE) {
        bool kept = x < KEPT_RATE;
        made = target ? g->start + rnd(g, 30)
               : kept ? rnd_range(g, g->start, g->today - 10)
                      : rnd_range(g, g->today - 200, g->today - 1);
        due = made + span;
        if (kept) {
            int last = due < g->today - 1 ? due : g->today - 1;
            int kept_on = last > made && chance(g, 0.9) ? rnd_range(g, made + 1, last)
                          : due < g->today - 1          ? rnd_range(g, due + 1, g->today - 1)
                                                        : rnd_range(g, made, g->today - 1);
            r->status = "kept";
            r->kept_on = ds(g, kept_on);
            r->evidence = PICK(g, dd_evidence);
        } else {
            r->status = "open";
        }
    } else {
        made = target ? g->start + rnd(g, 30) : rnd_range(g, g->start, g->today - 10);
        due = made + span;
        r->status = "withdrawn";
        r->withdrawn_on = ds(g, rnd_range(g, made + 1, g->today - 1));
        r->withdraw_reason = PICK(g, dd_withdraw_reasons);
    }
    r->made_on = ds(g, made);
    r->due_on = ds(g, due);
}

/* Who recorded a pledge: the department's organiser, never whoever runs
 * the demo, who could otherwise mark none of the demo's pledges kept (the
 * one who recorded a pledge may not verify it). */
static const char *recorder(const struct gen *g, int root)
{
    int n = (int)DD_COUNT(dd_organisers), k = root % n;
    if (strcmp(dd_organisers[k], g->ctx->login) == 0)
        k = (k + 1) % n;
    return dd_organisers[k];
}

/* Who verified a kept pledge: the department head, never the member who
 * made it, or else an organiser other than the one who recorded it. */
static const char *verifier(struct gen *g, int pledger, int root, char login[16])
{
    int head = g->roots[root].head;
    if (head >= 0 && head != pledger && chance(g, 0.6) &&
        strcmp(member_login(head, login), g->ctx->login) != 0)
        return login;
    int n = (int)DD_COUNT(dd_organisers), k = rnd(g, n);
    const char *rec = recorder(g, root);
    while (strcmp(dd_organisers[k], g->ctx->login) == 0 || strcmp(dd_organisers[k], rec) == 0)
        k = (k + 1) % n;
    return dd_organisers[k];
}

static int put_pledge(struct gen *g, struct xf_bulk_pledge *r, int pledger, int root,
                      struct pledge_ctx *pc, struct xf_error *err)
{
    if (r->kept_on) {
        r->verified_by = verifier(g, pledger, root, pc->login);
        pc->kept++;
    }
    r->created_by = recorder(g, root);
    return xf_store_bulk_pledge(&g->bulk, r, err);
}

static int make_pledges(struct gen *g, long *kept, struct xf_error *err)
{
    struct pledge_ctx pc = {0};
    long targets = 0;
    int rc = XF_OK;
    /* Responsibility letters: the units' 目标责任书 and the leaders' 责任状. */
    int n_units = g->n_roots < UNIT_TARGET_UNITS ? g->n_roots : UNIT_TARGET_UNITS;
    for (int r = 0; r < n_units && !rc; r++)
        for (int k = 0; k < 2 && !rc; k++) {
            struct xf_bulk_pledge p = {.kind = "unit_target",
                                       .unit_id = g->units[g->roots[r].unit].id,
                                       .text = dd_unit_targets[(r + k) % DD_COUNT(dd_unit_targets)],
                                       .category = "other"};
            plan_pledge(g, &p, true);
            rc = put_pledge(g, &p, -1, r, &pc, err);
            targets++;
        }
    for (int mi = 0; mi < g->n_members && !rc; mi++) {
        if (!g->members[mi].leader)
            continue;
        const struct gunit *u = &g->units[g->members[mi].unit];
        struct xf_bulk_pledge p = {.kind = "leader_target",
                                   .member_id = g->member_ids[mi],
                                   .unit_id = u->id,
                                   .text = PICK(g, dd_leader_targets),
                                   .category = "other"};
        plan_pledge(g, &p, true);
        rc = put_pledge(g, &p, mi, u->root, &pc, err);
        targets++;
    }
    /* Members' own pledges, spread evenly so the total is the scale's. */
    long want = g->sc->pledges - targets, m = g->n_members;
    for (long mi = 0; mi < m && !rc; mi++) {
        long count = (mi + 1) * want / m - mi * want / m;
        const struct gunit *u = &g->units[g->members[mi].unit];
        for (long k = 0; k < count && !rc; k++) {
            int cat = rnd(g, 5);
            struct xf_bulk_pledge p = {.kind = "member",
                                       .member_id = g->member_ids[mi],
                                       .unit_id = u->id,
                                       .text = dd_pledge_texts[cat][rnd(g, 6)],
                                       .category = dd_pledge_categories[cat]};
            plan_pledge(g, &p, false);
            rc = put_pledge(g, &p, (int)mi, u->root, &pc, err);
        }
    }
    *kept = pc.kept;
    return rc;
}

/* ---- complaints: simulated through the 接诉即办 workflow ---- */

#define MAX_EVENTS 24

struct cevent {
    char at[20];
    const char *actor, *action, *from, *to, *note;
    int64_t unit;
};

struct source {
    const char *name, *note;
    int weight;
};
/* 万人评政风 (appraisal) is the seed's big source: 11,668 appraisals. */
static const struct source sources[] = {
    {"appraisal", "来源：万人评政风", 38},
    {"hotline", "来源：12345热线", 30},
    {"evaluation", "来源：满意度测评意见", 8},
    {"inspection", "来源：不定期检查发现", 5},
    {"letter", "来源：来信来访", 8},
    {"walk_in", "来源：现场投诉", 7},
    {"media", "来源：媒体曝光", 4},
};

struct csim {
    struct xf_bulk_complaint c;
    char recv[20], disp[20], signd[20], repl[20], closed[20], phone[16];
    char merge_note[64];
    int64_t cohandlers[2];
    int n_cohandlers;
    struct cevent ev[MAX_EVENTS];
    int n_ev;
    int64_t last, now;
    const struct xf_category *cat;
    const struct source *src;
    int lead_root;
    int64_t lead_unit; /* who gets it at the next dispatch */
    int target;
};

/* Where a complaint's story stops (time may stop it earlier). */
enum {
    T_RECEIVED,
    T_CLASSIFIED,
    T_REJECTED,
    T_MERGED,
    T_RETURNED,
    T_DISPATCHED,
    T_SIGNED,
    T_REPLIED,
    T_CALLBACK,
    T_FLOW
};

static int weighted(struct gen *g, const int *w, int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += w[i];
    int x = rnd(g, sum);
    for (int i = 0; i < n; i++)
        if ((x -= w[i]) < 0)
            return i;
    return n - 1;
}

static const struct source *pick_source(struct gen *g)
{
    int w[DD_COUNT(sources)];
    for (size_t i = 0; i < DD_COUNT(sources); i++)
        w[i] = sources[i].weight;
    return &sources[weighted(g, w, (int)DD_COUNT(sources))];
}

static const struct xf_category *pick_category(struct gen *g)
{
    static const struct {
        const char *name;
        int weight;
    } known[] = {{"attitude", 35}, {"time_limit", 25}, {"procedure", 15},
                 {"quality", 12},  {"fees", 8},        {"other", 5}};
    size_t n = g->cfg->n_categories;
    if (n == 0)
        return NULL;
    int w[64];
    if (n > DD_COUNT(w))
        n = DD_COUNT(w);
    for (size_t i = 0; i < n; i++) {
        w[i] = 5;
        for (size_t k = 0; k < DD_COUNT(known); k++)
            if (strcmp(g->cfg->categories[i].name, known[k].name) == 0)
                w[i] = known[k].weight;
    }
    return &g->cfg->categories[weighted(g, w, (int)n)];
}

static const char *complaint_text(struct gen *g, const struct xf_category *cat)
{
    const char *name = cat ? cat->name : "other";
    for (size_t i = 0; i < DD_COUNT(dd_complaints); i++)
        if (strcmp(dd_complaints[i].category, name) == 0)
            return dd_complaints[i].texts[rnd(g, 5)];
    return dd_complaints[DD_COUNT(dd_complaints) - 1].texts[rnd(g, 5)];
}

static int64_t same_day_later(struct gen *g, int64_t t)
{
    int64_t day0 = t / DAY_SECS * DAY_SECS;
    int64_t close = day0 + 17 * 3600 + 1800, midnight = day0 + DAY_SECS - 1;
    if (close - t > 600)
        return t + rnd_range(g, 300, (int)(close - t));
    int64_t r = t + rnd_range(g, 60, 600);
    return r > midnight ? t + (midnight - t + 1) / 2 : r;
}

/* A moment d0..d1 days after t, in office hours, always after t. */
static int64_t later(struct gen *g, int64_t t, int d0, int d1)
{
    int d = rnd_range(g, d0, d1);
    return d == 0 ? same_day_later(g, t) : office_time(g, (int)(t / DAY_SECS) + d);
}

/* A moment after t but no later than day D (mostly soon). */
static int64_t by_day(struct gen *g, int64_t t, int due)
{
    int day = (int)(t / DAY_SECS);
    if (day < due) {
        int d = day + rnd_range(g, 0, due - day < 2 ? due - day : 2);
        if (d > day)
            return office_time(g, d);
    }
    return same_day_later(g, t);
}

static bool ev_add(struct gen *g, struct csim *s, int64_t t, const char *actor, const char *action,
                   const char *from, const char *to, int64_t unit, const char *note)
{
    if (t >= s->now || s->n_ev == MAX_EVENTS)
        return false;
    struct cevent *e = &s->ev[s->n_ev++];
    *e = (struct cevent){.actor = actor,
                         .action = action,
                         .from = from,
                         .to = to,
                         .note = note ? note : "",
                         .unit = unit};
    fmt_ts(g, t, e->at);
    s->last = t;
    return true;
}

static const char *handler_of(struct gen *g, int root)
{
    return g->roots[root].handler;
}

/* Dispatch (or re-dispatch) at t to the lead unit; sets the sign-for clock. */
static bool sim_dispatch(struct gen *g, struct csim *s, int64_t t, const char *action,
                         const char *from, const char *note)
{
    if (!ev_add(g, s, t, PICK(g, dd_supervisors), action, from, "dispatched", s->lead_unit, note))
        return false;
    s->c.lead_unit_id = s->lead_unit;
    int day = (int)(t / DAY_SECS);
    fmt_ts(g, t, s->disp);
    s->c.state = "dispatched";
    s->c.dispatched_at = s->disp;
    s->c.sign_due = ds(g, workday_add(g, day, s->cat->sign_days));
    s->c.signed_at = s->c.reply_due = s->c.replied_at = s->c.reply_text = NULL;
    return true;
}

/* From dispatched: sign, reply, callback, close, as far as time allows. */
static void sim_handle(struct gen *g, struct csim *s)
{
    const char *handler = handler_of(g, s->lead_root);
    for (;;) {
        if (s->target == T_DISPATCHED)
            return; /* not signed for yet: overdue once sign_due passes */
        int sign_due = parse_day(s->c.sign_due);
        int64_t t = chance(g, 0.88) ? by_day(g, s->last, sign_due)
                                    : office_time(g, sign_due + rnd_range(g, 1, 3));
        if (!ev_add(g, s, t, handler, "sign", "dispatched", "signed", s->c.lead_unit_id, ""))
            return;
        bool signed_on_time = t / DAY_SECS <= sign_due;
        fmt_ts(g, t, s->signd);
        s->c.state = "signed";
        s->c.signed_at = s->signd;
        int reply_due = workday_add(g, (int)(t / DAY_SECS), s->cat->reply_days);
        s->c.reply_due = ds(g, reply_due);
        if (s->target == T_SIGNED)
            return;
        t = chance(g, 0.88) ? by_day(g, t, reply_due)
                            : office_time(g, reply_due + rnd_range(g, 1, 4));
        const char *reply = PICK(g, dd_reply_texts);
        if (!ev_add(g, s, t, handler, "reply", "signed", "replied", s->c.lead_unit_id, reply))
            return;
        fmt_ts(g, t, s->repl);
        s->c.state = "replied";
        s->c.replied_at = s->repl;
        s->c.reply_text = reply;
        if (s->target == T_REPLIED)
            return;
        /* Answered in time: the callback and closing stay in time too. */
        bool on_time = t / DAY_SECS <= reply_due;
        t = on_time ? by_day(g, t, reply_due) : later(g, t, 0, 2);
        if (s->c.redo_count == 0 && chance(g, 0.08)) {
            if (!sim_dispatch(g, s, t, "callback_unsatisfied", "replied",
                              "回访群众不满意，重新办理"))
                return;
            s->c.redo_count = 1;
            s->c.callback_outcome = "unsatisfied";
            handler = handler_of(g, s->lead_root);
            continue;
        }
        /* The callback closes the complaint (SPEC §2.5). */
        bool reached = chance(g, 0.92);
        if (!ev_add(g, s, t, PICK(g, dd_supervisors),
                    reached ? "callback_satisfied" : "callback_unreachable", "replied", "closed",
                    s->c.lead_unit_id, reached ? "回访满意" : "多次回访未接通"))
            return;
        fmt_ts(g, t, s->closed);
        s->c.state = "closed";
        s->c.callback_outcome = reached ? "satisfied" : "unreachable";
        s->c.closed_at = s->closed;
        /* As the complaint module rules: signed and replied by their deadlines. */
        s->c.closed_on_time = signed_on_time && on_time;
        /* What closing drew when it was a step of its own is drawn still,
         * so that the complaints after this one stay as they were. */
        if (s->target != T_CALLBACK) {
            (void)(on_time ? by_day(g, t, reply_due) : later(g, t, 0, 1));
            (void)PICK(g, dd_supervisors);
        }
        return;
    }
}

/* Overdue open complaints are often escalated (督办). */
static void sim_supervise(struct gen *g, struct csim *s)
{
    const char *due = strcmp(s->c.state, "dispatched") == 0 ? s->c.sign_due
                      : strcmp(s->c.state, "signed") == 0   ? s->c.reply_due
                                                            : NULL;
    if (!due || parse_day(due) >= g->today - 1 || !chance(g, 0.6))
        return;
    int64_t t = office_time(g, parse_day(due) + 1);
    if (t <= s->last)
        t = later(g, s->last, 0, 1);
    if (ev_add(g, s, t, PICK(g, dd_supervisors), "supervise", s->c.state, s->c.state,
               s->c.lead_unit_id, "逾期未办，予以督办"))
        s->c.supervised = true;
}

static int other_root(struct gen *g, int root)
{
    int r = rnd(g, g->n_roots - 1);
    return r >= root ? r + 1 : r;
}

static void sim_complaint(struct gen *g, struct csim *s, int target)
{
    s->c.state = "received";
    if (!ev_add(g, s, s->last, PICK(g, dd_supervisors), "receive", "", "received", s->c.unit_id,
                s->src->note))
        return;
    if (target == T_RECEIVED || (target != T_REJECTED && !s->cat))
        return;
    if (target == T_REJECTED) {
        const char *why = PICK(g, dd_reject_reasons);
        if (ev_add(g, s, later(g, s->last, 0, 2), PICK(g, dd_supervisors), "reject", "received",
                   "rejected", s->c.unit_id, why)) {
            s->c.state = "rejected";
            s->c.reject_reason = why;
        }
        return;
    }
    if (!ev_add(g, s, later(g, s->last, 0, 1), PICK(g, dd_supervisors), "classify", "received",
                "classified", s->c.unit_id, s->cat->label))
        return;
    s->c.state = "classified";
    s->c.category = s->cat->name;
    if (target == T_CLASSIFIED)
        return;
    if (!sim_dispatch(g, s, later(g, s->last, 0, 0), "dispatch", "classified", "派单承办"))
        return;
    if (chance(g, 0.08)) {
        int other = other_root(g, s->lead_root);
        s->cohandlers[s->n_cohandlers++] = g->units[g->roots[other].unit].id;
    }
    if (target == T_RETURNED || chance(g, 0.03)) {
        const char *why = PICK(g, dd_return_reasons);
        int64_t t = by_day(g, s->last, parse_day(s->c.sign_due));
        if (!ev_add(g, s, t, handler_of(g, s->lead_root), "return", "dispatched", "returned",
                    s->c.lead_unit_id, why))
            return;
        s->c.state = "returned";
        s->c.return_reason = why;
        if (target == T_RETURNED)
            return;
        /* The supervisor's ruling: re-dispatch to the unit responsible. */
        int root = other_root(g, s->lead_root);
        s->lead_unit = g->units[g->roots[root].unit].id;
        if (!sim_dispatch(g, s, later(g, s->last, 0, 1), "rule_accept", "returned",
                          "审定：改派责任单位"))
            return;
        s->lead_root = root;
        s->c.return_reason = NULL;
    }
    sim_handle(g, s);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The most recent earlier complaint still alive, about the same unit if
 * possible: what a duplicate is merged into. */
static int survivor(const int *unit, const bool *alive, int i, int u)
{
    int any = -1;
    for (int j = i - 1; j >= 0 && j >= i - 300; j--) {
        if (!alive[j])
            continue;
        if (unit[j] == u)
            return j;
        if (any < 0)
            any = j;
    }
    return any;
}

static void plan_complaint(struct gen *g, struct csim *s, int64_t received, int *unit)
{
    memset(s, 0, sizeof *s);
    s->now = (int64_t)g->today * DAY_SECS;
    s->last = received;
    s->c.closed_on_time = -1;
    if (g->n_live && chance(g, 0.7)) {
        const struct gpost *p = &g->posts[g->live_posts[rnd(g, g->n_live)]];
        *unit = p->unit;
        s->c.post_id = p->id;
    } else {
        *unit = rnd(g, g->n_units);
    }
    s->c.unit_id = g->units[*unit].id;
    s->lead_unit = s->c.unit_id;
    s->lead_root = g->units[*unit].root;
    s->cat = pick_category(g);
    s->src = pick_source(g);
    s->c.source = s->src->name;
    bool suggestion = chance(g, 0.12);
    s->c.kind = suggestion ? "suggestion" : "complaint";
    s->c.text = suggestion ? PICK(g, dd_suggestions) : complaint_text(g, s->cat);
    struct gmember who;
    random_name(g, &who);
    member_name(&who, g, &g->s3);
    s->c.complainant_name = g->s3.p;
    snprintf(s->phone, sizeof s->phone, "1%d%09d", rnd_range(g, 3, 9), rnd(g, 1000000000));
    s->c.complainant_phone = s->phone;
    fmt_ts(g, received, s->recv);
    s->c.received_at = s->recv;
}

#define CODE_LEN 16

/* "TS2025-000123": numbered within the year received, as the complaint
 * module numbers them. */
static void complaint_code(struct csim *s, int64_t received, int seq[2], char code[CODE_LEN])
{
    int y, m, d;
    civil_from_days((int)(received / DAY_SECS), &y, &m, &d);
    if (y != seq[0]) {
        seq[0] = y;
        seq[1] = 0;
    }
    char buf[40];
    snprintf(buf, sizeof buf, "TS%04d-%06d", y % 10000, ++seq[1] % 1000000);
    memcpy(code, buf, CODE_LEN - 1);
    code[CODE_LEN - 1] = '\0';
    s->c.code = code;
}

static int write_complaint(struct gen *g, struct csim *s, int64_t *id, struct xf_error *err)
{
    int rc = xf_store_bulk_complaint(&g->bulk, &s->c, id, err);
    for (int k = 0; k < s->n_ev && !rc; k++) {
        const struct cevent *e = &s->ev[k];
        struct xf_bulk_complaint_event r = {*id,     e->at, e->actor, e->action,
                                            e->from, e->to, e->unit,  e->note};
        rc = xf_store_bulk_complaint_event(&g->bulk, &r, err);
    }
    for (int k = 0; k < s->n_cohandlers && !rc; k++)
        if (s->cohandlers[k] != s->c.lead_unit_id)
            rc = xf_store_bulk_complaint_cohandler(&g->bulk, *id, s->cohandlers[k], err);
    return rc;
}

static int make_complaints(struct gen *g, struct xf_error *err)
{
    /* Complaints of the last month may wait at any step; older ones have
     * long been closed, rejected or merged (time stops the rest anyway). */
    static const int recent_weights[] = {
        [T_RECEIVED] = 10, [T_CLASSIFIED] = 6, [T_REJECTED] = 4, [T_MERGED] = 2,
        [T_RETURNED] = 8,  [T_DISPATCHED] = 8, [T_SIGNED] = 10,  [T_REPLIED] = 10,
        [T_CALLBACK] = 8,  [T_FLOW] = 34,
    };
    /* A few old ones are stuck with a unit: long overdue, mostly supervised. */
    static const int old_weights[] = {
        [T_RECEIVED] = 0, [T_CLASSIFIED] = 0, [T_REJECTED] = 4, [T_MERGED] = 2,
        [T_RETURNED] = 0, [T_DISPATCHED] = 1, [T_SIGNED] = 1,   [T_REPLIED] = 0,
        [T_CALLBACK] = 0, [T_FLOW] = 92,
    };
    int n = g->sc->complaints, rc = XF_OK;
    int64_t *times = malloc((size_t)n * sizeof *times), *ids = calloc((size_t)n, sizeof *ids);
    int *units = calloc((size_t)n, sizeof *units);
    bool *alive = calloc((size_t)n, sizeof *alive);
    char(*codes)[CODE_LEN] = calloc((size_t)n, sizeof *codes);
    struct csim *s = malloc(sizeof *s);
    int seq[2] = {0, 0}; /* year, last number in it */
    if (!times || !ids || !units || !alive || !codes || !s) {
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
        goto out;
    }
    for (int i = 0; i < n; i++)
        times[i] = office_time(g, rnd_range(g, g->start, g->today - 1));
    qsort(times, (size_t)n, sizeof *times, cmp_i64);
    for (int i = 0; i < n && !rc; i++) {
        plan_complaint(g, s, times[i], &units[i]);
        complaint_code(s, times[i], seq, codes[i]);
        bool recent = times[i] / DAY_SECS >= g->today - 30;
        int target = recent ? weighted(g, recent_weights, (int)DD_COUNT(recent_weights))
                            : weighted(g, old_weights, (int)DD_COUNT(old_weights));
        s->target = target;
        int j = target == T_MERGED ? survivor(units, alive, i, units[i]) : -1;
        if (target == T_MERGED && j >= 0) {
            s->c.state = "received";
            snprintf(s->merge_note, sizeof s->merge_note, "与%s重复，已合并", codes[j]);
            if (ev_add(g, s, s->last, PICK(g, dd_supervisors), "receive", "", "received",
                       s->c.unit_id, s->src->note) &&
                ev_add(g, s, later(g, s->last, 0, 3), PICK(g, dd_supervisors), "merge", "received",
                       "merged", s->c.unit_id, s->merge_note)) {
                s->c.state = "merged";
                s->c.merged_into = ids[j];
            }
        } else {
            sim_complaint(g, s, target == T_MERGED ? T_RECEIVED : target);
            sim_supervise(g, s);
        }
        rc = write_complaint(g, s, &ids[i], err);
        alive[i] = strcmp(s->c.state, "merged") != 0 && strcmp(s->c.state, "rejected") != 0;
    }
out:
    free(times);
    free(ids);
    free(units);
    free(alive);
    free(codes);
    free(s);
    return rc;
}

/* ---- inspections and rectifications ---- */

static const struct xf_checklist *checklist_for(const struct xf_config *cfg, const char *kind)
{
    for (size_t i = 0; i < cfg->n_checklists; i++)
        if (cfg->checklists[i].kind && strcmp(cfg->checklists[i].kind, kind) == 0)
            return &cfg->checklists[i];
    return NULL;
}

struct iplan {
    struct xf_bulk_inspection r;
    const struct xf_checklist *cl;
    char outcome[64]; /* 'p', 'f', 'n' per checklist item (the first 64) */
    int day, post;
};

/* Items and samples, then the result by the same rule the inspection
 * module applies: any critical failure, or a failure rate above the
 * configured thresholds, fails. */
static void plan_result(struct gen *g, struct iplan *p, bool sample)
{
    bool bad = chance(g, 0.12);
    size_t n = p->cl ? p->cl->n_items : 0;
    if (n > sizeof p->outcome)
        n = sizeof p->outcome;
    for (size_t k = 0; k < n; k++) {
        bool crit = p->cl->items[k].critical;
        double fail = crit ? (bad ? 0.15 : 0.005) : (bad ? 0.35 : 0.03);
        p->outcome[k] = chance(g, 0.05) ? 'n' : chance(g, fail) ? 'f' : 'p';
        if (p->outcome[k] != 'n')
            p->r.items_applicable++;
        if (p->outcome[k] == 'f') {
            p->r.items_failed++;
            p->r.critical_failed |= crit;
        }
    }
    if (sample) {
        /* A batch fails on one of the checklist's points (净含量, 标签标识
         * …), so batches fail exactly when an item does: "2/43 bad" on a
         * check whose items all passed said two things at once. The draws
         * are kept so that the records made after these stay the same. */
        int checked = rnd_range(g, 10, 160);
        int drawn = bad              ? rnd_range(g, 0, checked / 5)
                    : chance(g, 0.9) ? 0
                                     : rnd_range(g, 1, checked / 40 + 1);
        p->r.samples_checked = checked;
        p->r.samples_failed = p->r.items_failed == 0 ? 0 : drawn > 0 ? drawn : 1;
    }
    bool fail = p->r.critical_failed ||
                (p->r.items_applicable > 0 && (double)p->r.items_failed / p->r.items_applicable >
                                                  g->cfg->inspection_fail_rate) ||
                (p->r.samples_checked > 0 &&
                 (double)p->r.samples_failed / p->r.samples_checked > g->cfg->sample_fail_rate);
    p->r.result = fail ? "fail" : "pass";
}

/* Appends one finding to g->s2 on a line of its own, numbered "1." when
 * there are several, as inspectors write them in the form (the lines ran
 * together: "…落实到位抽检…"). */
static void finding_line(struct gen *g, int *no, int total, const char *text)
{
    struct sb *b = &g->s2;
    char num[16] = "";
    if (total > 1)
        snprintf(num, sizeof num, "%d.", ++*no);
    /* after a failed allocation the buffers may hold nothing at all; the
     * inspection is not written then (g->oom), so nothing is lost */
    if (g->oom || !b->p)
        return;
    sb_printf(g, &g->s3, "%s%s%s%s", b->p, b->p[0] ? "\n" : "", num, text);
    if (!g->oom && g->s3.p)
        sb_printf(g, b, "%s", g->s3.p);
}

/* "抽检项目定量包装净含量、标签标识…均符合要求": the items that applied,
 * from the checklist, not a fixed list that may name one marked n.a. */
static char *sample_all_passed(struct gen *g, const struct iplan *p, size_t n)
{
    char *s = dup_printf(g, "%s", "抽检项目");
    int named = 0;
    for (size_t k = 0; k < n && s; k++) {
        if (p->outcome[k] == 'n')
            continue;
        char *t = dup_printf(g, "%s%s%s", s, named++ ? "、" : "", p->cl->items[k].label);
        free(s);
        s = t;
    }
    if (s && !named) {
        free(s);
        s = dup_printf(g, "%s", "抽检批次");
    }
    char *t = s ? dup_printf(g, "%s均符合要求", s) : NULL;
    free(s);
    return t;
}

static const char *findings(struct gen *g, const struct iplan *p)
{
    size_t n = p->cl ? p->cl->n_items : 0;
    int failed = 0;
    for (size_t k = 0; k < n && k < sizeof p->outcome; k++)
        failed += p->outcome[k] == 'f';
    bool sampled = p->r.samples_checked > 0;
    int total = (failed ? failed : 1) + (sampled ? 1 : 0), no = 0;
    sb_printf(g, &g->s2, "%s", "");
    if (!failed && !sampled)
        finding_line(g, &no, total, "公示牌规范，承诺事项落实到位");
    if (!failed && sampled) { /* about the goods, not the notice board */
        char *line = sample_all_passed(g, p, n < sizeof p->outcome ? n : sizeof p->outcome);
        if (!line)
            return "";
        finding_line(g, &no, total, line);
        free(line);
    }
    for (size_t k = 0; k < n && k < sizeof p->outcome; k++)
        if (p->outcome[k] == 'f') {
            char *line = NULL;
            if (asprintf(&line, "%s：不合格", p->cl->items[k].label) < 0) {
                g->oom = true;
                return "";
            }
            finding_line(g, &no, total, line);
            free(line);
        }
    if (sampled) {
        char *line = NULL;
        if (asprintf(&line, "抽检定量包装米、面、油等%d批次，不合格%d批次",
                     p->r.samples_checked, p->r.samples_failed) < 0) {
            g->oom = true;
            return "";
        }
        finding_line(g, &no, total, line);
        free(line);
    }
    return g->s2.p ? g->s2.p : "";
}

static int write_items(struct gen *g, const struct iplan *p, int64_t id, struct xf_error *err)
{
    static const char *const outcomes[] = {"pass", "fail", "na"};
    size_t n = p->cl ? p->cl->n_items : 0;
    for (size_t k = 0; k < n && k < sizeof p->outcome; k++) {
        int o = p->outcome[k] == 'p' ? 0 : p->outcome[k] == 'f' ? 1 : 2;
        struct xf_bulk_inspection_item r = {id, (int)k + 1, p->cl->items[k].label,
                                            p->cl->items[k].critical, outcomes[o]};
        int rc = xf_store_bulk_inspection_item(&g->bulk, &r, err);
        if (rc)
            return rc;
    }
    return XF_OK;
}

static const char *rectify_note_for(const char *label, int wording)
{
    for (size_t i = 0; i < DD_COUNT(dd_rectify_notes); i++)
        if (strcmp(dd_rectify_notes[i].label, label) == 0)
            return dd_rectify_notes[i].note[wording];
    return NULL;
}

/* What was done about each failed item, joined with "；" (a sample
 * check's label put right, not a notice board); NULL when out of memory.
 * The caller frees it. */
static char *rectify_note(struct gen *g, const struct iplan *p)
{
    int wording = rnd(g, 2);
    size_t n = p->cl ? p->cl->n_items : 0;
    char *note = NULL;
    for (size_t k = 0; k < n && k < sizeof p->outcome; k++) {
        if (p->outcome[k] != 'f')
            continue;
        const char *t = rectify_note_for(p->cl->items[k].label, wording);
        if (!t || (note && strstr(note, t)))
            continue;
        char *joined = dup_printf(g, "%s%s%s", note ? note : "", note ? "；" : "", t);
        free(note);
        if (!(note = joined))
            return NULL;
    }
    return note ? note : dup_printf(g, "%s", dd_rectify_other[wording]);
}

static int write_rectification(struct gen *g, const struct iplan *p, int64_t id,
                               struct xf_error *err)
{
    int due = workday_add(g, p->day, g->cfg->rectify_days);
    struct xf_bulk_rectification r = {.inspection_id = id, .due_on = ds(g, due), .status = "open"};
    int done = p->day + rnd_range(g, 2, due - p->day + 5);
    char *note = NULL;
    if (done < g->today) {
        r.status = "done";
        r.done_on = ds(g, done);
        if (!(note = rectify_note(g, p)))
            return xf_err(err, XF_EIO, "", _("out of memory"));
        r.done_note = note;
        int verified = done + rnd_range(g, 1, 10);
        if (verified < g->today && chance(g, 0.8)) {
            r.status = "verified";
            r.verified_by = PICK(g, dd_inspectors);
            r.verified_on = ds(g, verified);
        }
    }
    int rc = xf_store_bulk_rectification(&g->bulk, &r, err);
    free(note);
    return rc;
}

static void plan_target(struct gen *g, struct iplan *p)
{
    int lo = g->start, hi = g->today - 1;
    p->post = -1;
    int unit;
    if (g->n_live && chance(g, 0.8)) {
        p->post = g->live_posts[rnd(g, g->n_live)];
        const struct gpost *post = &g->posts[p->post];
        unit = post->unit;
        p->r.post_id = post->id;
        if (post->published + 1 > lo)
            lo = post->published + 1;
        if (post->revoked >= 0 && post->revoked < hi)
            hi = post->revoked;
    } else {
        unit = rnd(g, g->n_units);
    }
    p->r.unit_id = g->units[unit].id;
    p->day = rnd_range(g, lo > hi ? hi : lo, hi);
}

/* "XJ-YYYYMMDD-NNNN", numbered per day as the interface numbers a spot
 * check (store/inspection.c), so that the demo's codes and new ones read
 * alike and new ones follow on. */
static void inspection_code(struct gen *g, int *per_day, int day, char out[24])
{
    int i = day - g->date_base;
    i = i < 0 ? 0 : i >= g->n_dates ? g->n_dates - 1 : i;
    const char *d = g->dates[i];
    snprintf(out, 24, "XJ-%.4s%.2s%.2s-%04d", d, d + 5, d + 8, ++per_day[i]);
}

static int make_inspections(struct gen *g, struct xf_error *err)
{
    const struct xf_checklist *un = checklist_for(g->cfg, "unannounced");
    const struct xf_checklist *sa = checklist_for(g->cfg, "sample");
    int *per_day = calloc((size_t)g->n_dates, sizeof *per_day);
    if (!per_day)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    int rc = XF_OK;
    for (int i = 0; i < g->sc->inspections && !rc; i++) {
        struct iplan p = {0};
        bool sample = sa && (!un || chance(g, 0.3));
        p.cl = sample ? sa : un;
        p.r.kind = sample ? "sample" : "unannounced";
        p.r.template_name = p.cl ? p.cl->name : p.r.kind;
        p.r.inspector = PICK(g, dd_inspectors);
        plan_target(g, &p);
        char code[24];
        inspection_code(g, per_day, p.day, code);
        p.r.code = code;
        p.r.on_date = ds(g, p.day);
        plan_result(g, &p, sample);
        p.r.findings = findings(g, &p);
        int64_t id = 0;
        rc = g->oom ? xf_err(err, XF_EIO, "", _("out of memory"))
                    : xf_store_bulk_inspection(&g->bulk, &p.r, &id, err);
        if (!rc)
            rc = write_items(g, &p, id, err);
        if (!rc && p.r.result[0] == 'f')
            rc = write_rectification(g, &p, id, err);
    }
    free(per_day);
    return rc;
}

/* ---- service improvements (seed: 1000+ methods, 265 prerequisites, 53
 * fees cancelled, time limits cut 8-15 days, ~40% below the national) ---- */

static int put_improvement(struct gen *g, const char *kind, struct xf_bulk_improvement *r,
                           struct xf_error *err)
{
    r->kind = kind;
    r->on_date = ds(g, rnd_range(g, g->start, g->today - 1));
    return g->oom ? xf_err(err, XF_EIO, "", _("out of memory"))
                  : xf_store_bulk_improvement(&g->bulk, r, err);
}

static int make_improvements(struct gen *g, struct xf_error *err)
{
    const struct scale *sc = g->sc;
    int rc = XF_OK;
    for (int kind = 0; kind < 4 && !rc; kind++) {
        int n = kind == 0   ? sc->methods
                : kind == 1 ? sc->prerequisites
                : kind == 2 ? sc->fees
                            : sc->time_cuts;
        for (int i = 0; i < n && !rc; i++) {
            int root = rnd(g, g->n_roots);
            const char *business = dd_trades[g->roots[root].trade].business[rnd(g, 4)];
            struct xf_bulk_improvement r = {.unit_id = g->units[g->roots[root].unit].id,
                                            .days_before = -1,
                                            .days_after = -1,
                                            .national_limit_days = -1};
            if (kind == 0) {
                r.title = sb_printf(g, &g->s1, "%s%s", business, PICK(g, dd_methods));
                rc = put_improvement(g, "method", &r, err);
            } else if (kind == 1) {
                r.title =
                    sb_printf(g, &g->s1, "%s取消前置要件：%s", business, PICK(g, dd_prerequisites));
                rc = put_improvement(g, "prerequisite", &r, err);
            } else if (kind == 2) {
                r.title = sb_printf(g, &g->s1, "%s取消收费项目：%s", business, PICK(g, dd_fees));
                rc = put_improvement(g, "fee", &r, err);
            } else {
                /* The old time is the law's or a little under it, the new
                 * one some 40% below it, as the seed reports ("比国家规定减少
                 * 近40%"); an old time over the national limit read as a
                 * breach of it. */
                int limit = rnd_range(g, 20, 60);
                int after = (int)(limit * (0.55 + 0.1 * rnd01(g)) + 0.5);
                int before = limit - rnd_range(g, 0, 3);
                r.days_before = before;
                r.days_after = after;
                r.national_limit_days = limit;
                /* "户外广告审批" + "审批时限" read 审批审批 */
                size_t bl = strlen(business);
                bool ends_approval = bl >= strlen("审批") &&
                                     strcmp(business + bl - strlen("审批"), "审批") == 0;
                r.title = sb_printf(g, &g->s1, "%s%s时限由%d个工作日压缩至%d个工作日", business,
                                    ends_approval ? "" : "审批", before, after);
                rc = put_improvement(g, "time_cut", &r, err);
            }
        }
    }
    return rc;
}

/* ---- the whole run ---- */

static void gen_free(struct gen *g)
{
    for (int i = 0; i < g->n_units; i++) {
        free(g->units[i].code);
        free(g->units[i].name);
        free(g->units[i].path);
        free(g->units[i].party_org);
    }
    free(g->units);
    free(g->roots);
    free(g->members);
    free(g->member_ids);
    free(g->project_ids);
    free(g->posts);
    free(g->live_posts);
    free(g->post_weights);
    free(g->dates);
    free(g->s1.p);
    free(g->s2.p);
    free(g->s3.p);
}

static int generate(struct gen *g, long *kept, struct xf_error *err)
{
    int rc = make_units(g);
    if (rc)
        return xf_err(err, rc, "", _("out of memory"));
    if ((rc = write_units(g, err)) || (rc = make_members(g, err)) || (rc = make_projects(g, err)) ||
        (rc = make_posts(g, err)) || (rc = make_pledges(g, kept, err)) ||
        (rc = make_complaints(g, err)) || (rc = make_inspections(g, err)) ||
        (rc = make_improvements(g, err)))
        return rc;
    return g->oom ? xf_err(err, XF_EIO, "", _("out of memory")) : XF_OK;
}

/* The year's award candidates as the organiser's `r` would rank them (a
 * declined one is replaced from the same ranking), recorded as ranked by
 * the demo's first organiser, as the other demo records are by the demo's
 * users: not by whoever ran the demo. */
static int rank_awards(struct gen *g, struct xf_error *err)
{
    struct xf_db *db = g->ctx->db;
    char *actor = strdup(xf_db_actor(db) ? xf_db_actor(db) : "?");
    char *client = strdup(xf_db_client(db) ? xf_db_client(db) : "");
    int rc = XF_EIO;
    if (actor && client && xf_db_set_actor(db, dd_organisers[0], "") == XF_OK) {
        xf_db_set_action(db, "award.rank");
        rc = xf_award_rank_year(g->ctx, year_of(g->today), g->sc->awards, err);
        xf_db_set_action(db, "demo.generate");
        if (xf_db_set_actor(db, actor, client) != XF_OK && rc == XF_OK)
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
    } else {
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    }
    free(actor);
    free(client);
    return rc;
}

/* One history row per table stands for its rows (bulk mode wrote none);
 * a table filled otherwise (the awards, ranked as an organiser would, each
 * with its own row) has no summary saying "rows=0". */
static int write_summary(struct gen *g, unsigned seed, struct xf_error *err)
{
    for (int t = 0; t < XF_BULK_NTABLES; t++) {
        if (g->bulk.rows[t] == 0)
            continue;
        char json[128];
        snprintf(json, sizeof json, "{\"rows\":%ld,\"scale\":\"%s\",\"seed\":%u}", g->bulk.rows[t],
                 g->sc->name, seed);
        int rc = xf_db_history_note(g->ctx->db, xf_store_bulk_table_name(t), 0, "demo.generate",
                                    json, err);
        if (rc)
            return rc;
    }
    return XF_OK;
}

const char *xf_demo_staff_name(const char *login)
{
    if (login && strncmp(login, "cb_", 3) == 0) {
        for (size_t i = 0; i < DD_COUNT(dd_liaison_names); i++)
            if (strcmp(dd_liaison_names[i][0], login) == 0)
                return dd_liaison_names[i][1];
        return NULL;
    }
    for (size_t i = 0; login && i < DD_COUNT(dd_staff_names); i++)
        if (strcmp(dd_staff_names[i][0], login) == 0)
            return dd_staff_names[i][1];
    return NULL;
}

const char *xf_demo_staff_login(const char *name)
{
    for (size_t i = 0; name && i < DD_COUNT(dd_staff_names); i++)
        if (strcmp(dd_staff_names[i][1], name) == 0)
            return dd_staff_names[i][0];
    for (size_t i = 0; name && i < DD_COUNT(dd_liaison_names); i++)
        if (strcmp(dd_liaison_names[i][1], name) == 0)
            return dd_liaison_names[i][0];
    return NULL;
}

const char *xf_demo_scale_name(enum xf_demo_scale scale)
{
    return (unsigned)scale < DD_COUNT(scales) ? scales[scale].name : "?";
}

int xf_demo_scale_parse(const char *name, enum xf_demo_scale *out, struct xf_error *err)
{
    for (size_t i = 0; i < DD_COUNT(scales); i++)
        if (name && strcmp(name, scales[i].name) == 0) {
            *out = (enum xf_demo_scale)i;
            return XF_OK;
        }
    return xf_err(err, XF_EINVAL, "scale", _("unknown scale '%s': use 'small' or 'city'"),
                  name ? name : "");
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Refuses a database that already holds data: the demo only fills a new one. */
static int check_empty(struct xf_db *db, struct xf_error *err)
{
    bool any = false;
    int rc = xf_store_bulk_has_units(db, &any, err);
    if (!rc && any)
        rc = xf_err(err, XF_ESTATE, "database",
                    _("%s already holds units; demo data goes only into a new, empty "
                      "database: give a new file with --db"),
                    xf_db_path(db));
    return rc;
}

int xf_demo_generate(const struct xf_ctx *ctx, enum xf_demo_scale scale, unsigned seed,
                     struct xf_demo_stats *stats, struct xf_error *err)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if ((unsigned)scale >= DD_COUNT(scales))
        return xf_err(err, XF_EINVAL, "scale", _("unknown scale: use 'small' or 'city'"));
    int rc = xf_perm_require(ctx, XF_P_IMPORT, 0, err);
    if (rc)
        return rc;
    struct gen g = {.ctx = ctx, .cfg = ctx->cfg, .sc = &scales[scale]};
    g.rng = 0x58464e4700000000ULL ^ seed;
    long kept = 0;
    /* The bulk session's connection settings must precede the transaction. */
    if ((rc = xf_store_bulk_begin(&g.bulk, ctx->db, err)))
        return rc;
    if ((rc = xf_db_begin(ctx->db, "demo.generate", err))) {
        xf_store_bulk_end(&g.bulk);
        return rc;
    }
    rc = check_empty(ctx->db, err);
    if (!rc && init_dates(&g))
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    if (!rc) {
        xf_db_set_bulk(ctx->db, true);
        rc = generate(&g, &kept, err);
        if (!rc)
            rc = xf_store_bulk_flush(&g.bulk, err);
        if (!rc)
            rc = xf_store_bulk_event_history(&g.bulk, err);
        xf_db_set_bulk(ctx->db, false);
        /* Bulk mode skipped the search-index and tally triggers too. */
        if (!rc)
            rc = xf_store_search_rebuild(ctx->db, err);
        if (!rc)
            rc = xf_store_pledge_tally_rebuild(ctx->db, err);
        if (!rc)
            rc = xf_store_overview_tally_rebuild(ctx->db, err);
        if (!rc)
            rc = xf_store_member_dept_rebuild(ctx->db, err);
        /* The year's award candidates as the organiser's `r` would rank
         * them (a declined one is replaced from the same ranking). */
        if (!rc)
            rc = rank_awards(&g, err);
        if (!rc)
            rc = write_summary(&g, seed, err);
    }
    if (!rc)
        rc = xf_db_commit(ctx->db, err);
    else
        xf_db_rollback(ctx->db);
    xf_store_bulk_end(&g.bulk);
    if (!rc && stats) {
        memset(stats, 0, sizeof *stats);
        memcpy(stats->rows, g.bulk.rows, sizeof stats->rows);
        stats->pledges_kept = kept;
        stats->seconds = seconds_since(&t0);
    }
    gen_free(&g);
    return rc;
}
