/* ca-severity-icon.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-finding.h"

G_BEGIN_DECLS

const char *ca_severity_get_icon_name (CaSeverity severity);

G_END_DECLS
