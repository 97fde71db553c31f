/* test-safe-text.c: the one cleaner of untrusted text, and the redaction of server messages
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-safe-text.h"
#include "ca-test-util.h"

static void
assert_clean (const char      *input,
              gssize           length,
              CaSafeTextFlags  flags,
              const char      *expected)
{
  g_autofree char *clean = ca_safe_text_clean (input, length, flags);

  g_assert_cmpstr (clean, ==, expected);
  g_assert_true (g_utf8_validate (clean, -1, NULL));
}

static void
test_clean (void)
{
  /* Escapes, bells, backspaces, DEL and C1 controls go; tab and newline stay. */
  assert_clean ("evil\033[31m.example.com", -1, CA_SAFE_TEXT_DEFAULT, "evil[31m.example.com");
  assert_clean ("title\033]0;owned\a", -1, CA_SAFE_TEXT_DEFAULT, "title]0;owned");
  assert_clean ("a\bb\x7f" "c\xc2\x9b" "d", -1, CA_SAFE_TEXT_DEFAULT, "abcd");
  assert_clean ("one\ttwo\nthree", -1, CA_SAFE_TEXT_DEFAULT, "one\ttwo\nthree");
  /* A carriage return would overwrite the line: it becomes a newline, CRLF one. */
  assert_clean ("safe\rfake", -1, CA_SAFE_TEXT_DEFAULT, "safe\nfake");
  assert_clean ("line\r\nnext", -1, CA_SAFE_TEXT_DEFAULT, "line\nnext");
  /* NUL bytes within the length are dropped, not the end of the text. */
  assert_clean ("a\0b", 3, CA_SAFE_TEXT_DEFAULT, "ab");
  /* Invalid UTF-8 is replaced, never passed on. */
  assert_clean ("caf\xe9", -1, CA_SAFE_TEXT_DEFAULT, "caf\xef\xbf\xbd");
  assert_clean (NULL, -1, CA_SAFE_TEXT_DEFAULT, "");
  /* Bidi overrides and isolates stay for a terminal, go for a label. */
  assert_clean ("\xe2\x80\xae" "moc.live", -1, CA_SAFE_TEXT_DEFAULT, "\xe2\x80\xae" "moc.live");
  assert_clean ("\xe2\x80\xae" "moc.live\xe2\x81\xa6" "x\xe2\x81\xa9", -1, CA_SAFE_TEXT_NO_BIDI, "moc.livex");
  /* Right-to-left letters are text, not controls. */
  assert_clean ("שלום.example", -1, CA_SAFE_TEXT_NO_BIDI, "שלום.example");
}

static void
assert_redacted (const char *message,
                 const char *secret,
                 const char *kept)
{
  g_autofree char *redacted = ca_safe_text_redact (message);

  if (strstr (redacted, secret) != NULL)
    g_error ("“%s” survived in: %s", secret, redacted);
  g_assert_nonnull (strstr (redacted, "[redacted]"));
  if (kept != NULL && strstr (redacted, kept) == NULL)
    g_error ("“%s” was lost from: %s", kept, redacted);
}

/* Each shape a credential takes in a server's words. */
static void
test_redact (void)
{
  /* AWS's signature mismatch quotes the canonical request, token and all. */
  assert_redacted ("The request signature we calculated does not match the signature you provided.\n\n"
                   "The Canonical String for this request should have been\n'POST\n/\n\n"
                   "host:acm.us-east-1.amazonaws.com\nx-amz-security-token:FQoGZXIvYXdzEJr\n'",
                   "FQoGZXIvYXdzEJr", "does not match the signature");
  assert_redacted ("x-amz-security-token:shorttoken", "shorttoken", "x-amz-security-token");
  assert_redacted ("X-Amz-Security-Token=abc%2Fdef&X-Amz-Date=1", "abc%2Fdef", "X-Amz-Date=1");
  assert_redacted ("Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/acm/aws4_request, "
                   "SignedHeaders=host, Signature=0123abcd", "0123abcd", "Authorization");
  assert_redacted ("bad Credential=AKIDEXAMPLE/20260101/us-east-1/acm/aws4_request, more", "AKIDEXAMPLE/2026", "bad");
  assert_redacted ("{\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG\"}", "wJalrXUtnFEMI", "SecretAccessKey");
  assert_redacted ("aws_secret_access_key = hunter2", "hunter2", "aws_secret_access_key");
  assert_redacted ("key AKIAIOSFODNN7EXAMPLE is not valid", "AKIAIOSFODNN7EXAMPLE", "is not valid");
  assert_redacted ("the key wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY leaked", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                   "leaked");
  assert_redacted ("{\"accessToken\":\"aoa-token-value\"}", "aoa-token-value", "accessToken");
}

/* Messages without secrets pass as they are: ARNs, names, AWS's words. */
static void
test_redact_keeps (void)
{
  const char *messages[] = {
    "User: arn:aws:iam::123456789012:user/demo is not authorized to perform: acm:DescribeCertificate",
    "Certificate arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0001-4000-8000-000000000001 not found.",
    "The security token included in the request is invalid.",
    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autofree char *redacted = ca_safe_text_redact (messages[i]);

      g_assert_cmpstr (redacted, ==, messages[i]);
    }
  g_assert_null (ca_safe_text_redact (NULL));
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/safe-text/clean", test_clean);
  g_test_add_func ("/safe-text/redact", test_redact);
  g_test_add_func ("/safe-text/redact-keeps", test_redact_keeps);

  return g_test_run ();
}
