/* ca-diagnosis.c: every check for a set of names, run at once
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaDiagnosis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-diagnosis.h"
#include "ca-domain.h"
#include "ca-error.h"

/**
 * CaDiagnosis:
 *
 * Holds one #CaNameReport per name and starts every independent lookup of
 * every name at once: the MX check, the CAA climb and, when ACM gave one,
 * the validation record. When all have ended it gathers the findings, most
 * severe first. The reports fill in (and notify) as answers arrive.
 *
 * Other checks plug in from outside: they add findings with
 * ca_diagnosis_add_finding() and their JSON with ca_diagnosis_set_json_member()
 * ("registrations", "certificate"), which ca_diagnosis_to_json() writes.
 */
struct _CaDiagnosis
{
  GObject            parent_instance;

  CaDnsResolver     *resolver;
  CaDiagnosisChecks  checks;
  GListStore        *names;
  GListStore        *findings;
  GHashTable        *json_members;
  gboolean           running;
  CaRegistrationClient *registration_client;
  GListStore        *registrations;
};

G_DEFINE_FINAL_TYPE (CaDiagnosis, ca_diagnosis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RESOLVER,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  guint pending;
} RunData;

static const struct
{
  const char        *word;
  CaDiagnosisChecks  check;
} check_words[] = {
  { "mail", CA_DIAGNOSIS_CHECK_MAIL },
  { "caa", CA_DIAGNOSIS_CHECK_CAA },
  { "registration", CA_DIAGNOSIS_CHECK_REGISTRATION },
  { "certificate", CA_DIAGNOSIS_CHECK_CERTIFICATE },
};

/*
 * Auxiliary methods
 */

static void
set_running (CaDiagnosis *self,
             gboolean     running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return ca_finding_compare ((CaFinding *) a, (CaFinding *) b);
}

/* The registration lookups' findings and their `registrations[]` items. */
static void
collect_registrations (CaDiagnosis *self)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) node = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->registrations));

  if (self->registration_client == NULL || !(self->checks & CA_DIAGNOSIS_CHECK_REGISTRATION))
    return;

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CaRegistration) registration = g_list_model_get_item (G_LIST_MODEL (self->registrations), i);
      g_autoptr (GPtrArray) findings = ca_registration_create_findings (registration);

      ca_registration_to_json (registration, builder);
      for (guint j = 0; j < findings->len; j++)
        ca_diagnosis_add_finding (self, g_ptr_array_index (findings, j));
    }
  json_builder_end_array (builder);
  node = json_builder_get_root (builder);
  ca_diagnosis_set_json_member (self, "registrations", node);
}

static void
collect_findings (CaDiagnosis *self)
{
  g_autoptr (GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_names = g_list_model_get_n_items (G_LIST_MODEL (self->names));

  for (guint i = 0; i < n_names; i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (G_LIST_MODEL (self->names), i);

      ca_name_report_add_findings (report, findings);
    }

  for (guint i = 0; i < findings->len; i++)
    g_list_store_insert_sorted (self->findings, g_ptr_array_index (findings, i),
                                compare_findings, NULL);
  collect_registrations (self);
}

static void
finish_if_done (GTask *task)
{
  CaDiagnosis *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;

  set_running (self, FALSE);
  if (g_task_return_error_if_cancelled (task))
    return;

  collect_findings (self);
  g_task_return_boolean (task, TRUE);
}

/*
 * Callbacks
 */

static void
mail_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;

  ca_mail_report_run_finish (CA_MAIL_REPORT (object), result, NULL);
  finish_if_done (task);
}

static void
caa_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;

  ca_caa_report_run_finish (CA_CAA_REPORT (object), result, NULL);
  finish_if_done (task);
}

static void
record_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;

  ca_validation_record_run_finish (CA_VALIDATION_RECORD (object), result, NULL);
  finish_if_done (task);
}

static void
registration_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;

  ca_registration_client_fill_finish (CA_REGISTRATION_CLIENT (object), result, NULL);
  finish_if_done (task);
}

/* One lookup per distinct registrable domain, alongside the DNS checks. */
static void
start_registrations (CaDiagnosis *self,
                     GTask       *task)
{
  RunData *data = g_task_get_task_data (task);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->names));

  g_list_store_remove_all (self->registrations);
  if (self->registration_client == NULL || !(self->checks & CA_DIAGNOSIS_CHECK_REGISTRATION))
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (G_LIST_MODEL (self->names), i);
      g_autofree char *domain = ca_domain_get_registrable_domain (ca_name_report_get_name (report), NULL);
      g_autoptr (CaRegistration) registration = NULL;

      if (!g_hash_table_add (seen, g_strdup (domain)))
        continue;
      registration = ca_registration_new (domain);
      g_list_store_append (self->registrations, registration);
      data->pending++;
      ca_registration_client_fill_async (self->registration_client, registration,
                                         g_task_get_cancellable (task),
                                         registration_done_cb, g_object_ref (task));
    }
}

