/* test-rdap.c: RDAP bootstrap and client against a real SoupServer on 127.0.0.1
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ca-error.h"
#include "ca-rdap-client.h"
#include "ca-test-rdap-server.h"
#include "ca-test-util.h"

static const char * const com_only[] = { "com", NULL };

static CaRdapAnswer *
lookup (CaRdapClient *client,
        const char   *domain,
        GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_rdap_client_lookup_async (client, domain, NULL, ca_test_store_result_cb, &result);
  return ca_rdap_client_lookup_finish (client, ca_test_wait_for_result (&result), error);
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto (GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

static CaRdapClient *
new_client_for (CaTestRdapServer *server)
{
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (server, "/bootstrap/dns.json");

  ca_test_rdap_server_add_bootstrap (server, "/bootstrap/dns.json", com_only);
  return ca_rdap_client_new (bootstrap);
}

static void
test_bootstrap_longest_match (void)
{
  static const char json[] =
    "{\"services\": ["
    "[[\"co\"], [\"https://rdap.co.example/\"]],"
    "[[\"eco\"], [\"https://rdap.eco.example/\"]],"
    "[[\"shop.eco\"], [\"http://rdap.shop.example/\", \"https://rdap.shop.example/v1\"]],"
    "[[\"uk\", \"CO.UK\"], [\"https://rdap.uk.example/uk/\"]],"
    "[[\"plain\"], [\"http://rdap.plain.example/\"]],"
    "[[\"bad\"], \"not-an-array\"]"
    "]}";
  g_autoptr (GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaRdapBootstrap) bootstrap = ca_rdap_bootstrap_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ca_rdap_bootstrap_lookup (bootstrap, "example.co"), ==, "https://rdap.co.example/");
  g_assert_cmpstr (ca_rdap_bootstrap_lookup (bootstrap, "example.eco"), ==, "https://rdap.eco.example/");
  g_assert_cmpstr (ca_rdap_bootstrap_lookup (bootstrap, "www.example.shop.eco"), ==, "https://rdap.shop.example/v1/");
  g_assert_cmpstr (ca_rdap_bootstrap_lookup (bootstrap, "Example.Co.UK."), ==, "https://rdap.uk.example/uk/");
  g_assert_cmpstr (ca_rdap_bootstrap_lookup (bootstrap, "example.uk"), ==, "https://rdap.uk.example/uk/");
  g_assert_null (ca_rdap_bootstrap_lookup (bootstrap, "example.ecoco"));
  g_assert_null (ca_rdap_bootstrap_lookup (bootstrap, "example.oco"));
  /* Plain http to a public host is never used. */
  g_assert_null (ca_rdap_bootstrap_lookup (bootstrap, "example.plain"));
}

static void
test_bootstrap_fixture (void)
{
  g_autofree char *path = ca_test_fixture_path ("registration", "aux", "iana-rdap-bootstrap-dns-excerpt.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_autoptr (CaRdapBootstrap) bootstrap = NULL;

  g_assert_no_error (error);
  bootstrap = ca_rdap_bootstrap_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_rdap_bootstrap_lookup (bootstrap, "example.dev"), ==, "https://pubapi.registry.google/rdap/");
  g_assert_cmpstr (ca_rdap_bootstrap_lookup (bootstrap, "example.li"), ==, "https://rdap.nic.ch/");
  g_assert_cmpstr (ca_rdap_bootstrap_lookup (bootstrap, "example.com"), ==, "https://rdap.verisign.com/com/v1/");
  g_assert_null (ca_rdap_bootstrap_lookup (bootstrap, "example.eu"));
}

static void
test_bootstrap_malformed (void)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static ("{\"services\": 3}", 15);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaRdapBootstrap) bootstrap = ca_rdap_bootstrap_new_from_bytes (bytes, &error);

  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
  g_assert_null (bootstrap);
}

