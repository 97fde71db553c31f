/* ca-acm-json-private.h: reading ACM's JSON defensively
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *ca_acm_json_string       (JsonObject  *object,
                                      const char  *name);
JsonObject *ca_acm_json_object       (JsonObject  *object,
                                      const char  *name);
JsonArray  *ca_acm_json_array        (JsonObject  *object,
                                      const char  *name);
GStrv       ca_acm_json_strv         (JsonObject  *object,
                                      const char  *name);
GDateTime  *ca_acm_json_time         (JsonObject  *object,
                                      const char  *name);
gboolean    ca_acm_json_bool         (JsonObject  *object,
                                      const char  *name);
gboolean    ca_acm_json_member_fits  (JsonObject  *object,
                                      const char  *name,
                                      JsonNodeType type);
gboolean    ca_acm_json_member_is_strings (JsonObject *object,
                                           const char *name);
void        ca_acm_json_add_time     (JsonBuilder *builder,
                                      GDateTime   *time);
char       *ca_acm_format_time       (GDateTime   *time);

G_END_DECLS
