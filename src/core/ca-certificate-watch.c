/* ca-certificate-watch.c: follow one certificate until it is issued, failed or timed out
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ACM has no notifications a desktop app can receive, so the watch asks again
 * and again, on the main loop, one request at a time. It asks often while
 * things move (a new request gets its records within seconds, acm-rules.md §6)
 * and less and less while they do not, as a user may take hours to publish a
 * record: each quiet poll waits 1.5 times longer, up to the maximum. Throttling
 * and network trouble double the wait instead, and do not end the watch: the
 * transport has already retried (aws-protocol.md §5), so this is the slower
 * loop around it. Errors that asking again cannot fix (no such certificate, no
 * permission) end it.
 *
 * A request in flight holds a reference on the watch, so its callback never
 * meets a freed object; the timeout between two polls holds none, so dropping
 * the last reference between polls ends the watch at once.
 */

#define G_LOG_DOMAIN "CaCertificateWatch"

#include "config.h"

#include "ca-acm-record.h"
#include "ca-certificate-watch.h"
#include "ca-enums.h"
#include "ca-error.h"

#define DEFAULT_FIRST_INTERVAL_MS (5 * 1000)
#define DEFAULT_MAX_INTERVAL_MS (60 * 1000)

struct _CaCertificateWatch
{
  GObject           parent_instance;

  CaAcmClient      *client;
  char             *arn;
  CaWatchKind       kind;
  CaWatchStage      stage;
  gboolean          active;
  CaAcmCertificate *certificate;
  GPtrArray        *validations;
  GPtrArray        *records;
  GDateTime        *deadline;
  GError           *error;

  GCancellable     *cancellable;
  GDateTime        *started_at;
  guint             timeout_id;
  guint             first_ms;
  guint             max_ms;
  guint             interval_ms;
  gboolean          in_flight;
  gboolean          poll_again;
  GPtrArray        *listed;          /* a migration's validations until DescribeCertificate answers */
  gboolean          saw_dns_request; /* a migration's DNS configuration has been seen */
  char             *outcome;         /* what the last poll found, to tell a change */
};

