/* ca-registration.c: the registration data found for one registrable domain
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRegistration"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-finding.h"
#include "ca-json.h"
#include "ca-registration.h"
#include "ca-util.h"

/* Enough for what a reader can take in; the rest only repeats. */
#define MAX_EVIDENCE 24

struct _CaRegistration
{
  GObject                 parent_instance;

  char                   *domain;
  char                   *server;
  char                   *error_message;
  GPtrArray              *emails;
  GPtrArray              *evidence;
  CaRegistrationSource    source;
  CaRegistrationVerdict   verdict;
  CaRegistrationWarnings  warnings;
  gint64                  retry_after;
  gboolean                pending;
};

G_DEFINE_FINAL_TYPE (CaRegistration, ca_registration, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOMAIN,
  PROP_SOURCE,
  PROP_SERVER,
  PROP_VERDICT,
  PROP_EMAILS,
  PROP_EVIDENCE,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const verdict_strings[] = {
  [CA_REGISTRATION_VERDICT_RATE_LIMITED] = "rate_limited",
  [CA_REGISTRATION_VERDICT_NO_DATA] = "no_data",
  [CA_REGISTRATION_VERDICT_CONTACTS_USABLE] = "contacts_usable",
  [CA_REGISTRATION_VERDICT_WEB_FORM_OR_CAPTCHA] = "web_form_or_captcha",
  [CA_REGISTRATION_VERDICT_PRIVACY_PLACEHOLDER] = "privacy_placeholder",
  [CA_REGISTRATION_VERDICT_REDACTED_NO_CONTACT] = "redacted_no_contact",
  [CA_REGISTRATION_VERDICT_ERROR] = "error",
};

static const char * const warning_strings[] = {
  "rate_limited", "privacy", "web_form", "redacted", "registry_only", "truncated",
  "whois_retired", "not_usable",
};

/*
 * Callbacks
 */

static void
ca_registration_finalize (GObject *object)
{
  CaRegistration *self = (CaRegistration *) object;

  g_clear_pointer (&self->domain, g_free);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->emails, g_ptr_array_unref);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_registration_parent_class)->finalize (object);
}

static void
ca_registration_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CaRegistration *self = CA_REGISTRATION (object);

  switch (prop_id)
    {
    case PROP_DOMAIN:
      g_value_set_string (value, self->domain);
      break;
    case PROP_SOURCE:
      g_value_set_int (value, self->source);
      break;
    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;
    case PROP_VERDICT:
      g_value_set_int (value, self->verdict);
      break;
    case PROP_EMAILS:
      g_value_set_boxed (value, ca_registration_get_emails (self));
      break;
    case PROP_EVIDENCE:
      g_value_set_boxed (value, ca_registration_get_evidence (self));
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_registration_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CaRegistration *self = CA_REGISTRATION (object);

  switch (prop_id)
    {
    case PROP_DOMAIN:
      self->domain = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_registration_class_init (CaRegistrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_registration_finalize;
  object_class->get_property = ca_registration_get_property;
  object_class->set_property = ca_registration_set_property;

  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_int ("source", NULL, NULL, CA_REGISTRATION_SOURCE_NONE,
                      CA_REGISTRATION_SOURCE_WHOIS, CA_REGISTRATION_SOURCE_NONE, flags);
  properties[PROP_SERVER] = g_param_spec_string ("server", NULL, NULL, NULL, flags);
  properties[PROP_VERDICT] =
    g_param_spec_int ("verdict", NULL, NULL, CA_REGISTRATION_VERDICT_RATE_LIMITED,
                      CA_REGISTRATION_VERDICT_ERROR, CA_REGISTRATION_VERDICT_NO_DATA, flags);
  properties[PROP_EMAILS] = g_param_spec_boxed ("emails", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_EVIDENCE] = g_param_spec_boxed ("evidence", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_PENDING] = g_param_spec_boolean ("pending", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_registration_init (CaRegistration *self)
{
  self->emails = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->emails, NULL);
  self->evidence = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->evidence, NULL);
  self->verdict = CA_REGISTRATION_VERDICT_NO_DATA;
}

/* Both arrays stay NULL-terminated, so they can be handed out as strv. */
static void
append_string (GPtrArray  *array,
               const char *string)
{
  array->pdata[array->len - 1] = g_strdup (string);
  g_ptr_array_add (array, NULL);
}

static gboolean
contains_string (GPtrArray  *array,
                 const char *string)
{
  for (guint i = 0; i + 1 < array->len; i++)
    if (g_strcmp0 (array->pdata[i], string) == 0)
      return TRUE;
  return FALSE;
}

static void
add_string_builder_array (JsonBuilder        *builder,
                          const char         *member,
                          const char * const *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strings[i] != NULL; i++)
    json_builder_add_string_value (builder, strings[i]);
  json_builder_end_array (builder);
}

static void
add_warnings_array (JsonBuilder            *builder,
                    CaRegistrationWarnings  warnings)
{
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (warning_strings); i++)
    if (warnings & (1u << i))
      json_builder_add_string_value (builder, warning_strings[i]);
  json_builder_end_array (builder);
}

