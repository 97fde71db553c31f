/* ca-report-json.c: the summary of a journey as the contract's JSON
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaReport"

#include "config.h"

#include "ca-acm-record.h"
#include "ca-certificate-watch.h"
#include "ca-enums.h"
#include "ca-report.h"
#include "ca-session-action.h"

/*
 * The export is `diagnose --json` (contract.md) when the journey ran a
 * diagnosis; otherwise the same skeleton with the certificate's `describe`
 * object. What the AWS journeys add goes in new members, as the contract
 * allows: "actions" (what was done) and "watches" (what is being followed).
 */

#define DIAGNOSE_JSON_VERSION 1

static char *
format_time (GDateTime *time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_optional_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_action (JsonBuilder     *builder,
            CaSessionAction *action)
{
  g_autofree char *at = format_time (ca_session_action_get_time (action));

  json_builder_begin_object (builder);
  add_optional_string (builder, "action", ca_session_action_get_kind_string (action));
  add_optional_string (builder, "arn", ca_session_action_get_arn (action));
  add_optional_string (builder, "name", ca_session_action_get_name (action));
  add_optional_string (builder, "validation_domain", ca_session_action_get_validation_domain (action));
  add_optional_string (builder, "at", at);
  json_builder_end_object (builder);
}

/* "waiting-for-records" → "waiting_for_records", as JSON values are spelled. */
static char *
get_enum_word (GType type,
               int   value)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  return g_strdelimit (g_strdup (enum_value != NULL ? enum_value->value_nick : "unknown"), "-", '_');
}

static void
add_watch (JsonBuilder        *builder,
           CaCertificateWatch *watch)
{
  GPtrArray *records = ca_certificate_watch_get_records (watch);
  GDateTime *deadline = ca_certificate_watch_get_deadline (watch);
  g_autofree char *kind = get_enum_word (CA_TYPE_WATCH_KIND, ca_certificate_watch_get_kind (watch));
  g_autofree char *stage = get_enum_word (CA_TYPE_WATCH_STAGE, ca_certificate_watch_get_stage (watch));
  g_autofree char *until = deadline != NULL ? format_time (deadline) : NULL;

  json_builder_begin_object (builder);
  add_optional_string (builder, "arn", ca_certificate_watch_get_arn (watch));
  add_optional_string (builder, "kind", kind);
  add_optional_string (builder, "stage", stage);
  add_optional_string (builder, "deadline", until);
  /* The records as `migrate` prints them. */
  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      CaAcmRecord *record = g_ptr_array_index (records, i);

      json_builder_begin_object (builder);
      add_optional_string (builder, "name", ca_acm_record_get_name (record));
      add_optional_string (builder, "type", ca_acm_record_get_type_name (record));
      add_optional_string (builder, "value", ca_acm_record_get_value (record));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static JsonNode *
build_extras (GListModel *actions,
              GListModel *watches)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "actions");
  json_builder_begin_array (builder);
  for (guint i = 0; actions != NULL && i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr (CaSessionAction) action = g_list_model_get_item (actions, i);

      add_action (builder, action);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "watches");
  json_builder_begin_array (builder);
  for (guint i = 0; watches != NULL && i < g_list_model_get_n_items (watches); i++)
    {
      g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (watches, i);

      add_watch (builder, watch);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
build_skeleton (CaAcmCertificate *certificate)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DIAGNOSE_JSON_VERSION);
  json_builder_set_member_name (builder, "names");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "registrations");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "certificate");
  if (certificate != NULL)
    ca_acm_certificate_to_json (certificate, builder);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * ca_report_to_json:
 * @diagnosis: (nullable): the diagnosis the journey ran
 * @certificate: (nullable): the certificate, used when there is no diagnosis
 * @actions: (nullable): the #CaSessionAction list of what was done
 * @watches: (nullable): the #CaCertificateWatch list of certificates followed
 *
 * Returns: (transfer full): the report: `diagnose --json`'s object with
 *   "actions" and "watches" added
 */
JsonNode *
ca_report_to_json (CaDiagnosis      *diagnosis,
                   CaAcmCertificate *certificate,
                   GListModel       *actions,
                   GListModel       *watches)
{
  return ca_report_to_json_with_found (diagnosis, certificate, NULL, actions, watches);
}

/* "found": [{"title", "detail"}], what the pages found without a diagnosis. */
static JsonNode *
build_found (GPtrArray *found)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < found->len; i++)
    {
      CaFact *fact = g_ptr_array_index (found, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, ca_fact_get_title (fact));
      json_builder_set_member_name (builder, "detail");
      if (ca_fact_get_detail (fact) != NULL && *ca_fact_get_detail (fact) != '\0')
        json_builder_add_string_value (builder, ca_fact_get_detail (fact));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/**
 * ca_report_to_json_with_found:
 * @found: (element-type CaFact) (nullable): what the journey's pages found
 *   when it ran no diagnosis, such as the approval addresses
 *
 * As ca_report_to_json(), with @found as "found" when there is no diagnosis.
 */
JsonNode *
ca_report_to_json_with_found (CaDiagnosis      *diagnosis,
                              CaAcmCertificate *certificate,
                              GPtrArray        *found,
                              GListModel       *actions,
                              GListModel       *watches)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) extras = build_extras (actions, watches);
  JsonObject *object;
  JsonObject *extra;

  g_return_val_if_fail (diagnosis == NULL || CA_IS_DIAGNOSIS (diagnosis), NULL);

  root = diagnosis != NULL ? ca_diagnosis_to_json (diagnosis) : build_skeleton (certificate);
  object = json_node_get_object (root);
  extra = json_node_get_object (extras);
  json_object_set_member (object, "actions", json_node_copy (json_object_get_member (extra, "actions")));
  json_object_set_member (object, "watches", json_node_copy (json_object_get_member (extra, "watches")));
  if (diagnosis == NULL && found != NULL && found->len > 0)
    json_object_set_member (object, "found", build_found (found));
  return g_steal_pointer (&root);
}