G_DEFINE_FINAL_TYPE (CaCertificateWatch, ca_certificate_watch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ARN,
  PROP_KIND,
  PROP_STAGE,
  PROP_CERTIFICATE,
  PROP_VALIDATIONS,
  PROP_RECORDS,
  PROP_DEADLINE,
  PROP_ERROR,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void send_poll (CaCertificateWatch *self);

/*
 * State
 */

static gboolean
is_final (CaWatchStage stage)
{
  return stage >= CA_WATCH_STAGE_ISSUED;
}

static void
set_active (CaCertificateWatch *self,
            gboolean            active)
{
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
set_stage (CaCertificateWatch *self,
           CaWatchStage        stage)
{
  if (self->stage == stage)
    return;
  self->stage = stage;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
  if (is_final (stage))
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      self->poll_again = FALSE;
      set_active (self, FALSE);
    }
}

static void
set_error (CaCertificateWatch *self,
           const GError       *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error != NULL ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_deadline (CaCertificateWatch *self,
              GDateTime          *deadline)
{
  if (self->deadline != NULL && deadline != NULL && g_date_time_equal (self->deadline, deadline))
    return;
  g_clear_pointer (&self->deadline, g_date_time_unref);
  self->deadline = deadline != NULL ? g_date_time_ref (deadline) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

static void
set_array (CaCertificateWatch *self,
           GPtrArray         **field,
           GPtrArray          *array,
           guint               prop_id)
{
  if (*field == array)
    return;
  g_clear_pointer (field, g_ptr_array_unref);
  *field = array != NULL ? g_ptr_array_ref (array) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static gboolean
deadline_passed (CaCertificateWatch *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return self->deadline != NULL && g_date_time_compare (now, self->deadline) >= 0;
}

/* A request must be validated within 72 hours of ACM creating it (acm-rules.md §3). */
static void
update_request_deadline (CaCertificateWatch *self,
                         CaAcmCertificate   *certificate)
{
  GDateTime *created_at = ca_acm_certificate_get_created_at (certificate);
  g_autoptr (GDateTime) deadline = NULL;

  deadline = g_date_time_add (created_at != NULL ? created_at : self->started_at, CA_ACM_VALIDATION_WINDOW);
  set_deadline (self, deadline);
}

/*
 * Stages
 */

/* After these ACM validates nothing any more. */
static gboolean
is_dead_status (const char *status)
{
  static const char * const dead[] = { "FAILED", "REVOKED", "EXPIRED", "INACTIVE", NULL };

  return status != NULL && g_strv_contains (dead, status);
}

static gboolean
any_validation_has (GPtrArray  *validations,
                    const char *(*get) (CaAcmDomainValidation *),
                    const char *value)
{
  for (guint i = 0; i < validations->len; i++)
    if (g_strcmp0 (get (g_ptr_array_index (validations, i)), value) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
every_name_validated_by_dns (GPtrArray *validations)
{
  for (guint i = 0; i < validations->len; i++)
    {
      CaAcmDomainValidation *validation = g_ptr_array_index (validations, i);

      if (g_strcmp0 (ca_acm_domain_validation_get_method (validation), "DNS") != 0 ||
          g_strcmp0 (ca_acm_domain_validation_get_status (validation), "SUCCESS") != 0)
        return FALSE;
    }
  return validations->len > 0;
}

/* Mail needs no records: an email request waits for its approvals right away. */
static CaWatchStage
request_stage (CaCertificateWatch *self,
               CaAcmCertificate   *certificate,
               GPtrArray          *records)
{
  const char *status = ca_acm_certificate_get_status (certificate);

  if (g_strcmp0 (status, "ISSUED") == 0)
    return CA_WATCH_STAGE_ISSUED;
  if (g_strcmp0 (status, "VALIDATION_TIMED_OUT") == 0)
    return CA_WATCH_STAGE_TIMED_OUT;
  if (is_dead_status (status))
    return CA_WATCH_STAGE_FAILED;
  if (deadline_passed (self))
    return CA_WATCH_STAGE_TIMED_OUT;
  if (records != NULL || g_strcmp0 (ca_acm_certificate_get_validation_method (certificate), "EMAIL") == 0)
    return CA_WATCH_STAGE_WAITING_FOR_VALIDATION;
  return CA_WATCH_STAGE_WAITING_FOR_RECORDS;
}

/* The certificate stays ISSUED (and its names EMAIL) while it moves; its names'
 * requested DNS configurations tell the progress (acm-rules.md §7). */
static CaWatchStage
migration_stage (CaCertificateWatch *self,
                 CaAcmCertificate   *certificate,
                 GPtrArray          *validations,
                 GPtrArray          *records)
{
  if (is_dead_status (ca_acm_certificate_get_status (certificate)) ||
      any_validation_has (validations, ca_acm_domain_validation_get_status, "FAILED"))
    return CA_WATCH_STAGE_FAILED;
  if (every_name_validated_by_dns (validations))
    return CA_WATCH_STAGE_ISSUED;
  /* An expired migration leaves no trace but the names' EMAIL configuration. */
  if (self->saw_dns_request && !any_validation_has (validations, ca_acm_domain_validation_get_method, "DNS"))
    return CA_WATCH_STAGE_TIMED_OUT;
  if (deadline_passed (self))
    return CA_WATCH_STAGE_TIMED_OUT;
  return records != NULL ? CA_WATCH_STAGE_WAITING_FOR_VALIDATION : CA_WATCH_STAGE_WAITING_FOR_RECORDS;
}

/* Everything a change is about: the stage, the status, each name's method,
 * status and record. */
static char *
outcome_key (CaWatchStage      stage,
             CaAcmCertificate *certificate,
             GPtrArray        *validations)
{
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%d|%s|%s", stage, ca_acm_certificate_get_status (certificate),
                          ca_acm_certificate_get_failure_reason (certificate));
  for (guint i = 0; i < validations->len; i++)
    {
      CaAcmDomainValidation *validation = g_ptr_array_index (validations, i);

      g_string_append_printf (key, "|%s %s %s %s %s", ca_acm_domain_validation_get_name (validation),
                              ca_acm_domain_validation_get_method (validation),
                              ca_acm_domain_validation_get_status (validation),
                              ca_acm_domain_validation_get_record_name (validation),
                              ca_acm_domain_validation_get_record_value (validation));
    }
  return g_string_free (key, FALSE);
}

/*
 * Polling
 */

static gboolean
poll_timeout_cb (gpointer user_data)
{
  CaCertificateWatch *self = user_data;

  self->timeout_id = 0;
  send_poll (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_next_poll (CaCertificateWatch *self)
{
  if (!self->active || self->in_flight || self->timeout_id != 0)
    return;
  if (self->poll_again)
    {
      self->poll_again = FALSE;
      send_poll (self);
      return;
    }
  self->timeout_id = g_timeout_add (self->interval_ms, poll_timeout_cb, self);
  g_source_set_name_by_id (self->timeout_id, "[certassist] certificate watch");
}

static void
apply_answer (CaCertificateWatch *self,
              CaAcmCertificate   *certificate,
              GPtrArray          *validations)
{
  g_autoptr (GPtrArray) records = ca_acm_records_from_validations (validations);
  g_autofree char *key = NULL;
  CaWatchStage stage;

  g_object_freeze_notify (G_OBJECT (self));
  set_error (self, NULL);
  if (self->kind == CA_WATCH_KIND_REQUEST)
    {
      update_request_deadline (self, certificate);
      stage = request_stage (self, certificate, records);
    }
  else
    {
      stage = migration_stage (self, certificate, validations, records);
      self->saw_dns_request |= any_validation_has (validations, ca_acm_domain_validation_get_method, "DNS");
    }
  key = outcome_key (stage, certificate, validations);
  if (g_strcmp0 (key, self->outcome) == 0)
    {
      self->interval_ms = MIN ((guint64) self->interval_ms * 3 / 2, self->max_ms);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  /* The objects change only with what they say, so bindings do not churn. */
  g_free (self->outcome);
  self->outcome = g_steal_pointer (&key);
  self->interval_ms = self->first_ms;
  if (g_set_object (&self->certificate, certificate))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CERTIFICATE]);
  set_array (self, &self->validations, validations, PROP_VALIDATIONS);
  set_array (self, &self->records, records, PROP_RECORDS);
  set_stage (self, stage);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Throttling, a network failure or a garbled answer pass; the rest does not. */
static gboolean
is_transient (const GError *error)
{
  return g_error_matches (error, CA_ERROR, CA_ERROR_THROTTLED) ||
         g_error_matches (error, CA_ERROR, CA_ERROR_NETWORK) ||
         g_error_matches (error, CA_ERROR, CA_ERROR_TIMEOUT) ||
         g_error_matches (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
}

static void
fail_poll (CaCertificateWatch *self,
           const GError       *error)
{
  if (is_transient (error))
    {
      g_debug ("Watching %s: %s; asking again later", self->arn, error->message);
      self->interval_ms = MIN ((guint64) self->interval_ms * 2, self->max_ms);
      set_error (self, error);
      return;
    }
  g_object_freeze_notify (G_OBJECT (self));
  set_error (self, error);
  set_stage (self, CA_WATCH_STAGE_STOPPED);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* FALSE when there is nothing to use: the watch was stopped or disposed, or
 * the request failed (which this takes care of). */
static gboolean
take_answer (CaCertificateWatch *self,
             const GError       *error)
{
  if (g_cancellable_is_cancelled (self->cancellable) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->in_flight = FALSE;
      return FALSE;
    }
  if (error == NULL)
    return TRUE;
  self->in_flight = FALSE;
  g_clear_pointer (&self->listed, g_ptr_array_unref);
  fail_poll (self, error);
  schedule_next_poll (self);
  return FALSE;
}

static void
finish_poll (CaCertificateWatch *self,
             CaAcmCertificate   *certificate,
             GPtrArray          *validations)
{
  self->in_flight = FALSE;
  apply_answer (self, certificate, validations);
  schedule_next_poll (self);
}

static void
request_describe_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (CaCertificateWatch) self = user_data;
  g_autoptr (CaAcmCertificate) certificate = NULL;
  g_autoptr (GError) error = NULL;

  certificate = ca_acm_client_describe_certificate_finish (CA_ACM_CLIENT (object), result, &error);
  if (!take_answer (self, error))
    return;
  finish_poll (self, certificate, ca_acm_certificate_get_validations (certificate));
}

static void
migration_describe_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (CaCertificateWatch) self = user_data;
  g_autoptr (CaAcmCertificate) certificate = NULL;
  g_autoptr (GPtrArray) validations = g_steal_pointer (&self->listed);
  g_autoptr (GError) error = NULL;

  certificate = ca_acm_client_describe_certificate_finish (CA_ACM_CLIENT (object), result, &error);
  if (!take_answer (self, error))
    return;
  finish_poll (self, certificate, validations);
}

/* The migration's progress first, then the certificate's status: one request at a time. */
static void
list_validations_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (CaCertificateWatch) self = user_data;
  g_autoptr (GPtrArray) validations = NULL;
  g_autoptr (GError) error = NULL;

  validations = ca_acm_client_list_domain_validations_finish (CA_ACM_CLIENT (object), result, &error);
  if (!take_answer (self, error))
    return;
  g_clear_pointer (&self->listed, g_ptr_array_unref);
  self->listed = g_steal_pointer (&validations);
  ca_acm_client_describe_certificate_async (self->client, self->arn, self->cancellable,
                                            migration_describe_cb, g_object_ref (self));
}

static void
send_poll (CaCertificateWatch *self)
{
  g_assert (!self->in_flight);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->in_flight = TRUE;
  if (self->kind == CA_WATCH_KIND_MIGRATION)
    ca_acm_client_list_domain_validations_async (self->client, self->arn, self->cancellable,
                                                 list_validations_cb, g_object_ref (self));
  else
    ca_acm_client_describe_certificate_async (self->client, self->arn, self->cancellable,
                                              request_describe_cb, g_object_ref (self));
}

/*
 * GObject
 */

static void
ca_certificate_watch_dispose (GObject *object)
{
  CaCertificateWatch *self = (CaCertificateWatch *) object;

  /* A request in flight comes back cancelled and touches nothing. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->client);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->validations, g_ptr_array_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->listed, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_certificate_watch_parent_class)->dispose (object);
}

static void
ca_certificate_watch_finalize (GObject *object)
{
  CaCertificateWatch *self = (CaCertificateWatch *) object;

  g_clear_pointer (&self->arn, g_free);
  g_clear_pointer (&self->deadline, g_date_time_unref);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->outcome, g_free);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ca_certificate_watch_parent_class)->finalize (object);
}

static void
ca_certificate_watch_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CaCertificateWatch *self = CA_CERTIFICATE_WATCH (object);

  switch (prop_id)
    {
    case PROP_ARN:
      g_value_set_string (value, self->arn);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_STAGE:
      g_value_set_enum (value, self->stage);
      break;
    case PROP_CERTIFICATE:
      g_value_set_object (value, self->certificate);
      break;
    case PROP_VALIDATIONS:
      g_value_set_boxed (value, self->validations);
      break;
    case PROP_RECORDS:
      g_value_set_boxed (value, self->records);
      break;
    case PROP_DEADLINE:
      g_value_set_boxed (value, self->deadline);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_certificate_watch_class_init (CaCertificateWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ca_certificate_watch_dispose;
  object_class->finalize = ca_certificate_watch_finalize;
  object_class->get_property = ca_certificate_watch_get_property;

  properties[PROP_ARN] = g_param_spec_string ("arn", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, CA_TYPE_WATCH_KIND, CA_WATCH_KIND_REQUEST, flags);
  properties[PROP_STAGE] = g_param_spec_enum ("stage", NULL, NULL, CA_TYPE_WATCH_STAGE, CA_WATCH_STAGE_STARTING, flags);
  properties[PROP_CERTIFICATE] = g_param_spec_object ("certificate", NULL, NULL, CA_TYPE_ACM_CERTIFICATE, flags);
  properties[PROP_VALIDATIONS] = g_param_spec_boxed ("validations", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_RECORDS] = g_param_spec_boxed ("records", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_DEADLINE] = g_param_spec_boxed ("deadline", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CaCertificateWatch::changed:
   *
   * A poll found something new: the stage, a name's status or the records.
   * Not emitted by ca_certificate_watch_stop(), whose caller knows.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ca_certificate_watch_init (CaCertificateWatch *self)
{
  self->cancellable = g_cancellable_new ();
  self->first_ms = DEFAULT_FIRST_INTERVAL_MS;
  self->max_ms = DEFAULT_MAX_INTERVAL_MS;
  self->interval_ms = DEFAULT_FIRST_INTERVAL_MS;
}

/*
 * Public API
 */

/**
 * ca_certificate_watch_new:
 * @client: the ACM client of the certificate's account and region
 * @arn: the certificate to follow
 * @kind: %CA_WATCH_KIND_REQUEST for a new request, %CA_WATCH_KIND_MIGRATION
 *   after ca_acm_client_migrate_to_dns_async()
 *
 * Nothing happens before ca_certificate_watch_start().
 */
CaCertificateWatch *
ca_certificate_watch_new (CaAcmClient *client,
                          const char  *arn,
                          CaWatchKind  kind)
{
  CaCertificateWatch *self;

  g_return_val_if_fail (CA_IS_ACM_CLIENT (client), NULL);
  g_return_val_if_fail (arn != NULL, NULL);
  g_return_val_if_fail (kind == CA_WATCH_KIND_REQUEST || kind == CA_WATCH_KIND_MIGRATION, NULL);

  self = g_object_new (CA_TYPE_CERTIFICATE_WATCH, NULL);
  self->client = g_object_ref (client);
  self->arn = g_strdup (arn);
  self->kind = kind;
  return self;
}

const char *
ca_certificate_watch_get_arn (CaCertificateWatch *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_WATCH (self), NULL);
  return self->arn;
}

CaWatchKind
ca_certificate_watch_get_kind (CaCertificateWatch *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_WATCH (self), CA_WATCH_KIND_REQUEST);
  return self->kind;
}

CaWatchStage
ca_certificate_watch_get_stage (CaCertificateWatch *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_WATCH (self), CA_WATCH_STAGE_STOPPED);
  return self->stage;
}

/* Whether it polls: from ca_certificate_watch_start() to a final stage. */
gboolean
ca_certificate_watch_is_active (CaCertificateWatch *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_WATCH (self), FALSE);
  return self->active;
}

/* Returns: (transfer none) (nullable): the last DescribeCertificate answer that changed something */
CaAcmCertificate *
ca_certificate_watch_get_certificate (CaCertificateWatch *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_WATCH (self), NULL);
  return self->certificate;
}

/**
 * ca_certificate_watch_get_validations:
 *
 * Each name's validation: the certificate's for a request, the requested
 * (DNS) configuration from ListCertificateDomainValidations for a migration.
 *
 * Returns: (element-type CaAcmDomainValidation) (transfer none) (nullable)
 */
GPtrArray *
ca_certificate_watch_get_validations (CaCertificateWatch *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_WATCH (self), NULL);
  return self->validations;
}

/* Returns: (element-type CaAcmRecord) (transfer none) (nullable): see
 * ca_acm_records_from_validations(); %NULL while ACM has not published them */
GPtrArray *
ca_certificate_watch_get_records (CaCertificateWatch *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_WATCH (self), NULL);
  return self->records;
}

