/* test-sigv4.c: SigV4 against AWS's published examples and botocore-made vectors
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected signatures of the cases of our own were computed with the
 * SigV4Auth of Debian's awscli 2.9.19 (botocore), which also reproduces the
 * recorded ACM vector of aws-protocol.md §7.
 */

#include "config.h"

#include <string.h>

#include "ca-aws-client-http.h"
#include "ca-sigv4.h"
#include "ca-test-util.h"

#define KEY "AKIDEXAMPLE"
#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define ARN_BODY "{\"CertificateArn\": \"arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555\"}"
#define SESSION_TOKEN "IQoJb3JpZ2luX2VjEPT//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+abc/def=="

static void
test_get_vanilla (void)
{
  CaSigv4Header headers[] = {
    { "Host", "example.amazonaws.com" },
    { "X-Amz-Date", "20150830T123600Z" },
  };
  CaSigv4Request request = {
    .method = "GET", .canonical_uri = "/", .canonical_query = "",
    .headers = headers, .n_headers = G_N_ELEMENTS (headers),
    .payload = NULL, .payload_len = 0,
    .amz_date = "20150830T123600Z", .region = "us-east-1", .service = "service",
    .access_key_id = KEY, .secret_access_key = SECRET,
  };
  g_autofree char *signature = ca_sigv4_signature (&request);
  g_autofree char *authorization = ca_sigv4_authorization (&request);

  g_assert_cmpstr (signature, ==, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  g_assert_cmpstr (authorization, ==,
                   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                   "SignedHeaders=host;x-amz-date, "
                   "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

static void
test_iam_list_users (void)
{
  CaSigv4Header headers[] = {
    { "X-Amz-Date", "20150830T123600Z" },
    { "Content-Type", "application/x-www-form-urlencoded; charset=utf-8" },
    { "host", "iam.amazonaws.com" },
  };
  CaSigv4Request request = {
    .method = "GET", .canonical_uri = "/", .canonical_query = "Action=ListUsers&Version=2010-05-08",
    .headers = headers, .n_headers = G_N_ELEMENTS (headers),
    .amz_date = "20150830T123600Z", .region = "us-east-1", .service = "iam",
    .access_key_id = KEY, .secret_access_key = SECRET,
  };
  g_autofree char *signed_headers = NULL;
  g_autofree char *canonical = ca_sigv4_canonical_request (&request, &signed_headers);
  g_autofree char *signature = ca_sigv4_signature (&request);

  g_assert_cmpstr (signed_headers, ==, "content-type;host;x-amz-date");
  /* The header block ends in \n, then the mandatory empty line. */
  g_assert_nonnull (strstr (canonical, "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n"));
  g_assert_cmpstr (signature, ==, "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
}

static char *
acm_signature (const char *amz_date,
               const char *target,
               const char *body,
               const char *host,
               const char *region,
               const char *key,
               const char *secret,
               const char *token)
{
  CaSigv4Header headers[] = {
    { "Content-Type", "application/x-amz-json-1.1" },
    { "Host", host },
    { "X-Amz-Date", amz_date },
    { "X-Amz-Target", target },
    { "X-Amz-Security-Token", token },
  };
  CaSigv4Request request = {
    .method = "POST", .canonical_uri = "/", .canonical_query = "",
    .headers = headers, .n_headers = token != NULL ? 5 : 4,
    .payload = (const guint8 *) body, .payload_len = strlen (body),
    .amz_date = amz_date, .region = region, .service = "acm",
    .access_key_id = key, .secret_access_key = secret,
  };

  return ca_sigv4_signature (&request);
}

static void
test_recorded_acm_vector (void)
{
  g_autofree char *signature = acm_signature ("20261122T154912Z", "CertificateManager.DescribeCertificate", ARN_BODY,
                                              "127.0.0.1:8443", "us-east-1", KEY, SECRET, NULL);

  g_assert_cmpuint (strlen (ARN_BODY), ==, 105);
  g_assert_cmpstr (signature, ==, "be863ce2231681b03035feadee36e49e044a0842b605cfb9a5ef1046ab022c6a");
}

static void
test_session_token_is_signed (void)
{
  g_autofree char *signature = acm_signature ("20261122T154912Z", "CertificateManager.DescribeCertificate", ARN_BODY,
                                              "127.0.0.1:8443", "us-east-1", KEY, SECRET, SESSION_TOKEN);

  g_assert_cmpstr (signature, ==, "a4e9b67c52fd6dc91b69e655ae8125c0f29e76f852e9c10d05d6222fc1ab76d5");
}

static void
test_secret_with_slashes_and_pluses (void)
{
  g_autofree char *signature = acm_signature ("20261122T154912Z", "CertificateManager.ListCertificates", "{}",
                                              "acm.eu-west-1.amazonaws.com", "eu-west-1", "AKIAEXAMPLE2",
                                              "a/b+c/d+e/f+g/h+i/j+k/l+m/n+o/p+q/r+st", NULL);

  g_assert_cmpstr (signature, ==, "a6f26f8dd0cfcb8d5b536844b04f790126268ce02223eafd66b4ef5ab132fcfa");
}

static void
test_non_ascii_body (void)
{
  g_autofree char *signature = acm_signature ("20261122T154912Z", "CertificateManager.RequestCertificate",
                                              "{\"DomainName\": \"b\xc3\xbc" "cher.example\", \"ValidationMethod\": \"EMAIL\"}",
                                              "127.0.0.1:8443", "us-east-1", KEY, SECRET, NULL);

  g_assert_cmpstr (signature, ==, "200d0f4b251a9f10cc1314e99d651c63f5407192b46f04275e80f4c545f0472c");
}

static void
test_date_boundaries (void)
{
  const struct { const char *date; const char *signature; } cases[] = {
    { "20261231T235959Z", "a6b97a0c39dbc6dc9e56c8915b2200f7028e710dbe4aea2b8edecebe96afeb4a" },
    { "20270101T000000Z", "af8fa616772e9a4a15c8de1565d1b7d71836565632d9f450272777edb694eea6" },
    { "20260228T235959Z", "c8a81f1dd0bb7151afa8f4e44f2c3dfc50dc9c400558da4f55e8994191154c61" },
    { "20260301T000000Z", "91b878a082da12d7420a3049788fb05d26d7bc8c793a789e01eefdc66ce1eac0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *signature = acm_signature (cases[i].date, "CertificateManager.DescribeCertificate", ARN_BODY,
                                                  "127.0.0.1:8443", "us-east-1", KEY, SECRET, NULL);

      g_assert_cmpstr (signature, ==, cases[i].signature);
    }
}

/* Date and scope come from one reading: a second before midnight stays on the old day. */
static void
test_amz_date_one_reading (void)
{
  g_autoptr (GDateTime) before = g_date_time_new_utc (2026, 12, 31, 23, 59, 59.999);
  g_autoptr (GTimeZone) paris = g_time_zone_new_identifier ("+01:00");
  g_autoptr (GDateTime) local = g_date_time_new (paris, 2027, 1, 1, 0, 30, 0);
  g_autofree char *a = ca_sigv4_format_amz_date (before);
  g_autofree char *b = ca_sigv4_format_amz_date (local);

  g_assert_cmpstr (a, ==, "20261231T235959Z");
  g_assert_cmpstr (b, ==, "20261231T233000Z");
}

static void
test_host_for_uri (void)
{
  const struct { const char *uri; const char *host; } cases[] = {
    { "http://127.0.0.1:8443/", "127.0.0.1:8443" },
    { "https://ACM.us-east-1.amazonaws.com", "acm.us-east-1.amazonaws.com" },
    { "https://user:pw@acm.us-east-1.amazonaws.com:443/", "acm.us-east-1.amazonaws.com" },
    { "http://localhost:80/", "localhost" },
    { "http://[::1]:9000/", "[::1]:9000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GUri) uri = g_uri_parse (cases[i].uri, G_URI_FLAGS_NONE, NULL);
      g_autofree char *host = ca_sigv4_host_for_uri (uri);

      g_assert_cmpstr (host, ==, cases[i].host);
    }
}

static void
test_header_values_trimmed (void)
{
  CaSigv4Header headers[] = {
    { "Host", "example.amazonaws.com" },
    { "X-Amz-Date", "20150830T123600Z" },
    { "My-Header1", "  value1   with   spaces  " },
  };
  CaSigv4Request request = {
    .method = "GET", .canonical_uri = "/", .canonical_query = "",
    .headers = headers, .n_headers = G_N_ELEMENTS (headers),
    .amz_date = "20150830T123600Z", .region = "us-east-1", .service = "service",
    .access_key_id = KEY, .secret_access_key = SECRET,
  };
  g_autofree char *canonical = ca_sigv4_canonical_request (&request, NULL);

  g_assert_nonnull (strstr (canonical, "\nmy-header1:value1 with spaces\n"));
}

/* The whole path the client uses: a SoupMessage signed in place. */
static void
test_sign_soup_message (void)
{
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", "http://127.0.0.1:8443/");
  g_autoptr (GBytes) body = g_bytes_new_static (ARN_BODY, strlen (ARN_BODY));
  g_autoptr (CaCredentials) credentials = ca_credentials_new (KEY, SECRET, NULL, NULL, "test");
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) time = g_date_time_new (utc, 2026, 11, 22, 15, 49, 12);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "X-Amz-Target", "CertificateManager.DescribeCertificate");
  ca_aws_http_set_body (msg, "application/x-amz-json-1.1", body);
  ca_aws_http_sign (msg, body, credentials, "us-east-1", "acm", time);

  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Amz-Date"), ==, "20261122T154912Z");
  g_assert_null (soup_message_headers_get_one (headers, "X-Amz-Security-Token"));
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Authorization"), ==,
                   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/acm/aws4_request, "
                   "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                   "Signature=be863ce2231681b03035feadee36e49e044a0842b605cfb9a5ef1046ab022c6a");
}

static void
test_sign_soup_message_with_token (void)
{
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", "http://127.0.0.1:8443/");
  g_autoptr (GBytes) body = g_bytes_new_static (ARN_BODY, strlen (ARN_BODY));
  g_autoptr (CaCredentials) credentials = ca_credentials_new (KEY, SECRET, SESSION_TOKEN, NULL, "test");
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) time = g_date_time_new (utc, 2026, 11, 22, 15, 49, 12);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "X-Amz-Target", "CertificateManager.DescribeCertificate");
  ca_aws_http_set_body (msg, "application/x-amz-json-1.1", body);
  ca_aws_http_sign (msg, body, credentials, "us-east-1", "acm", time);

  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Amz-Security-Token"), ==, SESSION_TOKEN);
  g_assert_true (g_str_has_suffix (soup_message_headers_get_one (headers, "Authorization"),
                                   "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, "
                                   "Signature=a4e9b67c52fd6dc91b69e655ae8125c0f29e76f852e9c10d05d6222fc1ab76d5"));
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/sigv4/aws/get-vanilla", test_get_vanilla);
  g_test_add_func ("/sigv4/aws/iam-list-users", test_iam_list_users);
  g_test_add_func ("/sigv4/aws/recorded-acm-post", test_recorded_acm_vector);
  g_test_add_func ("/sigv4/session-token", test_session_token_is_signed);
  g_test_add_func ("/sigv4/secret-slashes-pluses", test_secret_with_slashes_and_pluses);
  g_test_add_func ("/sigv4/non-ascii-body", test_non_ascii_body);
  g_test_add_func ("/sigv4/date-boundaries", test_date_boundaries);
  g_test_add_func ("/sigv4/amz-date-one-reading", test_amz_date_one_reading);
  g_test_add_func ("/sigv4/host", test_host_for_uri);
  g_test_add_func ("/sigv4/header-values-trimmed", test_header_values_trimmed);
  g_test_add_func ("/sigv4/soup-message", test_sign_soup_message);
  g_test_add_func ("/sigv4/soup-message-token", test_sign_soup_message_with_token);

  return g_test_run ();
}
