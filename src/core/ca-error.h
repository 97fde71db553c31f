/* ca-error.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CA_ERROR (ca_error_quark ())

/**
 * CaError:
 *
 * One code per error of contract.md's `error.code`, so that the CLI and the GUI
 * map a GError to the same words. ca_error_code_to_string() gives the JSON code,
 * ca_error_code_to_exit_status() the CLI's exit status.
 */
typedef enum
{
  CA_ERROR_FAILED,                    /* "failed", exit 1 */
  CA_ERROR_INVALID_DOMAIN,            /* exit 2 */
  CA_ERROR_INVALID_VALIDATION_DOMAIN, /* exit 2 */
  CA_ERROR_INVALID_ARN,               /* exit 2 */
  CA_ERROR_INVALID_INPUT,             /* other bad input or usage, exit 2 */
  CA_ERROR_NO_CREDENTIALS,            /* exit 4 */
  CA_ERROR_ACCESS_DENIED,             /* exit 4 */
  CA_ERROR_THROTTLED,                 /* exit 3 */
  CA_ERROR_TIMEOUT,                   /* exit 3 */
  CA_ERROR_NETWORK,                   /* exit 3 */
  CA_ERROR_MALFORMED_RESPONSE,        /* exit 3 */
  CA_ERROR_AWS,                       /* AWS refused the operation, exit 5 */
  CA_ERROR_NO_CERTIFICATE,            /* a file or endpoint without a readable certificate */
  CA_ERROR_USAGE,                     /* the command line itself is wrong, exit 2 */
  CA_ERROR_NO_REGION_ANSWERED,        /* a scan of regions where none answered, exit 3 */
  CA_ERROR_INVALID_ZONE,              /* publish --zone-id: unknown or private hosted zone, exit 2 */
} CaError;

GQuark      ca_error_quark               (void);
const char *ca_error_code_to_string      (CaError       code);
int         ca_error_code_to_exit_status (CaError       code);
const char *ca_error_to_code_string      (const GError *error);
int         ca_error_to_exit_status      (const GError *error);

G_END_DECLS
