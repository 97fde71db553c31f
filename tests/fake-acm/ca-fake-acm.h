/* ca-fake-acm.h: a local ACM endpoint for tests and the demo
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CA_FAKE_ACM_ACCESS_KEY_ID "AKIDEXAMPLE"
#define CA_FAKE_ACM_SECRET_ACCESS_KEY "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define CA_FAKE_ACM_ACCOUNT "123456789012"

typedef enum
{
  CA_FAKE_ACM_FAULT_THROTTLE,        /* 400 ThrottlingException */
  CA_FAKE_ACM_FAULT_SERVER_ERROR,    /* 503 ServiceUnavailable */
  CA_FAKE_ACM_FAULT_DROP_CONNECTION, /* the connection closes without an answer */
  CA_FAKE_ACM_FAULT_MALFORMED_BODY,  /* 200 with a body that is not JSON */
  CA_FAKE_ACM_FAULT_LIMIT_EXCEEDED,  /* 400 LimitExceededException */
  CA_FAKE_ACM_FAULT_ACCESS_DENIED,   /* 400 AccessDeniedException with `Message` */
  CA_FAKE_ACM_FAULT_ECHO_CREDENTIALS, /* 400 AccessDeniedException quoting the signed request, token and all */
  CA_FAKE_ACM_FAULT_EXPIRED_TOKEN,   /* 400 ExpiredTokenException */
  /* Route 53 (requests under /2013-04-01/ only; the ACM faults never touch them). */
  CA_FAKE_ACM_FAULT_ROUTE53_THROTTLE,      /* any Route 53 call: 400 Throttling */
  CA_FAKE_ACM_FAULT_ROUTE53_PRIOR_REQUEST, /* ChangeResourceRecordSets: 400 PriorRequestNotComplete */
  CA_FAKE_ACM_FAULT_ROUTE53_INVALID_BATCH, /* ChangeResourceRecordSets: 400 InvalidChangeBatch, "[m1, m2]" */
  CA_FAKE_ACM_FAULT_ROUTE53_ACCESS_DENIED, /* any Route 53 call: 403 AccessDenied */
  CA_FAKE_ACM_N_FAULTS
} CaFakeAcmFault;

/* Called with a CNAME's name (lower case, no final dot) and value (as sent) when a change
 * that upserted or created it in a public zone becomes INSYNC, before GetChange answers
 * (never for a private zone, nor one a seed marks "Delegated": false). */
typedef void (*CaFakeAcmPublishFunc) (const char *name,
                                      const char *value,
                                      gpointer    user_data);

#define CA_TYPE_FAKE_ACM (ca_fake_acm_get_type ())

G_DECLARE_FINAL_TYPE (CaFakeAcm, ca_fake_acm, CA, FAKE_ACM, GObject)

CaFakeAcm  *ca_fake_acm_new                 (const char      *region);
gboolean    ca_fake_acm_listen              (CaFakeAcm       *self,
                                             guint            port,
                                             GError         **error);
guint       ca_fake_acm_get_port            (CaFakeAcm       *self);
char       *ca_fake_acm_get_url             (CaFakeAcm       *self);
void        ca_fake_acm_add_key             (CaFakeAcm       *self,
                                             const char      *access_key_id,
                                             const char      *secret_access_key,
                                             const char      *session_token);
gboolean    ca_fake_acm_load_seed           (CaFakeAcm       *self,
                                             JsonObject      *seed,
                                             GError         **error);
gboolean    ca_fake_acm_load_seed_file      (CaFakeAcm       *self,
                                             const char      *path,
                                             GError         **error);
char       *ca_fake_acm_add_certificate     (CaFakeAcm       *self,
                                             JsonObject      *spec);
gboolean    ca_fake_acm_approve             (CaFakeAcm       *self,
                                             const char      *arn);
JsonObject *ca_fake_acm_get_detail          (CaFakeAcm       *self,
                                             const char      *arn);
void        ca_fake_acm_inject_fault        (CaFakeAcm       *self,
                                             CaFakeAcmFault   fault,
                                             guint            count);
gboolean    ca_fake_acm_fault_from_string   (const char      *name,
                                             CaFakeAcmFault  *fault);
void        ca_fake_acm_set_delay_ms        (CaFakeAcm       *self,
                                             guint            delay_ms);
void        ca_fake_acm_set_record_delay_ms (CaFakeAcm       *self,
                                             guint            delay_ms);
void        ca_fake_acm_set_dns_server      (CaFakeAcm       *self,
                                             const char      *server);
void        ca_fake_acm_set_clock_skew      (CaFakeAcm       *self,
                                             gint64           seconds);
void        ca_fake_acm_set_page_size       (CaFakeAcm       *self,
                                             guint            page_size);
guint       ca_fake_acm_get_request_count   (CaFakeAcm       *self,
                                             const char      *operation);
void        ca_fake_acm_reset_counts        (CaFakeAcm       *self);
JsonObject *ca_fake_acm_get_last_input      (CaFakeAcm       *self,
                                             const char      *operation);
void        ca_fake_acm_setup_env           (CaFakeAcm       *self);

/* Route 53, on the same URL (paths under /2013-04-01/, signed for route53 in us-east-1). */
void        ca_fake_acm_add_hosted_zone     (CaFakeAcm          *self,
                                             const char         *zone_id,
                                             const char         *name,
                                             gboolean            private_zone,
                                             const char * const *name_servers);
void        ca_fake_acm_set_insync_after_polls (CaFakeAcm       *self,
                                             guint               polls);
GPtrArray  *ca_fake_acm_get_zone_records    (CaFakeAcm          *self,
                                             const char         *zone_id);
void        ca_fake_acm_set_route53_publish_func (CaFakeAcm     *self,
                                             CaFakeAcmPublishFunc func,
                                             gpointer            user_data);

G_END_DECLS
