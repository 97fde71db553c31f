/* ca-xml.c: a small, bounded element tree read with GMarkup, for REST-XML answers
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-error.h"
#include "ca-xml.h"

/* Attributes are dropped: the REST-XML answers CertAssist reads carry everything in
 * elements. Mixed content is joined; callers read leaves only. */
struct _CaXmlNode
{
  char      *name;
  GString   *text;
  GPtrArray *children;  /* (element-type CaXmlNode) */
  CaXmlNode *parent;
};

typedef struct
{
  CaXmlNode *root;
  CaXmlNode *current;
  guint      depth;
  guint      n_elements;
} ParseState;

static CaXmlNode *
node_new (const char *name,
          CaXmlNode  *parent)
{
  CaXmlNode *node = g_new0 (CaXmlNode, 1);

  node->name = g_strdup (name);
  node->text = g_string_new (NULL);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_xml_node_free);
  node->parent = parent;
  return node;
}

void
ca_xml_node_free (CaXmlNode *node)
{
  if (node == NULL)
    return;
  g_free (node->name);
  g_string_free (node->text, TRUE);
  g_ptr_array_unref (node->children);
  g_free (node);
}

static void
start_cb (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  ParseState *state = user_data;
  CaXmlNode *node;

  /* GMarkup itself does not recurse, but it keeps every open element: cap both. */
  if (++state->depth > CA_XML_MAX_DEPTH || ++state->n_elements > CA_XML_MAX_ELEMENTS ||
      (state->current == NULL && state->root != NULL))
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "too deep, too large or two roots");
      return;
    }
  node = node_new (element, state->current);
  if (state->current != NULL)
    g_ptr_array_add (state->current->children, node);
  else
    state->root = node;
  state->current = node;
}

static void
end_cb (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  ParseState *state = user_data;

  state->depth--;
  state->current = state->current->parent;
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              user_data,
         GError              **error)
{
  ParseState *state = user_data;

  if (state->current != NULL)
    g_string_append_len (state->current->text, text, len);
}

static const GMarkupParser parser = { start_cb, end_cb, text_cb, NULL, NULL };

/**
 * ca_xml_parse:
 * @data: bytes from outside, already capped in size by the caller
 *
 * Returns: (transfer full): the root element, or %NULL with
 *   %CA_ERROR_MALFORMED_RESPONSE when @data is not one well-formed element
 */
CaXmlNode *
ca_xml_parse (const char  *data,
              gsize        len,
              GError     **error)
{
  ParseState state = { 0 };
  g_autoptr (GMarkupParseContext) context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, &state, NULL);
  g_autoptr (GError) local_error = NULL;

  if (!g_markup_parse_context_parse (context, data, len, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error) || state.root == NULL)
    {
      g_debug ("Unreadable XML: %s", local_error != NULL ? local_error->message : "no element");
      ca_xml_node_free (state.root);
      g_set_error_literal (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE, _("AWS sent an answer that could not be read."));
      return NULL;
    }
  return state.root;
}

const char *
ca_xml_node_get_name (CaXmlNode *node)
{
  return node->name;
}

/* The element's own text, without the whitespace around it. */
const char *
ca_xml_node_get_text (CaXmlNode *node)
{
  gsize start = 0, end = node->text->len;

  while (start < end && g_ascii_isspace (node->text->str[start]))
    start++;
  while (end > start && g_ascii_isspace (node->text->str[end - 1]))
    end--;
  /* Trimmed in place once: the tree is read, never written, after parsing. */
  if (start > 0 || end < node->text->len)
    {
      g_string_truncate (node->text, end);
      g_string_erase (node->text, 0, start);
    }
  return node->text->str;
}

static CaXmlNode *
child_named (CaXmlNode  *node,
             const char *name,
             gsize       len)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      CaXmlNode *child = g_ptr_array_index (node->children, i);

      if (strlen (child->name) == len && strncmp (child->name, name, len) == 0)
        return child;
    }
  return NULL;
}

/**
 * ca_xml_node_find:
 * @path: child names separated by "/", such as "Error/Code"
 *
 * Returns: (transfer none) (nullable): the first element at @path below @node
 */
CaXmlNode *
ca_xml_node_find (CaXmlNode  *node,
                  const char *path)
{
  while (node != NULL && *path != '\0')
    {
      const char *slash = strchr (path, '/');
      gsize len = slash != NULL ? (gsize) (slash - path) : strlen (path);

      node = child_named (node, path, len);
      path += len + (slash != NULL ? 1 : 0);
    }
  return node;
}

/* Returns: (nullable): the text at @path, or %NULL without that element */
const char *
ca_xml_node_find_text (CaXmlNode  *node,
                       const char *path)
{
  CaXmlNode *found = ca_xml_node_find (node, path);

  return found != NULL ? ca_xml_node_get_text (found) : NULL;
}

/**
 * ca_xml_node_find_all:
 * @path: as for ca_xml_node_find(); its last name is the repeated element
 *
 * Returns: (transfer container) (element-type CaXmlNode): every element named
 *   like the last step of @path, below the first element of the steps before
 */
GPtrArray *
ca_xml_node_find_all (CaXmlNode  *node,
                      const char *path)
{
  GPtrArray *found = g_ptr_array_new ();
  const char *last = strrchr (path, '/');
  g_autofree char *parent_path = last != NULL ? g_strndup (path, last - path) : g_strdup ("");
  const char *name = last != NULL ? last + 1 : path;
  CaXmlNode *parent = ca_xml_node_find (node, parent_path);

  for (guint i = 0; parent != NULL && i < parent->children->len; i++)
    {
      CaXmlNode *child = g_ptr_array_index (parent->children, i);

      if (strcmp (child->name, name) == 0)
        g_ptr_array_add (found, child);
    }
  return found;
}