/*
 * Public API
 */

CaRegistration *
ca_registration_new (const char *domain)
{
  g_return_val_if_fail (domain != NULL, NULL);

  return g_object_new (CA_TYPE_REGISTRATION, "domain", domain, NULL);
}

const char *
ca_registration_get_domain (CaRegistration *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION (self), NULL);

  return self->domain;
}

CaRegistrationSource
ca_registration_get_source (CaRegistration *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION (self), CA_REGISTRATION_SOURCE_NONE);

  return self->source;
}

void
ca_registration_set_source (CaRegistration       *self,
                            CaRegistrationSource  source)
{
  g_return_if_fail (CA_IS_REGISTRATION (self));

  if (self->source == source)
    return;
  self->source = source;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

const char *
ca_registration_get_server (CaRegistration *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION (self), NULL);

  return self->server;
}

void
ca_registration_set_server (CaRegistration *self,
                            const char     *server)
{
  g_return_if_fail (CA_IS_REGISTRATION (self));

  if (ca_set_str (&self->server, server))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
}

CaRegistrationVerdict
ca_registration_get_verdict (CaRegistration *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION (self), CA_REGISTRATION_VERDICT_ERROR);

  return self->verdict;
}

void
ca_registration_set_verdict (CaRegistration        *self,
                             CaRegistrationVerdict  verdict)
{
  g_return_if_fail (CA_IS_REGISTRATION (self));
  g_return_if_fail (verdict <= CA_REGISTRATION_VERDICT_ERROR);

  if (self->verdict == verdict)
    return;
  self->verdict = verdict;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
}

/**
 * ca_registration_get_emails:
 *
 * Returns: (transfer none): the usable contact addresses, lower case, in the
 *   order they first appeared
 */
const char * const *
ca_registration_get_emails (CaRegistration *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION (self), NULL);

  return (const char * const *) self->emails->pdata;
}

void
ca_registration_add_email (CaRegistration *self,
                           const char     *email)
{
  g_autofree char *lower = NULL;

  g_return_if_fail (CA_IS_REGISTRATION (self));
  g_return_if_fail (email != NULL);

  lower = g_ascii_strdown (email, -1);
  if (contains_string (self->emails, lower))
    return;
  append_string (self->emails, lower);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAILS]);
}

/**
 * ca_registration_get_evidence:
 *
 * Returns: (transfer none): the lines or RDAP members that decided the verdict
 *   or raised a warning, as plain text (never markup)
 */
const char * const *
ca_registration_get_evidence (CaRegistration *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION (self), NULL);

  return (const char * const *) self->evidence->pdata;
}

void
ca_registration_add_evidence (CaRegistration *self,
                              const char     *line)
{
  g_return_if_fail (CA_IS_REGISTRATION (self));
  g_return_if_fail (line != NULL);

  if (self->evidence->len > MAX_EVIDENCE || contains_string (self->evidence, line))
    return;
  append_string (self->evidence, line);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVIDENCE]);
}

CaRegistrationWarnings
ca_registration_get_warnings (CaRegistration *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION (self), 0);

  return self->warnings;
}

void
ca_registration_add_warnings (CaRegistration         *self,
                              CaRegistrationWarnings  warnings)
{
  g_return_if_fail (CA_IS_REGISTRATION (self));

  self->warnings |= warnings;
}

const char *
ca_registration_get_error_message (CaRegistration *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION (self), NULL);

  return self->error_message;
}

void
ca_registration_set_error_message (CaRegistration *self,
                                   const char     *message)
{
  g_return_if_fail (CA_IS_REGISTRATION (self));

  ca_set_str (&self->error_message, message);
}

/* Seconds the server asked us to wait (Retry-After), or 0. */
gint64
ca_registration_get_retry_after (CaRegistration *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION (self), 0);

  return self->retry_after;
}

void
ca_registration_set_retry_after (CaRegistration *self,
                                 gint64          seconds)
{
  g_return_if_fail (CA_IS_REGISTRATION (self));

  self->retry_after = MAX (seconds, 0);
}

/* Whether a server answered with something that can be shown. */
gboolean
ca_registration_get_has_data (CaRegistration *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION (self), FALSE);

  return self->source != CA_REGISTRATION_SOURCE_NONE &&
         self->verdict != CA_REGISTRATION_VERDICT_ERROR &&
         self->verdict != CA_REGISTRATION_VERDICT_RATE_LIMITED;
}

/* TRUE while a lookup is filling this registration in. */
gboolean
ca_registration_get_pending (CaRegistration *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION (self), FALSE);

  return self->pending;
}

