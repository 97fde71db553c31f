/* ca-json.h: small JsonBuilder helpers the JSON writers share, and the one
 * guarded way to parse JSON that comes from outside
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void      ca_json_add_string_or_null    (JsonBuilder        *builder,
                                         const char         *member,
                                         const char         *value);
void      ca_json_add_strv              (JsonBuilder        *builder,
                                         const char         *member,
                                         const char * const *values);

/* Deeper than any answer CertAssist reads: RDAP's entities within entities
 * stay within about a dozen levels. */
#define CA_JSON_MAX_DEPTH 64

gboolean  ca_json_check_bounds          (const char         *data,
                                         gsize               len,
                                         gsize               max_size,
                                         GError            **error);
JsonNode *ca_json_parse_untrusted       (const char         *data,
                                         gsize               len,
                                         gsize               max_size,
                                         GError            **error);
JsonNode *ca_json_parse_untrusted_bytes (GBytes             *bytes,
                                         gsize               max_size,
                                         GError            **error);

G_END_DECLS
