/* ca-json.h: small JsonBuilder helpers the JSON writers share
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void ca_json_add_string_or_null (JsonBuilder        *builder,
                                 const char         *member,
                                 const char         *value);
void ca_json_add_strv           (JsonBuilder        *builder,
                                 const char         *member,
                                 const char * const *values);

G_END_DECLS
