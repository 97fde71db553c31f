/* ca-application.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ca-session.h"

G_BEGIN_DECLS

#define CA_TYPE_APPLICATION (ca_application_get_type ())

G_DECLARE_FINAL_TYPE (CaApplication, ca_application, CA, APPLICATION, AdwApplication)

CaApplication      *ca_application_new                (void);
GSettings          *ca_application_get_settings       (CaApplication *self);
CaSession          *ca_application_get_session        (CaApplication *self);

G_END_DECLS
