/* test-fake-route53.c: the fake Route 53 speaks Route 53's protocol as the AWS CLI does
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The product's Route 53 tests trust the fake; this test earns that trust with clients that
 * are not ours. /usr/bin/aws (Debian's awscli) lists zones, sends a change batch written as
 * a user writes it and polls it to INSYNC; then botocore (the AWS CLI's own serializer,
 * parser and signer, tests/fake-route53-client.py) makes many calls in one python process,
 * where each aws run costs a python start: pages, zones, every refusal of a change batch,
 * faults, wrong signatures, and bodies no serializer would write.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "ca-fake-acm.h"

#define AWS_CLI "/usr/bin/aws"

typedef struct
{
  CaFakeAcm *fake;
  char      *url;
  char      *home;
  GPtrArray *published;  /* "name value", as the publish func saw them */
} Fixture;

typedef struct
{
  gboolean  done;
  int       status;
  char     *out;
  char     *err;
} AwsRun;

static void
aws_run_clear (AwsRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AwsRun, aws_run_clear)

static void
record_published_cb (const char *name,
                     const char *value,
                     gpointer    user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->published, g_strdup_printf ("%s %s", name, value));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *example_ns[] = { "ns1.dns-host.example", "ns2.dns-host.example", NULL };
  g_autoptr (GError) error = NULL;

  fixture->fake = ca_fake_acm_new ("us-east-1");
  g_assert_true (ca_fake_acm_listen (fixture->fake, 0, &error));
  g_assert_no_error (error);
  fixture->url = ca_fake_acm_get_url (fixture->fake);
  fixture->home = g_dir_make_tmp ("fake-route53-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->published = g_ptr_array_new_with_free_func (g_free);
  ca_fake_acm_set_route53_publish_func (fixture->fake, record_published_cb, fixture);
  /* Added out of order: the listing sorts them, labels reversed, then by id. */
  ca_fake_acm_add_hosted_zone (fixture->fake, "Z3SUB", "sub.example.com", FALSE, NULL);
  ca_fake_acm_add_hosted_zone (fixture->fake, "Z2PRIVATE", "example.com.", TRUE, NULL);
  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1PUBLIC", "Example.com", FALSE, example_ns);
  ca_fake_acm_add_hosted_zone (fixture->fake, "Z4ORG", "example.org", FALSE, NULL);
}

/* The AWS CLI may leave a ~/.aws of its own (caches) in the HOME it was given. */
static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_file_test (path, G_FILE_TEST_IS_SYMLINK) ? NULL : g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The clients are gone; their closed connections release the server only once the
   * main context has seen them, before the fake goes (libsoup 3.2 loses them after). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->fake);
  g_free (fixture->url);
  remove_tree (fixture->home);
  g_assert_false (g_file_test (fixture->home, G_FILE_TEST_EXISTS));
  g_free (fixture->home);
  g_ptr_array_unref (fixture->published);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AwsRun *run = user_data;
  g_autoptr (GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  run->done = TRUE;
}

/* Starts @argv with nothing of the developer's (no AWS files, a HOME of its own, one attempt)
 * and the example keys (@secret for the secret key, @region as the CLI's region). */
static void
start_process (Fixture            *fixture,
               AwsRun             *run,
               const char         *secret,
               const char         *region,
               const char * const *argv,
               const char         *input)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                                                        (input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0));
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  const char *environment[] = {
    "PATH=/usr/bin:/bin", "LANG=C.UTF-8", "AWS_PAGER=", "AWS_ACCESS_KEY_ID=" CA_FAKE_ACM_ACCESS_KEY_ID,
    "AWS_CONFIG_FILE=/nonexistent/aws/config", "AWS_SHARED_CREDENTIALS_FILE=/nonexistent/aws/credentials",
    "AWS_MAX_ATTEMPTS=1", "AWS_RETRY_MODE=standard", NULL
  };
  g_autofree char *home = g_strconcat ("HOME=", fixture->home, NULL);
  g_autofree char *secret_variable = g_strconcat ("AWS_SECRET_ACCESS_KEY=", secret, NULL);
  g_autofree char *region_variable = g_strconcat ("AWS_DEFAULT_REGION=", region, NULL);
  g_autoptr (GStrvBuilder) env = g_strv_builder_new ();
  g_auto (GStrv) envp = NULL;

  g_strv_builder_addv (env, environment);
  g_strv_builder_add_many (env, home, secret_variable, region_variable, NULL);
  envp = g_strv_builder_end (env);
  g_subprocess_launcher_set_environ (launcher, envp);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  run->done = FALSE;
  g_subprocess_communicate_utf8_async (process, input, NULL, communicated_cb, run);
}

