/* ca-credentials-sts.c: role credentials through STS AssumeRole
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCredentialsSts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-aws-client-http.h"
#include "ca-credentials-private.h"
#include "ca-error.h"
#include "ca-safe-text.h"

#define MAX_ANSWER_SIZE (64 * 1024)
#define DEFAULT_STS_REGION "us-east-1"

/* The answer is XML; only a few leaf elements matter. */
typedef struct
{
  GHashTable *values;  /* element name → text, for the names we look for */
  const char *current;
  guint       depth;
} XmlState;

/* STS answers nest 4 levels; GMarkup keeps a stack of every open element. */
#define MAX_XML_DEPTH 32

static const char *wanted_elements[] = {
  "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", "Code", "Message", NULL
};

static void
xml_start_cb (GMarkupParseContext *context,
              const char          *element,
              const char         **names,
              const char         **values,
              gpointer             user_data,
              GError             **error)
{
  XmlState *state = user_data;

  if (++state->depth > MAX_XML_DEPTH)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "nested too deeply");
      return;
    }
  state->current = NULL;
  for (guint i = 0; wanted_elements[i] != NULL; i++)
    if (strcmp (element, wanted_elements[i]) == 0)
      state->current = wanted_elements[i];
}

static void
xml_end_cb (GMarkupParseContext *context,
            const char          *element,
            gpointer             user_data,
            GError             **error)
{
  XmlState *state = user_data;

  state->current = NULL;
  if (state->depth > 0)
    state->depth--;
}

static void
xml_text_cb (GMarkupParseContext *context,
             const char          *text,
             gsize                len,
             gpointer             user_data,
             GError             **error)
{
  XmlState *state = user_data;
  g_autofree char *copy = NULL;

  if (state->current == NULL)
    return;
  copy = g_strstrip (g_strndup (text, len));
  g_hash_table_insert (state->values, (gpointer) state->current, g_strdup (copy));
  ca_secret_wipe (copy, strlen (copy));
}

static const GMarkupParser xml_parser = { xml_start_cb, xml_end_cb, xml_text_cb, NULL, NULL };

static gboolean
is_auth_error (const char *code)
{
  static const char *codes[] = {
    "AccessDenied", "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken",
    "UnrecognizedClient", "IncompleteSignature", "MissingAuthenticationToken", NULL
  };

  return code != NULL && g_strv_contains (codes, code);
}

/* A refusal is about the credentials; throttling and a failing service are
 * not, and say nothing about the profile (aws-protocol.md §5). */
static CaError
error_code_for (const char *code)
{
  static const char *throttling[] = {
    "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException", NULL
  };
  static const char *service[] = {
    "InternalFailure", "InternalError", "ServiceUnavailable", "ServiceUnavailableException", NULL
  };

  if (is_auth_error (code))
    return CA_ERROR_ACCESS_DENIED;
  if (g_strv_contains (throttling, code))
    return CA_ERROR_THROTTLED;
  if (g_strv_contains (service, code))
    return CA_ERROR_NETWORK;
  return CA_ERROR_NO_CREDENTIALS;
}

CaCredentials *
ca_credentials_parse_sts_response (const char  *xml,
                                   gsize        len,
                                   const char  *profile,
                                   GError     **error)
{
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) ca_secret_free);
  XmlState state = { values, NULL, 0 };
  g_autoptr (GMarkupParseContext) context = g_markup_parse_context_new (&xml_parser, G_MARKUP_IGNORE_QUALIFIED, &state, NULL);
  g_autoptr (GDateTime) expiration = NULL;
  g_autofree char *source = NULL;
  const char *code, *key, *secret;

  if (len > MAX_ANSWER_SIZE || !g_markup_parse_context_parse (context, xml, len, NULL) ||
      !g_markup_parse_context_end_parse (context, NULL))
    {
      g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                   _("AWS STS sent an answer that is not XML."));
      return NULL;
    }

  code = g_hash_table_lookup (values, "Code");
  if (code != NULL)
    {
      /* STS quotes the signed request when the signature does not match, session token included. */
      g_autofree char *message = ca_safe_text_redact (g_hash_table_lookup (values, "Message"));
      g_autofree char *safe_code = ca_safe_text_redact (code);

      g_set_error (error, CA_ERROR, error_code_for (code),
                   _("AWS STS refused to hand out the role of the AWS profile “%s”: %s (%s)"), profile,
                   message != NULL ? message : "", safe_code);
      return NULL;
    }

  key = g_hash_table_lookup (values, "AccessKeyId");
  secret = g_hash_table_lookup (values, "SecretAccessKey");
  if (key == NULL || secret == NULL)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                   _("AWS STS sent an answer without credentials."));
      return NULL;
    }
  expiration = ca_credentials_parse_time (g_hash_table_lookup (values, "Expiration"));
  source = g_strdup_printf ("role of profile %s", profile);

  return ca_credentials_new (key, secret, g_hash_table_lookup (values, "SessionToken"), expiration, source);
}

