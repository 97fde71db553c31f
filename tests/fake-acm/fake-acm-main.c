/* fake-acm-main.c: the fake ACM endpoint as a program, for the demo and the bench
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fake-acm [--port N] [--seed FILE] [--region R] [--delay-ms N]
 *          [--record-delay-ms N] [--fault NAME:COUNT]... [--skew SECONDS]
 *          [--url-file FILE] [--dns-server ADDRESS@PORT] [--publish-command PROG]
 *
 * Prints its URL on stdout once it listens. POST /_fake/approve {"arn"},
 * /_fake/fault {"fault","count"}, /_fake/delay {"ms"}, GET /_fake/stats.
 * With --dns-server, DNS validation succeeds once the records resolve there.
 * Route 53 answers on the same URL; with --publish-command, a change that becomes INSYNC
 * runs `PROG NAME VALUE` (no shell) for each CNAME it made in a public zone.
 */

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>

#include "ca-fake-acm.h"
#include "ca-fake-dns.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs `PROG NAME VALUE` and waits, so that a client that sees INSYNC finds the record
 * published. NAME and VALUE come from a request: argv only, never a shell. */
static void
run_publish_command (const char *name,
                     const char *value,
                     gpointer    user_data)
{
  const char *program = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program, name, value, NULL);

  if (process == NULL || !g_subprocess_wait_check (process, NULL, &error))
    g_printerr ("fake-acm: %s %s %s: %s\n", program, name, value, error->message);
}

static gboolean
apply_faults (CaFakeAcm  *fake,
              char      **faults,
              GError    **error)
{
  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (faults[i], ":", 2);
      CaFakeAcmFault fault;

      if (!ca_fake_acm_fault_from_string (parts[0], &fault))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "unknown fault %s", parts[0]);
          return FALSE;
        }
      ca_fake_acm_inject_fault (fake, fault, parts[1] != NULL ? (guint) g_ascii_strtoull (parts[1], NULL, 10) : 1);
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("- a local ACM endpoint");
  g_autoptr (CaFakeAcm) fake = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *region = NULL;
  g_autofree char *url_file = NULL;
  g_autofree char *dns_server = NULL;
  g_autofree char *publish_command = NULL;
  g_autoptr (GSocketAddress) dns_address = NULL;
  g_auto (GStrv) faults = NULL;
  int port = 0, delay_ms = 0, record_delay_ms = 3000;
  gint64 skew = 0;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free one)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_FILENAME, &seed, "JSON file with the certificates to start with", "FILE" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, "Region the signatures must be scoped to", "REGION" },
    { "delay-ms", 0, 0, G_OPTION_ARG_INT, &delay_ms, "Delay added to every ACM call", "MS" },
    { "record-delay-ms", 0, 0, G_OPTION_ARG_INT, &record_delay_ms, "Delay before DNS records appear", "MS" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults, "Inject a fault into the next COUNT calls", "NAME:COUNT" },
    { "skew", 0, 0, G_OPTION_ARG_INT64, &skew, "Run the server clock this many seconds ahead", "SECONDS" },
    { "url-file", 0, 0, G_OPTION_ARG_FILENAME, &url_file, "Also write the URL into this file", "FILE" },
    { "dns-server", 0, 0, G_OPTION_ARG_STRING, &dns_server, "Validate DNS requests by looking their records up at this server", "ADDRESS@PORT" },
    { "publish-command", 0, 0, G_OPTION_ARG_FILENAME, &publish_command, "Run PROG NAME VALUE for each CNAME a Route 53 change made, once it is INSYNC", "PROG" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      (dns_server != NULL && (dns_address = ca_fake_dns_parse_server (dns_server, &error)) == NULL))
    {
      g_printerr ("fake-acm: %s\n", error->message);
      return 2;
    }

  fake = ca_fake_acm_new (region);
  ca_fake_acm_set_record_delay_ms (fake, (guint) MAX (record_delay_ms, 0));
  ca_fake_acm_set_delay_ms (fake, (guint) MAX (delay_ms, 0));
  ca_fake_acm_set_clock_skew (fake, skew);
  ca_fake_acm_set_dns_server (fake, dns_server);
  if (publish_command != NULL)
    ca_fake_acm_set_route53_publish_func (fake, run_publish_command, publish_command);
  if ((seed != NULL && !ca_fake_acm_load_seed_file (fake, seed, &error)) ||
      !apply_faults (fake, faults, &error) ||
      !ca_fake_acm_listen (fake, (guint) MAX (port, 0), &error))
    {
      g_printerr ("fake-acm: %s\n", error->message);
      return 1;
    }

  url = ca_fake_acm_get_url (fake);
  if (url_file != NULL && !g_file_set_contents (url_file, url, -1, &error))
    {
      g_printerr ("fake-acm: %s\n", error->message);
      return 1;
    }
  printf ("%s\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
