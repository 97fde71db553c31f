/* ca-fleet-scan.c: every region, every certificate, against the email deadlines
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Regions run concurrently; within one, every call waits for a token from the
 * bucket of its region and operation, because ACM's rate quotas are per
 * region and per operation, and a scan that throttles itself only adds
 * retries. The standard retries of CaAwsClient still handle the throttling
 * that happens anyway.
 */

#define G_LOG_DOMAIN "CaFleetScan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-acm-json-private.h"
#include "ca-aws-regions.h"
#include "ca-error.h"
#include "ca-fleet-scan.h"

/* A server that keeps handing out NextTokens must not keep us forever. */
#define MAX_PAGES 200
#define PAGE_SIZE 1000
/* Describes in flight per region: enough to keep to the quota at 50 ms a call. */
#define DESCRIBE_CONCURRENCY 4

/* ACM's default per-region rate quotas (requests per second, Service Quotas, 2026-12). */
static const struct
{
  const char *operation;
  double      per_second;
} rate_quotas[] = {
  { "DescribeCertificate", 10 },
  { "ListCertificates", 8 },
  { "ListCertificateDomainValidations", 10 },
  { "UpdateCertificateOptions", 5 },
};
#define DEFAULT_RATE 5

typedef struct
{
  double rate;     /* tokens per second */
  double burst;    /* at most this many at once */
  double tokens;   /* negative: callers already wait for tokens to come */
  gint64 updated;  /* monotonic µs */
} Bucket;

typedef struct
{
  CaFleetScan        *scan;   /* unowned: owns this */
  char               *region;
  CaAcmClient        *client;
  GHashTable         *buckets; /* operation → Bucket */
  CaFleetRegionState  state;
  char               *message;
  guint               count;
  JsonObject         *list_input;
  GHashTable         *page_tokens;
  guint               pages;
  gboolean            listing;
  GQueue              pending;  /* summaries to describe */
  guint               in_flight;
} RegionScan;

struct _CaFleetScan
{
  GObject     parent_instance;

  GStrv       regions;
  GHashTable *by_region;  /* region → RegionScan */
  GPtrArray  *entries;    /* CaFleetEntry */
  GTask      *task;       /* the run, while it runs */
  guint       running;
  GError     *fatal;      /* the credentials were refused where no opt-in explains it */
};

G_DEFINE_FINAL_TYPE (CaFleetScan, ca_fleet_scan, G_TYPE_OBJECT)

void
ca_fleet_entry_free (CaFleetEntry *entry)
{
  g_free (entry->region);
  g_clear_object (&entry->certificate);
  g_clear_pointer (&entry->deadline, g_date_time_unref);
  g_free (entry);
}

static void
region_scan_free (RegionScan *rs)
{
  g_free (rs->region);
  g_clear_object (&rs->client);
  g_clear_pointer (&rs->buckets, g_hash_table_unref);
  g_free (rs->message);
  g_clear_pointer (&rs->list_input, json_object_unref);
  g_clear_pointer (&rs->page_tokens, g_hash_table_unref);
  g_queue_clear_full (&rs->pending, g_object_unref);
  g_free (rs);
}

static void
ca_fleet_scan_finalize (GObject *object)
{
  CaFleetScan *self = CA_FLEET_SCAN (object);

  g_clear_pointer (&self->regions, g_strfreev);
  g_clear_pointer (&self->by_region, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_error (&self->fatal);

  G_OBJECT_CLASS (ca_fleet_scan_parent_class)->finalize (object);
}

static void
ca_fleet_scan_class_init (CaFleetScanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_fleet_scan_finalize;
}

static void
ca_fleet_scan_init (CaFleetScan *self)
{
  self->by_region = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) region_scan_free);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_fleet_entry_free);
}

/* `eu-west-1`: lower-case words and a number. It ends up in a host name. */
static gboolean
is_region_name (const char *name)
{
  return g_regex_match_simple ("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", name, 0, 0);
}

