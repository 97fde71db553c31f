/* test-whois.c: port-43 client against a real server on 127.0.0.1
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-error.h"
#include "ca-registration-net.h"
#include "ca-test-util.h"
#include "ca-test-whois-server.h"
#include "ca-whois-client.h"

static CaWhoisAnswer *
lookup (CaWhoisClient *client,
        const char    *domain,
        GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_whois_client_lookup_async (client, domain, NULL, ca_test_store_result_cb, &result);
  return ca_whois_client_lookup_finish (client, ca_test_wait_for_result (&result), error);
}

/* A port-43 server on 127.0.0.1, its address, and a client that asks it first. */
typedef struct
{
  CaTestWhoisServer *server;
  char              *address;
  CaWhoisClient     *client;
} Whois;

static Whois *
whois_new (void)
{
  Whois *whois = g_new0 (Whois, 1);

  whois->server = ca_test_whois_server_new ();
  whois->address = ca_test_whois_server_get_address (whois->server);
  whois->client = ca_whois_client_new (whois->address);
  return whois;
}

static void
whois_free (Whois *whois)
{
  g_object_unref (whois->client);
  g_free (whois->address);
  g_object_unref (whois->server);
  g_free (whois);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Whois, whois_free)

/* @whois answers for @domain with one referral line, `@key @target`; returns that answer. */
static char *
add_referral (Whois      *whois,
              const char *domain,
              const char *key,
              const char *target)
{
  char *text = g_strdup_printf ("Domain Name: %s\n%s %s\n", domain, key, target);

  ca_test_whois_server_add_text (whois->server, domain, text);
  return text;
}

/* Replaces the value of the first @key line with @value. */
static char *
replace_value (const char *text,
               const char *key,
               const char *value)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *trimmed = lines[i] + strspn (lines[i], " ");

      if (g_str_has_prefix (trimmed, key))
        {
          g_free (lines[i]);
          lines[i] = g_strdup_printf ("%s %s", key, value);
          break;
        }
    }
  return g_strjoinv ("\n", lines);
}

/* A referral that leads nowhere: the answer is @whois's own @text, with a note why. */
static void
assert_kept_answer (Whois      *whois,
                    const char *domain,
                    const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaWhoisAnswer) answer = lookup (whois->client, domain, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (answer->server, ==, whois->address);
  g_assert_cmpstr (answer->text, ==, text);
  g_assert_cmpuint (answer->notes->len, ==, 1);
}

static void
test_query_formats (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *verisign = ca_whois_build_query ("whois.verisign-grs.com", "Example.COM.", &error);
  g_autofree char *denic = ca_whois_build_query ("whois.denic.de", "bücher.de", &error);
  g_autofree char *plain = ca_whois_build_query ("127.0.0.1", "example.org", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (verisign, ==, "domain example.com\r\n");
  g_assert_cmpstr (denic, ==, "-T dn,ace xn--bcher-kva.de\r\n");
  g_assert_cmpstr (plain, ==, "example.org\r\n");
}

static void
test_find_referral (void)
{
  g_autofree char *iana = ca_test_read_fixture ("registration", "whois-iana-tld-referral-com.txt", NULL);
  g_autofree char *thin = ca_test_read_fixture ("registration", "whois-verisign-com-thin-registry-referral.txt", NULL);
  g_autofree char *a = ca_whois_find_referral (iana);
  g_autofree char *b = ca_whois_find_referral (thin);
  g_autofree char *c = ca_whois_find_referral ("Registrar WHOIS Server: https://Whois.Example.net/path?x\n");
  g_autofree char *d = ca_whois_find_referral ("ReferralServer: whois://127.0.0.1:4343\n");
  g_autofree char *e = ca_whois_find_referral ("Registrar WHOIS Server: \nWhois Server: whois.example.org:43\n");
  g_autofree char *f = ca_whois_find_referral ("Registrar WHOIS Server: bad host!\n");

  g_assert_cmpstr (a, ==, "whois.verisign-grs.com");
  g_assert_cmpstr (b, ==, "whois.godaddy.com");
  g_assert_cmpstr (c, ==, "whois.example.net");
  g_assert_cmpstr (d, ==, "127.0.0.1:4343");
  g_assert_cmpstr (e, ==, "whois.example.org");
  g_assert_null (f);
}

/* CR, LF and other control characters must never reach the wire. */
static void
test_crlf_refused (void)
{
  static const char * const attempts[] = {
    "example.com\r\nhelp", "example.com\r\n", "example.com\n", "exa\x01mple.com",
    "example.com\rfoo", "example.com\t", "=example.com\r\n-T dn",
  };
  g_autoptr (Whois) whois = whois_new ();

  ca_test_whois_server_add_text (whois->server, "example.com", "Domain Name: example.com\n");

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CaWhoisAnswer) answer = lookup (whois->client, attempts[i], &error);

      g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN);
      g_assert_null (answer);
    }
  g_assert_cmpuint (ca_test_whois_server_get_n_connections (whois->server), ==, 0);
}

