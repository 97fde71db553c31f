/* ca-test-check.c: a trivial check, added from outside through the CaCheck interface
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ca-diagnosis.h"
#include "ca-enums.h"
#include "ca-test-check.h"

/* Counts the names of the diagnosis, says so in one fact, writes "hello":
 * {"names": N} into the diagnose object and warns about the whole request
 * with a finding. What a newcomer's first check looks like. */
struct _CaTestCheck
{
  GObject      parent_instance;

  CaCheckState state;
  guint        n_names;
};

static void ca_test_check_check_init (CaCheckInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaTestCheck, ca_test_check, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CA_TYPE_CHECK, ca_test_check_check_init))

enum {
  PROP_0,
  PROP_STATE,
};

static const char *
get_id (CaCheck *check)
{
  return "hello";
}

static const char *
get_title (CaCheck *check)
{
  return "Hello Check";
}

static gboolean
land_cb (gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CaTestCheck *self = g_task_get_source_object (task);

  self->state = CA_CHECK_STATE_DONE;
  g_object_notify (G_OBJECT (self), "state");
  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

/* Lands from the main loop, as a lookup would. */
static void
run_async (CaCheck             *check,
           CaDiagnosis         *diagnosis,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  CaTestCheck *self = CA_TEST_CHECK (check);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  self->n_names = g_list_model_get_n_items (ca_diagnosis_get_names (diagnosis));
  g_idle_add (land_cb, task);
}

static void
add_findings (CaCheck   *check,
              GPtrArray *findings)
{
  g_ptr_array_add (findings, ca_finding_new (CA_FINDING_EMAIL_VALIDATION_PHASE_OUT, NULL, "Hello from a test check."));
}

static void
describe (CaCheck   *check,
          GPtrArray *facts)
{
  CaTestCheck *self = CA_TEST_CHECK (check);

  if (self->state == CA_CHECK_STATE_DONE)
    g_ptr_array_add (facts, ca_fact_new_printf (CA_FACT_GOOD, "Hello", "%u names said hello", self->n_names));
  else
    g_ptr_array_add (facts, ca_fact_new (CA_FACT_PENDING, "Hello", "Waiting…"));
}

static void
add_json (CaCheck     *check,
          JsonBuilder *builder,
          gboolean     skipped)
{
  json_builder_set_member_name (builder, "hello");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "names");
  json_builder_add_int_value (builder, CA_TEST_CHECK (check)->n_names);
  json_builder_end_object (builder);
}

static void
ca_test_check_check_init (CaCheckInterface *iface)
{
  iface->get_id = get_id;
  iface->get_title = get_title;
  iface->run_async = run_async;
  iface->add_findings = add_findings;
  iface->describe = describe;
  iface->add_json = add_json;
}

static void
ca_test_check_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  if (prop_id == PROP_STATE)
    g_value_set_enum (value, CA_TEST_CHECK (object)->state);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ca_test_check_class_init (CaTestCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ca_test_check_get_property;
  g_object_class_override_property (object_class, PROP_STATE, "state");
}

static void
ca_test_check_init (CaTestCheck *self)
{
}
