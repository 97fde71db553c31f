/* test-validation-record.c: the DNS-validation CNAME on a real unbound
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ca-finding.h"
#include "ca-test-unbound.h"
#include "ca-test-util.h"
#include "ca-validation-record.h"

#define EXPECTED "_4567cdef.abcdefghij.acm-validations.aws."

static CaTestUnbound *server;

static CaValidationRecord *
run (const char *record_name,
     const char *expected,
     const char *zone)
{
  const char *forwarders[] = { ca_test_unbound_get_server (server), NULL };
  g_autoptr (CaDnsResolver) resolver = ca_dns_resolver_new (forwarders, FALSE, 10000);
  CaValidationRecord *record = ca_validation_record_new ("name.example", record_name, expected, zone);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  ca_validation_record_run_async (record, resolver, NULL, ca_test_store_result_cb, &result);
  ca_validation_record_run_finish (record, ca_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return record;
}

static char *
finding_ids (CaValidationRecord *record)
{
  g_autoptr (GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);

  ca_validation_record_add_findings (record, findings);
  return ca_test_finding_ids (findings);
}

static void
test_published (void)
{
  /* Case and the trailing dot do not matter. */
  g_autoptr (CaValidationRecord) record = run ("_0123ABCD.valid.example.", "_4567CDEF.abcdefghij.acm-validations.aws",
                                               "valid.example");
  g_autofree char *ids = finding_ids (record);

  g_assert_cmpint (ca_validation_record_get_state (record), ==, CA_VALIDATION_RECORD_PUBLISHED);
  g_assert_cmpstr (ca_validation_record_get_found (record), ==, "_4567cdef.abcdefghij.acm-validations.aws");
  g_assert_cmpuint (ca_validation_record_get_hops (record), ==, 1);
  g_assert_cmpstr (ids, ==, "");
}

static void
test_published_through_cname (void)
{
  g_autoptr (CaValidationRecord) record = run ("_0123abcd.delegated.example", EXPECTED, "delegated.example");

  g_assert_cmpint (ca_validation_record_get_state (record), ==, CA_VALIDATION_RECORD_PUBLISHED);
  g_assert_cmpuint (ca_validation_record_get_hops (record), ==, 2);
  g_assert_false (ca_validation_record_get_chain_too_long (record));
}

static void
test_wrong_value (void)
{
  g_autoptr (CaValidationRecord) record = run ("_0123abcd.wrong.example", EXPECTED, "wrong.example");
  g_autofree char *ids = finding_ids (record);

  g_assert_cmpint (ca_validation_record_get_state (record), ==, CA_VALIDATION_RECORD_WRONG_VALUE);
  g_assert_cmpstr (ca_validation_record_get_found (record), ==, "_0000ffff.abcdefghij.acm-validations.aws");
  g_assert_cmpstr (ids, ==, "dns_record_wrong_value");
}

static void
test_missing (void)
{
  g_autoptr (CaValidationRecord) record = run ("_0123abcd.missing.example", EXPECTED, "missing.example");
  g_autofree char *ids = finding_ids (record);

  g_assert_cmpint (ca_validation_record_get_state (record), ==, CA_VALIDATION_RECORD_MISSING);
  g_assert_null (ca_validation_record_get_found (record));
  g_assert_cmpstr (ids, ==, "dns_record_missing");
}

static void
test_chain_too_long (void)
{
  g_autoptr (CaValidationRecord) record = run ("_0123abcd.chain.example", EXPECTED, "chain.example");
  g_autofree char *ids = finding_ids (record);

  /* Seven CNAMEs reach the value; ACM gives up after five. */
  g_assert_cmpint (ca_validation_record_get_state (record), ==, CA_VALIDATION_RECORD_PUBLISHED);
  g_assert_cmpuint (ca_validation_record_get_hops (record), ==, 7);
  g_assert_true (ca_validation_record_get_chain_too_long (record));
  g_assert_cmpstr (ids, ==, "dns_cname_chain_too_long");
}

/* acm-rules.md §6: "> 5 chained CNAMEs fail". Entering the fixture's chain further down
 * gives exactly five hops (hop2 → … → the value) and exactly six (hop1 → …). */
static void
test_chain_five_and_six_hops (void)
{
  g_autoptr (CaValidationRecord) five = run ("hop2.chain.example", EXPECTED, "chain.example");
  g_autoptr (CaValidationRecord) six = run ("hop1.chain.example", EXPECTED, "chain.example");
  g_autofree char *five_ids = finding_ids (five);
  g_autofree char *six_ids = finding_ids (six);

  g_assert_cmpint (ca_validation_record_get_state (five), ==, CA_VALIDATION_RECORD_PUBLISHED);
  g_assert_cmpuint (ca_validation_record_get_hops (five), ==, 5);
  g_assert_false (ca_validation_record_get_chain_too_long (five));
  g_assert_cmpstr (five_ids, ==, "");
  g_assert_cmpint (ca_validation_record_get_state (six), ==, CA_VALIDATION_RECORD_PUBLISHED);
  g_assert_cmpuint (ca_validation_record_get_hops (six), ==, 6);
  g_assert_true (ca_validation_record_get_chain_too_long (six));
  g_assert_cmpstr (six_ids, ==, "dns_cname_chain_too_long");
}

static void
test_name_doubled (void)
{
  g_autoptr (CaValidationRecord) record = run ("_0123abcd.doubled.example", EXPECTED, "doubled.example");
  g_autofree char *ids = finding_ids (record);

  g_assert_cmpint (ca_validation_record_get_state (record), ==, CA_VALIDATION_RECORD_MISSING);
  g_assert_true (ca_validation_record_get_name_doubled (record));
  g_assert_cmpstr (ids, ==, "dns_record_name_doubled");
}

static void
test_servfail (void)
{
  g_autoptr (CaValidationRecord) record = run ("_0123abcd.servfail.example", EXPECTED, "servfail.example");
  g_autofree char *ids = finding_ids (record);

  g_assert_cmpstr (ids, ==, "dns_record_lookup_failed");
  g_assert_cmpint (ca_validation_record_get_state (record), ==, CA_VALIDATION_RECORD_LOOKUP_FAILED);
  g_assert_nonnull (g_strstr_len (ca_validation_record_get_error (record), -1, "SERVFAIL"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  ca_test_init (&argc, &argv);
  server = ca_test_unbound_start ();

  g_test_add_func ("/validation-record/published", test_published);
  g_test_add_func ("/validation-record/published-through-cname", test_published_through_cname);
  g_test_add_func ("/validation-record/wrong-value", test_wrong_value);
  g_test_add_func ("/validation-record/missing", test_missing);
  g_test_add_func ("/validation-record/chain-too-long", test_chain_too_long);
  g_test_add_func ("/validation-record/chain-five-and-six-hops", test_chain_five_and_six_hops);
  g_test_add_func ("/validation-record/name-doubled", test_name_doubled);
  g_test_add_func ("/validation-record/servfail", test_servfail);

  status = g_test_run ();
  ca_test_unbound_stop (server);
  return status;
}
