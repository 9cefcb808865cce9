/* gst-jssip: parser benchmarks
 *
 * Our parser (gst_sip_message_parse) and serializer
 * (gst_sip_message_to_string) over a corpus of raw SIP messages, one file
 * per message as received in one WebSocket frame. See bench-harness.h for
 * the command line and output, docs/benchmarks.md for the method.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-harness.h"

#include <gst/sip/sipmessage.h>

static gboolean
sip_parse_one (const gchar * data, gsize len, gboolean serialize,
    const gchar ** reason)
{
  GstSipMessage *msg;

  if (gst_sip_message_parse (data, len, &msg, reason) != GST_SIP_PARSE_OK)
    return FALSE;
  if (msg->index_error) {
    *reason = msg->index_error;
    gst_sip_message_free (msg);
    return FALSE;
  }
  if (serialize) {
    gsize out_len;

    g_free (gst_sip_message_to_string (msg, &out_len));
  }
  gst_sip_message_free (msg);
  return TRUE;
}

int
main (int argc, char **argv)
{
  return bench_main (argc, argv, "gst-sip", sip_parse_one);
}
