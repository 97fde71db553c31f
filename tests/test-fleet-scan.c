/* test-fleet-scan.c: the action and the deadline of each kind of certificate (contract.md, `scan`)
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scan across regions runs in tests/test-cli-fleet.c against the fake ACM;
 * here the rule alone, for every status and type, with expiries on both sides
 * of the end of email renewals.
 */

#include "config.h"

#include "ca-acm-domain-validation.h"
#include "ca-fleet-scan.h"
#include "ca-test-util.h"

#define ARN "arn:aws:acm:eu-west-2:123456789012:certificate/f1ee7000-0001-4000-8000-000000000001"

/* A DescribeCertificate answer; @not_after in epoch seconds, 0 for none. */
static CaAcmCertificate *
certificate_new (const char *status,
                 const char *type,
                 const char *method,
                 double      not_after)
{
  g_autoptr (JsonObject) detail = json_object_new ();
  g_autoptr (GError) error = NULL;
  CaAcmCertificate *certificate;

  json_object_set_string_member (detail, "CertificateArn", ARN);
  json_object_set_string_member (detail, "DomainName", "fleet.example.com");
  json_object_set_string_member (detail, "Status", status);
  json_object_set_string_member (detail, "Type", type);
  if (not_after > 0)
    json_object_set_double_member (detail, "NotAfter", not_after);
  if (method != NULL)
    {
      JsonArray *options = json_array_new ();
      JsonObject *option = json_object_new ();

      json_object_set_string_member (option, "DomainName", "fleet.example.com");
      json_object_set_string_member (option, "ValidationMethod", method);
      json_object_set_string_member (option, "ValidationStatus", "SUCCESS");
      json_array_add_object_element (options, option);
      json_object_set_array_member (detail, "DomainValidationOptions", options);
    }
  certificate = ca_acm_certificate_new_from_json (detail, &error);
  g_assert_no_error (error);
  return certificate;
}

static void
assert_rule (CaAcmCertificate *certificate,
             GPtrArray        *migration,
             CaFleetAction     action,
             const char       *deadline)
{
  g_autoptr (GDateTime) found = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpstr (ca_fleet_action_to_string (ca_fleet_action_for (certificate, migration)), ==,
                   ca_fleet_action_to_string (action));
  found = ca_fleet_deadline_for (certificate, action);
  text = found != NULL ? g_date_time_format (found, "%Y-%m-%d") : NULL;
  g_assert_cmpstr (text, ==, deadline);
}

static void
test_issued_by_email (void)
{
  /* 2027-01-05 and 2028-01-05, 12:00 UTC */
  g_autoptr (CaAcmCertificate) soon = certificate_new ("ISSUED", "AMAZON_ISSUED", "EMAIL", 1799150400);
  g_autoptr (CaAcmCertificate) late = certificate_new ("ISSUED", "AMAZON_ISSUED", "EMAIL", 1830686400);

  /* The expiry binds when it comes before the end of email renewals. */
  assert_rule (soon, NULL, CA_FLEET_ACTION_MIGRATE, "2027-01-05");
  assert_rule (late, NULL, CA_FLEET_ACTION_MIGRATE, CA_FLEET_NO_EMAIL_RENEWAL_DATE);
}

static void
test_migration_running (void)
{
  g_autoptr (CaAcmCertificate) certificate = certificate_new ("ISSUED", "AMAZON_ISSUED", "EMAIL", 1830686400);
  g_autoptr (GPtrArray) migration = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) none_requested = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (JsonNode) summary = json_from_string (
    "{\"DomainName\": \"fleet.example.com\","
    " \"ActiveValidationConfiguration\": {\"ValidationMethod\": \"EMAIL\", \"ValidationStatus\": \"SUCCESS\"},"
    " \"RequestedValidationConfiguration\": {\"ValidationMethod\": \"DNS\", \"ValidationStatus\": \"PENDING_VALIDATION\"}}",
    NULL);
  g_autoptr (JsonNode) active_only = json_from_string (
    "{\"DomainName\": \"fleet.example.com\","
    " \"ActiveValidationConfiguration\": {\"ValidationMethod\": \"EMAIL\", \"ValidationStatus\": \"SUCCESS\"}}",
    NULL);

  g_ptr_array_add (migration, ca_acm_domain_validation_new_from_summary (json_node_get_object (summary)));
  g_ptr_array_add (none_requested, ca_acm_domain_validation_new_from_summary (json_node_get_object (active_only)));
  assert_rule (certificate, migration, CA_FLEET_ACTION_IN_PROGRESS, CA_FLEET_NO_EMAIL_RENEWAL_DATE);
  assert_rule (certificate, none_requested, CA_FLEET_ACTION_MIGRATE, CA_FLEET_NO_EMAIL_RENEWAL_DATE);
}

static void
test_never_issued (void)
{
  const char *statuses[] = { "PENDING_VALIDATION", "VALIDATION_TIMED_OUT", "FAILED" };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr (CaAcmCertificate) certificate = certificate_new (statuses[i], "AMAZON_ISSUED", "EMAIL", 0);

      assert_rule (certificate, NULL, CA_FLEET_ACTION_REQUEST_DNS, CA_FLEET_NO_NEW_EMAIL_DATE);
    }
}

static void
test_nothing_to_do (void)
{
  const struct
  {
    const char *status, *type, *method;
  } cases[] = {
    { "ISSUED", "AMAZON_ISSUED", "DNS" },
    { "PENDING_VALIDATION", "AMAZON_ISSUED", "DNS" },
    { "ISSUED", "IMPORTED", NULL },
    { "ISSUED", "PRIVATE", NULL },
    { "EXPIRED", "AMAZON_ISSUED", "EMAIL" },
    { "REVOKED", "AMAZON_ISSUED", "EMAIL" },
    { "INACTIVE", "AMAZON_ISSUED", "EMAIL" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CaAcmCertificate) certificate = certificate_new (cases[i].status, cases[i].type, cases[i].method, 1799150400);

      assert_rule (certificate, NULL, CA_FLEET_ACTION_NONE, NULL);
    }
}

static void
test_bad_regions (void)
{
  const char *bad[] = { "eu-west-1", "evil.example.com/x", NULL };
  const char *none[] = { NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (CaFleetScan) scan = ca_fleet_scan_new (bad, NULL, 5, &error);
  g_autoptr (CaFleetScan) empty = NULL;

  g_assert_null (scan);
  g_assert_nonnull (error);
  g_clear_error (&error);
  empty = ca_fleet_scan_new (none, NULL, 5, &error);
  g_assert_null (empty);
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/fleet-scan/issued-by-email", test_issued_by_email);
  g_test_add_func ("/fleet-scan/migration-running", test_migration_running);
  g_test_add_func ("/fleet-scan/never-issued", test_never_issued);
  g_test_add_func ("/fleet-scan/nothing-to-do", test_nothing_to_do);
  g_test_add_func ("/fleet-scan/bad-regions", test_bad_regions);

  return g_test_run ();
}
