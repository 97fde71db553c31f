/* ca-read-file.c: reading a local file that someone else may have put there
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaReadFile"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ca-read-file.h"

static char *
read_up_to (int          fd,
            const char  *path,
            gsize        max_size,
            gsize       *len,
            GError     **error)
{
  /* One byte more than allowed tells a file that grew since fstat(). */
  g_autofree char *buffer = g_malloc (max_size + 2);
  gsize total = 0;

  while (total <= max_size)
    {
      gssize n = read (fd, buffer + total, max_size + 1 - total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("“%s” cannot be read: %s"), path, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      total += (gsize) n;
    }
  if (total > max_size)
    {
      /* The file may hold keys (~/.aws/credentials). */
      explicit_bzero (buffer, total);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("“%s” is larger than %u KiB, so it was not read."), path, (guint) MAX (max_size / 1024, 1));
      return NULL;
    }
  buffer[total] = '\0';
  *len = total;
  return g_steal_pointer (&buffer);
}

/**
 * ca_read_file_capped:
 * @max_size: the largest file the caller expects
 * @len: (out): the number of bytes read
 *
 * Reads a regular file of at most @max_size bytes. A FIFO, a device such as
 * /dev/zero, a socket or a directory is refused before a byte is read: a FIFO
 * would block forever and a device would fill the memory. The file is opened
 * without blocking, so that opening a FIFO without a writer returns at once.
 *
 * Returns: (transfer full): the contents, NUL-terminated, or %NULL with a
 *   %G_FILE_ERROR (%G_FILE_ERROR_NOENT for a missing file)
 */
char *
ca_read_file_capped (const char  *path,
                     gsize        max_size,
                     gsize       *len,
                     GError     **error)
{
  struct stat info = { 0 };
  char *data;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (len != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("“%s” cannot be opened: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &info) != 0 || !S_ISREG (info.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, S_ISDIR (info.st_mode) ? G_FILE_ERROR_ISDIR : G_FILE_ERROR_INVAL,
                   _("“%s” is not a regular file, so it was not read."), path);
      close (fd);
      return NULL;
    }
  if ((guint64) info.st_size > max_size)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("“%s” is larger than %u KiB, so it was not read."), path, (guint) MAX (max_size / 1024, 1));
      close (fd);
      return NULL;
    }
  data = read_up_to (fd, path, max_size, len, error);
  close (fd);
  return data;
}
