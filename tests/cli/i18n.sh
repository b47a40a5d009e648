# Sourced by run.sh: the interface language follows the locale and the
# config, and the Chinese catalogue is complete.
# Every command sets LANG/LANGUAGE/LC_ALL itself: the caller's locale must
# not decide what these checks see.

PO="$HERE/../../po"
zh() { env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 LANGUAGE=zh_CN "$@"; }
c_utf8() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C.UTF-8 "$@"; }

# The catalogues: a string someone adds later and nobody translates fails
# here, not in front of a clerk.
if command -v msgfmt >/dev/null 2>&1; then
    for lang in zh_CN en; do
        if LC_ALL=C msgfmt --check --statistics -o /dev/null "$PO/$lang.po" >"$T/stat" 2>&1; then
            ok "$lang.po passes msgfmt --check"
        else
            bad "$lang.po passes msgfmt --check" "$(head -c 400 "$T/stat")"
        fi
        if grep -q 'untranslated\|fuzzy' "$T/stat"; then
            bad "$lang.po is complete" "$(cat "$T/stat")"
        else
            ok "$lang.po is complete"
        fi
    done
else
    ok "msgfmt not installed: catalogue statistics skipped"
fi

expect_rc "i18n: init a database" 0 c_utf8 "$XF" --db "$T/i18n.db" init

# LANGUAGE=zh_CN under C.UTF-8 (the locale every server has).
expect_rc "zh: --help exits 0" 0 zh "$XF" --help
expect_in "zh: --help is Chinese" "$T/out" "用法"
expect_in "zh: --help keeps option names" "$T/out" "--db PATH"
expect_rc "zh: report pledges" 0 zh "$XF" --db "$T/i18n.db" report pledges
expect_in "zh: report title is Chinese" "$T/out" "承诺按单位统计"
expect_in "zh: report column is Chinese" "$T/out" "兑现率%"
expect_rc "zh: report complaints" 0 zh "$XF" --db "$T/i18n.db" report complaints
expect_in "zh: complaint report is Chinese" "$T/out" "投诉按状态统计"
# The states read as one family (已受理 beside 已分类, 已派单): a trial read
# the bare verb 受理 among them as an action, not a state.
expect_in "zh: complaint report names the first state 已受理" "$T/out" "已受理 "
if grep -q '^受理 ' "$T/out"; then bad "zh: ... not the verb 受理" "$(head -c 400 "$T/out")"; else ok "zh: ... not the verb 受理"; fi
expect_rc "zh: unknown command is exit 2" 2 zh "$XF" frobnicate
expect_in "zh: usage error is Chinese" "$T/err" "未知命令"
expect_rc "zh: missing database is exit 1" 1 zh "$XF" --db "$T/missing.db" check
expect_in "zh: runtime error is Chinese" "$T/err" "没有数据库"
expect_in "zh: runtime error keeps the command" "$T/err" "xianfeng init"

# Every refusal of an export names the command in Chinese: the one of a
# file already there said "export:".
echo old >"$T/zh-there.csv"
expect_rc "zh: export over an existing file is refused" 1 zh "$XF" --db "$T/i18n.db" export units "$T/zh-there.csv"
expect_in "zh: ... under the Chinese command name" "$T/err" "xianfeng：导出：$T/zh-there.csv"
expect_rc "zh: export over the database is refused" 1 zh "$XF" --db "$T/i18n.db" export units "$T/i18n.db-wal"
expect_in "zh: ... under the Chinese command name too" "$T/err" "xianfeng：导出：$T/i18n.db-wal"

