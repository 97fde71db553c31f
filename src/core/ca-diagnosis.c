/* ca-diagnosis.c: every check for a set of names, run at once
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaDiagnosis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-certificate-check.h"
#include "ca-diagnosis.h"
#include "ca-domain.h"
#include "ca-error.h"
#include "ca-resolver-check.h"
#include "ca-views-check.h"

/**
 * CaDiagnosis:
 *
 * Holds one #CaNameReport per name and a list of #CaCheck objects: each
 * name's MX check and CAA climb, its validation record when ACM gave one,
 * and the checks about the whole request (registration data, ACM's view of
 * the certificate, and whatever a front end adds). Running it starts every
 * check at once and reports each as it lands ("check-done"); when all have
 * ended it gathers their findings, most severe first. The orchestrator knows
 * nothing of what a check does: adding one is ca_diagnosis_add_check().
 *
 * One exception to "at once": the checks whose verdicts come from the
 * resolver (ca_check_uses_resolver()) wait for the resolver check, which the
 * diagnosis owns and runs whenever one of them is selected. When the resolver
 * denies names that must exist, they are not run but marked untrusted, so
 * that no verdict about a domain rests on a resolver that lies about the root.
 *
 * A diagnosis may ask two views of DNS (acm-rules.md §11): the local one (the
 * system's resolvers, or the servers given) and the public one (full
 * recursion from the root servers, as the CA resolves). Each has its resolver
 * check; once both have landed, the public view decides the verdicts when it
 * answered, else the local one; the checks find the deciding resolver with
 * ca_diagnosis_get_resolver(). Per name, a delegation check and a comparison
 * of the views run beside the others; like the resolver checks, they are no
 * word of `--checks` and run whenever a check that asks DNS does.
 */
struct _CaDiagnosis
{
  GObject             parent_instance;

  CaDnsResolver      *resolvers[2];       /* the local and the public view; either may be %NULL */
  CaResolverCheck    *resolver_checks[2];
  CaDnsView           deciding;           /* the view whose answers count; AUTO: none (yet) */
  GPtrArray          *companions;         /* checks that no `--checks` word names */
  GListStore         *names;
  GListStore         *checks;
  GListStore         *findings;
  GStrv               selected;
  CaCertificateCheck *certificate;
  gboolean            running;
};

G_DEFINE_FINAL_TYPE (CaDiagnosis, ca_diagnosis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RESOLVER,
  PROP_PUBLIC_RESOLVER,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHECK_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  guint         pending;
  guint         resolvers_pending;
  gboolean      resolvers_cancelled;
  guint         warm_ups_pending; /* of pending, the warm-ups */
  GCancellable *warm_ups[2]; /* each view's warm-up, cancelled when the view did not answer */
  GCancellable *cancellable; /* the run's, which cancels the warm-ups as well */
  gulong        cancelled_id;
} RunData;

static void
run_data_free (RunData *data)
{
  g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->warm_ups[0]);
  g_clear_object (&data->warm_ups[1]);
  g_free (data);
}

#define LOCAL  0
#define PUBLIC 1

static guint
view_index (CaDnsView view)
{
  return view == CA_DNS_VIEW_PUBLIC ? PUBLIC : LOCAL;
}

/*
 * Auxiliary methods
 */

static void
set_running (CaDiagnosis *self,
             gboolean     running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return ca_finding_compare ((CaFinding *) a, (CaFinding *) b);
}

static CaCheck *
get_check (CaDiagnosis *self,
           guint        position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->checks), position);
}

/* The resolver checks, the delegation and the comparison of the views are no
 * word of `--checks` (contract.md fixes the list): they run whenever a check
 * that asks the resolver does. */
static gboolean
is_selectable (CaDiagnosis *self,
               CaCheck     *check)
{
  return !g_ptr_array_find (self->companions, check, NULL);
}

