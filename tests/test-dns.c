/* test-dns.c: CaDnsResolver against a real unbound on 127.0.0.1
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ca-dns.h"
#include "ca-error.h"
#include "ca-test-unbound.h"
#include "ca-test-util.h"

static CaTestUnbound *server;

typedef struct
{
  gboolean     done;
  CaDnsAnswer *answer;
  GError      *error;
} Result;

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->answer = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, &r->error);
  r->done = TRUE;
}

static CaDnsResolver *
fixture_resolver (void)
{
  const char *forwarders[] = { ca_test_unbound_get_server (server), NULL };

  return ca_dns_resolver_new (forwarders, FALSE, 10000);
}

static CaDnsAnswer *
lookup (CaDnsResolver *resolver,
        const char    *name,
        CaDnsType      type)
{
  Result r = { 0 };

  ca_dns_resolver_lookup_async (resolver, name, type, NULL, lookup_cb, &r);
  ca_test_wait_for (&r.done);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.answer);
  return r.answer;
}

static const char *
record_target (CaDnsAnswer *answer,
               guint        i)
{
  return ((CaDnsRecord *) g_ptr_array_index (ca_dns_answer_get_records (answer), i))->target;
}

static void
test_bracketed_forwarder (void)
{
  g_autofree char *bracketed = g_strdup_printf ("[127.0.0.1]@%u", ca_test_unbound_get_port (server));
  const char *forwarders[] = { bracketed, NULL };
  g_autoptr (CaDnsResolver) resolver = ca_dns_resolver_new (forwarders, FALSE, 10000);
  g_autoptr (CaDnsAnswer) answer = lookup (resolver, "good.example", CA_DNS_TYPE_MX);

  g_assert_cmpuint (ca_dns_answer_get_records (answer)->len, ==, 2);
}

static void
test_mx (void)
{
  g_autoptr (CaDnsResolver) resolver = fixture_resolver ();
  g_autoptr (CaDnsAnswer) answer = lookup (resolver, "multi-mx.example", CA_DNS_TYPE_MX);
  GPtrArray *records = ca_dns_answer_get_records (answer);
  g_autoptr (GPtrArray) hosts = g_ptr_array_new ();

  g_assert_cmpint (ca_dns_answer_get_rcode (answer), ==, CA_DNS_RCODE_NOERROR);
  g_assert_cmpint (ca_dns_answer_get_security (answer), ==, CA_DNS_SECURITY_UNCHECKED);
  g_assert_cmpuint (records->len, ==, 4);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (hosts, (gpointer) record_target (answer, i));
  g_ptr_array_add (hosts, NULL);
  /* Parsed from the rdata, lower-cased, without the trailing dot. */
  g_assert_true (g_strv_contains ((const char * const *) hosts->pdata, "mxa.multi-mx.example"));
  g_assert_true (g_strv_contains ((const char * const *) hosts->pdata, "mx4.multi-mx.example"));
  g_assert_false (ca_dns_answer_is_alias (answer));
}

static void
test_cname_followed (void)
{
  g_autoptr (CaDnsResolver) resolver = fixture_resolver ();
  g_autoptr (CaDnsAnswer) answer = lookup (resolver, "Mail.MX-cname.example.", CA_DNS_TYPE_A);
  CaDnsRecord *record;

  g_assert_cmpstr (ca_dns_answer_get_qname (answer), ==, "mail.mx-cname.example");
  g_assert_cmpstr (ca_dns_answer_get_canonical_name (answer), ==, "real.mx-cname.example");
  g_assert_true (ca_dns_answer_is_alias (answer));
  g_assert_cmpuint (ca_dns_answer_get_records (answer)->len, ==, 1);
  record = g_ptr_array_index (ca_dns_answer_get_records (answer), 0);
  g_assert_cmpstr (record->value, ==, "192.0.2.50");
}