/* `aws --endpoint-url URL --output json route53 ARGS…` */
static void
start_aws (Fixture     *fixture,
           AwsRun      *run,
           const char **args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  for (const char *fixed[] = { AWS_CLI, "--endpoint-url", fixture->url, "--output", "json", "route53", NULL }, **a = fixed; *a != NULL; a++)
    g_ptr_array_add (argv, (char *) *a);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  start_process (fixture, run, CA_FAKE_ACM_SECRET_ACCESS_KEY, "us-east-1", (const char * const *) argv->pdata, NULL);
}

/* The fake answers on this thread's main context while the runs go on; python's start
 * is what an aws run costs (a second or more), so independent runs go side by side. */
static void
wait_aws (AwsRun *runs,
          guint   n_runs)
{
  for (guint i = 0; i < n_runs; i++)
    {
      while (!runs[i].done)
        g_main_context_iteration (NULL, TRUE);
      if (runs[i].status != 0)
        g_test_message ("aws: %s", runs[i].err);
    }
}

static void
aws (Fixture     *fixture,
     AwsRun      *run,
     const char **args)
{
  start_aws (fixture, run, args);
  wait_aws (run, 1);
}

static JsonObject *
parse_output (AwsRun *run)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  g_assert_cmpint (run->status, ==, 0);
  node = json_from_string (run->out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
assert_zone (JsonArray  *zones,
             guint       index,
             const char *id,
             const char *name,
             gboolean    private_zone)
{
  JsonObject *zone = json_array_get_object_element (zones, index);

  g_assert_cmpstr (json_object_get_string_member (zone, "Id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (zone, "Name"), ==, name);
  g_assert_cmpint (json_object_get_boolean_member (json_object_get_object_member (zone, "Config"), "PrivateZone"), ==, private_zone);
}

static void
clear_runs (AwsRun *runs,
            guint   n_runs)
{
  for (guint i = 0; i < n_runs; i++)
    aws_run_clear (&runs[i]);
}

static char *
change_id_of (AwsRun *run)
{
  g_autoptr (JsonObject) answer = parse_output (run);

  return g_strdup (json_object_get_string_member (json_object_get_object_member (answer, "ChangeInfo"), "Id"));
}

static void
assert_status (AwsRun     *run,
               const char *change_id,
               const char *status)
{
  g_autoptr (JsonObject) answer = parse_output (run);
  JsonObject *info = json_object_get_object_member (answer, "ChangeInfo");

  g_assert_cmpstr (json_object_get_string_member (info, "Id"), ==, change_id);
  g_assert_cmpstr (json_object_get_string_member (info, "Status"), ==, status);
  g_assert_true (json_object_has_member (info, "SubmittedAt"));
}

/* The AWS CLI lists from a name on (the public and the private zone of one name side by
 * side, by id; the next page named) while it sends a change batch written as a user writes
 * it: the record is in the zone at once (name in lower case), the change PENDING until its
 * second GetChange, and published just then. */
static void
test_aws_cli (Fixture       *fixture,
              gconstpointer  data)
{
  const char *batch = "{\"Comment\": \"ACM validation\", \"Changes\": [{\"Action\": \"UPSERT\", \"ResourceRecordSet\": "
                      "{\"Name\": \"_a79865eb4cd1a6ab990a45779b4e0b96.Shop.example.com.\", \"Type\": \"CNAME\", \"TTL\": 300, "
                      "\"ResourceRecords\": [{\"Value\": \"_424c7224e9b0146f9a8808af955727d0.zfyfvmchrl.acm-validations.aws.\"}]}}]}";
  AwsRun first[2] = { 0 };
  AwsRun polls[2] = { 0 };
  g_autoptr (JsonObject) page = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autofree char *change_id = NULL;
  JsonArray *zones;

  ca_fake_acm_set_insync_after_polls (fixture->fake, 2);
  start_aws (fixture, &first[0], (const char *[]) { "list-hosted-zones-by-name", "--dns-name", "example.com", "--max-items", "2", NULL });
  start_aws (fixture, &first[1], (const char *[]) { "change-resource-record-sets", "--hosted-zone-id", "Z1PUBLIC", "--change-batch", batch, NULL });
  wait_aws (first, G_N_ELEMENTS (first));

  page = parse_output (&first[0]);
  zones = json_object_get_array_member (page, "HostedZones");
  g_assert_cmpuint (json_array_get_length (zones), ==, 2);
  assert_zone (zones, 0, "/hostedzone/Z1PUBLIC", "example.com.", FALSE);
  assert_zone (zones, 1, "/hostedzone/Z2PRIVATE", "example.com.", TRUE);
  g_assert_true (json_object_get_boolean_member (page, "IsTruncated"));
  g_assert_cmpstr (json_object_get_string_member (page, "NextDNSName"), ==, "sub.example.com.");
  g_assert_cmpstr (json_object_get_string_member (page, "NextHostedZoneId"), ==, "Z3SUB");
  g_assert_cmpstr (json_object_get_string_member (page, "MaxItems"), ==, "2");

  change_id = change_id_of (&first[1]);
  g_assert_true (g_str_has_prefix (change_id, "/change/C"));
  assert_status (&first[1], change_id, "PENDING");
  g_assert_nonnull (strstr (first[1].out, "\"Comment\": \"ACM validation\""));
  records = ca_fake_acm_get_zone_records (fixture->fake, "Z1PUBLIC");
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (records, 0), ==,
                   "_a79865eb4cd1a6ab990a45779b4e0b96.shop.example.com CNAME _424c7224e9b0146f9a8808af955727d0.zfyfvmchrl.acm-validations.aws.");

  aws (fixture, &polls[0], (const char *[]) { "get-change", "--id", change_id, NULL });
  assert_status (&polls[0], change_id, "PENDING");
  g_assert_cmpuint (fixture->published->len, ==, 0);
  aws (fixture, &polls[1], (const char *[]) { "get-change", "--id", change_id, NULL });
  assert_status (&polls[1], change_id, "INSYNC");
  g_assert_cmpuint (fixture->published->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->published, 0), ==,
                   "_a79865eb4cd1a6ab990a45779b4e0b96.shop.example.com _424c7224e9b0146f9a8808af955727d0.zfyfvmchrl.acm-validations.aws.");

  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ListHostedZonesByName"), ==, 1);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ChangeResourceRecordSets"), ==, 1);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "GetChange"), ==, 2);
  /* Route 53 counts apart from ACM's total. */
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 0);
  clear_runs (first, G_N_ELEMENTS (first));
  clear_runs (polls, G_N_ELEMENTS (polls));
}

