/* ca-test-rdap-server.h: an RDAP server (SoupServer) on 127.0.0.1 for tests and the demo
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CA_TEST_TYPE_RDAP_SERVER (ca_test_rdap_server_get_type ())

G_DECLARE_FINAL_TYPE (CaTestRdapServer, ca_test_rdap_server, CA_TEST, RDAP_SERVER, GObject)

CaTestRdapServer *ca_test_rdap_server_new            (void);
char             *ca_test_rdap_server_get_url        (CaTestRdapServer *self,
                                                      const char       *path);
void              ca_test_rdap_server_add            (CaTestRdapServer *self,
                                                      const char       *path,
                                                      guint             status,
                                                      GBytes           *body);
void              ca_test_rdap_server_add_text       (CaTestRdapServer *self,
                                                      const char       *path,
                                                      guint             status,
                                                      const char       *body);
gboolean          ca_test_rdap_server_add_file       (CaTestRdapServer *self,
                                                      const char       *path,
                                                      guint             status,
                                                      const char       *file,
                                                      GError          **error);
void              ca_test_rdap_server_add_header     (CaTestRdapServer *self,
                                                      const char       *path,
                                                      const char       *name,
                                                      const char       *value);
void              ca_test_rdap_server_add_bootstrap  (CaTestRdapServer *self,
                                                      const char       *path,
                                                      const char * const *tlds);
guint             ca_test_rdap_server_get_n_requests (CaTestRdapServer *self,
                                                      const char       *path);
const char       *ca_test_rdap_server_get_last_accept (CaTestRdapServer *self);
void              ca_test_rdap_server_stop           (CaTestRdapServer *self);

G_END_DECLS
