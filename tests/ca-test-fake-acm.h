/* ca-test-fake-acm.h: the fake ACM as a process of its own, for the GUI tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GSubprocess *ca_test_fake_acm_spawn                 (const char  *seed_path,
                                                     char       **url,
                                                     ...) G_GNUC_NULL_TERMINATED;
void         ca_test_fake_acm_terminate             (GSubprocess *process);
void         ca_test_fake_acm_use_environment_keys  (const char  *url);
JsonObject  *ca_test_fake_acm_get_stats             (const char  *url);
gint64       ca_test_fake_acm_count_calls           (const char  *url,
                                                     const char  *operation);
void         ca_test_fake_acm_post                  (const char  *url,
                                                     const char  *path,
                                                     const char  *json);

G_END_DECLS
