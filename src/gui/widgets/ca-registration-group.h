/* ca-registration-group.h: the registration data of one domain, for the diagnosis
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ca-registration.h"
#include "ca-reveal-queue.h"

G_BEGIN_DECLS

#define CA_TYPE_REGISTRATION_GROUP (ca_registration_group_get_type ())

G_DECLARE_FINAL_TYPE (CaRegistrationGroup, ca_registration_group, CA, REGISTRATION_GROUP, AdwPreferencesGroup)

GtkWidget      *ca_registration_group_new              (CaRegistration      *registration);
CaRegistration *ca_registration_group_get_registration (CaRegistrationGroup *self);
void            ca_registration_group_set_note_visible (CaRegistrationGroup *self,
                                                        gboolean             visible);
void            ca_registration_group_set_reveal_queue (CaRegistrationGroup *self,
                                                        CaRevealQueue       *reveal);

G_END_DECLS
