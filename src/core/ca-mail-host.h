/* ca-mail-host.h: one MX host of an approval domain and its addresses
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CA_MAIL_HOST_RESOLVING,
  CA_MAIL_HOST_RESOLVED,
  CA_MAIL_HOST_UNRESOLVABLE, /* no A and no AAAA */
  CA_MAIL_HOST_LOOKUP_FAILED,
} CaMailHostStatus;

#define CA_TYPE_MAIL_HOST (ca_mail_host_get_type ())

G_DECLARE_FINAL_TYPE (CaMailHost, ca_mail_host, CA, MAIL_HOST, GObject)

CaMailHost         *ca_mail_host_new                (guint               preference,
                                                     const char         *host);
guint               ca_mail_host_get_preference     (CaMailHost         *self);
const char         *ca_mail_host_get_host           (CaMailHost         *self);
CaMailHostStatus    ca_mail_host_get_status         (CaMailHost         *self);
const char * const *ca_mail_host_get_addresses      (CaMailHost         *self);
const char         *ca_mail_host_get_canonical_name (CaMailHost         *self);
gboolean            ca_mail_host_get_is_cname       (CaMailHost         *self);
const char         *ca_mail_host_get_error          (CaMailHost         *self);
void                ca_mail_host_set_result         (CaMailHost         *self,
                                                     CaMailHostStatus    status,
                                                     const char * const *addresses,
                                                     const char         *canonical_name,
                                                     const char         *error);
const char         *ca_mail_host_status_to_string   (CaMailHostStatus    status);
int                 ca_mail_host_compare            (CaMailHost         *a,
                                                     CaMailHost         *b);

G_END_DECLS