# Chinese errors read with full-width colons throughout, the prefix too: a
# refused backup read "xianfeng: 备份: …", beside "xianfeng：…" elsewhere.
echo old >"$T/zh-backup.db"
expect_rc "zh: backup over an existing file is refused" 1 zh "$XF" --db "$T/i18n.db" backup "$T/zh-backup.db"
expect_in "zh: ... with full-width colons" "$T/err" "xianfeng：备份：$T/zh-backup.db"
expect_not_in "zh: ... and no ASCII one after the name" "$T/err" "xianfeng:"
expect_rc "zh: a missing database is refused" 1 zh "$XF" --db "$T/missing.db" check
expect_in "zh: ... with full-width colons, after the option too" "$T/err" "xianfeng：--db：$T/missing.db"
expect_not_in "zh: ... and no ASCII one" "$T/err" "xianfeng:"

# LANG=zh_CN.UTF-8 on a server where that locale was never generated:
# setlocale fails, xianfeng falls back to C.UTF-8 and keeps the language.
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
    ok "zh_CN.UTF-8 is generated here: ungenerated-locale check skipped"
else
    env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8 "$XF" --help >"$T/out" 2>"$T/err"
    expect_in "ungenerated zh_CN.UTF-8: --help is Chinese" "$T/out" "用法：xianfeng"
    expect_in "ungenerated zh_CN.UTF-8: CJK is intact" "$T/out" "退出状态：0 成功"
    env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8 \
        "$XF" --db "$T/i18n.db" report pledges >"$T/out" 2>"$T/err"
    expect_in "ungenerated zh_CN.UTF-8: report is Chinese" "$T/out" "承诺按单位统计"
fi

# A report's title with a period is one sentence to translate for each
# kind of period: glued from "received %s" and "until %s" it read
# 投诉按状态统计（受理于 至 2026-10-31）. The translations proposed for
# po/zh_CN.po, put first in a catalogue beside a copy of the binary.
if command -v msgcat >/dev/null 2>&1 && command -v msgfmt >/dev/null 2>&1; then
    mkdir -p "$T/zhbin/locale/zh_CN/LC_MESSAGES"
    cp "$XF" "$T/zhbin/xianfeng"
    cat >"$T/titles.po" <<'PO'
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

#, c-format
msgid "%s, received %s – %s"
msgstr "%s（%s 至 %s 受理）"

#, c-format
msgid "%s, received from %s"
msgstr "%s（%s 及以后受理）"

#, c-format
msgid "%s, received until %s"
msgstr "%s（%s 及以前受理）"

#, c-format
msgid "Inspections made %s – %s"
msgstr "检查（%s 至 %s）"

#, c-format
msgid "Inspections made from %s"
msgstr "检查（%s 及以后）"

#, c-format
msgid "Inspections made until %s"
msgstr "检查（%s 及以前）"
PO
    msgcat --use-first "$T/titles.po" "$PO/zh_CN.po" 2>/dev/null |
        msgfmt --check-format -o "$T/zhbin/locale/zh_CN/LC_MESSAGES/xianfeng.mo" -
    for t in "complaints --until 2026-10-31|投诉按状态统计（2026-10-31 及以前受理）" \
             "units --until 2026-10-31|投诉按主办单位统计（2026-10-31 及以前受理）" \
             "complaints --since 2026-10-01|投诉按状态统计（2026-10-01 及以后受理）" \
             "units --since 2026-10-01 --until 2026-10-31|投诉按主办单位统计（2026-10-01 至 2026-10-31 受理）" \
             "inspections --until 2026-10-31|检查（2026-10-31 及以前）" \
             "inspections --since 2026-10-01|检查（2026-10-01 及以后）" \
             "inspections --since 2026-10-01 --until 2026-10-31|检查（2026-10-01 至 2026-10-31）"; do
        # shellcheck disable=SC2086
        expect_rc "zh: report ${t%%|*}" 0 zh "$T/zhbin/xianfeng" --db "$T/i18n.db" report ${t%%|*}
        expect_eq "... titled as one sentence" "$(head -1 "$T/out")" "${t#*|}"
    done
else
    ok "msgcat or msgfmt not installed: period titles in Chinese not checked"
fi

