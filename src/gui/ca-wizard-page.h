/* ca-wizard-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ca-session.h"

G_BEGIN_DECLS

#define CA_TYPE_WIZARD_PAGE (ca_wizard_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (CaWizardPage, ca_wizard_page, CA, WIZARD_PAGE, AdwBin)

/**
 * CaWizardPageClass:
 * @shown: the page became the visible page (pushed, or uncovered by going
 *   back): start or resume its work here
 * @leaving: the page stops being visible (covered by a pushed page, or popped):
 *   cancel its work here
 * @next: the user pressed the header bar's Next button; only pages that set
 *   this get one, and it is sensitive while #CaWizardPage:can-next is %TRUE.
 *   The page usually pushes the following page with ca_window_push_page().
 *
 * A page of the wizard. The window shows its title and subtitle in the header
 * bar and calls the vfuncs as the user moves through the pages.
 */
struct _CaWizardPageClass
{
  AdwBinClass parent_class;

  void (*shown)   (CaWizardPage *self);
  void (*leaving) (CaWizardPage *self);
  void (*next)    (CaWizardPage *self);
  void (*dropped) (CaWizardPage *self);

  gpointer padding[7];
};

const char *ca_wizard_page_get_title    (CaWizardPage *self);
void        ca_wizard_page_set_title    (CaWizardPage *self,
                                         const char   *title);
const char *ca_wizard_page_get_subtitle (CaWizardPage *self);
void        ca_wizard_page_set_subtitle (CaWizardPage *self,
                                         const char   *subtitle);
gboolean    ca_wizard_page_get_can_next (CaWizardPage *self);
void        ca_wizard_page_set_can_next (CaWizardPage *self,
                                         gboolean      can_next);
gboolean    ca_wizard_page_has_next     (CaWizardPage *self);
void        ca_wizard_page_shown        (CaWizardPage *self);
void        ca_wizard_page_leaving      (CaWizardPage *self);
void        ca_wizard_page_dropped      (CaWizardPage *self);
void        ca_wizard_page_next         (CaWizardPage *self);
void        ca_wizard_page_add_toast    (CaWizardPage *self,
                                         AdwToast     *toast);
void        ca_wizard_page_push_page    (CaWizardPage *self,
                                         CaWizardPage *page);
void        ca_wizard_page_copy_text    (CaWizardPage *self,
                                         const char   *text);
CaSession  *ca_wizard_page_get_session  (CaWizardPage *self);
void        ca_wizard_page_set_session  (CaWizardPage *self,
                                         CaSession    *session);

G_END_DECLS
