/* ca-registration-group.c: the registration data of one domain, for the diagnosis
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRegistrationGroup"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-plain-row.h"
#include "ca-registration-group.h"

/**
 * CaRegistrationGroup:
 *
 * Shows one #CaRegistration: a spinner while the lookup runs (the rest of the
 * diagnosis never waits for it), then who answered, the verdict in plain
 * words, the usable addresses, the warnings, the lines that decided it and
 * the note that ACM has not used these contacts since 2024. Everything from
 * the server is shown as plain text, never as markup. In the diagnosis page,
 * rows appear through its #CaRevealQueue (ca_registration_group_set_reveal_queue()).
 */
struct _CaRegistrationGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *pending_row;
  GtkSpinner          *spinner;
  AdwActionRow        *note_row;

  CaRegistration      *registration;
  CaRevealQueue       *reveal;
  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (CaRegistrationGroup, ca_registration_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_REGISTRATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Auxiliary methods
 */

static GtkWidget *
create_row (const char *title,
            const char *subtitle,
            const char *icon_name)
{
  /* Server text is never markup. */
  return ca_plain_row_new (title, subtitle, "title-selectable", TRUE, "icon-name", icon_name, NULL);
}

static void
add_row (CaRegistrationGroup *self,
         GtkWidget           *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
  if (self->reveal != NULL)
    ca_reveal_queue_add (self->reveal, row);
}

static const char *
verdict_icon (CaRegistrationVerdict verdict)
{
  switch (verdict)
    {
    case CA_REGISTRATION_VERDICT_CONTACTS_USABLE:
      return "emblem-ok-symbolic";
    case CA_REGISTRATION_VERDICT_RATE_LIMITED:
    case CA_REGISTRATION_VERDICT_ERROR:
      return "dialog-warning-symbolic";
    default:
      return "dialog-information-symbolic";
    }
}

static char *
describe_source (CaRegistration *registration)
{
  const char *server = ca_registration_get_server (registration);

  switch (ca_registration_get_source (registration))
    {
    case CA_REGISTRATION_SOURCE_RDAP:
      /* Translators: %s is the host name of an RDAP server */
      return g_strdup_printf (_("Answered by %s over RDAP"), server);
    case CA_REGISTRATION_SOURCE_WHOIS:
      /* Translators: %s is the host name of a WHOIS server */
      return g_strdup_printf (_("Answered by %s over WHOIS"), server);
    case CA_REGISTRATION_SOURCE_NONE:
    default:
      /* No server answered: the evidence is what went wrong with each try. */
      if (ca_registration_get_evidence (registration)[0] != NULL)
        return g_strjoinv ("\n", (char **) ca_registration_get_evidence (registration));
      return g_strdup (ca_registration_get_error_message (registration));
    }
}

/* The warnings the verdict does not already say (registration-data.md §6). */
static void
add_warning_rows (CaRegistrationGroup *self)
{
  CaRegistrationWarnings warnings = ca_registration_get_warnings (self->registration);
  CaRegistrationVerdict verdict = ca_registration_get_verdict (self->registration);

  if (verdict == CA_REGISTRATION_VERDICT_PRIVACY_PLACEHOLDER)
    warnings &= ~CA_REGISTRATION_WARNING_PRIVACY;
  if (verdict == CA_REGISTRATION_VERDICT_WEB_FORM_OR_CAPTCHA)
    warnings &= ~CA_REGISTRATION_WARNING_WEB_FORM;

  if (warnings & CA_REGISTRATION_WARNING_PRIVACY)
    add_row (self, create_row (_("A privacy service or placeholder stands in for the holder"),
                               _("Mail to these addresses, if any, is forwarded or dropped by the service."),
                               "security-high-symbolic"));
  if (warnings & CA_REGISTRATION_WARNING_WEB_FORM)
    add_row (self, create_row (_("Contact only through a web form or a CAPTCHA-protected lookup"),
                               _("The registry or registrar shows a link instead of an address."),
                               "web-browser-symbolic"));
  if (warnings & CA_REGISTRATION_WARNING_TRUNCATED)
    add_row (self, create_row (_("The answer was too long and was cut off"), NULL, "dialog-warning-symbolic"));
}

static void
add_email_rows (CaRegistrationGroup *self)
{
  const char * const *emails = ca_registration_get_emails (self->registration);

  for (guint i = 0; emails[i] != NULL; i++)
    add_row (self, create_row (emails[i], _("Contact address in the registration data"), "mail-unread-symbolic"));
}

/* The first web link in the evidence: the form the registrar offers instead of an address. */
static char *
find_form_link (CaRegistration *registration)
{
  const char * const *evidence = ca_registration_get_evidence (registration);
  g_autoptr (GRegex) regex = g_regex_new ("https?://[^\\s\"<>]+", G_REGEX_CASELESS, 0, NULL);

  for (guint i = 0; evidence[i] != NULL; i++)
    {
      g_autoptr (GMatchInfo) match = NULL;

      if (g_regex_match (regex, evidence[i], 0, &match))
        return g_match_info_fetch (match, 0);
    }
  return NULL;
}

static void
on_open_form_clicked_cb (GtkButton *button,
                         gpointer   user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (button), "uri");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  /* Only ever on a click, and only http(s): the link comes from a server. */
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
add_form_row (CaRegistrationGroup *self)
{
  g_autofree char *uri = NULL;
  GtkWidget *row;
  GtkWidget *button;

  if (!(ca_registration_get_warnings (self->registration) & CA_REGISTRATION_WARNING_WEB_FORM))
    return;
  uri = find_form_link (self->registration);
  if (uri == NULL)
    return;

  row = create_row (uri, _("Contact form offered instead of an address"), "web-browser-symbolic");
  button = g_object_new (GTK_TYPE_BUTTON,
                         "label", _("Open"),
                         "tooltip-text", _("Open the form in the web browser"),
                         "valign", GTK_ALIGN_CENTER,
                         NULL);
  g_object_set_data_full (G_OBJECT (button), "uri", g_steal_pointer (&uri), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_open_form_clicked_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  add_row (self, row);
}

/* The decisive lines, folded away: they are long and only back the verdict. */
static void
add_evidence_row (CaRegistrationGroup *self)
{
  const char * const *evidence = ca_registration_get_evidence (self->registration);
  GtkWidget *expander;

  /* Without an answer there is nothing a server said: the errors are in the verdict row. */
  if (evidence[0] == NULL || ca_registration_get_source (self->registration) == CA_REGISTRATION_SOURCE_NONE)
    return;

  expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("What the server said"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("The lines that decided the verdict"));
  for (guint i = 0; evidence[i] != NULL; i++)
    {
      GtkWidget *row = create_row (evidence[i], NULL, NULL);

      gtk_widget_add_css_class (row, "monospace");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  add_row (self, expander);
}

static void
clear_rows (CaRegistrationGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

/* The 2024 note closes the section, whatever came before it. */
static void
move_note_last (CaRegistrationGroup *self)
{
  g_autoptr (GtkWidget) note = g_object_ref (GTK_WIDGET (self->note_row));

  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), note);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), note);
}

