/* ca-acm-certificate.c: what ACM knows about one certificate
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaAcmCertificate"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-acm-certificate.h"
#include "ca-acm-json-private.h"
#include "ca-error.h"
#include "ca-json.h"

struct _CaAcmCertificate
{
  GObject    parent_instance;

  char      *arn;
  char      *domain;
  GStrv      sans;
  char      *status;
  char      *type;
  char      *failure_reason;
  char      *key_algorithm;
  GDateTime *created_at;
  GDateTime *issued_at;
  GDateTime *not_after;
  GStrv      in_use_by;
  gboolean   in_use;
  char      *renewal_status;
  char      *renewal_status_reason;
  GPtrArray *validations;
  GPtrArray *renewal_validations;
};

G_DEFINE_FINAL_TYPE (CaAcmCertificate, ca_acm_certificate, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ARN,
  PROP_DOMAIN,
  PROP_STATUS,
  PROP_FAILURE_REASON,
  PROP_VALIDATION_METHOD,
  PROP_CREATED_AT,
  PROP_NOT_AFTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_acm_certificate_finalize (GObject *object)
{
  CaAcmCertificate *self = (CaAcmCertificate *) object;

  g_clear_pointer (&self->arn, g_free);
  g_clear_pointer (&self->domain, g_free);
  g_clear_pointer (&self->sans, g_strfreev);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->type, g_free);
  g_clear_pointer (&self->failure_reason, g_free);
  g_clear_pointer (&self->key_algorithm, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->issued_at, g_date_time_unref);
  g_clear_pointer (&self->not_after, g_date_time_unref);
  g_clear_pointer (&self->in_use_by, g_strfreev);
  g_clear_pointer (&self->renewal_status, g_free);
  g_clear_pointer (&self->renewal_status_reason, g_free);
  g_clear_pointer (&self->validations, g_ptr_array_unref);
  g_clear_pointer (&self->renewal_validations, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_acm_certificate_parent_class)->finalize (object);
}

static void
ca_acm_certificate_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CaAcmCertificate *self = CA_ACM_CERTIFICATE (object);

  switch (prop_id)
    {
    case PROP_ARN:
      g_value_set_string (value, self->arn);
      break;
    case PROP_DOMAIN:
      g_value_set_string (value, self->domain);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_FAILURE_REASON:
      g_value_set_string (value, self->failure_reason);
      break;
    case PROP_VALIDATION_METHOD:
      g_value_set_string (value, ca_acm_certificate_get_validation_method (self));
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_NOT_AFTER:
      g_value_set_boxed (value, self->not_after);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_acm_certificate_class_init (CaAcmCertificateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_acm_certificate_finalize;
  object_class->get_property = ca_acm_certificate_get_property;

  properties[PROP_ARN] = g_param_spec_string ("arn", NULL, NULL, NULL, flags);
  properties[PROP_DOMAIN] = g_param_spec_string ("domain", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_FAILURE_REASON] = g_param_spec_string ("failure-reason", NULL, NULL, NULL, flags);
  properties[PROP_VALIDATION_METHOD] = g_param_spec_string ("validation-method", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] = g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_NOT_AFTER] = g_param_spec_boxed ("not-after", NULL, NULL, G_TYPE_DATE_TIME, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_acm_certificate_init (CaAcmCertificate *self)
{
  self->validations = g_ptr_array_new_with_free_func (g_object_unref);
  self->renewal_validations = g_ptr_array_new_with_free_func (g_object_unref);
}

/* A DomainValidation whose members have the wrong types: read as absent,
 * they would turn into a verdict ("no record yet", "no addresses"). */
static gboolean
validation_fits (JsonNode *node)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  static const char * const strings[] = {
    "DomainName", "ValidationDomain", "ValidationStatus", "ValidationMethod", NULL
  };
  static const char * const record_strings[] = { "Name", "Type", "Value", NULL };
  JsonObject *record;

  if (object == NULL || ca_acm_json_string (object, "DomainName") == NULL ||
      !ca_acm_json_member_is_strings (object, "ValidationEmails") ||
      !ca_acm_json_member_fits (object, "ResourceRecord", JSON_NODE_OBJECT))
    return FALSE;
  for (guint i = 0; strings[i] != NULL; i++)
    {
      if (!ca_acm_json_member_fits (object, strings[i], JSON_NODE_VALUE))
        return FALSE;
    }
  record = ca_acm_json_object (object, "ResourceRecord");
  for (guint i = 0; record != NULL && record_strings[i] != NULL; i++)
    {
      if (!ca_acm_json_member_fits (record, record_strings[i], JSON_NODE_VALUE))
        return FALSE;
    }
  return TRUE;
}