static void
test_cname_type (void)
{
  g_autoptr (CaDnsResolver) resolver = fixture_resolver ();
  g_autoptr (CaDnsAnswer) answer = lookup (resolver, "mail.mx-cname.example", CA_DNS_TYPE_CNAME);

  g_assert_cmpuint (ca_dns_answer_get_records (answer)->len, ==, 1);
  g_assert_cmpstr (record_target (answer, 0), ==, "real.mx-cname.example");
}

static void
test_caa_txt_aaaa (void)
{
  g_autoptr (CaDnsResolver) resolver = fixture_resolver ();
  g_autoptr (CaDnsAnswer) caa = lookup (resolver, "caa-wild.example", CA_DNS_TYPE_CAA);
  g_autoptr (CaDnsAnswer) txt = lookup (resolver, "nomx.example", CA_DNS_TYPE_TXT);
  g_autoptr (CaDnsAnswer) aaaa = lookup (resolver, "mx2.good.example", CA_DNS_TYPE_AAAA);
  gboolean seen_issuewild = FALSE;

  g_assert_cmpuint (ca_dns_answer_get_records (caa)->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      CaDnsRecord *record = g_ptr_array_index (ca_dns_answer_get_records (caa), i);

      if (g_str_equal (record->tag, "issuewild"))
        {
          seen_issuewild = TRUE;
          g_assert_cmpstr (record->value, ==, "letsencrypt.org");
        }
      else
        g_assert_cmpstr (record->value, ==, "amazontrust.com; account=123");
    }
  g_assert_true (seen_issuewild);
  g_assert_cmpstr (((CaDnsRecord *) g_ptr_array_index (ca_dns_answer_get_records (txt), 0))->value, ==, "v=spf1 -all");
  g_assert_cmpstr (((CaDnsRecord *) g_ptr_array_index (ca_dns_answer_get_records (aaaa), 0))->value, ==, "2001:db8::12");
}

static void
test_nxdomain_and_nodata (void)
{
  g_autoptr (CaDnsResolver) resolver = fixture_resolver ();
  g_autoptr (CaDnsAnswer) nxdomain = lookup (resolver, "nothing.example", CA_DNS_TYPE_MX);
  g_autoptr (CaDnsAnswer) nodata = lookup (resolver, "nomx.example", CA_DNS_TYPE_MX);

  g_assert_cmpint (ca_dns_answer_get_rcode (nxdomain), ==, CA_DNS_RCODE_NXDOMAIN);
  g_assert_cmpuint (ca_dns_answer_get_records (nxdomain)->len, ==, 0);
  g_assert_false (ca_dns_answer_is_failure (nxdomain));
  g_assert_cmpint (ca_dns_answer_get_rcode (nodata), ==, CA_DNS_RCODE_NOERROR);
  g_assert_cmpuint (ca_dns_answer_get_records (nodata)->len, ==, 0);
}

static void
test_servfail (void)
{
  g_autoptr (CaDnsResolver) resolver = fixture_resolver ();
  g_autoptr (CaDnsAnswer) answer = lookup (resolver, "servfail.example", CA_DNS_TYPE_MX);

  g_assert_cmpint (ca_dns_answer_get_rcode (answer), ==, CA_DNS_RCODE_SERVFAIL);
  g_assert_true (ca_dns_answer_is_failure (answer));
  g_assert_cmpuint (ca_dns_answer_get_records (answer)->len, ==, 0);
}

static void
test_idn (void)
{
  g_autoptr (CaDnsResolver) resolver = fixture_resolver ();
  g_autoptr (CaDnsAnswer) answer = lookup (resolver, "xn--bcher-kva.example", CA_DNS_TYPE_MX);

  g_assert_cmpuint (ca_dns_answer_get_records (answer)->len, ==, 1);
  g_assert_cmpstr (record_target (answer, 0), ==, "mx.xn--bcher-kva.example");
}

