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
#include "ca-safe-text.h"
#include "ca-util.h"

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
  { "migrate", N_("ARN | --all [--yes]"), N_("Move an issued email-validated certificate to DNS validation"),
    ca_cli_migrate_entries, ca_cli_migrate_run },
  { "publish", N_("ARN [--zone-id ID] [--yes]"), N_("Create a certificate’s DNS validation records in Amazon Route 53"),
    ca_cli_publish_entries, ca_cli_publish_run },
  { "request", N_("NAME…"), N_("Request a public certificate"),
    ca_cli_request_entries, ca_cli_request_run },
  { "resend", N_("ARN"), N_("Send the approval mail for a name again"),
    ca_cli_resend_entries, ca_cli_resend_run },
  { "scan", N_("[--regions LIST]"), N_("Find every certificate in every region that email validation’s end affects"),
    ca_cli_scan_entries, ca_cli_scan_run },
  { "watch", N_("ARN"), N_("Follow a certificate until it is issued or fails"),
    ca_cli_watch_entries, ca_cli_watch_run },
};

static gboolean show_version;
/* --json as found on the command line before GOption ran (see wants_json()). */
static gboolean json_requested;

/* Each entry names the field it fills, so that adding an option cannot shift
 * the others onto the wrong storage. The group copies the array. */
