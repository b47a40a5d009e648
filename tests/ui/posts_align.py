#!/usr/bin/env python3
"""Checks a captured Posts list for CJK alignment (tests/ui/test_posts.sh).

usage: posts_align.py SCREEN_FILE WIDTH DB

The list's columns are laid out as src/ui/list.c does (fixed widths, the
rest shared by the flexible ones, one space between). For the header and
every row: each column boundary falls on a character boundary and the cell
before it is the separating space (no half character, nothing shifted), no
line is wider than the terminal, and a row whose title or unit is wider than
its column ends that column in "…". Prints what is wrong; exit 1 if anything.
"""
import sqlite3
import sys
import unicodedata

FIXED = [9, 0, 0, 8, 9, 6, 6, 6]  # src/ui/pane_posts.c cols[]
HIDE = [0, 0, 0, 64, 0, 50, 79, 90]  # ... hidden when the list is narrower


def width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cells(line):
    """The line as a list of (char, starts_here) per display cell."""
    out = []
    for ch in line:
        w = width(ch)
        if w == 0:
            continue
        out.append((ch, True))
        if w == 2:
            out.append((ch, False))
    return out


def layout(w):
    shown = [x for x, h in zip(FIXED, HIDE) if not h or w >= h]
    fixed = sum(shown) + len(shown) - 1
    flex = shown.count(0)
    share = (w - fixed) // flex
    share = share if share > 1 else 1
    widths = [x if x else share for x in shown]
    starts, x = [], 0
    for cw in widths:
        starts.append(x)
        x += cw + 1
    return starts, widths


def field(row, start, w):
    return "".join(ch for ch, first in row[start:start + w] if first).rstrip()


def unit_cell(n, line, shown, w, tight):
    """The unit column holds the unit's line of names ("A › B › C"); when
    that is too wide, its own name C with what fits of A before it (joined
    by "›" when nothing between them is left out, by "…" when it is).
    tight: some row of the column is too wide, and every row writes "›"
    without its spaces ("A›B›C")."""
    full = " \u203a ".join(line)
    own = line[-1]
    if sum(width(ch) for ch in full) <= w:
        want = "\u203a".join(line) if tight else full
        return [] if shown == want else ["line %d: %r shown as %r" % (n, want, shown)]
    if sum(width(ch) for ch in own) > w:
        return [] if shown.endswith("\u2026") else ["line %d: cut unit %r" % (n, shown)]
    head = shown[:len(shown) - len(own)].rstrip(" \u2026\u203a")
    room = w - sum(width(ch) for ch in own)  # for the department and "…"
    if not shown.endswith(own) or not line[0].startswith(head) or (room >= 5 and not head):
        return ["line %d: unit %r shown as %r" % (n, full, shown)]
    if len(line) == 2 and head == line[0] and shown != line[0] + "\u203a" + own:
        return ["line %d: unit %r lost its separator: %r" % (n, full, shown)]
    return []


def main():
    path, term_w, db = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    lines = open(path, encoding="utf-8").read().split("\n")
    bad = []
    for i, line in enumerate(lines):
        if sum(width(c) for c in line) > term_w:
            bad.append("line %d is wider than %d cells" % (i + 1, term_w))
    head = next((i for i, l in enumerate(lines) if l.startswith("Code ") and "Title" in l), None)
    if head is None:
        print("no list header on the screen")
        return 1
    starts, widths = layout(term_w)
    titles = {}
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    units = {uid: (parent, name) for uid, parent, name in
             con.execute("SELECT id, parent_id, name FROM unit")}

    def names(uid):
        out = []
        while uid is not None:
            parent, name = units[uid]
            out.insert(0, name)
            uid = parent
        return out

    for code, title, unit in con.execute("SELECT code, title, unit_id FROM post"):
        titles[code] = (title, names(unit))
    rows = 0
    units_shown = []
    for i in range(head, len(lines) - 1):
        if lines[i].startswith("Enter "):
            continue  # the list's keys, below its rows
        row = cells(lines[i])
        if not row or i > head and not row[0][0].strip():
            continue
        for c in range(1, len(starts)):
            s = starts[c]
            if s >= len(row):
                break
            if not row[s][1]:
                bad.append("line %d: column %d starts in the middle of a character" % (i + 1, c))
            if row[s - 1][0] != " ":
                bad.append("line %d: no separator before column %d (cell %d is %r)"
                           % (i + 1, c, s - 1, row[s - 1][0]))
        if i == head:
            continue
        rows += 1
        code = field(row, starts[0], widths[0])
        if code not in titles:
            bad.append("line %d: unknown post code %r" % (i + 1, code))
            continue
        title, line = titles[code]
        shown = field(row, starts[1], widths[1])
        if sum(width(ch) for ch in title) > widths[1]:
            if not shown.endswith("\u2026"):
                bad.append("line %d: cut text %r does not end in …" % (i + 1, shown))
        elif shown != title:
            bad.append("line %d: %r shown as %r" % (i + 1, title, shown))
        units_shown.append((i + 1, line, field(row, starts[2], widths[2]), widths[2]))
    tight = any(sum(width(ch) for ch in " \u203a ".join(line)) > w
                for _, line, _, w in units_shown)
    for n, line, shown, w in units_shown:
        bad += unit_cell(n, line, shown, w, tight)
    if rows == 0:
        bad.append("no rows under the header")
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