/* IANA → registry → registrar, as whois.iana.org would send it. */
static void
test_referral_chain (void)
{
  g_autoptr (Whois) iana = whois_new ();
  g_autoptr (Whois) registry = whois_new ();
  g_autoptr (Whois) registrar = whois_new ();
  g_autofree char *registrar_url = g_strdup_printf ("whois://%s/", registrar->address);
  g_autofree char *iana_text = ca_test_read_fixture ("registration", "whois-iana-tld-referral-com.txt", NULL);
  g_autofree char *thin_text =
    ca_test_read_fixture ("registration", "whois-verisign-com-thin-registry-referral.txt", NULL);
  g_autofree char *registrar_text =
    ca_test_read_fixture ("registration", "whois-godaddy-domainsbyproxy-email-is-contact-url.txt", NULL);
  g_autofree char *iana_answer = replace_value (iana_text, "refer:", registry->address);
  g_autofree char *thin_answer = replace_value (thin_text, "Registrar WHOIS Server:", registrar_url);
  g_autoptr (CaWhoisAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  ca_test_whois_server_add_text (iana->server, "example-bakery-4417.com", iana_answer);
  ca_test_whois_server_add_text (registry->server, "example-bakery-4417.com", thin_answer);
  ca_test_whois_server_add_text (registrar->server, "example-bakery-4417.com", registrar_text);

  answer = lookup (iana->client, "Example-Bakery-4417.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer->server, ==, registrar->address);
  g_assert_cmpstr (answer->text, ==, registrar_text);
  g_assert_false (answer->truncated);
  g_assert_cmpuint (ca_test_whois_server_get_queries (iana->server)->len, ==, 1);
  g_assert_cmpuint (ca_test_whois_server_get_queries (registry->server)->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ca_test_whois_server_get_queries (registrar->server), 0), ==,
                   "example-bakery-4417.com");
}

static void
test_referral_loop (void)
{
  g_autoptr (Whois) a = whois_new ();
  g_autoptr (Whois) b = whois_new ();
  g_autofree char *a_url = g_strdup_printf ("whois://%s", a->address);
  G_GNUC_UNUSED g_autofree char *a_text = add_referral (a, "loop.example", "Whois Server:", b->address);
  G_GNUC_UNUSED g_autofree char *b_text = add_referral (b, "loop.example", "ReferralServer:", a_url);
  g_autoptr (CaWhoisAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  answer = lookup (a->client, "loop.example", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer->server, ==, b->address);
  g_assert_cmpuint (ca_test_whois_server_get_n_connections (a->server), ==, 1);
  g_assert_cmpuint (ca_test_whois_server_get_n_connections (b->server), ==, 1);
  g_assert_cmpuint (answer->notes->len, ==, 1);
}

/* Depth limit: a chain of self-made servers never goes past three referrals. */
static void
test_referral_depth (void)
{
  Whois *servers[6];
  g_autoptr (CaWhoisAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    servers[i] = whois_new ();
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      const char *next = i + 1 < G_N_ELEMENTS (servers) ? servers[i + 1]->address : "";

      g_free (add_referral (servers[i], "deep.example", "Whois Server:", next));
    }
  answer = lookup (servers[0]->client, "deep.example", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ca_test_whois_server_get_n_connections (servers[3]->server), ==, 1);
  g_assert_cmpuint (ca_test_whois_server_get_n_connections (servers[4]->server), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    whois_free (servers[i]);
}

/* A server that never stops talking: the cap ends the read. */
static void
test_endless (void)
{
  g_autoptr (Whois) whois = whois_new ();
  g_autoptr (CaWhoisAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  ca_test_whois_server_set_mode (whois->server, CA_TEST_WHOIS_ENDLESS);
  ca_whois_client_set_max_size (whois->client, 64 * 1024);
  answer = lookup (whois->client, "endless.example", &error);
  g_assert_no_error (error);
  g_assert_true (answer->truncated);
  g_assert_cmpuint (strlen (answer->text), ==, 64 * 1024);
}

/* A server that accepts and never answers: the timeout ends the wait. */
static void
test_slow (void)
{
  g_autoptr (Whois) whois = whois_new ();
  g_autoptr (CaWhoisAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  ca_test_whois_server_set_mode (whois->server, CA_TEST_WHOIS_SILENT);
  ca_whois_client_set_timeout (whois->client, 1);
  answer = lookup (whois->client, "slow.example", &error);
  g_assert_error (error, CA_ERROR, CA_ERROR_TIMEOUT);
  g_assert_null (answer);
  g_assert_cmpuint (ca_test_whois_server_get_queries (whois->server)->len, ==, 1);
}

/* A server that sends a byte every 200 ms: no read ever idles, so only the
 * lookup's overall deadline ends it, with the error in words. */
static void
test_drip_ends_at_deadline (void)
{
  guint16 port = 0;
  g_autoptr (CaTestDrip) drip = ca_test_drip_new ("Domain Name: drip.example\n", 200, &port);
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", port);
  g_autoptr (CaWhoisClient) client = ca_whois_client_new (address);
  g_autoptr (CaWhoisAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  ca_whois_client_set_timeout (client, 2);
  answer = lookup (client, "drip.example", &error);
  g_assert_error (error, CA_ERROR, CA_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (answer);
  g_assert_cmpuint (ca_test_drip_get_dripped (drip), >, 0);
}

/* Cancelled mid-answer, the lookup ends with G_IO_ERROR_CANCELLED, long before its
 * deadline (a minute, which the test would hit as a hang). */
static void
test_cancelled_mid_answer (void)
{
  guint16 port = 0;
  g_autoptr (CaTestDrip) drip = ca_test_drip_new ("Domain Name: drip.example\n", 100, &port);
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", port);
  g_autoptr (CaWhoisClient) client = ca_whois_client_new (address);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CaWhoisAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  ca_whois_client_set_timeout (client, 60);
  ca_whois_client_lookup_async (client, "drip.example", cancellable, ca_test_store_result_cb, &result);
  while (ca_test_drip_get_dripped (drip) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  answer = ca_whois_client_lookup_finish (client, ca_test_wait_for_result (&result), &error);
  g_assert_null (answer);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A referral that times out keeps the answer we already have. */
static void
test_slow_referral (void)
{
  g_autoptr (Whois) registry = whois_new ();
  g_autoptr (Whois) registrar = whois_new ();
  g_autofree char *text = add_referral (registry, "slow.example", "Registrar WHOIS Server:", registrar->address);

  ca_test_whois_server_set_mode (registrar->server, CA_TEST_WHOIS_SILENT);
  ca_whois_client_set_timeout (registry->client, 1);
  assert_kept_answer (registry, "slow.example", text);
}

/* A registrar that hangs up without a word leaves the registry's answer. */
static void
test_empty_referral (void)
{
  g_autoptr (Whois) registry = whois_new ();
  g_autoptr (Whois) registrar = whois_new ();
  g_autofree char *text = add_referral (registry, "mute.example", "Registrar WHOIS Server:", registrar->address);

  ca_test_whois_server_add_text (registrar->server, "mute.example", "\r\n");
  assert_kept_answer (registry, "mute.example", text);
  g_assert_cmpuint (ca_test_whois_server_get_queries (registrar->server)->len, ==, 1);
}

static void
test_latin1_and_controls (void)
{
  static const char latin1[] = "Registrant Name: M\xfcller Gr\xf6\xdf" "e GmbH\r\nRegistrant City: K\xf6ln\x1b[31m\r\n\0tail\r\n";
  g_autoptr (Whois) whois = whois_new ();
  g_autoptr (GBytes) bytes = g_bytes_new (latin1, sizeof latin1 - 1);
  g_autoptr (CaWhoisAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  ca_test_whois_server_set_default (whois->server, bytes);
  answer = lookup (whois->client, "latin1.example", &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (answer->text, -1, NULL));
  g_assert_cmpstr (answer->text, ==, "Registrant Name: Müller Größe GmbH\nRegistrant City: Köln[31m\ntail\n");
}

/* A chain that starts on this computer never leaves it. */
static void
test_loopback_stays_loopback (void)
{
  g_autoptr (Whois) whois = whois_new ();
  g_autofree char *text = add_referral (whois, "out.example", "Registrar WHOIS Server:", "192.0.2.1");

  assert_kept_answer (whois, "out.example", text);
}

static void
test_address_policy (void)
{
  static const struct { const char *address; gboolean is_public; } cases[] = {
    { "127.0.0.1", FALSE }, { "10.1.2.3", FALSE }, { "172.16.0.1", FALSE }, { "192.168.1.1", FALSE },
    { "169.254.169.254", FALSE }, { "100.64.0.1", FALSE }, { "0.0.0.0", FALSE }, { "::1", FALSE },
    { "fe80::1", FALSE }, { "fd12::1", FALSE }, { "::ffff:10.0.0.1", FALSE }, { "224.0.0.1", FALSE },
    { "192.0.2.1", TRUE }, { "8.8.8.8", TRUE }, { "2001:db8::1", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GInetAddress) address = g_inet_address_new_from_string (cases[i].address);

      g_assert_cmpint (ca_registration_address_is_public (address), ==, cases[i].is_public);
    }
  g_assert_true (ca_registration_host_is_loopback ("127.0.0.1"));
  g_assert_true (ca_registration_host_is_loopback ("[::1]"));
  g_assert_true (ca_registration_host_is_loopback ("localhost"));
  g_assert_false (ca_registration_host_is_loopback ("rdap.example.com"));
}

int
main (int   argc,
      char *argv[])
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/whois/query/formats", test_query_formats);
  g_test_add_func ("/whois/query/crlf-refused", test_crlf_refused);
  g_test_add_func ("/whois/referral/parse", test_find_referral);
  g_test_add_func ("/whois/referral/chain", test_referral_chain);
  g_test_add_func ("/whois/referral/loop", test_referral_loop);
  g_test_add_func ("/whois/referral/depth", test_referral_depth);
  g_test_add_func ("/whois/referral/loopback-stays-loopback", test_loopback_stays_loopback);
  g_test_add_func ("/whois/referral/address-policy", test_address_policy);
  g_test_add_func ("/whois/hostile/endless", test_endless);
  g_test_add_func ("/whois/hostile/slow", test_slow);
  g_test_add_func ("/whois/hostile/slow-referral", test_slow_referral);
  g_test_add_func ("/whois/hostile/drip-ends-at-deadline", test_drip_ends_at_deadline);
  g_test_add_func ("/whois/hostile/cancelled-mid-answer", test_cancelled_mid_answer);
  g_test_add_func ("/whois/referral/empty-answer", test_empty_referral);
  g_test_add_func ("/whois/hostile/latin1-and-controls", test_latin1_and_controls);

  return g_test_run ();
}
