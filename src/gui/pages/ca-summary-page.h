/* ca-summary-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-wizard-page.h"

G_BEGIN_DECLS

typedef enum
{
  CA_SUMMARY_FORMAT_MARKDOWN,
  CA_SUMMARY_FORMAT_JSON,
} CaSummaryFormat;

#define CA_TYPE_SUMMARY_PAGE (ca_summary_page_get_type ())

G_DECLARE_FINAL_TYPE (CaSummaryPage, ca_summary_page, CA, SUMMARY_PAGE, CaWizardPage)

CaSummaryPage *ca_summary_page_new         (void);
CaSummaryPage *ca_summary_page_new_with_found (GPtrArray    *found);
char          *ca_summary_page_get_report  (CaSummaryPage   *self,
                                            CaSummaryFormat  format);
void           ca_summary_page_save_report_async  (CaSummaryPage        *self,
                                                   CaSummaryFormat       format,
                                                   GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       ca_summary_page_save_report_finish (CaSummaryPage        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
