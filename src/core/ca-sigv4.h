/* ca-sigv4.h: AWS Signature Version 4
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *value;
} CaSigv4Header;

/**
 * CaSigv4Request:
 *
 * Everything a signature covers. @headers are the headers to sign (any case,
 * any order); @amz_date is `YYYYMMDDTHHMMSSZ` and gives the scope's date too,
 * so that both come from one clock reading.
 */
typedef struct
{
  const char          *method;
  const char          *canonical_uri;
  const char          *canonical_query;
  const CaSigv4Header *headers;
  gsize                n_headers;
  const guint8        *payload;
  gsize                payload_len;
  const char          *amz_date;
  const char          *region;
  const char          *service;
  const char          *access_key_id;
  const char          *secret_access_key;
} CaSigv4Request;

char *ca_sigv4_sha256_hex          (const guint8         *data,
                                    gsize                 len);
char *ca_sigv4_format_amz_date     (GDateTime            *time);
char *ca_sigv4_canonical_request   (const CaSigv4Request *request,
                                    char                **signed_headers);
char *ca_sigv4_string_to_sign      (const CaSigv4Request *request,
                                    const char           *canonical_request);
char *ca_sigv4_signature           (const CaSigv4Request *request);
char *ca_sigv4_authorization       (const CaSigv4Request *request);
char *ca_sigv4_host_for_uri        (GUri                 *uri);

G_END_DECLS
