/* ca-severity-icon.h: the icons next to findings and facts
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ca-fact.h"
#include "ca-finding.h"

G_BEGIN_DECLS

const char *ca_severity_get_icon_name (CaSeverity    severity);
GtkWidget  *ca_status_icon_new        (CaFactStatus  status);
GtkWidget  *ca_severity_icon_new      (CaSeverity    severity);

G_END_DECLS
