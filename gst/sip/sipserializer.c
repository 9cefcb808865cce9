/* gst-jssip: SIP core
 *
 * Wire form of a message: start line, one line per header entry with the
 * canonical long name (RFC 3261 §7.3.1 makes one line per list element
 * equivalent to the comma-separated form), Content-Length computed from
 * the body, empty line, body.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/sip/sipmessage.h>

#include <string.h>

static void
append_start_line (const GstSipMessage * msg, GString * out)
{
  if (msg->is_request) {
    g_string_append (out, msg->method_name);
    g_string_append_c (out, ' ');
    if (msg->request_uri_str)
      g_string_append (out, msg->request_uri_str);
    else
      gst_sip_uri_append (&msg->request_uri, out);
    g_string_append_len (out, " SIP/2.0\r\n", 10);
  } else {
    g_string_append_printf (out, "SIP/2.0 %03u %s\r\n", msg->status_code,
        msg->reason_phrase ? msg->reason_phrase : "");
  }
}

void
gst_sip_message_append (const GstSipMessage * msg, GString * out)
{
  guint i;

  g_return_if_fail (msg != NULL && out != NULL);

  append_start_line (msg, out);
  for (i = 0; i < msg->n_headers; i++) {
    const GstSipHeader *h = &msg->headers[i];

    /* Written last from the body itself, so it can never disagree. */
    if (h->id == GST_SIP_HEADER_CONTENT_LENGTH)
      continue;
    g_string_append (out, h->name);
    g_string_append_len (out, ": ", 2);
    g_string_append (out, h->value);
    g_string_append_len (out, "\r\n", 2);
  }
  g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
      msg->body_length);
  if (msg->body_length)
    g_string_append_len (out, msg->body, msg->body_length);
}

/* Room for the whole message, so that the string never grows. */
static gsize
estimate_length (const GstSipMessage * msg)
{
  gsize size = 128 + msg->body_length;
  guint i;

  if (msg->request_uri_str)
    size += strlen (msg->request_uri_str);
  for (i = 0; i < msg->n_headers; i++)
    size += 32 + strlen (msg->headers[i].value);
  return size;
}

gchar *
gst_sip_message_to_string (const GstSipMessage * msg, gsize * len)
{
  GString *out;

  g_return_val_if_fail (msg != NULL, NULL);
  out = g_string_sized_new (estimate_length (msg));
  gst_sip_message_append (msg, out);
  if (len)
    *len = out->len;
  return g_string_free (out, FALSE);
}
