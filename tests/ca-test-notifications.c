/* ca-test-notifications.c: a notification server on the test's session bus
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns org.freedesktop.Notifications on the session bus and keeps each
 * notification as "summary|body": what the desktop would show, as GIO's
 * freedesktop backend sends it.
 */

#include "ca-test-notifications.h"

struct _CaTestNotifications
{
  GDBusConnection *bus;
  GPtrArray       *received;
  guint            object_id;
  guint            name_id;
};

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  "</interface></node>";

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  GPtrArray *received = user_data;
  const char *summary, *body;

  if (g_strcmp0 (method_name, "Notify") == 0)
    {
      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (received, g_strdup_printf ("%s|%s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", received->len));
    }
  else if (g_strcmp0 (method_name, "GetCapabilities") == 0)
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(['body', 'actions'],)"));
  else if (g_strcmp0 (method_name, "GetServerInformation") == 0)
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "certassist", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable notifications_vtable = { notifications_method_cb, NULL, NULL, { 0 } };

CaTestNotifications *
ca_test_notifications_start (void)
{
  CaTestNotifications *self = g_new0 (CaTestNotifications, 1);
  g_autoptr (GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr (GError) error = NULL;

  self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  self->received = g_ptr_array_new_with_free_func (g_free);
  self->object_id = g_dbus_connection_register_object (self->bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                                       &notifications_vtable, self->received, NULL, &error);
  g_assert_no_error (error);
  self->name_id = g_bus_own_name_on_connection (self->bus, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                                NULL, NULL, NULL, NULL);
  return self;
}

void
ca_test_notifications_stop (CaTestNotifications *self)
{
  g_bus_unown_name (self->name_id);
  g_dbus_connection_unregister_object (self->bus, self->object_id);
  g_clear_object (&self->bus);
  g_ptr_array_unref (self->received);
  g_free (self);
}

/* Returns: (transfer none): each notification so far, as "summary|body" */
GPtrArray *
ca_test_notifications_get_received (CaTestNotifications *self)
{
  return self->received;
}