static SoupSession *
new_http_session (guint timeout_seconds)
{
  return soup_session_new_with_options ("timeout", timeout_seconds > 0 ? timeout_seconds : 30,
                                        "user-agent", "certassist/" PACKAGE_VERSION,
                                        NULL);
}

/* A session of its own per region: one region's slow answers do not hold
 * the connections the others need. */
static CaAcmClient *
new_region_client (CaCredentialsProvider  *credentials,
                   const char             *region,
                   guint                   timeout_seconds,
                   GError                **error)
{
  g_autoptr (SoupSession) http = new_http_session (timeout_seconds);
  g_autoptr (CaAwsClient) aws = ca_aws_client_new_in_region (http, credentials, region, "acm", "CertificateManager",
                                                             error);

  return aws != NULL ? ca_acm_client_new_for_aws (aws) : NULL;
}

/**
 * ca_fleet_scan_new:
 * @regions: (nullable): the regions to scan; %NULL for every region of the partition
 * @profile: (nullable): the AWS profile
 *
 * Creates one ACM client per region, each with the region in its signature,
 * all sharing one credential provider.
 *
 * Returns: (transfer full): the scan, not yet running, or %NULL for a bad
 *   region name or when no client can be made
 */
CaFleetScan *
ca_fleet_scan_new (const char * const  *regions,
                   const char          *profile,
                   guint                timeout_seconds,
                   GError             **error)
{
  g_autoptr (CaFleetScan) self = g_object_new (CA_TYPE_FLEET_SCAN, NULL);
  g_autoptr (GPtrArray) unique = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (SoupSession) credentials_http = NULL;
  g_autoptr (CaCredentialsProvider) credentials = NULL;

  for (guint i = 0; (regions ?: ca_aws_regions_list ())[i] != NULL; i++)
    {
      const char *name = (regions ?: ca_aws_regions_list ())[i];

      if (!is_region_name (name))
        {
          g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT, _("“%s” is not an AWS region name."), name);
          return NULL;
        }
      if (!g_ptr_array_find_with_equal_func (unique, name, g_str_equal, NULL))
        g_ptr_array_add (unique, g_strdup (name));
    }
  if (unique->len == 0)
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_INVALID_INPUT, _("Give at least one region."));
      return NULL;
    }
  g_ptr_array_add (unique, NULL);
  self->regions = (GStrv) g_ptr_array_steal (unique, NULL);

  /* One provider for every region: a credential_process, IAM Identity
   * Center or an assumed role then runs once, not once per region. */
  credentials_http = new_http_session (timeout_seconds);
  credentials = ca_credentials_provider_new (credentials_http, profile, NULL, error);
  if (credentials == NULL)
    return NULL;
  for (guint i = 0; self->regions[i] != NULL; i++)
    {
      RegionScan *rs = g_new0 (RegionScan, 1);

      rs->scan = self;
      rs->region = g_strdup (self->regions[i]);
      rs->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_queue_init (&rs->pending);
      g_hash_table_insert (self->by_region, rs->region, rs);
      rs->client = new_region_client (credentials, rs->region, timeout_seconds, error);
      if (rs->client == NULL)
        return NULL;
    }
  return g_steal_pointer (&self);
}

/*
 * Rate limits: a token bucket per region and operation
 */

static RegionScan *lookup_region (CaFleetScan *self,
                                  const char  *region);

static double
quota_for (const char *operation)
{
  for (guint i = 0; i < G_N_ELEMENTS (rate_quotas); i++)
    if (g_str_equal (rate_quotas[i].operation, operation))
      return rate_quotas[i].per_second;
  return DEFAULT_RATE;
}

