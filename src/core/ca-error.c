/* ca-error.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaError"

#include "config.h"

#include <gio/gio.h>

#include "ca-error.h"

/* clang-format off */
G_DEFINE_QUARK (ca-error-quark, ca_error)
/* clang-format on */

typedef struct
{
  CaError     code;
  const char *name;
  int         exit_status;
} ErrorInfo;

static const ErrorInfo error_table[] = {
  { CA_ERROR_FAILED, "failed", 1 },
  { CA_ERROR_INVALID_DOMAIN, "invalid_domain", 2 },
  { CA_ERROR_INVALID_VALIDATION_DOMAIN, "invalid_validation_domain", 2 },
  { CA_ERROR_INVALID_ARN, "invalid_arn", 2 },
  { CA_ERROR_INVALID_INPUT, "invalid_input", 2 },
  { CA_ERROR_NO_CREDENTIALS, "no_credentials", 4 },
  { CA_ERROR_ACCESS_DENIED, "access_denied", 4 },
  { CA_ERROR_THROTTLED, "throttled", 3 },
  { CA_ERROR_TIMEOUT, "timeout", 3 },
  { CA_ERROR_NETWORK, "network", 3 },
  { CA_ERROR_MALFORMED_RESPONSE, "malformed_response", 3 },
  { CA_ERROR_AWS, "aws_error", 5 },
  { CA_ERROR_NO_CERTIFICATE, "no_certificate", 2 },
  { CA_ERROR_USAGE, "usage", 2 },
  { CA_ERROR_NO_REGION_ANSWERED, "no_region_answered", 3 },
  { CA_ERROR_INVALID_ZONE, "invalid_zone", 2 },
};

static const ErrorInfo *
find_info (CaError code)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_table); i++)
    if (error_table[i].code == code)
      return &error_table[i];
  return &error_table[0];
}

const char *
ca_error_code_to_string (CaError code)
{
  return find_info (code)->name;
}

int
ca_error_code_to_exit_status (CaError code)
{
  return find_info (code)->exit_status;
}

/* Errors from GIO or libsoup that reach a front end are network trouble. */
static CaError
classify_foreign_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return CA_ERROR_TIMEOUT;
  if (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR ||
      error->domain == G_TLS_ERROR)
    return CA_ERROR_NETWORK;
  return CA_ERROR_FAILED;
}

const char *
ca_error_to_code_string (const GError *error)
{
  g_return_val_if_fail (error != NULL, "failed");

  if (error->domain == CA_ERROR)
    return ca_error_code_to_string (error->code);
  return ca_error_code_to_string (classify_foreign_error (error));
}

int
ca_error_to_exit_status (const GError *error)
{
  g_return_val_if_fail (error != NULL, 1);

  if (error->domain == CA_ERROR)
    return ca_error_code_to_exit_status (error->code);
  return ca_error_code_to_exit_status (classify_foreign_error (error));
}
