/* fuzz-common.h: what every libFuzzer harness under tests/fuzz/ shares
 *
 * A harness hands the fuzzer's bytes to the same core function the app hands
 * a stranger's bytes to. Criticals are made fatal: a g_return_if_fail that
 * fires on hostile input is a bug the fuzzer should report, not a log line.
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* Debug and info lines would flood the fuzzer's output; warnings still show.
 * A critical aborts here: GLib's own fatal path raises SIGTRAP, which
 * libFuzzer does not catch, so the input would not be saved. */
static GLogWriterOutput
ca_fuzz_log_writer (GLogLevelFlags   level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return G_LOG_WRITER_HANDLED;
  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

static inline void
ca_fuzz_init (void)
{
  g_log_set_writer_func (ca_fuzz_log_writer, NULL, NULL);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
}

/* The input as a C string, cut at its first NUL as a C caller would see it. */
static inline char *
ca_fuzz_string (const uint8_t *data,
                size_t         size)
{
  return g_strndup ((const char *) data, size);
}

/* Two strings from one input, split at the first NUL byte (the second may be empty). */
static inline void
ca_fuzz_split (const uint8_t  *data,
               size_t          size,
               char          **first,
               char          **second)
{
  const uint8_t *nul = memchr (data, '\0', size);
  size_t first_len = nul != NULL ? (size_t) (nul - data) : size;

  *first = g_strndup ((const char *) data, first_len);
  *second = nul != NULL ? g_strndup ((const char *) nul + 1, size - first_len - 1) : g_strdup ("");
}