/* Takes a token and returns how long to wait for it (µs), 0 when it is there. */
static gint64
bucket_reserve (GHashTable *buckets,
                const char *operation)
{
  Bucket *bucket = g_hash_table_lookup (buckets, operation);
  gint64 now = g_get_monotonic_time ();

  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->rate = quota_for (operation);
      /* Half of ACM's burst: calls that the network bunches up on their way
       * then still find tokens there, instead of a ThrottlingException. */
      bucket->burst = MAX (1, bucket->rate / 2);
      bucket->tokens = bucket->burst;
      bucket->updated = now;
      g_hash_table_insert (buckets, g_strdup (operation), bucket);
    }
  bucket->tokens = MIN (bucket->burst, bucket->tokens + (now - bucket->updated) * bucket->rate / G_USEC_PER_SEC);
  bucket->updated = now;
  bucket->tokens -= 1;
  return bucket->tokens >= 0 ? 0 : (gint64) (-bucket->tokens * G_USEC_PER_SEC / bucket->rate);
}

static gboolean
token_ready_cb (gpointer user_data)
{
  GTask *task = user_data;

  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

/**
 * ca_fleet_scan_limit_call:
 *
 * Finishes when a call of @operation in @region keeps to ACM's rate quota
 * there: what the scan does before each call, and what a bulk change of the
 * scanned certificates should do too.
 */
void
ca_fleet_scan_limit_call (CaFleetScan         *self,
                          const char          *region,
                          const char          *operation,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  RegionScan *rs = lookup_region (self, region);
  GTask *task;
  gint64 wait;

  g_return_if_fail (rs != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_fleet_scan_limit_call);
  wait = bucket_reserve (rs->buckets, operation);
  if (wait == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) ((wait + 999) / 1000), token_ready_cb, task, g_object_unref);
}

