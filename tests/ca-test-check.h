/* ca-test-check.h: a trivial check, added from outside through the CaCheck interface
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-check.h"

G_BEGIN_DECLS

#define CA_TYPE_TEST_CHECK (ca_test_check_get_type ())

G_DECLARE_FINAL_TYPE (CaTestCheck, ca_test_check, CA, TEST_CHECK, GObject)

G_END_DECLS