/* Steps for fake-route53-client.py: botocore calls (snake_case) and raw signed requests. */
#define CALL(name, params) "{\"call\": \"" name "\", \"params\": {" params "}}"
#define VALUE(v) "{\"Value\": \"" v "\"}"
#define RRSET(action, name, type, values) \
  "{\"Action\": \"" action "\", \"ResourceRecordSet\": {\"Name\": \"" name "\", \"Type\": \"" type "\", \"TTL\": 300, \"ResourceRecords\": [" values "]}}"
#define CHANGE(changes) CALL ("change_resource_record_sets", "\"HostedZoneId\": \"Z1PUBLIC\", \"ChangeBatch\": {\"Changes\": [" changes "]}")
#define CREATE_A_CNAME CHANGE (RRSET ("CREATE", "a.example.com", "CNAME", VALUE ("x.example.net.")))
#define NAMESPACE " xmlns=\\\"https://route53.amazonaws.com/doc/2013-04-01/\\\""
#define RAW_CHANGE(ns, rrset, pad) \
  "{\"raw\": {\"method\": \"POST\", \"path\": \"/2013-04-01/hostedzone/Z1PUBLIC/rrset/\", \"pad\": " pad ", \"body\": " \
  "\"<?xml version=\\\"1.0\\\"?><ChangeResourceRecordSetsRequest" ns "><ChangeBatch><Changes><Change><Action>UPSERT</Action>" \
  "<ResourceRecordSet>" rrset "</ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>\"}}"