gboolean
ca_fleet_scan_limit_call_finish (CaFleetScan   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/*
 * Deadlines and actions (contract.md, `scan`)
 */

static gboolean
uses_email (CaAcmCertificate *certificate)
{
  return g_strcmp0 (ca_acm_certificate_get_cert_type (certificate), "AMAZON_ISSUED") == 0 &&
         g_strcmp0 (ca_acm_certificate_get_validation_method (certificate), "EMAIL") == 0;
}

/* A requested DNS configuration while email is still the active one. */
static gboolean
migration_running (GPtrArray *migration)
{
  for (guint i = 0; migration != NULL && i < migration->len; i++)
    {
      CaAcmDomainValidation *entry = g_ptr_array_index (migration, i);

      if (g_strcmp0 (ca_acm_domain_validation_get_method (entry), "DNS") == 0 &&
          g_strcmp0 (ca_acm_domain_validation_get_active_method (entry), "EMAIL") == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * ca_fleet_action_for:
 * @migration: (nullable): ListCertificateDomainValidations of an issued email certificate
 */
CaFleetAction
ca_fleet_action_for (CaAcmCertificate *certificate,
                     GPtrArray        *migration)
{
  const char *status = ca_acm_certificate_get_status (certificate);
  const char * const not_issued[] = { "PENDING_VALIDATION", "VALIDATION_TIMED_OUT", "FAILED", NULL };

  if (!uses_email (certificate))
    return CA_FLEET_ACTION_NONE;
  if (g_strcmp0 (status, "ISSUED") == 0)
    return migration_running (migration) ? CA_FLEET_ACTION_IN_PROGRESS : CA_FLEET_ACTION_MIGRATE;
  if (status != NULL && g_strv_contains (not_issued, status))
    return CA_FLEET_ACTION_REQUEST_DNS;
  return CA_FLEET_ACTION_NONE;
}

static GDateTime *
date_utc (const char *iso_date)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *text = g_strconcat (iso_date, "T00:00:00Z", NULL);

  return g_date_time_new_from_iso8601 (text, utc);
}

/**
 * ca_fleet_deadline_for:
 *
 * The date that binds: the end of new email certificates for one not yet
 * issued, else the earlier of its expiry and the end of email renewals.
 *
 * Returns: (transfer full) (nullable): the deadline, %NULL when no action is possible
 */
GDateTime *
ca_fleet_deadline_for (CaAcmCertificate *certificate,
                       CaFleetAction     action)
{
  GDateTime *not_after = ca_acm_certificate_get_not_after (certificate);
  g_autoptr (GDateTime) no_renewal = date_utc (CA_FLEET_NO_EMAIL_RENEWAL_DATE);

  switch (action)
    {
    case CA_FLEET_ACTION_REQUEST_DNS:
      return date_utc (CA_FLEET_NO_NEW_EMAIL_DATE);
    case CA_FLEET_ACTION_MIGRATE:
    case CA_FLEET_ACTION_IN_PROGRESS:
      if (not_after != NULL && g_date_time_compare (not_after, no_renewal) < 0)
        return g_date_time_to_utc (not_after);
      return g_steal_pointer (&no_renewal);
    case CA_FLEET_ACTION_NONE:
    default:
      return NULL;
    }
}

const char *
ca_fleet_action_to_string (CaFleetAction action)
{
  static const char * const names[] = { "none", "migrate", "in_progress", "request_dns" };

  g_return_val_if_fail (action < G_N_ELEMENTS (names), NULL);
  return names[action];
}

const char *
ca_fleet_region_state_to_string (CaFleetRegionState state)
{
  static const char * const names[] = { "running", "ok", "not_enabled", "denied", "error" };

  g_return_val_if_fail (state < G_N_ELEMENTS (names), NULL);
  return names[state];
}

/* What `scan` lists: email certificates, or all with --all-methods. */
gboolean
ca_fleet_entry_needs_listing (CaFleetEntry *entry,
                              gboolean      all_methods)
{
  return all_methods || uses_email (entry->certificate);
}

/*
 * One region
 */

static void
add_entry (RegionScan       *rs,
           CaAcmCertificate *certificate,
           GPtrArray        *migration)
{
  CaFleetEntry *entry = g_new0 (CaFleetEntry, 1);

  entry->region = g_strdup (rs->region);
  entry->certificate = g_object_ref (certificate);
  entry->action = ca_fleet_action_for (certificate, migration);
  entry->deadline = ca_fleet_deadline_for (certificate, entry->action);
  g_ptr_array_add (rs->scan->entries, entry);
}

/* The first failure is the one the user reads; the region is then partial. */
static void
note_region_error (RegionScan   *rs,
                   const GError *error)
{
  if (rs->state == CA_FLEET_REGION_ERROR)
    return;
  rs->state = CA_FLEET_REGION_ERROR;
  g_free (rs->message);
  rs->message = g_strdup (error->message);
}

static gint
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const CaFleetEntry *x = *(CaFleetEntry **) a, *y = *(CaFleetEntry **) b;
  int order;

  /* Those with a deadline first, soonest first. */
  if ((x->deadline == NULL) != (y->deadline == NULL))
    return x->deadline == NULL ? 1 : -1;
  if (x->deadline != NULL && (order = g_date_time_compare (x->deadline, y->deadline)) != 0)
    return order;
  if ((order = g_strcmp0 (x->region, y->region)) != 0)
    return order;
  if ((order = g_strcmp0 (ca_acm_certificate_get_domain (x->certificate), ca_acm_certificate_get_domain (y->certificate))) != 0)
    return order;
  return g_strcmp0 (ca_acm_certificate_get_arn (x->certificate), ca_acm_certificate_get_arn (y->certificate));
}

static void
region_maybe_done (RegionScan *rs)
{
  CaFleetScan *self = rs->scan;
  g_autoptr (GTask) task = NULL;

  if (rs->listing || rs->in_flight > 0 || !g_queue_is_empty (&rs->pending))
    return;
  if (rs->state == CA_FLEET_REGION_RUNNING)
    rs->state = CA_FLEET_REGION_OK;
  g_debug ("%s: %s, %u certificates", rs->region, ca_fleet_region_state_to_string (rs->state), rs->count);
  if (--self->running > 0)
    return;

  task = g_steal_pointer (&self->task);
  g_ptr_array_sort (self->entries, compare_entries);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (self->fatal != NULL)
    g_task_return_error (task, g_error_copy (self->fatal));
  else
    g_task_return_boolean (task, TRUE);
}

typedef struct
{
  RegionScan       *rs;
  CaAcmCertificate *certificate;
} CertJob;

static void
cert_job_done (CertJob *job);

static void
migration_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CertJob *job = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) migration = NULL;

  migration = ca_acm_client_list_domain_validations_finish (CA_ACM_CLIENT (object), result, &error);
  if (migration == NULL)
    note_region_error (job->rs, error);
  add_entry (job->rs, job->certificate, migration);
  cert_job_done (job);
}