/* Registry (thin, with `related`) → registrar, all on loopback. */
static void
test_registry_to_registrar (void)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  g_autoptr (CaRdapClient) client = new_client_for (server);
  g_autofree char *registry =
    ca_test_read_fixture ("registration", "rdap-verisign-com-registry-thin-related-link.json", NULL);
  g_autofree char *registrar_url = ca_test_rdap_server_get_url (server, "/registrar/domain/EXAMPLE-BAKERY-4417.COM");
  g_autofree char *linked = replace (registry, "https://rdap.godaddy.com/v1/domain/EXAMPLE-BAKERY-4417.COM", registrar_url);
  g_autofree char *registrar = ca_test_read_fixture ("registration", "rdap-registrar-real-contact-email.json", NULL);
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *root;

  ca_test_rdap_server_add_text (server, "/rdap/domain/example-bakery-4417.com", 200, linked);
  ca_test_rdap_server_add_text (server, "/registrar/domain/EXAMPLE-BAKERY-4417.COM", 200, registrar);

  answer = lookup (client, "EXAMPLE-bakery-4417.com", &error);
  g_assert_no_error (error);
  g_assert_cmpint (answer->status, ==, CA_RDAP_STATUS_OK);
  g_assert_cmpstr (answer->url, ==, registrar_url);
  root = json_node_get_object (answer->root);
  g_assert_cmpstr (json_object_get_string_member (root, "ldhName"), ==, "EXAMPLE-FREIGHT-5511.COM");
  g_assert_cmpuint (ca_test_rdap_server_get_n_requests (server, "/rdap/domain/example-bakery-4417.com"), ==, 1);
  g_assert_cmpuint (ca_test_rdap_server_get_n_requests (server, "/registrar/domain/EXAMPLE-BAKERY-4417.COM"), ==, 1);
  g_assert_nonnull (strstr (ca_test_rdap_server_get_last_accept (server), "application/rdap+json"));
}

/* A loopback chain never follows a link out to the Internet. */
static void
test_related_public_not_followed (void)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  g_autoptr (CaRdapClient) client = new_client_for (server);
  g_autofree char *registry =
    ca_test_read_fixture ("registration", "rdap-verisign-com-registry-thin-related-link.json", NULL);
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  ca_test_rdap_server_add_text (server, "/rdap/domain/example-bakery-4417.com", 200, registry);
  answer = lookup (client, "example-bakery-4417.com", &error);
  g_assert_no_error (error);
  g_assert_cmpint (answer->status, ==, CA_RDAP_STATUS_OK);
  g_assert_true (g_str_has_suffix (answer->url, "/rdap/domain/example-bakery-4417.com"));
  g_assert_cmpuint (answer->notes->len, ==, 1);
}

/* A registry that links to itself is asked once. */
static void
test_related_loop (void)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  g_autoptr (CaRdapClient) client = new_client_for (server);
  g_autofree char *self_url = ca_test_rdap_server_get_url (server, "/rdap/domain/loop-1.com");
  g_autofree char *body = g_strdup_printf ("{\"objectClassName\": \"domain\", \"ldhName\": \"loop-1.com\","
                                           " \"links\": [{\"rel\": \"related\", \"type\": \"application/rdap+json\","
                                           " \"href\": \"%s\"}]}", self_url);
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  ca_test_rdap_server_add_text (server, "/rdap/domain/loop-1.com", 200, body);
  answer = lookup (client, "loop-1.com", &error);
  g_assert_no_error (error);
  g_assert_cmpint (answer->status, ==, CA_RDAP_STATUS_OK);
  g_assert_cmpuint (ca_test_rdap_server_get_n_requests (server, "/rdap/domain/loop-1.com"), ==, 1);
}

/* Two related hops at most: registry → registrar → reseller, never a third. */
static void
test_related_depth (void)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  g_autoptr (CaRdapClient) client = new_client_for (server);
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *path = i == 0 ? g_strdup ("/rdap/domain/deep-1.com") : g_strdup_printf ("/hop%u", i);
      g_autofree char *next = g_strdup_printf ("/hop%u", i + 1);
      g_autofree char *next_url = ca_test_rdap_server_get_url (server, next);
      g_autofree char *body = g_strdup_printf ("{\"objectClassName\": \"domain\", \"ldhName\": \"deep-1.com\","
                                               " \"links\": [{\"rel\": \"related\", \"type\": \"application/rdap+json\","
                                               " \"href\": \"%s\"}]}", next_url);

      ca_test_rdap_server_add_text (server, path, 200, body);
    }
  answer = lookup (client, "deep-1.com", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (answer->url, "/hop2"));
  g_assert_cmpuint (ca_test_rdap_server_get_n_requests (server, "/hop3"), ==, 0);
}

static void
test_not_found (void)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  g_autoptr (CaRdapClient) client = new_client_for (server);
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  answer = lookup (client, "not-registered-1.com", &error);
  g_assert_no_error (error);
  g_assert_cmpint (answer->status, ==, CA_RDAP_STATUS_NOT_FOUND);
}

