/* ca-registration-check.h: registration data of every registrable domain of a diagnosis
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-check.h"
#include "ca-registration-client.h"

G_BEGIN_DECLS

#define CA_TYPE_REGISTRATION_CHECK (ca_registration_check_get_type ())

G_DECLARE_FINAL_TYPE (CaRegistrationCheck, ca_registration_check, CA, REGISTRATION_CHECK, GObject)

CaRegistrationCheck *ca_registration_check_new               (CaRegistrationClient *client);
GListModel          *ca_registration_check_get_registrations (CaRegistrationCheck  *self);

G_END_DECLS
