/* fuzz-x509.c: certificate files, PEM or DER, as `inspect FILE` reads them
 *
 * ca_x509_parse() is what ca_x509_load_file() calls on the file's bytes; the
 * certificates then make the report `inspect` prints, findings and JSON.
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "ca-certificate-info.h"
#include "ca-x509-report.h"
#include "ca-x509.h"
#include "fuzz-common.h"

static GDateTime *now;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  ca_fuzz_init ();
  now = g_date_time_new_utc (2026, 6, 1, 12, 0, 0);
  return 0;
}

static void
report (GPtrArray *certificates)
{
  g_autoptr (CaX509Report) report = ca_x509_report_new (CA_X509_SOURCE_FILE, "fuzz.pem", certificates, NULL);
  g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, now);
  g_autoptr (JsonNode) json = ca_x509_report_to_json (report, now);

  g_assert (findings != NULL && json != NULL);
  for (guint i = 0; i < certificates->len; i++)
    {
      CaCertificateInfo *info = g_ptr_array_index (certificates, i);

      ca_certificate_info_covers_name (info, "www.example.com");
      ca_certificate_info_get_days_left (info, now);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) certificates = ca_x509_parse (bytes, "fuzz.pem", &error);

  g_assert ((certificates == NULL) != (error == NULL));
  if (certificates != NULL)
    report (certificates);
  return 0;
}