static void
migration_gate_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CertJob *job = user_data;

  ca_fleet_scan_limit_call_finish (CA_FLEET_SCAN (object), result, NULL);
  ca_acm_client_list_domain_validations_async (job->rs->client, ca_acm_certificate_get_arn (job->certificate),
                                               g_task_get_cancellable (job->rs->scan->task), migration_cb, job);
}

static void
describe_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CertJob *job = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmCertificate) described = NULL;

  described = ca_acm_client_describe_certificate_finish (CA_ACM_CLIENT (object), result, &error);
  if (described == NULL)
    {
      note_region_error (job->rs, error);
      cert_job_done (job);
      return;
    }
  g_set_object (&job->certificate, described);
  /* Only an issued email certificate can have a move to DNS running. */
  if (ca_fleet_action_for (described, NULL) == CA_FLEET_ACTION_MIGRATE)
    {
      ca_fleet_scan_limit_call (job->rs->scan, job->rs->region, "ListCertificateDomainValidations",
                                g_task_get_cancellable (job->rs->scan->task), migration_gate_cb, job);
      return;
    }
  add_entry (job->rs, described, NULL);
  cert_job_done (job);
}

static void
describe_gate_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CertJob *job = user_data;

  ca_fleet_scan_limit_call_finish (CA_FLEET_SCAN (object), result, NULL);
  ca_acm_client_describe_certificate_async (job->rs->client, ca_acm_certificate_get_arn (job->certificate),
                                            g_task_get_cancellable (job->rs->scan->task), describe_cb, job);
}

/* Starts describes up to the region's concurrency. */
static void
pump_describes (RegionScan *rs)
{
  while (rs->in_flight < DESCRIBE_CONCURRENCY && !g_queue_is_empty (&rs->pending))
    {
      CertJob *job = g_new0 (CertJob, 1);

      job->rs = rs;
      job->certificate = g_queue_pop_head (&rs->pending);
      rs->in_flight++;
      ca_fleet_scan_limit_call (rs->scan, rs->region, "DescribeCertificate",
                                g_task_get_cancellable (rs->scan->task), describe_gate_cb, job);
    }
}

static void
cert_job_done (CertJob *job)
{
  RegionScan *rs = job->rs;

  g_clear_object (&job->certificate);
  g_free (job);
  rs->in_flight--;
  pump_describes (rs);
  region_maybe_done (rs);
}

/* Summaries say the type: imported and private ones need no describe. */
static gboolean
collect_summaries (RegionScan  *rs,
                   JsonObject  *answer,
                   GError     **error)
{
  JsonArray *list = ca_acm_json_array (answer, "CertificateSummaryList");

  if (list == NULL)
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE, _("ACM sent no list of certificates."));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      CaAcmCertificate *summary = JSON_NODE_HOLDS_OBJECT (node)
                                    ? ca_acm_certificate_new_from_summary (json_node_get_object (node), NULL) : NULL;

      if (summary == NULL)
        {
          g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                       _("ACM sent a list whose entry %u on page %u cannot be read."), i + 1, rs->pages);
          return FALSE;
        }
      rs->count++;
      if (g_strcmp0 (ca_acm_certificate_get_cert_type (summary), "AMAZON_ISSUED") == 0)
        g_queue_push_tail (&rs->pending, summary);
      else
        {
          add_entry (rs, summary, NULL);
          g_object_unref (summary);
        }
    }
  return TRUE;
}