static void
test_timeout (void)
{
  g_autoptr (CaTestBlackhole) hole = ca_test_blackhole_new ();
  const char *forwarders[] = { ca_test_blackhole_get_server (hole), NULL };
  g_autoptr (CaDnsResolver) resolver = ca_dns_resolver_new (forwarders, FALSE, 300);
  Result r = { 0 };

  ca_dns_resolver_lookup_async (resolver, "good.example", CA_DNS_TYPE_MX, NULL, lookup_cb, &r);
  ca_test_wait_for (&r.done);
  g_assert_error (r.error, CA_ERROR, CA_ERROR_TIMEOUT);
  g_assert_null (r.answer);
  g_clear_error (&r.error);
}

static void
test_closed_port (void)
{
  g_autofree char *dead = g_strdup_printf ("127.0.0.1@%u", ca_test_get_closed_port ());
  const char *forwarders[] = { dead, NULL };
  g_autoptr (CaDnsResolver) resolver = ca_dns_resolver_new (forwarders, FALSE, 1500);
  Result r = { 0 };

  /* Refused or silent, the lookup ends by its deadline with no data. */
  ca_dns_resolver_lookup_async (resolver, "good.example", CA_DNS_TYPE_MX, NULL, lookup_cb, &r);
  ca_test_wait_for (&r.done);
  if (r.error != NULL)
    g_assert_error (r.error, CA_ERROR, CA_ERROR_TIMEOUT);
  else
    g_assert_true (ca_dns_answer_is_failure (r.answer));
  g_clear_error (&r.error);
  g_clear_object (&r.answer);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_in_flight (void)
{
  g_autoptr (CaTestBlackhole) hole = ca_test_blackhole_new ();
  const char *forwarders[] = { ca_test_blackhole_get_server (hole), NULL };
  g_autoptr (CaDnsResolver) resolver = ca_dns_resolver_new (forwarders, FALSE, 60000);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };
  Result after = { 0 };

  ca_dns_resolver_lookup_async (resolver, "good.example", CA_DNS_TYPE_MX, cancellable, lookup_cb, &r);
  g_idle_add (cancel_cb, cancellable);
  ca_test_wait_for (&r.done);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);

  /* A cancelled cancellable fails new lookups at once. */
  ca_dns_resolver_lookup_async (resolver, "good.example", CA_DNS_TYPE_A, cancellable, lookup_cb, &after);
  ca_test_wait_for (&after.done);
  g_assert_error (after.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&after.error);
}

static void
test_many_at_once (void)
{
  g_autoptr (CaDnsResolver) resolver = fixture_resolver ();
  Result results[40] = { { 0 } };

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    ca_dns_resolver_lookup_async (resolver, i % 2 ? "good.example" : "multi-mx.example",
                                  CA_DNS_TYPE_MX, NULL, lookup_cb, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      ca_test_wait_for (&results[i].done);
      g_assert_no_error (results[i].error);
      g_assert_cmpuint (ca_dns_answer_get_records (results[i].answer)->len, ==, i % 2 ? 2 : 4);
      g_clear_object (&results[i].answer);
    }
}

/* The fixture serves no DNSSEC data, so against the real root trust anchor every
 * answer is bogus: a real validation failure, with its data still handed over. */
