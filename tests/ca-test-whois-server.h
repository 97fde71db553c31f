/* ca-test-whois-server.h: a port-43 server on 127.0.0.1 for tests and the demo
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  CA_TEST_WHOIS_ANSWER,     /* send the configured answer, then close */
  CA_TEST_WHOIS_ENDLESS,    /* send bytes until the client hangs up */
  CA_TEST_WHOIS_SILENT,     /* read the query, then say nothing and keep the line open */
} CaTestWhoisMode;

#define CA_TEST_TYPE_WHOIS_SERVER (ca_test_whois_server_get_type ())

G_DECLARE_FINAL_TYPE (CaTestWhoisServer, ca_test_whois_server, CA_TEST, WHOIS_SERVER, GObject)

CaTestWhoisServer *ca_test_whois_server_new             (void);
guint16            ca_test_whois_server_get_port        (CaTestWhoisServer *self);
char              *ca_test_whois_server_get_address     (CaTestWhoisServer *self);
void               ca_test_whois_server_set_mode        (CaTestWhoisServer *self,
                                                         CaTestWhoisMode    mode);
void               ca_test_whois_server_add_answer      (CaTestWhoisServer *self,
                                                         const char        *query,
                                                         GBytes            *answer);
void               ca_test_whois_server_add_text        (CaTestWhoisServer *self,
                                                         const char        *query,
                                                         const char        *text);
gboolean           ca_test_whois_server_add_file        (CaTestWhoisServer *self,
                                                         const char        *query,
                                                         const char        *path,
                                                         GError           **error);
void               ca_test_whois_server_set_default     (CaTestWhoisServer *self,
                                                         GBytes            *answer);
guint              ca_test_whois_server_get_n_connections (CaTestWhoisServer *self);
GPtrArray         *ca_test_whois_server_get_queries     (CaTestWhoisServer *self);
void               ca_test_whois_server_stop            (CaTestWhoisServer *self);

G_END_DECLS
