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
#include "ca-check.h"
#include "ca-diagnosis.h"
#include "ca-domain.h"
#include "ca-enums.h"
#include "ca-finding.h"
#include "ca-json.h"

/**
 * CaCaaReport:
 *
 * The RFC 8659 climb: the relevant CAA set of a name is the one at the name
 * or its closest ancestor that has one, the TLD included (a CNAME at a level
 * is followed by the resolver). All levels are asked at once and read closest
 * first, so the climb costs one round trip. A failed lookup before a set was
 * found stops the climb: a CA must not issue then (BR §3.2.2.8). So does an
 * answer that fails DNSSEC validation, whatever it holds: the CA validates,
 * and would refuse.
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

static void ca_caa_report_check_init (CaCheckInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaCaaReport, ca_caa_report, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CA_TYPE_CHECK, ca_caa_report_check_init))

enum {
  PROP_0,
  PROP_NAME,
  PROP_RELEVANT_DOMAIN,
  PROP_ALLOWS_AMAZON,
  PROP_ALLOWS_AMAZON_WILDCARD,
  PROP_ERROR,
  N_PROPS,
  /* CaCheck's */
  PROP_STATE = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char       **levels;   /* the name, then each parent up to the TLD */
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

  /* RFC 8659 §3 climbs "up to but not including the DNS root": a TLD's own
   * CAA set binds every name under it that has none closer. */
  for (; p != NULL; p = strchr (p, '.') != NULL ? strchr (p, '.') + 1 : NULL)
    g_strv_builder_add (builder, p);
  return g_strv_builder_end (builder);
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  g_autofree char *first = ca_dns_record_to_string (*(const CaDnsRecord **) a);
  g_autofree char *second = ca_dns_record_to_string (*(const CaDnsRecord **) b);

  return g_strcmp0 (first, second);
}

/* Servers rotate the records of a set: sorted, a report says the same each time. */
static void
take_set (CaCaaReport *self,
          const char  *domain,
          CaDnsAnswer *answer)
{
  GPtrArray *records = ca_dns_answer_get_records (answer);

  self->relevant_domain = g_strdup (domain);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (self->records, ca_dns_record_copy (g_ptr_array_index (records, i)));
  g_ptr_array_sort (self->records, compare_records);
  ca_caa_evaluate (self->records, &self->verdict);
}

static char *
describe_level_failure (RunData *data,
                        guint    level)
{
  CaDnsAnswer *answer = data->answers[level];

  if (answer == NULL)
    return g_strdup (data->errors[level]);
  if (ca_dns_answer_get_n_malformed (answer) > 0)
    /* Translators: %s is a domain */
    return g_strdup_printf (_("The DNS answer for the CAA records of %s holds a record that cannot be read, so a certificate authority treats the lookup as failed and may not issue. Ask your DNS provider to correct the CAA records."),
                            data->levels[level]);
  if (ca_dns_answer_is_bogus (answer))
    /* Translators: %s are a domain and the validator's reason */
    return g_strdup_printf (_("The CAA answer for %s failed DNSSEC validation (%s), so a certificate authority treats the lookup as failed and may not issue."),
                            data->levels[level], ca_dns_answer_get_why_bogus (answer) != NULL ? ca_dns_answer_get_why_bogus (answer) : _("no reason given"));
  /* Translators: %s are a domain and a DNS code such as SERVFAIL */
  return g_strdup_printf (_("The question for the CAA records of %s failed: the DNS server answered %s."),
                          data->levels[level], ca_dns_rcode_to_string (ca_dns_answer_get_rcode (answer)));
}

