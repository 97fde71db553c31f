/* ca-route53-group.h: "Create in Route 53" for a certificate's DNS validation records
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ca-session.h"

G_BEGIN_DECLS

#define CA_TYPE_ROUTE53_GROUP (ca_route53_group_get_type ())

G_DECLARE_FINAL_TYPE (CaRoute53Group, ca_route53_group, CA, ROUTE53_GROUP, AdwPreferencesGroup)

void     ca_route53_group_start        (CaRoute53Group *self,
                                        CaSession      *session,
                                        GPtrArray      *records);
gboolean ca_route53_group_get_applying (CaRoute53Group *self);

G_END_DECLS
