/* test-finding.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-finding.h"
#include "ca-test-util.h"

/* acm-rules.md §10 and §11, as written there: id and severity. */
static const struct
{
  const char *id;
  CaSeverity  severity;
} documented[] = {
  { "no_mx", CA_SEVERITY_ERROR },
  { "null_mx", CA_SEVERITY_ERROR },
  { "mx_host_unresolvable", CA_SEVERITY_ERROR },
  { "mx_lookup_failed", CA_SEVERITY_WARNING },
  { "approval_domain_is_subdomain", CA_SEVERITY_WARNING },
  { "validation_domain_not_superdomain", CA_SEVERITY_ERROR },
  { "validation_emails_differ", CA_SEVERITY_INFO },
  { "domains_pending_approval", CA_SEVERITY_WARNING },
  { "resend_window_open", CA_SEVERITY_INFO },
  { "validation_window_expired", CA_SEVERITY_ERROR },
  { "renewal_pending_validation", CA_SEVERITY_WARNING },
  { "renewal_failed", CA_SEVERITY_ERROR },
  { "expiry_near", CA_SEVERITY_WARNING },
  { "whois_not_used_since_2024", CA_SEVERITY_INFO },
  { "whois_privacy_placeholder", CA_SEVERITY_INFO },
  { "whois_captcha_or_web_form", CA_SEVERITY_INFO },
  { "rdap_whois_unavailable", CA_SEVERITY_INFO },
  { "caa_forbids_amazon", CA_SEVERITY_ERROR },
  { "caa_issuewild_forbids_amazon", CA_SEVERITY_ERROR },
  { "caa_critical_unknown", CA_SEVERITY_ERROR },
  { "caa_lookup_failed", CA_SEVERITY_WARNING },
  { "email_validation_phase_out", CA_SEVERITY_WARNING },
  { "migration_available", CA_SEVERITY_INFO },
  { "migration_in_progress", CA_SEVERITY_INFO },
  { "migration_not_eligible", CA_SEVERITY_INFO },
  { "dns_record_missing", CA_SEVERITY_ERROR },
  { "dns_record_wrong_value", CA_SEVERITY_ERROR },
  { "dns_record_name_doubled", CA_SEVERITY_ERROR },
  { "dns_ns_mismatch", CA_SEVERITY_ERROR },
  { "dns_cname_chain_too_long", CA_SEVERITY_ERROR },
  { "dns_name_not_public", CA_SEVERITY_ERROR },
  { "cert_failed_no_available_contacts", CA_SEVERITY_ERROR },
  { "cert_failed_additional_verification_required", CA_SEVERITY_ERROR },
  { "cert_failed_invalid_public_domain", CA_SEVERITY_ERROR },
  { "cert_failed_other", CA_SEVERITY_ERROR },
  { "cert_failed_caa_error", CA_SEVERITY_ERROR },
  { "cert_failed_domain_not_allowed", CA_SEVERITY_ERROR },
  { "cert_failed_domain_validation_denied", CA_SEVERITY_ERROR },
  { "cert_failed_pca", CA_SEVERITY_ERROR },
  { "cert_failed_slr_not_found", CA_SEVERITY_ERROR },
  { "invalid_public_domain", CA_SEVERITY_ERROR },
  { "mx_host_is_cname", CA_SEVERITY_WARNING },
  { "dnssec_bogus", CA_SEVERITY_ERROR },
  { "cert_expired", CA_SEVERITY_ERROR },
  { "cert_not_trusted", CA_SEVERITY_ERROR },
  { "dns_record_lookup_failed", CA_SEVERITY_WARNING },
  { "dns_resolver_unreliable", CA_SEVERITY_ERROR },
  { "dns_views_differ", CA_SEVERITY_WARNING },
  { "dns_ns_inconsistent", CA_SEVERITY_WARNING },
  { "dns_validation_record_proxied", CA_SEVERITY_ERROR },
  { "dns_validation_record_shared", CA_SEVERITY_INFO },
  { "route53_no_zone", CA_SEVERITY_ERROR },
  { "route53_private_zone_ignored", CA_SEVERITY_WARNING },
};

