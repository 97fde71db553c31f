/* fuzz-credential-process.c: what a credential_process helper prints
 *
 * A helper's stdout goes to ca_credentials_parse_process_output() as
 * ca-credentials-process.c hands it over once the helper has exited.
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
    ca_credentials_parse_process_output ((const char *) data, size, "fuzz", &error);

  g_assert ((credentials == NULL) != (error == NULL));
  if (error != NULL)
    g_assert (g_utf8_validate (error->message, -1, NULL));
  return 0;
}