static void
update (CaRegistrationGroup *self)
{
  gboolean pending = ca_registration_get_pending (self->registration);
  g_autofree char *verdict = NULL;
  g_autofree char *source = NULL;

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         ca_registration_get_domain (self->registration));
  gtk_widget_set_visible (GTK_WIDGET (self->pending_row), pending);
  gtk_spinner_set_spinning (self->spinner, pending);
  clear_rows (self);
  if (pending)
    return;

  verdict = ca_registration_describe_verdict (self->registration);
  source = describe_source (self->registration);
  add_row (self, create_row (verdict, source, verdict_icon (ca_registration_get_verdict (self->registration))));
  add_email_rows (self);
  add_warning_rows (self);
  add_form_row (self);
  add_evidence_row (self);
  move_note_last (self);
}

/*
 * Callbacks
 */

static void
on_registration_notify_cb (GObject    *object,
                           GParamSpec *pspec,
                           gpointer    user_data)
{
  update (CA_REGISTRATION_GROUP (user_data));
}

/*
 * Overrides
 */

static void
ca_registration_group_constructed (GObject *object)
{
  CaRegistrationGroup *self = (CaRegistrationGroup *) object;

  G_OBJECT_CLASS (ca_registration_group_parent_class)->constructed (object);

  /* The lookup ends by clearing "pending"; every other fact is set before. */
  g_signal_connect_object (self->registration, "notify::pending",
                           G_CALLBACK (on_registration_notify_cb), self, 0);
  update (self);
}

