/* ca-caa-report.c: the CAA check of one name
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCaaReport"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-caa-report.h"
#include "ca-caa.h"
#include "ca-domain.h"
#include "ca-finding.h"

/**
 * CaCaaReport:
 *
 * The RFC 8659 climb: the relevant CAA set of a name is the one at the name
 * or its closest ancestor that has one (a CNAME at a level is followed by the
 * resolver). All levels are asked at once and read closest first, so the
 * climb costs one round trip. A failed lookup before a set was found stops
 * the climb: a CA must not issue then (BR §3.2.2.8).
 */
struct _CaCaaReport
{
  GObject       parent_instance;

  char         *name;
  CaCheckState  state;
  char         *relevant_domain;
  GPtrArray    *records;
  CaCaaVerdict  verdict;
  char         *error;
  gboolean      bogus;
  char         *why_bogus;
};

G_DEFINE_FINAL_TYPE (CaCaaReport, ca_caa_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_STATE,
  PROP_RELEVANT_DOMAIN,
  PROP_ALLOWS_AMAZON,
  PROP_ALLOWS_AMAZON_WILDCARD,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char       **levels;   /* the name, then each parent above the TLD */
  CaDnsAnswer **answers; /* one per level, NULL when the lookup failed */
  char       **errors;   /* one per level */
  guint        pending;
} RunData;

typedef struct
{
  GTask *task;
  guint  level;
} LevelLookup;

static void
run_data_free (RunData *data)
{
  guint n = g_strv_length (data->levels);

  for (guint i = 0; i < n; i++)
    {
      g_clear_object (&data->answers[i]);
      g_free (data->errors[i]);
    }
  g_free (data->answers);
  g_free (data->errors);
  g_strfreev (data->levels);
  g_free (data);
}

/*
 * Auxiliary methods
 */

static char **
list_levels (const char *name)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = ca_domain_is_wildcard (name) ? name + 2 : name;

  /* RFC 8659 §3 stops below the TLD: its set would bind every name under it. */
  for (; p != NULL && strchr (p, '.') != NULL; p = strchr (p, '.') + 1)
    g_strv_builder_add (builder, p);
  return g_strv_builder_end (builder);
}

static void
take_set (CaCaaReport *self,
          const char  *domain,
          CaDnsAnswer *answer)
{
  GPtrArray *records = ca_dns_answer_get_records (answer);

  self->relevant_domain = g_strdup (domain);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (self->records, ca_dns_record_copy (g_ptr_array_index (records, i)));
  ca_caa_evaluate (self->records, &self->verdict);
}

static void
fail_level (CaCaaReport *self,
            RunData     *data,
            guint        level)
{
  CaDnsAnswer *answer = data->answers[level];

  if (answer != NULL)
    /* Translators: %s are a domain and a DNS code such as SERVFAIL */
    self->error = g_strdup_printf (_("The question for the CAA records of %s failed: the DNS server answered %s."),
                                   data->levels[level], ca_dns_rcode_to_string (ca_dns_answer_get_rcode (answer)));
  else
    self->error = g_strdup (data->errors[level]);
  self->verdict.allows_amazon = FALSE;
  self->verdict.allows_amazon_wildcard = FALSE;
  self->state = CA_CHECK_STATE_FAILED;
}

static void
climb (CaCaaReport *self,
       RunData     *data)
{
  /* No CAA set anywhere: every CA may issue. */
  self->verdict.allows_amazon = TRUE;
  self->verdict.allows_amazon_wildcard = TRUE;
  self->state = CA_CHECK_STATE_DONE;

  for (guint i = 0; data->levels[i] != NULL; i++)
    {
      CaDnsAnswer *answer = data->answers[i];

      if (answer != NULL && ca_dns_answer_is_bogus (answer) && !self->bogus)
        {
          self->bogus = TRUE;
          self->why_bogus = g_strdup (ca_dns_answer_get_why_bogus (answer));
        }
      if (answer == NULL || ca_dns_answer_is_failure (answer))
        {
          fail_level (self, data, i);
          return;
        }
      if (ca_dns_answer_get_records (answer)->len > 0)
        {
          take_set (self, data->levels[i], answer);
          return;
        }
    }
}

static void
notify_all (CaCaaReport *self)
{
  for (guint i = PROP_STATE; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

static void
finish_if_done (GTask *task)
{
  CaCaaReport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;
  if (g_task_return_error_if_cancelled (task))
    return;

  climb (self, data);
  notify_all (self);
  g_task_return_boolean (task, TRUE);
}

/*
 * Callbacks
 */

static void
level_lookup_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LevelLookup *lookup = user_data;
  g_autoptr (GTask) task = lookup->task;
  RunData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  data->answers[lookup->level] = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, &error);
  if (error != NULL)
    data->errors[lookup->level] = g_strdup (error->message);
  g_free (lookup);
  finish_if_done (task);
}

/*
 * Overrides
 */

static void
ca_caa_report_finalize (GObject *object)
{
  CaCaaReport *self = (CaCaaReport *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->relevant_domain, g_free);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->why_bogus, g_free);

  G_OBJECT_CLASS (ca_caa_report_parent_class)->finalize (object);
}

