/* ca-test-unbound.h: a real unbound server on 127.0.0.1 with the fixture zones
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ca-dns.h"

G_BEGIN_DECLS

typedef struct _CaTestUnbound CaTestUnbound;
typedef struct _CaTestBlackhole CaTestBlackhole;

CaTestUnbound   *ca_test_unbound_start                    (void);
CaTestUnbound   *ca_test_unbound_start_nxdomain           (void);
CaTestUnbound   *ca_test_unbound_start_with_control       (void);
void             ca_test_unbound_add_local_data           (CaTestUnbound   *self,
                                                           const char      *record);
void             ca_test_unbound_remove_local_data        (CaTestUnbound   *self,
                                                           const char      *name);
const char      *ca_test_unbound_get_server               (CaTestUnbound   *self);
guint            ca_test_unbound_get_port                 (CaTestUnbound   *self);
const char      *ca_test_unbound_get_config_path          (CaTestUnbound   *self);
CaDnsResolver   *ca_test_unbound_create_anchored_resolver (CaTestUnbound   *self,
                                                           const char      *anchor);
void             ca_test_unbound_stop                     (CaTestUnbound   *self);

CaTestBlackhole *ca_test_blackhole_new                    (void);
const char      *ca_test_blackhole_get_server             (CaTestBlackhole *self);
void             ca_test_blackhole_free                   (CaTestBlackhole *self);

guint            ca_test_get_closed_port                  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaTestUnbound, ca_test_unbound_stop)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaTestBlackhole, ca_test_blackhole_free)

G_END_DECLS
