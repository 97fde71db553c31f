/* ca-sigv4.c: AWS Signature Version 4
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaSigv4"

#include "config.h"

#include <string.h>

#include "ca-credentials.h"
#include "ca-sigv4.h"

#define SHA256_LEN 32

char *
ca_sigv4_sha256_hex (const guint8 *data,
                     gsize         len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data != NULL ? data : (const guint8 *) "", len);
}

char *
ca_sigv4_format_amz_date (GDateTime *time)
{
  g_autoptr (GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

/* Values are trimmed and inner runs of spaces collapse to one (SigV4 rules). */
static char *
canonical_header_value (const char *value)
{
  GString *out = g_string_new (NULL);
  gboolean in_space = FALSE;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t')
        {
          in_space = TRUE;
          continue;
        }
      if (in_space && out->len > 0)
        g_string_append_c (out, ' ');
      in_space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted lowercase names; a header given twice keeps its values in order, comma-joined. */
static GPtrArray *
sorted_header_names (const CaSigv4Request *request)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < request->n_headers; i++)
    {
      char *name = g_ascii_strdown (request->headers[i].name, -1);
      gboolean seen = FALSE;

      for (guint j = 0; j < names->len && !seen; j++)
        seen = strcmp (g_ptr_array_index (names, j), name) == 0;
      if (seen)
        g_free (name);
      else
        g_ptr_array_add (names, name);
    }
  g_ptr_array_sort (names, compare_names);

  return names;
}

static void
append_header_line (GString              *out,
                    const CaSigv4Request *request,
                    const char           *name)
{
  gboolean first = TRUE;

  g_string_append_printf (out, "%s:", name);
  for (gsize i = 0; i < request->n_headers; i++)
    {
      g_autofree char *value = NULL;

      if (g_ascii_strcasecmp (request->headers[i].name, name) != 0)
        continue;
      value = canonical_header_value (request->headers[i].value);
      g_string_append_printf (out, "%s%s", first ? "" : ",", value);
      first = FALSE;
    }
  g_string_append_c (out, '\n');
}

char *
ca_sigv4_canonical_request (const CaSigv4Request *request,
                            char                **signed_headers)
{
  g_autoptr (GPtrArray) names = NULL;
  g_autofree char *payload_hash = NULL;
  g_autofree char *joined = NULL;
  GString *out;

  g_return_val_if_fail (request != NULL, NULL);

  names = sorted_header_names (request);
  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (";", (char **) names->pdata);
  g_ptr_array_remove_index (names, names->len - 1);
  payload_hash = ca_sigv4_sha256_hex (request->payload, request->payload_len);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s\n%s\n%s\n", request->method,
                          request->canonical_uri != NULL ? request->canonical_uri : "/",
                          request->canonical_query != NULL ? request->canonical_query : "");
  for (guint i = 0; i < names->len; i++)
    append_header_line (out, request, g_ptr_array_index (names, i));
  /* The header block ends in \n, then comes the mandatory empty line. */
  g_string_append_printf (out, "\n%s\n%s", joined, payload_hash);

  if (signed_headers != NULL)
    *signed_headers = g_steal_pointer (&joined);

  return g_string_free (out, FALSE);
}

static char *
credential_scope (const CaSigv4Request *request)
{
  g_autofree char *date = g_strndup (request->amz_date, 8);

  return g_strdup_printf ("%s/%s/%s/aws4_request", date, request->region, request->service);
}

char *
ca_sigv4_string_to_sign (const CaSigv4Request *request,
                         const char           *canonical_request)
{
  g_autofree char *scope = credential_scope (request);
  g_autofree char *hash = ca_sigv4_sha256_hex ((const guint8 *) canonical_request,
                                               strlen (canonical_request));

  return g_strdup_printf ("AWS4-HMAC-SHA256\n%s\n%s\n%s", request->amz_date, scope, hash);
}

