/* ca-xml.h: a small, bounded element tree read with GMarkup, for REST-XML answers
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CaXmlNode CaXmlNode;

/* Deeper and larger than any Route 53 answer: a page of 100 zones is ~500 elements. */
#define CA_XML_MAX_DEPTH    32
#define CA_XML_MAX_ELEMENTS 20000

CaXmlNode  *ca_xml_parse             (const char  *data,
                                      gsize        len,
                                      GError     **error);
void        ca_xml_node_free         (CaXmlNode   *node);
const char *ca_xml_node_get_name     (CaXmlNode   *node);
const char *ca_xml_node_get_text     (CaXmlNode   *node);
CaXmlNode  *ca_xml_node_find         (CaXmlNode   *node,
                                      const char  *path);
const char *ca_xml_node_find_text    (CaXmlNode   *node,
                                      const char  *path);
GPtrArray  *ca_xml_node_find_all     (CaXmlNode   *node,
                                      const char  *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaXmlNode, ca_xml_node_free)

G_END_DECLS
