/* ca-caa.h: what a CAA set (RFC 8659) says about Amazon
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
  gboolean allows_amazon;          /* for a plain name */
  gboolean allows_amazon_wildcard; /* for a wildcard name */
  gboolean critical_unknown;       /* an unknown tag with the critical flag: nobody may issue */
  gboolean has_issuewild;
} CaCaaVerdict;

char     *ca_caa_get_issuer_domain  (const char   *value);
gboolean  ca_caa_is_amazon_issuer   (const char   *issuer_domain);
void      ca_caa_evaluate           (GPtrArray    *records,
                                     CaCaaVerdict *verdict);

G_END_DECLS