/**
 * ca_certificate_watch_get_deadline:
 *
 * When the 72 hours end: after the request's CreatedAt for a request; after
 * ca_certificate_watch_start() for a migration, as ACM does not say when the
 * migration started (so the real end may come a little earlier).
 *
 * Returns: (transfer none) (nullable): the deadline, %NULL before it is known
 */
GDateTime *
ca_certificate_watch_get_deadline (CaCertificateWatch *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_WATCH (self), NULL);
  return self->deadline;
}

/* Returns: (nullable): the last transient error while it keeps asking, or the
 * error that stopped it */
const GError *
ca_certificate_watch_get_error (CaCertificateWatch *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_WATCH (self), NULL);
  return self->error;
}

/* Returns: the wait before the next poll, in milliseconds */
guint
ca_certificate_watch_get_interval (CaCertificateWatch *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_WATCH (self), 0);
  return self->interval_ms;
}

/**
 * ca_certificate_watch_set_interval:
 * @first_ms: the wait after a start or a change (default 5 s)
 * @max_ms: the longest wait while nothing changes (default 60 s)
 */
void
ca_certificate_watch_set_interval (CaCertificateWatch *self,
                                   guint               first_ms,
                                   guint               max_ms)
{
  g_return_if_fail (CA_IS_CERTIFICATE_WATCH (self));
  g_return_if_fail (first_ms > 0);

  self->first_ms = first_ms;
  self->max_ms = MAX (max_ms, first_ms);
  if (self->active)
    self->interval_ms = CLAMP (self->interval_ms, self->first_ms, self->max_ms);
  else
    self->interval_ms = self->first_ms;
}

