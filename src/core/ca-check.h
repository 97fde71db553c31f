/* ca-check.h: one check of a diagnosis, as the diagnosis and the front ends see it
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ca-check-state.h"
#include "ca-fact.h"

G_BEGIN_DECLS

typedef struct _CaDiagnosis CaDiagnosis;

#define CA_TYPE_CHECK (ca_check_get_type ())

G_DECLARE_INTERFACE (CaCheck, ca_check, CA, CHECK, GObject)

/**
 * CaCheckInterface:
 * @get_id: the word that selects the check (`--checks`), such as "mail"
 * @get_name: (nullable): the name the check is about, or %NULL for the whole diagnosis
 * @get_title: a translated heading for the check's facts
 * @get_state: (optional): where the check stands, when reading the "state"
 *   property (which every check has, and notifies) is not enough
 * @run_async: looks everything up; failures become state and findings, the
 *   task fails only when cancelled
 * @run_finish: (optional): needed only when the run is not a #GTask of the
 *   check that returns a boolean
 * @add_findings: adds the check's #CaFinding items once it has run
 * @describe: adds one #CaFact per thing the check found, worded for people;
 *   the GUI rows, the CLI text and the Markdown report all print these
 * @add_json: writes the check's members of its JSON object (a name's object
 *   when @get_name is set, else the diagnose object); @skipped says the
 *   check was not asked for
 * @uses_resolver: whether the check's verdicts come from the diagnosis' DNS
 *   resolver (%FALSE unless set); those wait for the resolver check, and say
 *   nothing when the resolver cannot be trusted
 */
struct _CaCheckInterface
{
  GTypeInterface parent_iface;

  const char   *(*get_id)       (CaCheck             *self);
  const char   *(*get_name)     (CaCheck             *self);
  const char   *(*get_title)    (CaCheck             *self);
  CaCheckState  (*get_state)    (CaCheck             *self);
  void          (*run_async)    (CaCheck             *self,
                                 CaDiagnosis         *diagnosis,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
  gboolean      (*run_finish)   (CaCheck             *self,
                                 GAsyncResult        *result,
                                 GError             **error);
  void          (*add_findings) (CaCheck             *self,
                                 GPtrArray           *findings);
  void          (*describe)     (CaCheck             *self,
                                 GPtrArray           *facts);
  void          (*add_json)     (CaCheck             *self,
                                 JsonBuilder         *builder,
                                 gboolean             skipped);
  gboolean      uses_resolver;
};

const char   *ca_check_get_id        (CaCheck             *self);
const char   *ca_check_get_name      (CaCheck             *self);
const char   *ca_check_get_title     (CaCheck             *self);
CaCheckState  ca_check_get_state     (CaCheck             *self);
void          ca_check_run_async     (CaCheck             *self,
                                      CaDiagnosis         *diagnosis,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean      ca_check_run_finish    (CaCheck             *self,
                                      GAsyncResult        *result,
                                      GError             **error);
void          ca_check_add_findings  (CaCheck             *self,
                                      GPtrArray           *findings);
GPtrArray    *ca_check_describe      (CaCheck             *self);
void          ca_check_add_json      (CaCheck             *self,
                                      JsonBuilder         *builder,
                                      gboolean             skipped);
gboolean      ca_check_uses_resolver (CaCheck             *self);
void          ca_check_set_untrusted (CaCheck             *self,
                                      const char          *reason);
const char   *ca_check_get_untrusted (CaCheck             *self);

G_END_DECLS