# No LANGUAGE, C.UTF-8: English.
expect_rc "C.UTF-8: --help exits 0" 0 c_utf8 "$XF" --help
expect_in "C.UTF-8: --help is English" "$T/out" "Usage: xianfeng"
if grep -q "用法" "$T/out"; then bad "C.UTF-8: no Chinese in --help"; else ok "C.UTF-8: no Chinese in --help"; fi
expect_rc "C.UTF-8: report pledges" 0 c_utf8 "$XF" --db "$T/i18n.db" report pledges
expect_in "C.UTF-8: report is English" "$T/out" "Pledges by unit"
expect_rc "C.UTF-8: missing database" 1 c_utf8 "$XF" --db "$T/missing.db" check
expect_in "C.UTF-8: error is English" "$T/err" "no database at"

# interface.language in the config picks the catalogue over the locale.
printf 'database = { path = "%s/i18n.db"; };\ninterface = { language = "zh_CN"; };\n' "$T" \
    >"$T/zh.cfg"
expect_rc "config zh_CN: report pledges" 0 c_utf8 "$XF" --config "$T/zh.cfg" report pledges
expect_in "config zh_CN: report is Chinese" "$T/out" "承诺按单位统计"
# ... also for mistakes on the command line, read before the session.
expect_rc "config zh_CN: a bad option value" 2 c_utf8 "$XF" --config "$T/zh.cfg" report pledges --depth abc
expect_in "config zh_CN: ... is told in Chinese, with what it takes" "$T/err" "--depth 须为1 到 20 的整数"
# ... also where the locale is C, POSIX or none at all (an SSH session with
# no LANG): gettext ignores LANGUAGE under "C" itself.
for loc in C POSIX ""; do
    expect_rc "config zh_CN, LANG=${loc:-(none)}: report pledges" 0 \
        env -i PATH="$PATH" ${loc:+LANG=$loc} "$XF" --config "$T/zh.cfg" report pledges
    expect_in "config zh_CN, LANG=${loc:-(none)}: report is Chinese" "$T/out" "承诺按单位统计"
done
printf 'database = { path = "%s/i18n.db"; };\ninterface = { language = "en"; };\n' "$T" \
    >"$T/en.cfg"
expect_rc "config en: report pledges" 0 zh "$XF" --config "$T/en.cfg" report pledges
expect_in "config en beats LANGUAGE=zh_CN" "$T/out" "Pledges by unit"

# A bad configuration is told in the user's language, once: the type found
# was said as "须为整数" ("must be an integer") after "而不是", and
# libconfig's own parse errors stayed English.
printf 'interface = 3;\n' >"$T/badtype.cfg"
expect_rc "zh: a group given as a number is exit 2" 2 zh "$XF" --config "$T/badtype.cfg" users
expect_in "zh: ... says what it is instead, once" "$T/err" "interface 须为组 { ... }，而不是整数"
printf 'posts = { naming_committees = [ "中共哈尔滨市委", 2 ]; };\n' >"$T/badarray.cfg"
expect_rc "zh: an array of mixed types is exit 2" 2 zh "$XF" --config "$T/badarray.cfg" users
expect_in "zh: ... told in Chinese, with what to do" "$T/err" "badarray.cfg:1: 数组 [ ... ] 只能放同一种值"
expect_rc "en: an array of mixed types" 2 c_utf8 "$XF" --config "$T/badarray.cfg" users
expect_in "en: ... says what to do" "$T/err" "holds values of one type only"
printf 'rules = {\n  pass_score = 80\n  pass_score = 85;\n};\n' >"$T/twice.cfg"
expect_rc "zh: a setting given twice is exit 2" 2 zh "$XF" --config "$T/twice.cfg" users
expect_in "zh: ... told in Chinese, on its line" "$T/err" "twice.cfg:3: 同一组中这个设置出现了两次"
printf 'rules = { pass_score = ; };\n' >"$T/syntax.cfg"
expect_rc "zh: a syntax error is exit 2" 2 zh "$XF" --config "$T/syntax.cfg" users
expect_in "zh: ... told in Chinese" "$T/err" "syntax.cfg:1: 语法错误"