static void
test_rate_limited (void)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  g_autoptr (CaRdapClient) client = new_client_for (server);
  g_autofree char *path = ca_test_fixture_path ("registration", "rdap-error-429-rate-limited.json", NULL);
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  ca_test_rdap_server_add_file (server, "/rdap/domain/busy-1.com", 429, path, &error);
  g_assert_no_error (error);
  ca_test_rdap_server_add_header (server, "/rdap/domain/busy-1.com", "Retry-After", "83445");
  answer = lookup (client, "busy-1.com", &error);
  g_assert_no_error (error);
  g_assert_cmpint (answer->status, ==, CA_RDAP_STATUS_RATE_LIMITED);
  g_assert_cmpint (answer->retry_after, ==, 83445);
}

/* The answer to a 429 whose Retry-After is @value (none when NULL). */
static CaRdapAnswer *
rate_limited_with (const char *value)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  g_autoptr (CaRdapClient) client = new_client_for (server);
  g_autofree char *path = ca_test_fixture_path ("registration", "rdap-error-429-rate-limited.json", NULL);
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  ca_test_rdap_server_add_file (server, "/rdap/domain/busy-1.com", 429, path, &error);
  g_assert_no_error (error);
  if (value != NULL)
    ca_test_rdap_server_add_header (server, "/rdap/domain/busy-1.com", "Retry-After", value);
  answer = lookup (client, "busy-1.com", &error);
  g_assert_no_error (error);
  g_assert_cmpint (answer->status, ==, CA_RDAP_STATUS_RATE_LIMITED);
  return g_steal_pointer (&answer);
}

static char *
http_date_from_now (GTimeSpan offset)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add (now, offset);

  return soup_date_time_to_string (then, SOUP_DATE_HTTP);
}

/* Retry-After may also be an HTTP date (RFC 9110 §10.2.3): the wait is the time until
 * it; a date gone by, a missing or an unreadable header mean no wait to report. The
 * bounds leave an hour's slack, so the test does not depend on how fast it runs. */
static void
test_rate_limited_retry_after_forms (void)
{
  g_autofree char *in_two_hours = http_date_from_now (2 * G_TIME_SPAN_HOUR);
  g_autofree char *an_hour_ago = http_date_from_now (-G_TIME_SPAN_HOUR);
  g_autoptr (CaRdapAnswer) dated = rate_limited_with (in_two_hours);
  g_autoptr (CaRdapAnswer) past = rate_limited_with (an_hour_ago);
  g_autoptr (CaRdapAnswer) missing = rate_limited_with (NULL);
  g_autoptr (CaRdapAnswer) garbage = rate_limited_with ("soon");
  g_autoptr (CaRdapAnswer) negative = rate_limited_with ("-5");

  g_assert_cmpint (dated->retry_after, >, G_TIME_SPAN_HOUR / G_TIME_SPAN_SECOND);
  g_assert_cmpint (dated->retry_after, <=, 2 * G_TIME_SPAN_HOUR / G_TIME_SPAN_SECOND);
  g_assert_cmpint (past->retry_after, ==, 0);
  g_assert_cmpint (missing->retry_after, ==, 0);
  g_assert_cmpint (garbage->retry_after, ==, 0);
  g_assert_cmpint (negative->retry_after, ==, 0);
}

static void
test_no_service (void)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  g_autoptr (CaRdapClient) client = new_client_for (server);
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  answer = lookup (client, "example.de", &error);
  g_assert_no_error (error);
  g_assert_cmpint (answer->status, ==, CA_RDAP_STATUS_NO_SERVICE);
}

static void
test_too_large (void)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  g_autoptr (CaRdapClient) client = new_client_for (server);
  g_autofree char *big = g_malloc (2 * 1024 * 1024 + 1);
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  memset (big, ' ', 2 * 1024 * 1024);
  big[0] = '{';
  big[2 * 1024 * 1024 - 1] = '}';
  big[2 * 1024 * 1024] = '\0';
  ca_test_rdap_server_add_text (server, "/rdap/domain/huge-1.com", 200, big);
  answer = lookup (client, "huge-1.com", &error);
  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
  g_assert_null (answer);
}

