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

/* Each check writes its own members: those about @name, or with %NULL those
 * about the whole request. */
static void
add_checks (JsonBuilder *builder,
            CaDiagnosis *self,
            const char  *name)
{
  GListModel *checks = ca_diagnosis_get_checks (self);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr (CaCheck) check = g_list_model_get_item (checks, i);

      if (g_strcmp0 (ca_check_get_name (check), name) == 0)
        ca_check_add_json (check, builder, !ca_diagnosis_is_selected (self, check));
    }
}

static void
add_name (JsonBuilder  *builder,
          CaDiagnosis  *self,
          CaNameReport *report)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, ca_name_report_get_name (report));
  json_builder_set_member_name (builder, "approval_domain");
  json_builder_add_string_value (builder, ca_name_report_get_approval_domain (report));
  ca_json_add_strv (builder, "addresses", ca_name_report_get_addresses (report));
  add_checks (builder, self, ca_name_report_get_name (report));
  json_builder_end_object (builder);
}

/* "views": those that answered (passed their resolver check), local first. */
static void
add_views (JsonBuilder *builder,
           CaDiagnosis *self)
{
  static const CaDnsView views[] = { CA_DNS_VIEW_LOCAL, CA_DNS_VIEW_PUBLIC };

  json_builder_set_member_name (builder, "views");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (ca_diagnosis_get_view_answered (self, views[i]))
      json_builder_add_string_value (builder, ca_dns_view_to_string (views[i]));
  json_builder_end_array (builder);
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

/**
 * ca_diagnosis_to_json:
 *
 * The `diagnose` object of contract.md (version 1). `registrations` and
 * `certificate` are always there: empty and null when no check wrote them.
 *
 * Returns: (transfer full): the object
 */
JsonNode *
ca_diagnosis_to_json (CaDiagnosis *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  GListModel *names;
  JsonObject *object;

  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);

  names = ca_diagnosis_get_names (self);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DIAGNOSE_JSON_VERSION);
  add_views (builder, self);
  json_builder_set_member_name (builder, "names");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (names, i);

      add_name (builder, self, report);
    }
  json_builder_end_array (builder);
  add_checks (builder, self, NULL);
  add_findings (builder, ca_diagnosis_get_findings (self));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "registrations"))
    json_object_set_array_member (object, "registrations", json_array_new ());
  if (!json_object_has_member (object, "certificate"))
    json_object_set_null_member (object, "certificate");
  return g_steal_pointer (&root);
}
