/* replay-main.c: run a fuzz harness over saved inputs, without libFuzzer
 *
 * Builds that are not clang fuzzing builds link each harness with this main,
 * so the suite replays the seed corpus and every saved crash under the
 * sanitizers of that build: a fixed crash stays fixed.
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "fuzz-common.h"

static guint
replay_path (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;
  guint count = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      for (guint i = 0; i < names->len; i++)
        count += replay_path (g_ptr_array_index (names, i));
      return count;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return 0;
  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint count = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    count += replay_path (argv[i]);
  printf ("1..1\n");
  if (count == 0)
    {
      printf ("not ok 1 - no inputs to replay\n");
      return 1;
    }
  printf ("ok 1 - %u inputs replayed\n", count);
  return 0;
}