#define RECORDS "<ResourceRecords><ResourceRecord><Value>x.example.net.</Value></ResourceRecord></ResourceRecords>"

/* What each step must answer: an error code (NULL: success) with its HTTP status, and
 * substrings of the answer as JSON ("a|b"; "!c": not there). */
static const struct
{
  const char *step;
  const char *code;
  guint       status;
  const char *texts;
} rules[] = {
  /* Faults, one each, in the order they are injected; the change faults wait for a change. */
  { CALL ("list_hosted_zones_by_name", ""), "Throttling", 400, "Rate exceeded" },
  { CALL ("get_hosted_zone", "\"Id\": \"Z1PUBLIC\""), "AccessDenied", 403, "is not authorized to perform: route53:GetHostedZone" },
  { CREATE_A_CNAME, "PriorRequestNotComplete", 400, NULL },
  { CREATE_A_CNAME, "InvalidChangeBatch", 400, "[Tried to create resource record set [name='a.example.com.', type='CNAME'] but it already exists, RRSet of type CNAME" },
  { CREATE_A_CNAME, NULL, 200, "\"Status\":\"PENDING\"|\"Id\":\"/change/C" },
  /* Pages, from the start and from a name and id. */
  { CALL ("list_hosted_zones_by_name", "\"MaxItems\": \"1\""), NULL, 200,
    "\"Id\":\"/hostedzone/Z1PUBLIC\"|\"IsTruncated\":true|\"NextDNSName\":\"example.com.\"|\"NextHostedZoneId\":\"Z2PRIVATE\"|!\"DNSName\"" },
  { CALL ("list_hosted_zones_by_name", "\"DNSName\": \"sub.example.com.\", \"HostedZoneId\": \"Z3SUB\""), NULL, 200,
    "[{\"Id\":\"/hostedzone/Z3SUB\"|\"Name\":\"example.org.\"|\"IsTruncated\":false|!Z1PUBLIC|!NextDNSName" },
  { CALL ("list_hosted_zones_by_name", "\"DNSName\": \"a..example.com\""), "InvalidDomainName", 400, NULL },
  /* Zones: a private one has VPCs and no delegation set; one without NameServers gets Route 53's. */
  { CALL ("get_hosted_zone", "\"Id\": \"/hostedzone/Z2PRIVATE\""), NULL, 200, "\"PrivateZone\":true|\"VPCRegion\":\"us-east-1\"|!DelegationSet" },
  { CALL ("get_hosted_zone", "\"Id\": \"Z4ORG\""), NULL, 200, "\"NameServers\":[\"ns-|.awsdns-|\"Name\":\"example.org.\"" },
  { CALL ("get_hosted_zone", "\"Id\": \"ZMISSING\""), "NoSuchHostedZone", 404, "No hosted zone found with ID: ZMISSING" },
  { CALL ("get_change", "\"Id\": \"C0000MISSING\""), "NoSuchChange", 404, NULL },
  /* Every problem of a batch at once, in Route 53's words; nothing of it applies. */
  { CHANGE (RRSET ("UPSERT", "b.example.com", "CNAME", VALUE ("x.example.net.")) ","
            RRSET ("CREATE", "a.example.com", "CNAME", VALUE ("y.example.net.")) ","
            RRSET ("UPSERT", "A.example.com", "A", VALUE ("192.0.2.1")) ","
            RRSET ("UPSERT", "two.example.com", "CNAME", VALUE ("x.example.net.") "," VALUE ("y.example.net.")) ","
            RRSET ("UPSERT", "dup.example.com", "CNAME", VALUE ("x.example.net.")) ","
            RRSET ("DELETE", "dup.example.com", "CNAME", VALUE ("x.example.net.")) ","
            RRSET ("UPSERT", "_x.example.org", "CNAME", VALUE ("x.example.net.")) ","
            RRSET ("UPSERT", "example.com", "CNAME", VALUE ("x.example.net.")) ","
            RRSET ("DELETE", "gone.example.com", "CNAME", VALUE ("x.example.net."))),
    "InvalidChangeBatch", 400,
    "[Tried to create resource record set [name='a.example.com.', type='CNAME'] but it already exists, "
    "RRSet of type A with DNS name a.example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com., "
    "RRSet of type CNAME with DNS name two.example.com. has more than one value; a CNAME takes exactly one., "
    "The request contains an invalid set of changes for a resource record set 'CNAME dup.example.com.', "
    "RRSet with DNS name _x.example.org. is not permitted in zone example.com., "
    "RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com., "
    "Tried to delete resource record set [name='gone.example.com.', type='CNAME'] but it was not found]" },
  { CHANGE (RRSET ("DELETE", "a.example.com", "CNAME", VALUE ("other.example.net."))), "InvalidChangeBatch", 400,
    "[Tried to delete resource record set [name='a.example.com.', type='CNAME'] but the values provided do not match the current values]" },
  { CHANGE (RRSET ("REPLACE", "c.example.com", "CNAME", VALUE ("x.example.net."))), "InvalidInput", 400, "enum value set: [CREATE, DELETE, UPSERT]" },
  { CHANGE (RRSET ("UPSERT", "c.example.com", "CNAMES", VALUE ("x.example.net."))), "InvalidInput", 400, "Value 'CNAMES' at 'changeBatch.changes.1.member.resourceRecordSet.type'" },
  { CALL ("change_resource_record_sets", "\"HostedZoneId\": \"Z1PUBLIC\", \"ChangeBatch\": {\"Changes\": [{\"Action\": \"UPSERT\", "
          "\"ResourceRecordSet\": {\"Name\": \"c.example.com\", \"Type\": \"A\", \"AliasTarget\": {\"HostedZoneId\": \"Z2FDTNDATAQYW2\", "
          "\"DNSName\": \"d111111abcdef8.cloudfront.net\", \"EvaluateTargetHealth\": false}}}]}"), "InvalidInput", 400, "does not model AliasTarget" },
  /* Signatures: another key, and a scope for another region (Route 53 signs for us-east-1). */
  { "{\"call\": \"list_hosted_zones_by_name\", \"secret\": \"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEX\"}", "SignatureDoesNotMatch", 403, NULL },
  { "{\"call\": \"list_hosted_zones_by_name\", \"region\": \"eu-west-1\"}", "SignatureDoesNotMatch", 403, "'us-east-1'|'eu-west-1'" },
  /* Bodies no serializer writes: no namespace, the model's order broken, too big, no TTL. */
  { RAW_CHANGE ("", "<Name>c.example.com</Name><Type>CNAME</Type><TTL>300</TTL>" RECORDS, "0"), "InvalidInput", 400,
    "Invalid XML ; cvc-elt.1.a: Cannot find the declaration of element" },
  { RAW_CHANGE (NAMESPACE, "<Name>c.example.com</Name><TTL>300</TTL><Type>CNAME</Type>" RECORDS, "0"), "InvalidInput", 400,
    "Invalid content was found starting with element &apos;Type&apos;" },
  { RAW_CHANGE (NAMESPACE, "<Name>c.example.com</Name><Type>CNAME</Type><TTL>300</TTL>" RECORDS, "140000"), "InvalidInput", 400,
    "The request body is too large." },
  { RAW_CHANGE (NAMESPACE, "<Name>c.example.com</Name><Type>CNAME</Type>" RECORDS, "0"), "InvalidInput", 400,
    "Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords]" },
  { RAW_CHANGE (NAMESPACE, "<Name>c.example.com</Name><Type>CNAME</Type><TTL>300</TTL>" RECORDS, "0"), NULL, 200, "<Status>PENDING</Status>" },
};

