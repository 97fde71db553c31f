/* ca-acm-findings.c: what a certificate's state in ACM means for the user
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaAcmFindings"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-acm-findings.h"
#include "ca-certificate-check.h"
#include "ca-acm-json-private.h"
#include "ca-domain.h"
#include "ca-util.h"

/* ACM's renewal mail starts 45 days before expiry (acm-rules.md §8). */
#define EXPIRY_NEAR (45 * G_TIME_SPAN_DAY)

static const struct
{
  const char  *reason;
  CaFindingId  id;
} failure_reasons[] = {
  { "NO_AVAILABLE_CONTACTS", CA_FINDING_CERT_FAILED_NO_AVAILABLE_CONTACTS },
  { "ADDITIONAL_VERIFICATION_REQUIRED", CA_FINDING_CERT_FAILED_ADDITIONAL_VERIFICATION_REQUIRED },
  { "INVALID_PUBLIC_DOMAIN", CA_FINDING_CERT_FAILED_INVALID_PUBLIC_DOMAIN },
  { "OTHER", CA_FINDING_CERT_FAILED_OTHER },
  { "CAA_ERROR", CA_FINDING_CERT_FAILED_CAA_ERROR },
  { "DOMAIN_NOT_ALLOWED", CA_FINDING_CERT_FAILED_DOMAIN_NOT_ALLOWED },
  { "DOMAIN_VALIDATION_DENIED", CA_FINDING_CERT_FAILED_DOMAIN_VALIDATION_DENIED },
  { "SLR_NOT_FOUND", CA_FINDING_CERT_FAILED_SLR_NOT_FOUND },
};

/* Every PCA_* reason is one finding; an unknown reason reads as OTHER. */
CaFindingId
ca_acm_failure_reason_to_id (const char *reason)
{
  if (reason != NULL && g_str_has_prefix (reason, "PCA_"))
    return CA_FINDING_CERT_FAILED_PCA;
  for (guint i = 0; reason != NULL && i < G_N_ELEMENTS (failure_reasons); i++)
    if (strcmp (failure_reasons[i].reason, reason) == 0)
      return failure_reasons[i].id;
  return CA_FINDING_CERT_FAILED_OTHER;
}

static gboolean
uses_email (CaAcmCertificate *certificate)
{
  return g_strcmp0 (ca_acm_certificate_get_validation_method (certificate), "EMAIL") == 0;
}

/* The finding's own title says why a request failed: ACM's code never reaches the screen. */
static void
add_failure (GPtrArray        *findings,
             CaAcmCertificate *certificate)
{
  const char *reason = ca_acm_certificate_get_failure_reason (certificate);

  g_ptr_array_add (findings, ca_finding_new (ca_acm_failure_reason_to_id (reason), NULL, NULL));
}

/* A renewal fails for the same reasons as a request; ACM's RenewalStatusReason in words. */
static const char *
describe_renewal_failure (const char *reason)
{
  switch (ca_acm_failure_reason_to_id (reason))
    {
    case CA_FINDING_CERT_FAILED_NO_AVAILABLE_CONTACTS:
      return _("ACM found no address to send the approval mail to.");
    case CA_FINDING_CERT_FAILED_ADDITIONAL_VERIFICATION_REQUIRED:
      return _("Amazon wants to verify more before it issues for these names; AWS Support can help.");
    case CA_FINDING_CERT_FAILED_INVALID_PUBLIC_DOMAIN:
      return _("A name is not a valid public domain name.");
    case CA_FINDING_CERT_FAILED_CAA_ERROR:
      return _("CAA records forbid Amazon to issue for a name.");
    case CA_FINDING_CERT_FAILED_DOMAIN_NOT_ALLOWED:
      return _("A name is flagged as unsafe, and Amazon does not issue for it.");
    case CA_FINDING_CERT_FAILED_DOMAIN_VALIDATION_DENIED:
      return _("Amazon is not allowed to validate a name.");
    case CA_FINDING_CERT_FAILED_SLR_NOT_FOUND:
      return _("ACM's service-linked role is missing from the account.");
    case CA_FINDING_CERT_FAILED_PCA:
      return _("The private certificate authority refused the renewal.");
    default:
      return _("ACM did not name the reason.");
    }
}

