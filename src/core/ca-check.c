/* ca-check.c: one check of a diagnosis, as the diagnosis and the front ends see it
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCheck"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-check.h"
#include "ca-enums.h"

/**
 * CaCheck:
 *
 * What every check of a diagnosis offers (the MX check, the CAA climb, the
 * validation record, registration data, ACM's view of the certificate, and
 * the checks to come): the diagnosis runs every registered check at once
 * without knowing what it does, and the front ends show any check through
 * its facts. Adding a check is one class implementing this interface.
 *
 * A check whose answers cannot be trusted (the diagnosis marks it with
 * ca_check_set_untrusted()) says only that: one fact, no finding, and a JSON
 * member as if it had not been asked for. The mark lives here, so that every
 * check and every front end obeys it without a line of its own.
 */

G_DEFINE_INTERFACE (CaCheck, ca_check, G_TYPE_OBJECT)

static GQuark
get_untrusted_quark (void)
{
  return g_quark_from_static_string ("ca-check-untrusted");
}

static void
ca_check_default_init (CaCheckInterface *iface)
{
  g_object_interface_install_property (iface,
                                       g_param_spec_enum ("state", NULL, NULL,
                                                          CA_TYPE_CHECK_STATE, CA_CHECK_STATE_PENDING,
                                                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

const char *
ca_check_get_id (CaCheck *self)
{
  g_return_val_if_fail (CA_IS_CHECK (self), NULL);
  return CA_CHECK_GET_IFACE (self)->get_id (self);
}

/* Returns: (nullable): the name the check is about, %NULL for the whole diagnosis */
const char *
ca_check_get_name (CaCheck *self)
{
  g_return_val_if_fail (CA_IS_CHECK (self), NULL);

  if (CA_CHECK_GET_IFACE (self)->get_name == NULL)
    return NULL;
  return CA_CHECK_GET_IFACE (self)->get_name (self);
}

const char *
ca_check_get_title (CaCheck *self)
{
  g_return_val_if_fail (CA_IS_CHECK (self), NULL);
  return CA_CHECK_GET_IFACE (self)->get_title (self);
}

/* Without get_state, the "state" property every check has. */
CaCheckState
ca_check_get_state (CaCheck *self)
{
  CaCheckState state = CA_CHECK_STATE_PENDING;

  g_return_val_if_fail (CA_IS_CHECK (self), CA_CHECK_STATE_PENDING);

  if (CA_CHECK_GET_IFACE (self)->get_state != NULL)
    return CA_CHECK_GET_IFACE (self)->get_state (self);
  g_object_get (self, "state", &state, NULL);
  return state;
}

void
ca_check_run_async (CaCheck             *self,
                    CaDiagnosis         *diagnosis,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (CA_IS_CHECK (self));
  CA_CHECK_GET_IFACE (self)->run_async (self, diagnosis, cancellable, callback, user_data);
}

/* Without run_finish, the run is a GTask of @self returning a boolean. */
gboolean
ca_check_run_finish (CaCheck       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (CA_IS_CHECK (self), FALSE);

  if (CA_CHECK_GET_IFACE (self)->run_finish != NULL)
    return CA_CHECK_GET_IFACE (self)->run_finish (self, result, error);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ca_check_add_findings:
 * @findings: (element-type CaFinding): where to add the check's findings
 */
void
ca_check_add_findings (CaCheck   *self,
                       GPtrArray *findings)
{
  g_return_if_fail (CA_IS_CHECK (self));
  g_return_if_fail (findings != NULL);

  if (ca_check_get_untrusted (self) == NULL)
    CA_CHECK_GET_IFACE (self)->add_findings (self, findings);
}

/**
 * ca_check_describe:
 *
 * Returns: (transfer container) (element-type CaFact): what the check found so far
 */
GPtrArray *
ca_check_describe (CaCheck *self)
{
  g_autoptr (GPtrArray) facts = g_ptr_array_new_with_free_func (g_object_unref);
  const char *untrusted;

  g_return_val_if_fail (CA_IS_CHECK (self), NULL);

  untrusted = ca_check_get_untrusted (self);
  if (untrusted != NULL)
    g_ptr_array_add (facts, ca_fact_new (CA_FACT_WARNING, _("Not checked"), untrusted));
  else
    CA_CHECK_GET_IFACE (self)->describe (self, facts);
  return g_steal_pointer (&facts);
}

void
ca_check_add_json (CaCheck     *self,
                   JsonBuilder *builder,
                   gboolean     skipped)
{
  g_return_if_fail (CA_IS_CHECK (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));
  CA_CHECK_GET_IFACE (self)->add_json (self, builder, skipped || ca_check_get_untrusted (self) != NULL);
}

/* Returns: whether the check's verdicts come from the diagnosis' DNS resolver */
gboolean
ca_check_uses_resolver (CaCheck *self)
{
  g_return_val_if_fail (CA_IS_CHECK (self), FALSE);
  return CA_CHECK_GET_IFACE (self)->uses_resolver;
}

/**
 * ca_check_set_untrusted:
 * @reason: (nullable): a translated sentence saying why the check's answers
 *   would be no evidence, or %NULL to trust the check again
 *
 * From now on the check shows @reason instead of its facts, adds no finding
 * and writes its JSON member as skipped. Emits "notify::state", as the facts
 * have changed, so that a view of the check shows them anew.
 */
void
ca_check_set_untrusted (CaCheck    *self,
                        const char *reason)
{
  g_return_if_fail (CA_IS_CHECK (self));

  if (g_strcmp0 (reason, ca_check_get_untrusted (self)) == 0)
    return;
  g_object_set_qdata_full (G_OBJECT (self), get_untrusted_quark (), g_strdup (reason), g_free);
  g_object_notify (G_OBJECT (self), "state");
}

/* Returns: (nullable): why the check's answers are no evidence, or %NULL when they are */
const char *
ca_check_get_untrusted (CaCheck *self)
{
  g_return_val_if_fail (CA_IS_CHECK (self), NULL);
  return g_object_get_qdata (G_OBJECT (self), get_untrusted_quark ());
}
