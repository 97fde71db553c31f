/* test-caa.c: the CAA verdict for Amazon and the RFC 8659 climb on a real unbound
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-caa-report.h"
#include "ca-caa.h"
#include "ca-finding.h"
#include "ca-test-unbound.h"
#include "ca-test-util.h"

static CaTestUnbound *server;

static GPtrArray *
make_set (const char *first_flags_tag_value,
          ...)
{
  GPtrArray *set = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_dns_record_free);
  va_list args;

  /* Each argument: "FLAGS TAG VALUE", the value may hold spaces. */
  va_start (args, first_flags_tag_value);
  for (const char *spec = first_flags_tag_value; spec != NULL; spec = va_arg (args, const char *))
    {
      g_auto (GStrv) parts = g_strsplit (spec, " ", 3);
      CaDnsRecord *record = g_new0 (CaDnsRecord, 1);

      record->type = CA_DNS_TYPE_CAA;
      record->flags = (guint8) g_ascii_strtoull (parts[0], NULL, 10);
      record->tag = g_strdup (parts[1]);
      record->value = g_strdup (parts[2] != NULL ? parts[2] : "");
      g_ptr_array_add (set, record);
    }
  va_end (args);
  return set;
}

static void
assert_verdict (GPtrArray *set,
                gboolean   plain,
                gboolean   wildcard,
                gboolean   critical)
{
  CaCaaVerdict verdict;

  ca_caa_evaluate (set, &verdict);
  g_assert_cmpint (verdict.allows_amazon, ==, plain);
  g_assert_cmpint (verdict.allows_amazon_wildcard, ==, wildcard);
  g_assert_cmpint (verdict.critical_unknown, ==, critical);
  if (set != NULL)
    g_ptr_array_unref (set);
}

static void
test_evaluate (void)
{
  assert_verdict (NULL, TRUE, TRUE, FALSE);
  assert_verdict (make_set ("0 issue amazon.com", NULL), TRUE, TRUE, FALSE);
  assert_verdict (make_set ("0 issue AmazonAWS.COM", NULL), TRUE, TRUE, FALSE);
  assert_verdict (make_set ("0 issue awstrust.com; account=1", NULL), TRUE, TRUE, FALSE);
  assert_verdict (make_set ("0 issue  amazontrust.com ;x=y", NULL), TRUE, TRUE, FALSE);
  assert_verdict (make_set ("0 issue letsencrypt.org", NULL), FALSE, FALSE, FALSE);
  assert_verdict (make_set ("0 issue letsencrypt.org", "0 issue amazon.com", NULL), TRUE, TRUE, FALSE);
  /* "amazon.com.evil" and "notamazon.com" are not Amazon. */
  assert_verdict (make_set ("0 issue amazon.com.evil", "0 issue notamazon.com", NULL), FALSE, FALSE, FALSE);
  /* An empty issuer forbids every CA. */
  assert_verdict (make_set ("0 issue ;", NULL), FALSE, FALSE, FALSE);
  assert_verdict (make_set ("0 issue", NULL), FALSE, FALSE, FALSE);
  /* Only iodef: no restriction on issuance. */
  assert_verdict (make_set ("0 iodef mailto:x@example.com", NULL), TRUE, TRUE, FALSE);
  /* issuewild replaces issue for wildcards, in both directions. */
  assert_verdict (make_set ("0 issue amazon.com", "0 issuewild letsencrypt.org", NULL), TRUE, FALSE, FALSE);
  assert_verdict (make_set ("0 issue letsencrypt.org", "0 issuewild amazon.com", NULL), FALSE, TRUE, FALSE);
  assert_verdict (make_set ("0 issuewild ;", NULL), TRUE, FALSE, FALSE);
  /* Unknown tags: harmless unless critical; known tags stay harmless when critical. */
  assert_verdict (make_set ("0 tbs x", "0 issue amazon.com", NULL), TRUE, TRUE, FALSE);
  assert_verdict (make_set ("128 tbs x", "0 issue amazon.com", NULL), FALSE, FALSE, TRUE);
  assert_verdict (make_set ("128 issue amazon.com", NULL), TRUE, TRUE, FALSE);
}

static void
test_issuer_domain (void)
{
  g_autofree char *plain = ca_caa_get_issuer_domain ("Amazon.com");
  g_autofree char *params = ca_caa_get_issuer_domain (" amazon.com ; account=1");
  g_autofree char *empty = ca_caa_get_issuer_domain (";");

  g_assert_cmpstr (plain, ==, "amazon.com");
  g_assert_cmpstr (params, ==, "amazon.com");
  g_assert_cmpstr (empty, ==, "");
}

