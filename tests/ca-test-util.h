/* ca-test-util.h: helpers shared by the tests
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  int       exit_status;
  char     *out;
  char     *err;
  JsonNode *json;   /* stdout parsed as JSON, or NULL */
} CaTestRun;

void        ca_test_init             (int          *argc,
                                      char       ***argv);
const char *ca_test_fixtures_dir     (void);
char       *ca_test_fixture_path     (const char   *first_element,
                                      ...) G_GNUC_NULL_TERMINATED;
char       *ca_test_read_fixture     (const char   *first_element,
                                      ...) G_GNUC_NULL_TERMINATED;
char       *ca_test_make_temp_dir    (void);
guint       ca_test_count_lines      (const char   *path);
CaTestRun  *ca_test_run_cli          (const char * const *env,
                                      const char   *first_arg,
                                      ...) G_GNUC_NULL_TERMINATED;
CaTestRun  *ca_test_run_cli_argv     (const char * const *env,
                                      const char * const *args);
JsonObject *ca_test_run_get_object   (CaTestRun    *run);
void        ca_test_run_free         (CaTestRun    *run);
void        ca_test_wait_for         (gboolean     *done);
void        ca_test_store_result_cb  (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data);
GAsyncResult *ca_test_wait_for_result (GAsyncResult **result);
char       *ca_test_finding_ids      (GPtrArray    *findings);
SoupServer *ca_test_server_new       (SoupServerCallback  callback,
                                      gpointer            user_data,
                                      char              **url);
void        ca_test_server_retire    (SoupServer   *server);
void        ca_test_cancel_later     (GCancellable *cancellable,
                                      guint         ms);

typedef struct _CaTestDrip CaTestDrip;

CaTestDrip *ca_test_drip_new          (const char   *head,
                                       guint         period_ms,
                                       guint16      *port);
guint       ca_test_drip_get_accepted (CaTestDrip   *self);
guint       ca_test_drip_get_dripped  (CaTestDrip   *self);
void        ca_test_drip_free         (CaTestDrip   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaTestRun, ca_test_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaTestDrip, ca_test_drip_free)

G_END_DECLS
