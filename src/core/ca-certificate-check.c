/* ca-certificate-check.c: ACM's view of the certificate, as a check of the diagnosis
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCertificateCheck"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-acm-findings.h"
#include "ca-certificate-check.h"
#include "ca-diagnosis.h"
#include "ca-domain.h"
#include "ca-enums.h"
#include "ca-util.h"

/**
 * CaCertificateCheck:
 *
 * What ACM says about the certificate whose names are diagnosed: its state,
 * the addresses it really mailed, its DNS records and its migration. It asks
 * nothing itself (the front end described the certificate before it knew the
 * names to diagnose); it holds the rules that join ACM's view to DNS: which
 * validation domain a name's mail went to, and which names it does not cover.
 */
struct _CaCertificateCheck
{
  GObject           parent_instance;

  CaAcmCertificate *certificate;
  GPtrArray        *migration;
  GPtrArray        *uncovered;
  CaCheckState      state;
};

static void ca_certificate_check_check_init (CaCheckInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaCertificateCheck, ca_certificate_check, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CA_TYPE_CHECK, ca_certificate_check_check_init))

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

/*
 * CaCheck
 */

static const char *
get_id (CaCheck *check)
{
  return "certificate";
}

static const char *
get_title (CaCheck *check)
{
  return _("The Certificate in ACM");
}

/* Which names of the diagnosis the certificate does not cover. */
static void
run_check_async (CaCheck             *check,
                 CaDiagnosis         *diagnosis,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  CaCertificateCheck *self = CA_CERTIFICATE_CHECK (check);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  GListModel *names = ca_diagnosis_get_names (diagnosis);

  g_task_set_source_tag (task, run_check_async);
  g_ptr_array_set_size (self->uncovered, 0);
  for (guint i = 0; self->certificate != NULL && i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (names, i);
      const char *name = ca_name_report_get_name (report);

      if (ca_acm_certificate_find_validation (self->certificate, name) == NULL)
        g_ptr_array_add (self->uncovered, g_strdup (name));
    }
  self->state = CA_CHECK_STATE_DONE;
  g_object_notify (G_OBJECT (self), "state");
  g_task_return_boolean (task, TRUE);
}

static void
add_findings (CaCheck   *check,
              GPtrArray *findings)
{
  CaCertificateCheck *self = CA_CERTIFICATE_CHECK (check);
  g_autoptr (GPtrArray) acm = NULL;

  if (self->certificate == NULL)
    return;
  acm = ca_acm_findings_for_certificate (self->certificate, self->migration, NULL);
  g_ptr_array_extend_and_steal (findings, g_steal_pointer (&acm));
  for (guint i = 0; i < self->uncovered->len; i++)
    {
      const char *name = g_ptr_array_index (self->uncovered, i);

      g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_CERT_NAME_MISSING, name,
                                                        _("The certificate %s does not cover %s."),
                                                        ca_acm_certificate_get_domain (self->certificate), name));
    }
}

static CaFact *
create_status_fact (CaAcmCertificate *certificate)
{
  const char *status = ca_acm_certificate_get_status (certificate);
  CaFactStatus fact_status = CA_FACT_NOTE;

  if (g_strcmp0 (status, "ISSUED") == 0)
    fact_status = CA_FACT_GOOD;
  else if (g_strcmp0 (status, "PENDING_VALIDATION") != 0)
    fact_status = CA_FACT_PROBLEM;
  return ca_fact_new (fact_status, _("Status"), ca_acm_status_get_label (status));
}

