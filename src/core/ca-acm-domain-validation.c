/* ca-acm-domain-validation.c: how ACM validates one name of a certificate
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaAcmDomainValidation"

#include "config.h"

#include "ca-acm-domain-validation.h"
#include "ca-acm-json-private.h"
#include "ca-json.h"

struct _CaAcmDomainValidation
{
  GObject   parent_instance;

  char     *name;
  char     *method;
  char     *status;
  char     *validation_domain;
  GStrv     emails;
  char     *record_name;
  char     *record_type;
  char     *record_value;
  char     *active_method;
};

G_DEFINE_FINAL_TYPE (CaAcmDomainValidation, ca_acm_domain_validation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_METHOD,
  PROP_STATUS,
  PROP_VALIDATION_DOMAIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_acm_domain_validation_finalize (GObject *object)
{
  CaAcmDomainValidation *self = (CaAcmDomainValidation *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->validation_domain, g_free);
  g_clear_pointer (&self->emails, g_strfreev);
  g_clear_pointer (&self->record_name, g_free);
  g_clear_pointer (&self->record_type, g_free);
  g_clear_pointer (&self->record_value, g_free);
  g_clear_pointer (&self->active_method, g_free);

  G_OBJECT_CLASS (ca_acm_domain_validation_parent_class)->finalize (object);
}

static void
ca_acm_domain_validation_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CaAcmDomainValidation *self = CA_ACM_DOMAIN_VALIDATION (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_VALIDATION_DOMAIN:
      g_value_set_string (value, self->validation_domain);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_acm_domain_validation_class_init (CaAcmDomainValidationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_acm_domain_validation_finalize;
  object_class->get_property = ca_acm_domain_validation_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_METHOD] = g_param_spec_string ("method", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_VALIDATION_DOMAIN] = g_param_spec_string ("validation-domain", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_acm_domain_validation_init (CaAcmDomainValidation *self)
{
}

static void
read_record (CaAcmDomainValidation *self,
             JsonObject            *record)
{
  if (record == NULL)
    return;
  self->record_name = g_strdup (ca_acm_json_string (record, "Name"));
  self->record_type = g_strdup (ca_acm_json_string (record, "Type"));
  self->record_value = g_strdup (ca_acm_json_string (record, "Value"));
  if (self->record_name == NULL || self->record_value == NULL)
    {
      g_clear_pointer (&self->record_name, g_free);
      g_clear_pointer (&self->record_type, g_free);
      g_clear_pointer (&self->record_value, g_free);
    }
}

/* A DescribeCertificate `DomainValidation`. */
CaAcmDomainValidation *
ca_acm_domain_validation_new_from_json (JsonObject *object)
{
  CaAcmDomainValidation *self;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CA_TYPE_ACM_DOMAIN_VALIDATION, NULL);
  self->name = g_strdup (ca_acm_json_string (object, "DomainName"));
  self->method = g_strdup (ca_acm_json_string (object, "ValidationMethod"));
  self->status = g_strdup (ca_acm_json_string (object, "ValidationStatus"));
  self->validation_domain = g_strdup (ca_acm_json_string (object, "ValidationDomain"));
  self->emails = ca_acm_json_strv (object, "ValidationEmails");
  read_record (self, ca_acm_json_object (object, "ResourceRecord"));

  return self;
}

/* A ListCertificateDomainValidations entry: the requested configuration (the
 * migration's target) is what it describes, the active one only gives its method. */