# A bad option value says what the option takes.
expect_rc "--today with a date that does not exist is exit 2" 2 c_utf8 "$XF" --today 2026-02-30 --db "$T/i18n.db" check
expect_in "... saying what --today takes" "$T/err" '--today takes a date as YYYY-MM-DD, not "2026-02-30"'

# The manuals: both render without a warning (a line that cannot be broken:
# Chinese text without zh.tmac; an unknown escape), and the Chinese one keeps pace with the English one:
# the same sections and items, and every command, option and key of the
# English page named in the same place.
DOC="$HERE/../../doc"
manwarn() { groff -k -man -Tutf8 -ww -z "$1" 2>&1; }
expect_eq "the English manual renders without warnings" "$(manwarn "$DOC/xianfeng.1")" ""
expect_eq "the Chinese manual renders without warnings" "$(manwarn "$DOC/xianfeng.zh_CN.1")" ""
# The first word of each item's tag (.TP then .B init, .BI \-\-db "PATH", ...).
items() { awk 'tp { split($0, w, /[ "]+/); print w[2]; tp = 0 } /^\.TP/ { tp = 1 }' "$1"; }
shape() { grep -c "^\.$2" "$1"; }
for m in SH SS TP; do
    expect_eq "the Chinese manual has the English one's .$m count" \
        "$(shape "$DOC/xianfeng.zh_CN.1" $m)" "$(shape "$DOC/xianfeng.1" $m)"
done
expect_eq "the Chinese manual names the English one's commands, options and keys" \
    "$(items "$DOC/xianfeng.zh_CN.1" | tr '\n' ' ')" "$(items "$DOC/xianfeng.1" | tr '\n' ' ')"
groff -k -man -Tutf8 -P-cbou -rLL=72n "$DOC/xianfeng.zh_CN.1" >"$T/man" 2>&1
expect_in "the Chinese manual reads as Chinese" "$T/man" "界面按窗格显示数据"

# An export is for importing back: its header row and its codes (states,
# kinds, pass/fail) are the names import reads, in every language, so a
# file exported under Chinese imports under English and back again, and
# the records come out as they went in. (The CSV of report and users is
# for reading: its headers follow the language.)
RT_KINDS="units members projects posts evaluations pledges complaints inspections improvements"
round_trip() { # round_trip NAME FROM-LANG TO-LANG [--bom]
    name=$1; from=$2; to=$3; shift 3
    mkdir -p "$T/rt-$name"
    c_utf8 "$XF" --db "$T/rt-$name/to.db" init >/dev/null 2>&1
    good=1; why=""
    for k in $RT_KINDS; do
        $from "$XF" --db "$T/demo/xianfeng.db" export "$k" "$T/rt-$name/$k.csv" "$@" \
            >/dev/null 2>"$T/err" || { good=0; why="export $k: $(cat "$T/err")"; break; }
        $to "$XF" --db "$T/rt-$name/to.db" import "$k" "$T/rt-$name/$k.csv" \
            >/dev/null 2>"$T/err" || { good=0; why="import $k: $(head -c 300 "$T/err")"; break; }
        $from "$XF" --db "$T/rt-$name/to.db" export "$k" "$T/rt-$name/$k.again.csv" "$@" \
            >/dev/null 2>&1
        cmp -s "$T/rt-$name/$k.csv" "$T/rt-$name/$k.again.csv" ||
            { good=0; why="$k: the records changed on the way"; break; }
    done
    [ $good = 1 ] && ok "$name" || bad "$name" "$why"
}
round_trip "an export in Chinese imports back under English" zh c_utf8
round_trip "an export in English (--bom) imports back under Chinese" c_utf8 zh --bom

