/* ca-session.h: what every page of a journey shares
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-acm-client.h"
#include "ca-certificate-watch.h"
#include "ca-diagnosis.h"
#include "ca-registration-client.h"
#include "ca-session-action.h"

G_BEGIN_DECLS

/* Where a journey that starts with the AWS account leads once a certificate
 * or the account is chosen. */
typedef enum
{
  CA_JOURNEY_APPROVAL_MAIL,  /* why the mail did not come; resend it */
  CA_JOURNEY_MOVE_TO_DNS,    /* move a certificate to DNS validation */
  CA_JOURNEY_REQUEST,        /* request a new certificate */
  CA_JOURNEY_FLEET,          /* every certificate of every region against the deadlines */
} CaJourney;

#define CA_TYPE_SESSION (ca_session_get_type ())

G_DECLARE_FINAL_TYPE (CaSession, ca_session, CA, SESSION, GObject)

CaSession            *ca_session_new                        (void);
const char * const   *ca_session_get_dns_servers            (CaSession           *self);
void                  ca_session_set_dns_servers            (CaSession           *self,
                                                             const char * const  *servers);
gboolean              ca_session_get_dnssec                 (CaSession           *self);
void                  ca_session_set_dnssec                 (CaSession           *self,
                                                             gboolean             dnssec);
guint                 ca_session_get_timeout                (CaSession           *self);
void                  ca_session_set_timeout                (CaSession           *self,
                                                             guint                seconds);
CaDnsView             ca_session_get_view                   (CaSession           *self);
void                  ca_session_set_view                   (CaSession           *self,
                                                             CaDnsView            view);
CaDnsView             ca_session_get_effective_view         (CaSession           *self);
const char           *ca_session_get_root_hints             (CaSession           *self);
void                  ca_session_set_root_hints             (CaSession           *self,
                                                             const char          *file);
const char           *ca_session_get_trust_anchor           (CaSession           *self);
void                  ca_session_set_trust_anchor           (CaSession           *self,
                                                             const char          *file);
const char           *ca_session_get_whois_server           (CaSession           *self);
void                  ca_session_set_whois_server           (CaSession           *self,
                                                             const char          *server);
const char           *ca_session_get_rdap_bootstrap         (CaSession           *self);
void                  ca_session_set_rdap_bootstrap         (CaSession           *self,
                                                             const char          *bootstrap);
const char           *ca_session_get_aws_profile            (CaSession           *self);
void                  ca_session_set_aws_profile            (CaSession           *self,
                                                             const char          *profile);
const char           *ca_session_get_aws_region             (CaSession           *self);
void                  ca_session_set_aws_region             (CaSession           *self,
                                                             const char          *region);
CaDnsResolver        *ca_session_create_resolver            (CaSession           *self);
CaDnsResolver        *ca_session_create_public_resolver     (CaSession           *self);
CaRegistrationClient *ca_session_create_registration_client (CaSession           *self);
CaAcmClient          *ca_session_create_acm_client          (CaSession           *self,
                                                             GError             **error);
CaAcmClient          *ca_session_get_acm_client             (CaSession           *self);
CaDiagnosis          *ca_session_create_diagnosis           (CaSession           *self,
                                                             const char * const  *names,
                                                             const char          *validation_domain,
                                                             CaAcmCertificate    *certificate,
                                                             GPtrArray           *migration,
                                                             GError             **error);
void                  ca_session_add_check_type             (CaSession           *self,
                                                             GType                type);
CaDiagnosis          *ca_session_get_diagnosis              (CaSession           *self);
CaAcmCertificate     *ca_session_get_certificate            (CaSession           *self);
void                  ca_session_set_certificate            (CaSession           *self,
                                                             CaAcmCertificate    *certificate);
CaJourney             ca_session_get_journey                (CaSession           *self);
void                  ca_session_set_journey                (CaSession           *self,
                                                             CaJourney            journey);
void                  ca_session_start_journey              (CaSession           *self,
                                                             CaJourney            journey);
GListModel           *ca_session_get_watches                (CaSession           *self);
CaCertificateWatch   *ca_session_find_watch                 (CaSession           *self,
                                                             const char          *arn);
void                  ca_session_add_watch                  (CaSession           *self,
                                                             CaCertificateWatch  *watch);
GListModel           *ca_session_get_actions                (CaSession           *self);
void                  ca_session_add_action                 (CaSession           *self,
                                                             CaSessionAction     *action);

G_END_DECLS
