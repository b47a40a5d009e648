/* Shell-style word splitting, with no expansion (xf/words.h). */
#include "xf/words.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"

struct splitter {
    char **words;
    int n, cap;
    char *word; /* the word being read: at most strlen(s) bytes */
    size_t len;
    bool open;  /* a word has begun (so '' is an empty word) */
};

static bool end_word(struct splitter *sp)
{
    if (!sp->open)
        return true;
    if (sp->n + 2 > sp->cap) {
        int cap = sp->cap ? 2 * sp->cap : 8;
        char **w = realloc(sp->words, (size_t)cap * sizeof *w);
        if (!w)
            return false;
        sp->words = w;
        sp->cap = cap;
    }
    sp->word[sp->len] = '\0';
    if (!(sp->words[sp->n] = strdup(sp->word)))
        return false;
    sp->words[++sp->n] = NULL;
    sp->len = 0;
    sp->open = false;
    return true;
}

static void put(struct splitter *sp, char c)
{
    sp->word[sp->len++] = c;
    sp->open = true;
}

/* The quoted text from s (just past the opening quote) to its closing
 * quote; the position after that, or NULL when the quote is not closed. */
static const char *quoted(struct splitter *sp, const char *s, char q)
{
    sp->open = true;
    for (; *s && *s != q; s++) {
        if (q == '"' && *s == '\\' && s[1] && strchr("\"\\$`\n", s[1])) {
            if (s[1] != '\n') /* a line continued: nothing */
                put(sp, s[1]);
            s++;
        } else
            put(sp, *s);
    }
    return *s ? s + 1 : NULL;
}

static void drop(struct splitter *sp)
{
    xf_words_free(sp->words);
    free(sp->word);
}

static int no_memory(struct splitter *sp, struct xf_error *err)
{
    drop(sp);
    return xf_err(err, XF_EIO, "", "%s", _("out of memory"));
}

int xf_words_split(const char *s, char ***words, int *n, struct xf_error *err)
{
    struct splitter sp = {0};
    *words = NULL;
    *n = 0;
    sp.cap = 8;
    sp.word = malloc(strlen(s) + 1);
    sp.words = calloc((size_t)sp.cap, sizeof *sp.words);
    if (!sp.word || !sp.words)
        return no_memory(&sp, err);
    while (*s) {
        char c = *s++;
        if (c == ' ' || c == '\t') {
            if (!end_word(&sp))
                return no_memory(&sp, err);
        } else if (c == '\'' || c == '"') {
            if (!(s = quoted(&sp, s, c))) {
                drop(&sp);
                return xf_err(err, XF_EINVAL, "", _("a quote (%s) is not closed"),
                              c == '\'' ? "'" : "\"");
            }
        } else if (c == '\\') {
            if (!*s)
                break; /* a shell waits for more; nothing follows */
            if (*s != '\n')
                put(&sp, *s);
            s++;
        } else if (strchr("|&;<>()$`\n", c)) {
            char what[8] = {c, '\0'};
            drop(&sp);
            return xf_err(err, XF_EINVAL, "",
                          _("“%s” is shell syntax, which is not taken here: give only "
                            "xianfeng's own words, quoted where they hold spaces"),
                          c == '\n' ? _("a new line") : what);
        } else
            put(&sp, c);
    }
    if (!end_word(&sp))
        return no_memory(&sp, err);
    free(sp.word);
    *words = sp.words;
    *n = sp.n;
    return XF_OK;
}

void xf_words_free(char **words)
{
    for (char **w = words; w && *w; w++)
        free(*w);
    free(words);
}
