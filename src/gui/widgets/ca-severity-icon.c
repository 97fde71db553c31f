/* ca-severity-icon.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ca-severity-icon.h"

/* The one icon per severity that every page shows next to a finding. */
const char *
ca_severity_get_icon_name (CaSeverity severity)
{
  switch (severity)
    {
    case CA_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case CA_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case CA_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}