static void
test_documented_ids (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (documented); i++)
    {
      CaFindingId id;

      g_assert_true (ca_finding_id_from_string (documented[i].id, &id));
      g_assert_cmpstr (ca_finding_id_to_string (id), ==, documented[i].id);
      g_assert_cmpint (ca_finding_id_get_severity (id), ==, documented[i].severity);
    }
}

static void
test_catalogue_complete (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint id = 0; id < CA_FINDING_N_IDS; id++)
    {
      const char *id_string = ca_finding_id_to_string (id);
      CaFindingId back;

      /* Table rows in enum order, unique snake_case ids, every text present. */
      g_assert_true (ca_finding_id_from_string (id_string, &back));
      g_assert_cmpint (back, ==, id);
      g_assert_true (g_hash_table_add (seen, (gpointer) id_string));
      g_assert_cmpuint (strspn (id_string, "abcdefghijklmnopqrstuvwxyz0123456789_"), ==, strlen (id_string));
      g_assert_cmpuint (strlen (ca_finding_id_get_title (id)), >, 10);
      g_assert_cmpuint (strlen (ca_finding_id_get_remedy (id)), >, 10);
    }
  g_assert_false (ca_finding_id_from_string ("no_such_finding", NULL));
}

static void
test_finding_object (void)
{
  g_autoptr (CaFinding) plain = ca_finding_new (CA_FINDING_NULL_MX, "example.com", NULL);
  g_autoptr (CaFinding) detailed = ca_finding_new_printf (CA_FINDING_NO_MX, NULL, "No MX at %s", "a.example");
  g_autofree char *id = NULL;
  int severity = -1;

  g_assert_cmpstr (ca_finding_get_id_string (plain), ==, "null_mx");
  g_assert_cmpstr (ca_finding_get_name (plain), ==, "example.com");
  g_assert_cmpstr (ca_finding_get_message (plain), ==, ca_finding_id_get_title (CA_FINDING_NULL_MX));
  g_assert_cmpstr (ca_finding_get_message (detailed), ==, "No MX at a.example");
  g_assert_null (ca_finding_get_name (detailed));
  g_assert_cmpstr (ca_severity_to_string (ca_finding_get_severity (detailed)), ==, "error");

  g_object_get (plain, "id", &id, "severity", &severity, NULL);
  g_assert_cmpstr (id, ==, "null_mx");
  g_assert_cmpint (severity, ==, CA_SEVERITY_ERROR);
}

static void
test_finding_order (void)
{
  g_autoptr (CaFinding) info = ca_finding_new (CA_FINDING_RESEND_WINDOW_OPEN, "b.example", NULL);
  g_autoptr (CaFinding) warning = ca_finding_new (CA_FINDING_MX_LOOKUP_FAILED, "b.example", NULL);
  g_autoptr (CaFinding) error_a = ca_finding_new (CA_FINDING_NO_MX, "a.example", NULL);
  g_autoptr (CaFinding) error_b = ca_finding_new (CA_FINDING_NO_MX, "b.example", NULL);

  g_assert_cmpint (ca_finding_compare (error_a, warning), <, 0);
  g_assert_cmpint (ca_finding_compare (warning, info), <, 0);
  g_assert_cmpint (ca_finding_compare (error_a, error_b), <, 0);
  g_assert_cmpint (ca_finding_compare (info, error_b), >, 0);
  g_assert_cmpint (ca_finding_compare (error_a, error_a), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/finding/catalogue/documented-ids", test_documented_ids);
  g_test_add_func ("/finding/catalogue/complete", test_catalogue_complete);
  g_test_add_func ("/finding/object", test_finding_object);
  g_test_add_func ("/finding/order", test_finding_order);

  return g_test_run ();
}
