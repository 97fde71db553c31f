/* ca-fact.c: one thing a check found, worded for people
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaFact"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-enums.h"
#include "ca-fact.h"

/**
 * CaFact:
 *
 * A title, an optional sentence and a status: the unit in which a check
 * describes itself. The GUI shows one row per fact, the CLI one line, so a
 * sentence such as "no MX record" is written once, in the check.
 */
struct _CaFact
{
  GObject       parent_instance;

  CaFactStatus  status;
  char         *title;
  char         *detail;
};

G_DEFINE_FINAL_TYPE (CaFact, ca_fact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_TITLE,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_fact_finalize (GObject *object)
{
  CaFact *self = (CaFact *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (ca_fact_parent_class)->finalize (object);
}

static void
ca_fact_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CaFact *self = CA_FACT (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_fact_class_init (CaFactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_fact_finalize;
  object_class->get_property = ca_fact_get_property;

  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, CA_TYPE_FACT_STATUS, CA_FACT_NOTE,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_fact_init (CaFact *self)
{
}

/**
 * ca_fact_new:
 * @title: a short translated heading, or a value such as a host name
 * @detail: (nullable): a translated sentence that explains it
 */
CaFact *
ca_fact_new (CaFactStatus  status,
             const char   *title,
             const char   *detail)
{
  CaFact *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (CA_TYPE_FACT, NULL);
  self->status = status;
  self->title = g_strdup (title);
  self->detail = g_strdup (detail);
  return self;
}

CaFact *
ca_fact_new_printf (CaFactStatus  status,
                    const char   *title,
                    const char   *detail_format,
                    ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, detail_format);
  detail = g_strdup_vprintf (detail_format, args);
  va_end (args);

  return ca_fact_new (status, title, detail);
}

/**
 * ca_fact_new_for_finding:
 * @title: what the fact is about, such as a record name
 *
 * A fact that says what @finding says, so that a problem is worded once: in
 * the finding's message.
 */
CaFact *
ca_fact_new_for_finding (const char *title,
                         CaFinding  *finding)
{
  g_return_val_if_fail (CA_IS_FINDING (finding), NULL);

  return ca_fact_new (ca_fact_status_for_severity (ca_finding_get_severity (finding)), title,
                      ca_finding_get_message (finding));
}

/* Returns: how a fact with a finding of @severity reads */
CaFactStatus
ca_fact_status_for_severity (CaSeverity severity)
{
  switch (severity)
    {
    case CA_SEVERITY_ERROR:
      return CA_FACT_PROBLEM;
    case CA_SEVERITY_WARNING:
      return CA_FACT_WARNING;
    case CA_SEVERITY_INFO:
    default:
      return CA_FACT_NOTE;
    }
}

CaFactStatus
ca_fact_get_status (CaFact *self)
{
  g_return_val_if_fail (CA_IS_FACT (self), CA_FACT_NOTE);
  return self->status;
}

const char *
ca_fact_get_title (CaFact *self)
{
  g_return_val_if_fail (CA_IS_FACT (self), NULL);
  return self->title;
}

/* Returns: (nullable): the sentence that explains the title */
const char *
ca_fact_get_detail (CaFact *self)
{
  g_return_val_if_fail (CA_IS_FACT (self), NULL);
  return self->detail;
}

/**
 * ca_fact_to_text:
 *
 * Returns: (transfer full): the fact as one line of text, as the CLI and the
 *   Markdown report print it
 */
char *
ca_fact_to_text (CaFact *self)
{
  g_return_val_if_fail (CA_IS_FACT (self), NULL);

  if (self->detail == NULL)
    return g_strdup (self->title);
  /* Translators: a fact's title, then the sentence that explains it */
  return g_strdup_printf (_("%s: %s"), self->title, self->detail);
}

/* Returns: a translated word for @status, for text where no icon can show it */
const char *
ca_fact_status_get_label (CaFactStatus status)
{
  switch (status)
    {
    case CA_FACT_PENDING:
      return _("Looking up");
    case CA_FACT_GOOD:
      return _("Fine");
    case CA_FACT_WARNING:
      return _("Warning");
    case CA_FACT_PROBLEM:
      /* Translators: a fact that stops validation */
      return _("Problem");
    case CA_FACT_NOTE:
    default:
      return _("Note");
    }
}