static gboolean
needs_resolver_check (CaDiagnosis *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->checks)); i++)
    {
      g_autoptr (CaCheck) check = get_check (self, i);

      if (is_selectable (self, check) && ca_check_uses_resolver (check) && ca_diagnosis_is_selected (self, check))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_resolver_check (CaDiagnosis *self,
                   CaCheck     *check)
{
  return check == CA_CHECK (self->resolver_checks[LOCAL]) || check == CA_CHECK (self->resolver_checks[PUBLIC]);
}

static void
add_companion (CaDiagnosis *self,
               CaCheck     *check)
{
  g_ptr_array_add (self->companions, g_object_ref (check));
  ca_diagnosis_add_check (self, check);
}

/* The resolver check that speaks for the diagnosis: the local view's, if asked. */
static CaResolverCheck *
get_main_resolver_check (CaDiagnosis *self)
{
  return self->resolver_checks[LOCAL] != NULL ? self->resolver_checks[LOCAL] : self->resolver_checks[PUBLIC];
}

/* "A name and its wildcard need the same record" (acm-rules.md §11): said
 * about the wildcard, when ACM gave both the same record. */
static void
add_shared_record_findings (CaDiagnosis *self,
                            GPtrArray   *findings)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->names)); i++)
    {
      g_autoptr (CaNameReport) wildcard = g_list_model_get_item (G_LIST_MODEL (self->names), i);
      const char *name = ca_name_report_get_name (wildcard);
      CaValidationRecord *record = ca_name_report_get_validation_record (wildcard);
      CaNameReport *base;
      CaValidationRecord *base_record;

      if (record == NULL || !g_str_has_prefix (name, "*."))
        continue;
      base = ca_diagnosis_find_name (self, name + 2);
      base_record = base != NULL ? ca_name_report_get_validation_record (base) : NULL;
      if (base_record == NULL ||
          !ca_dns_name_equal (ca_validation_record_get_record_name (record), ca_validation_record_get_record_name (base_record)))
        continue;
      g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_DNS_VALIDATION_RECORD_SHARED, name,
                                                        _("%s and %s need the same validation record, %s: publish it once, and it validates both."),
                                                        name, name + 2, ca_validation_record_get_record_name (record)));
    }
}

static gboolean
has_check_id (CaDiagnosis *self,
              const char  *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->checks)); i++)
    {
      g_autoptr (CaCheck) check = get_check (self, i);

      if (is_selectable (self, check) && g_strcmp0 (ca_check_get_id (check), id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The ids of the checks, each once, for an error message: "mail, caa, …". */
static char *
join_check_ids (CaDiagnosis *self)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->checks)); i++)
    {
      g_autoptr (CaCheck) check = get_check (self, i);
      const char *id = ca_check_get_id (check);

      if (is_selectable (self, check) && !g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, (gpointer) id);
    }
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (", ", (char **) ids->pdata);
}

static void
collect_findings (CaDiagnosis *self)
{
  g_autoptr (GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->names)); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (G_LIST_MODEL (self->names), i);

      ca_name_report_add_findings (report, findings);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->checks)); i++)
    {
      g_autoptr (CaCheck) check = get_check (self, i);

      if (ca_diagnosis_is_selected (self, check))
        ca_check_add_findings (check, findings);
    }
  if (self->selected == NULL || g_strv_contains ((const char * const *) self->selected, "certificate"))
    add_shared_record_findings (self, findings);

  g_list_store_remove_all (self->findings);
  for (guint i = 0; i < findings->len; i++)
    g_list_store_insert_sorted (self->findings, g_ptr_array_index (findings, i), compare_findings, NULL);
}

static void
cancel_warm_ups (RunData *data)
{
  for (guint i = LOCAL; i <= PUBLIC; i++)
    if (data->warm_ups[i] != NULL)
      g_cancellable_cancel (data->warm_ups[i]);
}

static void
finish_if_done (GTask *task)
{
  CaDiagnosis *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    {
      /* Every check has landed: what a warm-up still asks, no check asked
       * (each asks again what it needs), so the run does not wait for it. */
      if (data->pending == data->warm_ups_pending)
        cancel_warm_ups (data);
      return;
    }

  set_running (self, FALSE);
  if (g_task_return_error_if_cancelled (task))
    return;

  collect_findings (self);
  g_task_return_boolean (task, TRUE);
}

