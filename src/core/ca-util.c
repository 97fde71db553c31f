/* ca-util.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaUtil"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-util.h"

/* g_set_str() is GLib 2.76 */
gboolean
ca_set_str (char       **str_pointer,
            const char  *new_str)
{
  char *copy;

  g_return_val_if_fail (str_pointer != NULL, FALSE);

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;
  return TRUE;
}

/* Returns: the day of @time in the user's time zone, as their language writes a date */
char *
ca_format_local_date (GDateTime *time)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (time);

  /* Translators: a date, see g_date_time_format(); the same order as in "%Y-%m-%d %H:%M" */
  return g_date_time_format (local, _("%Y-%m-%d"));
}

/* Returns: @time in the user's time zone, as their language writes a date and a
 * time. Pages, findings and the CLI's text all write moments through it, so one
 * moment reads the same everywhere. */
char *
ca_format_local_time (GDateTime *time)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (time);

  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

/**
 * ca_bind_text_domain:
 *
 * Binds the translations: the installed ones, or, for a program run from the
 * build tree (build-aux/dev run, cli, demo, the tests), the catalogues built
 * there, so that a change to a .po file shows without installing.
 */
void
ca_bind_text_domain (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *dir = LOCALEDIR;

  if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT "/"))
    dir = BUILD_ROOT "/po";
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