/* Every entry is read or the whole answer is refused: a validation left out
 * would hide its name's verdict. */
static gboolean
read_validations (GPtrArray  *validations,
                  JsonObject *object)
{
  JsonArray *array = ca_acm_json_array (object, "DomainValidationOptions");

  if (!ca_acm_json_member_fits (object, "DomainValidationOptions", JSON_NODE_ARRAY))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!validation_fits (node))
        {
          g_debug ("DomainValidationOptions entry %u cannot be read", i);
          return FALSE;
        }
      g_ptr_array_add (validations, ca_acm_domain_validation_new_from_json (json_node_get_object (node)));
    }
  return TRUE;
}

/* The members whose wrong type would change what is said about the certificate. */
static gboolean
detail_fits (JsonObject *detail)
{
  static const char * const strings[] = {
    "CertificateArn", "DomainName", "Status", "Type", "FailureReason", "KeyAlgorithm", NULL
  };
  JsonObject *renewal = ca_acm_json_object (detail, "RenewalSummary");

  for (guint i = 0; strings[i] != NULL; i++)
    {
      if (!ca_acm_json_member_fits (detail, strings[i], JSON_NODE_VALUE))
        return FALSE;
    }
  return ca_acm_json_member_is_strings (detail, "SubjectAlternativeNames") &&
         ca_acm_json_member_is_strings (detail, "InUseBy") &&
         ca_acm_json_member_fits (detail, "RenewalSummary", JSON_NODE_OBJECT) &&
         (renewal == NULL || (ca_acm_json_member_fits (renewal, "RenewalStatus", JSON_NODE_VALUE) &&
                              ca_acm_json_member_fits (renewal, "RenewalStatusReason", JSON_NODE_VALUE)));
}

static gboolean
refuse_unreadable (GError **error)
{
  g_set_error_literal (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                       _("AWS sent an answer that could not be read: a part of the certificate’s description is not what ACM sends."));
  return FALSE;
}

static gboolean
check_arn (CaAcmCertificate  *self,
           GError           **error)
{
  if (self->arn != NULL && self->domain != NULL)
    return TRUE;
  g_set_error_literal (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                       _("ACM described a certificate without its ARN or domain name."));
  return FALSE;
}