static void
fail_level (CaCaaReport *self,
            RunData     *data,
            guint        level)
{
  self->error = describe_level_failure (data, level);
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
      /* A dropped record could be the one that forbids Amazon: never "may issue". */
      if (answer == NULL || ca_dns_answer_is_failure (answer) || ca_dns_answer_is_bogus (answer) ||
          ca_dns_answer_get_n_malformed (answer) > 0)
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
  for (guint i = PROP_RELEVANT_DOMAIN; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  /* Last: whoever follows the state finds the rest up to date. */
  g_object_notify (G_OBJECT (self), "state");
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
      g_value_set_enum (value, self->state);
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
  properties[PROP_RELEVANT_DOMAIN] = g_param_spec_string ("relevant-domain", NULL, NULL, NULL, flags);
  properties[PROP_ALLOWS_AMAZON] = g_param_spec_boolean ("allows-amazon", NULL, NULL, FALSE, flags);
  properties[PROP_ALLOWS_AMAZON_WILDCARD] = g_param_spec_boolean ("allows-amazon-wildcard", NULL, NULL, FALSE, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_STATE, "state");
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

/* What stops Amazon from issuing for the name, or %NULL when nothing does. */
static CaFinding *
create_verdict_finding (CaCaaReport *self)
{
  gboolean wildcard = ca_domain_is_wildcard (self->name);

  if (self->verdict.critical_unknown)
    return ca_finding_new_printf (CA_FINDING_CAA_CRITICAL_UNKNOWN, self->name,
                                  _("The CAA set of %s holds a record with an unknown tag marked critical (flag 128), so no certificate authority may issue for %s."),
                                  self->relevant_domain, self->name);
  if (!self->verdict.allows_amazon && !(wildcard && self->verdict.has_issuewild))
    return ca_finding_new_printf (CA_FINDING_CAA_FORBIDS_AMAZON, self->name,
                                  _("The CAA records of %s allow other certificate authorities but not Amazon, so ACM may not issue for %s."),
                                  self->relevant_domain, self->name);
  if (wildcard && !self->verdict.allows_amazon_wildcard)
    return ca_finding_new_printf (CA_FINDING_CAA_ISSUEWILD_FORBIDS_AMAZON, self->name,
                                  _("The CAA issuewild records of %s do not name Amazon, so ACM may not issue the wildcard certificate %s."),
                                  self->relevant_domain, self->name);
  return NULL;
}

void
ca_caa_report_add_findings (CaCaaReport *self,
                            GPtrArray   *findings)
{
  CaFinding *finding;

  g_return_if_fail (CA_IS_CAA_REPORT (self));

  if (self->state == CA_CHECK_STATE_FAILED)
    g_ptr_array_add (findings, ca_finding_new (CA_FINDING_CAA_LOOKUP_FAILED, self->name, self->error));
  if (self->state != CA_CHECK_STATE_DONE)
    return;

  finding = create_verdict_finding (self);
  if (finding != NULL)
    g_ptr_array_add (findings, finding);
}

/*
 * CaCheck
 */

static const char *
get_id (CaCheck *check)
{
  return "caa";
}

static const char *
get_name (CaCheck *check)
{
  return CA_CAA_REPORT (check)->name;
}

static const char *
get_title (CaCheck *check)
{
  return _("Certificate Authorities (CAA)");
}

static void
run_check_async (CaCheck             *check,
                 CaDiagnosis         *diagnosis,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  ca_caa_report_run_async (CA_CAA_REPORT (check), ca_diagnosis_get_resolver (diagnosis),
                           cancellable, callback, user_data);
}

static void
add_check_findings (CaCheck   *check,
                    GPtrArray *findings)
{
  ca_caa_report_add_findings (CA_CAA_REPORT (check), findings);
}

static CaFact *
create_verdict_fact (CaCaaReport *self)
{
  g_autoptr (CaFinding) finding = create_verdict_finding (self);

  if (finding != NULL)
    return ca_fact_new (CA_FACT_PROBLEM, _("Amazon may not issue"), ca_finding_get_message (finding));
  if (self->relevant_domain == NULL)
    return ca_fact_new (CA_FACT_GOOD, _("Amazon may issue"),
                        _("There are no CAA records, so every certificate authority may issue."));
  return ca_fact_new_printf (CA_FACT_GOOD, _("Amazon may issue"), _("The CAA records at %s allow Amazon."),
                             self->relevant_domain);
}

static void
describe (CaCheck   *check,
          GPtrArray *facts)
{
  CaCaaReport *self = CA_CAA_REPORT (check);

  switch (self->state)
    {
    case CA_CHECK_STATE_PENDING:
      g_ptr_array_add (facts, ca_fact_new (CA_FACT_PENDING, _("Certificate Authorities (CAA)"), _("Looking up…")));
      return;
    case CA_CHECK_STATE_FAILED:
      g_ptr_array_add (facts, ca_fact_new (CA_FACT_WARNING, _("The CAA records could not be looked up"), self->error));
      return;
    case CA_CHECK_STATE_SKIPPED:
      return;
    case CA_CHECK_STATE_DONE:
    default:
      break;
    }

  g_ptr_array_add (facts, create_verdict_fact (self));
  for (guint i = 0; i < self->records->len; i++)
    {
      const CaDnsRecord *record = g_ptr_array_index (self->records, i);
      g_autofree char *text = g_strdup_printf ("%u %s \"%s\"", record->flags, record->tag, record->value);

      /* Translators: %s is the domain where the CAA record was found */
      g_ptr_array_add (facts, ca_fact_new_printf (CA_FACT_NOTE, text, _("A CAA record at %s"), self->relevant_domain));
    }
}

static void
add_records_json (JsonBuilder *builder,
                  GPtrArray   *records)
{
  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      const CaDnsRecord *record = g_ptr_array_index (records, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "flags");
      json_builder_add_int_value (builder, record->flags);
      json_builder_set_member_name (builder, "tag");
      json_builder_add_string_value (builder, record->tag);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, record->value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* names[].caa of contract.md */
static void
add_json (CaCheck     *check,
          JsonBuilder *builder,
          gboolean     skipped)
{
  CaCaaReport *self = CA_CAA_REPORT (check);

  json_builder_set_member_name (builder, "caa");
  if (skipped)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "allows_amazon");
  json_builder_add_boolean_value (builder, self->verdict.allows_amazon);
  json_builder_set_member_name (builder, "allows_amazon_wildcard");
  json_builder_add_boolean_value (builder, self->verdict.allows_amazon_wildcard);
  ca_json_add_string_or_null (builder, "relevant_domain", self->relevant_domain);
  add_records_json (builder, self->records);
  json_builder_set_member_name (builder, "lookup_failed");
  json_builder_add_boolean_value (builder, self->state == CA_CHECK_STATE_FAILED);
  json_builder_end_object (builder);
}

static void
ca_caa_report_check_init (CaCheckInterface *iface)
{
  iface->get_id = get_id;
  iface->get_name = get_name;
  iface->get_title = get_title;
  iface->run_async = run_check_async;
  iface->add_findings = add_check_findings;
  iface->describe = describe;
  iface->add_json = add_json;
  iface->uses_resolver = TRUE;
}
