/* ca-sso-login.h: signing in to IAM Identity Center as `aws sso login` does
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "ca-aws-config.h"

G_BEGIN_DECLS

/**
 * CaSsoLoginState:
 * @CA_SSO_LOGIN_STATE_IDLE: nothing started, or the last attempt was cancelled
 * @CA_SSO_LOGIN_STATE_REGISTERING: registering the app and asking for a code
 * @CA_SSO_LOGIN_STATE_WAITING_FOR_USER: the code is known; the user confirms it
 *   on the verification page
 * @CA_SSO_LOGIN_STATE_SIGNED_IN: the token is in the cache the AWS CLI reads
 * @CA_SSO_LOGIN_STATE_EXPIRED: the code expired before the user confirmed it
 * @CA_SSO_LOGIN_STATE_DENIED: the user or the administrator refused the sign-in
 * @CA_SSO_LOGIN_STATE_FAILED: any other failure; the finish call says which
 */
typedef enum
{
  CA_SSO_LOGIN_STATE_IDLE,
  CA_SSO_LOGIN_STATE_REGISTERING,
  CA_SSO_LOGIN_STATE_WAITING_FOR_USER,
  CA_SSO_LOGIN_STATE_SIGNED_IN,
  CA_SSO_LOGIN_STATE_EXPIRED,
  CA_SSO_LOGIN_STATE_DENIED,
  CA_SSO_LOGIN_STATE_FAILED,
} CaSsoLoginState;

#define CA_TYPE_SSO_LOGIN (ca_sso_login_get_type ())

G_DECLARE_FINAL_TYPE (CaSsoLogin, ca_sso_login, CA, SSO_LOGIN, GObject)

CaSsoLogin      *ca_sso_login_new                           (SoupSession          *http,
                                                             CaAwsConfig          *config,
                                                             const char           *profile,
                                                             GError              **error);
CaSsoLogin      *ca_sso_login_new_for_session               (SoupSession          *http,
                                                             CaAwsConfig          *config,
                                                             const char           *sso_session,
                                                             GError              **error);
CaSsoLoginState  ca_sso_login_get_state                     (CaSsoLogin           *self);
const char      *ca_sso_login_get_start_url                 (CaSsoLogin           *self);
const char      *ca_sso_login_get_user_code                 (CaSsoLogin           *self);
const char      *ca_sso_login_get_verification_uri          (CaSsoLogin           *self);
const char      *ca_sso_login_get_verification_uri_complete (CaSsoLogin           *self);
GDateTime       *ca_sso_login_get_expires_at                (CaSsoLogin           *self);
void             ca_sso_login_start_async                   (CaSsoLogin           *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean         ca_sso_login_start_finish                  (CaSsoLogin           *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void             ca_sso_login_wait_async                    (CaSsoLogin           *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean         ca_sso_login_wait_finish                   (CaSsoLogin           *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS
