/* ca-json.c: small JsonBuilder helpers the JSON writers share, and the one
 * guarded way to parse JSON that comes from outside
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-error.h"
#include "ca-json.h"

/* contract.md writes a missing value as null, never as an absent member. */
void
ca_json_add_string_or_null (JsonBuilder *builder,
                            const char  *member,
                            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* A %NULL list is written as an empty array. */
void
ca_json_add_strv (JsonBuilder        *builder,
                  const char         *member,
                  const char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/*
 * Untrusted JSON
 */

/* json-glib parses by recursion, one C frame per level: a body of a few
 * hundred kilobytes of `[` overflows the stack. So the depth is counted here,
 * in a loop, before json-glib sees a byte. Brackets inside strings do not
 * count; a string's escapes are skipped so that `\"` does not end it. */
static gboolean
nesting_exceeds (const char *data,
                 gsize       len,
                 guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return TRUE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return FALSE;
}

/**
 * ca_json_check_bounds:
 * @max_size: the largest body the caller expects, in bytes
 *
 * Refuses JSON that is larger than @max_size or nested deeper than
 * %CA_JSON_MAX_DEPTH, with a %CA_ERROR_MALFORMED_RESPONSE.
 */
gboolean
ca_json_check_bounds (const char  *data,
                      gsize        len,
                      gsize        max_size,
                      GError     **error)
{
  if (len > max_size)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                   _("The JSON text is larger than %u KiB, so it was not read."),
                   (guint) MAX (max_size / 1024, 1));
      return FALSE;
    }
  if (data != NULL && nesting_exceeds (data, len, CA_JSON_MAX_DEPTH))
    {
      g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                   _("The JSON text is nested more than %u levels deep, so it was not read."),
                   (guint) CA_JSON_MAX_DEPTH);
      return FALSE;
    }
  return TRUE;
}

/**
 * ca_json_parse_untrusted:
 * @data: (array length=len) (nullable): bytes from a server, a file or a helper
 * @max_size: the largest body the caller expects, in bytes
 *
 * Parses JSON from outside after ca_json_check_bounds(). An empty or blank
 * text is an error too: json-glib reads it as a document without a root.
 *
 * Returns: (transfer full): the root node, or %NULL with a
 *   %CA_ERROR_MALFORMED_RESPONSE
 */
JsonNode *
ca_json_parse_untrusted (const char  *data,
                         gsize        len,
                         gsize        max_size,
                         GError     **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (!ca_json_check_bounds (data, len, max_size, error))
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize) len, &local_error))
    {
      /* json-glib's message quotes the text, which may hold a secret. */
      g_set_error_literal (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE, _("The text is not valid JSON."));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE, _("The JSON text is empty."));
      return NULL;
    }
  return json_node_ref (root);
}

JsonNode *
ca_json_parse_untrusted_bytes (GBytes  *bytes,
                               gsize    max_size,
                               GError **error)
{
  gsize len = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

  return ca_json_parse_untrusted (data, len, max_size, error);
}