/* A DescribeCertificate `Certificate` (CertificateDetail). */
CaAcmCertificate *
ca_acm_certificate_new_from_json (JsonObject  *detail,
                                  GError     **error)
{
  g_autoptr (CaAcmCertificate) self = g_object_new (CA_TYPE_ACM_CERTIFICATE, NULL);
  JsonObject *renewal = ca_acm_json_object (detail, "RenewalSummary");

  self->arn = g_strdup (ca_acm_json_string (detail, "CertificateArn"));
  self->domain = g_strdup (ca_acm_json_string (detail, "DomainName"));
  if (!detail_fits (detail))
    {
      refuse_unreadable (error);
      return NULL;
    }
  self->sans = ca_acm_json_strv (detail, "SubjectAlternativeNames");
  self->status = g_strdup (ca_acm_json_string (detail, "Status"));
  self->type = g_strdup (ca_acm_json_string (detail, "Type"));
  self->failure_reason = g_strdup (ca_acm_json_string (detail, "FailureReason"));
  self->key_algorithm = g_strdup (ca_acm_json_string (detail, "KeyAlgorithm"));
  self->created_at = ca_acm_json_time (detail, "CreatedAt");
  self->issued_at = ca_acm_json_time (detail, "IssuedAt");
  self->not_after = ca_acm_json_time (detail, "NotAfter");
  self->in_use_by = ca_acm_json_strv (detail, "InUseBy");
  self->in_use = self->in_use_by[0] != NULL;
  if (!read_validations (self->validations, detail) ||
      (renewal != NULL && !read_validations (self->renewal_validations, renewal)))
    {
      refuse_unreadable (error);
      return NULL;
    }
  if (renewal != NULL)
    {
      self->renewal_status = g_strdup (ca_acm_json_string (renewal, "RenewalStatus"));
      self->renewal_status_reason = g_strdup (ca_acm_json_string (renewal, "RenewalStatusReason"));
    }

  if (!check_arn (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* A ListCertificates `CertificateSummary`: no validations, only the basics. */
CaAcmCertificate *
ca_acm_certificate_new_from_summary (JsonObject  *summary,
                                     GError     **error)
{
  g_autoptr (CaAcmCertificate) self = g_object_new (CA_TYPE_ACM_CERTIFICATE, NULL);

  self->arn = g_strdup (ca_acm_json_string (summary, "CertificateArn"));
  self->domain = g_strdup (ca_acm_json_string (summary, "DomainName"));
  self->sans = ca_acm_json_strv (summary, "SubjectAlternativeNameSummaries");
  self->status = g_strdup (ca_acm_json_string (summary, "Status"));
  self->type = g_strdup (ca_acm_json_string (summary, "Type"));
  self->key_algorithm = g_strdup (ca_acm_json_string (summary, "KeyAlgorithm"));
  self->created_at = ca_acm_json_time (summary, "CreatedAt");
  self->issued_at = ca_acm_json_time (summary, "IssuedAt");
  self->not_after = ca_acm_json_time (summary, "NotAfter");
  self->in_use_by = g_new0 (char *, 1);
  self->in_use = ca_acm_json_bool (summary, "InUse");

  if (!check_arn (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
ca_acm_certificate_get_arn (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return self->arn;
}

const char *
ca_acm_certificate_get_domain (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return self->domain;
}

const char * const *
ca_acm_certificate_get_sans (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return (const char * const *) self->sans;
}

const char *
ca_acm_certificate_get_status (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return self->status;
}

/* AMAZON_ISSUED, IMPORTED or PRIVATE */
const char *
ca_acm_certificate_get_cert_type (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return self->type;
}

const char *
ca_acm_certificate_get_failure_reason (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return self->failure_reason;
}

const char *
ca_acm_certificate_get_key_algorithm (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return self->key_algorithm;
}

GDateTime *
ca_acm_certificate_get_created_at (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return self->created_at;
}

GDateTime *
ca_acm_certificate_get_issued_at (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return self->issued_at;
}

GDateTime *
ca_acm_certificate_get_not_after (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return self->not_after;
}

/* The resources (load balancers, distributions…) that a new ARN would affect. */
const char * const *
ca_acm_certificate_get_in_use_by (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return (const char * const *) self->in_use_by;
}

gboolean
ca_acm_certificate_get_in_use (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), FALSE);
  return self->in_use;
}

const char *
ca_acm_certificate_get_renewal_status (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return self->renewal_status;
}

const char *
ca_acm_certificate_get_renewal_status_reason (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return self->renewal_status_reason;
}

/* Returns: (element-type CaAcmDomainValidation) (transfer none) */
GPtrArray *
ca_acm_certificate_get_validations (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return self->validations;
}

/* Returns: (element-type CaAcmDomainValidation) (transfer none) */
GPtrArray *
ca_acm_certificate_get_renewal_validations (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);
  return self->renewal_validations;
}

/* EMAIL when any name is validated by mail: that is what the phase-out concerns. */
const char *
ca_acm_certificate_get_validation_method (CaAcmCertificate *self)
{
  const char *method = NULL;

  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);

  for (guint i = 0; i < self->validations->len; i++)
    {
      const char *m = ca_acm_domain_validation_get_method (g_ptr_array_index (self->validations, i));

      if (g_strcmp0 (m, "EMAIL") == 0)
        return m;
      if (method == NULL)
        method = m;
    }
  return method;
}

CaAcmDomainValidation *
ca_acm_certificate_find_validation (CaAcmCertificate *self,
                                    const char       *name)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);

  for (guint i = 0; i < self->validations->len; i++)
    {
      CaAcmDomainValidation *validation = g_ptr_array_index (self->validations, i);

      if (g_ascii_strcasecmp (ca_acm_domain_validation_get_name (validation), name) == 0)
        return validation;
    }
  return NULL;
}