static void
ca_registration_group_dispose (GObject *object)
{
  CaRegistrationGroup *self = (CaRegistrationGroup *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_REGISTRATION_GROUP);
  g_clear_object (&self->registration);
  g_clear_object (&self->reveal);

  G_OBJECT_CLASS (ca_registration_group_parent_class)->dispose (object);
}

static void
ca_registration_group_finalize (GObject *object)
{
  CaRegistrationGroup *self = (CaRegistrationGroup *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_registration_group_parent_class)->finalize (object);
}

static void
ca_registration_group_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CaRegistrationGroup *self = CA_REGISTRATION_GROUP (object);

  switch (prop_id)
    {
    case PROP_REGISTRATION:
      g_value_set_object (value, self->registration);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_registration_group_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CaRegistrationGroup *self = CA_REGISTRATION_GROUP (object);

  switch (prop_id)
    {
    case PROP_REGISTRATION:
      self->registration = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_registration_group_class_init (CaRegistrationGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ca_registration_group_constructed;
  object_class->dispose = ca_registration_group_dispose;
  object_class->finalize = ca_registration_group_finalize;
  object_class->get_property = ca_registration_group_get_property;
  object_class->set_property = ca_registration_group_set_property;

  properties[PROP_REGISTRATION] =
    g_param_spec_object ("registration", NULL, NULL, CA_TYPE_REGISTRATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-registration-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CaRegistrationGroup, pending_row);
  gtk_widget_class_bind_template_child (widget_class, CaRegistrationGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, CaRegistrationGroup, note_row);
}

static void
ca_registration_group_init (CaRegistrationGroup *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
ca_registration_group_new (CaRegistration *registration)
{
  g_return_val_if_fail (CA_IS_REGISTRATION (registration), NULL);

  return g_object_new (CA_TYPE_REGISTRATION_GROUP, "registration", registration, NULL);
}

CaRegistration *
ca_registration_group_get_registration (CaRegistrationGroup *self)
{
  g_return_val_if_fail (CA_IS_REGISTRATION_GROUP (self), NULL);

  return self->registration;
}

/**
 * ca_registration_group_set_note_visible:
 * @visible: whether the group closes with the note about the 2024 change
 *
 * The note is the same for every domain: a list of groups shows it once.
 */
void
ca_registration_group_set_note_visible (CaRegistrationGroup *self,
                                        gboolean             visible)
{
  g_return_if_fail (CA_IS_REGISTRATION_GROUP (self));

  gtk_widget_set_visible (GTK_WIDGET (self->note_row), visible);
}

/**
 * ca_registration_group_set_reveal_queue:
 * @reveal: the queue through which rows appear, one per frame
 *
 * The rows shown so far and those to come appear through @reveal, after the
 * group itself if it is queued first. The spinner row stays: it must hide as
 * soon as the lookup ends, which a queue could reverse.
 */
void
ca_registration_group_set_reveal_queue (CaRegistrationGroup *self,
                                        CaRevealQueue       *reveal)
{
  g_return_if_fail (CA_IS_REGISTRATION_GROUP (self));
  g_return_if_fail (CA_IS_REVEAL_QUEUE (reveal));

  g_set_object (&self->reveal, reveal);
  for (guint i = 0; i < self->rows->len; i++)
    ca_reveal_queue_add (reveal, g_ptr_array_index (self->rows, i));
  if (gtk_widget_get_visible (GTK_WIDGET (self->note_row)))
    ca_reveal_queue_add (reveal, GTK_WIDGET (self->note_row));
}
