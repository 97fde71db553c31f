/* main.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ca-cli.h"

int
main (int    argc,
      char **argv)
{
  return ca_cli_main (argc, argv);
}
