/* ca-fake-sigv4.h: the fakes check SigV4 with botocore, never with the product's signer
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

void     ca_fake_sigv4_start  (void);
gboolean ca_fake_sigv4_verify (SoupServerMessage *msg,
                               GBytes            *body,
                               const char        *access_key_id,
                               const char        *secret_access_key,
                               const char        *region,
                               const char        *service,
                               GError           **error);

G_END_DECLS