static void
start_name (CaDiagnosis  *self,
            GTask        *task,
            CaNameReport *report)
{
  RunData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  CaValidationRecord *record = ca_name_report_get_validation_record (report);

  if (self->checks & CA_DIAGNOSIS_CHECK_MAIL)
    {
      data->pending++;
      ca_mail_report_run_async (ca_name_report_get_mail (report), self->resolver, cancellable,
                                mail_done_cb, g_object_ref (task));
    }
  if (self->checks & CA_DIAGNOSIS_CHECK_CAA)
    {
      data->pending++;
      ca_caa_report_run_async (ca_name_report_get_caa (report), self->resolver, cancellable,
                               caa_done_cb, g_object_ref (task));
    }
  if (record != NULL)
    {
      data->pending++;
      ca_validation_record_run_async (record, self->resolver, cancellable,
                                      record_done_cb, g_object_ref (task));
    }
}

/*
 * Overrides
 */

static void
ca_diagnosis_finalize (GObject *object)
{
  CaDiagnosis *self = (CaDiagnosis *) object;

  g_clear_object (&self->resolver);
  g_clear_object (&self->names);
  g_clear_object (&self->findings);
  g_clear_pointer (&self->json_members, g_hash_table_unref);
  g_clear_object (&self->registration_client);
  g_clear_object (&self->registrations);

  G_OBJECT_CLASS (ca_diagnosis_parent_class)->finalize (object);
}

static void
ca_diagnosis_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CaDiagnosis *self = CA_DIAGNOSIS (object);

  switch (prop_id)
    {
    case PROP_RESOLVER:
      g_value_set_object (value, self->resolver);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_diagnosis_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CaDiagnosis *self = CA_DIAGNOSIS (object);

  switch (prop_id)
    {
    case PROP_RESOLVER:
      self->resolver = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_diagnosis_class_init (CaDiagnosisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_diagnosis_finalize;
  object_class->get_property = ca_diagnosis_get_property;
  object_class->set_property = ca_diagnosis_set_property;

  properties[PROP_RESOLVER] = g_param_spec_object ("resolver", NULL, NULL, CA_TYPE_DNS_RESOLVER,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_diagnosis_init (CaDiagnosis *self)
{
  self->checks = CA_DIAGNOSIS_CHECK_ALL;
  self->names = g_list_store_new (CA_TYPE_NAME_REPORT);
  self->findings = g_list_store_new (CA_TYPE_FINDING);
  self->registrations = g_list_store_new (CA_TYPE_REGISTRATION);
  self->json_members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) json_node_unref);
}

/*
 * Public API
 */

CaDiagnosis *
ca_diagnosis_new (CaDnsResolver *resolver)
{
  g_return_val_if_fail (CA_IS_DNS_RESOLVER (resolver), NULL);

  return g_object_new (CA_TYPE_DIAGNOSIS, "resolver", resolver, NULL);
}

CaDnsResolver *
ca_diagnosis_get_resolver (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  return self->resolver;
}

CaDiagnosisChecks
ca_diagnosis_get_checks (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), 0);
  return self->checks;
}

void
ca_diagnosis_set_checks (CaDiagnosis       *self,
                         CaDiagnosisChecks  checks)
{
  g_return_if_fail (CA_IS_DIAGNOSIS (self));
  self->checks = checks;
}

/**
 * ca_diagnosis_add_name:
 * @name: a name as the user typed it
 * @validation_domain: (nullable): the ValidationDomain for it
 *
 * Returns: (transfer none): the report for the name, or %NULL with
 *   %CA_ERROR_INVALID_DOMAIN or %CA_ERROR_INVALID_VALIDATION_DOMAIN
 */
CaNameReport *
ca_diagnosis_add_name (CaDiagnosis *self,
                       const char  *name,
                       const char  *validation_domain,
                       GError     **error)
{
  g_autoptr (CaNameReport) report = NULL;
  CaNameReport *existing;

  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  report = ca_name_report_new (name, validation_domain, error);
  if (report == NULL)
    return NULL;

  /* A name given twice is diagnosed once. */
  existing = ca_diagnosis_find_name (self, ca_name_report_get_name (report));
  if (existing != NULL)
    return existing;

  g_list_store_append (self->names, report);
  return report;
}

/**
 * ca_diagnosis_find_name:
 *
 * Returns: (transfer none) (nullable): the report for @name
 */
CaNameReport *
ca_diagnosis_find_name (CaDiagnosis *self,
                        const char  *name)
{
  guint n;

  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->names));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (G_LIST_MODEL (self->names), i);

      if (ca_dns_name_equal (ca_name_report_get_name (report), name))
        return report;
    }
  return NULL;
}

