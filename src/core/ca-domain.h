/* ca-domain.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CA_DOMAIN_N_APPROVERS 5

char     *ca_domain_normalize                 (const char  *input,
                                               GError     **error);
gboolean  ca_domain_is_wildcard               (const char  *name);
char     *ca_domain_get_approval_domain       (const char  *name,
                                               const char **stripped);
char    **ca_domain_get_approver_addresses    (const char  *approval_domain);
char     *ca_domain_get_registrable_domain    (const char  *name,
                                               gboolean    *is_public);
gboolean  ca_domain_is_superdomain_or_equal   (const char  *superdomain,
                                               const char  *name);
gboolean  ca_domain_check_first_name          (const char  *name,
                                               GError     **error);
char     *ca_domain_check_validation_domain   (const char  *name,
                                               const char  *validation_domain,
                                               GError     **error);
char    **ca_domain_list_validation_candidates (const char *name);
char     *ca_domain_to_display                (const char  *name);

G_END_DECLS
