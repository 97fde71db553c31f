/* ca-rdap-bootstrap.h: the IANA RDAP bootstrap file for domains (RFC 9224)
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CA_TYPE_RDAP_BOOTSTRAP (ca_rdap_bootstrap_get_type ())
/* IANA's dns.json is about 40 KiB. */
#define CA_RDAP_BOOTSTRAP_MAX_SIZE (4 * 1024 * 1024)

G_DECLARE_FINAL_TYPE (CaRdapBootstrap, ca_rdap_bootstrap, CA, RDAP_BOOTSTRAP, GObject)

CaRdapBootstrap *ca_rdap_bootstrap_new_from_bytes (GBytes          *bytes,
                                                   GError         **error);
const char      *ca_rdap_bootstrap_lookup         (CaRdapBootstrap *self,
                                                   const char      *domain);
guint            ca_rdap_bootstrap_get_n_entries  (CaRdapBootstrap *self);

G_END_DECLS