static void
test_redirect (void)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  g_autoptr (CaRdapClient) client = new_client_for (server);
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  ca_test_rdap_server_add_text (server, "/rdap/domain/moved-1.com", 302, "");
  ca_test_rdap_server_add_header (server, "/rdap/domain/moved-1.com", "Location", "/elsewhere/moved-1.com");
  ca_test_rdap_server_add_text (server, "/elsewhere/moved-1.com", 200, "{\"objectClassName\": \"domain\"}");
  answer = lookup (client, "moved-1.com", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (answer->url, "/elsewhere/moved-1.com"));
}

static void
test_http_public_refused (void)
{
  g_autoptr (CaRdapClient) client = ca_rdap_client_new ("http://rdap-bootstrap.example.com/dns.json");
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  answer = lookup (client, "example.com", &error);
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
  g_assert_null (answer);
}

static char *
cache_path_for (const char *url)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *name = g_strdup_printf ("rdap-bootstrap-%.16s.json", hash);

  return g_build_filename (g_get_user_cache_dir (), "certassist", name, NULL);
}

/* Downloaded once, then used from the cache while fresh. */
static void
test_bootstrap_cache (void)
{
  g_autoptr (CaTestRdapServer) registry = ca_test_rdap_server_new ();
  g_autoptr (CaTestRdapServer) iana = ca_test_rdap_server_new ();
  g_autofree char *bootstrap_url = ca_test_rdap_server_get_url (iana, "/rdap/dns.json");
  g_autofree char *base = ca_test_rdap_server_get_url (registry, "/rdap/");
  g_autofree char *json = g_strdup_printf ("{\"services\": [[[\"com\"], [\"%s\"]]]}", base);
  g_autofree char *cache = cache_path_for (bootstrap_url);
  g_autofree char *expires = g_strconcat (cache, ".expires", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  ca_test_rdap_server_add_text (iana, "/rdap/dns.json", 200, json);
  ca_test_rdap_server_add_header (iana, "/rdap/dns.json", "Cache-Control", "public, max-age=3600");
  ca_test_rdap_server_add_text (registry, "/rdap/domain/cached-1.com", 200, "{\"objectClassName\": \"domain\"}");

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr (CaRdapClient) client = ca_rdap_client_new (bootstrap_url);
      g_autoptr (CaRdapAnswer) answer = NULL;

      answer = lookup (client, "cached-1.com", &error);
      g_assert_no_error (error);
      g_assert_cmpint (answer->status, ==, CA_RDAP_STATUS_OK);
      g_assert_cmpuint (ca_test_rdap_server_get_n_requests (iana, "/rdap/dns.json"), ==, 1);
      g_assert_true (g_file_test (cache, G_FILE_TEST_EXISTS));
    }

  /* The server's max-age, not the default day, sets the expiry. */
  g_assert_true (g_file_get_contents (expires, &text, NULL, NULL));
  g_assert_cmpint (g_ascii_strtoll (text, NULL, 10), >, now);
  g_assert_cmpint (g_ascii_strtoll (text, NULL, 10), <, now + 24 * 60 * 60);
}

/* Stale and offline (nothing listens on the URL): the old copy still serves. */
static void
test_bootstrap_cache_offline (void)
{
  g_autoptr (CaTestRdapServer) registry = ca_test_rdap_server_new ();
  g_autofree char *base = ca_test_rdap_server_get_url (registry, "/rdap/");
  g_autofree char *json = g_strdup_printf ("{\"services\": [[[\"com\"], [\"%s\"]]]}", base);
  const char *offline_url = "http://127.0.0.1:1/rdap/dns.json";
  g_autofree char *cache = cache_path_for (offline_url);
  g_autofree char *dir = g_path_get_dirname (cache);
  g_autofree char *expires = g_strconcat (cache, ".expires", NULL);
  g_autoptr (CaRdapClient) client = ca_rdap_client_new (offline_url);
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  ca_test_rdap_server_add_text (registry, "/rdap/domain/cached-1.com", 200, "{\"objectClassName\": \"domain\"}");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (cache, json, -1, NULL));
  g_assert_true (g_file_set_contents (expires, "0\n", -1, NULL));

  answer = lookup (client, "cached-1.com", &error);
  g_assert_no_error (error);
  g_assert_cmpint (answer->status, ==, CA_RDAP_STATUS_OK);
}

/*
 * Deadlines and cancelling, against servers that never finish
 */

#define RDAP_HEAD "HTTP/1.1 200 OK\r\nContent-Type: application/rdap+json\r\nContent-Length: 1000000\r\n\r\n{"