static void
describe (CaCheck   *check,
          GPtrArray *facts)
{
  CaCertificateCheck *self = CA_CERTIFICATE_CHECK (check);
  g_autoptr (GDateTime) deadline = NULL;
  GPtrArray *validations;

  if (self->certificate == NULL)
    return;
  deadline = ca_acm_certificate_get_resend_deadline (self->certificate);
  validations = ca_acm_certificate_get_current_validations (self->certificate);
  g_ptr_array_add (facts, ca_fact_new (CA_FACT_NOTE, _("Certificate"), ca_acm_certificate_get_arn (self->certificate)));
  g_ptr_array_add (facts, create_status_fact (self->certificate));
  if (ca_acm_certificate_get_renewal_awaits_approval (self->certificate))
    g_ptr_array_add (facts, ca_fact_new (CA_FACT_WARNING, _("Renewal"),
                                         _("ACM renews this certificate and waits for someone to approve the renewal mail. The names and addresses below are the renewal’s.")));
  if (deadline != NULL)
    {
      g_autofree char *when = ca_format_local_time (deadline);

      g_ptr_array_add (facts, ca_fact_new (CA_FACT_NOTE, _("The approval mail can be sent again until"), when));
    }
  for (guint i = 0; validations != NULL && i < validations->len; i++)
    {
      CaAcmDomainValidation *validation = g_ptr_array_index (validations, i);
      const char *status = ca_acm_domain_validation_get_status (validation);

      const char * const *emails = ca_acm_domain_validation_get_emails (validation);

      g_ptr_array_add (facts, ca_fact_new (g_strcmp0 (status, "SUCCESS") == 0 ? CA_FACT_GOOD : CA_FACT_NOTE,
                                           ca_acm_domain_validation_get_name (validation),
                                           ca_acm_validation_get_label (status, ca_acm_domain_validation_get_method (validation))));
      if (emails != NULL && emails[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", (char **) emails);

          g_ptr_array_add (facts, ca_fact_new (CA_FACT_NOTE, _("ACM mailed"), joined));
        }
    }
}

/* `certificate` of contract.md: the describe object, or null. */
static void
add_json (CaCheck     *check,
          JsonBuilder *builder,
          gboolean     skipped)
{
  CaCertificateCheck *self = CA_CERTIFICATE_CHECK (check);

  json_builder_set_member_name (builder, "certificate");
  if (skipped || self->certificate == NULL)
    json_builder_add_null_value (builder);
  else
    ca_acm_certificate_to_json (self->certificate, builder);
}

static void
ca_certificate_check_check_init (CaCheckInterface *iface)
{
  iface->get_id = get_id;
  iface->get_title = get_title;
  iface->run_async = run_check_async;
  iface->add_findings = add_findings;
  iface->describe = describe;
  iface->add_json = add_json;
}

/*
 * Overrides
 */

static void
ca_certificate_check_finalize (GObject *object)
{
  CaCertificateCheck *self = (CaCertificateCheck *) object;

  g_clear_object (&self->certificate);
  g_clear_pointer (&self->migration, g_ptr_array_unref);
  g_clear_pointer (&self->uncovered, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_certificate_check_parent_class)->finalize (object);
}

static void
ca_certificate_check_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CaCertificateCheck *self = CA_CERTIFICATE_CHECK (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_certificate_check_class_init (CaCertificateCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_certificate_check_finalize;
  object_class->get_property = ca_certificate_check_get_property;

  g_object_class_override_property (object_class, PROP_STATE, "state");
}

static void
ca_certificate_check_init (CaCertificateCheck *self)
{
  self->uncovered = g_ptr_array_new_with_free_func (g_free);
}

/*
 * Public API
 */

/**
 * ca_certificate_check_new:
 * @certificate: (nullable): the certificate as DescribeCertificate gave it,
 *   or %NULL when there is none: the check then finds nothing
 * @migration: (nullable) (element-type CaAcmDomainValidation): the answer of
 *   ListCertificateDomainValidations, for an issued email certificate
 */
CaCertificateCheck *
ca_certificate_check_new (CaAcmCertificate *certificate,
                          GPtrArray        *migration)
{
  CaCertificateCheck *self;

  g_return_val_if_fail (certificate == NULL || CA_IS_ACM_CERTIFICATE (certificate), NULL);

  self = g_object_new (CA_TYPE_CERTIFICATE_CHECK, NULL);
  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  self->migration = migration != NULL ? g_ptr_array_ref (migration) : NULL;
  return self;
}

/* Returns: (transfer none) (nullable): the certificate, %NULL when there is none */
CaAcmCertificate *
ca_certificate_check_get_certificate (CaCertificateCheck *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_CHECK (self), NULL);
  return self->certificate;
}

/**
 * ca_certificate_check_get_validation_domain:
 *
 * ACM's ValidationDomain for @name when it moves the mail elsewhere: ACM
 * writes the name itself there by default, and still strips `www`.
 *
 * Returns: (nullable): the domain, or %NULL when the mail goes where the name says
 */
const char *
ca_certificate_check_get_validation_domain (CaCertificateCheck *self,
                                            const char         *name)
{
  g_autofree char *normal = NULL;
  CaAcmDomainValidation *validation;
  const char *domain;

  g_return_val_if_fail (CA_IS_CERTIFICATE_CHECK (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->certificate == NULL)
    return NULL;
  normal = ca_domain_normalize (name, NULL);
  if (normal == NULL || (validation = ca_acm_certificate_find_validation (self->certificate, normal)) == NULL)
    return NULL;
  domain = ca_acm_domain_validation_get_validation_domain (validation);
  if (domain == NULL || g_ascii_strcasecmp (domain, normal) == 0 ||
      !ca_domain_is_superdomain_or_equal (domain, normal))
    return NULL;
  return domain;
}

/* Returns: ACM's certificate status (PENDING_VALIDATION, …) in words */
const char *
ca_acm_status_get_label (const char *status)
{
  static const struct
  {
    const char *status;
    const char *label;
  } labels[] = {
    { "PENDING_VALIDATION", N_("Waiting for validation") },
    { "ISSUED", N_("Issued") },
    { "INACTIVE", N_("Inactive") },
    { "EXPIRED", N_("Expired") },
    { "VALIDATION_TIMED_OUT", N_("Validation timed out: nobody approved within 72 hours") },
    { "REVOKED", N_("Revoked") },
    { "FAILED", N_("The request failed") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (status, labels[i].status) == 0)
      return _(labels[i].label);
  return _("Unknown");
}

/* Returns: ACM's ValidationMethod in words */
const char *
ca_acm_method_get_label (const char *method)
{
  if (g_strcmp0 (method, "EMAIL") == 0)
    return _("By email");
  if (g_strcmp0 (method, "DNS") == 0)
    return _("By DNS");
  if (g_strcmp0 (method, "HTTP") == 0)
    return _("By HTTP");
  return _("Unknown");
}

/* Returns: ACM's RenewalStatus in words */
const char *
ca_acm_renewal_status_get_label (const char *status)
{
  if (g_strcmp0 (status, "PENDING_AUTO_RENEWAL") == 0)
    return _("ACM is renewing it");
  if (g_strcmp0 (status, "PENDING_VALIDATION") == 0)
    return _("Waiting for someone to approve the renewal");
  if (g_strcmp0 (status, "SUCCESS") == 0)
    return _("Renewed");
  if (g_strcmp0 (status, "FAILED") == 0)
    return _("The renewal failed");
  return _("Unknown");
}

/* Returns: a name's validation status and method in words */
const char *
ca_acm_validation_get_label (const char *status,
                             const char *method)
{
  gboolean email = g_strcmp0 (method, "EMAIL") == 0;

  if (g_strcmp0 (status, "SUCCESS") == 0)
    return email ? _("Validated by email") : _("Validated by DNS");
  if (g_strcmp0 (status, "FAILED") == 0)
    return _("Validation failed");
  if (g_strcmp0 (status, "PENDING_VALIDATION") == 0)
    return email ? _("Waiting for someone to approve the mail") : _("Waiting for the DNS record");
  return _("Unknown");
}

/* The region field of arn:PARTITION:acm:REGION:ACCOUNT:certificate/ID. */
static char *
get_arn_region (const char *arn)
{
  g_auto (GStrv) fields = arn != NULL ? g_strsplit (arn, ":", 6) : NULL;

  if (fields == NULL || g_strv_length (fields) < 6 || fields[3][0] == '\0')
    return NULL;
  return g_strdup (fields[3]);
}

/**
 * ca_acm_resend_describe:
 * @certificate: the certificate whose mail was sent again
 * @name: the name the mail is for
 * @sent_at: when ACM took the request
 *
 * What a user should know after a resend: when it went out, until when the
 * link works (ACM counts from the request, a resend never extends it), and
 * how to recognise the real mail.
 *
 * Returns: (transfer container) (element-type CaFact): the facts
 */
GPtrArray *
ca_acm_resend_describe (CaAcmCertificate *certificate,
                        const char       *name,
                        GDateTime        *sent_at)
{
  GPtrArray *facts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GDateTime) deadline = ca_acm_certificate_get_resend_deadline (certificate);
  g_autoptr (GDateTime) local_sent = g_date_time_to_local (sent_at);
  g_autofree char *sent = g_date_time_format (local_sent, "%H:%M");
  g_autofree char *region = get_arn_region (ca_acm_certificate_get_arn (certificate));

  g_ptr_array_add (facts, ca_fact_new_printf (CA_FACT_GOOD, _("ACM took the request"),
                                              _("At %s ACM sent the approval mail for %s again."), sent, name));
  if (deadline != NULL)
    {
      g_autofree char *until = ca_format_local_time (deadline);

      g_ptr_array_add (facts, ca_fact_new_printf (CA_FACT_NOTE, _("The approval link works until"),
                                                  _("%s: 72 hours after the request. Sending the mail again does not extend this."),
                                                  until));
    }
  g_ptr_array_add (facts, ca_fact_new_printf (CA_FACT_NOTE, _("Subject"), _("Certificate request for %s"), name));
  g_ptr_array_add (facts, ca_fact_new (CA_FACT_NOTE, _("Sender"), "Amazon Certificates <no-reply@certificates.amazon.com>"));
  g_ptr_array_add (facts, ca_fact_new_printf (CA_FACT_NOTE, _("The approval link"),
                                              _("It leads to https://%s.acm-certificates.amazon.com/approvals. A link to any other host is not from ACM."),
                                              region != NULL ? region : "REGION"));
  g_ptr_array_add (facts, ca_fact_new (CA_FACT_NOTE, _("Not in the inbox?"),
                                       _("Look in the spam folder and in other tabs such as Updates or Promotions, in the mailboxes of the addresses above, not in the mailbox of the AWS account.")));
  return facts;
}
