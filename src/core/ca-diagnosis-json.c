/* ca-diagnosis-json.c: the diagnose object of contract.md
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaDiagnosis"

#include "config.h"

#include "ca-diagnosis.h"
#include "ca-json.h"

#define DIAGNOSE_JSON_VERSION 1

static void
add_mail_host (JsonBuilder *builder,
               CaMailHost  *host)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "preference");
  json_builder_add_int_value (builder, ca_mail_host_get_preference (host));
  json_builder_set_member_name (builder, "host");
  json_builder_add_string_value (builder, ca_mail_host_get_host (host));
  ca_json_add_strv (builder, "addresses", ca_mail_host_get_addresses (host));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, ca_mail_host_status_to_string (ca_mail_host_get_status (host)));
  json_builder_set_member_name (builder, "is_cname");
  json_builder_add_boolean_value (builder, ca_mail_host_get_is_cname (host));
  json_builder_end_object (builder);
}

static void
add_mail (JsonBuilder  *builder,
          CaMailReport *mail)
{
  GListModel *hosts = ca_mail_report_get_hosts (mail);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, ca_mail_report_get_domain (mail));
  json_builder_set_member_name (builder, "mx");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (hosts); i++)
    {
      g_autoptr (CaMailHost) host = g_list_model_get_item (hosts, i);

      add_mail_host (builder, host);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "null_mx");
  json_builder_add_boolean_value (builder, ca_mail_report_get_null_mx (mail));
  ca_json_add_string_or_null (builder, "console_walk_domain", ca_mail_report_get_console_walk_domain (mail));
  json_builder_set_member_name (builder, "lookup_failed");
  json_builder_add_boolean_value (builder, ca_mail_report_get_state (mail) == CA_CHECK_STATE_FAILED);
  json_builder_end_object (builder);
}

static void
add_caa (JsonBuilder *builder,
         CaCaaReport *caa)
{
  GPtrArray *records = ca_caa_report_get_records (caa);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "allows_amazon");
  json_builder_add_boolean_value (builder, ca_caa_report_get_allows_amazon (caa));
  json_builder_set_member_name (builder, "allows_amazon_wildcard");
  json_builder_add_boolean_value (builder, ca_caa_report_get_allows_amazon_wildcard (caa));
  ca_json_add_string_or_null (builder, "relevant_domain", ca_caa_report_get_relevant_domain (caa));
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
  json_builder_set_member_name (builder, "lookup_failed");
  json_builder_add_boolean_value (builder, ca_caa_report_get_state (caa) == CA_CHECK_STATE_FAILED);
  json_builder_end_object (builder);
}

/* contract.md fixes `state` to three values: a record that could not be looked
 * up was not seen published, so it counts as missing, and `lookup_failed` (with
 * the dns_record_lookup_failed finding) says why. */
static const char *
contract_state (CaValidationRecordState state)
{
  if (state == CA_VALIDATION_RECORD_LOOKUP_FAILED || state == CA_VALIDATION_RECORD_PENDING)
    return "missing";
  return ca_validation_record_state_to_string (state);
}

static void
add_validation_record (JsonBuilder        *builder,
                       CaValidationRecord *record)
{
  json_builder_set_member_name (builder, "validation_record");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, ca_validation_record_get_record_name (record));
  json_builder_set_member_name (builder, "expected");
  json_builder_add_string_value (builder, ca_validation_record_get_expected (record));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, contract_state (ca_validation_record_get_state (record)));
  ca_json_add_string_or_null (builder, "found", ca_validation_record_get_found (record));
  json_builder_set_member_name (builder, "lookup_failed");
  json_builder_add_boolean_value (builder, ca_validation_record_get_state (record) == CA_VALIDATION_RECORD_LOOKUP_FAILED);
  json_builder_end_object (builder);
}

static void
add_name (JsonBuilder       *builder,
          CaNameReport      *report,
          CaDiagnosisChecks  checks)
{
  CaValidationRecord *record = ca_name_report_get_validation_record (report);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, ca_name_report_get_name (report));
  json_builder_set_member_name (builder, "approval_domain");
  json_builder_add_string_value (builder, ca_name_report_get_approval_domain (report));
  ca_json_add_strv (builder, "addresses", ca_name_report_get_addresses (report));
  json_builder_set_member_name (builder, "mail");
  if (checks & CA_DIAGNOSIS_CHECK_MAIL)
    add_mail (builder, ca_name_report_get_mail (report));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "caa");
  if (checks & CA_DIAGNOSIS_CHECK_CAA)
    add_caa (builder, ca_name_report_get_caa (report));
  else
    json_builder_add_null_value (builder);
  if (record != NULL)
    add_validation_record (builder, record);
  json_builder_end_object (builder);
}

static void
add_findings (JsonBuilder *builder,
              GListModel  *findings)
{
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);

      ca_finding_to_json (finding, builder);
    }
  json_builder_end_array (builder);
}

/* A member another check set, or its empty form. */
static void
add_external_member (JsonBuilder *builder,
                     CaDiagnosis *self,
                     const char  *member,
                     JsonNode    *(*make_empty) (void))
{
  JsonNode *node = ca_diagnosis_get_json_member (self, member);

  json_builder_set_member_name (builder, member);
  if (node != NULL)
    json_builder_add_value (builder, json_node_copy (node));
  else
    json_builder_add_value (builder, make_empty ());
}

static JsonNode *
make_empty_array (void)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, json_array_new ());
  return node;
}

static JsonNode *
make_null (void)
{
  return json_node_new (JSON_NODE_NULL);
}

/**
 * ca_diagnosis_to_json:
 *
 * The `diagnose` object of contract.md (version 1). Keys never change;
 * "registrations" and "certificate" come from ca_diagnosis_set_json_member().
 *
 * Returns: (transfer full): the object
 */
JsonNode *
ca_diagnosis_to_json (CaDiagnosis *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  GListModel *names;

  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);

  names = ca_diagnosis_get_names (self);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DIAGNOSE_JSON_VERSION);
  json_builder_set_member_name (builder, "names");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (names, i);

      add_name (builder, report, ca_diagnosis_get_checks (self));
    }
  json_builder_end_array (builder);
  add_external_member (builder, self, "registrations", make_empty_array);
  add_external_member (builder, self, "certificate", make_null);
  add_findings (builder, ca_diagnosis_get_findings (self));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