/* A name's own checks join the list; the certificate tells where its record is. */
static void
add_name_checks (CaDiagnosis  *self,
                 CaNameReport *report)
{
  const char *name = ca_name_report_get_name (report);
  CaAcmDomainValidation *validation = NULL;

  ca_diagnosis_add_check (self, CA_CHECK (ca_name_report_get_mail (report)));
  ca_diagnosis_add_check (self, CA_CHECK (ca_name_report_get_caa (report)));
  add_companion (self, CA_CHECK (ca_name_report_get_delegation (report)));
  add_companion (self, CA_CHECK (ca_name_report_get_views (report)));
  if (self->certificate != NULL && ca_certificate_check_get_certificate (self->certificate) != NULL)
    validation = ca_acm_certificate_find_validation (ca_certificate_check_get_certificate (self->certificate), name);
  if (validation != NULL && ca_acm_domain_validation_get_record_name (validation) != NULL)
    ca_diagnosis_set_validation_record (self, name, ca_acm_domain_validation_get_record_name (validation),
                                        ca_acm_domain_validation_get_record_value (validation));
}

static void
start_check (GTask               *task,
             CaCheck             *check,
             GAsyncReadyCallback  callback)
{
  RunData *data = g_task_get_task_data (task);

  data->pending++;
  ca_check_run_async (check, g_task_get_source_object (task), g_task_get_cancellable (task),
                      callback, g_object_ref (task));
}

/*
 * Callbacks
 */

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaCheck *check = CA_CHECK (object);

  /* A check's failures are its state and findings; only cancelling is an error. */
  if (ca_check_run_finish (check, result, NULL))
    g_signal_emit (g_task_get_source_object (task), signals[CHECK_DONE], 0, check);
  finish_if_done (task);
}

/* A view answered when its resolver check found it knows the root and the TLDs. */
static gboolean
view_answered (CaDiagnosis *self,
               guint        index)
{
  return self->resolver_checks[index] != NULL && ca_resolver_check_get_reliable (self->resolver_checks[index]);
}

/* In a lab (root hints given), a TLD that the lab's root delegates is public. */
static void
mark_lab_names_public (CaDiagnosis *self)
{
  CaResolverCheck *check = self->resolver_checks[PUBLIC];

  if (check == NULL || ca_dns_resolver_get_root_hints (self->resolvers[PUBLIC]) == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->names)); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (G_LIST_MODEL (self->names), i);
      const char *name = ca_name_report_get_name (report);
      const char *tld = strrchr (name, '.') != NULL ? strrchr (name, '.') + 1 : name;

      if (!ca_name_report_get_is_public (report) && ca_resolver_check_knows_tld (check, tld))
        ca_name_report_set_is_public (report, TRUE);
    }
}

/* The public view decides when it answered (acm-rules.md §11), else the local one. */
static void
decide_view (CaDiagnosis *self)
{
  if (view_answered (self, PUBLIC))
    self->deciding = CA_DNS_VIEW_PUBLIC;
  else if (view_answered (self, LOCAL))
    self->deciding = CA_DNS_VIEW_LOCAL;
  else
    self->deciding = CA_DNS_VIEW_AUTO;
  mark_lab_names_public (self);
}

static void
warm_up_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);

  ca_views_check_warm_up_finish (CA_VIEWS_CHECK (object), result, NULL);
  data->warm_ups_pending--;
  finish_if_done (task);
}

static void
cancel_warm_ups_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  cancel_warm_ups (user_data);
}

/* While the resolver checks run, each view is already asked what the checks
 * will ask it (ca_views_check_warm_up_async()): the answers are on their way
 * when the checks start, rather than asked only then. The answers are
 * forgotten; the checks still ask only a view that answered. Once every check
 * has landed, what the warm-ups still ask is of no use and is cancelled. */
