/* ca-acm-json.c: reading ACM's JSON defensively
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaAcmJson"

#include "config.h"

#include <math.h>

#include "ca-acm-json-private.h"

/* Wrong types read as absent: the answer comes from the network. */
const char *
ca_acm_json_string (JsonObject *object,
                    const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
ca_acm_json_object (JsonObject *object,
                    const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
ca_acm_json_array (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

GStrv
ca_acm_json_strv (JsonObject *object,
                  const char *name)
{
  JsonArray *array = ca_acm_json_array (object, name);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

/* Whether @name is absent, null, or of @type: a member ACM may leave out is
 * no error, but one of the wrong type is, as reading it as absent would
 * change a verdict. @type is JSON_NODE_OBJECT, JSON_NODE_ARRAY or, for a
 * string, JSON_NODE_VALUE. */
gboolean
ca_acm_json_member_fits (JsonObject   *object,
                         const char   *name,
                         JsonNodeType  type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (type == JSON_NODE_VALUE)
    return json_node_get_value_type (node) == G_TYPE_STRING;
  return JSON_NODE_TYPE (node) == type;
}

/* Whether @name is absent, null, or an array of strings only. */
gboolean
ca_acm_json_member_is_strings (JsonObject *object,
                               const char *name)
{
  JsonArray *array = ca_acm_json_array (object, name);

  if (!ca_acm_json_member_fits (object, name, JSON_NODE_ARRAY))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      if (json_node_get_value_type (json_array_get_element (array, i)) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

gboolean
ca_acm_json_bool (JsonObject *object,
                  const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* Epoch seconds as a JSON number, maybe fractional or with an exponent
 * (1.516130652887E9): json_node_get_double() reads integer nodes too. */
GDateTime *
ca_acm_json_time (JsonObject *object,
                  const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  g_autoptr (GDateTime) whole = NULL;
  GType type;
  double value;
  gint64 seconds;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

      return g_date_time_new_from_iso8601 (json_node_get_string (node), utc);
    }
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return NULL;

  value = json_node_get_double (node);
  if (!isfinite (value) || value < 0 || value > 253402300799.0)
    return NULL;
  /* Truncation is floor() here, as the value is not negative. */
  seconds = (gint64) value;
  whole = g_date_time_new_from_unix_utc (seconds);
  if (whole == NULL)
    return NULL;
  return g_date_time_add (whole, (GTimeSpan) ((value - (double) seconds) * G_TIME_SPAN_SECOND + 0.5));
}

/* ISO 8601 in UTC, to the second: "2026-11-22T15:49:12Z". */
char *
ca_acm_format_time (GDateTime *time)
{
  g_autoptr (GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;
  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

void
ca_acm_json_add_time (JsonBuilder *builder,
                      GDateTime   *time)
{
  g_autofree char *text = ca_acm_format_time (time);

  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}
