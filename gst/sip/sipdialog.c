/* gst-jssip: SIP core
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/sip/sipdialog.h>
#include <gst/sip/siprequest.h>

struct _GstSipDialog
{
  GstSipDialogState state;
  gboolean is_uac;
  gchar *id;
  gchar *call_id;
  gchar *local_tag;
  gchar *remote_tag;
  gchar *local_party;           /* From of our requests, with our tag */
  gchar *remote_party;          /* To of our requests, with the peer's tag */
  gchar *local_contact;         /* Contact value of our target refreshes */
  guint32 local_cseq;
  guint32 remote_cseq;
  gboolean has_remote_cseq;
  gchar *remote_target;
  GPtrArray *route_set;         /* gchar *, Route values in sending order */
};

static gchar *
make_id (const gchar * call_id, const gchar * local_tag,
    const gchar * remote_tag)
{
  return g_strdup_printf ("%s %s %s", call_id, local_tag, remote_tag);
}

static gchar *
contact_uri (const GstSipMessage * msg)
{
  return gst_sip_uri_to_string (&msg->contacts[0].uri);
}

/* §12.1.1/§12.1.2: the Record-Route values, as received for the UAS and
 * reversed for the UAC, so that either way the first entry is the next
 * hop towards the peer. */
static void
set_route_set (GstSipDialog * dialog, const GstSipMessage * msg)
{
  guint i;

  g_ptr_array_set_size (dialog->route_set, 0);
  for (i = 0; i < msg->n_headers; i++) {
    const GstSipHeader *h = &msg->headers[i];

    if (h->id != GST_SIP_HEADER_RECORD_ROUTE)
      continue;
    if (dialog->is_uac)
      g_ptr_array_insert (dialog->route_set, 0, g_strdup (h->value));
    else
      g_ptr_array_add (dialog->route_set, g_strdup (h->value));
  }
}

static void
set_remote_target (GstSipDialog * dialog, const GstSipMessage * msg)
{
  g_free (dialog->remote_target);
  dialog->remote_target = contact_uri (msg);
}

static GstSipDialog *
dialog_new (gboolean is_uac, const GstSipMessage * response)
{
  GstSipDialog *dialog = g_new0 (GstSipDialog, 1);

  dialog->is_uac = is_uac;
  dialog->state = response->status_code < 200 ?
      GST_SIP_DIALOG_STATE_EARLY : GST_SIP_DIALOG_STATE_CONFIRMED;
  dialog->call_id = g_strdup (response->call_id);
  dialog->route_set = g_ptr_array_new_with_free_func (g_free);
  return dialog;
}

static gboolean
creates_dialog (const GstSipMessage * request, const GstSipMessage * response)
{
  return request->method == GST_SIP_METHOD_INVITE
      && response->status_code > 100 && response->status_code < 300;
}

GstSipDialog *
gst_sip_dialog_new_uac (const GstSipMessage * request,
    const GstSipMessage * response, const gchar ** reason)
{
  GstSipDialog *dialog;

  g_return_val_if_fail (creates_dialog (request, response), NULL);
  if (response->to_tag == NULL) {
    *reason = "Missing To tag";
    return NULL;
  }
  if (response->n_contacts == 0) {
    *reason = "Missing Contact header field";
    return NULL;
  }
  dialog = dialog_new (TRUE, response);
  dialog->local_tag = g_strdup (request->from_tag);
  dialog->remote_tag = g_strdup (response->to_tag);
  dialog->local_party = g_strdup (gst_sip_message_get_header (request,
          GST_SIP_HEADER_FROM));
  dialog->remote_party = g_strdup (gst_sip_message_get_header (response,
          GST_SIP_HEADER_TO));
  dialog->local_contact = g_strdup (gst_sip_message_get_header (request,
          GST_SIP_HEADER_CONTACT));
  dialog->local_cseq = request->cseq;
  set_remote_target (dialog, response);
  set_route_set (dialog, response);
  dialog->id = make_id (dialog->call_id, dialog->local_tag, dialog->remote_tag);
  return dialog;
}

GstSipDialog *
gst_sip_dialog_new_uas (const GstSipMessage * request,
    const GstSipMessage * response, const gchar ** reason)
{
  GstSipDialog *dialog;

  g_return_val_if_fail (creates_dialog (request, response), NULL);
  if (request->n_contacts == 0) {
    *reason = "Missing Contact header field";
    return NULL;
  }
  if (response->to_tag == NULL) {
    *reason = "Missing To tag";
    return NULL;
  }
  dialog = dialog_new (FALSE, response);
  dialog->local_tag = g_strdup (response->to_tag);
  dialog->remote_tag = g_strdup (request->from_tag);
  dialog->local_party = g_strdup (gst_sip_message_get_header (response,
          GST_SIP_HEADER_TO));
  dialog->remote_party = g_strdup (gst_sip_message_get_header (request,
          GST_SIP_HEADER_FROM));
  dialog->local_contact = g_strdup (gst_sip_message_get_header (response,
          GST_SIP_HEADER_CONTACT));
  /* §12.1.1: our CSeq space starts anywhere; JsSIP picks it at random. */
  dialog->local_cseq = gst_sip_generate_cseq ();
  dialog->remote_cseq = request->cseq;
  dialog->has_remote_cseq = TRUE;
  set_remote_target (dialog, request);
  set_route_set (dialog, request);
  dialog->id = make_id (dialog->call_id, dialog->local_tag, dialog->remote_tag);
  return dialog;
}