static void
hmac_sha256 (const guint8 *key,
             gsize         key_len,
             const char   *data,
             guint8        out[SHA256_LEN])
{
  GHmac *hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_len);
  gsize len = SHA256_LEN;

  g_hmac_update (hmac, (const guchar *) data, strlen (data));
  g_hmac_get_digest (hmac, out, &len);
  g_hmac_unref (hmac);
}

/* kSigning = HMAC chain from "AWS4" + secret over date, region, service, "aws4_request". */
static void
derive_signing_key (const CaSigv4Request *request,
                    guint8                key[SHA256_LEN])
{
  g_autofree char *date = g_strndup (request->amz_date, 8);
  gsize secret_len = strlen (request->secret_access_key);
  gsize seed_len = secret_len + 4;
  char *seed = g_malloc (seed_len + 1);
  guint8 k1[SHA256_LEN], k2[SHA256_LEN], k3[SHA256_LEN];

  memcpy (seed, "AWS4", 4);
  memcpy (seed + 4, request->secret_access_key, secret_len + 1);
  hmac_sha256 ((const guint8 *) seed, seed_len, date, k1);
  hmac_sha256 (k1, SHA256_LEN, request->region, k2);
  hmac_sha256 (k2, SHA256_LEN, request->service, k3);
  hmac_sha256 (k3, SHA256_LEN, "aws4_request", key);

  ca_secret_wipe (seed, seed_len);
  g_free (seed);
  ca_secret_wipe (k1, sizeof k1);
  ca_secret_wipe (k2, sizeof k2);
  ca_secret_wipe (k3, sizeof k3);
}

char *
ca_sigv4_signature (const CaSigv4Request *request)
{
  g_autofree char *canonical = NULL;
  g_autofree char *string_to_sign = NULL;
  guint8 key[SHA256_LEN];
  guint8 signature[SHA256_LEN];
  GString *hex = g_string_new (NULL);

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->amz_date != NULL && strlen (request->amz_date) == 16, NULL);
  g_return_val_if_fail (request->secret_access_key != NULL, NULL);

  canonical = ca_sigv4_canonical_request (request, NULL);
  string_to_sign = ca_sigv4_string_to_sign (request, canonical);
  derive_signing_key (request, key);
  hmac_sha256 (key, SHA256_LEN, string_to_sign, signature);
  ca_secret_wipe (key, sizeof key);

  for (guint i = 0; i < SHA256_LEN; i++)
    g_string_append_printf (hex, "%02x", signature[i]);

  return g_string_free (hex, FALSE);
}

char *
ca_sigv4_authorization (const CaSigv4Request *request)
{
  g_autofree char *signed_headers = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *signature = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  canonical = ca_sigv4_canonical_request (request, &signed_headers);
  scope = credential_scope (request);
  signature = ca_sigv4_signature (request);

  return g_strdup_printf ("AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s",
                          request->access_key_id, scope, signed_headers, signature);
}

/**
 * ca_sigv4_host_for_uri:
 *
 * The `host` value to sign: lower case, no user info, the port only when it
 * is not the scheme's default, IPv6 literals in brackets — what goes on the wire.
 */
char *
ca_sigv4_host_for_uri (GUri *uri)
{
  g_autofree char *host = NULL;
  const char *scheme;
  int port;
  gboolean default_port;

  g_return_val_if_fail (uri != NULL, NULL);

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  if (strchr (host, ':') != NULL)
    {
      char *bracketed = g_strdup_printf ("[%s]", host);

      g_free (host);
      host = bracketed;
    }

  scheme = g_uri_get_scheme (uri);
  port = g_uri_get_port (uri);
  default_port = port == -1 ||
                 (g_ascii_strcasecmp (scheme, "https") == 0 && port == 443) ||
                 (g_ascii_strcasecmp (scheme, "http") == 0 && port == 80);
  if (default_port)
    return g_steal_pointer (&host);

  return g_strdup_printf ("%s:%d", host, port);
}