static void
start_warm_ups (GTask *task)
{
  CaDiagnosis *self = g_task_get_source_object (task);
  RunData     *data = g_task_get_task_data (task);
  GListModel  *names = G_LIST_MODEL (self->names);

  for (guint i = LOCAL; i <= PUBLIC; i++)
    {
      if (self->resolvers[i] == NULL || self->resolver_checks[i] == NULL ||
          !ca_diagnosis_is_selected (self, CA_CHECK (self->resolver_checks[i])))
        continue;
      data->warm_ups[i] = g_cancellable_new ();
      for (guint n = 0; n < g_list_model_get_n_items (names); n++)
        {
          g_autoptr (CaNameReport) report = g_list_model_get_item (names, n);

          data->pending++;
          data->warm_ups_pending++;
          ca_views_check_warm_up_async (ca_name_report_get_views (report), self, self->resolvers[i],
                                        data->warm_ups[i], warm_up_done_cb, g_object_ref (task));
        }
    }
  if (g_task_get_cancellable (task) != NULL)
    {
      data->cancellable = g_object_ref (g_task_get_cancellable (task));
      data->cancelled_id = g_cancellable_connect (data->cancellable, G_CALLBACK (cancel_warm_ups_cb), data, NULL);
    }
}

/* A view that did not answer is asked nothing more. */
static void
stop_warm_ups (GTask *task)
{
  CaDiagnosis *self = g_task_get_source_object (task);
  RunData     *data = g_task_get_task_data (task);

  for (guint i = LOCAL; i <= PUBLIC; i++)
    if (data->warm_ups[i] != NULL && !view_answered (self, i))
      g_cancellable_cancel (data->warm_ups[i]);
}

/* Only a resolver that knows the root and the TLDs is asked about the domains. */
static void
start_resolver_checks (GTask *task)
{
  CaDiagnosis *self = g_task_get_source_object (task);
  const char *untrusted = NULL;

  decide_view (self);
  stop_warm_ups (task);
  if (self->deciding == CA_DNS_VIEW_AUTO)
    untrusted = ca_resolver_check_get_untrusted_reason (get_main_resolver_check (self));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->checks)); i++)
    {
      g_autoptr (CaCheck) check = get_check (self, i);

      if (!ca_check_uses_resolver (check) || !ca_diagnosis_is_selected (self, check))
        continue;
      /* The delegation and the comparison have nothing to say then: one
       * "not checked" per name is enough. */
      if (untrusted != NULL && !is_selectable (self, check))
        continue;
      if (untrusted != NULL)
        ca_check_set_untrusted (check, untrusted);
      else
        start_check (task, check, check_done_cb);
    }
}

/* The DNS checks start once every view's resolver check has landed. */
static void
resolver_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);

  if (ca_check_run_finish (CA_CHECK (object), result, NULL))
    g_signal_emit (g_task_get_source_object (task), signals[CHECK_DONE], 0, object);
  else
    data->resolvers_cancelled = TRUE;
  if (--data->resolvers_pending == 0 && !data->resolvers_cancelled)
    start_resolver_checks (task);
  finish_if_done (task);
}

/*
 * Overrides
 */

static void
ca_diagnosis_finalize (GObject *object)
{
  CaDiagnosis *self = (CaDiagnosis *) object;

  for (guint i = LOCAL; i <= PUBLIC; i++)
    {
      g_clear_object (&self->resolvers[i]);
      g_clear_object (&self->resolver_checks[i]);
    }
  g_clear_pointer (&self->companions, g_ptr_array_unref);
  g_clear_object (&self->names);
  g_clear_object (&self->checks);
  g_clear_object (&self->findings);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->selected, g_strfreev);

  G_OBJECT_CLASS (ca_diagnosis_parent_class)->finalize (object);
}