void
gst_sip_dialog_free (GstSipDialog * dialog)
{
  if (dialog == NULL)
    return;
  g_free (dialog->id);
  g_free (dialog->call_id);
  g_free (dialog->local_tag);
  g_free (dialog->remote_tag);
  g_free (dialog->local_party);
  g_free (dialog->remote_party);
  g_free (dialog->local_contact);
  g_free (dialog->remote_target);
  g_ptr_array_unref (dialog->route_set);
  g_free (dialog);
}

gchar *
gst_sip_dialog_id_for_message (const GstSipMessage * msg)
{
  if (msg->call_id == NULL || msg->from_tag == NULL || msg->to_tag == NULL)
    return NULL;
  if (msg->is_request)
    return make_id (msg->call_id, msg->to_tag, msg->from_tag);
  return make_id (msg->call_id, msg->from_tag, msg->to_tag);
}

static gboolean
message_in_dialog (GstSipDialog * dialog, const GstSipMessage * msg)
{
  g_autofree gchar *id = gst_sip_dialog_id_for_message (msg);

  return g_strcmp0 (id, dialog->id) == 0;
}

static gboolean
is_target_refresh (GstSipMethod method)
{
  return method == GST_SIP_METHOD_INVITE || method == GST_SIP_METHOD_UPDATE;
}

gboolean
gst_sip_dialog_receive_response (GstSipDialog * dialog,
    const GstSipMessage * response)
{
  guint code = response->status_code;

  if (!message_in_dialog (dialog, response))
    return FALSE;
  if (code < 200 || code >= 300 || !is_target_refresh (response->cseq_method))
    return TRUE;
  if (dialog->is_uac && dialog->state == GST_SIP_DIALOG_STATE_EARLY
      && response->cseq_method == GST_SIP_METHOD_INVITE) {
    dialog->state = GST_SIP_DIALOG_STATE_CONFIRMED;
    set_route_set (dialog, response);
  }
  if (response->n_contacts > 0)
    set_remote_target (dialog, response);
  return TRUE;
}

void
gst_sip_dialog_confirm (GstSipDialog * dialog)
{
  dialog->state = GST_SIP_DIALOG_STATE_CONFIRMED;
}

guint
gst_sip_dialog_receive_request (GstSipDialog * dialog,
    const GstSipMessage * request)
{
  if (request->method == GST_SIP_METHOD_ACK
      || request->method == GST_SIP_METHOD_CANCEL)
    return 0;
  if (dialog->has_remote_cseq && request->cseq < dialog->remote_cseq)
    return 500;
  dialog->remote_cseq = request->cseq;
  dialog->has_remote_cseq = TRUE;
  /* §12.2.2: the target is refreshed on receipt of the request. */
  if (is_target_refresh (request->method) && request->n_contacts > 0)
    set_remote_target (dialog, request);
  return 0;
}

static gboolean
needs_contact (GstSipMethod method)
{
  switch (method) {
    case GST_SIP_METHOD_INVITE:
    case GST_SIP_METHOD_UPDATE:
    case GST_SIP_METHOD_SUBSCRIBE:
    case GST_SIP_METHOD_NOTIFY:
    case GST_SIP_METHOD_REFER:
      return TRUE;
    default:
      return FALSE;
  }
}

/* The URI of a route entry as a Request-URI: without URI headers, which a
 * Request-URI may not carry (§19.1.1). NULL if the entry does not parse. */
static gchar *
route_uri (const gchar * route, gboolean * loose)
{
  GstSipArena *arena = gst_sip_arena_new (256);
  GstSipNameAddr na;
  const gchar *reason;
  gchar *uri = NULL;

  if (gst_sip_name_addr_parse_into (arena, route, -1, &na, &reason)) {
    *loose = gst_sip_uri_has_param (&na.uri, "lr");
    na.uri.headers = NULL;
    na.uri.n_headers = 0;
    uri = gst_sip_uri_to_string (&na.uri);
  }
  gst_sip_arena_free (arena);
  return uri;
}

/* §12.2.1.1: with a loose first route, the request goes to the remote
 * target through the whole route set; with a strict one (RFC 2543), the
 * first route becomes the Request-URI and the remote target the last
 * Route. */
