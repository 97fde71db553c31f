/* ca-test-sso-server.h: a loopback IAM Identity Center (SSO OIDC and portal) for the tests
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Distinctive, so that a log check finds them anywhere. */
#define CA_TEST_SSO_CLIENT_SECRET "SECRET-client-7f3a"
#define CA_TEST_SSO_DEVICE_CODE "CODE-device-2d8e"
#define CA_TEST_SSO_ACCESS_TOKEN "TOKEN-access-9b21"
#define CA_TEST_SSO_REFRESH_TOKEN "TOKEN-refresh-4c1d"
#define CA_TEST_SSO_USER_CODE "WDJB-MJHT"
#define CA_TEST_SSO_VERIFICATION_URI "https://device.sso.eu-west-1.amazonaws.com/"

/* The profiles of the AWS config ca_test_sso_server_new() writes: "sso" uses
 * the sso-session "corp", "legacy" the older keys, "keys" no SSO at all. */
#define CA_TEST_SSO_START_URL "https://corp.awsapps.com/start"
#define CA_TEST_SSO_LEGACY_START_URL "https://legacy.awsapps.com/start"

typedef struct
{
  SoupServer  *server;
  char        *url;
  GStrv        token_script;      /* CreateToken's answers in turn; the last repeats */
  int          expires_in;        /* StartDeviceAuthorization's */
  const char  *register_answer;   /* replaces the good one */
  const char  *authorize_answer;
  const char  *start_url;         /* that StartDeviceAuthorization expects */
  const char  *revoked_client;    /* a clientId it refuses */
  guint        register_calls;
  guint        authorize_calls;
  guint        token_calls;
  guint        portal_calls;
  gint64       token_times[16];   /* monotonic, of the first CreateToken calls */
} CaTestSsoServer;

CaTestSsoServer *ca_test_sso_server_new           (const char      *script,
                                                   int              expires_in);
void             ca_test_sso_server_free          (CaTestSsoServer *self);
gboolean         ca_test_sso_server_holds_secret  (const char      *text);
void             ca_test_sso_server_check_logs    (const char      *debug_domains);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaTestSsoServer, ca_test_sso_server_free)

G_END_DECLS