static void
ca_diagnosis_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CaDiagnosis *self = CA_DIAGNOSIS (object);

  switch (prop_id)
    {
    case PROP_RESOLVER:
      g_value_set_object (value, self->resolvers[LOCAL]);
      break;
    case PROP_PUBLIC_RESOLVER:
      g_value_set_object (value, self->resolvers[PUBLIC]);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_diagnosis_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CaDiagnosis *self = CA_DIAGNOSIS (object);

  switch (prop_id)
    {
    case PROP_RESOLVER:
      self->resolvers[LOCAL] = g_value_dup_object (value);
      break;
    case PROP_PUBLIC_RESOLVER:
      self->resolvers[PUBLIC] = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* First among the checks, as their verdicts come before any other. */
static void
ca_diagnosis_constructed (GObject *object)
{
  CaDiagnosis *self = (CaDiagnosis *) object;

  G_OBJECT_CLASS (ca_diagnosis_parent_class)->constructed (object);

  g_assert (self->resolvers[LOCAL] != NULL || self->resolvers[PUBLIC] != NULL);
  for (guint i = LOCAL; i <= PUBLIC; i++)
    if (self->resolvers[i] != NULL)
      {
        self->resolver_checks[i] = ca_resolver_check_new (i == PUBLIC ? CA_DNS_VIEW_PUBLIC : CA_DNS_VIEW_LOCAL,
                                                          self->resolvers[i]);
        add_companion (self, CA_CHECK (self->resolver_checks[i]));
      }
}

static void
ca_diagnosis_class_init (CaDiagnosisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ca_diagnosis_constructed;
  object_class->finalize = ca_diagnosis_finalize;
  object_class->get_property = ca_diagnosis_get_property;
  object_class->set_property = ca_diagnosis_set_property;

  /* The local view's resolver. */
  properties[PROP_RESOLVER] = g_param_spec_object ("resolver", NULL, NULL, CA_TYPE_DNS_RESOLVER,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The public view's: full recursion from the root servers. */
  properties[PROP_PUBLIC_RESOLVER] = g_param_spec_object ("public-resolver", NULL, NULL, CA_TYPE_DNS_RESOLVER,
                                                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CaDiagnosis::check-done:
   * @check: the check whose answers are in
   *
   * Emitted as each check of a run lands, before the findings are gathered.
   */
  signals[CHECK_DONE] = g_signal_new ("check-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, CA_TYPE_CHECK);
}

static void
ca_diagnosis_init (CaDiagnosis *self)
{
  self->names = g_list_store_new (CA_TYPE_NAME_REPORT);
  self->checks = g_list_store_new (CA_TYPE_CHECK);
  self->findings = g_list_store_new (CA_TYPE_FINDING);
  self->companions = g_ptr_array_new_with_free_func (g_object_unref);
}

/*
 * Public API
 */

/* Returns: (transfer full): a diagnosis that asks only @resolver (the local view) */
CaDiagnosis *
ca_diagnosis_new (CaDnsResolver *resolver)
{
  g_return_val_if_fail (CA_IS_DNS_RESOLVER (resolver), NULL);

  return g_object_new (CA_TYPE_DIAGNOSIS, "resolver", resolver, NULL);
}

/**
 * ca_diagnosis_new_with_views:
 * @local: (nullable): the resolver in use (the system's, or the servers given)
 * @public_resolver: (nullable): a resolver from ca_dns_resolver_new_public()
 *
 * A diagnosis that asks one view of DNS, or both and compares them. At least
 * one resolver must be given.
 *
 * Returns: (transfer full): the diagnosis
 */
CaDiagnosis *
ca_diagnosis_new_with_views (CaDnsResolver *local,
                             CaDnsResolver *public_resolver)
{
  g_return_val_if_fail (local == NULL || CA_IS_DNS_RESOLVER (local), NULL);
  g_return_val_if_fail (public_resolver == NULL || CA_IS_DNS_RESOLVER (public_resolver), NULL);
  g_return_val_if_fail (local != NULL || public_resolver != NULL, NULL);

  return g_object_new (CA_TYPE_DIAGNOSIS, "resolver", local, "public-resolver", public_resolver, NULL);
}

/**
 * ca_diagnosis_get_resolver:
 *
 * Returns: (transfer none): the resolver whose answers decide the verdicts:
 *   once the resolver checks have landed, the public view's when it answered,
 *   else the local view's; before, the public view's when there is one
 */
CaDnsResolver *
ca_diagnosis_get_resolver (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);

  if (self->deciding != CA_DNS_VIEW_AUTO)
    return self->resolvers[view_index (self->deciding)];
  return self->resolvers[PUBLIC] != NULL ? self->resolvers[PUBLIC] : self->resolvers[LOCAL];
}

/* Returns: (transfer none) (nullable): the resolver of @view (local or public), if asked */
CaDnsResolver *
ca_diagnosis_get_view_resolver (CaDiagnosis *self,
                                CaDnsView    view)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  g_return_val_if_fail (view == CA_DNS_VIEW_LOCAL || view == CA_DNS_VIEW_PUBLIC, NULL);
  return self->resolvers[view_index (view)];
}

/* Returns: (transfer none) (nullable): the resolver check of @view (local or public), if asked */
CaResolverCheck *
ca_diagnosis_get_view_check (CaDiagnosis *self,
                             CaDnsView    view)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  g_return_val_if_fail (view == CA_DNS_VIEW_LOCAL || view == CA_DNS_VIEW_PUBLIC, NULL);
  return self->resolver_checks[view_index (view)];
}

/**
 * ca_diagnosis_get_view_answered:
 * @view: %CA_DNS_VIEW_LOCAL or %CA_DNS_VIEW_PUBLIC
 *
 * Returns: whether @view was asked and passed its resolver check: only then
 *   are its answers evidence
 */
gboolean
ca_diagnosis_get_view_answered (CaDiagnosis *self,
                                CaDnsView    view)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), FALSE);
  g_return_val_if_fail (view == CA_DNS_VIEW_LOCAL || view == CA_DNS_VIEW_PUBLIC, FALSE);
  return view_answered (self, view_index (view));
}

