/* ca-registration-client.h: registration data for a domain, RDAP first, WHOIS otherwise
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ca-registration.h"

G_BEGIN_DECLS

#define CA_TYPE_REGISTRATION_CLIENT (ca_registration_client_get_type ())

G_DECLARE_FINAL_TYPE (CaRegistrationClient, ca_registration_client, CA, REGISTRATION_CLIENT, GObject)

CaRegistrationClient *ca_registration_client_new           (const char           *whois_server,
                                                            const char           *rdap_bootstrap);
void                  ca_registration_client_set_timeout   (CaRegistrationClient *self,
                                                            guint                 seconds);
void                  ca_registration_client_lookup_async  (CaRegistrationClient *self,
                                                            const char           *name,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
CaRegistration       *ca_registration_client_lookup_finish (CaRegistrationClient *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                  ca_registration_client_fill_async    (CaRegistrationClient *self,
                                                            CaRegistration       *registration,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean              ca_registration_client_fill_finish   (CaRegistrationClient *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
