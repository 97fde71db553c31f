/* test-boundaries.c: every threshold acm-rules.md names, just before, at and after it
 *
 * A rule that moves by one (45 days to 30, `<` to `<=`, 72 hours to 71, 63 octets to
 * 62) changes what the user is told; these cases pin each edge. The clock is the
 * findings' own `now` argument, so nothing waits and nothing depends on the time of day.
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-acm-findings.h"
#include "ca-domain.h"
#include "ca-error.h"
#include "ca-test-util.h"

/* 2026-12-01T00:00:00Z: a fixed "now" for every case. */
#define NOW_UNIX G_GINT64_CONSTANT (1796083200)

static GDateTime *
fixed_now (void)
{
  return g_date_time_new_from_unix_utc (NOW_UNIX);
}

/* An email-validated certificate in @status, created @created_ago seconds before now,
 * expiring @expires_in seconds after it. */
static CaAcmCertificate *
certificate_at (const char *status,
                gint64      created_ago,
                gint64      expires_in)
{
  g_autofree char *json = g_strdup_printf ("{\"CertificateArn\": \"arn:aws:acm:us-east-1:111122223333:certificate/b\","
                                           " \"DomainName\": \"shop.example.com\", \"Status\": \"%s\", \"Type\": \"AMAZON_ISSUED\","
                                           " \"CreatedAt\": %" G_GINT64_FORMAT ", \"NotAfter\": %" G_GINT64_FORMAT ","
                                           " \"DomainValidationOptions\": [{\"DomainName\": \"shop.example.com\","
                                           " \"ValidationDomain\": \"shop.example.com\", \"ValidationMethod\": \"EMAIL\","
                                           " \"ValidationStatus\": \"PENDING_VALIDATION\"}]}",
                                           status, NOW_UNIX - created_ago, NOW_UNIX + expires_in);
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (GError) error = NULL;
  CaAcmCertificate *certificate = ca_acm_certificate_new_from_json (json_node_get_object (node), &error);

  g_assert_no_error (error);
  return certificate;
}

static gboolean
has_finding (CaAcmCertificate *certificate,
             CaFindingId       id)
{
  g_autoptr (GDateTime) now = fixed_now ();
  g_autoptr (GPtrArray) findings = ca_acm_findings_for_certificate (certificate, NULL, now);

  for (guint i = 0; i < findings->len; i++)
    if (ca_finding_get_id (g_ptr_array_index (findings, i)) == id)
      return TRUE;
  return FALSE;
}

#define DAY (24 * 3600)
#define HOUR 3600

/* "Email cert, NotAfter < 45 d" → expiry_near (acm-rules.md §10): 45 days left is not near. */
static void
test_expiry_near_45_days (void)
{
  g_autoptr (CaAcmCertificate) before = certificate_at ("ISSUED", 300 * DAY, 45 * DAY - 1);
  g_autoptr (CaAcmCertificate) at = certificate_at ("ISSUED", 300 * DAY, 45 * DAY);
  g_autoptr (CaAcmCertificate) after = certificate_at ("ISSUED", 300 * DAY, 45 * DAY + 1);
  g_autoptr (CaAcmCertificate) thirty = certificate_at ("ISSUED", 300 * DAY, 31 * DAY);

  g_assert_true (has_finding (before, CA_FINDING_EXPIRY_NEAR));
  g_assert_false (has_finding (at, CA_FINDING_EXPIRY_NEAR));
  g_assert_false (has_finding (after, CA_FINDING_EXPIRY_NEAR));
  g_assert_true (has_finding (thirty, CA_FINDING_EXPIRY_NEAR));
}

/* "PENDING, < 72 h since CreatedAt" → resend_window_open; "≥ 72 h" → validation_window_expired. */
static void
test_validation_window_72_hours (void)
{
  g_autoptr (CaAcmCertificate) before = certificate_at ("PENDING_VALIDATION", 72 * HOUR - 1, 395 * DAY);
  g_autoptr (CaAcmCertificate) at = certificate_at ("PENDING_VALIDATION", 72 * HOUR, 395 * DAY);
  g_autoptr (CaAcmCertificate) after = certificate_at ("PENDING_VALIDATION", 72 * HOUR + 1, 395 * DAY);
  g_autoptr (GDateTime) deadline = ca_acm_certificate_get_resend_deadline (before);

  g_assert_true (has_finding (before, CA_FINDING_RESEND_WINDOW_OPEN));
  g_assert_false (has_finding (before, CA_FINDING_VALIDATION_WINDOW_EXPIRED));
  g_assert_false (has_finding (at, CA_FINDING_RESEND_WINDOW_OPEN));
  g_assert_true (has_finding (at, CA_FINDING_VALIDATION_WINDOW_EXPIRED));
  g_assert_false (has_finding (after, CA_FINDING_RESEND_WINDOW_OPEN));
  g_assert_true (has_finding (after, CA_FINDING_VALIDATION_WINDOW_EXPIRED));
  /* The deadline is CreatedAt + 72 h, to the second. */
  g_assert_nonnull (deadline);
  g_assert_cmpint (g_date_time_to_unix (deadline), ==, NOW_UNIX + 1);
}

/* No resend deadline is shown for a request that can no longer be resent. */
static void
test_no_resend_deadline_when_over (void)
{
  const char *statuses[] = { "VALIDATION_TIMED_OUT", "ISSUED", "FAILED", "REVOKED" };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr (CaAcmCertificate) certificate = certificate_at (statuses[i], HOUR, 395 * DAY);
      g_autoptr (GDateTime) deadline = ca_acm_certificate_get_resend_deadline (certificate);

      g_assert_null (deadline);
      g_assert_false (has_finding (certificate, CA_FINDING_RESEND_WINDOW_OPEN));
    }
}

