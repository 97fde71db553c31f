/* ca-rdap-client.h: RDAP lookups, registry then registrar (RFC 9082, 9083, 9224)
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ca-rdap-bootstrap.h"

G_BEGIN_DECLS

#define CA_RDAP_IANA_BOOTSTRAP_URL "https://data.iana.org/rdap/dns.json"

typedef enum
{
  CA_RDAP_STATUS_OK,
  CA_RDAP_STATUS_NOT_FOUND,
  CA_RDAP_STATUS_RATE_LIMITED,
  CA_RDAP_STATUS_NO_SERVICE,    /* the bootstrap lists no RDAP server for the TLD */
} CaRdapStatus;

/* The answer to classify: the registrar's when the registry linked to it. */
typedef struct
{
  CaRdapStatus  status;
  JsonNode     *root;
  char         *server;       /* host or host:port that gave @root */
  char         *url;
  gint64        retry_after;  /* seconds, from Retry-After on a 429 */
  GPtrArray    *notes;        /* why a related link was not followed, plain text */
} CaRdapAnswer;

void ca_rdap_answer_free (CaRdapAnswer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaRdapAnswer, ca_rdap_answer_free)

#define CA_TYPE_RDAP_CLIENT (ca_rdap_client_get_type ())

G_DECLARE_FINAL_TYPE (CaRdapClient, ca_rdap_client, CA, RDAP_CLIENT, GObject)

CaRdapClient    *ca_rdap_client_new                  (const char           *bootstrap);
gboolean         ca_rdap_check_bootstrap             (const char           *bootstrap,
                                                      GError              **error);
void             ca_rdap_client_set_timeout          (CaRdapClient         *self,
                                                      guint                 seconds);
void             ca_rdap_client_set_max_size         (CaRdapClient         *self,
                                                      gsize                 bytes);
void             ca_rdap_client_load_bootstrap_async (CaRdapClient         *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
CaRdapBootstrap *ca_rdap_client_load_bootstrap_finish (CaRdapClient        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void             ca_rdap_client_lookup_async         (CaRdapClient         *self,
                                                      const char           *domain,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
CaRdapAnswer    *ca_rdap_client_lookup_finish        (CaRdapClient         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
