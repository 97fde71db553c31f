/* ca-registration-check.c: registration data of every registrable domain of a diagnosis
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRegistrationCheck"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-diagnosis.h"
#include "ca-domain.h"
#include "ca-enums.h"
#include "ca-registration-check.h"

/**
 * CaRegistrationCheck:
 *
 * One RDAP/WHOIS lookup per distinct registrable domain of the diagnosis'
 * names, all at once and beside the DNS checks. Each #CaRegistration is in
 * the list (pending) as soon as its lookup starts, so a front end can show
 * it at once and watch it fill in.
 */
struct _CaRegistrationCheck
{
  GObject               parent_instance;

  CaRegistrationClient *client;
  GListStore           *registrations;
  CaCheckState          state;
  guint                 pending;
};

static void ca_registration_check_check_init (CaCheckInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaRegistrationCheck, ca_registration_check, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CA_TYPE_CHECK, ca_registration_check_check_init))

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

/*
 * Auxiliary methods
 */

static void
set_state (CaRegistrationCheck *self,
           CaCheckState         state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify (G_OBJECT (self), "state");
}

static CaRegistration *
get_registration (CaRegistrationCheck *self,
                  guint                position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->registrations), position);
}

/*
 * Callbacks
 */

static void
fill_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaRegistrationCheck *self = g_task_get_source_object (task);

  /* A failed lookup is the registration's verdict, not an error. */
  ca_registration_client_fill_finish (CA_REGISTRATION_CLIENT (object), result, NULL);
  if (--self->pending > 0)
    return;
  if (g_task_return_error_if_cancelled (task))
    return;
  set_state (self, CA_CHECK_STATE_DONE);
  g_task_return_boolean (task, TRUE);
}

/*
 * CaCheck
 */

static const char *
get_id (CaCheck *check)
{
  return "registration";
}

static const char *
get_title (CaCheck *check)
{
  return _("Registration Data");
}

static void
start_lookup (CaRegistrationCheck *self,
              const char          *domain,
              GTask               *task)
{
  g_autoptr (CaRegistration) registration = ca_registration_new (domain);

  g_list_store_append (self->registrations, registration);
  self->pending++;
  ca_registration_client_fill_async (self->client, registration, g_task_get_cancellable (task),
                                     fill_cb, g_object_ref (task));
}

static void
run_check_async (CaCheck             *check,
                 CaDiagnosis         *diagnosis,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  CaRegistrationCheck *self = CA_REGISTRATION_CHECK (check);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *names = ca_diagnosis_get_names (diagnosis);

  g_task_set_source_tag (task, run_check_async);
  g_list_store_remove_all (self->registrations);
  set_state (self, CA_CHECK_STATE_PENDING);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (names, i);
      g_autofree char *domain = ca_domain_get_registrable_domain (ca_name_report_get_name (report), NULL);

      if (domain != NULL && g_hash_table_add (seen, g_strdup (domain)))
        start_lookup (self, domain, task);
    }

  if (self->pending == 0)
    {
      set_state (self, CA_CHECK_STATE_DONE);
      g_task_return_boolean (task, TRUE);
    }
}

static void
add_findings (CaCheck   *check,
              GPtrArray *findings)
{
  CaRegistrationCheck *self = CA_REGISTRATION_CHECK (check);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->registrations)); i++)
    {
      g_autoptr (CaRegistration) registration = get_registration (self, i);
      g_autoptr (GPtrArray) found = ca_registration_create_findings (registration);

      g_ptr_array_extend_and_steal (findings, g_steal_pointer (&found));
    }
}

