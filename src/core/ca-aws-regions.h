/* ca-aws-regions.h: the regions of the AWS commercial partition
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CloudFront takes its certificates from this region only. */
#define CA_AWS_CLOUDFRONT_REGION "us-east-1"

const char * const *ca_aws_regions_list     (void);
const char         *ca_aws_region_get_name  (const char *code);
gboolean            ca_aws_region_is_opt_in (const char *code);

G_END_DECLS
