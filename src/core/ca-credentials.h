/* ca-credentials.h: one set of AWS credentials, wiped when dropped
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CA_TYPE_CREDENTIALS (ca_credentials_get_type ())

typedef struct _CaCredentials CaCredentials;

GType          ca_credentials_get_type              (void) G_GNUC_CONST;
CaCredentials *ca_credentials_new                   (const char    *access_key_id,
                                                     const char    *secret_access_key,
                                                     const char    *session_token,
                                                     GDateTime     *expiration,
                                                     const char    *source);
CaCredentials *ca_credentials_ref                   (CaCredentials *self);
void           ca_credentials_unref                 (CaCredentials *self);
const char    *ca_credentials_get_access_key_id     (CaCredentials *self);
const char    *ca_credentials_get_secret_access_key (CaCredentials *self);
const char    *ca_credentials_get_session_token     (CaCredentials *self);
GDateTime     *ca_credentials_get_expiration        (CaCredentials *self);
const char    *ca_credentials_get_source            (CaCredentials *self);
gboolean       ca_credentials_expires_within        (CaCredentials *self,
                                                     GTimeSpan      span);

void           ca_secret_wipe                       (gpointer       data,
                                                     gsize          len);
void           ca_secret_free                       (char          *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaCredentials, ca_credentials_unref)

G_END_DECLS
