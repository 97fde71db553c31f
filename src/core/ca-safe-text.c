/* ca-safe-text.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaSafeText"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ca-safe-text.h"

/* Bidirectional formatting characters: an override turns “moc.evil” into
 * what reads as “live.com”, so a label from outside never keeps them. */
static gboolean
is_bidi_control (gunichar ch)
{
  return (ch >= 0x202A && ch <= 0x202E) || (ch >= 0x2066 && ch <= 0x2069) ||
         ch == 0x200E || ch == 0x200F || ch == 0x061C;
}

/* A terminal obeys escape sequences, a bell rings, a backspace or carriage
 * return overwrites what was printed: only tab and newline stay. */
static gboolean
is_kept_char (gunichar        ch,
              CaSafeTextFlags flags)
{
  if (ch == '\t' || ch == '\n')
    return TRUE;
  if (g_unichar_iscntrl (ch) || ch == 0xFEFF)
    return FALSE;
  return !((flags & CA_SAFE_TEXT_NO_BIDI) && is_bidi_control (ch));
}

/**
 * ca_safe_text_clean:
 * @text: (nullable): text from outside: a server, a file, a certificate
 * @length: its length in bytes, or -1 when NUL-terminated
 * @flags: what to drop beyond control characters
 *
 * The one function that makes untrusted text fit for a terminal or a label:
 * invalid UTF-8 is replaced, NUL and every other control character but tab and
 * newline is dropped, a carriage return becomes a newline (CRLF one newline).
 *
 * Returns: (transfer full): the cleaned text (empty for %NULL)
 */
char *
ca_safe_text_clean (const char      *text,
                    gssize           length,
                    CaSafeTextFlags  flags)
{
  g_autofree char *utf8 = NULL;
  g_autoptr (GString) raw = NULL;
  gsize size;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  size = length < 0 ? strlen (text) : (gsize) length;
  /* NUL bytes would end the text early; nothing legitimate uses them. */
  raw = g_string_sized_new (size);
  for (gsize i = 0; i < size; i++)
    if (text[i] != '\0')
      g_string_append_c (raw, text[i]);
  utf8 = g_utf8_make_valid (raw->str, (gssize) raw->len);

  out = g_string_sized_new (raw->len);
  for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
        }
      else if (is_kept_char (ch, flags))
        g_string_append_unichar (out, ch);
    }
  return g_string_free (out, FALSE);
}

/*
 * Redaction
 */

typedef struct
{
  const char *pattern;
  const char *replacement;  /* \1… kept; @MARK@ is the translated marker */
} RedactRule;

/* Each rule keeps what names the secret and hides the value. AWS's signature
 * mismatch message quotes the canonical request, which holds
 * x-amz-security-token: everything from that quotation on goes. */
static const RedactRule redact_rules[] = {
  { "(?is)\\b(The Canonical String for this request should have been|The String-to-Sign should have been).*",
    "\\1 @MARK@" },
  { "(?im)\\b(authorization)(\\s*[:=]\\s*)[^\\r\\n]*", "\\1\\2@MARK@" },
  { "(?i)\\b(x-amz-security-token|x-amz-credential|x-amz-signature|aws_secret_access_key|aws_session_token|"
    "aws_security_token|secret_?access_?key|secret_?key|session_?token|security_?token|access_?token|"
    "refresh_?token|client_?secret|sso_bearer_token|password)([\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',;&<]+",
    "\\1\\2@MARK@" },
  { "(?i)\\b(Credential|Signature)=[^\\s,;&\"']+", "\\1=@MARK@" },
  /* Access key ids, then anything as long as a secret key or a token. */
  { "\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b", "@MARK@" },
  { "[A-Za-z0-9+/]{40,}={0,2}", "@MARK@" },
};

static GPtrArray *
compile_rules (void)
{
  GPtrArray *regexes = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (redact_rules); i++)
    {
      g_autoptr (GError) error = NULL;
      GRegex *regex = g_regex_new (redact_rules[i].pattern, G_REGEX_OPTIMIZE, 0, &error);

      g_assert_no_error (error);
      g_ptr_array_add (regexes, regex);
    }
  return regexes;
}

static char *
apply_rule (GRegex     *regex,
            const char *replacement,
            const char *text)
{
  /* Translators: put where a secret (a token, a key, a signature) was taken out of a server's message */
  g_autoptr (GString) marker = g_string_new (_("[redacted]"));
  g_autoptr (GString) expanded = g_string_new (replacement);
  char *result;

  /* A backslash would start a reference in a replacement: doubled, it stays text. */
  g_string_replace (marker, "\\", "\\\\", 0);
  g_string_replace (expanded, "@MARK@", marker->str, 0);
  result = g_regex_replace (regex, text, -1, 0, expanded->str, 0, NULL);
  return result != NULL ? result : g_strdup ("");
}

/**
 * ca_safe_text_redact:
 * @message: (nullable): a message a server sent, such as an AWS error's
 *
 * Takes out of @message anything that looks like a credential before it is
 * shown or logged: session tokens, secret keys, access key ids, Authorization
 * and Credential= values, signatures, the quoted canonical request. What is
 * left is also cleaned as ca_safe_text_clean() does.
 *
 * Returns: (transfer full) (nullable): the redacted message, %NULL for %NULL
 */
char *
ca_safe_text_redact (const char *message)
{
  static GPtrArray *regexes;
  g_autofree char *text = NULL;

  if (message == NULL)
    return NULL;
  if (g_once_init_enter (&regexes))
    g_once_init_leave (&regexes, compile_rules ());

  text = ca_safe_text_clean (message, -1, CA_SAFE_TEXT_DEFAULT);
  for (guint i = 0; i < regexes->len; i++)
    {
      char *next = apply_rule (g_ptr_array_index (regexes, i), redact_rules[i].replacement, text);

      g_free (text);
      text = next;
    }
  return g_steal_pointer (&text);
}

/**
 * ca_safe_text_log_writer:
 *
 * The log writer of the CLI and the app: every message goes to stderr, never
 * to stdout, where `--json` prints its one object (GLib's default writer sends
 * debug and info there). Messages may quote servers: they are redacted and
 * cleaned like anything else shown. G_MESSAGES_DEBUG is honoured as usual.
 */
GLogWriterOutput
ca_safe_text_log_writer (GLogLevelFlags   log_level,
                         const GLogField *fields,
                         gsize            n_fields,
                         gpointer         user_data)
{
  g_autofree GLogField *copy = g_memdup2 (fields, n_fields * sizeof (GLogField));
  g_autofree char *redacted = NULL;
  g_autofree char *line = NULL;
  const char *domain = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (copy[i].key, "GLIB_DOMAIN") == 0 && copy[i].length < 0)
        domain = copy[i].value;
      else if (g_strcmp0 (copy[i].key, "MESSAGE") == 0)
        {
          g_autofree char *message = copy[i].length < 0 ? g_strdup (copy[i].value)
                                                       : g_strndup (copy[i].value, copy[i].length);

          g_free (redacted);
          redacted = ca_safe_text_redact (message);
          copy[i].value = redacted;
          copy[i].length = -1;
        }
    }
  if (g_log_writer_default_would_drop (log_level, domain))
    return G_LOG_WRITER_HANDLED;

  line = g_log_writer_format_fields (log_level, copy, n_fields, FALSE);
  fprintf (stderr, "%s\n", line);
  fflush (stderr);
  return G_LOG_WRITER_HANDLED;
}
