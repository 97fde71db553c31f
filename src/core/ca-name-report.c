/* ca-name-report.c: everything a diagnosis found out about one name
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaNameReport"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-domain.h"
#include "ca-finding.h"
#include "ca-name-report.h"

/**
 * CaNameReport:
 *
 * What is known about one name without asking anybody (approval domain, the
 * five addresses, the registrable domain) and the reports of the DNS checks,
 * which fill in as their answers arrive.
 */
struct _CaNameReport
{
  GObject             parent_instance;

  char               *name;
  char               *display_name;
  char               *approval_domain;
  const char         *stripped;
  char              **addresses;
  char               *registrable_domain;
  gboolean            is_public;
  CaMailReport       *mail;
  CaCaaReport        *caa;
  CaDelegationCheck  *delegation;
  CaViewsCheck       *views;
  CaValidationRecord *validation_record;
};

G_DEFINE_FINAL_TYPE (CaNameReport, ca_name_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_APPROVAL_DOMAIN,
  PROP_MAIL,
  PROP_CAA,
  PROP_VALIDATION_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_name_report_finalize (GObject *object)
{
  CaNameReport *self = (CaNameReport *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->approval_domain, g_free);
  g_clear_pointer (&self->addresses, g_strfreev);
  g_clear_pointer (&self->registrable_domain, g_free);
  g_clear_object (&self->mail);
  g_clear_object (&self->caa);
  g_clear_object (&self->delegation);
  g_clear_object (&self->views);
  g_clear_object (&self->validation_record);

  G_OBJECT_CLASS (ca_name_report_parent_class)->finalize (object);
}

static void
ca_name_report_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CaNameReport *self = CA_NAME_REPORT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_APPROVAL_DOMAIN:
      g_value_set_string (value, self->approval_domain);
      break;
    case PROP_MAIL:
      g_value_set_object (value, self->mail);
      break;
    case PROP_CAA:
      g_value_set_object (value, self->caa);
      break;
    case PROP_VALIDATION_RECORD:
      g_value_set_object (value, self->validation_record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_name_report_class_init (CaNameReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_name_report_finalize;
  object_class->get_property = ca_name_report_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_APPROVAL_DOMAIN] = g_param_spec_string ("approval-domain", NULL, NULL, NULL, flags);
  properties[PROP_MAIL] = g_param_spec_object ("mail", NULL, NULL, CA_TYPE_MAIL_REPORT, flags);
  properties[PROP_CAA] = g_param_spec_object ("caa", NULL, NULL, CA_TYPE_CAA_REPORT, flags);
  properties[PROP_VALIDATION_RECORD] = g_param_spec_object ("validation-record", NULL, NULL,
                                                            CA_TYPE_VALIDATION_RECORD, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_name_report_init (CaNameReport *self)
{
}

/**
 * ca_name_report_new:
 * @name: a name as the user typed it
 * @validation_domain: (nullable): the ValidationDomain, when one was given
 * @error: %CA_ERROR_INVALID_DOMAIN or %CA_ERROR_INVALID_VALIDATION_DOMAIN
 *
 * Returns: (transfer full): the report, or %NULL when the input is not valid
 */
CaNameReport *
ca_name_report_new (const char  *name,
                    const char  *validation_domain,
                    GError     **error)
{
  g_autoptr (CaNameReport) self = g_object_new (CA_TYPE_NAME_REPORT, NULL);

  g_return_val_if_fail (name != NULL, NULL);

  self->name = ca_domain_normalize (name, error);
  if (self->name == NULL)
    return NULL;

  self->approval_domain = ca_domain_get_approval_domain (self->name, &self->stripped);
  if (validation_domain != NULL)
    {
      /* As ACM does (acm-rules.md §2): www/`*` comes off a ValidationDomain too. */
      g_autofree char *checked = ca_domain_check_validation_domain (self->name, validation_domain, error);

      if (checked == NULL)
        return NULL;
      g_free (self->approval_domain);
      self->approval_domain = ca_domain_get_approval_domain (checked, NULL);
    }

  self->display_name = ca_domain_to_display (self->name);
  self->addresses = ca_domain_get_approver_addresses (self->approval_domain);
  self->registrable_domain = ca_domain_get_registrable_domain (self->name, &self->is_public);
  self->mail = ca_mail_report_new (self->name, self->approval_domain);
  self->caa = ca_caa_report_new (self->name);
  self->delegation = ca_delegation_check_new (self->name);
  self->views = ca_views_check_new (self->name, self->approval_domain);
  return g_steal_pointer (&self);
}

const char *
ca_name_report_get_name (CaNameReport *self)
{
  g_return_val_if_fail (CA_IS_NAME_REPORT (self), NULL);
  return self->name;
}

/* The Unicode form of an internationalised name. */
const char *
ca_name_report_get_display_name (CaNameReport *self)
{
  g_return_val_if_fail (CA_IS_NAME_REPORT (self), NULL);
  return self->display_name;
}

const char *
ca_name_report_get_approval_domain (CaNameReport *self)
{
  g_return_val_if_fail (CA_IS_NAME_REPORT (self), NULL);
  return self->approval_domain;
}

/* "www", "*" or %NULL: the label ACM drops to find the approval domain. */
const char *
ca_name_report_get_stripped (CaNameReport *self)
{
  g_return_val_if_fail (CA_IS_NAME_REPORT (self), NULL);
  return self->stripped;
}

const char * const *
ca_name_report_get_addresses (CaNameReport *self)
{
  g_return_val_if_fail (CA_IS_NAME_REPORT (self), NULL);
  return (const char * const *) self->addresses;
}

const char *
ca_name_report_get_registrable_domain (CaNameReport *self)
{
  g_return_val_if_fail (CA_IS_NAME_REPORT (self), NULL);
  return self->registrable_domain;
}

gboolean
ca_name_report_get_is_public (CaNameReport *self)
{
  g_return_val_if_fail (CA_IS_NAME_REPORT (self), FALSE);
  return self->is_public;
}

/**
 * ca_name_report_set_is_public:
 *
 * In a lab (root hints given instead of the real root servers), a name under
 * a TLD that the lab's root delegates counts as public (contract.md).
 */
void
ca_name_report_set_is_public (CaNameReport *self,
                              gboolean      is_public)
{
  g_return_if_fail (CA_IS_NAME_REPORT (self));
  self->is_public = !!is_public;
}

/* The NS set the parent delegates the name's zone to, against the zone's own. */
CaDelegationCheck *
ca_name_report_get_delegation (CaNameReport *self)
{
  g_return_val_if_fail (CA_IS_NAME_REPORT (self), NULL);
  return self->delegation;
}

/* The local and the public view, compared. */
CaViewsCheck *
ca_name_report_get_views (CaNameReport *self)
{
  g_return_val_if_fail (CA_IS_NAME_REPORT (self), NULL);
  return self->views;
}

CaMailReport *
ca_name_report_get_mail (CaNameReport *self)
{
  g_return_val_if_fail (CA_IS_NAME_REPORT (self), NULL);
  return self->mail;
}

CaCaaReport *
ca_name_report_get_caa (CaNameReport *self)
{
  g_return_val_if_fail (CA_IS_NAME_REPORT (self), NULL);
  return self->caa;
}

/* %NULL unless a DNS-validation record is known for the name. */
CaValidationRecord *
ca_name_report_get_validation_record (CaNameReport *self)
{
  g_return_val_if_fail (CA_IS_NAME_REPORT (self), NULL);
  return self->validation_record;
}

/**
 * ca_name_report_set_validation_record:
 * @record_name: the CNAME's name from ACM's ResourceRecord
 * @value: the CNAME's value from ACM's ResourceRecord
 */
void
ca_name_report_set_validation_record (CaNameReport *self,
                                      const char   *record_name,
                                      const char   *value)
{
  g_autoptr (CaValidationRecord) record = NULL;

  g_return_if_fail (CA_IS_NAME_REPORT (self));
  g_return_if_fail (record_name != NULL && value != NULL);

  record = ca_validation_record_new (self->name, record_name, value, self->registrable_domain);
  if (g_set_object (&self->validation_record, record))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALIDATION_RECORD]);
}

static void
add_bogus_finding (CaNameReport *self,
                   GPtrArray    *findings)
{
  const char *why = NULL;

  if (ca_mail_report_get_bogus (self->mail))
    why = ca_mail_report_get_why_bogus (self->mail);
  else if (ca_caa_report_get_bogus (self->caa))
    why = ca_caa_report_get_why_bogus (self->caa);
  else
    return;

  g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_DNSSEC_BOGUS, self->name,
                                                    _("DNSSEC validation failed for answers about %s: %s"),
                                                    self->name, why != NULL ? why : _("no reason given")));
}

/**
 * ca_name_report_add_findings:
 * @findings: (element-type CaFinding): where to add the findings of this name
 *
 * Adds what is wrong with the name itself; its checks (mail, CAA, the
 * validation record) add their own findings as checks of the diagnosis.
 */
void
ca_name_report_add_findings (CaNameReport *self,
                             GPtrArray    *findings)
{
  g_return_if_fail (CA_IS_NAME_REPORT (self));

  if (!self->is_public)
    g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_INVALID_PUBLIC_DOMAIN, self->name,
                                                      _("%s is not under a public top-level domain, so no public certificate authority can validate it."),
                                                      self->name));

  if (ca_domain_is_superdomain_or_equal (self->registrable_domain, self->approval_domain) &&
      g_strcmp0 (self->registrable_domain, self->approval_domain) != 0)
    g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_APPROVAL_DOMAIN_IS_SUBDOMAIN, self->name,
                                                      _("ACM mails the approval for %s to addresses at %s, a subdomain of %s. Unless these mailboxes exist, request the certificate with the validation domain %s."),
                                                      self->name, self->approval_domain, self->registrable_domain, self->registrable_domain));

  add_bogus_finding (self, findings);
}
