/* ca-test-hierarchy.h: a signed DNS hierarchy on loopback (root, TLDs, domains) for the public view
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CaTestHierarchy CaTestHierarchy;

CaTestHierarchy *ca_test_hierarchy_start            (char            **skip_reason);
const char      *ca_test_hierarchy_get_root_hints   (CaTestHierarchy  *self);
const char      *ca_test_hierarchy_get_trust_anchor (CaTestHierarchy  *self);
const char      *ca_test_hierarchy_get_split_server (CaTestHierarchy  *self);
const char      *ca_test_hierarchy_get_net          (CaTestHierarchy  *self);
void             ca_test_hierarchy_stop             (CaTestHierarchy  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaTestHierarchy, ca_test_hierarchy_stop)

G_END_DECLS
