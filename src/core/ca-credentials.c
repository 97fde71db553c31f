/* ca-credentials.c: one set of AWS credentials, wiped when dropped
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCredentials"

#include "config.h"

#include <string.h>

#include "ca-credentials.h"

struct _CaCredentials
{
  gatomicrefcount  ref_count;
  char            *access_key_id;
  char            *secret_access_key;
  char            *session_token;
  GDateTime       *expiration;
  char            *source;
};

G_DEFINE_BOXED_TYPE (CaCredentials, ca_credentials, ca_credentials_ref, ca_credentials_unref)

/* A plain memset before free() may be optimised away; writes through a
 * volatile pointer may not. */
void
ca_secret_wipe (gpointer data,
                gsize    len)
{
  volatile guint8 *p = data;

  if (data == NULL)
    return;
  while (len-- > 0)
    *p++ = 0;
}

void
ca_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  ca_secret_wipe (secret, strlen (secret));
  g_free (secret);
}

/**
 * ca_credentials_new:
 * @session_token: (nullable): for temporary credentials
 * @expiration: (nullable): when temporary credentials stop working
 * @source: a short, secret-free description ("environment", "profile dev", …)
 */
CaCredentials *
ca_credentials_new (const char *access_key_id,
                    const char *secret_access_key,
                    const char *session_token,
                    GDateTime  *expiration,
                    const char *source)
{
  CaCredentials *self;

  g_return_val_if_fail (access_key_id != NULL, NULL);
  g_return_val_if_fail (secret_access_key != NULL, NULL);

  self = g_new0 (CaCredentials, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->access_key_id = g_strdup (access_key_id);
  self->secret_access_key = g_strdup (secret_access_key);
  self->session_token = session_token != NULL && *session_token != '\0' ? g_strdup (session_token) : NULL;
  self->expiration = expiration != NULL ? g_date_time_ref (expiration) : NULL;
  self->source = g_strdup (source);

  return self;
}

CaCredentials *
ca_credentials_ref (CaCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ca_credentials_unref (CaCredentials *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  ca_secret_free (self->access_key_id);
  ca_secret_free (self->secret_access_key);
  ca_secret_free (self->session_token);
  g_clear_pointer (&self->expiration, g_date_time_unref);
  g_free (self->source);
  g_free (self);
}

const char *
ca_credentials_get_access_key_id (CaCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->access_key_id;
}

const char *
ca_credentials_get_secret_access_key (CaCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->secret_access_key;
}

const char *
ca_credentials_get_session_token (CaCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->session_token;
}

GDateTime *
ca_credentials_get_expiration (CaCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->expiration;
}

const char *
ca_credentials_get_source (CaCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

/* Long-lived keys never expire; temporary ones are refreshed a little early. */
gboolean
ca_credentials_expires_within (CaCredentials *self,
                               GTimeSpan      span)
{
  g_autoptr (GDateTime) now = NULL;

  g_return_val_if_fail (self != NULL, TRUE);

  if (self->expiration == NULL)
    return FALSE;
  now = g_date_time_new_now_utc ();
  return g_date_time_difference (self->expiration, now) <= span;
}