/**
 * ca_diagnosis_get_deciding_view:
 *
 * Returns: the view the verdicts came from (%CA_DNS_VIEW_PUBLIC or
 *   %CA_DNS_VIEW_LOCAL), or %CA_DNS_VIEW_AUTO before the resolver checks have
 *   landed and when no view answered
 */
CaDnsView
ca_diagnosis_get_deciding_view (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), CA_DNS_VIEW_AUTO);
  return self->deciding;
}

/**
 * ca_diagnosis_add_check:
 * @check: a check to run with the others
 *
 * A check with a name (ca_check_get_name()) writes its JSON into that name's
 * object, the others into the diagnose object. Call before ca_diagnosis_run_async().
 */
void
ca_diagnosis_add_check (CaDiagnosis *self,
                        CaCheck     *check)
{
  g_return_if_fail (CA_IS_DIAGNOSIS (self));
  g_return_if_fail (CA_IS_CHECK (check));
  g_return_if_fail (!self->running);

  g_list_store_append (self->checks, check);
}

/**
 * ca_diagnosis_add_certificate:
 * @certificate: (nullable): the certificate whose names are diagnosed, or
 *   %NULL when there is none (its check then stands for `--checks certificate`)
 * @migration: (nullable) (element-type CaAcmDomainValidation): its migration
 *   state, from ListCertificateDomainValidations
 *
 * Takes ACM's view into the diagnosis: names added afterwards are looked up
 * at the validation domain ACM used, their DNS records are checked, and the
 * certificate's state adds its findings. Call before adding the names.
 */
void
ca_diagnosis_add_certificate (CaDiagnosis      *self,
                              CaAcmCertificate *certificate,
                              GPtrArray        *migration)
{
  g_return_if_fail (CA_IS_DIAGNOSIS (self));
  g_return_if_fail (certificate == NULL || CA_IS_ACM_CERTIFICATE (certificate));
  g_return_if_fail (self->certificate == NULL);

  self->certificate = ca_certificate_check_new (certificate, migration);
  ca_diagnosis_add_check (self, CA_CHECK (self->certificate));
}

/**
 * ca_diagnosis_add_name:
 * @name: a name as the user typed it
 * @validation_domain: (nullable): the ValidationDomain for it; %NULL means
 *   the one ACM used, when a certificate was added, else the name itself
 *
 * Returns: (transfer none): the report for the name, or %NULL with
 *   %CA_ERROR_INVALID_DOMAIN or %CA_ERROR_INVALID_VALIDATION_DOMAIN
 */
