/* ca-test-notifications.h: a notification server on the test's session bus
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CaTestNotifications CaTestNotifications;

CaTestNotifications *ca_test_notifications_start        (void);
void                 ca_test_notifications_stop         (CaTestNotifications *self);
GPtrArray           *ca_test_notifications_get_received (CaTestNotifications *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaTestNotifications, ca_test_notifications_stop)

G_END_DECLS