# The demo's summary history rows name their scale in the reader's
# language (a Chinese history read "规模：small").
zh "$XF" --db "$T/demo/xianfeng.db" history 2>&1 | grep "规模" | head -1 >"$T/demo-hist"
expect_in "a demo's history row names its scale in Chinese" "$T/demo-hist" "规模：小规模"
expect_not_in "... not the stored code" "$T/demo-hist" "small"

# A Chinese office's sheet writes a post's status and a pledge's category
# in words: the refusal lists the words it takes, not only the codes.
printf 'code,name,kind\nZW1,区政务服务中心,单位\nZW2,某科,科室\n' >"$T/zh-units.csv"
expect_rc "zh: import units with a kind it does not know" 1 \
    zh "$XF" --db "$T/i18n.db" import units "$T/zh-units.csv"
expect_in "... lists the Chinese kinds" "$T/err" "类型须为 单位、职能处室、服务网点 或 窗口"
expect_in "... and quotes the kind it does not know" "$T/err" "），而不是“科室”"
printf 'code,name,kind\nZW1,区政务服务中心,单位\n' >"$T/zh-units.csv"
expect_rc "zh: import one unit" 0 zh "$XF" --db "$T/i18n.db" import units "$T/zh-units.csv"
printf '先锋岗编码,单位编码,岗位名称,状态,公示日期\nZWG1,ZW1,综合受理先锋岗,公示,2026-02-28\n' >"$T/zh-posts.csv"
expect_rc "zh: import a post 公示" 1 zh "$XF" --db "$T/i18n.db" import posts "$T/zh-posts.csv"
expect_in "... lists the statuses in Chinese" "$T/err" "请用 拟设、已公示、已命名 或 已撤销"
printf '党员编码,姓名,单位编码\nZWM1,王丽娟,ZW1\n' >"$T/zh-members.csv"
expect_rc "zh: import a member" 0 zh "$XF" --db "$T/i18n.db" import members "$T/zh-members.csv"
printf '党员编码,承诺内容,类别,承诺日期,完成期限\nZWM1,推行全程网办,办事效率,2026-03-01,2026-02-30\n' \
    >"$T/zh-pledges.csv"
expect_rc "zh: import a pledge of category 办事效率" 1 \
    zh "$XF" --db "$T/i18n.db" import pledges "$T/zh-pledges.csv"
expect_in "... lists the categories in Chinese" "$T/err" "类别须为 工作标准、工作时限、服务质量、服务态度 或 其他"
sed -i 's/办事效率/工作时限/' "$T/zh-pledges.csv"
expect_rc "zh: the same pledge due 2026-02-30" 1 \
    zh "$XF" --db "$T/i18n.db" import pledges "$T/zh-pledges.csv"
expect_in "... says the month is short" "$T/err" "“2026-02-30”不是真实存在的日期：2026-02 只有 28 天"
printf 'PK\003\004\024\000\006\000\010\000' >"$T/zh-units.xlsx"
expect_rc "zh: import an .xlsx" 1 zh "$XF" --db "$T/i18n.db" import units "$T/zh-units.xlsx"
expect_in "... says it is a workbook, to save as CSV" "$T/err" "该文件是电子表格工作簿（.xlsx 或 .xls），不是 CSV"
printf '编号,受理时间,来源,单位编码,投诉内容,状态\nTS2026-070001,2026-11-03 09:05,电话,ZW1,态度生硬,受理\n' \
    >"$T/zh-complaints.csv"
expect_rc "zh: import a complaint of source 电话" 1 \
    zh "$XF" --db "$T/i18n.db" import complaints "$T/zh-complaints.csv"
expect_in "... lists the sources in Chinese" "$T/err" "来源须为 12345热线、万人评政风、测评意见、检查发现、来信来访、现场 或 媒体"
# (without 状态, a complaint dispatched: one just received is taken as such)
printf '编号,受理时间,来源,单位编码,投诉内容,dispatched_at\nTS2026-070001,2026-11-03 09:05,热线,ZW1,态度生硬,2026-11-03 10:00:00\n' \
    >"$T/zh-complaints.csv"
