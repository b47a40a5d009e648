/* All UTF-8 and display-width arithmetic lives here (CJK = 2 cells). */
#ifndef XF_TEXT_H
#define XF_TEXT_H
#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF). */
bool xf_utf8_valid(const char *s, size_t len);
/* Decodes one code point at s (at most len bytes). Returns bytes consumed
 * (>= 1); on a malformed sequence stores U+FFFD and consumes 1 byte. */
size_t xf_utf8_decode(const char *s, size_t len, unsigned *cp);
/* Encodes cp into out (4 bytes room); returns the byte count. */
size_t xf_utf8_encode(unsigned cp, char out[4]);
/* Display width of one code point: 0, 1 or 2 (wcwidth-like, locale free). */
int xf_cp_width(unsigned cp);
/* Chinese punctuation that closes what comes before it (，。、；：？！）》」…):
 * it may not start a line. */
bool xf_cp_closes(unsigned cp);
/* Display width of a UTF-8 string (invalid bytes count as U+FFFD, width 1). */
int xf_text_width(const char *s);
/* A newly allocated copy safe to draw on a terminal: drops or replaces C0
 * (keeping '\n' when keep_newlines, otherwise it becomes a space; TAB becomes
 * a space), DEL, C1 U+0080-U+009F, whole ESC sequences (CSI, OSC, DCS, ...),
 * bidi controls and zero-width characters; invalid UTF-8 becomes U+FFFD.
 * Caller frees. NULL in gives "". */
char *xf_text_sanitize(const char *s, bool keep_newlines);
/* Writes into out (size bytes) the prefix of s that fits in width cells;
 * if s is wider, ends it with "…" (1 cell). A wide character that would not
 * fit is never split. Pads with spaces to exactly width cells when pad.
 * Returns the cells used. s must already be sanitised. */
int xf_text_fit(const char *s, int width, bool pad, char *out, size_t size);
/* A line of names joined by XF_UNIT_SEP ("市城建委 › 服务大厅 › 第1号窗口")
 * shortened for width cells so that both ends stay readable: the whole
 * line when it fits, else its department and its own name
 * ("市城建委…第1号窗口"; XF_UNIT_SEP_TIGHT between them when nothing was
 * left out, "市住建局›审批处"; the department cut if need be), else its
 * own name alone, the most specific. A post's title before its unit
 * ("综合受理先锋岗 · 市公安局 › 审批处") stays beside the unit's line as
 * far as it has room (cut: "综合受理…市公安局›审批处"); with none, a unit
 * of several names is kept whole (it says whose post), one of a single
 * name gives way to the title. sep is XF_UNIT_SEP (kept for callers).
 * Caller frees; NULL when out of memory. s must already be sanitised. */
char *xf_text_elide_line(const char *s, const char *sep, int width);
/* The same with the separators without their spaces even where the line
 * fits ("市住建局›审批处"): a list column where some rows must be
 * shortened draws every row so, so that rows read alike. */
char *xf_text_elide_line_tight(const char *s, int width);
/* s with XF_UNIT_SEP and XF_TITLE_SEP written without their spaces.
 * Caller frees; NULL when out of memory. */
char *xf_text_line_tight(const char *s);
/* Two sentences as one message, as the language joins them: a space
 * between in English, none after a Chinese full stop ("…递补。其持岗人…").
 * Caller frees; NULL when out of memory. */
char *xf_text_sentences(const char *first, const char *second);
/* s as the start of a sentence, in place: its first letter in capitals
 * when its first word is small ASCII letters ("complaint TS…" →
 * "Complaint TS…"). Chinese, and a first word with a digit, '.' or '-'
 * (a login, a code), stay as they are; a plain login ("wangfang") does
 * not: for text that starts with a word of the message. */
void xf_text_sentence_start(char *s);
/* s shortened for width cells from its start: "…" and the end of it that
 * fits ("NG-XFG-017" in 9 cells is "…-XFG-017"), for codes, whose last
 * characters tell records apart. Caller frees; NULL when out of memory.
 * s must already be sanitised. */
char *xf_text_elide_head(const char *s, int width);
/* s cut to width cells keeping its start and its end, "…" between: names
 * that differ at their end ("…第1号服务窗口", "…第2号服务窗口") stay
 * apart. Caller frees; NULL when out of memory. */