/* Where the answer came from, the usable addresses and the lines that decided. */
static void
describe_details (CaRegistration *registration,
                  GPtrArray      *facts)
{
  const char * const *emails = ca_registration_get_emails (registration);
  const char * const *evidence = ca_registration_get_evidence (registration);

  if (ca_registration_get_server (registration) != NULL)
    /* Translators: a server, then "rdap" or "whois" */
    g_ptr_array_add (facts, ca_fact_new_printf (CA_FACT_NOTE, _("Answered by"), _("%s (%s)"),
                                                ca_registration_get_server (registration),
                                                ca_registration_source_to_string (ca_registration_get_source (registration))));
  if (emails[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) emails);

      g_ptr_array_add (facts, ca_fact_new (CA_FACT_NOTE, _("Contact addresses"), joined));
    }
  for (guint i = 0; evidence[i] != NULL; i++)
    g_ptr_array_add (facts, ca_fact_new (CA_FACT_NOTE, _("Evidence"), evidence[i]));
}

static void
describe (CaCheck   *check,
          GPtrArray *facts)
{
  CaRegistrationCheck *self = CA_REGISTRATION_CHECK (check);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->registrations)); i++)
    {
      g_autoptr (CaRegistration) registration = get_registration (self, i);
      g_autofree char *verdict = NULL;

      if (ca_registration_get_pending (registration))
        {
          g_ptr_array_add (facts, ca_fact_new (CA_FACT_PENDING, ca_registration_get_domain (registration),
                                               _("Looking up…")));
          continue;
        }
      verdict = ca_registration_describe_verdict (registration);
      g_ptr_array_add (facts, ca_fact_new (CA_FACT_NOTE, ca_registration_get_domain (registration), verdict));
      describe_details (registration, facts);
    }
}

/* registrations[] of contract.md: empty when not asked for. */
static void
add_json (CaCheck     *check,
          JsonBuilder *builder,
          gboolean     skipped)
{
  CaRegistrationCheck *self = CA_REGISTRATION_CHECK (check);

  json_builder_set_member_name (builder, "registrations");
  json_builder_begin_array (builder);
  for (guint i = 0; !skipped && i < g_list_model_get_n_items (G_LIST_MODEL (self->registrations)); i++)
    {
      g_autoptr (CaRegistration) registration = get_registration (self, i);

      ca_registration_to_json (registration, builder);
    }
  json_builder_end_array (builder);
}

static void
ca_registration_check_check_init (CaCheckInterface *iface)
{
  iface->get_id = get_id;
  iface->get_title = get_title;
  iface->run_async = run_check_async;
  iface->add_findings = add_findings;
  iface->describe = describe;
  iface->add_json = add_json;
}

/*
 * Overrides
 */

static void
ca_registration_check_finalize (GObject *object)
{
  CaRegistrationCheck *self = (CaRegistrationCheck *) object;

  g_clear_object (&self->client);
  g_clear_object (&self->registrations);

  G_OBJECT_CLASS (ca_registration_check_parent_class)->finalize (object);
}

static void
ca_registration_check_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CaRegistrationCheck *self = CA_REGISTRATION_CHECK (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_registration_check_class_init (CaRegistrationCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_registration_check_finalize;
  object_class->get_property = ca_registration_check_get_property;

  g_object_class_override_property (object_class, PROP_STATE, "state");
}

static void
ca_registration_check_init (CaRegistrationCheck *self)
{
  self->registrations = g_list_store_new (CA_TYPE_REGISTRATION);
}

/*
 * Public API
 */

CaRegistrationCheck *
ca_registration_check_new (CaRegistrationClient *client)
{
  CaRegistrationCheck *self;

  g_return_val_if_fail (CA_IS_REGISTRATION_CLIENT (client), NULL);

  self = g_object_new (CA_TYPE_REGISTRATION_CHECK, NULL);
  self->client = g_object_ref (client);
  return self;
}

/* Returns: (transfer none): #CaRegistration items, one per registrable domain,
 *   pending until their lookup ends */
GListModel *
ca_registration_check_get_registrations (CaRegistrationCheck *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION_CHECK (self), NULL);
  return G_LIST_MODEL (self->registrations);
}
