/* ca-application.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CA_TYPE_APPLICATION (ca_application_get_type ())

G_DECLARE_FINAL_TYPE (CaApplication, ca_application, CA, APPLICATION, AdwApplication)

CaApplication      *ca_application_new                (void);
GSettings          *ca_application_get_settings       (CaApplication *self);
const char * const *ca_application_get_dns_servers    (CaApplication *self);
gboolean            ca_application_get_dnssec         (CaApplication *self);
const char         *ca_application_get_whois_server   (CaApplication *self);
const char         *ca_application_get_rdap_bootstrap (CaApplication *self);
guint               ca_application_get_timeout        (CaApplication *self);

G_END_DECLS