char *xf_text_elide_middle(const char *s, int width);
/* How many bytes of s (len of them) fit in width cells, whole characters
 * only; *used is set to their width. */
size_t xf_text_fit_prefix(const char *s, size_t len, int width, int *used);
/* A stored comma list ("2026Q1,2026Q3") with sep between its items
 * ("2026Q1、2026Q3"). Caller frees; NULL when out of memory. */
char *xf_text_list_sep(const char *stored, const char *sep);
/* What joins the names of a unit's line where it is shown. */
#define XF_UNIT_SEP " \u203a "
/* Between a post's title and its unit ("综合受理先锋岗 · 阿城区"). */
#define XF_TITLE_SEP " \u00b7 "
#define XF_UNIT_SEP_TIGHT "\u203a"
#define XF_TITLE_SEP_TIGHT "\u00b7"
/* The length in bytes of the first line of s when it is wrapped at width
 * cells: at the last place in the line's second half where a line may
 * break — after a space, or next to a Chinese character but not before
 * closing punctuation (，。）) or after opening (（《) — so that a date, a
 * code or a word stays whole; else where the width ends. A last line of
 * one Chinese character takes the character before it along. Never splits
 * a character; at least one character. 0 only for "". s must be sanitised. */
size_t xf_text_wrap_line(const char *s, int width);
/* True when s is NULL, empty, or only white space (ASCII, no-break and
 * ideographic spaces, the U+2000 block, zero-width ones, BOM): what a
 * required field may not be. */
bool xf_text_blank(const char *s);
/* Whether s (NULL: never) is one of the NULL-terminated list, as stored:
 * a kind or category checked against its table. */
bool xf_text_one_of(const char *s, const char *const *list);
/* s, or "" when s is NULL: an optional field (a column read as NULL) where
 * a string is wanted, for a message, a comparison or a CSV field. */
const char *xf_text_or_empty(const char *s);
/* The pattern of a record's code, as an office numbers its records: its
 * prefix and the width of its number ("XFG-003" → "XFG-", 3, 3; "M054" →
 * "M", 3, 54). False when it ends in no number. */
bool xf_code_pattern(const char *code, char *prefix, size_t size, int *width, long long *num);
/* Cuts the white space xf_text_blank skips from both ends of s, in place:
 * returns where the text now starts (within s). NULL stays NULL. */
char *xf_text_trim(char *s);
/* Takes out, in place, the zero-width characters (U+200B-D, U+2060-4,
 * U+FEFF) that a form never lets in: imported, they made a code that
 * looks like another and a name that no search finds. */
void xf_text_drop_zero_width(char *s);
/* Full-width ASCII (Ｍ０００１, typed in a Chinese input mode) and the
 * ideographic space as ASCII, in place: for codes, which hold ASCII. */
void xf_text_halfwidth_ascii(char *s);
/* The same, only when s holds nothing but ASCII and its full-width forms
 * (a phone number or a code typed in an input method's full-width mode);
 * text with other characters is left as typed. */
void xf_text_halfwidth_if_ascii(char *s);
/* A plain decimal number into *out: digits, then optionally a point and
 * digits, then (with exponent) e and digits ("1e-05", as %g writes small
 * numbers). No sign, space, hex, inf or nan: strtod alone would read
 * "0x10" as 16. False when s is anything else. */
bool xf_text_decimal(const char *s, bool exponent, double *out);
/* True when s holds a character no stored text should: C0 controls (but
 * line break, carriage return and tab when multiline), DEL, C1 controls,
 * bidi controls and marks, and the Unicode line and paragraph separators. ESC, which starts every terminal escape sequence,
 * is among them. Input is refused with it rather than stored and
 * sanitised at every screen, export and report. */
bool xf_text_has_control_chars(const char *s, bool multiline);
/* The first character xf_text_has_control_chars refuses: its code point
 * in *cp, its place counted in characters from 1 in *pos, and in bytes
 * from 0 in *byte (each may be NULL). False when there is none. */
bool xf_text_find_control_char(const char *s, bool multiline, unsigned *cp, size_t *pos,
                               size_t *byte);
/* True when s contains a character that xf_text_sanitize would change. */
bool xf_text_has_controls(const char *s);
/* The display width of s when xf_text_sanitize would leave it unchanged,
 * else -1: one pass, no copy, for callers that measure many strings and
 * sanitise only the rare one that needs it. NULL gives 0. */
int xf_text_clean_width(const char *s);

#endif