CaNameReport *
ca_diagnosis_add_name (CaDiagnosis *self,
                       const char  *name,
                       const char  *validation_domain,
                       GError     **error)
{
  g_autoptr (CaNameReport) report = NULL;
  CaNameReport *existing;

  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (validation_domain == NULL && self->certificate != NULL)
    validation_domain = ca_certificate_check_get_validation_domain (self->certificate, name);
  report = ca_name_report_new (name, validation_domain, error);
  if (report == NULL)
    return NULL;

  /* A name given twice is diagnosed once. */
  existing = ca_diagnosis_find_name (self, ca_name_report_get_name (report));
  if (existing != NULL)
    return existing;

  g_list_store_append (self->names, report);
  add_name_checks (self, report);
  return report;
}

/**
 * ca_diagnosis_find_name:
 *
 * Returns: (transfer none) (nullable): the report for @name
 */
CaNameReport *
ca_diagnosis_find_name (CaDiagnosis *self,
                        const char  *name)
{
  guint n;

  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->names));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (G_LIST_MODEL (self->names), i);

      if (ca_dns_name_equal (ca_name_report_get_name (report), name))
        return report;
    }
  return NULL;
}

/**
 * ca_diagnosis_set_validation_record:
 * @name: a name already added
 * @record_name: the CNAME's name from ACM's ResourceRecord
 * @value: the CNAME's value
 *
 * Call before ca_diagnosis_run_async().
 *
 * Returns: %FALSE when @name is not part of the diagnosis
 */
gboolean
ca_diagnosis_set_validation_record (CaDiagnosis *self,
                                    const char  *name,
                                    const char  *record_name,
                                    const char  *value)
{
  CaNameReport *report;

  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), FALSE);

  report = ca_diagnosis_find_name (self, name);
  if (report == NULL)
    return FALSE;
  if (ca_name_report_get_validation_record (report) != NULL)
    {
      guint position;

      g_list_store_find (self->checks, ca_name_report_get_validation_record (report), &position);
      g_list_store_remove (self->checks, position);
    }
  ca_name_report_set_validation_record (report, record_name, value);
  ca_diagnosis_add_check (self, CA_CHECK (ca_name_report_get_validation_record (report)));
  return TRUE;
}

/**
 * ca_diagnosis_select_checks:
 * @list: comma-separated check ids, such as `mail,caa`
 *
 * Runs only these checks; the others stay out of the findings and the JSON.
 * Call after adding the names and checks.
 *
 * Returns: %FALSE with %CA_ERROR_INVALID_INPUT when a word names no check
 */
gboolean
ca_diagnosis_select_checks (CaDiagnosis  *self,
                            const char   *list,
                            GError      **error)
{
  g_auto (GStrv) words = NULL;
  g_autofree char *known = NULL;
  guint n = 0;

  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), FALSE);
  g_return_val_if_fail (list != NULL, FALSE);

  words = g_strsplit (list, ",", -1);
  known = join_check_ids (self);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_strstrip (words[i]);
      if (words[i][0] == '\0')
        continue;
      if (!has_check_id (self, words[i]))
        {
          g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                       _("Unknown check “%s”: choose from %s."), words[i], known);
          return FALSE;
        }
      n++;
    }
  if (n == 0)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT, _("Name at least one check: %s."), known);
      return FALSE;
    }

  g_strfreev (self->selected);
  self->selected = g_steal_pointer (&words);
  return TRUE;
}

/* Returns: whether @check runs (every check does unless ca_diagnosis_select_checks()
 * said otherwise; the resolver check whenever a check that asks the resolver runs) */
gboolean
ca_diagnosis_is_selected (CaDiagnosis *self,
                          CaCheck     *check)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), FALSE);
  g_return_val_if_fail (CA_IS_CHECK (check), FALSE);

  if (!is_selectable (self, check))
    return needs_resolver_check (self);
  return self->selected == NULL || g_strv_contains ((const char * const *) self->selected, ca_check_get_id (check));
}

/* Returns: (transfer none): the check of the resolver in use (the public
 * view's when only the public view is asked), which comes before every DNS verdict */
CaResolverCheck *
ca_diagnosis_get_resolver_check (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  return get_main_resolver_check (self);
}