/* Returns: (transfer none) (nullable): the next page's token, %NULL at the end */
static const char *
next_page_token (RegionScan  *rs,
                 JsonObject  *answer,
                 GError     **error)
{
  const char *token = ca_acm_json_string (answer, "NextToken");

  if (token == NULL || *token == '\0')
    return NULL;
  if (rs->page_tokens == NULL)
    rs->page_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_add (rs->page_tokens, g_strdup (token)))
    g_set_error_literal (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                         _("ACM sent the same page token twice, so its list would never end."));
  else if (rs->pages >= MAX_PAGES)
    g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                 _("ACM sent more than %u pages, so its list was not read to the end."), (guint) MAX_PAGES);
  return token;
}

/* Not enabled and denied are what the account is, not failures of the scan. */
static void
fail_listing (RegionScan   *rs,
              const char   *aws_type,
              const GError *error)
{
  gboolean unrecognized = g_strcmp0 (aws_type, "UnrecognizedClientException") == 0 ||
                          g_strcmp0 (aws_type, "UnrecognizedClient") == 0;

  if (unrecognized && ca_aws_region_is_opt_in (rs->region))
    rs->state = CA_FLEET_REGION_NOT_ENABLED;
  else if (g_strcmp0 (aws_type, "AccessDeniedException") == 0 || g_strcmp0 (aws_type, "AccessDenied") == 0)
    {
      rs->state = CA_FLEET_REGION_DENIED;
      rs->message = g_strdup (error->message);
    }
  else
    {
      if (unrecognized && rs->scan->fatal == NULL)
        rs->scan->fatal = g_error_copy (error);
      note_region_error (rs, error);
    }
  rs->listing = FALSE;
}

static void list_next_page (RegionScan *rs);

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RegionScan *rs = user_data;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *aws_type = NULL;
  const char *token;

  answer = ca_aws_client_call_finish (CA_AWS_CLIENT (object), result, &aws_type, &error);
  if (answer == NULL)
    fail_listing (rs, aws_type, error);
  else if (!collect_summaries (rs, answer, &error) ||
           ((token = next_page_token (rs, answer, &error)) != NULL && error != NULL))
    {
      note_region_error (rs, error);
      rs->listing = FALSE;
    }
  else if (token != NULL)
    {
      json_object_set_string_member (rs->list_input, "NextToken", token);
      pump_describes (rs);
      list_next_page (rs);
      return;
    }
  else
    rs->listing = FALSE;
  pump_describes (rs);
  region_maybe_done (rs);
}

static void
list_gate_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RegionScan *rs = user_data;

  ca_fleet_scan_limit_call_finish (CA_FLEET_SCAN (object), result, NULL);
  rs->pages++;
  ca_aws_client_call_async (ca_acm_client_get_aws (rs->client), "ListCertificates", rs->list_input,
                            CA_AWS_CALL_DEFAULT, g_task_get_cancellable (rs->scan->task), list_page_cb, rs);
}

static void
list_next_page (RegionScan *rs)
{
  ca_fleet_scan_limit_call (rs->scan, rs->region, "ListCertificates", g_task_get_cancellable (rs->scan->task),
                            list_gate_cb, rs);
}

