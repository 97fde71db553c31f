/* ca-fleet-item.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaFleetItem"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-aws-regions.h"
#include "ca-domain.h"
#include "ca-fleet-item.h"
#include "ca-safe-text.h"

/**
 * CaFleetItem:
 *
 * One certificate of the fleet page's list, as the list shows it: its name,
 * its region and what to do by when, whether the user picked it to move, and
 * how its move goes. The list's rows are few and recycled (`CaFleetList`), so
 * everything a row shows lives here, not in a widget.
 */
struct _CaFleetItem
{
  GObject       parent_instance;

  CaFleetScan  *scan;      /* owns the entry */
  CaFleetEntry *entry;
  char         *title;     /* the domain, cleaned for the screen */
  char         *subtitle;  /* its region, then what to do or how the move goes */
  gboolean      selected;
  gboolean      starting;  /* the move is asked for: nothing to select until ACM answers */
  gboolean      moving;
};

G_DEFINE_FINAL_TYPE (CaFleetItem, ca_fleet_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_SELECTABLE,
  PROP_SELECTED,
  PROP_STARTING,
  PROP_MOVING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Auxiliary methods
 */

static const char *
region_name (const char *region)
{
  const char *name = ca_aws_region_get_name (region);

  return name != NULL ? name : region;
}

/* Returns: (transfer full): @date as a deadline reads, “30 September 2027” */
char *
ca_fleet_item_format_date (GDateTime *date)
{
  /* Translators: a deadline's date, as in “30 September 2027” (strftime format) */
  return g_date_time_format (date, _("%-d %B %Y"));
}

/* Returns: (nullable): what to do about the certificate, in words */
static char *
describe_action (CaFleetEntry *entry)
{
  g_autofree char *date = entry->deadline != NULL ? ca_fleet_item_format_date (entry->deadline) : NULL;

  switch (entry->action)
    {
    case CA_FLEET_ACTION_MIGRATE:
      /* Translators: %s is a date, such as “30 September 2027” */
      return date != NULL ? g_strdup_printf (_("Move to DNS validation by %s"), date) : g_strdup (_("Move to DNS validation"));
    case CA_FLEET_ACTION_REQUEST_DNS:
      /* Translators: %s is a date, such as “31 March 2027” */
      return date != NULL ? g_strdup_printf (_("Request a new certificate validated by DNS by %s"), date)
                          : g_strdup (_("Request a new certificate validated by DNS"));
    case CA_FLEET_ACTION_IN_PROGRESS:
      return g_strdup (_("Being moved"));
    case CA_FLEET_ACTION_NONE:
    default:
      return NULL;
    }
}

static char *
describe_entry (CaFleetEntry *entry)
{
  g_autofree char *action = describe_action (entry);

  if (action == NULL)
    return g_strdup (region_name (entry->region));
  /* Translators: a region's name, then what to do about the certificate */
  return g_strdup_printf (_("%s\n%s"), region_name (entry->region), action);
}

/* The message comes from a server: it reaches the screen cleaned. */
static void
set_subtitle (CaFleetItem *self,
              const char  *subtitle)
{
  g_free (self->subtitle);
  self->subtitle = ca_safe_text_clean (subtitle, -1, CA_SAFE_TEXT_NO_BIDI);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

/*
 * Overrides
 */

static void
ca_fleet_item_finalize (GObject *object)
{
  CaFleetItem *self = (CaFleetItem *) object;

  g_free (self->title);
  g_free (self->subtitle);
  g_clear_object (&self->scan);

  G_OBJECT_CLASS (ca_fleet_item_parent_class)->finalize (object);
}

static void
ca_fleet_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CaFleetItem *self = CA_FLEET_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_SELECTABLE:
      g_value_set_boolean (value, ca_fleet_item_get_selectable (self));
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;
    case PROP_STARTING:
      g_value_set_boolean (value, self->starting);
      break;
    case PROP_MOVING:
      g_value_set_boolean (value, self->moving);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_fleet_item_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CaFleetItem *self = CA_FLEET_ITEM (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      ca_fleet_item_set_selected (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_fleet_item_class_init (CaFleetItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_fleet_item_finalize;
  object_class->get_property = ca_fleet_item_get_property;
  object_class->set_property = ca_fleet_item_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTABLE] = g_param_spec_boolean ("selectable", NULL, NULL, FALSE,
                                                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] = g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STARTING] = g_param_spec_boolean ("starting", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MOVING] = g_param_spec_boolean ("moving", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_fleet_item_init (CaFleetItem *self)
{
}

/*
 * Public API
 */

/**
 * ca_fleet_item_new:
 * @scan: the scan that found @entry, kept while the item lives
 * @entry: (transfer none): one certificate of @scan
 */
CaFleetItem *
ca_fleet_item_new (CaFleetScan  *scan,
                   CaFleetEntry *entry)
{
  CaFleetItem *self;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (CA_IS_FLEET_SCAN (scan), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (CA_TYPE_FLEET_ITEM, NULL);
  self->scan = g_object_ref (scan);
  self->entry = entry;
  /* Texts from outside lose control characters and bidi overrides, which
   * could make a name read as another. */
  title = ca_domain_to_display (ca_acm_certificate_get_domain (entry->certificate));
  self->title = ca_safe_text_clean (title, -1, CA_SAFE_TEXT_NO_BIDI);
  subtitle = describe_entry (entry);
  self->subtitle = ca_safe_text_clean (subtitle, -1, CA_SAFE_TEXT_NO_BIDI);
  return self;
}

CaFleetEntry *
ca_fleet_item_get_entry (CaFleetItem *self)
{
  g_return_val_if_fail (CA_IS_FLEET_ITEM (self), NULL);
  return self->entry;
}

const char *
ca_fleet_item_get_title (CaFleetItem *self)
{
  g_return_val_if_fail (CA_IS_FLEET_ITEM (self), NULL);
  return self->title;
}

const char *
ca_fleet_item_get_subtitle (CaFleetItem *self)
{
  g_return_val_if_fail (CA_IS_FLEET_ITEM (self), NULL);
  return self->subtitle;
}

/* Only a certificate ACM can move in place, and not once its move runs. */
gboolean
ca_fleet_item_get_selectable (CaFleetItem *self)
{
  g_return_val_if_fail (CA_IS_FLEET_ITEM (self), FALSE);
  return self->entry->action == CA_FLEET_ACTION_MIGRATE && !self->moving;
}

gboolean
ca_fleet_item_get_selected (CaFleetItem *self)
{
  g_return_val_if_fail (CA_IS_FLEET_ITEM (self), FALSE);
  return self->selected;
}

void
ca_fleet_item_set_selected (CaFleetItem *self,
                            gboolean     selected)
{
  g_return_if_fail (CA_IS_FLEET_ITEM (self));

  selected = selected && ca_fleet_item_get_selectable (self) && !self->starting;
  if (self->selected == selected)
    return;
  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

gboolean
ca_fleet_item_get_starting (CaFleetItem *self)
{
  g_return_val_if_fail (CA_IS_FLEET_ITEM (self), FALSE);
  return self->starting;
}

gboolean
ca_fleet_item_get_moving (CaFleetItem *self)
{
  g_return_val_if_fail (CA_IS_FLEET_ITEM (self), FALSE);
  return self->moving;
}

/* The move is asked for: unselected, and not selectable again until ACM answers. */
void
ca_fleet_item_start_move (CaFleetItem *self)
{
  g_return_if_fail (CA_IS_FLEET_ITEM (self));

  ca_fleet_item_set_selected (self, FALSE);
  self->starting = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTING]);
}

/* ACM has started the move: nothing left to select; the row opens its progress. */
void
ca_fleet_item_set_moving (CaFleetItem *self)
{
  g_autofree char *subtitle = NULL;

  g_return_if_fail (CA_IS_FLEET_ITEM (self));

  self->starting = FALSE;
  self->moving = TRUE;
  /* Translators: a region's name, then the state of the move */
  subtitle = g_strdup_printf (_("%s\n%s"), region_name (self->entry->region), _("Being moved"));
  set_subtitle (self, subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOVING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTABLE]);
}

/**
 * ca_fleet_item_set_failed:
 * @message: why the move did not start, in words
 *
 * The move did not start: the certificate can be selected again.
 */
void
ca_fleet_item_set_failed (CaFleetItem *self,
                          const char  *message)
{
  g_autofree char *subtitle = NULL;

  g_return_if_fail (CA_IS_FLEET_ITEM (self));

  self->starting = FALSE;
  /* Translators: a region's name, then why the move did not start, in words */
  subtitle = g_strdup_printf (_("%s\nThe move did not start: %s"), region_name (self->entry->region), message);
  set_subtitle (self, subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTING]);
}