/* Returns: (transfer none): the #CaCheck items: each name's, then the others, as added */
GListModel *
ca_diagnosis_get_checks (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  return G_LIST_MODEL (self->checks);
}

/* Returns: (transfer none): #CaNameReport items, in the order added */
GListModel *
ca_diagnosis_get_names (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  return G_LIST_MODEL (self->names);
}

/* Returns: (transfer none): #CaFinding items, most severe first, once the run has ended */
GListModel *
ca_diagnosis_get_findings (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);
  return G_LIST_MODEL (self->findings);
}

/* Whether the resolver checks ran and every view failed its own. */
static gboolean
resolver_failed (CaDiagnosis *self)
{
  if (!needs_resolver_check (self))
    return FALSE;
  for (guint i = LOCAL; i <= PUBLIC; i++)
    if (self->resolver_checks[i] != NULL &&
        ca_check_get_state (CA_CHECK (self->resolver_checks[i])) != CA_CHECK_STATE_FAILED)
      return FALSE;
  return TRUE;
}

/**
 * ca_diagnosis_get_lookup_failure:
 *
 * When the resolver in use cannot be trusted, or every lookup about the
 * names failed, the network or the resolver is the problem, not the
 * domains: no verdict about them can be trusted.
 *
 * Returns: (nullable): a sentence saying so, or %NULL when the lookups answered
 */
const char *
ca_diagnosis_get_lookup_failure (CaDiagnosis *self)
{
  guint n_failed = 0;

  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);

  if (resolver_failed (self))
    return ca_resolver_check_get_failure_summary (get_main_resolver_check (self));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->checks)); i++)
    {
      g_autoptr (CaCheck) check = get_check (self, i);

      if (ca_check_get_name (check) == NULL || !is_selectable (self, check) || !ca_diagnosis_is_selected (self, check))
        continue;
      if (ca_check_get_state (check) != CA_CHECK_STATE_FAILED)
        return NULL;
      n_failed++;
    }
  if (n_failed == 0)
    return NULL;
  return _("No lookup got an answer, so nothing is known about the domains yet. Check the network connection and the DNS servers in Preferences, then try again.");
}

/* Returns: (nullable): a heading for ca_diagnosis_get_lookup_failure(), %NULL when there is none */
const char *
ca_diagnosis_get_failure_title (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), NULL);

  if (resolver_failed (self))
    return ca_resolver_check_get_failure_title (get_main_resolver_check (self));
  if (ca_diagnosis_get_lookup_failure (self) != NULL)
    return _("No DNS server answered");
  return NULL;
}

gboolean
ca_diagnosis_get_running (CaDiagnosis *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS (self), FALSE);
  return self->running;
}

/**
 * ca_diagnosis_run_async:
 *
 * Runs every selected check at once, those that ask the resolver once the
 * resolver check has landed. Failed lookups become findings; the task fails
 * only when cancelled.
 */
void
ca_diagnosis_run_async (CaDiagnosis         *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  RunData *data;

  g_return_if_fail (CA_IS_DIAGNOSIS (self));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_diagnosis_run_async);
  data = g_new0 (RunData, 1);
  data->pending = 1;
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  set_running (self, TRUE);
  self->deciding = CA_DNS_VIEW_AUTO;
  g_list_store_remove_all (self->findings);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->checks)); i++)
    {
      g_autoptr (CaCheck) check = get_check (self, i);

      ca_check_set_untrusted (check, NULL);
      if (is_resolver_check (self, check) && ca_diagnosis_is_selected (self, check))
        data->resolvers_pending++;
    }
  if (data->resolvers_pending > 0)
    start_warm_ups (task);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->checks)); i++)
    {
      g_autoptr (CaCheck) check = get_check (self, i);

      /* Those that ask the resolver start when the resolver checks have landed. */
      if (!ca_diagnosis_is_selected (self, check) || ca_check_uses_resolver (check))
        continue;
      start_check (task, check, is_resolver_check (self, check) ? resolver_done_cb : check_done_cb);
    }
  finish_if_done (task);
}

gboolean
ca_diagnosis_run_finish (CaDiagnosis  *self,
                         GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