static JsonObject *
new_list_input (void)
{
  JsonObject *input = json_object_new ();
  JsonObject *includes = json_object_new ();
  JsonArray *key_types = json_array_new ();

  /* Without every key type ListCertificates shows only RSA_2048. */
  for (guint i = 0; ca_acm_key_types[i] != NULL; i++)
    json_array_add_string_element (key_types, ca_acm_key_types[i]);
  json_object_set_array_member (includes, "keyTypes", key_types);
  json_object_set_object_member (input, "Includes", includes);
  json_object_set_int_member (input, "MaxItems", PAGE_SIZE);
  return input;
}

/**
 * ca_fleet_scan_run_async:
 *
 * Scans every region at once. A region that is not enabled, denies access
 * or fails is reported by its state; the run itself fails only when
 * cancelled or when a region that needs no opt-in refuses the credentials.
 */
void
ca_fleet_scan_run_async (CaFleetScan         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (CA_IS_FLEET_SCAN (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, ca_fleet_scan_run_async);
  g_ptr_array_set_size (self->entries, 0);
  self->running = g_strv_length (self->regions);
  for (guint i = 0; self->regions[i] != NULL; i++)
    {
      RegionScan *rs = g_hash_table_lookup (self->by_region, self->regions[i]);

      rs->state = CA_FLEET_REGION_RUNNING;
      rs->listing = TRUE;
      rs->count = 0;
      rs->pages = 0;
      g_clear_pointer (&rs->message, g_free);
      g_clear_pointer (&rs->page_tokens, g_hash_table_unref);
      g_clear_pointer (&rs->list_input, json_object_unref);
      rs->list_input = new_list_input ();
      list_next_page (rs);
    }
}

gboolean
ca_fleet_scan_run_finish (CaFleetScan   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Returns: (transfer none): the regions, in the order given */
const char * const *
ca_fleet_scan_get_regions (CaFleetScan *self)
{
  g_return_val_if_fail (CA_IS_FLEET_SCAN (self), NULL);
  return (const char * const *) self->regions;
}

static RegionScan *
lookup_region (CaFleetScan *self,
               const char  *region)
{
  g_return_val_if_fail (CA_IS_FLEET_SCAN (self), NULL);
  return g_hash_table_lookup (self->by_region, region);
}

CaFleetRegionState
ca_fleet_scan_get_region_state (CaFleetScan *self,
                                const char  *region)
{
  RegionScan *rs = lookup_region (self, region);

  return rs != NULL ? rs->state : CA_FLEET_REGION_ERROR;
}

/* Returns: (nullable): why the region was denied or failed */
const char *
ca_fleet_scan_get_region_message (CaFleetScan *self,
                                  const char  *region)
{
  RegionScan *rs = lookup_region (self, region);

  return rs != NULL ? rs->message : NULL;
}

/* Returns: every certificate listed there, of every kind */
guint
ca_fleet_scan_get_region_count (CaFleetScan *self,
                                const char  *region)
{
  RegionScan *rs = lookup_region (self, region);

  return rs != NULL ? rs->count : 0;
}

/* Whole unless a region failed: not enabled and denied regions hold nothing to miss. */
gboolean
ca_fleet_scan_is_complete (CaFleetScan *self)
{
  for (guint i = 0; self->regions[i] != NULL; i++)
    {
      CaFleetRegionState state = ca_fleet_scan_get_region_state (self, self->regions[i]);

      if (state == CA_FLEET_REGION_ERROR || state == CA_FLEET_REGION_RUNNING)
        return FALSE;
    }
  return TRUE;
}

/* Returns: (transfer none) (element-type CaFleetEntry): every certificate, soonest deadline first */
GPtrArray *
ca_fleet_scan_get_entries (CaFleetScan *self)
{
  g_return_val_if_fail (CA_IS_FLEET_SCAN (self), NULL);
  return self->entries;
}

/* Returns: (transfer none) (nullable): the client of @region, to act on what the scan found */
CaAcmClient *
ca_fleet_scan_get_client (CaFleetScan *self,
                          const char  *region)
{
  RegionScan *rs = lookup_region (self, region);

  return rs != NULL ? rs->client : NULL;
}
