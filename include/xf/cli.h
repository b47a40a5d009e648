/* The non-interactive front end: subcommands for scripts and cron. */
#ifndef XF_CLI_H
#define XF_CLI_H

/* Exit codes shared by every front end. */
enum { XF_EXIT_OK = 0, XF_EXIT_FAIL = 1, XF_EXIT_USAGE = 2 };

#include "xf/session.h"

/* Runs `xianfeng [options] COMMAND ...`; returns the exit code. With no
 * command sets *want_ui, fills ui (pointers into argv) and returns 0 so
 * main can open the interface with the same options. */
int xf_cli_main(int argc, char **argv, struct xf_front_opts *ui, int *want_ui);

#endif
