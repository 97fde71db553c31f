/* ca-certificate-watch.h: follow one certificate until it is issued, failed or timed out
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-acm-client.h"

G_BEGIN_DECLS

typedef enum
{
  CA_WATCH_KIND_REQUEST,   /* a new request: DescribeCertificate until ISSUED */
  CA_WATCH_KIND_MIGRATION, /* a move in place: ListCertificateDomainValidations until every name is SUCCESS */
} CaWatchKind;

typedef enum
{
  CA_WATCH_STAGE_STARTING,
  CA_WATCH_STAGE_WAITING_FOR_RECORDS,    /* ACM has not published the records yet */
  CA_WATCH_STAGE_WAITING_FOR_VALIDATION, /* records known; ACM waits to see them in DNS (or the approval) */
  CA_WATCH_STAGE_ISSUED,                 /* final: issued, or every name SUCCESS after a migration */
  CA_WATCH_STAGE_FAILED,                 /* final: ACM says FAILED (see failure reason) */
  CA_WATCH_STAGE_TIMED_OUT,              /* final: the 72 hours passed */
  CA_WATCH_STAGE_STOPPED,                /* final: the user stopped watching, or an error that retrying cannot fix */
} CaWatchStage;

#define CA_TYPE_CERTIFICATE_WATCH (ca_certificate_watch_get_type ())

G_DECLARE_FINAL_TYPE (CaCertificateWatch, ca_certificate_watch, CA, CERTIFICATE_WATCH, GObject)

CaCertificateWatch *ca_certificate_watch_new               (CaAcmClient        *client,
                                                            const char         *arn,
                                                            CaWatchKind         kind);
const char         *ca_certificate_watch_get_arn           (CaCertificateWatch *self);
CaWatchKind         ca_certificate_watch_get_kind          (CaCertificateWatch *self);
CaWatchStage        ca_certificate_watch_get_stage         (CaCertificateWatch *self);
gboolean            ca_certificate_watch_is_active         (CaCertificateWatch *self);
CaAcmCertificate   *ca_certificate_watch_get_certificate   (CaCertificateWatch *self);
GPtrArray          *ca_certificate_watch_get_validations   (CaCertificateWatch *self);
GPtrArray          *ca_certificate_watch_get_records       (CaCertificateWatch *self);
GDateTime          *ca_certificate_watch_get_deadline      (CaCertificateWatch *self);
const GError       *ca_certificate_watch_get_error         (CaCertificateWatch *self);
guint               ca_certificate_watch_get_interval      (CaCertificateWatch *self);
void                ca_certificate_watch_set_interval      (CaCertificateWatch *self,
                                                            guint               first_ms,
                                                            guint               max_ms);
void                ca_certificate_watch_start             (CaCertificateWatch *self);
void                ca_certificate_watch_poll_now          (CaCertificateWatch *self);
void                ca_certificate_watch_stop              (CaCertificateWatch *self);

G_END_DECLS