/* A client whose bootstrap sends .com to the dripping server on @port. */
static CaRdapClient *
new_client_for_port (CaTestRdapServer *server,
                     guint16           port)
{
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (server, "/bootstrap/dns.json");
  g_autofree char *json = g_strdup_printf ("{\"version\": \"1.0\", \"services\": [[[\"com\"], [\"http://127.0.0.1:%u/\"]]]}",
                                           port);

  ca_test_rdap_server_add_text (server, "/bootstrap/dns.json", 200, json);
  return ca_rdap_client_new (bootstrap);
}

static void
assert_timed_out (CaRdapClient *client)
{
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  answer = lookup (client, "drip.com", &error);
  g_assert_null (answer);
  g_assert_error (error, CA_ERROR, CA_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "did not answer in time"));
}

/* A server that sends its headers, then a byte every 200 ms: no read ever idles, so
 * only the overall deadline ends the lookup (the body would take 55 hours). */
static void
test_drip_ends_at_deadline (void)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  guint16 port = 0;
  g_autoptr (CaTestDrip) drip = ca_test_drip_new (RDAP_HEAD, 200, &port);
  g_autoptr (CaRdapClient) client = new_client_for_port (server, port);

  ca_rdap_client_set_timeout (client, 2);
  assert_timed_out (client);
  g_assert_cmpuint (ca_test_drip_get_accepted (drip), ==, 1);
  g_assert_cmpuint (ca_test_drip_get_dripped (drip), >, 0);
}

/* A server that accepts and never says a word. */
static void
test_silent_ends_at_deadline (void)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  guint16 port = 0;
  g_autoptr (CaTestDrip) drip = ca_test_drip_new (NULL, 0, &port);
  g_autoptr (CaRdapClient) client = new_client_for_port (server, port);

  ca_rdap_client_set_timeout (client, 1);
  assert_timed_out (client);
  g_assert_cmpuint (ca_test_drip_get_accepted (drip), ==, 1);
}

/* Cancelled mid-answer, the lookup ends with G_IO_ERROR_CANCELLED, long before its
 * deadline (a minute, which the test would hit as a hang). */
static void
test_cancelled_mid_answer (void)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  guint16 port = 0;
  g_autoptr (CaTestDrip) drip = ca_test_drip_new (RDAP_HEAD, 100, &port);
  g_autoptr (CaRdapClient) client = new_client_for_port (server, port);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  ca_rdap_client_set_timeout (client, 60);
  ca_rdap_client_lookup_async (client, "drip.com", cancellable, ca_test_store_result_cb, &result);
  while (ca_test_drip_get_dripped (drip) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  answer = ca_rdap_client_lookup_finish (client, ca_test_wait_for_result (&result), &error);
  g_assert_null (answer);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/rdap/bootstrap/longest-match", test_bootstrap_longest_match);
  g_test_add_func ("/rdap/bootstrap/fixture-excerpt", test_bootstrap_fixture);
  g_test_add_func ("/rdap/bootstrap/malformed", test_bootstrap_malformed);
  g_test_add_func ("/rdap/bootstrap/cache", test_bootstrap_cache);
  g_test_add_func ("/rdap/bootstrap/cache-offline", test_bootstrap_cache_offline);
  g_test_add_func ("/rdap/bootstrap/http-public-refused", test_http_public_refused);
  g_test_add_func ("/rdap/lookup/registry-to-registrar", test_registry_to_registrar);
  g_test_add_func ("/rdap/lookup/related-public-not-followed", test_related_public_not_followed);
  g_test_add_func ("/rdap/lookup/related-loop", test_related_loop);
  g_test_add_func ("/rdap/lookup/related-depth", test_related_depth);
  g_test_add_func ("/rdap/lookup/not-found", test_not_found);
  g_test_add_func ("/rdap/lookup/rate-limited", test_rate_limited);
  g_test_add_func ("/rdap/lookup/rate-limited/retry-after-forms", test_rate_limited_retry_after_forms);
  g_test_add_func ("/rdap/lookup/no-service", test_no_service);
  g_test_add_func ("/rdap/lookup/too-large", test_too_large);
  g_test_add_func ("/rdap/lookup/redirect", test_redirect);
  g_test_add_func ("/rdap/deadline/drip", test_drip_ends_at_deadline);
  g_test_add_func ("/rdap/deadline/silent", test_silent_ends_at_deadline);
  g_test_add_func ("/rdap/deadline/cancelled-mid-answer", test_cancelled_mid_answer);

  return g_test_run ();
}
