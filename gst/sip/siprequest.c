/* gst-jssip: SIP core
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/sip/siprequest.h>

#include <string.h>

#define TOKEN_CHARS "abcdefghijklmnopqrstuvwxyz0123456789"
#define BRANCH_RANDOM_LENGTH 10
#define TAG_LENGTH 10
#define CALL_ID_LENGTH 20
#define VIA_HOST_LENGTH 12

/* GLib's generator is seeded from the system's entropy source; these
 * identifiers need uniqueness (RFC 3261 §8.1.1.4, §19.3), not secrecy. */
gchar *
gst_sip_random_token (guint len)
{
  gchar *token = g_malloc (len + 1);
  guint i;

  for (i = 0; i < len; i++)
    token[i] = TOKEN_CHARS[g_random_int_range (0, sizeof (TOKEN_CHARS) - 1)];
  token[len] = '\0';
  return token;
}

gchar *
gst_sip_generate_branch (void)
{
  g_autofree gchar *random = gst_sip_random_token (BRANCH_RANDOM_LENGTH);

  return g_strconcat (GST_SIP_BRANCH_MAGIC_COOKIE, random, NULL);
}

gchar *
gst_sip_generate_tag (void)
{
  return gst_sip_random_token (TAG_LENGTH);
}

gchar *
gst_sip_generate_call_id (const gchar * prefix)
{
  gsize prefix_len = prefix ? strlen (prefix) : 0;
  g_autofree gchar *random = NULL;

  if (prefix_len >= CALL_ID_LENGTH)
    return g_strdup (prefix);
  random = gst_sip_random_token (CALL_ID_LENGTH - prefix_len);
  return g_strconcat (prefix ? prefix : "", random, NULL);
}

gchar *
gst_sip_generate_via_host (void)
{
  g_autofree gchar *random = gst_sip_random_token (VIA_HOST_LENGTH);

  return g_strconcat (random, ".invalid", NULL);
}

guint32
gst_sip_generate_cseq (void)
{
  return g_random_int_range (1, 10000);
}

void
gst_sip_message_prepend_via (GstSipMessage * msg, const gchar * transport,
    const gchar * host, const gchar * branch)
{
  g_autofree gchar *via = g_strdup_printf ("SIP/2.0/%s %s;branch=%s",
      transport, host, branch);

  gst_sip_message_prepend_header (msg, GST_SIP_HEADER_VIA, via);
  gst_sip_message_index (msg, NULL);
}

static void
copy_headers (GstSipMessage * to, const GstSipMessage * from, GstSipHeaderId id)
{
  guint i;

  for (i = 0; i < from->n_headers; i++) {
    if (from->headers[i].id == id)
      gst_sip_message_add_header (to, id, from->headers[i].value);
  }
}

static void
copy_first_header (GstSipMessage * to, const GstSipMessage * from,
    GstSipHeaderId id)
{
  const gchar *value = gst_sip_message_get_header (from, id);

  if (value)
    gst_sip_message_add_header (to, id, value);
}

GstSipMessage *
gst_sip_request_new_initial (GstSipMethod method, const gchar * request_uri,
    const gchar * from, const gchar * from_tag, const gchar * to,
    const gchar * call_id, guint32 cseq)
{
  GstSipMessage *req = gst_sip_message_new_request (method, request_uri);

  if (req == NULL)
    return NULL;
  gst_sip_message_add_header_printf (req, GST_SIP_HEADER_FROM, "%s;tag=%s",
      from, from_tag);
  gst_sip_message_add_header (req, GST_SIP_HEADER_TO, to);
  gst_sip_message_add_header (req, GST_SIP_HEADER_CALL_ID, call_id);
  gst_sip_message_add_header_printf (req, GST_SIP_HEADER_CSEQ, "%u %s",
      cseq, gst_sip_method_to_string (method));
  gst_sip_message_add_header_printf (req, GST_SIP_HEADER_MAX_FORWARDS, "%d",
      GST_SIP_DEFAULT_MAX_FORWARDS);
  gst_sip_message_index (req, NULL);
  return req;
}

static gboolean
response_creates_dialog (const GstSipMessage * request, guint status_code)
{
  return request->method == GST_SIP_METHOD_INVITE && status_code > 100
      && status_code < 300;
}

GstSipMessage *
gst_sip_response_new_for_request (const GstSipMessage * request,
    guint status_code, const gchar * reason_phrase, const gchar * to_tag)
{
  GstSipMessage *resp = gst_sip_message_new_response (status_code,
      reason_phrase);
  const gchar *to = gst_sip_message_get_header (request, GST_SIP_HEADER_TO);

  copy_headers (resp, request, GST_SIP_HEADER_VIA);
  if (response_creates_dialog (request, status_code))
    copy_headers (resp, request, GST_SIP_HEADER_RECORD_ROUTE);
  copy_first_header (resp, request, GST_SIP_HEADER_FROM);
  /* §8.2.6.2: a tag is added unless the request had one (in-dialog) or the
   * response is a 100, which never carries a tag it made up. */
  if (to && request->to_tag == NULL && to_tag && status_code > 100)
    gst_sip_message_add_header_printf (resp, GST_SIP_HEADER_TO, "%s;tag=%s",
        to, to_tag);
  else if (to)
    gst_sip_message_add_header (resp, GST_SIP_HEADER_TO, to);
  copy_first_header (resp, request, GST_SIP_HEADER_CALL_ID);
  copy_first_header (resp, request, GST_SIP_HEADER_CSEQ);
  gst_sip_message_index (resp, NULL);
  return resp;
}

/* CANCEL and the ACK of a non-2xx take from their INVITE the Request-URI,
 * the top Via only (so the branch), From, Call-ID, Route and the CSeq number
 * under their own method; the To comes from @to_source. They are new
 * requests to the next hop, so Max-Forwards starts afresh. */
static GstSipMessage *
request_new_from_invite (GstSipMethod method, const GstSipMessage * invite,
    const GstSipMessage * to_source)
{
  GstSipMessage *req = gst_sip_message_new_request (method,
      invite->request_uri_str);

  copy_first_header (req, invite, GST_SIP_HEADER_VIA);
  gst_sip_message_add_header_printf (req, GST_SIP_HEADER_MAX_FORWARDS, "%d",
      GST_SIP_DEFAULT_MAX_FORWARDS);
  copy_first_header (req, invite, GST_SIP_HEADER_FROM);
  copy_first_header (req, to_source, GST_SIP_HEADER_TO);
  copy_first_header (req, invite, GST_SIP_HEADER_CALL_ID);
  gst_sip_message_add_header_printf (req, GST_SIP_HEADER_CSEQ, "%u %s",
      invite->cseq, gst_sip_method_to_string (method));
  copy_headers (req, invite, GST_SIP_HEADER_ROUTE);
  gst_sip_message_index (req, NULL);
  return req;
}

GstSipMessage *
gst_sip_request_new_cancel (const GstSipMessage * invite)
{
  return request_new_from_invite (GST_SIP_METHOD_CANCEL, invite, invite);
}

GstSipMessage *
gst_sip_request_new_ack_for_failure (const GstSipMessage * invite,
    const GstSipMessage * response)
{
  return request_new_from_invite (GST_SIP_METHOD_ACK, invite, response);
}