static GstSipMessage *
request_new_routed (GstSipDialog * dialog, GstSipMethod method)
{
  GstSipMessage *req;
  g_autofree gchar *first_uri = NULL;
  gboolean loose = TRUE;
  guint i;

  if (dialog->route_set->len > 0)
    first_uri = route_uri (g_ptr_array_index (dialog->route_set, 0), &loose);
  if (first_uri == NULL || loose) {
    req = gst_sip_message_new_request (method, dialog->remote_target);
    for (i = 0; i < dialog->route_set->len; i++)
      gst_sip_message_add_header (req, GST_SIP_HEADER_ROUTE,
          g_ptr_array_index (dialog->route_set, i));
    return req;
  }
  req = gst_sip_message_new_request (method, first_uri);
  for (i = 1; i < dialog->route_set->len; i++)
    gst_sip_message_add_header (req, GST_SIP_HEADER_ROUTE,
        g_ptr_array_index (dialog->route_set, i));
  gst_sip_message_add_header_printf (req, GST_SIP_HEADER_ROUTE, "<%s>",
      dialog->remote_target);
  return req;
}

static GstSipMessage *
request_new_in_dialog (GstSipDialog * dialog, GstSipMethod method, guint32 cseq)
{
  GstSipMessage *req = request_new_routed (dialog, method);

  if (req == NULL)
    return NULL;
  gst_sip_message_add_header_printf (req, GST_SIP_HEADER_MAX_FORWARDS, "%d",
      GST_SIP_DEFAULT_MAX_FORWARDS);
  gst_sip_message_add_header (req, GST_SIP_HEADER_TO, dialog->remote_party);
  gst_sip_message_add_header (req, GST_SIP_HEADER_FROM, dialog->local_party);
  gst_sip_message_add_header (req, GST_SIP_HEADER_CALL_ID, dialog->call_id);
  gst_sip_message_add_header_printf (req, GST_SIP_HEADER_CSEQ, "%u %s", cseq,
      gst_sip_method_to_string (method));
  if (needs_contact (method) && dialog->local_contact)
    gst_sip_message_add_header (req, GST_SIP_HEADER_CONTACT,
        dialog->local_contact);
  gst_sip_message_index (req, NULL);
  return req;
}

GstSipMessage *
gst_sip_dialog_new_request (GstSipDialog * dialog, GstSipMethod method)
{
  g_return_val_if_fail (method != GST_SIP_METHOD_ACK
      && method != GST_SIP_METHOD_CANCEL, NULL);
  return request_new_in_dialog (dialog, method, ++dialog->local_cseq);
}

GstSipMessage *
gst_sip_dialog_new_ack (GstSipDialog * dialog, guint32 invite_cseq)
{
  return request_new_in_dialog (dialog, GST_SIP_METHOD_ACK, invite_cseq);
}

const gchar *
gst_sip_dialog_get_id (GstSipDialog * dialog)
{
  return dialog->id;
}

GstSipDialogState
gst_sip_dialog_get_state (GstSipDialog * dialog)
{
  return dialog->state;
}

gboolean
gst_sip_dialog_is_uac (GstSipDialog * dialog)
{
  return dialog->is_uac;
}

const gchar *
gst_sip_dialog_get_call_id (GstSipDialog * dialog)
{
  return dialog->call_id;
}

const gchar *
gst_sip_dialog_get_local_tag (GstSipDialog * dialog)
{
  return dialog->local_tag;
}

const gchar *
gst_sip_dialog_get_remote_tag (GstSipDialog * dialog)
{
  return dialog->remote_tag;
}

const gchar *
gst_sip_dialog_get_local_party (GstSipDialog * dialog)
{
  return dialog->local_party;
}

const gchar *
gst_sip_dialog_get_remote_party (GstSipDialog * dialog)
{
  return dialog->remote_party;
}

guint32
gst_sip_dialog_get_local_cseq (GstSipDialog * dialog)
{
  return dialog->local_cseq;
}

gboolean
gst_sip_dialog_get_remote_cseq (GstSipDialog * dialog, guint32 * cseq)
{
  if (dialog->has_remote_cseq)
    *cseq = dialog->remote_cseq;
  return dialog->has_remote_cseq;
}

const gchar *
gst_sip_dialog_get_remote_target (GstSipDialog * dialog)
{
  return dialog->remote_target;
}

guint
gst_sip_dialog_get_n_routes (GstSipDialog * dialog)
{
  return dialog->route_set->len;
}

const gchar *
gst_sip_dialog_get_route (GstSipDialog * dialog, guint nth)
{
  g_return_val_if_fail (nth < dialog->route_set->len, NULL);
  return g_ptr_array_index (dialog->route_set, nth);
}
