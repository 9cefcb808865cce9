/* gst-jssip: SIP core
 *
 * The checks a user agent applies to every message from the network,
 * after parsing: framing and limits are the parser's; this adds the
 * mandatory header fields (RFC 3261 §8.1.1), their uniqueness, CSeq and
 * method agreement (§8.1.1.5), Via count in responses (§8.1.3.3) and the
 * structured views that did not parse.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/sip/sipmessage.h>

typedef struct
{
  GstSipHeaderId id;
  const gchar *missing;
  const gchar *duplicate;
} SingletonRule;

/* Fields every request and response carries exactly once (§8.1.1,
 * §20: one value each). Via is mandatory but may repeat. */
static const SingletonRule mandatory[] = {
  {GST_SIP_HEADER_TO, "Missing To", "Duplicate To"},
  {GST_SIP_HEADER_FROM, "Missing From", "Duplicate From"},
  {GST_SIP_HEADER_CSEQ, "Missing CSeq", "Duplicate CSeq"},
  {GST_SIP_HEADER_CALL_ID, "Missing Call-ID", "Duplicate Call-ID"},
};

/* Fields that are optional but single-valued. */
static const SingletonRule optional[] = {
  {GST_SIP_HEADER_MAX_FORWARDS, NULL, "Duplicate Max-Forwards"},
  {GST_SIP_HEADER_CONTENT_TYPE, NULL, "Duplicate Content-Type"},
  {GST_SIP_HEADER_EXPIRES, NULL, "Duplicate Expires"},
};

static const gchar *
check_singletons (const GstSipMessage * msg, const SingletonRule * rules,
    guint n_rules)
{
  guint i;

  for (i = 0; i < n_rules; i++) {
    guint count = gst_sip_message_count_headers (msg, rules[i].id);

    if (count == 0 && rules[i].missing)
      return rules[i].missing;
    if (count > 1)
      return rules[i].duplicate;
  }
  return NULL;
}

static const gchar *
check_request (const GstSipMessage * msg)
{
  if (msg->max_forwards < 0)
    return "Missing Max-Forwards";
  /* The CSeq method equals the request method, ACK and CANCEL included
   * (§8.1.1.5, §9.1, §17.1.1.3). */
  if (g_strcmp0 (msg->cseq_method_name, msg->method_name) != 0)
    return "CSeq method mismatch";
  return NULL;
}

static const gchar *
check_response (const GstSipMessage * msg)
{
  /* A UAC discards a response with more than one Via (§8.1.3.3). */
  if (msg->n_vias > 1)
    return "Too many Via headers";
  return NULL;
}

static const gchar *
check_message (const GstSipMessage * msg)
{
  const gchar *error;

  if (msg->index_error)
    return msg->index_error;
  if ((error = check_singletons (msg, mandatory, G_N_ELEMENTS (mandatory))))
    return error;
  if ((error = check_singletons (msg, optional, G_N_ELEMENTS (optional))))
    return error;
  if (msg->n_vias == 0)
    return "Missing Via";
  /* "Contact: *" only unregisters all bindings, alone (§10.2.2). */
  if (msg->contact_star && (msg->n_contacts > 0
          || msg->method != GST_SIP_METHOD_REGISTER))
    return "Bad Contact header";
  /* §7.4.1: a non-empty body comes with its Content-Type. */
  if (msg->body_length > 0 && msg->content_type == NULL)
    return "Missing Content-Type";
  return msg->is_request ? check_request (msg) : check_response (msg);
}

gboolean
gst_sip_message_validate (const GstSipMessage * msg, const gchar ** reason)
{
  const gchar *error;

  g_return_val_if_fail (msg != NULL, FALSE);
  error = check_message (msg);
  if (error && reason)
    *reason = error;
  return error == NULL;
}
