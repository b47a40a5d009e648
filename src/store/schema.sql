-- xianfeng schema, version 1. Applied by src/store/db.c when
-- PRAGMA user_version is 0. Every table is STRICT; nothing is ever deleted
-- (a trigger refuses DELETE); every insert and update writes a history row
-- (triggers generated at migration time from the column lists).
-- Dates are 'YYYY-MM-DD', timestamps 'YYYY-MM-DD HH:MM:SS' (local time).
-- Enumerations are checked as "x = 'a' OR x = 'b' OR ...", never as
-- "x IN ('a','b','c')": SQLite builds a temporary b-tree for an IN list of
-- three or more values each time a statement runs, and the malloc churn of
-- those (a dozen per complaint update, CHECKs and partial-index WHEREs)
-- was a third of a write's CPU time (bench/README.md).

CREATE TABLE unit (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES unit(id),
    code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind        TEXT NOT NULL
                        CHECK (kind = 'department' OR kind = 'office' OR kind = 'outlet'
                            OR kind = 'window'),
    trade       TEXT NOT NULL DEFAULT '',
    party_org   TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    -- '/1/7/42/': ids from the root down to this unit, for subtree queries
    path        TEXT NOT NULL DEFAULT '',
    depth       INTEGER NOT NULL DEFAULT 0 CHECK (depth >= 0),
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX unit_parent ON unit(parent_id, name);
CREATE INDEX unit_path ON unit(path);
CREATE INDEX unit_name ON unit(name);

CREATE TABLE member (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    position    TEXT NOT NULL DEFAULT '',
    is_leader   INTEGER NOT NULL DEFAULT 0 CHECK (is_leader IN (0,1)),
    login       TEXT,   -- the member's xianfeng login, when they have one
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX member_unit ON member(unit_id, name);
CREATE INDEX member_name ON member(name);
CREATE INDEX member_login ON member(login) WHERE login IS NOT NULL;

CREATE TABLE project (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    category        TEXT NOT NULL
                        CHECK (category = 'key' OR category = 'livelihood'
                            OR category = 'road_bridge'),
    owner_unit_id   INTEGER NOT NULL REFERENCES unit(id),
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX project_owner ON project(owner_unit_id);

CREATE TABLE post (
    id                  INTEGER PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    unit_id             INTEGER NOT NULL REFERENCES unit(id),
    project_id          INTEGER REFERENCES project(id),
    title               TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    holder_member_id    INTEGER REFERENCES member(id),
    holder_name         TEXT NOT NULL DEFAULT '',
    position            TEXT NOT NULL DEFAULT '',
    scope               TEXT NOT NULL DEFAULT '',   -- 服务范围
    hotline             TEXT NOT NULL DEFAULT '',   -- 投诉电话
    commit_standard     TEXT NOT NULL DEFAULT '',   -- 工作标准
    commit_time_limit   TEXT NOT NULL DEFAULT '',   -- 工作时限
    commit_quality      TEXT NOT NULL DEFAULT '',   -- 服务质量
    commit_attitude     TEXT NOT NULL DEFAULT '',   -- 服务态度
    status              TEXT NOT NULL DEFAULT 'proposed'
                        CHECK (status = 'proposed' OR status = 'published'
                        OR status = 'named' OR status = 'revoked'),
    published_on        TEXT,
    named_on            TEXT,
    named_level         TEXT,   -- the Party committee that named it
    revoked_on          TEXT,
    revoke_reason       TEXT,
    version             INTEGER NOT NULL DEFAULT 1,
    updated_at          TEXT NOT NULL,
    CHECK (status = 'proposed' OR published_on IS NOT NULL),
    CHECK (status <> 'named' OR (named_on IS NOT NULL AND named_level IS NOT NULL)),
    CHECK (status <> 'revoked' OR (revoked_on IS NOT NULL AND revoke_reason IS NOT NULL))
) STRICT;
CREATE INDEX post_unit ON post(unit_id, status);
CREATE INDEX post_status ON post(status, id);
CREATE INDEX post_project ON post(project_id) WHERE project_id IS NOT NULL;
CREATE INDEX post_title ON post(title);

-- The allowed values of pledge, evaluation_score and inspection_item
-- columns are ORs, not IN (...): in a CHECK, SQLite 3.40 builds the lookup
-- table of an IN list of three or more values again for every row written,
-- and these are the tables written by the hundred thousand (the demo), where
-- it was most of the cost of a row.
CREATE TABLE pledge (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL DEFAULT 'member'
                    CHECK (kind = 'member' OR kind = 'unit_target' OR kind = 'leader_target'),
    member_id       INTEGER REFERENCES member(id),
    unit_id         INTEGER NOT NULL REFERENCES unit(id),
    text            TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    category        TEXT NOT NULL
                    CHECK (category = 'standard' OR category = 'time_limit'
                        OR category = 'quality' OR category = 'attitude' OR category = 'other'),
    made_on         TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open'
                        CHECK (status = 'open' OR status = 'kept' OR status = 'withdrawn'),
    kept_on         TEXT,
    evidence        TEXT,
    verified_by     TEXT,
    withdrawn_on    TEXT,
    withdraw_reason TEXT,
    created_by      TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL,
    CHECK (due_on >= made_on),
    CHECK (kind = 'unit_target' OR member_id IS NOT NULL),
    CHECK (status <> 'kept' OR (kept_on IS NOT NULL AND verified_by IS NOT NULL
                                AND evidence IS NOT NULL)),
    CHECK (status <> 'withdrawn' OR withdrawn_on IS NOT NULL)
) STRICT;
CREATE INDEX pledge_unit ON pledge(unit_id, status, due_on);
CREATE INDEX pledge_member ON pledge(member_id, id);
CREATE INDEX pledge_due ON pledge(status, due_on);

CREATE TABLE evaluation (
    id          INTEGER PRIMARY KEY,
    post_id     INTEGER NOT NULL REFERENCES post(id),
    quarter     TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'),
    score       REAL NOT NULL CHECK (score BETWEEN 0 AND 100),  -- weighted result
    passed      INTEGER NOT NULL CHECK (passed IN (0,1)),
    entered_by  TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL,
    UNIQUE (post_id, quarter)
) STRICT;
CREATE INDEX evaluation_quarter ON evaluation(quarter, passed, score); -- covers the report
CREATE INDEX evaluation_post ON evaluation(post_id, quarter, score, passed);

CREATE TABLE evaluation_score (
    id              INTEGER PRIMARY KEY,
    evaluation_id   INTEGER NOT NULL REFERENCES evaluation(id),
    grp             TEXT NOT NULL CHECK (grp = 'deputies' OR grp = 'recipients' OR grp = 'public'),
    score           REAL NOT NULL CHECK (score BETWEEN 0 AND 100),
    respondents     INTEGER NOT NULL CHECK (respondents >= 0),
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL,
    UNIQUE (evaluation_id, grp)
) STRICT;

CREATE TABLE complaint (
    id                  INTEGER PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE,
    source              TEXT NOT NULL CHECK (source = 'hotline' OR source = 'appraisal'
                        OR source = 'evaluation' OR source = 'inspection' OR source = 'letter'
                        OR source = 'walk_in' OR source = 'media'),
    kind                TEXT NOT NULL DEFAULT 'complaint'
                        CHECK (kind IN ('complaint','suggestion')),
    post_id             INTEGER REFERENCES post(id),
    unit_id             INTEGER REFERENCES unit(id),   -- the unit it concerns
    category            TEXT,                          -- from config; set by classify
    text                TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
    complainant_name    TEXT NOT NULL DEFAULT '',
    complainant_phone   TEXT NOT NULL DEFAULT '',
    state               TEXT NOT NULL DEFAULT 'received'
                        CHECK (state = 'received' OR state = 'classified' OR state = 'dispatched'
                        OR state = 'signed' OR state = 'returned' OR state = 'replied'
                        OR state = 'callback' OR state = 'closed' OR state = 'rejected'
                        OR state = 'merged'),
    received_at         TEXT NOT NULL,
    lead_unit_id        INTEGER REFERENCES unit(id),
    dispatched_at       TEXT,
    sign_due            TEXT,
    signed_at           TEXT,
    reply_due           TEXT,
    replied_at          TEXT,
    reply_text          TEXT,
    return_reason       TEXT,
    callback_outcome    TEXT
                        CHECK (callback_outcome = 'satisfied' OR callback_outcome = 'unsatisfied'
                            OR callback_outcome = 'unreachable'),
    redo_count          INTEGER NOT NULL DEFAULT 0,
    closed_at           TEXT,
    closed_on_time      INTEGER CHECK (closed_on_time IN (0,1)),
    reject_reason       TEXT,
    merged_into         INTEGER REFERENCES complaint(id),
    supervised          INTEGER NOT NULL DEFAULT 0 CHECK (supervised IN (0,1)),
    version             INTEGER NOT NULL DEFAULT 1,
    updated_at          TEXT NOT NULL,
    CHECK (post_id IS NOT NULL OR unit_id IS NOT NULL),
    CHECK (state = 'received' OR state = 'rejected' OR state = 'merged' OR category IS NOT NULL),
    CHECK (state = 'received' OR state = 'classified' OR state = 'rejected' OR state = 'merged'
           OR lead_unit_id IS NOT NULL),
    CHECK (state <> 'merged' OR (merged_into IS NOT NULL AND merged_into <> id)),
    CHECK (state <> 'rejected' OR reject_reason IS NOT NULL)
) STRICT;
-- Also covers the complaints-by-state report (count_states).
CREATE INDEX complaint_state ON complaint(state, supervised DESC, id, sign_due, reply_due);
CREATE INDEX complaint_queue ON complaint(supervised DESC, id);
CREATE INDEX complaint_received ON complaint(supervised DESC, received_at, id);
-- The interface's list (store/complaint.c, the page statements) orders one
-- supervised segment at a time by id, received_at or the running deadline,
-- and keeps the open-only queue, a state, or everything. One index for each
-- order and each of those; the deadline expression is the page statements'
-- V_DEADLINE to the letter.
CREATE INDEX complaint_deadline ON complaint(supervised,
    coalesce(CASE state WHEN 'dispatched' THEN sign_due WHEN 'signed' THEN reply_due END,
             '9999-12-31'), id);
-- The open queue also holds the searched columns: a search tests them on
-- every open complaint it walks past (xf_search_match), and reading them
-- here spares a table row per complaint, most of which do not match.
CREATE INDEX complaint_open_queue ON complaint(supervised, id, code, text, complainant_name)
    WHERE state <> 'closed' AND state <> 'rejected' AND state <> 'merged';
CREATE INDEX complaint_open_received ON complaint(supervised, received_at, id)
    WHERE state <> 'closed' AND state <> 'rejected' AND state <> 'merged';
CREATE INDEX complaint_open_deadline ON complaint(supervised,
    coalesce(CASE state WHEN 'dispatched' THEN sign_due WHEN 'signed' THEN reply_due END,
             '9999-12-31'), id)
    WHERE state <> 'closed' AND state <> 'rejected' AND state <> 'merged';
CREATE INDEX complaint_state_received ON complaint(state, supervised, received_at, id);
CREATE INDEX complaint_state_deadline ON complaint(state, supervised,
    coalesce(CASE state WHEN 'dispatched' THEN sign_due WHEN 'signed' THEN reply_due END,
             '9999-12-31'), id);
-- Covers the complaints-by-lead-unit report (unit_stats in store/complaint.c);
-- migration 3 (store/db.c) adds redo_count to it.
CREATE INDEX complaint_lead ON complaint(lead_unit_id, state, sign_due, signed_at,
    closed_on_time, callback_outcome);
CREATE INDEX complaint_unit ON complaint(unit_id, state);
CREATE INDEX complaint_post ON complaint(post_id) WHERE post_id IS NOT NULL;
CREATE INDEX complaint_sign_due ON complaint(sign_due) WHERE state = 'dispatched';
CREATE INDEX complaint_reply_due ON complaint(reply_due) WHERE state = 'signed';
CREATE INDEX complaint_merged ON complaint(merged_into) WHERE merged_into IS NOT NULL;

-- Co-handling units (协办); the lead unit is complaint.lead_unit_id.
CREATE TABLE complaint_cohandler (
    id              INTEGER PRIMARY KEY,
    complaint_id    INTEGER NOT NULL REFERENCES complaint(id),
    unit_id         INTEGER NOT NULL REFERENCES unit(id),
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL,
    UNIQUE (complaint_id, unit_id)
) STRICT;
CREATE INDEX complaint_cohandler_unit ON complaint_cohandler(unit_id);

-- One row per workflow step: who, when, from which state to which, and why.
CREATE TABLE complaint_event (
    id              INTEGER PRIMARY KEY,
    complaint_id    INTEGER NOT NULL REFERENCES complaint(id),
    at              TEXT NOT NULL,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL,
    from_state      TEXT NOT NULL,
    to_state        TEXT NOT NULL,
    unit_id         INTEGER REFERENCES unit(id),
    note            TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX complaint_event_complaint ON complaint_event(complaint_id, id);

CREATE TABLE inspection (
    id                  INTEGER PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE,
    kind                TEXT NOT NULL CHECK (kind IN ('unannounced','sample')),
    template            TEXT NOT NULL,
    post_id             INTEGER REFERENCES post(id),
    unit_id             INTEGER NOT NULL REFERENCES unit(id),
    inspector           TEXT NOT NULL,
    on_date             TEXT NOT NULL,
    samples_checked     INTEGER NOT NULL DEFAULT 0 CHECK (samples_checked >= 0),
    samples_failed      INTEGER NOT NULL DEFAULT 0 CHECK (samples_failed >= 0),
    items_failed        INTEGER NOT NULL DEFAULT 0 CHECK (items_failed >= 0),
    items_applicable    INTEGER NOT NULL DEFAULT 0 CHECK (items_applicable >= 0),
    critical_failed     INTEGER NOT NULL DEFAULT 0 CHECK (critical_failed IN (0,1)),
    findings            TEXT NOT NULL DEFAULT '',
    result              TEXT NOT NULL CHECK (result IN ('pass','fail')),
    version             INTEGER NOT NULL DEFAULT 1,
    updated_at          TEXT NOT NULL,
    CHECK (samples_failed <= samples_checked),
    CHECK (items_failed <= items_applicable)
) STRICT;
CREATE INDEX inspection_unit ON inspection(unit_id, on_date);
CREATE INDEX inspection_post ON inspection(post_id, on_date) WHERE post_id IS NOT NULL;
CREATE INDEX inspection_date ON inspection(on_date, id);
CREATE INDEX inspection_kind ON inspection(kind, result); -- covers the report

CREATE TABLE inspection_item (
    id              INTEGER PRIMARY KEY,
    inspection_id   INTEGER NOT NULL REFERENCES inspection(id),
    item_no         INTEGER NOT NULL CHECK (item_no >= 1),
    label           TEXT NOT NULL,
    critical        INTEGER NOT NULL DEFAULT 0 CHECK (critical IN (0,1)),
    outcome         TEXT NOT NULL CHECK (outcome = 'pass' OR outcome = 'fail' OR outcome = 'na'),
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL,
    UNIQUE (inspection_id, item_no)
) STRICT;

CREATE TABLE rectification (
    id              INTEGER PRIMARY KEY,
    inspection_id   INTEGER NOT NULL UNIQUE REFERENCES inspection(id),
    due_on          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open'
                        CHECK (status = 'open' OR status = 'done' OR status = 'verified'),
    done_on         TEXT,
    done_note       TEXT,
    verified_by     TEXT,
    verified_on     TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL,
    CHECK (status = 'open' OR done_on IS NOT NULL),
    CHECK (status <> 'verified' OR (verified_by IS NOT NULL AND verified_on IS NOT NULL))
) STRICT;
CREATE INDEX rectification_status ON rectification(status, due_on);

CREATE TABLE improvement (
    id                  INTEGER PRIMARY KEY,
    unit_id             INTEGER NOT NULL REFERENCES unit(id),
    kind                TEXT NOT NULL
                        CHECK (kind = 'method' OR kind = 'prerequisite' OR kind = 'fee'
                            OR kind = 'time_cut'),
    title               TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    on_date             TEXT NOT NULL,
    days_before         REAL CHECK (days_before IS NULL OR days_before >= 0),
    days_after          REAL CHECK (days_after IS NULL OR days_after >= 0),
    national_limit_days REAL CHECK (national_limit_days IS NULL OR national_limit_days > 0),
    version             INTEGER NOT NULL DEFAULT 1,
    updated_at          TEXT NOT NULL,
    CHECK (kind <> 'time_cut' OR (days_before IS NOT NULL AND days_after IS NOT NULL
                                  AND days_after <= days_before))
) STRICT;
CREATE INDEX improvement_unit ON improvement(unit_id, kind);

CREATE TABLE award (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    kind            TEXT NOT NULL
                        CHECK (kind = 'satisfaction_window' OR kind = 'service_brand'
                            OR kind = 'exemplar'),
    post_id         INTEGER REFERENCES post(id),
    unit_id         INTEGER REFERENCES unit(id),
    member_id       INTEGER REFERENCES member(id),
    rank            INTEGER NOT NULL CHECK (rank >= 1),
    score           REAL NOT NULL,
    status          TEXT NOT NULL DEFAULT 'candidate'
                    CHECK (status = 'candidate' OR status = 'confirmed' OR status = 'declined'),
    decided_by      TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL,
    CHECK (post_id IS NOT NULL OR unit_id IS NOT NULL OR member_id IS NOT NULL)
) STRICT;
CREATE INDEX award_year ON award(year, kind, rank);

-- The audit trail. Written only by triggers; never updated or deleted.
CREATE TABLE history (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    client      TEXT NOT NULL DEFAULT '',
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    action      TEXT NOT NULL,
    before      TEXT,   -- JSON object of the row before, NULL for inserts
    after       TEXT    -- JSON object of the row after
) STRICT;
CREATE INDEX history_entity ON history(entity, entity_id, id);
CREATE INDEX history_actor ON history(actor, id);
CREATE INDEX history_at ON history(at);

CREATE TABLE meta (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
) STRICT;

-- ---------------------------------------------------------------------------
-- Text search (owned by src/store/search.c). FTS5 external-content indexes
-- with the trigram tokenizer (case-insensitive substring search, which suits
-- Chinese text without word segmentation). Terms shorter than 3 characters
-- cannot use a trigram index; search.c answers those with LIKE on the base
-- tables instead.
--
-- The triggers keep each index in step with its table. Like the history
-- triggers they are skipped in bulk mode (WHEN xf_audit()): the demo
-- generator must call xf_store_search_rebuild() before it commits.
--
-- A new row is not indexed at once: it is noted in fts_pending, and
-- search.c finds pending rows with LIKE (a few hundred at most) beside the
-- index. The commit that finds 256 pending indexes them all in one go
-- (xf_store_search_flush). FTS5 writes a new segment, and in time merges
-- it, for every transaction that touches it: indexing each pledge as it
-- was made cost two thirds of the save (bench/README.md).
-- Rows are never deleted, so an update is the only other change: FTS5
-- external content wants the old values removed ('delete') before the new
-- ones are added, and a row still pending has nothing to remove yet.
-- columnsize=0: no %_docsize table, a row per indexed row that serves only
-- ranking (bm25), and results are listed by id. Without it a rebuild of the
-- city's member and pledge indexes takes a third fewer instructions, and
-- each indexed write has one b-tree insert less.
-- ---------------------------------------------------------------------------

CREATE TABLE fts_pending (
    entity  TEXT NOT NULL,    -- the table: 'complaint', 'post', ...
    row_id  INTEGER NOT NULL,
    PRIMARY KEY (entity, row_id)
) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE fts_complaint USING fts5(code, text, complainant_name,
    content='complaint', content_rowid='id', tokenize='trigram', columnsize=0);
CREATE VIRTUAL TABLE fts_post USING fts5(code, title, holder_name, scope,
    content='post', content_rowid='id', tokenize='trigram', columnsize=0);
CREATE VIRTUAL TABLE fts_unit USING fts5(code, name,
    content='unit', content_rowid='id', tokenize='trigram', columnsize=0);
CREATE VIRTUAL TABLE fts_member USING fts5(code, name, position,
    content='member', content_rowid='id', tokenize='trigram', columnsize=0);
CREATE VIRTUAL TABLE fts_pledge USING fts5(text,
    content='pledge', content_rowid='id', tokenize='trigram', columnsize=0);

CREATE TRIGGER fts_complaint_ins AFTER INSERT ON complaint WHEN xf_audit() BEGIN
    INSERT OR IGNORE INTO fts_pending(entity, row_id) VALUES ('complaint', NEW.id);
END;
CREATE TRIGGER fts_complaint_upd AFTER UPDATE OF code, text, complainant_name ON complaint
WHEN xf_audit() AND (OLD.code IS NOT NEW.code OR OLD.text IS NOT NEW.text
                     OR OLD.complainant_name IS NOT NEW.complainant_name)
    AND NOT EXISTS (SELECT 1 FROM fts_pending WHERE entity = 'complaint' AND row_id = OLD.id) BEGIN
    INSERT INTO fts_complaint(fts_complaint, rowid, code, text, complainant_name)
    VALUES ('delete', OLD.id, OLD.code, OLD.text, OLD.complainant_name);
    INSERT INTO fts_complaint(rowid, code, text, complainant_name)
    VALUES (NEW.id, NEW.code, NEW.text, NEW.complainant_name);
END;

CREATE TRIGGER fts_post_ins AFTER INSERT ON post WHEN xf_audit() BEGIN
    INSERT OR IGNORE INTO fts_pending(entity, row_id) VALUES ('post', NEW.id);
END;
CREATE TRIGGER fts_post_upd AFTER UPDATE OF code, title, holder_name, scope ON post
WHEN xf_audit() AND (OLD.code IS NOT NEW.code OR OLD.title IS NOT NEW.title
                     OR OLD.holder_name IS NOT NEW.holder_name
                     OR OLD.scope IS NOT NEW.scope)
    AND NOT EXISTS (SELECT 1 FROM fts_pending WHERE entity = 'post' AND row_id = OLD.id) BEGIN
    INSERT INTO fts_post(fts_post, rowid, code, title, holder_name, scope)
    VALUES ('delete', OLD.id, OLD.code, OLD.title, OLD.holder_name, OLD.scope);
    INSERT INTO fts_post(rowid, code, title, holder_name, scope)
    VALUES (NEW.id, NEW.code, NEW.title, NEW.holder_name, NEW.scope);
END;

CREATE TRIGGER fts_unit_ins AFTER INSERT ON unit WHEN xf_audit() BEGIN
    INSERT OR IGNORE INTO fts_pending(entity, row_id) VALUES ('unit', NEW.id);
END;
CREATE TRIGGER fts_unit_upd AFTER UPDATE OF code, name ON unit
WHEN xf_audit() AND (OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name)
    AND NOT EXISTS (SELECT 1 FROM fts_pending WHERE entity = 'unit' AND row_id = OLD.id) BEGIN
    INSERT INTO fts_unit(fts_unit, rowid, code, name)
    VALUES ('delete', OLD.id, OLD.code, OLD.name);
    INSERT INTO fts_unit(rowid, code, name) VALUES (NEW.id, NEW.code, NEW.name);
END;

CREATE TRIGGER fts_member_ins AFTER INSERT ON member WHEN xf_audit() BEGIN
    INSERT OR IGNORE INTO fts_pending(entity, row_id) VALUES ('member', NEW.id);
END;
CREATE TRIGGER fts_member_upd AFTER UPDATE OF code, name, position ON member
WHEN xf_audit() AND (OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name
                     OR OLD.position IS NOT NEW.position)
    AND NOT EXISTS (SELECT 1 FROM fts_pending WHERE entity = 'member' AND row_id = OLD.id) BEGIN
    INSERT INTO fts_member(fts_member, rowid, code, name, position)
    VALUES ('delete', OLD.id, OLD.code, OLD.name, OLD.position);
    INSERT INTO fts_member(rowid, code, name, position)
    VALUES (NEW.id, NEW.code, NEW.name, NEW.position);
END;

CREATE TRIGGER fts_pledge_ins AFTER INSERT ON pledge WHEN xf_audit() BEGIN
    INSERT OR IGNORE INTO fts_pending(entity, row_id) VALUES ('pledge', NEW.id);
END;
CREATE TRIGGER fts_pledge_upd AFTER UPDATE OF text ON pledge
WHEN xf_audit() AND OLD.text IS NOT NEW.text
    AND NOT EXISTS (SELECT 1 FROM fts_pending WHERE entity = 'pledge' AND row_id = OLD.id) BEGIN
    INSERT INTO fts_pledge(fts_pledge, rowid, text) VALUES ('delete', OLD.id, OLD.text);
    INSERT INTO fts_pledge(rowid, text) VALUES (NEW.id, NEW.text);
END;

-- ---------------------------------------------------------------------------
-- Pledge tally (owned by src/store/pledge.c): made, kept, withdrawn and open
-- pledges per unit, so that pledge progress rolled up the unit tree reads
-- one row per unit instead of every pledge. Derived data: not audited (it is
-- not in db.c's list of audited tables) and, like the search indexes, kept
-- by triggers that bulk mode skips (WHEN xf_audit()): whoever loads in bulk
-- calls xf_store_pledge_tally_rebuild() before committing (the demo does).
-- `xianfeng check` compares it with a plain count. Overdue (open and due
-- before today) depends on the day, so it is not kept here: it is counted
-- per unit through the index pledge_unit(unit_id, status, due_on).
-- A status change moves one count to another; a change of unit moves the
-- pledge's counts from the old unit's row to the new one's.
-- ---------------------------------------------------------------------------

CREATE TABLE pledge_tally (
    unit_id INTEGER PRIMARY KEY REFERENCES unit(id),
    made INTEGER NOT NULL DEFAULT 0,
    kept INTEGER NOT NULL DEFAULT 0,
    withdrawn INTEGER NOT NULL DEFAULT 0,
    open INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TRIGGER pledge_tally_ins AFTER INSERT ON pledge WHEN xf_audit() BEGIN
    INSERT INTO pledge_tally(unit_id, made, kept, withdrawn, open)
    VALUES (NEW.unit_id, 1, NEW.status = 'kept', NEW.status = 'withdrawn', NEW.status = 'open')
    ON CONFLICT(unit_id) DO UPDATE SET made = made + 1, kept = kept + excluded.kept,
        withdrawn = withdrawn + excluded.withdrawn, open = open + excluded.open;
END;
CREATE TRIGGER pledge_tally_upd AFTER UPDATE OF status, unit_id ON pledge
WHEN xf_audit() AND (OLD.status IS NOT NEW.status OR OLD.unit_id IS NOT NEW.unit_id) BEGIN
    UPDATE pledge_tally SET made = made - 1, kept = kept - (OLD.status = 'kept'),
        withdrawn = withdrawn - (OLD.status = 'withdrawn'), open = open - (OLD.status = 'open')
    WHERE unit_id = OLD.unit_id;
    INSERT INTO pledge_tally(unit_id, made, kept, withdrawn, open)
    VALUES (NEW.unit_id, 1, NEW.status = 'kept', NEW.status = 'withdrawn', NEW.status = 'open')
    ON CONFLICT(unit_id) DO UPDATE SET made = made + 1, kept = kept + excluded.kept,
        withdrawn = withdrawn + excluded.withdrawn, open = open + excluded.open;
END;

-- ---------------------------------------------------------------------------
-- Overview tally (owned by src/store/overview.c): the headline counts of the
-- Overview pane and the status line for the whole programme, so that start-up
-- and the re-read after every commit add up a few hundred small rows instead
-- of counting 25,000 complaints, 130,000 open pledges, 30,000 inspections and
-- a quarter's evaluations (about 25 ms at city scale). Derived data under the
-- rules of pledge_tally above: not audited, kept by triggers that bulk mode
-- skips (the demo calls xf_store_overview_tally_rebuild()), compared with a
-- plain count by `xianfeng check`. A user limited to some units still gets
-- figures counted from the records.
--
-- One row per (topic, k), n records:
--   post                  k = status     posts in that status
--   pledge                k = status     pledges in that status
--   pledge.open_due       k = due_on     open pledges due that day (overdue
--                                        is the days before today)
--   complaint             k = state      complaints in that state
--   complaint.supervised  k = state      of which supervised (督办)
--   complaint.forwarded   k = ''         dispatched at least once
--   complaint.on_time     k = ''         closed, and closed on time
--   inspection            k = result     inspections with that result
--   evaluation            k = quarter    evaluations of that quarter
--   evaluation.passed     k = quarter    of which passed
-- A trigger adds each new record's rows (n + 0 where it does not count) and
-- moves an updated record from its old rows to its new ones; rows are never
-- deleted, so at most a row of zeros is left behind.
-- ---------------------------------------------------------------------------

CREATE TABLE overview_tally (
    topic TEXT NOT NULL,
    k     TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (topic, k)
) WITHOUT ROWID, STRICT;

CREATE TRIGGER overview_tally_post_ins AFTER INSERT ON post WHEN xf_audit() BEGIN
    INSERT INTO overview_tally(topic, k, n) VALUES ('post', NEW.status, 1)
    ON CONFLICT(topic, k) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER overview_tally_post_upd AFTER UPDATE OF status ON post
WHEN xf_audit() AND OLD.status IS NOT NEW.status BEGIN
    INSERT INTO overview_tally(topic, k, n) VALUES ('post', OLD.status, -1), ('post', NEW.status, 1)
    ON CONFLICT(topic, k) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER overview_tally_pledge_ins AFTER INSERT ON pledge WHEN xf_audit() BEGIN
    INSERT INTO overview_tally(topic, k, n)
    VALUES ('pledge', NEW.status, 1), ('pledge.open_due', NEW.due_on, NEW.status = 'open')
    ON CONFLICT(topic, k) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER overview_tally_pledge_upd AFTER UPDATE OF status, due_on ON pledge
WHEN xf_audit() AND (OLD.status IS NOT NEW.status OR OLD.due_on IS NOT NEW.due_on) BEGIN
    INSERT INTO overview_tally(topic, k, n)
    VALUES ('pledge', OLD.status, -1), ('pledge', NEW.status, 1),
           ('pledge.open_due', OLD.due_on, -(OLD.status = 'open')),
           ('pledge.open_due', NEW.due_on, NEW.status = 'open')
    ON CONFLICT(topic, k) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER overview_tally_complaint_ins AFTER INSERT ON complaint WHEN xf_audit() BEGIN
    INSERT INTO overview_tally(topic, k, n)
    VALUES ('complaint', NEW.state, 1), ('complaint.supervised', NEW.state, NEW.supervised),
           ('complaint.forwarded', '', NEW.dispatched_at IS NOT NULL),
           ('complaint.on_time', '', NEW.state = 'closed' AND NEW.closed_on_time IS 1)
    ON CONFLICT(topic, k) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER overview_tally_complaint_upd
AFTER UPDATE OF state, supervised, dispatched_at, closed_on_time ON complaint
WHEN xf_audit() AND (OLD.state IS NOT NEW.state OR OLD.supervised IS NOT NEW.supervised
                     OR (OLD.dispatched_at IS NULL) IS NOT (NEW.dispatched_at IS NULL)
                     OR OLD.closed_on_time IS NOT NEW.closed_on_time) BEGIN
    INSERT INTO overview_tally(topic, k, n)
    VALUES ('complaint', OLD.state, -1), ('complaint', NEW.state, 1),
           ('complaint.supervised', OLD.state, -OLD.supervised),
           ('complaint.supervised', NEW.state, NEW.supervised),
           ('complaint.forwarded', '',
            (NEW.dispatched_at IS NOT NULL) - (OLD.dispatched_at IS NOT NULL)),
           ('complaint.on_time', '', (NEW.state = 'closed' AND NEW.closed_on_time IS 1)
                                     - (OLD.state = 'closed' AND OLD.closed_on_time IS 1))
    ON CONFLICT(topic, k) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER overview_tally_inspection_ins AFTER INSERT ON inspection WHEN xf_audit() BEGIN
    INSERT INTO overview_tally(topic, k, n) VALUES ('inspection', NEW.result, 1)
    ON CONFLICT(topic, k) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER overview_tally_inspection_upd AFTER UPDATE OF result ON inspection
WHEN xf_audit() AND OLD.result IS NOT NEW.result BEGIN
    INSERT INTO overview_tally(topic, k, n)
    VALUES ('inspection', OLD.result, -1), ('inspection', NEW.result, 1)
    ON CONFLICT(topic, k) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER overview_tally_evaluation_ins AFTER INSERT ON evaluation WHEN xf_audit() BEGIN
    INSERT INTO overview_tally(topic, k, n)
    VALUES ('evaluation', NEW.quarter, 1), ('evaluation.passed', NEW.quarter, NEW.passed)
    ON CONFLICT(topic, k) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER overview_tally_evaluation_upd AFTER UPDATE OF quarter, passed ON evaluation
WHEN xf_audit() AND (OLD.quarter IS NOT NEW.quarter OR OLD.passed IS NOT NEW.passed) BEGIN
    INSERT INTO overview_tally(topic, k, n)
    VALUES ('evaluation', OLD.quarter, -1), ('evaluation', NEW.quarter, 1),
           ('evaluation.passed', OLD.quarter, -OLD.passed),
           ('evaluation.passed', NEW.quarter, NEW.passed)
    ON CONFLICT(topic, k) DO UPDATE SET n = n + excluded.n;
END;