static char *
error_code_of (JsonObject *result,
               guint      *status)
{
  const char *body;
  const char *start, *end;

  if (json_object_has_member (result, "error"))
    {
      JsonObject *error = json_object_get_object_member (result, "error");

      *status = (guint) json_object_get_int_member (error, "status");
      return g_strdup (json_object_get_string_member (error, "code"));
    }
  if (!json_object_has_member (result, "status"))
    {
      *status = 200;
      return NULL;
    }
  *status = (guint) json_object_get_int_member (result, "status");
  body = json_object_get_string_member (result, "body");
  start = strstr (body, "<Code>");
  end = start != NULL ? strstr (start, "</Code>") : NULL;
  return end != NULL ? g_strndup (start + strlen ("<Code>"), end - start - strlen ("<Code>")) : NULL;
}

static void
assert_rule (guint       index,
             JsonObject *result)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), result);
  g_autofree char *text = json_to_string (node, FALSE);
  g_auto (GStrv) texts = g_strsplit (rules[index].texts != NULL ? rules[index].texts : "", "|", -1);
  guint status = 0;
  g_autofree char *code = error_code_of (result, &status);

  g_test_message ("step %u: %s", index, text);
  g_assert_cmpstr (code, ==, rules[index].code);
  g_assert_cmpuint (status, ==, rules[index].status);
  for (guint i = 0; texts[i] != NULL; i++)
    if (texts[i][0] == '!')
      g_assert_null (strstr (text, texts[i] + 1));
    else if (texts[i][0] != '\0')
      g_assert_nonnull (strstr (text, texts[i]));
}

