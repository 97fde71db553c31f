/* ca-cli.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ca-fleet-scan.h"
#include "ca-session.h"

G_BEGIN_DECLS

/* The global options of contract.md, shared by every subcommand. */
typedef struct
{
  gboolean   json;
  char      *profile;
  char      *region;
  char     **dns_servers;
  gboolean   no_dnssec;
  char      *whois_server;
  char      *rdap_bootstrap;
  int        timeout;
  char      *checks;
  char      *view;
  char      *root_hints;
  char      *trust_anchor;
} CaCliOptions;

typedef struct _CaCliCommand CaCliCommand;

/* A subcommand: gets the global options and its positional arguments (its own
 * options, from `entries`, are already parsed), returns the exit status. */
typedef int (*CaCliRunFunc) (CaCliOptions *options,
                             int           argc,
                             char        **argv);

struct _CaCliCommand
{
  const char   *name;
  const char   *parameter_string;
  const char   *summary;
  GOptionEntry *entries;
  CaCliRunFunc  run;
};

CaSession *ca_cli_create_session     (CaCliOptions  *options);
gboolean   ca_cli_check_dns_options (CaCliOptions  *options,
                                     GError       **error);

int      ca_cli_main              (int            argc,
                                   char         **argv);
int      ca_cli_fail              (CaCliOptions  *options,
                                   const GError  *error);
int      ca_cli_usage_error       (CaCliOptions  *options,
                                   const char    *message);
void     ca_cli_print_json        (JsonNode      *node);
void     ca_cli_print_json_object (JsonBuilder   *builder);
guint    ca_cli_text_width        (const char    *text);
void     ca_cli_print_padded      (const char    *text,
                                   guint          width);

/* The one way the CLI waits: pass ca_cli_store_result_cb with the address of
 * a %NULL GAsyncResult pointer to an _async call, then hand that address to
 * ca_cli_wait_for_result and the result to the _finish call. */
void          ca_cli_store_result_cb (GObject       *object,
                                      GAsyncResult  *result,
                                      gpointer       user_data);
GAsyncResult *ca_cli_wait_for_result (GAsyncResult **result);
void          ca_cli_sleep           (guint          milliseconds);

/* The subcommands, one file each. */
int ca_cli_approvers_run (CaCliOptions *options,
                          int           argc,
                          char        **argv);
extern GOptionEntry ca_cli_approvers_entries[];
int ca_cli_delete_run (CaCliOptions *options,
                       int           argc,
                       char        **argv);
extern GOptionEntry ca_cli_delete_entries[];
int ca_cli_describe_run (CaCliOptions *options,
                         int           argc,
                         char        **argv);
extern GOptionEntry ca_cli_describe_entries[];
int ca_cli_diagnose_run (CaCliOptions *options,
                         int           argc,
                         char        **argv);
extern GOptionEntry ca_cli_diagnose_entries[];
int ca_cli_inspect_run (CaCliOptions *options,
                        int           argc,
                        char        **argv);
extern GOptionEntry ca_cli_inspect_entries[];
int ca_cli_list_run (CaCliOptions *options,
                     int           argc,
                     char        **argv);
extern GOptionEntry ca_cli_list_entries[];
int ca_cli_migrate_run (CaCliOptions *options,
                        int           argc,
                        char        **argv);
extern GOptionEntry ca_cli_migrate_entries[];
int ca_cli_publish_run (CaCliOptions *options,
                        int           argc,
                        char        **argv);
extern GOptionEntry ca_cli_publish_entries[];
int ca_cli_request_run (CaCliOptions *options,
                        int           argc,
                        char        **argv);
extern GOptionEntry ca_cli_request_entries[];
int ca_cli_resend_run (CaCliOptions *options,
                       int           argc,
                       char        **argv);
extern GOptionEntry ca_cli_resend_entries[];
int ca_cli_scan_run (CaCliOptions *options,
                     int           argc,
                     char        **argv);
extern GOptionEntry ca_cli_scan_entries[];
/* ca-cli-scan.c: the scan that `scan` and `migrate --all` start with */
CaFleetScan *ca_cli_scan_fleet (CaCliOptions *options,
                               const char   *regions_arg,
                               int          *status);
int ca_cli_watch_run (CaCliOptions *options,
                      int           argc,
                      char        **argv);
extern GOptionEntry ca_cli_watch_entries[];

G_END_DECLS