/* Polls at once, then again and again until a final stage. */
void
ca_certificate_watch_start (CaCertificateWatch *self)
{
  g_return_if_fail (CA_IS_CERTIFICATE_WATCH (self));

  if (self->active || self->stage != CA_WATCH_STAGE_STARTING)
    return;
  self->started_at = g_date_time_new_now_utc ();
  g_object_freeze_notify (G_OBJECT (self));
  set_active (self, TRUE);
  if (self->kind == CA_WATCH_KIND_MIGRATION)
    {
      g_autoptr (GDateTime) deadline = g_date_time_add (self->started_at, CA_ACM_VALIDATION_WINDOW);

      set_deadline (self, deadline);
    }
  g_object_thaw_notify (G_OBJECT (self));
  send_poll (self);
}

/**
 * ca_certificate_watch_poll_now:
 *
 * Asks at once (the user says the records are published), instead of at the
 * end of the current wait. While a request is in flight, the next one follows
 * it at once.
 */
void
ca_certificate_watch_poll_now (CaCertificateWatch *self)
{
  g_return_if_fail (CA_IS_CERTIFICATE_WATCH (self));

  if (!self->active)
    return;
  if (self->in_flight)
    {
      self->poll_again = TRUE;
      return;
    }
  send_poll (self);
}

/* Cancels the request in flight and ends in %CA_WATCH_STAGE_STOPPED. */
void
ca_certificate_watch_stop (CaCertificateWatch *self)
{
  g_return_if_fail (CA_IS_CERTIFICATE_WATCH (self));

  if (is_final (self->stage))
    return;
  g_cancellable_cancel (self->cancellable);
  set_stage (self, CA_WATCH_STAGE_STOPPED);
}
