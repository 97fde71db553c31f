/* ca-cli-approvers.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliApprovers"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-cli.h"
#include "ca-domain.h"
#include "ca-json.h"

static char *validation_domain_arg;

GOptionEntry ca_cli_approvers_entries[] = {
  { "validation-domain", 0, 0, G_OPTION_ARG_STRING, &validation_domain_arg,
    N_("Domain whose addresses ACM mails instead (the name or a parent)"), N_("DOMAIN") },
  { NULL }
};

typedef struct
{
  char        *name;
  char        *approval_domain;
  const char  *stripped;
  char       **addresses;
} Approvers;

static void
approvers_clear (Approvers *approvers)
{
  g_clear_pointer (&approvers->name, g_free);
  g_clear_pointer (&approvers->approval_domain, g_free);
  g_clear_pointer (&approvers->addresses, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Approvers, approvers_clear)

static gboolean
compute_approvers (const char  *input,
                   const char  *validation_domain,
                   Approvers   *approvers,
                   GError     **error)
{
  approvers->name = ca_domain_normalize (input, error);
  if (approvers->name == NULL)
    return FALSE;

  /* The stripped label describes the name; a ValidationDomain only moves the mail. */
  approvers->approval_domain = ca_domain_get_approval_domain (approvers->name, &approvers->stripped);
  if (validation_domain != NULL)
    {
      /* ACM strips www/`*` from a ValidationDomain too (acm-rules.md §2): AWS's
       * own example pairs www.example.com with admin@example.com. */
      g_autofree char *checked = ca_domain_check_validation_domain (approvers->name, validation_domain, error);

      if (checked == NULL)
        return FALSE;
      g_free (approvers->approval_domain);
      approvers->approval_domain = ca_domain_get_approval_domain (checked, NULL);
    }

  approvers->addresses = ca_domain_get_approver_addresses (approvers->approval_domain);
  return TRUE;
}

static void
print_json (const Approvers *approvers)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, approvers->name);
  json_builder_set_member_name (builder, "approval_domain");
  json_builder_add_string_value (builder, approvers->approval_domain);
  ca_json_add_string_or_null (builder, "stripped", approvers->stripped);
  ca_json_add_strv (builder, "addresses", (const char * const *) approvers->addresses);
  json_builder_end_object (builder);

  ca_cli_print_json_object (builder);
}

static void
print_text (const Approvers *approvers)
{
  g_autofree char *display = ca_domain_to_display (approvers->name);

  if (g_strcmp0 (display, approvers->name) != 0)
    g_print (_("Name: %s (%s)\n"), approvers->name, display);
  else
    g_print (_("Name: %s\n"), approvers->name);
  g_print (_("Approval domain: %s\n"), approvers->approval_domain);
  g_print (_("ACM sends the approval mail to these addresses:\n"));
  for (guint i = 0; approvers->addresses[i] != NULL; i++)
    g_print ("  %s\n", approvers->addresses[i]);
}

int
ca_cli_approvers_run (CaCliOptions *options,
                      int           argc,
                      char        **argv)
{
  g_auto (Approvers) approvers = { 0 };
  g_autoptr (GError) error = NULL;

  if (argc != 1)
    return ca_cli_usage_error (options, _("Give exactly one name, for example: certassist-cli approvers www.example.com"));

  if (!compute_approvers (argv[0], validation_domain_arg, &approvers, &error))
    return ca_cli_fail (options, error);

  if (options->json)
    print_json (&approvers);
  else
    print_text (&approvers);

  return 0;
}
