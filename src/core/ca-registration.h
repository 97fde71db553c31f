/* ca-registration.h: the registration data found for one registrable domain
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The verdicts of contract.md's `registrations[].verdict`, in the order of
 * registration-data.md §6 (first match wins). */
typedef enum
{
  CA_REGISTRATION_VERDICT_RATE_LIMITED,
  CA_REGISTRATION_VERDICT_NO_DATA,
  CA_REGISTRATION_VERDICT_CONTACTS_USABLE,
  CA_REGISTRATION_VERDICT_WEB_FORM_OR_CAPTCHA,
  CA_REGISTRATION_VERDICT_PRIVACY_PLACEHOLDER,
  CA_REGISTRATION_VERDICT_REDACTED_NO_CONTACT,
  CA_REGISTRATION_VERDICT_ERROR,
} CaRegistrationVerdict;

typedef enum
{
  CA_REGISTRATION_SOURCE_NONE,
  CA_REGISTRATION_SOURCE_RDAP,
  CA_REGISTRATION_SOURCE_WHOIS,
} CaRegistrationSource;

/* Everything the classifier noticed; several may apply to one answer. */
typedef enum
{
  CA_REGISTRATION_WARNING_RATE_LIMITED   = 1 << 0,
  CA_REGISTRATION_WARNING_PRIVACY        = 1 << 1,
  CA_REGISTRATION_WARNING_WEB_FORM       = 1 << 2,
  CA_REGISTRATION_WARNING_REDACTED       = 1 << 3,
  CA_REGISTRATION_WARNING_REGISTRY_ONLY  = 1 << 4,
  CA_REGISTRATION_WARNING_TRUNCATED      = 1 << 5,
  CA_REGISTRATION_WARNING_WHOIS_RETIRED  = 1 << 6,
  CA_REGISTRATION_WARNING_NOT_USABLE     = 1 << 7,
} CaRegistrationWarnings;

#define CA_TYPE_REGISTRATION (ca_registration_get_type ())

G_DECLARE_FINAL_TYPE (CaRegistration, ca_registration, CA, REGISTRATION, GObject)

CaRegistration        *ca_registration_new                (const char             *domain);
const char            *ca_registration_get_domain         (CaRegistration         *self);
CaRegistrationSource   ca_registration_get_source         (CaRegistration         *self);
void                   ca_registration_set_source         (CaRegistration         *self,
                                                           CaRegistrationSource    source);
const char            *ca_registration_get_server         (CaRegistration         *self);
void                   ca_registration_set_server         (CaRegistration         *self,
                                                           const char             *server);
CaRegistrationVerdict  ca_registration_get_verdict        (CaRegistration         *self);
void                   ca_registration_set_verdict        (CaRegistration         *self,
                                                           CaRegistrationVerdict   verdict);
const char * const    *ca_registration_get_emails         (CaRegistration         *self);
void                   ca_registration_add_email          (CaRegistration         *self,
                                                           const char             *email);
const char * const    *ca_registration_get_evidence       (CaRegistration         *self);
void                   ca_registration_add_evidence       (CaRegistration         *self,
                                                           const char             *line);
CaRegistrationWarnings ca_registration_get_warnings       (CaRegistration         *self);
void                   ca_registration_add_warnings       (CaRegistration         *self,
                                                           CaRegistrationWarnings  warnings);
const char            *ca_registration_get_error_message  (CaRegistration         *self);
void                   ca_registration_set_error_message  (CaRegistration         *self,
                                                           const char             *message);
gint64                 ca_registration_get_retry_after    (CaRegistration         *self);
void                   ca_registration_set_retry_after    (CaRegistration         *self,
                                                           gint64                  seconds);
gboolean               ca_registration_get_has_data       (CaRegistration         *self);
gboolean               ca_registration_get_pending        (CaRegistration         *self);
void                   ca_registration_set_pending        (CaRegistration         *self,
                                                           gboolean                pending);
GPtrArray             *ca_registration_create_findings    (CaRegistration         *self);
void                   ca_registration_to_json            (CaRegistration         *self,
                                                           JsonBuilder            *builder);
char                  *ca_registration_describe_verdict   (CaRegistration         *self);

const char            *ca_registration_verdict_to_string  (CaRegistrationVerdict   verdict);
const char            *ca_registration_source_to_string   (CaRegistrationSource    source);
gboolean               ca_registration_verdict_from_string (const char            *string,
                                                            CaRegistrationVerdict *verdict);

G_END_DECLS
