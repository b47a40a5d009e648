#!/usr/bin/env python3
"""Writes the seed corpus tests/fuzz/corpus/<target>/ (run from the repo
root). The seeds are committed; this script documents where they came from
and can add more. Existing files are overwritten, others left alone."""
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

ZH = "共产党员先锋岗：哈尔滨市道里区行政服务中心，服务态度热情。"
GB = ZH.encode("gb18030")
BOM = b"\xef\xbb\xbf"
GB_BOM = b"\x84\x31\x95\x33"
ESC = b"\x1b[31m\xe7\xba\xa2\x1b[0m \x1b]0;owned\x07 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x1bP+q\x1b\\ \x1b(B"
C1 = "\u009b31m\u009d0;title\u009c \u0085\u0090dcs\u009c".encode()
RAW_C1 = b"\x9b31m \x9d0;t\x07 \x85"
BIDI = "\u202eabc\u202c \u2066x\u2069 \u200e\u200f\u061c".encode()
ZW = "先\u200b锋\u200d岗\u2060\ufeff\u2063\u206a\ufff9\U000e0041\U000e007f".encode()
EMOJI = "😀👍🏽🇨🇳e\u0301한국어ｱｲｳ\u3000全角".encode()
BAD = b"\x80\xff\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\xe4\xb8"  # stray, overlong, surrogate, >U+10FFFF, cut
MB = 1024 * 1024


