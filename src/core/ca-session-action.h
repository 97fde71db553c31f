/* ca-session-action.h: one thing the user did to AWS during a journey
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CA_SESSION_ACTION_RESEND,            /* the approval mail was sent again */
  CA_SESSION_ACTION_MIGRATION_STARTED, /* the move to DNS validation started */
  CA_SESSION_ACTION_REQUESTED,         /* a new certificate was requested */
} CaSessionActionKind;

#define CA_TYPE_SESSION_ACTION (ca_session_action_get_type ())

G_DECLARE_FINAL_TYPE (CaSessionAction, ca_session_action, CA, SESSION_ACTION, GObject)

CaSessionAction     *ca_session_action_new              (CaSessionActionKind  kind,
                                                         const char          *arn,
                                                         const char          *name,
                                                         const char          *validation_domain,
                                                         GDateTime           *time);
CaSessionActionKind  ca_session_action_get_kind         (CaSessionAction     *self);
const char          *ca_session_action_get_kind_string  (CaSessionAction     *self);
const char          *ca_session_action_get_arn          (CaSessionAction     *self);
const char          *ca_session_action_get_name         (CaSessionAction     *self);
const char          *ca_session_action_get_validation_domain (CaSessionAction *self);
GDateTime           *ca_session_action_get_time         (CaSessionAction     *self);
char                *ca_session_action_describe         (CaSessionAction     *self);

G_END_DECLS
