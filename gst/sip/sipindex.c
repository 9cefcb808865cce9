/* gst-jssip: SIP core
 *
 * Structured views of a message (Call-ID, CSeq, From, To, Via, Contact,
 * Max-Forwards, Content-Length, Content-Type, Expires), derived from the
 * header entries, which stay the source of truth.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/sip/sipmessage.h>
#include "sipmessage-private.h"
#include "sipsyntax.h"

#include <string.h>

static const gchar *
scan_token (const gchar * p, const gchar * end)
{
  while (p < end && GST_SIP_CC_IS (*p, GST_SIP_CC_TOKEN))
    p++;
  return p;
}

/* SLASH = SWS "/" SWS (§25.1) */
static const gchar *
expect_slash (const gchar * p, const gchar * end)
{
  p = gst_sip_skip_ws (p, end);
  if (p == end || *p != '/')
    return NULL;
  return gst_sip_skip_ws (p + 1, end);
}

/* via-parm = sent-protocol LWS sent-by *( SEMI via-params )  (§20.42) */
gboolean
gst_sip_via_parse_into (GstSipArena * arena, const gchar * str, gssize len,
    GstSipVia * out, const gchar ** reason)
{
  const gchar *p, *end, *name, *name_end, *version, *version_end;
  const gchar *transport, *transport_end, *host_end;
  const GstSipParam *branch;

  memset (out, 0, sizeof (*out));
  if (len < 0)
    len = strlen (str);
  end = gst_sip_trim_end (str, str + len);
  p = gst_sip_skip_ws (str, end);

  name = p;
  name_end = p = scan_token (p, end);
  if (name == name_end || (p = expect_slash (p, end)) == NULL)
    goto bad;
  version = p;
  version_end = p = scan_token (p, end);
  if (version == version_end || (p = expect_slash (p, end)) == NULL)
    goto bad;
  transport = p;
  transport_end = p = scan_token (p, end);
  if (transport == transport_end || p == end
      || !GST_SIP_CC_IS (*p, GST_SIP_CC_WS))
    goto bad;
  p = gst_sip_skip_ws (p, end);

  if (name_end - name == 3 && gst_sip_ascii_case_equal (name, "SIP", 3)
      && version_end - version == 3 && memcmp (version, "2.0", 3) == 0)
    out->protocol = "SIP/2.0";
  else
    out->protocol = gst_sip_arena_printf (arena, "%.*s/%.*s",
        (gint) (name_end - name), name, (gint) (version_end - version),
        version);
  out->transport = gst_sip_arena_strndup (arena, transport,
      transport_end - transport);

  name = p;
  p = gst_sip_scan_hostport (p, end, &host_end, &out->port);
  if (p == NULL)
    goto bad;
  out->host = gst_sip_arena_strndup (arena, name, host_end - name);

  if (!gst_sip_parse_generic_params (arena, p, end, &out->params,
          &out->n_params, reason))
    return FALSE;
  branch = gst_sip_params_find (out->params, out->n_params, "branch");
  out->branch = branch ? branch->value : NULL;
  return TRUE;

bad:
  *reason = "Bad Via header";
  return FALSE;
}

const gchar *
gst_sip_via_get_param (const GstSipVia * via, const gchar * name)
{
  const GstSipParam *param = gst_sip_params_find (via->params, via->n_params,
      name);

  return param ? param->value : NULL;
}

/* CSeq = 1*DIGIT LWS Method; the number is below 2**31 (§8.1.1.5). */
static gboolean
index_cseq (GstSipMessage * msg, const gchar * value)
{
  const gchar *end = value + strlen (value);
  const gchar *p = value, *method;
  guint64 number;

  while (p < end && GST_SIP_CC_IS (*p, GST_SIP_CC_DIGIT))
    p++;
  if (!gst_sip_parse_uint (value, p, G_MAXINT32, &number))
    return FALSE;
  method = gst_sip_skip_ws (p, end);
  if (method == p || method == end || scan_token (method, end) != end)
    return FALSE;
  msg->cseq = number;
  msg->cseq_method_name = method;
  msg->cseq_method = gst_sip_method_from_string (method, end - method);
  return TRUE;
}

/* Call-ID = word [ "@" word ]: printable, no whitespace (§25.1). */
static gboolean
call_id_valid (const gchar * value)
{
  const guchar *p = (const guchar *) value;

  if (*p == '\0')
    return FALSE;
  for (; *p; p++) {
    if (*p <= ' ' || *p >= 0x7f)
      return FALSE;
  }
  return TRUE;
}

static gboolean
parse_number (const gchar * value, guint64 max, guint64 * number)
{
  return gst_sip_parse_uint (value, value + strlen (value), max, number);
}

