/* registration-server.c: WHOIS and RDAP servers on 127.0.0.1 serving the shared
 * registration fixtures, for the demo and the command-line tests
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: registration-server [FIXTURES-DIR]
 * Prints "whois-server=127.0.0.1:PORT" and "rdap-bootstrap=URL" on stdout, then
 * serves until stdin closes or the process is killed. Every sample answers for
 * the domain it is about; WHOIS answers other names with a privacy-proxy sample,
 * so that any name shows something in the demo.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ca-test-rdap-server.h"
#include "ca-test-whois-server.h"

#define DEFAULT_WHOIS_SAMPLE "whois-namecheap-withheld-for-privacy-protect-email.txt"
#define THIN_REGISTRY_SAMPLE "rdap-verisign-com-registry-thin-related-link.json"
#define REGISTRAR_SAMPLE "rdap-godaddy-registrar-rfc9537-contact-uri-form.json"
#define RATE_LIMITED_DOMAIN "example-busy-429.com"

static char *
domain_of_sample (const char *text,
                  gboolean    rdap)
{
  g_autoptr (GRegex) regex = NULL;
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *name = NULL;

  if (rdap)
    regex = g_regex_new ("\"ldhName\"\\s*:\\s*\"([^\"]+\\.[^\"]+)\"", 0, 0, NULL);
  else
    regex = g_regex_new ("^\\s*domain( name)?:?\\s+([a-z0-9-]+\\.[a-z0-9.-]+)\\s*$",
                         G_REGEX_CASELESS | G_REGEX_MULTILINE, 0, NULL);
  if (!g_regex_match (regex, text, 0, &match))
    return NULL;
  name = g_match_info_fetch (match, rdap ? 1 : 2);
  return g_ascii_strdown (name, -1);
}

static void
serve_whois_sample (CaTestWhoisServer *whois,
                    const char        *dir,
                    const char        *file,
                    const char        *text)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *domain = domain_of_sample (text, FALSE);

  if (domain != NULL)
    ca_test_whois_server_add_file (whois, domain, path, NULL);
  if (g_strcmp0 (file, DEFAULT_WHOIS_SAMPLE) == 0)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

      ca_test_whois_server_set_default (whois, bytes);
    }
}

/* The thin registry answer links to the registrar sample on this server. */
static void
serve_rdap_sample (CaTestRdapServer *rdap,
                   GHashTable       *tlds,
                   const char       *file,
                   const char       *text)
{
  g_autofree char *domain = domain_of_sample (text, TRUE);
  g_autofree char *path = NULL;

  if (strstr (text, "\"errorCode\"") != NULL)
    {
      ca_test_rdap_server_add_text (rdap, "/rdap/domain/" RATE_LIMITED_DOMAIN, 429, text);
      ca_test_rdap_server_add_header (rdap, "/rdap/domain/" RATE_LIMITED_DOMAIN, "Retry-After", "3600");
      g_hash_table_add (tlds, g_strdup ("com"));
      return;
    }
  if (domain == NULL)
    return;
  g_hash_table_add (tlds, g_strdup (strrchr (domain, '.') + 1));
  path = g_strconcat ("/rdap/domain/", domain, NULL);

  if (g_strcmp0 (file, THIN_REGISTRY_SAMPLE) == 0)
    {
      g_autoptr (GRegex) related = g_regex_new ("\"href\": \"https://rdap\\.godaddy\\.com/v1/domain/", 0, 0, NULL);
      g_autofree char *local = ca_test_rdap_server_get_url (rdap, "/registrar/domain/");
      g_autofree char *replacement = g_strdup_printf ("\"href\": \"%s", local);
      g_autofree char *linked = g_regex_replace_literal (related, text, -1, 0, replacement, 0, NULL);

      ca_test_rdap_server_add_text (rdap, path, 200, linked);
    }
  else if (g_strcmp0 (file, REGISTRAR_SAMPLE) == 0)
    {
      g_autofree char *registrar_path = g_strdup ("/registrar/domain/EXAMPLE-BAKERY-4417.COM");

      ca_test_rdap_server_add_text (rdap, path, 200, text);
      ca_test_rdap_server_add_text (rdap, registrar_path, 200, text);
    }
  else
    ca_test_rdap_server_add_text (rdap, path, 200, text);
}

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
  const char *dir_root = argc > 1 ? argv[1] : g_getenv ("CERTASSIST_FIXTURES");
  g_autofree char *dir = NULL;
  g_autoptr (CaTestWhoisServer) whois = ca_test_whois_server_new ();
  g_autoptr (CaTestRdapServer) rdap = ca_test_rdap_server_new ();
  g_autoptr (GHashTable) tlds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gpointer *tld_list = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (GIOChannel) input = g_io_channel_unix_new (0);
  g_autoptr (GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *bootstrap = NULL;
  g_autoptr (GDir) listing = NULL;
  const char *file;

  if (dir_root == NULL)
    {
      g_printerr ("usage: registration-server FIXTURES-DIR\n");
      return 2;
    }
  dir = g_str_has_suffix (dir_root, "registration") ? g_strdup (dir_root) : g_build_filename (dir_root, "registration", NULL);
  listing = g_dir_open (dir, 0, &error);
  if (listing == NULL)
    {
      g_printerr ("registration-server: %s\n", error->message);
      return 1;
    }

  while ((file = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autofree char *text = NULL;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;
      if (g_str_has_prefix (file, "whois-"))
        serve_whois_sample (whois, dir, file, text);
      else if (g_str_has_prefix (file, "rdap-"))
        serve_rdap_sample (rdap, tlds, file, text);
    }

  tld_list = g_hash_table_get_keys_as_array (tlds, NULL);
  ca_test_rdap_server_add_bootstrap (rdap, "/dns.json", (const char * const *) tld_list);

  address = ca_test_whois_server_get_address (whois);
  bootstrap = ca_test_rdap_server_get_url (rdap, "/dns.json");
  printf ("whois-server=%s\nrdap-bootstrap=%s\n", address, bootstrap);
  fflush (stdout);

  g_io_add_watch (input, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_closed_cb, loop);
  g_main_loop_run (loop);
  return 0;
}