typedef struct
{
  char        *profile;
  SoupMessage *msg;
} StsData;

static void
sts_data_free (StsData *data)
{
  g_free (data->profile);
  g_clear_object (&data->msg);
  g_free (data);
}

static void
assume_role_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  StsData *data = g_task_get_task_data (task);
  g_autoptr (GBytes) body = NULL;
  GError *error = NULL;
  CaCredentials *credentials;
  gsize len = 0;
  const char *text;

  body = ca_aws_http_send_finish (result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  text = g_bytes_get_data (body, &len);
  credentials = ca_credentials_parse_sts_response (text != NULL ? text : "", len, data->profile, &error);
  if (len > 0)
    ca_secret_wipe ((gpointer) text, len);
  if (credentials == NULL && error == NULL)
    g_set_error (&error, CA_ERROR, CA_ERROR_NETWORK, _("AWS STS answered with HTTP status %u."),
                 soup_message_get_status (data->msg));

  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) ca_credentials_unref);
}

static void
append_param (GString    *form,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_printf (form, "&%s=%s", name, escaped);
}

static GBytes *
build_form (CaAwsConfig *config,
            const char  *profile)
{
  const char *session_name = ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "role_session_name");
  g_autofree char *default_name = g_strdup_printf ("certassist-%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  GString *form = g_string_new ("Action=AssumeRole&Version=2011-06-15");

  append_param (form, "RoleArn", ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "role_arn"));
  append_param (form, "RoleSessionName", session_name != NULL ? session_name : default_name);
  append_param (form, "ExternalId", ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "external_id"));
  append_param (form, "DurationSeconds", ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "duration_seconds"));

  return g_string_free_to_bytes (form);
}

void
ca_credentials_sts_assume_role_async (SoupSession         *http,
                                      CaAwsConfig         *config,
                                      const char          *profile,
                                      CaCredentials       *source,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *region = ca_aws_resolve_region (config, profile, NULL);
  g_autofree char *endpoint = NULL;
  StsData *data;

  g_task_set_source_tag (task, ca_credentials_sts_assume_role_async);
  data = g_new0 (StsData, 1);
  data->profile = g_strdup (profile);
  g_task_set_task_data (task, data, (GDestroyNotify) sts_data_free);

  if (ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "mfa_serial") != NULL)
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                               _("The AWS profile “%s” asks for an MFA code, which CertAssist cannot prompt for. Use a profile with temporary credentials instead."),
                               profile);
      return;
    }
  if (region == NULL)
    region = g_strdup (DEFAULT_STS_REGION);
  endpoint = ca_aws_resolve_endpoint (config, profile, "sts", region, NULL, &error);
  if (endpoint == NULL || (data->msg = soup_message_new (SOUP_METHOD_POST, endpoint)) == NULL)
    {
      if (error == NULL)
        g_set_error (&error, CA_ERROR, CA_ERROR_INVALID_INPUT, _("The endpoint “%s” is not a valid URL."), endpoint);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  body = build_form (config, profile);
  ca_aws_http_set_body (data->msg, "application/x-www-form-urlencoded; charset=utf-8", body);
  ca_aws_http_sign (data->msg, body, source, region, "sts", now);
  ca_aws_http_send_async (http, data->msg, MAX_ANSWER_SIZE, cancellable, assume_role_cb, g_steal_pointer (&task));
}

CaCredentials *
ca_credentials_sts_assume_role_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
