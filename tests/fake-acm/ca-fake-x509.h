/* ca-fake-x509.h: a certificate for each fake certificate, as GetCertificate gives it
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *ca_fake_x509_issue (const char         *domain,
                          const char * const *sans,
                          gint64              not_before,
                          gint64              not_after,
                          char              **chain);

G_END_DECLS