static void
add_window (GPtrArray        *findings,
            CaAcmCertificate *certificate,
            GDateTime        *now)
{
  g_autoptr (GDateTime) deadline = ca_acm_certificate_get_resend_deadline (certificate);
  g_autofree char *when = NULL;
  GTimeSpan left;

  if (deadline == NULL)
    return;
  when = ca_format_local_time (deadline);
  left = g_date_time_difference (deadline, now);
  if (left > 0)
    g_ptr_array_add (findings,
                     ca_finding_new_printf (CA_FINDING_RESEND_WINDOW_OPEN, NULL,
                                            g_dngettext (GETTEXT_PACKAGE,
                                                         "The approval mail can be sent again until %s (%d hour left).",
                                                         "The approval mail can be sent again until %s (%d hours left).",
                                                         (gulong) (left / G_TIME_SPAN_HOUR)),
                                            when, (int) (left / G_TIME_SPAN_HOUR)));
  else
    g_ptr_array_add (findings,
                     ca_finding_new_printf (CA_FINDING_VALIDATION_WINDOW_EXPIRED, NULL,
                                            _("The 72 hours to approve this request ended on %s."), when));
}

static void
add_pending_names (GPtrArray        *findings,
                   CaAcmCertificate *certificate)
{
  GPtrArray *validations = ca_acm_certificate_get_validations (certificate);
  guint pending = 0;

  for (guint i = 0; i < validations->len; i++)
    if (g_strcmp0 (ca_acm_domain_validation_get_status (g_ptr_array_index (validations, i)), "PENDING_VALIDATION") == 0)
      pending++;
  /* The catalogue's remedy is about approval mails. */
  if (validations->len < 2 || pending == 0 || !uses_email (certificate))
    return;

  g_ptr_array_add (findings,
                   ca_finding_new_printf (CA_FINDING_DOMAINS_PENDING_APPROVAL, NULL,
                                          g_dngettext (GETTEXT_PACKAGE,
                                                       "%u of %u name still waits for its own approval.",
                                                       "%u of %u names still wait for their own approval.",
                                                       validations->len),
                                          pending, validations->len));
}

static gboolean
same_addresses (const char * const *acm,
                char              **computed)
{
  guint n = 0;

  for (; acm[n] != NULL; n++)
    if (!g_strv_contains ((const char * const *) computed, acm[n]))
      return FALSE;
  return n == g_strv_length (computed);
}

/* ACM's ValidationEmails are the truth (acm-rules.md §2 step 5); say when
 * they differ from the five addresses computed for the approval domain. */
static void
add_email_differences (GPtrArray        *findings,
                       CaAcmCertificate *certificate)
{
  GPtrArray *validations = ca_acm_certificate_get_validations (certificate);

  for (guint i = 0; i < validations->len; i++)
    {
      CaAcmDomainValidation *validation = g_ptr_array_index (validations, i);
      const char * const *emails = ca_acm_domain_validation_get_emails (validation);
      const char *validation_domain = ca_acm_domain_validation_get_validation_domain (validation);
      g_autofree char *name = NULL;
      g_autofree char *approval = NULL;
      g_auto (GStrv) computed = NULL;
      g_autofree char *list = NULL;

      if (emails == NULL || emails[0] == NULL ||
          g_strcmp0 (ca_acm_domain_validation_get_method (validation), "EMAIL") != 0 ||
          (name = ca_domain_normalize (ca_acm_domain_validation_get_name (validation), NULL)) == NULL)
        continue;
      /* ACM strips www/`*` from the ValidationDomain too: AWS's own example
       * pairs www.example.com with admin@example.com. */
      if (validation_domain != NULL)
        {
          g_autofree char *normal = ca_domain_normalize (validation_domain, NULL);

          if (normal == NULL)
            continue;
          approval = ca_domain_get_approval_domain (normal, NULL);
        }
      else
        approval = ca_domain_get_approval_domain (name, NULL);
      computed = ca_domain_get_approver_addresses (approval);
      if (same_addresses (emails, computed))
        continue;

      list = g_strjoinv (", ", (char **) emails);
      g_ptr_array_add (findings,
                       ca_finding_new_printf (CA_FINDING_VALIDATION_EMAILS_DIFFER, ca_acm_domain_validation_get_name (validation),
                                              _("ACM mailed these addresses: %s."), list));
    }
}

static gboolean
migration_running (GPtrArray *migration)
{
  for (guint i = 0; migration != NULL && i < migration->len; i++)
    {
      CaAcmDomainValidation *entry = g_ptr_array_index (migration, i);

      if (g_strcmp0 (ca_acm_domain_validation_get_method (entry), "DNS") == 0 &&
          g_strcmp0 (ca_acm_domain_validation_get_active_method (entry), "EMAIL") == 0)
        return TRUE;
    }
  return FALSE;
}