static CaCaaReport *
run_with (CaDnsResolver *resolver,
          const char    *name)
{
  CaCaaReport *report = ca_caa_report_new (name);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  ca_caa_report_run_async (report, resolver, NULL, ca_test_store_result_cb, &result);
  ca_caa_report_run_finish (report, ca_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return report;
}

static CaCaaReport *
run (const char *name)
{
  const char *forwarders[] = { ca_test_unbound_get_server (server), NULL };
  g_autoptr (CaDnsResolver) resolver = ca_dns_resolver_new (forwarders, FALSE, 10000);

  return run_with (resolver, name);
}

/* unbound hands out the records of a set in turn; the report always in one order. */
static void
test_sorted (void)
{
  for (guint round = 0; round < 4; round++)
    {
      g_autoptr (CaCaaReport) report = run ("caa-wild.example");
      GPtrArray *records = ca_caa_report_get_records (report);

      g_assert_cmpuint (records->len, ==, 2);
      for (guint i = 1; i < records->len; i++)
        {
          g_autofree char *before = ca_dns_record_to_string (g_ptr_array_index (records, i - 1));
          g_autofree char *after = ca_dns_record_to_string (g_ptr_array_index (records, i));

          g_assert_cmpstr (before, <, after);
        }
    }
}

static char *
finding_ids (CaCaaReport *report)
{
  g_autoptr (GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);

  ca_caa_report_add_findings (report, findings);
  return ca_test_finding_ids (findings);
}

static void
assert_report (const char *name,
               const char *relevant_domain,
               guint       n_records,
               gboolean    plain,
               gboolean    wildcard,
               const char *ids)
{
  g_autoptr (CaCaaReport) report = run (name);
  g_autofree char *found_ids = finding_ids (report);

  g_test_message ("%s", name);
  g_assert_cmpint (ca_caa_report_get_state (report), ==, CA_CHECK_STATE_DONE);
  g_assert_cmpstr (ca_caa_report_get_relevant_domain (report), ==, relevant_domain);
  g_assert_cmpuint (ca_caa_report_get_records (report)->len, ==, n_records);
  g_assert_cmpint (ca_caa_report_get_allows_amazon (report), ==, plain);
  g_assert_cmpint (ca_caa_report_get_allows_amazon_wildcard (report), ==, wildcard);
  g_assert_cmpstr (found_ids, ==, ids);
}

static void
test_allowing (void)
{
  assert_report ("caa-amazon.example", "caa-amazon.example", 2, TRUE, TRUE, "");
}

static void
test_forbidding (void)
{
  assert_report ("www.caa-other.example", "caa-other.example", 1, FALSE, FALSE, "caa_forbids_amazon");
  assert_report ("caa-empty.example", "caa-empty.example", 1, FALSE, FALSE, "caa_forbids_amazon");
}

static void
test_only_on_parent (void)
{
  assert_report ("a.b.sub.caa-amazon.example", "caa-amazon.example", 2, TRUE, TRUE, "");
}

static void
test_no_caa (void)
{
  assert_report ("www.good.example", "good.example", 1, TRUE, TRUE, "");
  assert_report ("multi-mx.example", NULL, 0, TRUE, TRUE, "");
}

static void
test_issuewild (void)
{
  assert_report ("caa-wild.example", "caa-wild.example", 2, TRUE, FALSE, "");
  /* A wildcard looks its CAA up at the base name (RFC 8659 §3). */
  assert_report ("*.caa-wild.example", "caa-wild.example", 2, TRUE, FALSE, "caa_issuewild_forbids_amazon");
  assert_report ("*.caa-other.example", "caa-other.example", 1, FALSE, FALSE, "caa_forbids_amazon");
  /* For a wildcard, issuewild decides (RFC 8659 §4.3): an issue without Amazon does not forbid it. */
  assert_report ("*.caa-wildonly.example", "caa-wildonly.example", 2, FALSE, TRUE, "");
  assert_report ("caa-wildonly.example", "caa-wildonly.example", 2, FALSE, TRUE, "caa_forbids_amazon");
}

static void
test_behind_cname (void)
{
  /* The alias's target has a set forbidding Amazon; it wins over the parent's. */
  assert_report ("alias.caa-cname.example", "alias.caa-cname.example", 1, FALSE, FALSE, "caa_forbids_amazon");
  assert_report ("other.caa-cname.example", "caa-cname.example", 1, TRUE, TRUE, "");
}

static void
test_critical_unknown (void)
{
  assert_report ("caa-critical.example", "caa-critical.example", 2, FALSE, FALSE, "caa_critical_unknown");
}

static void
test_idn (void)
{
  assert_report ("www.xn--bcher-kva.example", "xn--bcher-kva.example", 1, TRUE, TRUE, "");
}

/* RFC 8659 §3 climbs up to, not including, the root: the TLD's own set counts. */
static void
test_tld (void)
{
  assert_report ("shop.tld-caa.caatld", "caatld", 1, FALSE, FALSE, "caa_forbids_amazon");
  assert_report ("*.tld-caa.caatld", "caatld", 1, FALSE, FALSE, "caa_forbids_amazon");
}

/* Validated against an anchor for .example, which the fixtures do not sign:
 * every answer below it is bogus. A CA that validates would refuse, so a
 * bogus answer is a failed lookup, never "no CAA records, Amazon may issue". */
static void
test_bogus (void)
{
  g_autoptr (CaDnsResolver) resolver = ca_test_unbound_create_anchored_resolver (server, "example-anchor.ds");
  g_autoptr (CaCaaReport) without_set = run_with (resolver, "multi-mx.example");
  g_autoptr (CaCaaReport) with_set = run_with (resolver, "caa-amazon.example");
  g_autofree char *without_ids = finding_ids (without_set);
  g_autofree char *with_ids = finding_ids (with_set);

  g_assert_cmpint (ca_caa_report_get_state (without_set), ==, CA_CHECK_STATE_FAILED);
  g_assert_false (ca_caa_report_get_allows_amazon (without_set));
  g_assert_true (ca_caa_report_get_bogus (without_set));
  g_assert_nonnull (strstr (ca_caa_report_get_error (without_set), "failed DNSSEC validation"));
  g_assert_cmpstr (without_ids, ==, "caa_lookup_failed");
  g_assert_cmpint (ca_caa_report_get_state (with_set), ==, CA_CHECK_STATE_FAILED);
  g_assert_cmpstr (with_ids, ==, "caa_lookup_failed");
}

/* A record the parser cannot read could be the one that forbids Amazon: the
 * lookup failed, never "no CAA records, Amazon may issue" (from the parent). */
static void
test_malformed (void)
{
  g_autoptr (CaCaaReport) report = run ("caa-malformed.example");
  g_autofree char *ids = finding_ids (report);

  g_assert_cmpint (ca_caa_report_get_state (report), ==, CA_CHECK_STATE_FAILED);
  g_assert_false (ca_caa_report_get_allows_amazon (report));
  g_assert_false (ca_caa_report_get_allows_amazon_wildcard (report));
  g_assert_nonnull (strstr (ca_caa_report_get_error (report), "cannot be read"));
  g_assert_cmpstr (ids, ==, "caa_lookup_failed");
}

static void
test_servfail (void)
{
  g_autoptr (CaCaaReport) report = run ("www.servfail.example");
  g_autofree char *ids = finding_ids (report);

  g_assert_cmpint (ca_caa_report_get_state (report), ==, CA_CHECK_STATE_FAILED);
  g_assert_false (ca_caa_report_get_allows_amazon (report));
  g_assert_null (ca_caa_report_get_relevant_domain (report));
  g_assert_cmpstr (ids, ==, "caa_lookup_failed");
}

int
main (int    argc,
      char **argv)
{
  int status;

  ca_test_init (&argc, &argv);
  server = ca_test_unbound_start ();

  g_test_add_func ("/caa/evaluate", test_evaluate);
  g_test_add_func ("/caa/sorted", test_sorted);
  g_test_add_func ("/caa/issuer-domain", test_issuer_domain);
  g_test_add_func ("/caa/allowing", test_allowing);
  g_test_add_func ("/caa/forbidding", test_forbidding);
  g_test_add_func ("/caa/only-on-parent", test_only_on_parent);
  g_test_add_func ("/caa/no-caa", test_no_caa);
  g_test_add_func ("/caa/issuewild", test_issuewild);
  g_test_add_func ("/caa/behind-cname", test_behind_cname);
  g_test_add_func ("/caa/critical-unknown", test_critical_unknown);
  g_test_add_func ("/caa/idn", test_idn);
  g_test_add_func ("/caa/servfail", test_servfail);
  g_test_add_func ("/caa/malformed", test_malformed);
  g_test_add_func ("/caa/tld", test_tld);
  g_test_add_func ("/caa/bogus", test_bogus);

  status = g_test_run ();
  ca_test_unbound_stop (server);
  return status;
}