static char *
repeat (char  c,
        guint n)
{
  char *text = g_malloc (n + 1);

  memset (text, c, n);
  text[n] = '\0';
  return text;
}

/* RFC 1035: a label has at most 63 octets. */
static void
test_label_63_octets (void)
{
  g_autofree char *label63 = repeat ('a', 63);
  g_autofree char *label64 = repeat ('a', 64);
  g_autofree char *name63 = g_strconcat (label63, ".example.com", NULL);
  g_autofree char *name64 = g_strconcat (label64, ".example.com", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *ok = ca_domain_normalize (name63, &error);
  g_autofree char *refused = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ok, ==, name63);
  refused = ca_domain_normalize (name64, &error);
  g_assert_null (refused);
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN);
}

/* The first name is the common name: 64 octets, dots included, and no more;
 * a later name of 65 or more is fine. */
static void
test_first_name_64_octets (void)
{
  /* 51 + ".example.com" (12) = 63; one more letter each time. */
  g_autofree char *label51 = repeat ('d', 51);
  g_autofree char *label52 = repeat ('d', 52);
  g_autofree char *label53 = repeat ('d', 53);
  g_autofree char *name63 = g_strconcat (label51, ".example.com", NULL);
  g_autofree char *name64 = g_strconcat (label52, ".example.com", NULL);
  g_autofree char *name65 = g_strconcat (label53, ".example.com", NULL);
  g_autofree char *wildcard65 = g_strconcat ("*.", label51, ".example.com", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (strlen (name64), ==, 64);
  g_assert_true (ca_domain_check_first_name (name63, &error));
  g_assert_true (ca_domain_check_first_name (name64, &error));
  g_assert_no_error (error);
  g_assert_false (ca_domain_check_first_name (name65, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN);
  g_assert_nonnull (strstr (error->message, "64 characters"));
  g_assert_nonnull (strstr (error->message, "has 65 characters"));
  g_clear_error (&error);
  /* The wildcard's "*." counts, as it is part of the common name. */
  g_assert_false (ca_domain_check_first_name (wildcard65, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN);
}

/* The CLI refuses a 65-octet first name before it asks AWS (exit 2), takes a 64-octet
 * one (and a 65-octet second name) on to AWS, here a closed port (exit 3). */
static void
test_request_first_name_64_octets (void)
{
  g_autofree char *label52 = repeat ('e', 52);
  g_autofree char *label53 = repeat ('e', 53);
  g_autofree char *name64 = g_strconcat (label52, ".example.com", NULL);
  g_autofree char *name65 = g_strconcat (label53, ".example.com", NULL);
  const char *env[] = {
    "AWS_ENDPOINT_URL_ACM=http://127.0.0.1:1", "AWS_ACCESS_KEY_ID=AKIDEXAMPLE",
    "AWS_SECRET_ACCESS_KEY=secret", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION=us-east-1",
    "AWS_CONFIG_FILE=/nonexistent/config", "AWS_SHARED_CREDENTIALS_FILE=/nonexistent/credentials",
    "CERTASSIST_RETRY_BASE_MS=1", NULL
  };
  g_autoptr (CaTestRun) refused = ca_test_run_cli (env, "request", name65, "--method", "dns", "--json", NULL);
  g_autoptr (CaTestRun) accepted = ca_test_run_cli (env, "request", name64, name65, "--method", "dns", "--json",
                                                    "--timeout", "2", NULL);

  g_assert_cmpint (refused->exit_status, ==, 2);
  g_assert_nonnull (strstr (refused->out, "\"invalid_domain\""));
  g_assert_nonnull (strstr (refused->out, "common name"));
  g_assert_cmpint (accepted->exit_status, ==, 3);
  g_assert_null (strstr (accepted->out, "common name"));
}

/* A name of 253 octets (no final dot) is the longest there is. */
static void
test_name_253_octets (void)
{
  /* 3 × 63 + 1 dot each = 192; "a" × 56 + ".com" = 60: 252, then one more letter. */
  g_autofree char *label = repeat ('b', 63);
  g_autofree char *tail252 = repeat ('c', 56);
  g_autofree char *tail253 = repeat ('c', 57);
  g_autofree char *tail254 = repeat ('c', 58);
  g_autofree char *name252 = g_strjoin (".", label, label, label, tail252, "com", NULL);
  g_autofree char *name253 = g_strjoin (".", label, label, label, tail253, "com", NULL);
  g_autofree char *name254 = g_strjoin (".", label, label, label, tail254, "com", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *ok252 = ca_domain_normalize (name252, &error);
  g_autofree char *ok253 = NULL;
  g_autofree char *refused = NULL;

  g_assert_cmpuint (strlen (name253), ==, 253);
  g_assert_no_error (error);
  g_assert_nonnull (ok252);
  ok253 = ca_domain_normalize (name253, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ok253, ==, name253);
  refused = ca_domain_normalize (name254, &error);
  g_assert_null (refused);
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN);
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/boundaries/expiry-near/45-days", test_expiry_near_45_days);
  g_test_add_func ("/boundaries/validation-window/72-hours", test_validation_window_72_hours);
  g_test_add_func ("/boundaries/validation-window/no-deadline-when-over", test_no_resend_deadline_when_over);
  g_test_add_func ("/boundaries/domain/label-63-octets", test_label_63_octets);
  g_test_add_func ("/boundaries/domain/name-253-octets", test_name_253_octets);
  g_test_add_func ("/boundaries/domain/first-name-64-octets", test_first_name_64_octets);
  g_test_add_func ("/boundaries/cli/request-first-name-64-octets", test_request_first_name_64_octets);

  return g_test_run ();
}