static gboolean
index_name_addr (GstSipMessage * msg, const gchar * value,
    GstSipNameAddr ** view, const gchar ** tag)
{
  GstSipNameAddr *na = gst_sip_arena_alloc0 (msg->arena, sizeof (*na));
  const gchar *reason;

  if (!gst_sip_name_addr_parse_into (msg->arena, value, -1, na, &reason))
    return FALSE;
  *view = na;
  *tag = gst_sip_name_addr_get_param (na, "tag");
  return TRUE;
}

static gboolean
index_contact (GstSipMessage * msg, const gchar * value)
{
  const gchar *reason;

  if (value[0] == '*' && value[1] == '\0') {
    msg->contact_star = TRUE;
    return TRUE;
  }
  return gst_sip_name_addr_parse_into (msg->arena, value, -1,
      &msg->contacts[msg->n_contacts++], &reason);
}

/* Indexes one entry; returns the reason if it does not parse. Singleton
 * fields are read from their first entry (validate rejects duplicates). */
static const gchar *
index_header (GstSipMessage * msg, const GstSipHeader * h)
{
  const gchar *reason;
  guint64 number;

  switch (h->id) {
    case GST_SIP_HEADER_CALL_ID:
      if (msg->call_id)
        return NULL;
      if (!call_id_valid (h->value))
        return "Bad Call-ID";
      msg->call_id = h->value;
      return NULL;
    case GST_SIP_HEADER_CSEQ:
      if (msg->cseq_method_name)
        return NULL;
      return index_cseq (msg, h->value) ? NULL : "Bad CSeq";
    case GST_SIP_HEADER_FROM:
      if (msg->from)
        return NULL;
      return index_name_addr (msg, h->value, &msg->from, &msg->from_tag) ?
          NULL : "Bad From header";
    case GST_SIP_HEADER_TO:
      if (msg->to)
        return NULL;
      return index_name_addr (msg, h->value, &msg->to, &msg->to_tag) ?
          NULL : "Bad To header";
    case GST_SIP_HEADER_VIA:
      if (!gst_sip_via_parse_into (msg->arena, h->value, -1,
              &msg->vias[msg->n_vias], &reason))
        return "Bad Via header";
      msg->n_vias++;
      return NULL;
    case GST_SIP_HEADER_CONTACT:
      return index_contact (msg, h->value) ? NULL : "Bad Contact header";
    case GST_SIP_HEADER_MAX_FORWARDS:
      /* 0-255 (§20.22) */
      if (msg->max_forwards >= 0)
        return NULL;
      if (!parse_number (h->value, 255, &number))
        return "Bad Max-Forwards";
      msg->max_forwards = number;
      return NULL;
    case GST_SIP_HEADER_CONTENT_LENGTH:
      if (msg->content_length >= 0)
        return NULL;
      if (!parse_number (h->value, G_MAXINT64 / 10, &number))
        return "Bad Content-Length";
      msg->content_length = number;
      return NULL;
    case GST_SIP_HEADER_CONTENT_TYPE:
      if (msg->content_type == NULL)
        msg->content_type = h->value;
      return NULL;
    case GST_SIP_HEADER_EXPIRES:
      if (msg->expires >= 0)
        return NULL;
      /* delta-seconds; larger values than 2**32-1 mean 2**32-1 (§20.19,
       * §25.1), so only the syntax can fail. */
      if (!parse_number (h->value, G_MAXINT64 / 10, &number))
        return "Bad Expires";
      msg->expires = MIN (number, G_MAXUINT32);
      return NULL;
    default:
      return NULL;
  }
}

gboolean
gst_sip_message_index (GstSipMessage * msg, const gchar ** reason)
{
  guint i, n_vias = 0, n_contacts = 0;

  g_return_val_if_fail (msg != NULL, FALSE);
  gst_sip_message_clear_views (msg);

  for (i = 0; i < msg->n_headers; i++) {
    if (msg->headers[i].id == GST_SIP_HEADER_VIA)
      n_vias++;
    else if (msg->headers[i].id == GST_SIP_HEADER_CONTACT)
      n_contacts++;
  }
  if (n_vias)
    msg->vias = gst_sip_arena_alloc0 (msg->arena, n_vias * sizeof (GstSipVia));
  if (n_contacts)
    msg->contacts = gst_sip_arena_alloc0 (msg->arena,
        n_contacts * sizeof (GstSipNameAddr));

  for (i = 0; i < msg->n_headers; i++) {
    const gchar *error = index_header (msg, &msg->headers[i]);

    /* Keep going: the other views help to answer with a 400. */
    if (error && msg->index_error == NULL)
      msg->index_error = error;
  }
  if (msg->index_error && reason)
    *reason = msg->index_error;
  return msg->index_error == NULL;
}
