/* fuzz-sts-xml.c: STS AssumeRole answers, the one XML CertAssist reads
 *
 * (Route 53's answers have their own harness: fuzz-route53-xml.c.)
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ca-credentials-private.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  ca_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials =
    ca_credentials_parse_sts_response ((const char *) data, size, "fuzz", &error);
  g_autofree char *text = ca_fuzz_string (data, size);
  g_autoptr (GDateTime) time = ca_credentials_parse_time (text);

  g_assert ((credentials == NULL) != (error == NULL));
  (void) time;
  return 0;
}
