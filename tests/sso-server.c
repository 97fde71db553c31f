/* sso-server.c: the loopback IAM Identity Center of the tests as a program
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sso-server [SCRIPT]
 *
 * Serves tests/ca-test-sso-server.c (SSO OIDC and the portal's
 * GetRoleCredentials) on 127.0.0.1 for scripts that drive certassist-cli, such
 * as tests/secret-hygiene.py; SCRIPT is CreateToken's answers (default
 * "token"). Prints `url=URL` once it listens and runs until stdin closes, so
 * it never outlives the script that started it. A request the service does
 * not expect aborts it, which the script sees as a failed sign-in.
 */

#include "config.h"

#include <stdio.h>

#include "ca-test-sso-server.h"

static gboolean
stdin_closed_cb (GIOChannel   *channel,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  char buffer[256];
  gsize read = 0;

  if (g_io_channel_read_chars (channel, buffer, sizeof buffer, &read, NULL) != G_IO_STATUS_NORMAL || read == 0)
    {
      g_main_loop_quit (user_data);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (CaTestSsoServer) sso = ca_test_sso_server_new (argc > 1 ? argv[1] : "token", 600);
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (GIOChannel) input = g_io_channel_unix_new (0);

  printf ("url=%s\n", sso->url);
  fflush (stdout);

  g_io_add_watch (input, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_closed_cb, loop);
  g_main_loop_run (loop);
  return 0;
}