/**
 * ca_acm_certificate_get_resend_deadline:
 *
 * 72 hours after `CreatedAt` for an email-validated request still pending.
 * ACM counts from the last resend too, but it does not say when that was, so
 * the app never promises that a resend extends the window.
 *
 * Returns: (transfer full) (nullable): the deadline
 */
GDateTime *
ca_acm_certificate_get_resend_deadline (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);

  if (self->created_at == NULL || g_strcmp0 (self->status, "PENDING_VALIDATION") != 0 ||
      g_strcmp0 (ca_acm_certificate_get_validation_method (self), "EMAIL") != 0)
    return NULL;
  return g_date_time_add (self->created_at, CA_ACM_VALIDATION_WINDOW);
}

/**
 * ca_acm_certificate_get_renewal_awaits_approval:
 *
 * Returns: whether the certificate is issued and its managed renewal waits for
 *   someone to approve the mail: then the renewal's names and addresses are
 *   the ones that matter
 */
gboolean
ca_acm_certificate_get_renewal_awaits_approval (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), FALSE);

  return g_strcmp0 (self->status, "ISSUED") == 0 &&
         g_strcmp0 (self->renewal_status, "PENDING_VALIDATION") == 0 &&
         g_strcmp0 (ca_acm_certificate_get_validation_method (self), "EMAIL") == 0 &&
         self->renewal_validations->len > 0;
}

/**
 * ca_acm_certificate_get_current_validations:
 *
 * Returns: (transfer none) (element-type CaAcmDomainValidation): the renewal's
 *   validations while it waits for approval, else the request's
 */
GPtrArray *
ca_acm_certificate_get_current_validations (CaAcmCertificate *self)
{
  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (self), NULL);

  if (ca_acm_certificate_get_renewal_awaits_approval (self))
    return self->renewal_validations;
  return self->validations;
}

/* contract.md's `describe` object. */
void
ca_acm_certificate_to_json (CaAcmCertificate *self,
                            JsonBuilder      *builder)
{
  g_autoptr (GDateTime) deadline = NULL;

  g_return_if_fail (CA_IS_ACM_CERTIFICATE (self));

  deadline = ca_acm_certificate_get_resend_deadline (self);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "arn");
  json_builder_add_string_value (builder, self->arn);
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, self->domain);
  ca_json_add_strv (builder, "sans", (const char * const *) self->sans);
  ca_json_add_string_or_null (builder, "status", self->status);
  ca_json_add_string_or_null (builder, "type", self->type);
  ca_json_add_string_or_null (builder, "failure_reason", self->failure_reason);
  json_builder_set_member_name (builder, "created_at");
  ca_acm_json_add_time (builder, self->created_at);
  json_builder_set_member_name (builder, "issued_at");
  ca_acm_json_add_time (builder, self->issued_at);
  json_builder_set_member_name (builder, "not_after");
  ca_acm_json_add_time (builder, self->not_after);
  ca_json_add_strv (builder, "in_use_by", (const char * const *) self->in_use_by);
  ca_json_add_string_or_null (builder, "renewal_status", self->renewal_status);
  json_builder_set_member_name (builder, "resend_deadline");
  ca_acm_json_add_time (builder, deadline);
  json_builder_set_member_name (builder, "validations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->validations->len; i++)
    ca_acm_domain_validation_to_json (g_ptr_array_index (self->validations, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* One entry of contract.md's `list`. */
void
ca_acm_certificate_summary_to_json (CaAcmCertificate *self,
                                    JsonBuilder      *builder)
{
  g_return_if_fail (CA_IS_ACM_CERTIFICATE (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "arn");
  json_builder_add_string_value (builder, self->arn);
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, self->domain);
  ca_json_add_string_or_null (builder, "status", self->status);
  ca_json_add_string_or_null (builder, "type", self->type);
  json_builder_set_member_name (builder, "in_use");
  json_builder_add_boolean_value (builder, self->in_use);
  json_builder_end_object (builder);
}
