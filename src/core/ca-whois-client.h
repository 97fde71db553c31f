/* ca-whois-client.h: port-43 lookups with referrals (RFC 3912)
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CA_WHOIS_DEFAULT_SERVER "whois.iana.org"

/* The last answer of a referral chain, cleaned to UTF-8 text. */
typedef struct
{
  char      *server;     /* host or host:port that gave @text */
  char      *text;
  gboolean   truncated;
  GPtrArray *notes;      /* why a referral was not followed, plain text */
  char      *referral_error; /* the server a referral named failed: @text is only the one before it */
} CaWhoisAnswer;

void ca_whois_answer_free (CaWhoisAnswer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaWhoisAnswer, ca_whois_answer_free)

#define CA_TYPE_WHOIS_CLIENT (ca_whois_client_get_type ())

G_DECLARE_FINAL_TYPE (CaWhoisClient, ca_whois_client, CA, WHOIS_CLIENT, GObject)

CaWhoisClient *ca_whois_client_new           (const char           *server);
const char    *ca_whois_client_get_server    (CaWhoisClient        *self);
guint          ca_whois_client_get_timeout   (CaWhoisClient        *self);
void           ca_whois_client_set_timeout   (CaWhoisClient        *self,
                                              guint                 seconds);
void           ca_whois_client_set_max_size  (CaWhoisClient        *self,
                                              gsize                 bytes);
void           ca_whois_client_lookup_async  (CaWhoisClient        *self,
                                              const char           *domain,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
CaWhoisAnswer *ca_whois_client_lookup_finish (CaWhoisClient        *self,
                                              GAsyncResult         *result,
                                              GError              **error);

char          *ca_whois_build_query          (const char           *server_host,
                                              const char           *domain,
                                              GError              **error);
char          *ca_whois_find_referral        (const char           *text);
gboolean       ca_whois_check_server         (const char           *server,
                                              GError              **error);

G_END_DECLS
