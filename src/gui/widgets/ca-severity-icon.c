/* ca-severity-icon.c: the icons next to findings and facts
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

/**
 * ca_status_icon_new:
 *
 * The icon of a fact: colour for the eye, and the status in words for
 * screen readers. A pending fact gets a spinner.
 *
 * Returns: (transfer floating): the icon
 */
GtkWidget *
ca_status_icon_new (CaFactStatus status)
{
  static const struct
  {
    const char *icon_name;
    const char *css_class;
  } icons[] = {
    [CA_FACT_PENDING] = { NULL, NULL },
    [CA_FACT_GOOD] = { "emblem-ok-symbolic", "success" },
    [CA_FACT_NOTE] = { "dialog-information-symbolic", "dim-label" },
    [CA_FACT_WARNING] = { "dialog-warning-symbolic", "warning" },
    [CA_FACT_PROBLEM] = { "dialog-error-symbolic", "error" },
  };
  GtkWidget *icon;

  g_return_val_if_fail (status <= CA_FACT_PROBLEM, NULL);

  if (status == CA_FACT_PENDING)
    {
      icon = gtk_spinner_new ();
      gtk_spinner_start (GTK_SPINNER (icon));
    }
  else
    {
      icon = gtk_image_new_from_icon_name (icons[status].icon_name);
      gtk_widget_add_css_class (icon, icons[status].css_class);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ca_fact_status_get_label (status), -1);
  return icon;
}

/* Returns: (transfer floating): the icon of a finding of @severity */
GtkWidget *
ca_severity_icon_new (CaSeverity severity)
{
  return ca_status_icon_new (ca_fact_status_for_severity (severity));
}
