/* gst-jssip: fuzz targets
 *
 * The URI and name-addr parsers (RFC 3261 §19.1, §25.1; RFC 3966) on
 * arbitrary strings. What parses must serialize to a string that parses
 * again into an equal value (§19.1.4 comparison), and serializing is
 * idempotent. Nothing containing a NUL byte may parse.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz-common.h"

#include <gst/sip/sipuri.h>
#include <string.h>

static void
require_same_params (const GstSipParam * a, guint n_a, const GstSipParam * b,
    guint n_b)
{
  FUZZ_REQUIRE (n_a == n_b);
  for (guint i = 0; i < n_a; i++) {
    FUZZ_REQUIRE (g_strcmp0 (a[i].name, b[i].name) == 0);
    FUZZ_REQUIRE (g_strcmp0 (a[i].value, b[i].value) == 0);
  }
}

/* An empty quoted display name says no more than an absent one. */
static gboolean
same_display_name (const gchar * a, const gchar * b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

static void
check_uri (GstSipArena * arena, const gchar * data, gsize size)
{
  GstSipUri uri, again, copy;
  const gchar *reason = NULL;
  gchar *wire, *wire_again;

  if (!gst_sip_uri_parse_into (arena, data, size, &uri, &reason)) {
    FUZZ_REQUIRE (reason != NULL);
    return;
  }
  /* A NUL could only be stored by cutting the value short. */
  FUZZ_REQUIRE (memchr (data, '\0', size) == NULL);
  FUZZ_REQUIRE (gst_sip_uri_equal (&uri, &uri));

  wire = gst_sip_uri_to_string (&uri);
  FUZZ_REQUIRE (gst_sip_uri_parse_into (arena, wire, -1, &again, &reason));
  FUZZ_REQUIRE (gst_sip_uri_equal (&uri, &again));
  FUZZ_REQUIRE (gst_sip_uri_equal (&again, &uri));
  wire_again = gst_sip_uri_to_string (&again);
  FUZZ_REQUIRE (strcmp (wire, wire_again) == 0);

  gst_sip_uri_copy_into (arena, &uri, &copy);
  FUZZ_REQUIRE (gst_sip_uri_equal (&uri, &copy));

  g_free (wire_again);
  g_free (wire);
}

static void
check_name_addr (GstSipArena * arena, const gchar * data, gsize size)
{
  GstSipNameAddr na, again;
  const gchar *reason = NULL;
  gchar *wire, *wire_again;

  if (!gst_sip_name_addr_parse_into (arena, data, size, &na, &reason)) {
    FUZZ_REQUIRE (reason != NULL);
    return;
  }
  FUZZ_REQUIRE (memchr (data, '\0', size) == NULL);
  wire = gst_sip_name_addr_to_string (&na);
  FUZZ_REQUIRE (gst_sip_name_addr_parse_into (arena, wire, -1, &again,
          &reason));
  FUZZ_REQUIRE (same_display_name (na.display_name, again.display_name));
  FUZZ_REQUIRE (gst_sip_uri_equal (&na.uri, &again.uri));
  require_same_params (na.params, na.n_params, again.params, again.n_params);
  wire_again = gst_sip_name_addr_to_string (&again);
  FUZZ_REQUIRE (strcmp (wire, wire_again) == 0);

  g_free (wire_again);
  g_free (wire);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t * data, size_t size)
{
  GstSipArena *arena = gst_sip_arena_new (512);

  check_uri (arena, (const gchar *) data, size);
  check_name_addr (arena, (const gchar *) data, size);
  gst_sip_arena_free (arena);
  return 0;
}
