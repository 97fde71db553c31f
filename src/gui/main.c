/* main.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ca-application.h"
#include "ca-safe-text.h"
#include "ca-util.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr (CaApplication) app = NULL;

  setlocale (LC_ALL, "");
  ca_bind_text_domain ();
  textdomain (GETTEXT_PACKAGE);
  /* Logs go to stderr, redacted: never a server's quoted credentials, never stdout. */
  g_log_set_writer_func (ca_safe_text_log_writer, NULL, NULL);

  g_set_application_name (_("CertAssist"));
  app = ca_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