static void
add_global_entries (GOptionGroup *group,
                    CaCliOptions *options)
{
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      N_("Print one JSON object instead of text"), NULL },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &options->profile,
      N_("AWS profile to use"), N_("NAME") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &options->region,
      N_("AWS region to use"), N_("REGION") },
    { "dns-server", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->dns_servers,
      N_("Send DNS queries to this server (repeatable)"), N_("ADDR[@PORT]") },
    { "no-dnssec", 0, 0, G_OPTION_ARG_NONE, &options->no_dnssec,
      N_("Do not validate DNSSEC"), NULL },
    { "whois-server", 0, 0, G_OPTION_ARG_STRING, &options->whois_server,
      N_("First WHOIS server to ask"), N_("HOST[:PORT]") },
    { "rdap-bootstrap", 0, 0, G_OPTION_ARG_STRING, &options->rdap_bootstrap,
      N_("RDAP bootstrap file or URL to use"), N_("URL-OR-FILE") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options->timeout,
      N_("Cap for each network lookup (default 10)"), N_("SECONDS") },
    { "checks", 0, 0, G_OPTION_ARG_STRING, &options->checks,
      N_("For diagnose: which checks to run"), N_("LIST") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &options->view,
      N_("For diagnose: which DNS to ask: local, public (from the root servers, as the CA) or both"), N_("VIEW") },
    { "root-hints", 0, 0, G_OPTION_ARG_FILENAME, &options->root_hints,
      N_("Root servers of the public view (named.root format), instead of the real ones"), N_("FILE") },
    { "trust-anchor", 0, 0, G_OPTION_ARG_FILENAME, &options->trust_anchor,
      N_("The root’s DS or DNSKEY records to validate DNSSEC against, instead of the system’s root key"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version,
      N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
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
  g_clear_pointer (&options->view, g_free);
  g_clear_pointer (&options->root_hints, g_free);
  g_clear_pointer (&options->trust_anchor, g_free);
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
 * ca_cli_text_width:
 *
 * Returns: the terminal columns @text takes once printed (cleaned as every
 *   line is): a wide character takes two, a combining mark none. Bytes or
 *   characters would misalign a column of translated words such as “Émis”.
 */
guint
ca_cli_text_width (const char *text)
{
  g_autofree char *clean = ca_safe_text_clean (text, -1, CA_SAFE_TEXT_DEFAULT);
  guint width = 0;

  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* Prints @text and spaces up to @width columns: one cell of a text table. */
void
ca_cli_print_padded (const char *text,
                     guint       width)
{
  guint used = ca_cli_text_width (text);

  g_print ("%s%*s", text, (int) (width > used ? width - used : 0), "");
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
  /* A message may quote an option's bytes or a server: always valid UTF-8 and clean. */
  g_autofree char *message = ca_safe_text_clean (error->message, -1, CA_SAFE_TEXT_DEFAULT);

  if (options->json || json_requested)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, ca_error_to_code_string (error));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      ca_cli_print_json_object (builder);
    }
  else
    {
      /* Translators: the prefix of every error message of the command-line tool */
      g_printerr (_("certassist-cli: %s\n"), message);
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

/**
 * ca_cli_store_result_cb:
 * @user_data: a `GAsyncResult **` that is %NULL
 *
 * The callback of every _async call the CLI makes: keeps a reference to the
 * result for ca_cli_wait_for_result().
 */
void
ca_cli_store_result_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert (*slot == NULL);
  *slot = g_object_ref (result);
}

/**
 * ca_cli_wait_for_result:
 * @result: the slot given to ca_cli_store_result_cb()
 *
 * The CLI runs one operation at a time: this spins the default main context
 * until it has ended. The caller keeps owning *@result.
 *
 * Returns: (transfer none): the result, for the _finish call
 */
GAsyncResult *
ca_cli_wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static gboolean
sleep_done_cb (gpointer user_data)
{
  g_task_return_boolean (G_TASK (user_data), TRUE);
  return G_SOURCE_REMOVE;
}

/* A pause is one more operation to wait for, so that the CLI waits one way. */
void
ca_cli_sleep (guint milliseconds)
{
  g_autoptr (GAsyncResult) result = NULL;
  GTask *task = g_task_new (NULL, NULL, ca_cli_store_result_cb, &result);

  g_task_set_source_tag (task, ca_cli_sleep);
  g_timeout_add_full (G_PRIORITY_DEFAULT, milliseconds, sleep_done_cb, task, g_object_unref);
  ca_cli_wait_for_result (&result);
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
create_global_context (CaCliOptions *options)
{
  GOptionContext *context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_autofree char *description = describe_commands ();
  GOptionGroup *group = g_option_group_new (NULL, NULL, NULL, NULL, NULL);

  g_option_context_set_summary (context, _("Find out why an ACM approval mail did not arrive, and fix it."));
  g_option_context_set_description (context, description);
  add_global_entries (group, options);
  g_option_context_set_main_group (context, group);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  return context;
}

static GOptionContext *
create_command_context (CaCliOptions       *options,
                        const CaCliCommand *command)
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
  add_global_entries (group, options);
  g_option_context_add_group (context, group);

  return context;
}

/* The arguments left after the options, then the operands (those after `--`),
 * as one array of borrowed strings. */
static char **
join_arguments (int    argc,
                char **argv,
                char **operands)
{
  guint n_operands = g_strv_length (operands);
  char **arguments = g_new0 (char *, argc + n_operands + 1);

  memcpy (arguments, argv, argc * sizeof (char *));
  memcpy (arguments + argc, operands, n_operands * sizeof (char *));
  return arguments;
}

static int
run_command (CaCliOptions       *options,
             const CaCliCommand *command,
             int                 argc,
             char              **argv,
             char              **operands)
{
  g_autoptr (GOptionContext) context = create_command_context (options, command);
  g_autoptr (GError) error = NULL;
  g_autofree char **arguments = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ca_cli_usage_error (options, error->message);

  if (options->timeout <= 0)
    options->timeout = DEFAULT_TIMEOUT_SECONDS;

  /* argv[0] is the program, argv[1] the subcommand. */
  arguments = join_arguments (argc - 2, argv + 2, operands);
  return command->run (options, (int) g_strv_length (arguments), arguments);
}

/* contract.md: `--` ends the options, so that a name may begin with `-`.
 * GOption drops the `--` in the first pass and would read what follows as
 * options in the second: the operands are set aside before either pass. */
static int
find_end_of_options (int    argc,
                     char **argv)
{
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--") == 0)
      return i;
  return argc;
}

static int
dispatch (CaCliOptions *options,
          int           argc,
          char        **argv)
{
  g_autoptr (GOptionContext) context = create_global_context (options);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char **head = NULL;
  char **operands;
  const CaCliCommand *command;
  int end = find_end_of_options (argc, argv);

  /* Only the options go through GOption; argv stays NULL-terminated for the operands. */
  head = g_new0 (char *, end + 1);
  memcpy (head, argv, end * sizeof (char *));
  operands = argv + MIN (end + 1, argc);
  argc = end;
  argv = head;

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

  return run_command (options, command, argc, argv, operands);
}

/* Text mode prints names, messages and fields that servers, certificates and
 * files chose: whatever reaches the terminal goes through one cleaner, so no
 * escape sequence or bell gets there. JSON is printed with fprintf(), exact
 * (its generator escapes control characters). */
static void
print_clean (FILE        *stream,
             const gchar *text)
{
  g_autofree char *clean = ca_safe_text_clean (text, -1, CA_SAFE_TEXT_DEFAULT);
  g_autofree char *local = NULL;
  const char *charset;

  /* As g_print() does without a handler: the terminal's charset. */
  if (!g_get_charset (&charset))
    local = g_convert_with_fallback (clean, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
  fputs (local != NULL ? local : clean, stream);
  fflush (stream);
}

static void
print_stdout_cb (const gchar *text)
{
  print_clean (stdout, text);
}

static void
print_stderr_cb (const gchar *text)
{
  print_clean (stderr, text);
}

/* When GOption fails it resets what it had set, --json included (to FALSE, not
 * to what it was), and an option error must still be the JSON error object:
 * --json is found before parsing. */
static gboolean
wants_json (int    argc,
            char **argv)
{
  for (int i = 1; i < argc && strcmp (argv[i], "--") != 0; i++)
    if (strcmp (argv[i], "--json") == 0)
      return TRUE;
  return FALSE;
}

int
ca_cli_main (int    argc,
             char **argv)
{
  CaCliOptions options = { 0 };
  int status;

  setlocale (LC_ALL, "");
  ca_bind_text_domain ();
  textdomain (GETTEXT_PACKAGE);

  /* contract.md: stdout holds the output alone; logs go to stderr. */
  g_log_set_writer_func (ca_safe_text_log_writer, NULL, NULL);
  g_set_print_handler (print_stdout_cb);
  g_set_printerr_handler (print_stderr_cb);
  json_requested = wants_json (argc, argv);

  status = dispatch (&options, argc, argv);
  clear_options (&options);

  return status;
}

static gboolean
check_file (const char  *option,
            const char  *path,
            GError     **error)
{
  if (path == NULL || g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  /* Translators: %s are an option such as --root-hints and a file name */
  g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT, _("%s: “%s” is not a readable file."), option, path);
  return FALSE;
}

/**
 * ca_cli_check_dns_options:
 *
 * Checks --view, --root-hints and --trust-anchor as contract.md says: with
 * root hints, the system's root key would make every lab answer bogus, so
 * either a trust anchor or --no-dnssec must come with them.
 *
 * Returns: %FALSE with %CA_ERROR_USAGE or %CA_ERROR_INVALID_INPUT otherwise
 */
gboolean
ca_cli_check_dns_options (CaCliOptions  *options,
                          GError       **error)
{
  CaDnsView view;

  if (options->view != NULL &&
      (!ca_dns_view_from_string (options->view, &view) || view == CA_DNS_VIEW_AUTO))
    {
      g_set_error (error, CA_ERROR, CA_ERROR_USAGE, _("--view takes local, public or both, not “%s”."), options->view);
      return FALSE;
    }
  if (options->root_hints != NULL && options->trust_anchor == NULL && !options->no_dnssec)
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_USAGE,
                           _("--root-hints needs --trust-anchor with the root key of those servers, or --no-dnssec: the real root key would make every answer fail DNSSEC."));
      return FALSE;
    }
  return check_file ("--root-hints", options->root_hints, error) &&
         check_file ("--trust-anchor", options->trust_anchor, error);
}

/**
 * ca_cli_create_session:
 *
 * Returns: (transfer full): a session with the lookup settings of the
 *   global options, as the app's session has them from its settings
 */
CaSession *
ca_cli_create_session (CaCliOptions *options)
{
  CaSession *session = ca_session_new ();

  ca_session_set_dns_servers (session, (const char * const *) options->dns_servers);
  ca_session_set_dnssec (session, !options->no_dnssec);
  ca_session_set_timeout (session, (guint) MAX (options->timeout, 1));
  ca_session_set_root_hints (session, options->root_hints);
  ca_session_set_trust_anchor (session, options->trust_anchor);
  if (options->view != NULL)
    {
      CaDnsView view = CA_DNS_VIEW_AUTO;

      ca_dns_view_from_string (options->view, &view);
      ca_session_set_view (session, view);
    }
  ca_session_set_whois_server (session, options->whois_server);
  ca_session_set_rdap_bootstrap (session, options->rdap_bootstrap);
  ca_session_set_aws_profile (session, options->profile);
  ca_session_set_aws_region (session, options->region);
  return session;
}