void
ca_registration_set_pending (CaRegistration *self,
                             gboolean        pending)
{
  g_return_if_fail (CA_IS_REGISTRATION (self));

  pending = !!pending;
  if (self->pending == pending)
    return;
  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

/**
 * ca_registration_create_findings:
 *
 * The findings of acm-rules.md §10 that this lookup raises: the 2024 note
 * whenever registration data is shown, the privacy and web-form notes whenever
 * such a warning applies (whatever the verdict), and the unavailability note
 * when no server could answer.
 *
 * Returns: (transfer full) (element-type CaFinding): the findings
 */
GPtrArray *
ca_registration_create_findings (CaRegistration *self)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (CA_IS_REGISTRATION (self), findings);

  if (ca_registration_get_has_data (self))
    g_ptr_array_add (findings, ca_finding_new (CA_FINDING_WHOIS_NOT_USED_SINCE_2024,
                                               self->domain, NULL));
  if (self->warnings & CA_REGISTRATION_WARNING_PRIVACY)
    g_ptr_array_add (findings, ca_finding_new (CA_FINDING_WHOIS_PRIVACY_PLACEHOLDER,
                                               self->domain, NULL));
  if (self->warnings & CA_REGISTRATION_WARNING_WEB_FORM)
    g_ptr_array_add (findings, ca_finding_new (CA_FINDING_WHOIS_CAPTCHA_OR_WEB_FORM,
                                               self->domain, NULL));
  if (!ca_registration_get_has_data (self))
    g_ptr_array_add (findings, ca_finding_new (CA_FINDING_RDAP_WHOIS_UNAVAILABLE,
                                               self->domain, self->error_message));

  return findings;
}

/**
 * ca_registration_to_json:
 *
 * Adds one `registrations[]` item of contract.md to @builder: `domain`,
 * `source`, `server`, `verdict` and `emails`, plus the extra keys `evidence`,
 * `warnings` and, when known, `retry_after` and `error`.
 */
void
ca_registration_to_json (CaRegistration *self,
                         JsonBuilder    *builder)
{
  g_return_if_fail (CA_IS_REGISTRATION (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, self->domain);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, ca_registration_source_to_string (self->source));
  ca_json_add_string_or_null (builder, "server", self->server);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, ca_registration_verdict_to_string (self->verdict));
  add_string_builder_array (builder, "emails", ca_registration_get_emails (self));
  add_string_builder_array (builder, "evidence", ca_registration_get_evidence (self));
  add_warnings_array (builder, self->warnings);
  if (self->retry_after > 0)
    {
      json_builder_set_member_name (builder, "retry_after");
      json_builder_add_int_value (builder, self->retry_after);
    }
  if (self->error_message != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, self->error_message);
    }
  json_builder_end_object (builder);
}

/**
 * ca_registration_describe_verdict:
 *
 * Returns: (transfer full): the verdict as one translated sentence
 */
char *
ca_registration_describe_verdict (CaRegistration *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION (self), NULL);

  switch (self->verdict)
    {
    case CA_REGISTRATION_VERDICT_RATE_LIMITED:
      return g_strdup (_("The server refused to answer because of too many queries. Try again later."));
    case CA_REGISTRATION_VERDICT_NO_DATA:
      return g_strdup (_("The server has no contact data for this domain."));
    case CA_REGISTRATION_VERDICT_CONTACTS_USABLE:
      return g_strdup (_("The registration data lists contact addresses of the domain holder."));
    case CA_REGISTRATION_VERDICT_WEB_FORM_OR_CAPTCHA:
      return g_strdup (_("The contacts can only be reached through a web form or a CAPTCHA-protected lookup."));
    case CA_REGISTRATION_VERDICT_PRIVACY_PLACEHOLDER:
      return g_strdup (_("The registration data shows a privacy service or placeholder text instead of the holder."));
    case CA_REGISTRATION_VERDICT_REDACTED_NO_CONTACT:
      return g_strdup (_("The registration data publishes no contact for the holder."));
    case CA_REGISTRATION_VERDICT_ERROR:
    default:
      return g_strdup (_("The registration data could not be looked up."));
    }
}

const char *
ca_registration_verdict_to_string (CaRegistrationVerdict verdict)
{
  g_return_val_if_fail (verdict < G_N_ELEMENTS (verdict_strings), NULL);

  return verdict_strings[verdict];
}

gboolean
ca_registration_verdict_from_string (const char            *string,
                                     CaRegistrationVerdict *verdict)
{
  for (guint i = 0; i < G_N_ELEMENTS (verdict_strings); i++)
    if (g_strcmp0 (verdict_strings[i], string) == 0)
      {
        *verdict = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ca_registration_source_to_string (CaRegistrationSource source)
{
  switch (source)
    {
    case CA_REGISTRATION_SOURCE_RDAP:
      return "rdap";
    case CA_REGISTRATION_SOURCE_WHOIS:
      return "whois";
    case CA_REGISTRATION_SOURCE_NONE:
    default:
      return "none";
    }
}
