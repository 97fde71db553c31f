/* ca-session-action.c: one thing the user did to AWS during a journey
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaSessionAction"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-session-action.h"

/**
 * CaSessionAction:
 *
 * What a journey changed in the account, and when: the summary says "the
 * approval mail was sent again at 14:02", and a report for a colleague or
 * for AWS Support carries the same line. Only what the user did and saw
 * done is kept; never a credential.
 */
struct _CaSessionAction
{
  GObject              parent_instance;

  CaSessionActionKind  kind;
  char                *arn;
  char                *name;
  char                *validation_domain;
  GDateTime           *time;
};

G_DEFINE_FINAL_TYPE (CaSessionAction, ca_session_action, G_TYPE_OBJECT)

static void
ca_session_action_finalize (GObject *object)
{
  CaSessionAction *self = (CaSessionAction *) object;

  g_clear_pointer (&self->arn, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->validation_domain, g_free);
  g_clear_pointer (&self->time, g_date_time_unref);

  G_OBJECT_CLASS (ca_session_action_parent_class)->finalize (object);
}

static void
ca_session_action_class_init (CaSessionActionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_session_action_finalize;
}

static void
ca_session_action_init (CaSessionAction *self)
{
}

/**
 * ca_session_action_new:
 * @arn: (nullable): the certificate acted on
 * @name: (nullable): the name acted on (for a resend)
 * @validation_domain: (nullable): where the mail went (for a resend)
 * @time: (nullable): when it was done; %NULL for now
 */
CaSessionAction *
ca_session_action_new (CaSessionActionKind  kind,
                       const char          *arn,
                       const char          *name,
                       const char          *validation_domain,
                       GDateTime           *time)
{
  CaSessionAction *self = g_object_new (CA_TYPE_SESSION_ACTION, NULL);

  self->kind = kind;
  self->arn = g_strdup (arn);
  self->name = g_strdup (name);
  self->validation_domain = g_strdup (validation_domain);
  self->time = time != NULL ? g_date_time_to_utc (time) : g_date_time_new_now_utc ();
  return self;
}

CaSessionActionKind
ca_session_action_get_kind (CaSessionAction *self)
{
  g_return_val_if_fail (CA_IS_SESSION_ACTION (self), CA_SESSION_ACTION_RESEND);
  return self->kind;
}

/* Returns: the kind as the report's JSON names it; never translated */
const char *
ca_session_action_get_kind_string (CaSessionAction *self)
{
  g_return_val_if_fail (CA_IS_SESSION_ACTION (self), NULL);

  switch (self->kind)
    {
    case CA_SESSION_ACTION_RESEND:
      return "resend";
    case CA_SESSION_ACTION_MIGRATION_STARTED:
      return "migration_started";
    case CA_SESSION_ACTION_REQUESTED:
      return "requested";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
ca_session_action_get_arn (CaSessionAction *self)
{
  g_return_val_if_fail (CA_IS_SESSION_ACTION (self), NULL);
  return self->arn;
}

const char *
ca_session_action_get_name (CaSessionAction *self)
{
  g_return_val_if_fail (CA_IS_SESSION_ACTION (self), NULL);
  return self->name;
}

const char *
ca_session_action_get_validation_domain (CaSessionAction *self)
{
  g_return_val_if_fail (CA_IS_SESSION_ACTION (self), NULL);
  return self->validation_domain;
}

/* Returns: (transfer none): when it was done, in UTC */
GDateTime *
ca_session_action_get_time (CaSessionAction *self)
{
  g_return_val_if_fail (CA_IS_SESSION_ACTION (self), NULL);
  return self->time;
}

/**
 * ca_session_action_describe:
 *
 * Returns: (transfer full): what was done, as one sentence with its time
 */
char *
ca_session_action_describe (CaSessionAction *self)
{
  g_autofree char *time = NULL;

  g_return_val_if_fail (CA_IS_SESSION_ACTION (self), NULL);

  time = g_date_time_format (self->time, "%Y-%m-%d %H:%M UTC");
  switch (self->kind)
    {
    case CA_SESSION_ACTION_RESEND:
      if (self->validation_domain != NULL && g_strcmp0 (self->validation_domain, self->name) != 0)
        /* Translators: %1$s is a time, %2$s a domain name, %3$s the domain whose addresses got the mail */
        return g_strdup_printf (_("%1$s: the approval mail for %2$s was sent again, to the addresses of %3$s."),
                                time, self->name, self->validation_domain);
      /* Translators: %1$s is a time, %2$s a domain name */
      return g_strdup_printf (_("%1$s: the approval mail for %2$s was sent again."), time, self->name);
    case CA_SESSION_ACTION_MIGRATION_STARTED:
      /* Translators: %1$s is a time, %2$s a domain name */
      return g_strdup_printf (_("%1$s: the move of the certificate for %2$s to DNS validation started."),
                              time, self->name);
    case CA_SESSION_ACTION_REQUESTED:
      /* Translators: %1$s is a time, %2$s a domain name */
      return g_strdup_printf (_("%1$s: a new certificate for %2$s was requested."),
                              time, self->name);
    default:
      g_return_val_if_reached (NULL);
    }
}
