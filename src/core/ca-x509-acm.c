/* ca-x509-acm.c: an ACM certificate as X.509 plus what ACM says about it
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaX509Acm"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-error.h"
#include "ca-x509.h"
#include "ca-x509-acm.h"

typedef struct
{
  CaAcmClient      *client;
  char             *arn;
  CaAcmCertificate *acm;
} Inspection;

static void
inspection_free (Inspection *inspection)
{
  g_clear_object (&inspection->client);
  g_clear_object (&inspection->acm);
  g_free (inspection->arn);
  g_free (inspection);
}

static void
return_report (GTask     *task,
               GPtrArray *certificates)
{
  Inspection *inspection = g_task_get_task_data (task);
  CaX509Report *report = ca_x509_report_new (CA_X509_SOURCE_ACM, inspection->arn, certificates, NULL);

  ca_x509_report_set_acm (report, inspection->acm);
  g_task_return_pointer (task, report, g_object_unref);
}

static void
get_certificate_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Inspection *inspection = g_task_get_task_data (task);
  g_autofree char *pem = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) certificates = NULL;
  g_autoptr (GError) error = NULL;
  gsize len;

  pem = ca_acm_client_get_certificate_finish (CA_ACM_CLIENT (object), result, &error);
  if (pem == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  len = strlen (pem);
  bytes = g_bytes_new_take (g_steal_pointer (&pem), len);
  certificates = ca_x509_parse (bytes, inspection->arn, &error);
  if (certificates == NULL)
    {
      /* ACM's answer, not the user's input, is broken: exit 3, not 2. */
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                               _("ACM returned a certificate that cannot be read: %s"), error->message);
      return;
    }
  return_report (task, certificates);
}

static void
describe_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Inspection *inspection = g_task_get_task_data (task);
  g_autoptr (GPtrArray) none = NULL;
  GError *error = NULL;

  inspection->acm = ca_acm_client_describe_certificate_finish (CA_ACM_CLIENT (object), result, &error);
  if (inspection->acm == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Only an issued certificate has a body to fetch; the rest is what ACM says. */
  if (g_strcmp0 (ca_acm_certificate_get_status (inspection->acm), "ISSUED") == 0)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      ca_acm_client_get_certificate_async (inspection->client, inspection->arn, cancellable,
                                           get_certificate_cb, g_steal_pointer (&task));
      return;
    }

  none = g_ptr_array_new_with_free_func (g_object_unref);
  return_report (task, none);
}

/**
 * ca_x509_inspect_acm_async:
 *
 * DescribeCertificate, then for an ISSUED certificate GetCertificate, whose PEM
 * goes through ca_x509_parse(). The report carries the ACM view (renewal,
 * validation method, resources in use, email findings) with ca_x509_report_set_acm().
 */
void
ca_x509_inspect_acm_async (CaAcmClient         *client,
                           const char          *arn,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  Inspection *inspection;

  g_return_if_fail (CA_IS_ACM_CLIENT (client));
  g_return_if_fail (arn != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_x509_inspect_acm_async);
  inspection = g_new0 (Inspection, 1);
  inspection->client = g_object_ref (client);
  inspection->arn = g_strdup (arn);
  g_task_set_task_data (task, inspection, (GDestroyNotify) inspection_free);

  ca_acm_client_describe_certificate_async (client, arn, cancellable, describe_cb, g_steal_pointer (&task));
}

CaX509Report *
ca_x509_inspect_acm_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
