#!/usr/bin/env python3
"""Prints the cells of one column of a captured list (tests/ui/test_unit_columns.sh).

usage: column_cells.py SCREEN_FILE HEADER NEXT_HEADER [FIRST_COL]

The header line is the first holding HEADER then NEXT_HEADER; the column
runs from HEADER's display cell to NEXT_HEADER's, on every line after it
up to the first empty one (FIRST_COL: only lines whose text from that
display cell on is not blank, for a pane beside another). One cell a line,
trimmed, as "ROW<TAB>CELL" where ROW is the line's text before the column.
"""
import sys
import unicodedata


def width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cut(line, start, end):
    """The characters of line whose display cells start in [start, end)."""
    out, col = [], 0
    for ch in line:
        if start <= col < end:
            out.append(ch)
        col += width(ch)
    return "".join(out)


def col_of(line, text):
    i = line.find(text)
    return -1 if i < 0 else sum(width(c) for c in line[:i])


def main():
    lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
    head, nxt = sys.argv[2], sys.argv[3]
    first = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    for n, line in enumerate(lines):
        a, b = col_of(line, head), col_of(line, nxt)
        if a >= first and b > a:
            break
    else:
        sys.exit("no header " + head)
    for line in lines[n + 1:]:
        mine = cut(line, first, 10**6)
        if not mine.strip():
            break
        print(cut(line, first, a).strip() + "\t" + cut(line, a, b).strip())


main()