/* botocore, many calls in one process: each rule's answer, then what the zone holds. */
static void
test_botocore_rules (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GString) steps = g_string_new ("[");
  const char *argv[] = { "/usr/bin/python3", FAKE_ROUTE53_CLIENT, fixture->url, NULL };
  g_auto (AwsRun) run = { 0 };
  g_autoptr (JsonNode) results = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *array;

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    g_string_append_printf (steps, "%s%s", i > 0 ? ", " : "", rules[i].step);
  g_string_append (steps, "]");
  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_ROUTE53_THROTTLE, 1);
  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_ROUTE53_ACCESS_DENIED, 1);
  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_ROUTE53_PRIOR_REQUEST, 1);
  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_ROUTE53_INVALID_BATCH, 1);
  start_process (fixture, &run, CA_FAKE_ACM_SECRET_ACCESS_KEY, "us-east-1", argv, steps->str);
  wait_aws (&run, 1);
  g_assert_cmpint (run.status, ==, 0);

  results = json_from_string (run.out, &error);
  g_assert_no_error (error);
  array = json_node_get_array (results);
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (rules));
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    assert_rule (i, json_array_get_object_element (array, i));

  records = ca_fake_acm_get_zone_records (fixture->fake, "Z1PUBLIC");
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (records, 0), ==, "a.example.com CNAME x.example.net.");
  g_assert_cmpstr (g_ptr_array_index (records, 1), ==, "c.example.com CNAME x.example.net.");
  g_assert_cmpuint (fixture->published->len, ==, 0);
  g_assert_null (ca_fake_acm_get_zone_records (fixture->fake, "ZMISSING"));
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* The program: a seed's "hosted_zones", and --publish-command run once a change is INSYNC
 * with the record's name and value as arguments, never through a shell; not for a zone
 * seeded as not delegated (its records are never seen). */
