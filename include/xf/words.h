/* The words of a command line written for a shell, without a shell: what
 * sshd hands a forced command in $SSH_ORIGINAL_COMMAND. */
#ifndef XF_WORDS_H
#define XF_WORDS_H

#include "xf/error.h"

/* Splits s into words as a POSIX shell splits a simple command: blanks
 * separate; '…' keeps everything literal; "…" keeps everything but \" \\
 * \$ \` and \ before a newline; a backslash elsewhere keeps the next
 * character. Nothing is expanded. Refused (XF_EINVAL, the message names
 * the character): an unclosed quote, and what a shell would act on rather
 * than pass on — | & ; < > ( ) $ ` and a newline outside quotes — so that
 * a command line never means one thing here and another in a shell.
 * On XF_OK *words is NULL-terminated with *n words; free with
 * xf_words_free. */
int xf_words_split(const char *s, char ***words, int *n, struct xf_error *err);
void xf_words_free(char **words);

#endif
