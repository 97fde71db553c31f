/* ca-cli.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "ca-cli.h"
#include "ca-error.h"

#define DEFAULT_TIMEOUT_SECONDS 10

/* One row per subcommand of contract.md. */
static const CaCliCommand commands[] = {
  { "approvers", N_("NAME"), N_("List the five addresses ACM mails for a name"),
    ca_cli_approvers_entries, ca_cli_approvers_run },
  { "delete", N_("ARN"), N_("Delete a certificate (needs --yes)"),
    ca_cli_delete_entries, ca_cli_delete_run },
  { "describe", N_("ARN"), N_("Show what ACM knows about a certificate, with findings"),
    ca_cli_describe_entries, ca_cli_describe_run },
  { "diagnose", N_("NAME…"), N_("Find out where the approval mail goes and what stops it, from DNS"),
    ca_cli_diagnose_entries, ca_cli_diagnose_run },
  { "inspect", N_("FILE|HOST[:PORT]|ARN"), N_("Show what a certificate covers, who issued it and when it expires"),
    ca_cli_inspect_entries, ca_cli_inspect_run },
  { "list", N_("[--status STATUS]…"), N_("List the certificates in ACM"),
    ca_cli_list_entries, ca_cli_list_run },
  { "migrate", N_("ARN"), N_("Move an issued email-validated certificate to DNS validation"),
    ca_cli_migrate_entries, ca_cli_migrate_run },
  { "request", N_("NAME…"), N_("Request a public certificate"),
    ca_cli_request_entries, ca_cli_request_run },
  { "resend", N_("ARN"), N_("Send the approval mail for a name again"),
    ca_cli_resend_entries, ca_cli_resend_run },
  { "watch", N_("ARN"), N_("Follow a certificate until it is issued or fails"),
    ca_cli_watch_entries, ca_cli_watch_run },
};

static gboolean show_version;

static GOptionEntry global_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print one JSON object instead of text"), NULL },
  { "profile", 0, 0, G_OPTION_ARG_STRING, NULL, N_("AWS profile to use"), N_("NAME") },
  { "region", 0, 0, G_OPTION_ARG_STRING, NULL, N_("AWS region to use"), N_("REGION") },
  { "dns-server", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, N_("Send DNS queries to this server (repeatable)"), N_("ADDR[@PORT]") },
  { "no-dnssec", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Do not validate DNSSEC"), NULL },
  { "whois-server", 0, 0, G_OPTION_ARG_STRING, NULL, N_("First WHOIS server to ask"), N_("HOST[:PORT]") },
  { "rdap-bootstrap", 0, 0, G_OPTION_ARG_STRING, NULL, N_("RDAP bootstrap file or URL to use"), N_("URL-OR-FILE") },
  { "timeout", 0, 0, G_OPTION_ARG_INT, NULL, N_("Cap for each network lookup (default 10)"), N_("SECONDS") },
  { "checks", 0, 0, G_OPTION_ARG_STRING, NULL, N_("For diagnose: which checks to run"), N_("LIST") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, N_("Show the version and exit"), NULL },
  { NULL }
};

static void
bind_global_entries (CaCliOptions *options)
{
  global_entries[0].arg_data = &options->json;
  global_entries[1].arg_data = &options->profile;
  global_entries[2].arg_data = &options->region;
  global_entries[3].arg_data = &options->dns_servers;
  global_entries[4].arg_data = &options->no_dnssec;
  global_entries[5].arg_data = &options->whois_server;
  global_entries[6].arg_data = &options->rdap_bootstrap;
  global_entries[7].arg_data = &options->timeout;
  global_entries[8].arg_data = &options->checks;
}

static void
clear_options (CaCliOptions *options)
{
  g_clear_pointer (&options->profile, g_free);
  g_clear_pointer (&options->region, g_free);
  g_clear_pointer (&options->dns_servers, g_strfreev);
  g_clear_pointer (&options->whois_server, g_free);
  g_clear_pointer (&options->rdap_bootstrap, g_free);
  g_clear_pointer (&options->checks, g_free);
}

void
ca_cli_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  fprintf (stdout, "%s\n", text);
  fflush (stdout);
}

void
ca_cli_print_json_object (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  ca_cli_print_json (root);
}

/**
 * ca_cli_fail:
 *
 * Reports @error as contract.md says: an error object on stdout with --json,
 * a translated sentence on stderr otherwise.
 *
 * Returns: the exit status for @error
 */
int
ca_cli_fail (CaCliOptions *options,
             const GError *error)
{
  if (options->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, ca_error_to_code_string (error));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      ca_cli_print_json_object (builder);
    }
  else
    {
      /* Translators: the prefix of every error message of the command-line tool */
      g_printerr (_("certassist-cli: %s\n"), error->message);
    }

  return ca_error_to_exit_status (error);
}

int
ca_cli_usage_error (CaCliOptions *options,
                    const char   *message)
{
  g_autoptr (GError) error = g_error_new_literal (CA_ERROR, CA_ERROR_USAGE, message);

  return ca_cli_fail (options, error);
}

static const CaCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %-10s %s", commands[i].name, _(commands[i].summary));

  return g_string_free (text, FALSE);
}

static GOptionContext *
create_global_context (void)
{
  GOptionContext *context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_autofree char *description = describe_commands ();

  g_option_context_set_summary (context, _("Find out why an ACM approval mail did not arrive, and fix it."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  return context;
}

static GOptionContext *
create_command_context (const CaCliCommand *command)
{
  g_autofree char *parameters = g_strdup_printf ("%s %s", command->name, _(command->parameter_string));
  GOptionContext *context = g_option_context_new (parameters);
  GOptionGroup *group;

  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (command->entries != NULL)
    g_option_context_add_main_entries (context, command->entries, GETTEXT_PACKAGE);

  /* Global options may also follow the subcommand. */
  group = g_option_group_new ("global", _("Global options:"), _("Show global options"), NULL, NULL);
  g_option_group_add_entries (group, global_entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_add_group (context, group);

  return context;
}

static int
run_command (CaCliOptions       *options,
             const CaCliCommand *command,
             int                 argc,
             char              **argv)
{
  g_autoptr (GOptionContext) context = create_command_context (command);
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ca_cli_usage_error (options, error->message);

  if (options->timeout <= 0)
    options->timeout = DEFAULT_TIMEOUT_SECONDS;

  /* argv[0] is the program, argv[1] the subcommand. */
  return command->run (options, argc - 2, argv + 2);
}

static int
dispatch (CaCliOptions *options,
          int           argc,
          char        **argv)
{
  g_autoptr (GOptionContext) context = create_global_context ();
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  const CaCliCommand *command;

  /* The first pass takes the global options in front of the subcommand. */
  g_option_context_set_ignore_unknown_options (context, TRUE);
  g_option_context_set_help_enabled (context, argc < 2 || argv[1][0] == '-');
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ca_cli_usage_error (options, error->message);

  if (show_version)
    {
      g_print ("certassist-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return ca_cli_usage_error (options, _("Name a command, such as “approvers”."));
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      message = g_strdup_printf (_("Unknown command “%s”: run certassist-cli --help for the list."), argv[1]);
      return ca_cli_usage_error (options, message);
    }

  return run_command (options, command, argc, argv);
}

int
ca_cli_main (int    argc,
             char **argv)
{
  CaCliOptions options = { 0 };
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  bind_global_entries (&options);
  status = dispatch (&options, argc, argv);
  clear_options (&options);

  return status;
}