/**
 * ca_diagnosis_set_validation_record:
 * @name: a name already added
 * @record_name: the CNAME's name from ACM's ResourceRecord
 * @value: the CNAME's value
 *
 * Call before ca_diagnosis_run_async().
 *
 * Returns: %FALSE when @name is not part of the diagnosis
 */
gboolean
ca_diagnosis_set_validation_record (CaDiagnosis *self,
                                    const char  *name,
                                    const char  *record_name,
                                    const char  *value)
{
  CaNameReport *report;

  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), FALSE);

  report = ca_diagnosis_find_name (self, name);
  if (report == NULL)
    return FALSE;
  ca_name_report_set_validation_record (report, record_name, value);
  return TRUE;
}

/**
 * ca_diagnosis_set_registration_client:
 * @client: (nullable): the client for the registration check, or %NULL to skip it
 *
 * Call before ca_diagnosis_run_async().
 */
void
ca_diagnosis_set_registration_client (CaDiagnosis          *self,
                                      CaRegistrationClient *client)
{
  g_return_if_fail (CA_IS_DIAGNOSIS (self));
  g_return_if_fail (client == NULL || CA_IS_REGISTRATION_CLIENT (client));

  g_set_object (&self->registration_client, client);
}

/* Returns: (transfer none): #CaRegistration items, one per registrable domain,
 *   pending until their lookup ends */
GListModel *
ca_diagnosis_get_registrations (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  return G_LIST_MODEL (self->registrations);
}

/* For checks that live outside the diagnosis (registration data, ACM). */
void
ca_diagnosis_add_finding (CaDiagnosis *self,
                          CaFinding   *finding)
{
  g_return_if_fail (CA_IS_DIAGNOSIS (self));
  g_return_if_fail (CA_IS_FINDING (finding));

  g_list_store_insert_sorted (self->findings, finding, compare_findings, NULL);
}

/**
 * ca_diagnosis_set_json_member:
 * @member: a top-level key of the diagnose object, such as "registrations"
 * @node: (transfer none): its value
 */
void
ca_diagnosis_set_json_member (CaDiagnosis *self,
                              const char  *member,
                              JsonNode    *node)
{
  g_return_if_fail (CA_IS_DIAGNOSIS (self));
  g_return_if_fail (member != NULL && node != NULL);

  g_hash_table_replace (self->json_members, g_strdup (member), json_node_copy (node));
}

/* Returns: (transfer none) (nullable): what ca_diagnosis_set_json_member() set */
JsonNode *
ca_diagnosis_get_json_member (CaDiagnosis *self,
                              const char  *member)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  return g_hash_table_lookup (self->json_members, member);
}

/* Returns: (transfer none): #CaNameReport items, in the order added */
GListModel *
ca_diagnosis_get_names (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  return G_LIST_MODEL (self->names);
}

/* Returns: (transfer none): #CaFinding items, most severe first */
GListModel *
ca_diagnosis_get_findings (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  return G_LIST_MODEL (self->findings);
}

gboolean
ca_diagnosis_get_running (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), FALSE);
  return self->running;
}

/**
 * ca_diagnosis_run_async:
 *
 * Runs every check of every name at once. Failed lookups become findings;
 * the task fails only when cancelled.
 */
void
ca_diagnosis_run_async (CaDiagnosis         *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  RunData *data;
  guint n;

  g_return_if_fail (CA_IS_DIAGNOSIS (self));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_diagnosis_run_async);
  data = g_new0 (RunData, 1);
  data->pending = 1;
  g_task_set_task_data (task, data, g_free);

  set_running (self, TRUE);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->names));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (G_LIST_MODEL (self->names), i);

      start_name (self, task, report);
    }
  start_registrations (self, task);
  finish_if_done (task);
}

gboolean
ca_diagnosis_run_finish (CaDiagnosis  *self,
                         GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ca_diagnosis_parse_checks:
 * @list: comma-separated words of `mail,caa,registration,certificate`
 *
 * Returns: %FALSE with %CA_ERROR_INVALID_INPUT on an unknown word
 */
gboolean
ca_diagnosis_parse_checks (const char         *list,
                           CaDiagnosisChecks  *checks,
                           GError            **error)
{
  g_auto (GStrv) words = NULL;
  CaDiagnosisChecks result = 0;

  g_return_val_if_fail (list != NULL, FALSE);

  words = g_strsplit (list, ",", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean known = FALSE;

      g_strstrip (words[i]);
      for (guint j = 0; j < G_N_ELEMENTS (check_words); j++)
        if (strcmp (words[i], check_words[j].word) == 0)
          {
            result |= check_words[j].check;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                       _("Unknown check “%s”: choose from mail, caa, registration and certificate."),
                       words[i]);
          return FALSE;
        }
    }

  if (result == 0)
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                           _("Name at least one check: mail, caa, registration or certificate."));
      return FALSE;
    }

  *checks = result;
  return TRUE;
}
