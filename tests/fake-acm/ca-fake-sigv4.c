/* ca-fake-sigv4.c: the fakes check SigV4 with botocore, never with the product's signer
 *
 * A fake that verifies with ca-sigv4.c agrees with any bug in it. botocore is the code the
 * AWS CLI signs with; tests/fake-acm/sigv4-helper.py runs it, one process per fake started
 * on first use, asked one JSON line per request over a pipe (a few milliseconds each).
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ca-fake-sigv4.h"

/* One helper per process, shared by every fake in it: SoupServers may run in threads. */
static GMutex helper_lock;
static GSubprocess *helper;
static GDataInputStream *helper_out;

static gboolean
ensure_helper (GError **error)
{
  if (helper != NULL)
    return TRUE;
  helper = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, error,
                             "/usr/bin/python3", FAKE_SIGV4_HELPER, NULL);
  if (helper == NULL)
    return FALSE;
  helper_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (helper));
  return TRUE;
}

/**
 * ca_fake_sigv4_start:
 *
 * Starts the helper ahead of the first request, so that python3 loads botocore while
 * the test does its own setting up. A helper that cannot start says so at the first check.
 */
void
ca_fake_sigv4_start (void)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&helper_lock);

  ensure_helper (NULL);
}

static char *
ask_helper (const char  *question,
            GError     **error)
{
  g_autofree char *line = NULL;
  GOutputStream *in;

  if (!ensure_helper (error))
    return NULL;
  in = g_subprocess_get_stdin_pipe (helper);
  if (!g_output_stream_write_all (in, question, strlen (question), NULL, NULL, error) ||
      !g_output_stream_write_all (in, "\n", 1, NULL, NULL, error) ||
      !g_output_stream_flush (in, NULL, error))
    return NULL;
  line = g_data_input_stream_read_line_utf8 (helper_out, NULL, NULL, error);
  if (line == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, "the botocore helper ended (is python3-botocore installed?)");
  return g_steal_pointer (&line);
}

/* "AWS4-HMAC-SHA256 Credential=K/D/R/S/aws4_request, SignedHeaders=a;b, Signature=hex" */
static gboolean
parse_authorization (const char  *header,
                     char       **credential,
                     char      ***signed_headers,
                     char       **signature)
{
  g_auto (GStrv) parts = NULL;

  if (header == NULL || !g_str_has_prefix (header, "AWS4-HMAC-SHA256 "))
    return FALSE;
  parts = g_strsplit (header + strlen ("AWS4-HMAC-SHA256 "), ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);

      if (g_str_has_prefix (part, "Credential="))
        *credential = g_strdup (part + strlen ("Credential="));
      else if (g_str_has_prefix (part, "SignedHeaders="))
        *signed_headers = g_strsplit (part + strlen ("SignedHeaders="), ";", -1);
      else if (g_str_has_prefix (part, "Signature="))
        *signature = g_strdup (part + strlen ("Signature="));
    }
  return *credential != NULL && *signed_headers != NULL && *signature != NULL;
}

static char *
build_question (SoupServerMessage  *msg,
                GBytes             *body,
                const char * const *signed_headers,
                const char         *access_key_id,
                const char         *secret_access_key,
                const char         *region,
                const char         *service)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (body, &size);
  g_autofree char *encoded = g_base64_encode (data, size);
  GUri *uri = soup_server_message_get_uri (msg);
  /* The canonical request signs the query too (Route 53's ?dnsname=…&maxitems=…), as sent. */
  g_autofree char *path_and_query = g_uri_get_query (uri) != NULL
                                      ? g_strconcat (g_uri_get_path (uri), "?", g_uri_get_query (uri), NULL)
                                      : g_strdup (g_uri_get_path (uri));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, soup_server_message_get_method (msg));
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path_and_query);
  json_builder_set_member_name (builder, "headers");
  json_builder_begin_array (builder);
  for (guint i = 0; signed_headers[i] != NULL; i++)
    {
      const char *value = soup_message_headers_get_list (headers, signed_headers[i]);

      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, signed_headers[i]);
      json_builder_add_string_value (builder, value != NULL ? value : "");
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, encoded);
  json_builder_set_member_name (builder, "amz_date");
  json_builder_add_string_value (builder, soup_message_headers_get_one (headers, "X-Amz-Date"));
  json_builder_set_member_name (builder, "region");
  json_builder_add_string_value (builder, region);
  json_builder_set_member_name (builder, "service");
  json_builder_add_string_value (builder, service);
  json_builder_set_member_name (builder, "access_key");
  json_builder_add_string_value (builder, access_key_id);
  json_builder_set_member_name (builder, "secret");
  json_builder_add_string_value (builder, secret_access_key);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
botocore_signature (const char  *question,
                    GError     **error)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&helper_lock);
  g_autofree char *answer = ask_helper (question, error);
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object;

  if (answer == NULL)
    return NULL;
  node = json_from_string (answer, error);
  if (node == NULL)
    return NULL;
  object = json_node_get_object (node);
  if (!json_object_has_member (object, "signature"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, json_object_get_string_member_with_default (object, "error", "no signature"));
      return NULL;
    }
  return g_strdup (json_object_get_string_member (object, "signature"));
}

/**
 * ca_fake_sigv4_verify:
 *
 * Checks the request's Authorization as AWS does: the credential scope names the key,
 * the date of X-Amz-Date, @region and @service; host and x-amz-date are signed; and the
 * signature botocore computes over the headers the request says it signed is the one sent.
 *
 * Returns: %TRUE when the request is signed correctly; %FALSE with @error saying why
 */
gboolean
ca_fake_sigv4_verify (SoupServerMessage *msg,
                      GBytes            *body,
                      const char        *access_key_id,
                      const char        *secret_access_key,
                      const char        *region,
                      const char        *service,
                      GError           **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *amz_date = soup_message_headers_get_one (headers, "X-Amz-Date");
  g_autofree char *credential = NULL;
  g_auto (GStrv) signed_headers = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *question = NULL;
  g_autofree char *expected = NULL;

  if (!parse_authorization (soup_message_headers_get_one (headers, "Authorization"), &credential, &signed_headers, &signature) ||
      amz_date == NULL || strlen (amz_date) < 8)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no complete AWS4-HMAC-SHA256 Authorization and X-Amz-Date");
      return FALSE;
    }
  scope = g_strdup_printf ("%s/%.8s/%s/%s/aws4_request", access_key_id, amz_date, region, service);
  if (strcmp (credential, scope) != 0 ||
      !g_strv_contains ((const char * const *) signed_headers, "host") ||
      !g_strv_contains ((const char * const *) signed_headers, "x-amz-date"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "credential %s is not %s, or host and x-amz-date are not signed", credential, scope);
      return FALSE;
    }
  question = build_question (msg, body, (const char * const *) signed_headers, access_key_id, secret_access_key, region, service);
  expected = botocore_signature (question, error);
  if (expected == NULL)
    return FALSE;
  if (strcmp (expected, signature) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the signature is not the one botocore computes");
      return FALSE;
    }
  return TRUE;
}
