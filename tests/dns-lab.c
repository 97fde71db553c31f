/* dns-lab.c: the signed DNS hierarchy of the tests (tests/zones/lab/), for the demo and the bench
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: dns-lab
 * Starts the lab (NSD servers on 127.53.N.x port 53, which needs root) and a
 * split-horizon resolver, prints "root-hints=FILE", "trust-anchor=FILE" and
 * "dns-server=127.0.0.1@PORT" on stdout, then serves until stdin closes or
 * the process is killed. With them, certassist-cli diagnose --root-hints FILE
 * --trust-anchor FILE [--dns-server ADDR] asks the lab as it would the
 * public DNS: the public view can be tried offline.
 */

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>

#include "ca-test-hierarchy.h"

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

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (GIOChannel) input = g_io_channel_unix_new (0);
  g_autofree char *skip_reason = NULL;
  g_autoptr (CaTestHierarchy) lab = ca_test_hierarchy_start (&skip_reason);

  if (lab == NULL)
    {
      g_printerr ("dns-lab: %s\n", skip_reason);
      return 1;
    }
  printf ("root-hints=%s\ntrust-anchor=%s\ndns-server=%s\n", ca_test_hierarchy_get_root_hints (lab),
          ca_test_hierarchy_get_trust_anchor (lab), ca_test_hierarchy_get_split_server (lab));
  fflush (stdout);

  g_io_add_watch (input, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_closed_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  return 0;
}
