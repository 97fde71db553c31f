/* ca-session.h: what every page of a journey shares
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-acm-client.h"
#include "ca-diagnosis.h"
#include "ca-registration-client.h"

G_BEGIN_DECLS

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
CaRegistrationClient *ca_session_create_registration_client (CaSession           *self);
CaAcmClient          *ca_session_create_acm_client          (CaSession           *self,
                                                             GError             **error);
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

G_END_DECLS
