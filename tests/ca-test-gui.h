/* ca-test-gui.h: helpers shared by the tests that drive the GUI in a real window
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ca-window.h"

G_BEGIN_DECLS

typedef gboolean (*CaTestGuiPredicate) (GtkWidget *widget,
                                        gpointer   data);
typedef gboolean (*CaTestGuiCondition) (gpointer   data);

gboolean   ca_test_gui_init                 (int                 *argc,
                                             char              ***argv,
                                             guint                limit_s);
void       ca_test_gui_load_app_resources   (void);

GtkWidget *ca_test_gui_find_widget          (GtkWidget           *root,
                                             CaTestGuiPredicate   predicate,
                                             gpointer             data);
GtkWidget *ca_test_gui_wait_for_widget      (GtkWidget           *root,
                                             CaTestGuiPredicate   predicate,
                                             gpointer             data);
void       ca_test_gui_wait_until           (CaTestGuiCondition   condition,
                                             gpointer             data);
void       ca_test_gui_wait_for_paint       (GtkWidget           *widget);
void       ca_test_gui_save_screenshot      (GtkWidget           *widget,
                                             const char          *name);

CaWindow  *ca_test_gui_open_window_for      (CaSession           *session,
                                           int                  width,
                                           int                  height);
CaWindow  *ca_test_gui_open_window          (int                  width,
                                             int                  height);
GtkWidget *ca_test_gui_type_into_entry      (GtkWidget           *root,
                                             const char          *text);

gboolean   ca_test_gui_is_entry_row         (GtkWidget           *widget,
                                             gpointer             data);
gboolean   ca_test_gui_is_mapped_row_titled (GtkWidget           *widget,
                                             gpointer             data);
void       ca_test_gui_assert_row           (GtkWidget           *root,
                                           const char          *title,
                                           const char          *subtitle_prefix,
                                           const char          *icon_class);
void       ca_test_gui_assert_rows_in_order (GtkWidget           *root,
                                             const char          *first_title,
                                             ...) G_GNUC_NULL_TERMINATED;
gboolean   ca_test_gui_is_mapped_error_row  (GtkWidget           *widget,
                                             gpointer             data);
gboolean   ca_test_gui_is_mapped_cut_label  (GtkWidget           *widget,
                                             gpointer             data);

G_END_DECLS