static void
add_migration (GPtrArray        *findings,
               CaAcmCertificate *certificate,
               GPtrArray        *migration)
{
  const char *status = ca_acm_certificate_get_status (certificate);
  const char *type = ca_acm_certificate_get_cert_type (certificate);

  if (migration_running (migration))
    {
      g_ptr_array_add (findings, ca_finding_new (CA_FINDING_MIGRATION_IN_PROGRESS, NULL, NULL));
      return;
    }
  if (g_strcmp0 (type, "IMPORTED") == 0 || g_strcmp0 (type, "PRIVATE") == 0)
    {
      /* ACM's type codes stay out of the sentence: each case is said in words. */
      g_ptr_array_add (findings,
                       ca_finding_new (CA_FINDING_MIGRATION_NOT_ELIGIBLE, NULL,
                                       g_strcmp0 (type, "IMPORTED") == 0
                                       ? _("Only public certificates that ACM issued can move to DNS validation; this one was imported into ACM.")
                                       : _("Only public certificates that ACM issued can move to DNS validation; this one was issued by a private certificate authority.")));
      return;
    }
  if (!uses_email (certificate))
    return;
  if (g_strcmp0 (status, "ISSUED") == 0)
    g_ptr_array_add (findings, ca_finding_new (CA_FINDING_MIGRATION_AVAILABLE, NULL, NULL));
  else if (g_strcmp0 (status, "PENDING_VALIDATION") == 0 || g_strcmp0 (status, "VALIDATION_TIMED_OUT") == 0)
    g_ptr_array_add (findings,
                     ca_finding_new_printf (CA_FINDING_MIGRATION_NOT_ELIGIBLE, NULL,
                                            _("Only issued certificates can move to DNS validation in place. The state of this one: %s."),
                                            ca_acm_status_get_label (status)));
}

static void
add_renewal (GPtrArray        *findings,
             CaAcmCertificate *certificate,
             GDateTime        *now)
{
  const char *renewal = ca_acm_certificate_get_renewal_status (certificate);
  const char *reason = ca_acm_certificate_get_renewal_status_reason (certificate);
  GDateTime *not_after = ca_acm_certificate_get_not_after (certificate);

  if (g_strcmp0 (renewal, "PENDING_VALIDATION") == 0)
    g_ptr_array_add (findings, ca_finding_new (CA_FINDING_RENEWAL_PENDING_VALIDATION, NULL, NULL));
  else if (g_strcmp0 (renewal, "FAILED") == 0)
    g_ptr_array_add (findings, ca_finding_new (CA_FINDING_RENEWAL_FAILED, NULL, describe_renewal_failure (reason)));

  if (not_after != NULL && uses_email (certificate) &&
      g_strcmp0 (ca_acm_certificate_get_status (certificate), "ISSUED") == 0 &&
      g_date_time_difference (not_after, now) < EXPIRY_NEAR)
    {
      g_autofree char *when = ca_format_local_time (not_after);

      g_ptr_array_add (findings,
                       ca_finding_new_printf (CA_FINDING_EXPIRY_NEAR, NULL,
                                              _("The certificate expires on %s."), when));
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  return ca_finding_compare (*(CaFinding * const *) a, *(CaFinding * const *) b);
}

/**
 * ca_acm_findings_for_certificate:
 * @migration: (nullable) (element-type CaAcmDomainValidation): the answer of
 *   ListCertificateDomainValidations, when known
 * @now: (nullable): the time to judge windows against, %NULL for now
 *
 * Returns: (transfer container) (element-type CaFinding): the findings of
 *   acm-rules.md §3, §4, §7 and §10 that the certificate's state shows
 */
GPtrArray *
ca_acm_findings_for_certificate (CaAcmCertificate *certificate,
                                 GPtrArray        *migration,
                                 GDateTime        *now)
{
  g_autoptr (GDateTime) current = NULL;
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
  const char *status;

  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (certificate), findings);

  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  status = ca_acm_certificate_get_status (certificate);

  if (g_strcmp0 (status, "FAILED") == 0)
    add_failure (findings, certificate);
  else if (g_strcmp0 (status, "VALIDATION_TIMED_OUT") == 0)
    g_ptr_array_add (findings, ca_finding_new (CA_FINDING_VALIDATION_WINDOW_EXPIRED, NULL, NULL));
  else if (g_strcmp0 (status, "PENDING_VALIDATION") == 0)
    {
      add_window (findings, certificate, current);
      add_pending_names (findings, certificate);
    }

  add_email_differences (findings, certificate);
  if (uses_email (certificate) &&
      (g_strcmp0 (status, "ISSUED") == 0 || g_strcmp0 (status, "PENDING_VALIDATION") == 0))
    g_ptr_array_add (findings, ca_finding_new (CA_FINDING_EMAIL_VALIDATION_PHASE_OUT, NULL, NULL));
  add_migration (findings, certificate, migration);
  add_renewal (findings, certificate, current);

  g_ptr_array_sort (findings, compare_findings);
  return findings;
}
