/* ca-registration-classifier.h: one verdict from a WHOIS text or an RDAP answer
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ca-registration.h"

G_BEGIN_DECLS

void  ca_registration_classify_whois      (CaRegistration *registration,
                                           const char     *text);
void  ca_registration_classify_rdap       (CaRegistration *registration,
                                           JsonNode       *root);
char *ca_registration_clean_text          (const char     *bytes,
                                           gsize           length,
                                           const char     *fallback_charset);

G_END_DECLS