expect_rc "zh: import complaints without 状态" 1 \
    zh "$XF" --db "$T/i18n.db" import complaints "$T/zh-complaints.csv"
expect_in "... says to add a column 状态" "$T/err" "表头缺少必需的列；请添加一列，列名写 state 或 状态"
printf '党员编码,承诺内容,类别,承诺日期,完成期限\nZWM1,推行全程网办,工作时限,46082,2026-12-31\n' >"$T/zh-pledges.csv"
expect_rc "zh: a pledge made on day 46082" 1 zh "$XF" --db "$T/i18n.db" import pledges "$T/zh-pledges.csv"
expect_in "... said as a spreadsheet's day number" "$T/err" "“46082”是电子表格的日期序号（即 2026-03-01？）"

# Import and export take the kinds by their Chinese names, the words the
# interface and history use (history --entity took 单位; import said
# "unknown kind"), and the lists of kinds give them.
printf 'code,name,kind\nZW9,某区政务服务中心,单位\n' >"$T/zh-kind.csv"
expect_rc "import 单位 (the Chinese kind name)" 0 "$XF" --db "$T/i18n.db" import 单位 "$T/zh-kind.csv"
expect_eq "... imported the unit" "$(sql "$T/i18n.db" "SELECT count(*) FROM unit WHERE code = 'ZW9'")" 1
expect_rc "zh: export 重点项目 (the interface's word)" 0 zh "$XF" --db "$T/i18n.db" export 重点项目
expect_in "... writes the projects" "$T/out" "code,name,category,owner_unit_code,active"
expect_rc "export 改进 (history's word)" 0 "$XF" --db "$T/i18n.db" export 改进
expect_in "... writes the improvements" "$T/out" "unit_code,kind,title,on_date"
expect_rc "zh: import of an unknown kind" 2 zh "$XF" --db "$T/i18n.db" import 单元 "$T/zh-kind.csv"
expect_in "... lists the kinds with their Chinese names" "$T/err" \
    "可用的数据种类：units（单位）、members（党员）、projects（重点项目）"
expect_rc "zh: import --help" 0 zh "$XF" import --help
expect_in "... lists the kinds with their Chinese names" "$T/out" "units（单位）、members（党员）"
expect_rc "zh: --help" 0 zh "$XF" --help
expect_in "... lists the kinds with their Chinese names, called 数据种类 as export --help does" \
    "$T/out" "可导入/导出的数据种类：units（单位）、"
expect_not_in "... not 类别 (a complaint's or project's category)" "$T/out" "的类别："
expect_rc "import --help in English" 0 "$XF" import --help
expect_in "... lists the kinds as before" "$T/out" "Kinds: units, members, projects, posts"

# A Chinese message names a field by its Chinese label, not its column
# ("name为必填项"), and an unknown login is not prefixed "login：".
printf 'code,name,kind\nZW10,,单位\n' >"$T/zh-noname.csv"
expect_rc "zh: import of a unit with no name" 1 zh "$XF" --db "$T/i18n.db" import units "$T/zh-noname.csv"
expect_in "... says 名称为必填项" "$T/err" "名称为必填项"
expect_not_in "... not name为必填项" "$T/err" "name为必填项"
printf 'database = { path = "%s/i18n.db"; };\nusers = ( { login = "someone.else"; role = "admin"; } );\n' \
    "$T" >"$T/zh-unlisted.cfg"
expect_rc "zh: a login not listed" 1 zh "$XF" --config "$T/zh-unlisted.cfg" check
expect_in "... is told so in Chinese" "$T/err" "不是 xianfeng 用户"
expect_not_in "... without an English field name before it" "$T/err" "login："