def put(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def csv_seeds():
    head = "code,name,unit_code,text\r\n"
    put("csv", "plain.csv", head + "C001,张三,D001," + ZH + "\r\nC002,李四,D002,简单\r\n")
    put("csv", "bom.csv", BOM + (head + "C001,王五,D001,内容\r\n").encode())
    put("csv", "gb18030.csv", b"code,text\r\nC001," + GB + b"\r\n")
    put("csv", "gb18030_bom.csv", GB_BOM + b"code,text\r\nC001," + GB + b"\r\n")
    put("csv", "quoted.csv", 'a,b,c\r\n"x, y","say ""hi""","line1\r\nline2\nline3"\r\n,,\r\n""\r\n\r\n\n')
    put("csv", "escapes.csv", b"a,b,c,d\n" + ESC + b"," + C1 + b"," + BIDI + b"," + ZW + b"\n")
    put("csv", "raw_c1.csv", b"a,b\n" + RAW_C1 + b",x\n")
    put("csv", "invalid.csv", b"a,b\nx," + BAD + b"\n")
    put("csv", "nul.csv", b"a,b\nx,\x00y\n")
    put("csv", "stray_quote.csv", 'a,b\nx"y,z\n')
    put("csv", "unclosed.csv", 'a,b\n"never closed,z\nmore\n')
    put("csv", "after_quote.csv", 'a,b\n"x"y,z\n')
    put("csv", "cr_only.csv", "a,b\rc,d\r")
    put("csv", "many_columns.csv", ",".join(str(i) for i in range(300)) + "\n")
    put("csv", "field_64k.csv", b"a,b\r\n" + b"x" * (64 * 1024) + b",y\r\n")
    put("csv", "field_1mb.csv", b"a,b\r\n" + "岗".encode() * (MB // 3) + b",y\r\n")
    put("csv", "field_1mb_quoted.csv", b'a,b\r\n"' + b'""' * (MB // 2) + b'",y\r\n')
    put("csv", "emoji.csv", b"a,b\n" + EMOJI + b",ok\n")


def config_seeds():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "conf", "xianfeng.cfg"), "rb") as f:
        put("config", "sample.cfg", f.read())
    put("config", "empty.cfg", "")
    put("config", "minimal.cfg", 'database = { path = "/tmp/x.db"; };\n')
    put("config", "rules.cfg", "rules = { pass_score = 85.5; revoke_after_failures = 3; "
        "consecutive = true; weights = { deputies = 0; recipients = 0; public = 2; }; };\n")
    put("config", "zero_weights.cfg", "rules = { weights = { deputies = 0; recipients = 0; public = 0; }; };\n")
    put("config", "wrong_types.cfg", 'rules = { pass_score = "high"; due_soon_days = 1.5; consecutive = 2; };\n')
    put("config", "unknown_key.cfg", "rules = { pass_scor = 80; };\nnope = 1;\n")
    put("config", "syntax.cfg", "rules = { pass_score = ; \n")
    put("config", "categories.cfg", 'complaints = { categories = (\n'
        ' { name = "attitude"; label = "服务态度"; sign_days = 1; reply_days = 5; },\n'
        ' { name = "attitude"; label = "重复"; sign_days = 1; reply_days = 5; } ); };\n')
    put("config", "checklists.cfg", 'inspections = { checklists = (\n'
        ' { name = "u"; kind = "unannounced"; items = ( { label = "公示牌"; critical = true; },'
        ' { label = "态度"; } ); },\n { name = "s"; kind = "sample"; items = (); } ); };\n')
    put("config", "users.cfg", 'users = (\n { login = "zhang"; name = "张三"; role = "admin"; },\n'
        ' { login = "li"; role = "handler"; scopes = [ "D001", "D002" ]; },\n'
        ' { login = "wang"; role = "boss"; } );\n')
    put("config", "calendar.cfg", 'calendar = { holidays = [ "2026-10-01", "2026-02-30", "2026-10-01" ];'
        ' workdays = [ "2026-10-10", "2026-10-01" ]; };\n')
    put("config", "escapes.cfg", b'interface = { language = "\x1b[31m\xc2\x9b2J\xe2\x80\xae"; };\n'
        b'users = ( { login = "a\\x1b]0;x\\x07"; name = "' + ZW + BIDI + b'"; role = "viewer"; } );\n')
    put("config", "gb18030.cfg", b'users = ( { login = "gb"; name = "' + GB + b'"; role = "viewer"; } );\n')
    put("config", "bom.cfg", BOM + b'database = { path = "/tmp/x.db"; };\n')
    put("config", "big_string.cfg", b'users = ( { login = "big"; name = "' + b"x" * MB + b'"; role = "viewer"; } );\n')
    put("config", "deep.cfg", "a = " + "{ b = " * 200 + "1;" + " };" * 200 + "\n")
    put("config", "long_key.cfg", "rules = { " + "k" * 300 + " = 1; };\n")
    put("config", "numbers.cfg", "rules = { pass_score = 1e999; rectify_days = 9223372036854775807L;"
        " due_soon_days = 0x7fffffff; inspection_fail_rate = -0.0; };\n")


def text_seeds():
    put("text", "chinese.txt", ZH)
    put("text", "gb18030.txt", GB)
    put("text", "bom.txt", BOM + ZH.encode() + BOM)
    put("text", "escapes.txt", ESC)
    put("text", "c1_encoded.txt", C1)
    put("text", "c1_raw.txt", RAW_C1)
    put("text", "bidi.txt", BIDI)
    put("text", "zero_width.txt", ZW)
    put("text", "emoji_wide.txt", EMOJI)
    put("text", "invalid.txt", BAD)
    put("text", "controls.txt", bytes(range(0, 0x20)) + b"\x7f" + "a\tb\r\nc\n".encode())
    # First three bytes pick the fit parameters: pad, width 9, size 20.
    put("text", "fit_pad.txt", b"\x02\x0b\x14" + "先锋岗位先锋岗位先锋岗位".encode())
    put("text", "fit_tiny.txt", b"\x00\x03\x04" + "岗位abc".encode())
    put("text", "fit_odd_width.txt", b"\x03\x07\xff" + "先a锋b岗c位d".encode() + EMOJI)
    put("text", "fit_combining.txt", b"\x06\x05\x08" + "e\u0301\u0301\u0301\u0301\u0301\u0301x".encode())
    put("text", "unterminated_osc.txt", b"visible\x1b]0;swallow the rest")
    put("text", "csi_broken.txt", b"a\x1b[12;\xe5\x85\x88b\x1b[?25lc\x1b")
    put("text", "text_1mb.txt", "先锋".encode() * (MB // 6) + ESC + BIDI)
    put("text", "c1_1mb.txt", C1 * (MB // len(C1)))


def date_seeds():
    put("date", "valid.txt", "2026-03-01\n2024-02-29\n2026-12-31\nn 10\n")
    put("date", "invalid.txt", "2026-02-29\n2026-13-01\n0000-01-01\n2026-1-01\n2026/01/01\n"
        "２０２６-01-01\n2026-01-01 \n2026Q3\n2026Q5\n0000Q1\n")
    put("date", "calendar.txt", "h 2026-10-01\nh 2026-10-02\nw 2026-10-10\nw 2026-10-01\nh 2026-02-30\n"
        "n 5\n2026-09-30\n2026-10-09\n2026-10-11\n")
    put("date", "edges.txt", "0001-01-01\n9999-12-31\n9999-12-25\nn 3999\n1900-02-28\n2000-02-29\n")
    put("date", "negative.txt", "n -3999\n2026-01-01\n1970-01-01\n1969-12-31\n")
    put("date", "chinese.txt", "二〇二六年三月一日\n" + ZH + "\n2026-03-01\n")
    put("date", "escapes.txt", b"\x1b[31m2026-03-01\n" + BIDI + b"\n" + GB + b"\n2026-03-02\n")
    put("date", "long_line.txt", b"2026-03-01" + b"9" * MB + b"\n2026-03-01\n")
    put("date", "spring_festival.txt", "h 2026-02-15\nh 2026-02-16\nh 2026-02-17\nh 2026-02-18\n"
        "w 2026-02-14\nw 2026-02-28\nn 15\n2026-02-13\n2026-02-27\n")


def edit_seeds():
    # See fuzz_edit.c for the operations: op byte % 12, then operands.
    put("edit", "typing.bin", bytes([0, 0, 0x61, 0, 0x62, 2, 0x01, 0x02, 2, 0x10, 0x20, 7, 5, 8, 6]))
    put("edit", "interesting.bin", bytes([0] + sum(([3, i] for i in range(36)), [])))
    put("edit", "set_and_move.bin", bytes([0, 11, 20]) + "先锋岗位\u202eabc\x1b[31m".encode()[:20]
        + bytes([9, 8, 8, 6, 10, 7, 5, 5, 5, 5, 5, 4, 0, 0x41]))
    put("edit", "multiline.bin", bytes([0, 0x83, 12]) + b"a\nb\r\nc\x1bd" + bytes([4, 4, 7, 7, 5, 6]))
    put("edit", "raw_cps.bin", bytes([0, 1, 0x10, 0xff, 0xff, 1, 0x00, 0xd8, 0x00, 1, 0x0e, 0x00, 0x41,
                                      1, 0x00, 0x00, 0x9b, 1, 0x00, 0x20, 0x2e]))
    put("edit", "gb18030.bin", bytes([0, 11, 40]) + GB[:40] + bytes([8, 8, 5, 6]))
    put("edit", "long.bin", bytes([0]) + bytes([2, 0x12, 0x34]) * 800 + bytes([7]) * 500 + bytes([5]) * 300)


def search_seeds():
    put("search", "chinese.txt", "先锋岗")
    put("search", "short.txt", "张三")
    put("search", "spaces.txt", "\u3000 \t 哈尔滨  道里区\u00a0\u2003")
    put("search", "only_spaces.txt", " \t\u3000\u2028 ")
    put("search", "escapes.txt", ESC + b" x")
    put("search", "c1.txt", C1 + b"y")
    put("search", "bidi.txt", BIDI + ZW)
    put("search", "gb18030.txt", GB)
    put("search", "invalid.txt", b"abc" + BAD)
    put("search", "max.txt", "岗" * 200)
    put("search", "too_long.txt", "岗" * 201)
    put("search", "query_1mb.txt", b"q" * MB)
    put("search", "bom.txt", BOM + "先锋".encode())


if __name__ == "__main__":
    csv_seeds()
    config_seeds()
    text_seeds()
    date_seeds()
    edit_seeds()
    search_seeds()
