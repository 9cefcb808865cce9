/* gst-jssip: parser benchmarks
 *
 * GNU oSIP (libosip2) over the same corpus and in the same harness as
 * sip-parse-bench, for the side-by-side comparison of
 * bench/run-parse-bench.sh.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-harness.h"

#include <osipparser2/osip_parser.h>

static gboolean
osip_parse_one (const gchar * data, gsize len, gboolean serialize,
    const gchar ** reason)
{
  osip_message_t *sip;
  gboolean ok = TRUE;

  if (osip_message_init (&sip) != OSIP_SUCCESS) {
    *reason = "osip_message_init failed";
    return FALSE;
  }
  if (osip_message_parse (sip, data, len) != OSIP_SUCCESS) {
    *reason = "osip_message_parse failed";
    ok = FALSE;
  } else if (serialize) {
    gchar *out = NULL;
    size_t out_len;

    /* After parsing, oSIP keeps the received buffer and
     * osip_message_to_str() would only copy it back: force a real
     * serialisation from the parsed structure. */
    osip_message_force_update (sip);
    if (osip_message_to_str (sip, &out, &out_len) != OSIP_SUCCESS) {
      *reason = "osip_message_to_str failed";
      ok = FALSE;
    }
    osip_free (out);
  }
  osip_message_free (sip);
  return ok;
}

int
main (int argc, char **argv)
{
  parser_init ();
  return bench_main (argc, argv, "osip", osip_parse_one);
}