static void
ca_caa_report_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CaCaaReport *self = CA_CAA_REPORT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_RELEVANT_DOMAIN:
      g_value_set_string (value, self->relevant_domain);
      break;
    case PROP_ALLOWS_AMAZON:
      g_value_set_boolean (value, self->verdict.allows_amazon);
      break;
    case PROP_ALLOWS_AMAZON_WILDCARD:
      g_value_set_boolean (value, self->verdict.allows_amazon_wildcard);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_caa_report_class_init (CaCaaReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_caa_report_finalize;
  object_class->get_property = ca_caa_report_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* A CaCheckState. */
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, CA_CHECK_STATE_PENDING,
                                             CA_CHECK_STATE_SKIPPED, CA_CHECK_STATE_PENDING, flags);
  properties[PROP_RELEVANT_DOMAIN] = g_param_spec_string ("relevant-domain", NULL, NULL, NULL, flags);
  properties[PROP_ALLOWS_AMAZON] = g_param_spec_boolean ("allows-amazon", NULL, NULL, FALSE, flags);
  properties[PROP_ALLOWS_AMAZON_WILDCARD] = g_param_spec_boolean ("allows-amazon-wildcard", NULL, NULL, FALSE, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_caa_report_init (CaCaaReport *self)
{
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_dns_record_free);
}

/*
 * Public API
 */

CaCaaReport *
ca_caa_report_new (const char *name)
{
  CaCaaReport *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (CA_TYPE_CAA_REPORT, NULL);
  self->name = ca_dns_name_normalize (name);
  return self;
}

const char *
ca_caa_report_get_name (CaCaaReport *self)
{
  g_return_val_if_fail (CA_IS_CAA_REPORT (self), NULL);
  return self->name;
}

CaCheckState
ca_caa_report_get_state (CaCaaReport *self)
{
  g_return_val_if_fail (CA_IS_CAA_REPORT (self), CA_CHECK_STATE_PENDING);
  return self->state;
}

/* Where the climb found the CAA set, %NULL when there is none. */
const char *
ca_caa_report_get_relevant_domain (CaCaaReport *self)
{
  g_return_val_if_fail (CA_IS_CAA_REPORT (self), NULL);
  return self->relevant_domain;
}

/**
 * ca_caa_report_get_records:
 *
 * Returns: (transfer none) (element-type CaDnsRecord): the relevant set
 */
GPtrArray *
ca_caa_report_get_records (CaCaaReport *self)
{
  g_return_val_if_fail (CA_IS_CAA_REPORT (self), NULL);
  return self->records;
}

gboolean
ca_caa_report_get_allows_amazon (CaCaaReport *self)
{
  g_return_val_if_fail (CA_IS_CAA_REPORT (self), FALSE);
  return self->verdict.allows_amazon;
}

gboolean
ca_caa_report_get_allows_amazon_wildcard (CaCaaReport *self)
{
  g_return_val_if_fail (CA_IS_CAA_REPORT (self), FALSE);
  return self->verdict.allows_amazon_wildcard;
}

gboolean
ca_caa_report_get_critical_unknown (CaCaaReport *self)
{
  g_return_val_if_fail (CA_IS_CAA_REPORT (self), FALSE);
  return self->verdict.critical_unknown;
}

const char *
ca_caa_report_get_error (CaCaaReport *self)
{
  g_return_val_if_fail (CA_IS_CAA_REPORT (self), NULL);
  return self->error;
}

gboolean
ca_caa_report_get_bogus (CaCaaReport *self)
{
  g_return_val_if_fail (CA_IS_CAA_REPORT (self), FALSE);
  return self->bogus;
}

const char *
ca_caa_report_get_why_bogus (CaCaaReport *self)
{
  g_return_val_if_fail (CA_IS_CAA_REPORT (self), NULL);
  return self->why_bogus;
}

void
ca_caa_report_run_async (CaCaaReport         *self,
                         CaDnsResolver       *resolver,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  RunData *data;
  guint n;

  g_return_if_fail (CA_IS_CAA_REPORT (self));
  g_return_if_fail (CA_IS_DNS_RESOLVER (resolver));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_caa_report_run_async);
  data = g_new0 (RunData, 1);
  data->levels = list_levels (self->name);
  n = g_strv_length (data->levels);
  data->answers = g_new0 (CaDnsAnswer *, n + 1);
  data->errors = g_new0 (char *, n + 1);
  data->pending = n + 1;
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  for (guint i = 0; i < n; i++)
    {
      LevelLookup *lookup = g_new0 (LevelLookup, 1);

      lookup->task = g_object_ref (task);
      lookup->level = i;
      ca_dns_resolver_lookup_async (resolver, data->levels[i], CA_DNS_TYPE_CAA, cancellable,
                                    level_lookup_cb, lookup);
    }
  finish_if_done (task);
}

gboolean
ca_caa_report_run_finish (CaCaaReport  *self,
                          GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ca_caa_report_add_findings (CaCaaReport *self,
                            GPtrArray   *findings)
{
  gboolean wildcard;

  g_return_if_fail (CA_IS_CAA_REPORT (self));

  wildcard = ca_domain_is_wildcard (self->name);
  if (self->state == CA_CHECK_STATE_FAILED)
    g_ptr_array_add (findings, ca_finding_new (CA_FINDING_CAA_LOOKUP_FAILED, self->name, self->error));
  if (self->state != CA_CHECK_STATE_DONE)
    return;

  if (self->verdict.critical_unknown)
    g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_CAA_CRITICAL_UNKNOWN, self->name,
                                                      _("The CAA set of %s holds a record with an unknown tag marked critical (flag 128), so no certificate authority may issue for %s."),
                                                      self->relevant_domain, self->name));
  else if (!self->verdict.allows_amazon && !(wildcard && self->verdict.has_issuewild))
    g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_CAA_FORBIDS_AMAZON, self->name,
                                                      _("The CAA records of %s allow other certificate authorities but not Amazon, so ACM may not issue for %s."),
                                                      self->relevant_domain, self->name));
  else if (wildcard && !self->verdict.allows_amazon_wildcard)
    g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_CAA_ISSUEWILD_FORBIDS_AMAZON, self->name,
                                                      _("The CAA issuewild records of %s do not name Amazon, so ACM may not issue the wildcard certificate %s."),
                                                      self->relevant_domain, self->name));
}