CaAcmDomainValidation *
ca_acm_domain_validation_new_from_summary (JsonObject *object)
{
  CaAcmDomainValidation *self;
  JsonObject *active, *requested, *challenge, *dns;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (CA_TYPE_ACM_DOMAIN_VALIDATION, NULL);
  self->name = g_strdup (ca_acm_json_string (object, "DomainName"));
  active = ca_acm_json_object (object, "ActiveValidationConfiguration");
  requested = ca_acm_json_object (object, "RequestedValidationConfiguration");
  if (active != NULL)
    self->active_method = g_strdup (ca_acm_json_string (active, "ValidationMethod"));
  if (requested == NULL)
    requested = active;
  if (requested == NULL)
    return self;

  self->method = g_strdup (ca_acm_json_string (requested, "ValidationMethod"));
  self->status = g_strdup (ca_acm_json_string (requested, "ValidationStatus"));
  challenge = ca_acm_json_object (requested, "ValidationChallenge");
  dns = challenge != NULL ? ca_acm_json_object (challenge, "DnsValidationChallenge") : NULL;
  if (dns != NULL)
    read_record (self, ca_acm_json_object (dns, "ResourceRecord"));

  return self;
}

const char *
ca_acm_domain_validation_get_name (CaAcmDomainValidation *self)
{
  g_return_val_if_fail (CA_IS_ACM_DOMAIN_VALIDATION (self), NULL);
  return self->name;
}

const char *
ca_acm_domain_validation_get_method (CaAcmDomainValidation *self)
{
  g_return_val_if_fail (CA_IS_ACM_DOMAIN_VALIDATION (self), NULL);
  return self->method;
}

const char *
ca_acm_domain_validation_get_status (CaAcmDomainValidation *self)
{
  g_return_val_if_fail (CA_IS_ACM_DOMAIN_VALIDATION (self), NULL);
  return self->status;
}

const char *
ca_acm_domain_validation_get_validation_domain (CaAcmDomainValidation *self)
{
  g_return_val_if_fail (CA_IS_ACM_DOMAIN_VALIDATION (self), NULL);
  return self->validation_domain;
}

/* Returns: (nullable): the addresses ACM really mailed */
const char * const *
ca_acm_domain_validation_get_emails (CaAcmDomainValidation *self)
{
  g_return_val_if_fail (CA_IS_ACM_DOMAIN_VALIDATION (self), NULL);
  return (const char * const *) self->emails;
}

const char *
ca_acm_domain_validation_get_record_name (CaAcmDomainValidation *self)
{
  g_return_val_if_fail (CA_IS_ACM_DOMAIN_VALIDATION (self), NULL);
  return self->record_name;
}

const char *
ca_acm_domain_validation_get_record_type (CaAcmDomainValidation *self)
{
  g_return_val_if_fail (CA_IS_ACM_DOMAIN_VALIDATION (self), NULL);
  return self->record_type;
}

const char *
ca_acm_domain_validation_get_record_value (CaAcmDomainValidation *self)
{
  g_return_val_if_fail (CA_IS_ACM_DOMAIN_VALIDATION (self), NULL);
  return self->record_value;
}

const char *
ca_acm_domain_validation_get_active_method (CaAcmDomainValidation *self)
{
  g_return_val_if_fail (CA_IS_ACM_DOMAIN_VALIDATION (self), NULL);
  return self->active_method;
}

/* contract.md's `{"name", "type", "value"}` or null. */
void
ca_acm_record_to_json (CaAcmDomainValidation *self,
                       JsonBuilder           *builder)
{
  g_return_if_fail (CA_IS_ACM_DOMAIN_VALIDATION (self));

  if (self->record_name == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->record_name);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, self->record_type != NULL ? self->record_type : "CNAME");
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, self->record_value);
  json_builder_end_object (builder);
}

/* One entry of contract.md's `validations`. */
void
ca_acm_domain_validation_to_json (CaAcmDomainValidation *self,
                                  JsonBuilder           *builder)
{
  g_return_if_fail (CA_IS_ACM_DOMAIN_VALIDATION (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  ca_json_add_string_or_null (builder, "method", self->method);
  ca_json_add_string_or_null (builder, "status", self->status);
  ca_json_add_string_or_null (builder, "validation_domain", self->validation_domain);
  ca_json_add_strv (builder, "emails", (const char * const *) self->emails);
  json_builder_set_member_name (builder, "record");
  ca_acm_record_to_json (self, builder);
  json_builder_end_object (builder);
}