static void
test_program_publish_command (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *seed = g_build_filename (fixture->home, "seed.json", NULL);
  g_autofree char *script = g_build_filename (fixture->home, "publish", NULL);
  g_autofree char *published = g_build_filename (fixture->home, "published", NULL);
  g_autofree char *script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s %%s\\n' \"$1\" \"$2\" >>'%s'\n", published);
  const char *program_argv[] = { FAKE_ACM_PROGRAM, "--seed", seed, "--publish-command", script, NULL };
  const char *steps = "[" CALL ("get_hosted_zone", "\"Id\": \"Z9SEEDED\"") ", "
                      CALL ("change_resource_record_sets", "\"HostedZoneId\": \"Z9HIDDEN\", \"ChangeBatch\": {\"Changes\": ["
                            RRSET ("UPSERT", "_y.hidden.example", "CNAME", VALUE ("_w.acm-validations.aws.")) "]}") ", "
                      CALL ("get_change", "\"Id\": \"$change\"") ", "
                      CALL ("change_resource_record_sets", "\"HostedZoneId\": \"Z9SEEDED\", \"ChangeBatch\": {\"Changes\": ["
                            RRSET ("UPSERT", "_x.Seeded.example", "CNAME", VALUE ("_v;$(touch x) `id`.acm-validations.aws.")) "]}") ", "
                      CALL ("get_change", "\"Id\": \"$change\"") "]";
  g_autoptr (GSubprocess) program = NULL;
  g_autoptr (GDataInputStream) program_out = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  g_auto (AwsRun) run = { 0 };
  const char *client_argv[] = { "/usr/bin/python3", FAKE_ROUTE53_CLIENT, NULL, NULL };
  g_autoptr (GError) error = NULL;

  g_file_set_contents (seed, "{\"hosted_zones\": [{\"Id\": \"Z9SEEDED\", \"Name\": \"seeded.example.\", "
                             "\"NameServers\": [\"ns1.example.net\"], \"InsyncAfterPolls\": 1}, "
                             "{\"Id\": \"Z9HIDDEN\", \"Name\": \"hidden.example\", \"InsyncAfterPolls\": 0, \"Delegated\": false}]}", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (script, script_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  program = g_subprocess_newv (program_argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  program_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (program));
  url = g_data_input_stream_read_line_utf8 (program_out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));

  client_argv[2] = url;
  start_process (fixture, &run, CA_FAKE_ACM_SECRET_ACCESS_KEY, "us-east-1", client_argv, steps);
  wait_aws (&run, 1);
  g_subprocess_send_signal (program, SIGTERM);
  g_subprocess_wait (program, NULL, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"NameServers\": [\"ns1.example.net\"]"));
  g_assert_cmpuint (count_occurrences (run.out, "\"Status\": \"INSYNC\""), ==, 2);

  g_file_get_contents (published, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "_x.seeded.example _v;$(touch x) `id`.acm-validations.aws.\n");
  g_assert_false (g_file_test ("x", G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!g_file_test (AWS_CLI, G_FILE_TEST_IS_EXECUTABLE))
    {
      /* build-aux/dev test installs awscli; a run without it says so instead of passing. */
      g_printerr ("test-fake-route53 needs %s (Debian package awscli)\n", AWS_CLI);
      return 1;
    }
  g_test_add ("/fake-route53/aws-cli", Fixture, NULL, fixture_set_up, test_aws_cli, fixture_tear_down);
  g_test_add ("/fake-route53/botocore-rules", Fixture, NULL, fixture_set_up, test_botocore_rules, fixture_tear_down);
  g_test_add ("/fake-route53/program-publish-command", Fixture, NULL, fixture_set_up, test_program_publish_command, fixture_tear_down);

  return g_test_run ();
}