static void
test_bogus (void)
{
  const char *forwarders[] = { ca_test_unbound_get_server (server), NULL };
  g_autoptr (CaDnsResolver) resolver = NULL;
  g_autoptr (CaDnsAnswer) answer = NULL;

  if (!g_file_test ("/usr/share/dns/root.key", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no root trust anchor (Debian package dns-root-data)");
      return;
    }

  resolver = ca_dns_resolver_new (forwarders, TRUE, 10000);
  answer = lookup (resolver, "good.example", CA_DNS_TYPE_MX);
  g_assert_true (ca_dns_resolver_is_validating (resolver));
  g_assert_cmpint (ca_dns_answer_get_security (answer), ==, CA_DNS_SECURITY_BOGUS);
  g_assert_true (ca_dns_answer_is_bogus (answer));
  g_assert_nonnull (ca_dns_answer_get_why_bogus (answer));
  g_assert_cmpuint (ca_dns_answer_get_records (answer)->len, ==, 2);
}

/* The caller may drop the resolver while lookups run: the last answer then
 * finalizes it from inside libunbound's dispatch. */
static void
test_drop_resolver_in_flight (void)
{
  CaDnsResolver *resolver = fixture_resolver ();
  GWeakRef weak;
  Result r = { 0 };

  g_weak_ref_init (&weak, resolver);
  ca_dns_resolver_lookup_async (resolver, "good.example", CA_DNS_TYPE_MX, NULL, lookup_cb, &r);
  g_object_unref (resolver);
  ca_test_wait_for (&r.done);
  g_assert_no_error (r.error);
  g_assert_cmpuint (ca_dns_answer_get_records (r.answer)->len, ==, 2);
  g_clear_object (&r.answer);
  /* The task let go of it; one more iteration finishes the dispatch. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
}

static void
test_check_server (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ca_dns_check_server ("127.0.0.1", NULL));
  g_assert_true (ca_dns_check_server ("127.0.0.1@5353", NULL));
  g_assert_true (ca_dns_check_server ("::1@53", NULL));
  g_assert_true (ca_dns_check_server ("[::1]@53", NULL));
  g_assert_true (ca_dns_check_server ("[2001:db8::1]", NULL));
  g_assert_false (ca_dns_check_server ("[127.0.0.1", NULL));
  g_assert_false (ca_dns_check_server ("[]", NULL));
  g_assert_false (ca_dns_check_server ("127.0.0.1@0", NULL));
  g_assert_false (ca_dns_check_server ("127.0.0.1@65536", NULL));
  g_assert_false (ca_dns_check_server ("127.0.0.1@", NULL));
  g_assert_false (ca_dns_check_server ("dns.example", &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
}

static void
test_bad_forwarder_fails_lookup (void)
{
  const char *forwarders[] = { "not-an-address", NULL };
  g_autoptr (CaDnsResolver) resolver = ca_dns_resolver_new (forwarders, FALSE, 1000);
  Result r = { 0 };

  ca_dns_resolver_lookup_async (resolver, "good.example", CA_DNS_TYPE_MX, NULL, lookup_cb, &r);
  ca_test_wait_for (&r.done);
  g_assert_error (r.error, CA_ERROR, CA_ERROR_INVALID_INPUT);
  g_clear_error (&r.error);
}

int
main (int    argc,
      char **argv)
{
  int status;

  ca_test_init (&argc, &argv);
  server = ca_test_unbound_start ();

  g_test_add_func ("/dns/mx", test_mx);
  g_test_add_func ("/dns/bracketed-forwarder", test_bracketed_forwarder);
  g_test_add_func ("/dns/cname-followed", test_cname_followed);
  g_test_add_func ("/dns/cname-type", test_cname_type);
  g_test_add_func ("/dns/caa-txt-aaaa", test_caa_txt_aaaa);
  g_test_add_func ("/dns/nxdomain-and-nodata", test_nxdomain_and_nodata);
  g_test_add_func ("/dns/servfail", test_servfail);
  g_test_add_func ("/dns/idn", test_idn);
  g_test_add_func ("/dns/timeout", test_timeout);
  g_test_add_func ("/dns/closed-port", test_closed_port);
  g_test_add_func ("/dns/cancel-in-flight", test_cancel_in_flight);
  g_test_add_func ("/dns/many-at-once", test_many_at_once);
  g_test_add_func ("/dns/bogus", test_bogus);
  g_test_add_func ("/dns/drop-resolver-in-flight", test_drop_resolver_in_flight);
  g_test_add_func ("/dns/check-server", test_check_server);
  g_test_add_func ("/dns/bad-forwarder", test_bad_forwarder_fails_lookup);

  status = g_test_run ();
  ca_test_unbound_stop (server);
  return status;
}
