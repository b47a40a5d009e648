/* The full-screen ncursesw interface (SPEC §3). */
#ifndef XF_UI_H
#define XF_UI_H
#include "xf/session.h"

/* Opens the session described by opts and runs the interface until the
 * user quits; returns the process exit code. Errors before the screen
 * opens (config, identity, database) are printed to stderr. */
int xf_ui_main(const struct xf_front_opts *opts);

#endif
