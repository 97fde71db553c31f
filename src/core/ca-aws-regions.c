/* ca-aws-regions.c: the regions of the AWS commercial partition
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaAwsRegions"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-aws-regions.h"

/*
 * The regions of the `aws` partition as of 2026-12, with the names the AWS
 * console gives them. ACM lives in every one of them. A region missing here
 * can still be typed: the table only offers choices and names them.
 */
static const struct
{
  const char *code;
  const char *name;
} regions[] = {
  { "us-east-1", N_("US East (N. Virginia)") },
  { "us-east-2", N_("US East (Ohio)") },
  { "us-west-1", N_("US West (N. California)") },
  { "us-west-2", N_("US West (Oregon)") },
  { "af-south-1", N_("Africa (Cape Town)") },
  { "ap-east-1", N_("Asia Pacific (Hong Kong)") },
  { "ap-south-1", N_("Asia Pacific (Mumbai)") },
  { "ap-south-2", N_("Asia Pacific (Hyderabad)") },
  { "ap-southeast-1", N_("Asia Pacific (Singapore)") },
  { "ap-southeast-2", N_("Asia Pacific (Sydney)") },
  { "ap-southeast-3", N_("Asia Pacific (Jakarta)") },
  { "ap-southeast-4", N_("Asia Pacific (Melbourne)") },
  { "ap-southeast-5", N_("Asia Pacific (Malaysia)") },
  { "ap-southeast-7", N_("Asia Pacific (Thailand)") },
  { "ap-northeast-1", N_("Asia Pacific (Tokyo)") },
  { "ap-northeast-2", N_("Asia Pacific (Seoul)") },
  { "ap-northeast-3", N_("Asia Pacific (Osaka)") },
  { "ca-central-1", N_("Canada (Central)") },
  { "ca-west-1", N_("Canada West (Calgary)") },
  { "eu-central-1", N_("Europe (Frankfurt)") },
  { "eu-central-2", N_("Europe (Zurich)") },
  { "eu-west-1", N_("Europe (Ireland)") },
  { "eu-west-2", N_("Europe (London)") },
  { "eu-west-3", N_("Europe (Paris)") },
  { "eu-south-1", N_("Europe (Milan)") },
  { "eu-south-2", N_("Europe (Spain)") },
  { "eu-north-1", N_("Europe (Stockholm)") },
  { "il-central-1", N_("Israel (Tel Aviv)") },
  { "me-south-1", N_("Middle East (Bahrain)") },
  { "me-central-1", N_("Middle East (UAE)") },
  { "mx-central-1", N_("Mexico (Central)") },
  { "sa-east-1", N_("South America (São Paulo)") },
};

/**
 * ca_aws_regions_list:
 *
 * Returns: (transfer none): the region codes, as the console lists them
 */
const char * const *
ca_aws_regions_list (void)
{
  static const char *codes[G_N_ELEMENTS (regions) + 1];

  if (codes[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
      codes[i] = regions[i].code;
  return codes;
}

/*
 * The regions an account must enable before it can use them (as of 2026-12).
 * There, UnrecognizedClientException means "not enabled", not bad credentials
 * (aws-protocol.md §9).
 */
static const char * const opt_in_regions[] = {
  "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
  "ap-southeast-7", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1",
  "me-central-1", "me-south-1", "mx-central-1", NULL
};

/* A region not in the table counts as opt-in: any new region is. */
gboolean
ca_aws_region_is_opt_in (const char *code)
{
  return code != NULL && (g_strv_contains (opt_in_regions, code) || ca_aws_region_get_name (code) == NULL);
}

/* Returns: (nullable): the translated name of @code, %NULL for a region not in the table */
const char *
ca_aws_region_get_name (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (regions); i++)
    if (g_str_equal (regions[i].code, code))
      return _(regions[i].name);
  return NULL;
}
