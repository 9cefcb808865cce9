/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <gst/sip/sipcauses.h>
#include <gst/sip/sipdialog.h>
#include <gst/sip/siprequest.h>

#include "jssipcallerror.h"
#include "jssipcauses.h"
#include "jssipinvitedialog.h"
#include "jssiprtpwatch.h"
#include "jssipsessiontimer.h"
#include "jssipsettings.h"

GST_DEBUG_CATEGORY_STATIC (jssip_invite_dialog_debug);
#define GST_CAT_DEFAULT jssip_invite_dialog_debug

#define SDP_CONTENT_TYPE "application/sdp"
/* JsSIP's Supported for INVITE and its responses (JsSIP
 * 3.x); "timer" leads it when session timers are on. */
#define INVITE_SUPPORTED "ice,replaces,outbound"
#define INVITE_SUPPORTED_TIMER "timer," INVITE_SUPPORTED
#define DEFAULT_REJECT_STATUS 480

typedef enum
{
  ORIGINATOR_LOCAL,
  ORIGINATOR_REMOTE,
  ORIGINATOR_SYSTEM,
} Originator;

static const gchar *const originator_names[] = { "local", "remote", "system" };

struct _JsSipInviteDialog
{
  JsSipUa *ua;
  JsSipMedia *media;
  JsSipInviteDialogCallbacks callbacks;
  gpointer user_data;

  JsSipCallInfo info;
  GstSipDialog *dialog;
  gchar **extra_headers;
  GCancellable *cancellable;
  /* An offer or answer is being made: freeing waits for its callback. */
  gboolean media_busy;
  gboolean freed;
  gboolean over;
  JsSipSessionTimer *session_timer;     /* RFC 4028, NULL when off */
  JsSipRtpWatch *rtp_watch;     /* once confirmed */

  /* Outgoing */
  gchar *target;                /* Request-URI */
  gchar *from_tag;
  JsSipUaRequest *invite_request;
  GstSipTransaction *cancel_ct;
  gboolean answer_applied;
  gboolean canceled;            /* terminate() before the answer */

  /* Incoming */
  GstSipTransaction *invite_st;
  GstSipMessage *invite;
  gchar *local_tag;
  guint no_answer_timer;
  guint ack_timer;
  gboolean late_offer;          /* the INVITE had no SDP: we offer in the 200 */
};

static void session_destroy (JsSipInviteDialog * self);

/* ------------------------------------------------------------ reporting */

static const gchar *
direction_name (JsSipDirection direction)
{
  return direction == JSSIP_DIRECTION_INCOMING ? "incoming" : "outgoing";
}

static void
info_changed (JsSipInviteDialog * self)
{
  self->callbacks.info_changed (self, &self->info, self->user_data);
}

static void
set_state (JsSipInviteDialog * self, JsSipCallState state)
{
  GST_DEBUG ("call %s: state %d -> %d", self->info.call_id, self->info.state,
      state);
  self->info.state = state;
  info_changed (self);
}

/* Posts "jssip-session-@name". @message, when the originator is remote, is
 * the request or response behind the event (JsSIP 0.2's request/response);
 * a response also gives status-code and reason-phrase. */
static void
emit (JsSipInviteDialog * self, const gchar * name, Originator originator,
    const GstSipMessage * message, const gchar * cause)
{
  g_autofree gchar *full_name = g_strconcat ("jssip-session-", name, NULL);
  GstStructure *s = gst_structure_new (full_name,
      "originator", G_TYPE_STRING, originator_names[originator],
      "call-id", G_TYPE_STRING, self->info.call_id,
      "direction", G_TYPE_STRING, direction_name (self->info.direction),
      "remote-identity", G_TYPE_STRING, self->info.remote_identity,
      NULL);

  if (cause)
    gst_structure_set (s, "cause", G_TYPE_STRING, cause, NULL);
  if (message) {
    g_autofree gchar *text = gst_sip_message_to_string (message, NULL);

    if (!message->is_request)
      gst_structure_set (s, "status-code", G_TYPE_UINT, message->status_code,
          "reason-phrase", G_TYPE_STRING, message->reason_phrase, NULL);
    gst_structure_set (s, message->is_request ? "request" : "response",
        G_TYPE_STRING, text, "message", G_TYPE_STRING, text, NULL);
  }
  self->callbacks.event (self, s, self->user_data);
}

static void
stop_timers (JsSipInviteDialog * self)
{
  const GstSipClock *clock = jssip_ua_get_clock (self->ua);

  gst_sip_clock_clear_timeout (clock, &self->no_answer_timer);
  gst_sip_clock_clear_timeout (clock, &self->ack_timer);
  g_clear_pointer (&self->rtp_watch, jssip_rtp_watch_free);
}

/* The session is over: "failed" when it never got established, "ended"
 * when it did (JsSIP sets end_time on "ended" only). */
static void
finish (JsSipInviteDialog * self, gboolean established, Originator originator,
    const GstSipMessage * message, const gchar * cause)
{
  if (self->over)
    return;
  self->over = TRUE;
  stop_timers (self);
  if (self->session_timer)
    jssip_session_timer_stop (self->session_timer);
  g_cancellable_cancel (self->cancellable);
  if (established)
    self->info.end_time = g_date_time_new_now_utc ();
  set_state (self, self->canceled ? JSSIP_CALL_STATE_CANCELED :
      JSSIP_CALL_STATE_TERMINATED);
  emit (self, established ? "ended" : "failed", originator, message, cause);
}

static gboolean
is_established (JsSipInviteDialog * self)
{
  switch (self->info.state) {
    case JSSIP_CALL_STATE_ANSWERED:
    case JSSIP_CALL_STATE_WAITING_FOR_ACK:
    case JSSIP_CALL_STATE_CONFIRMED:
      return TRUE;
    default:
      return FALSE;
  }
}

static void
start (JsSipInviteDialog * self)
{
  self->info.start_time = g_date_time_new_now_utc ();
}

/* ------------------------------------------------------------- messages */

/* "Display" <uri>, or the bare URI: the identity without tag or params. */
static gchar *
identity_of (const GstSipNameAddr * party)
{
  g_autofree gchar *uri = gst_sip_uri_to_string (&party->uri);

  if (party->display_name && *party->display_name)
    return g_strdup_printf ("\"%s\" <%s>", party->display_name, uri);
  return g_steal_pointer (&uri);
}

static const gchar *
sdp_of (const GstSipMessage * msg)
{
  if (!msg->body || msg->body_length == 0 || !msg->content_type
      || g_ascii_strcasecmp (msg->content_type, SDP_CONTENT_TYPE) != 0)
    return NULL;
  return msg->body;
}

static void
add_contact (JsSipInviteDialog * self, GstSipMessage * msg, gboolean outbound)
{
  /* RFC 5626 §5.4 (";ob"): the UAC's Contact of a dialog-forming request;
   * JsSIP's responses carry the plain Contact. */
  gst_sip_message_add_header_printf (msg, GST_SIP_HEADER_CONTACT, "<%s%s>",
      jssip_ua_get_contact_uri (self->ua), outbound ? ";ob" : "");
}

static const gchar *
invite_supported (JsSipInviteDialog * self)
{
  return self->session_timer ? INVITE_SUPPORTED_TIMER : INVITE_SUPPORTED;
}

static void
add_reason (GstSipMessage * msg, guint status_code, const gchar * reason)
{
  /* RFC 3326 */
  if (status_code)
    gst_sip_message_add_header_printf (msg, GST_SIP_HEADER_REASON,
        "SIP ;cause=%u ;text=\"%s\"", status_code, reason ? reason : "");
}

/* Sends BYE in the dialog; its answer changes nothing for us. */
static void
send_bye (JsSipInviteDialog * self, GstSipDialog * dialog,
    guint status_code, const gchar * reason, const gchar * const *extra)
{
  static const JsSipUaRequestCallbacks ignore = { NULL, NULL };
  GstSipMessage *bye = gst_sip_dialog_new_request (dialog, GST_SIP_METHOD_BYE);

  jssip_ua_add_common_headers (self->ua, bye);
  add_reason (bye, status_code, reason);
  jssip_ua_add_header_lines (bye, extra);
  jssip_ua_send_request (self->ua, bye, &ignore, NULL);
}

static void
send_ack (JsSipInviteDialog * self, GstSipDialog * dialog, guint32 cseq)
{
  GstSipMessage *ack = gst_sip_dialog_new_ack (dialog, cseq);

  jssip_ua_add_common_headers (self->ua, ack);
  jssip_ua_send_ack (self->ua, ack);
}

/* JsSIP ends a call whose media connection failed as its terminate() would,
 * with a BYE saying why: "ended", local, "RTP Timeout". */
static void
on_rtp_timeout (gpointer user_data)
{
  JsSipInviteDialog *self = user_data;

  send_bye (self, self->dialog, 408, JSSIP_CAUSE_RTP_TIMEOUT, NULL);
  finish (self, TRUE, ORIGINATOR_LOCAL, NULL, JSSIP_CAUSE_RTP_TIMEOUT);
}

/* The call is confirmed: from now on a far side that vanishes without a
 * BYE (its process killed) is noticed by its media going silent. */
static void
watch_rtp (JsSipInviteDialog * self)
{
  self->rtp_watch = jssip_rtp_watch_new (self->media,
      jssip_ua_get_clock (self->ua), JSSIP_RTP_WATCH_DEFAULT_TIMEOUT_MS,
      on_rtp_timeout, self);
}

/* --------------------------------------------------------------- UAC side */

static void
invite_failed (JsSipUaRequest * request, const gchar * cause,
    gpointer user_data)
{
  JsSipInviteDialog *self = user_data;

  self->invite_request = NULL;
  finish (self, is_established (self), ORIGINATOR_SYSTEM, NULL, cause);
}

/* A 2xx we do not want (another fork, or one racing our CANCEL): RFC 3261
 * §13.2.2.4 asks for its ACK, and a BYE ends the dialog it made. */
static void
ack_and_bye (JsSipInviteDialog * self, const GstSipMessage * response)
{
  const gchar *reason = NULL;
  g_autoptr (GstSipDialog) dialog =
      gst_sip_dialog_new_uac (jssip_ua_request_get_message
      (self->invite_request), response, &reason);

  if (!dialog) {
    GST_WARNING ("cannot end a stray 2xx: %s", reason);
    return;
  }
  send_ack (self, dialog, response->cseq);
  send_bye (self, dialog, 0, NULL, NULL);
}

static gboolean
same_dialog (GstSipDialog * dialog, const GstSipMessage * response)
{
  return dialog && g_strcmp0 (gst_sip_dialog_get_remote_tag (dialog),
      response->to_tag) == 0;
}

/* The answer in a 18x or 2xx, applied once (webrtcbin takes one answer). */
static gboolean
apply_answer (JsSipInviteDialog * self, const GstSipMessage * response)
{
  const gchar *sdp = sdp_of (response);
  g_autoptr (GError) error = NULL;

  if (!sdp || self->answer_applied)
    return TRUE;
  if (!jssip_media_set_remote_answer (self->media, sdp, &error)) {
    GST_WARNING ("the remote answer was refused: %s", error->message);
    return FALSE;
  }
  self->answer_applied = TRUE;
  return TRUE;
}

static void
early_dialog (JsSipInviteDialog * self, const GstSipMessage * response)
{
  const gchar *reason = NULL;

  if (self->dialog)
    return;
  self->dialog = gst_sip_dialog_new_uac (jssip_ua_request_get_message
      (self->invite_request), response, &reason);
  if (!self->dialog)
    GST_DEBUG ("no early dialog: %s", reason);
}

static void
receive_provisional (JsSipInviteDialog * self, const GstSipMessage * response)
{
  /* JsSIP: a 100, or a 1xx without To tag, only changes nothing. */
  if (response->status_code == 100 || !response->to_tag || self->canceled)
    return;
  early_dialog (self, response);
  /* Early media without PRACK: the SDP of a 18x is the answer. */
  apply_answer (self, response);
  set_state (self, JSSIP_CALL_STATE_1XX_RECEIVED);
  emit (self, "progress", ORIGINATOR_REMOTE, response, NULL);
}

static void
receive_success (JsSipInviteDialog * self, const GstSipMessage * response)
{
  const gchar *reason = NULL;

  /* RFC 3261 §13.2.2.4: every 2xx gets an ACK; once we have our dialog, a
   * retransmission of its 2xx only that, any other 2xx (another fork, or
   * one racing our CANCEL) a BYE too, as JsSIP does. */
  if (self->over || self->canceled
      || self->info.state == JSSIP_CALL_STATE_CONFIRMED) {
    if (same_dialog (self->dialog, response)
        && gst_sip_dialog_get_state (self->dialog) ==
        GST_SIP_DIALOG_STATE_CONFIRMED)
      send_ack (self, self->dialog, response->cseq);    /* a retransmission */
    else
      ack_and_bye (self, response);
    return;
  }

  if (same_dialog (self->dialog, response))
    gst_sip_dialog_receive_response (self->dialog, response);
  else {
    g_clear_pointer (&self->dialog, gst_sip_dialog_free);
    self->dialog = gst_sip_dialog_new_uac (jssip_ua_request_get_message
        (self->invite_request), response, &reason);
  }
  if (!self->dialog) {
    GST_WARNING ("2xx without a dialog: %s", reason);
    finish (self, FALSE, ORIGINATOR_REMOTE, response,
        GST_SIP_CAUSE_INTERNAL_ERROR);
    return;
  }

  send_ack (self, self->dialog, response->cseq);
  if (!self->answer_applied && !sdp_of (response)) {
    send_bye (self, self->dialog, 400, "Missing SDP", NULL);
    finish (self, FALSE, ORIGINATOR_REMOTE, response,
        GST_SIP_CAUSE_BAD_MEDIA_DESCRIPTION);
    return;
  }
  if (!apply_answer (self, response)) {
    send_bye (self, self->dialog, 488, "Not Acceptable Here", NULL);
    finish (self, FALSE, ORIGINATOR_REMOTE, response,
        GST_SIP_CAUSE_BAD_MEDIA_DESCRIPTION);
    return;
  }

  if (self->session_timer)
    jssip_session_timer_take_success (self->session_timer, response);
  start (self);
  watch_rtp (self);
  set_state (self, JSSIP_CALL_STATE_CONFIRMED);
  /* JsSIP 0.2's "started", then 3.x's "confirmed" (our ACK went out). */
  emit (self, "started", ORIGINATOR_REMOTE, response, NULL);
  emit (self, "confirmed", ORIGINATOR_LOCAL, NULL, NULL);
}

static void resend_invite (JsSipInviteDialog * self,
    const GstSipMessage * sent);

static void
invite_response (JsSipUaRequest * request, const GstSipMessage * response,
    gboolean final, gpointer user_data)
{
  JsSipInviteDialog *self = user_data;

  if (response->status_code < 200)
    receive_provisional (self, response);
  else if (response->status_code < 300)
    receive_success (self, response);
  else if (response->status_code == 422 && self->session_timer && !self->over
      && jssip_session_timer_take_422 (self->session_timer, response))
    resend_invite (self, jssip_ua_request_get_message (request));
  else {
    /* The transaction ACKs it (§17.1.1.3); the request is done. */
    self->invite_request = NULL;
    /* After our CANCEL the 487 was expected: "failed" went out already. */
    finish (self, FALSE, ORIGINATOR_REMOTE, response,
        gst_sip_cause_from_status (response->status_code));
  }
}

static const JsSipUaRequestCallbacks invite_callbacks = {
  invite_response,
  invite_failed,
};

static GstSipMessage *
new_invite (JsSipInviteDialog * self, const gchar * offer, guint32 cseq)
{
  /* name-addr form: the URI's own parameters stay out of the To's. */
  g_autofree gchar *to = g_strdup_printf ("<%s>", self->target);
  GstSipMessage *invite = gst_sip_request_new_initial (GST_SIP_METHOD_INVITE,
      self->target, jssip_ua_get_local_identity (self->ua), self->from_tag,
      to, self->info.call_id, cseq);

  jssip_ua_add_common_headers (self->ua, invite);
  add_contact (self, invite, TRUE);
  gst_sip_message_add_header (invite, GST_SIP_HEADER_SUPPORTED,
      invite_supported (self));
  if (self->session_timer)
    jssip_session_timer_add_request_headers (self->session_timer, invite);
  jssip_ua_add_header_lines (invite, (const gchar * const *)
      self->extra_headers);
  gst_sip_message_set_body (invite, SDP_CONTENT_TYPE, offer, strlen (offer));
  return invite;
}

/* RFC 4028 §7.1: after a 422 the same INVITE, with the next CSeq, asks for
 * the interval the 422 named; the early dialog of a 1xx is no more. */
static void
resend_invite (JsSipInviteDialog * self, const GstSipMessage * sent)
{
  g_clear_pointer (&self->dialog, gst_sip_dialog_free);
  self->invite_request = jssip_ua_send_request (self->ua, new_invite (self,
          sent->body, sent->cseq + 1), &invite_callbacks, self);
  if (!self->invite_request)
    finish (self, FALSE, ORIGINATOR_SYSTEM, NULL, GST_SIP_CAUSE_INTERNAL_ERROR);
}

static void
send_invite (JsSipInviteDialog * self, const gchar * offer)
{
  self->invite_request = jssip_ua_send_request (self->ua, new_invite (self,
          offer, gst_sip_generate_cseq ()), &invite_callbacks, self);
  if (!self->invite_request) {
    finish (self, FALSE, ORIGINATOR_SYSTEM, NULL, GST_SIP_CAUSE_INTERNAL_ERROR);
    return;
  }
  set_state (self, JSSIP_CALL_STATE_INVITE_SENT);
  emit (self, "connecting", ORIGINATOR_LOCAL,
      jssip_ua_request_get_message (self->invite_request), NULL);
}

/* Freeing waits for the media callback; TRUE if the session is gone. */
static gboolean
media_done (JsSipInviteDialog * self)
{
  self->media_busy = FALSE;
  if (self->freed) {
    session_destroy (self);
    return TRUE;
  }
  return FALSE;
}

static const gchar *
media_error_cause (const GError * error)
{
  if (g_error_matches (error, JSSIP_MEDIA_ERROR,
          JSSIP_MEDIA_ERROR_INCOMPATIBLE))
    return GST_SIP_CAUSE_INCOMPATIBLE_SDP;
  if (g_error_matches (error, JSSIP_MEDIA_ERROR,
          JSSIP_MEDIA_ERROR_BAD_DESCRIPTION))
    return GST_SIP_CAUSE_BAD_MEDIA_DESCRIPTION;
  return JSSIP_CAUSE_WEBRTC_ERROR;
}

static void
on_offer (GObject * source, GAsyncResult * result, gpointer user_data)
{
  JsSipInviteDialog *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *offer =
      jssip_media_create_offer_finish (JSSIP_MEDIA (source), result, &error);

  if (media_done (self) || self->over)
    return;
  if (!offer) {
    GST_WARNING ("no offer: %s", error->message);
    finish (self, FALSE, ORIGINATOR_SYSTEM, NULL, media_error_cause (error));
    return;
  }
  send_invite (self, offer);
}

/* JsSIP's normalizeTarget(), as the `target` property takes it. */
static gchar *
normalize_target (JsSipUa * ua, const gchar * target, GError ** error)
{
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (GstSipUri) uri = jssip_settings_parse_target (target,
      jssip_ua_get_aor_string (ua), &parse_error);

  if (!uri) {
    g_set_error (error, JSSIP_CALL_ERROR, JSSIP_CALL_ERROR_INVALID_ARGUMENT,
        "invalid target: %s", parse_error ? parse_error->message : "none");
    return NULL;
  }
  return gst_sip_uri_to_string (uri);
}

static JsSipInviteDialog *
session_new (JsSipUa * ua, JsSipMedia * media, JsSipDirection direction,
    const JsSipInviteDialogCallbacks * callbacks, gpointer user_data)
{
  static gsize debug_initialized;
  JsSipInviteDialog *self = g_new0 (JsSipInviteDialog, 1);

  if (g_once_init_enter (&debug_initialized)) {
    GST_DEBUG_CATEGORY_INIT (jssip_invite_dialog_debug,
        "jssipinvitedialog", 0, "INVITE sessions (JsSIP's RTCSession)");
    g_once_init_leave (&debug_initialized, 1);
  }
  self->ua = g_object_ref (ua);
  self->media = g_object_ref (media);
  self->callbacks = *callbacks;
  self->user_data = user_data;
  self->cancellable = g_cancellable_new ();
  jssip_call_info_init (&self->info);
  self->info.direction = direction;
  return self;
}

JsSipInviteDialog *
jssip_invite_dialog_new_outgoing (JsSipUa * ua, JsSipMedia * media,
    const gchar * target, const gchar * const *extra_headers,
    const JsSipInviteDialogCallbacks * callbacks, gpointer user_data,
    GError ** error)
{
  g_autofree gchar *uri = normalize_target (ua, target, error);
  JsSipInviteDialog *self;

  if (!uri)
    return NULL;
  self = session_new (ua, media, JSSIP_DIRECTION_OUTGOING, callbacks,
      user_data);
  self->target = g_steal_pointer (&uri);
  self->extra_headers = g_strdupv ((gchar **) extra_headers);
  self->from_tag = gst_sip_generate_tag ();
  self->info.call_id = gst_sip_generate_call_id (NULL);
  self->info.local_identity = g_strdup (jssip_ua_get_aor_string (ua));
  self->info.remote_identity = g_strdup (self->target);
  info_changed (self);

  GST_INFO ("calling %s (call %s)", self->target, self->info.call_id);
  /* JsSIP fails a call whose INVITE cannot go out with "Connection Error";
   * no offer is made for it. */
  if (!jssip_ua_is_connected (ua)) {
    finish (self, FALSE, ORIGINATOR_SYSTEM, NULL,
        GST_SIP_CAUSE_CONNECTION_ERROR);
    return self;
  }
  self->media_busy = TRUE;
  jssip_media_create_offer_async (media, self->cancellable, on_offer, self);
  return self;
}

static gboolean
cancel_invite (JsSipInviteDialog * self, guint status_code,
    const gchar * reason_phrase)
{
  static const GstSipClientCallbacks ignore = { NULL, NULL };
  g_autofree gchar *reason = NULL;

  self->canceled = TRUE;
  if (self->invite_request) {
    if (status_code >= 200 && status_code < 700)
      reason = g_strdup_printf ("SIP ;cause=%u ;text=\"%s\"", status_code,
          reason_phrase ? reason_phrase : "");
    /* RFC 3261 §9.1: the layer holds it until a provisional response. */
    self->cancel_ct = gst_sip_transaction_layer_send_cancel
        (jssip_ua_get_transaction_layer (self->ua),
        jssip_ua_request_get_transaction (self->invite_request), reason,
        &ignore, NULL);
  }
  /* JsSIP: an outgoing call ended before the answer is "Canceled". */
  finish (self, FALSE, ORIGINATOR_LOCAL, NULL, GST_SIP_CAUSE_CANCELED);
  return TRUE;
}

/* --------------------------------------------------------------- UAS side */

/* Answers the INVITE; a 101..299 makes (or confirms) our dialog. */
static gboolean
respond_invite (JsSipInviteDialog * self, guint status_code,
    const gchar * reason_phrase, const gchar * sdp,
    const gchar * const *extra_headers)
{
  GstSipMessage *response = gst_sip_response_new_for_request (self->invite,
      status_code, reason_phrase, self->local_tag);
  const gchar *why = NULL;

  if (status_code > 100 && status_code < 300) {
    add_contact (self, response, FALSE);
    if (status_code >= 200)
      gst_sip_message_add_header (response, GST_SIP_HEADER_SUPPORTED,
          invite_supported (self));
    if (status_code >= 200 && self->session_timer)
      jssip_session_timer_answer (self->session_timer, self->invite, response);
  }
  jssip_ua_add_header_lines (response, extra_headers);
  if (sdp)
    gst_sip_message_set_body (response, SDP_CONTENT_TYPE, sdp, strlen (sdp));
  gst_sip_message_index (response, NULL);

  if (status_code > 100 && status_code < 300 && !self->dialog) {
    self->dialog = gst_sip_dialog_new_uas (self->invite, response, &why);
    if (!self->dialog)
      GST_WARNING ("no dialog for our %u: %s", status_code, why);
  }
  if (status_code >= 200 && status_code < 300 && self->dialog)
    gst_sip_dialog_confirm (self->dialog);
  return gst_sip_server_transaction_respond (self->invite_st, response);
}

static void
on_no_answer (gpointer user_data)
{
  JsSipInviteDialog *self = user_data;

  self->no_answer_timer = 0;
  respond_invite (self, 408, "Request Timeout", NULL, NULL);
  finish (self, FALSE, ORIGINATOR_LOCAL, NULL, GST_SIP_CAUSE_NO_ANSWER);
}

JsSipInviteDialog *
jssip_invite_dialog_new_incoming (JsSipUa * ua, JsSipMedia * media,
    GstSipTransaction * st, const GstSipMessage * invite,
    guint no_answer_timeout, const JsSipInviteDialogCallbacks * callbacks,
    gpointer user_data)
{
  JsSipInviteDialog *self = session_new (ua, media,
      JSSIP_DIRECTION_INCOMING, callbacks, user_data);

  self->invite_st = gst_sip_transaction_ref (st);
  self->invite = gst_sip_message_copy (invite);
  self->local_tag = gst_sip_generate_tag ();
  self->late_offer = sdp_of (invite) == NULL;
  self->info.call_id = g_strdup (invite->call_id);
  self->info.local_identity = g_strdup (jssip_ua_get_aor_string (ua));
  self->info.remote_identity = identity_of (invite->from);
  self->info.state = JSSIP_CALL_STATE_INVITE_RECEIVED;
  info_changed (self);
  GST_INFO ("incoming call %s from %s", self->info.call_id,
      self->info.remote_identity);

  emit (self, "incoming", ORIGINATOR_REMOTE, invite, NULL);
  /* JsSIP rings at once, with Contact, and never sends 183. */
  if (!respond_invite (self, 180, "Ringing", NULL, NULL)) {
    finish (self, FALSE, ORIGINATOR_SYSTEM, NULL,
        GST_SIP_CAUSE_CONNECTION_ERROR);
    return self;
  }
  set_state (self, JSSIP_CALL_STATE_WAITING_FOR_ANSWER);
  emit (self, "progress", ORIGINATOR_LOCAL, NULL, NULL);
  if (no_answer_timeout)
    self->no_answer_timer = gst_sip_clock_add_timeout (jssip_ua_get_clock
        (ua), no_answer_timeout * 1000, on_no_answer, self);
  return self;
}

/* JsSIP's Timer H for our 200 (RFC 3261 §13.3.1.4): no ACK in 64*T1, the
 * session ends with BYE, as "ended" with originator remote. */
static void
on_no_ack (gpointer user_data)
{
  JsSipInviteDialog *self = user_data;

  self->ack_timer = 0;
  send_bye (self, self->dialog, 0, NULL, NULL);
  finish (self, TRUE, ORIGINATOR_REMOTE, NULL, GST_SIP_CAUSE_NO_ACK);
}

static void
send_answer (JsSipInviteDialog * self, const gchar * sdp)
{
  if (!respond_invite (self, 200, "OK", sdp,
          (const gchar * const *) self->extra_headers)) {
    finish (self, FALSE, ORIGINATOR_SYSTEM, NULL,
        GST_SIP_CAUSE_CONNECTION_ERROR);
    return;
  }
  start (self);
  set_state (self, JSSIP_CALL_STATE_WAITING_FOR_ACK);
  self->ack_timer = gst_sip_clock_add_timeout (jssip_ua_get_clock (self->ua),
      GST_SIP_TIMEOUT_64T1_MS, on_no_ack, self);
  emit (self, "started", ORIGINATOR_LOCAL, NULL, NULL);
}

static void
on_answer_sdp (GObject * source, GAsyncResult * result, gpointer user_data)
{
  JsSipInviteDialog *self = user_data;
  JsSipMedia *media = JSSIP_MEDIA (source);
  g_autoptr (GError) error = NULL;
  g_autofree gchar *sdp = self->late_offer ?
      jssip_media_create_offer_finish (media, result, &error) :
      jssip_media_create_answer_finish (media, result, &error);

  if (media_done (self) || self->over)
    return;
  if (!sdp) {
    GST_WARNING ("cannot answer: %s", error->message);
    respond_invite (self, 488, "Not Acceptable Here", NULL, NULL);
    finish (self, FALSE, ORIGINATOR_SYSTEM, NULL, media_error_cause (error));
    return;
  }
  send_answer (self, sdp);
}

gboolean
jssip_invite_dialog_answer (JsSipInviteDialog * self,
    const gchar * const *extra_headers, GError ** error)
{
  if (self->info.direction != JSSIP_DIRECTION_INCOMING
      || self->info.state != JSSIP_CALL_STATE_WAITING_FOR_ANSWER) {
    g_set_error_literal (error, JSSIP_CALL_ERROR,
        JSSIP_CALL_ERROR_INVALID_STATE, "no incoming call is ringing");
    return FALSE;
  }
  stop_timers (self);
  g_strfreev (self->extra_headers);
  self->extra_headers = g_strdupv ((gchar **) extra_headers);
  set_state (self, JSSIP_CALL_STATE_ANSWERED);
  emit (self, "connecting", ORIGINATOR_LOCAL, NULL, NULL);

  self->media_busy = TRUE;
  if (self->late_offer)
    jssip_media_create_offer_async (self->media, self->cancellable,
        on_answer_sdp, self);
  else
    jssip_media_create_answer_async (self->media, sdp_of (self->invite),
        self->cancellable, on_answer_sdp, self);
  return TRUE;
}

static void
receive_ack (JsSipInviteDialog * self, const GstSipMessage * ack)
{
  if (self->info.state != JSSIP_CALL_STATE_WAITING_FOR_ACK)
    return;                     /* a retransmitted ACK, or the ACK of a
                                 * re-INVITE's 200 */
  stop_timers (self);
  if (self->late_offer) {
    g_autoptr (GError) error = NULL;

    /* JsSIP ends the call as its terminate() would: a BYE whose Reason
     * has the status code's own phrase, "ended" with originator local. */
    if (!sdp_of (ack)) {
      send_bye (self, self->dialog, 400, "Bad Request", NULL);
      finish (self, TRUE, ORIGINATOR_LOCAL, NULL, GST_SIP_CAUSE_MISSING_SDP);
      return;
    }
    if (!jssip_media_set_remote_answer (self->media, sdp_of (ack), &error)) {
      send_bye (self, self->dialog, 488, "Not Acceptable Here", NULL);
      finish (self, TRUE, ORIGINATOR_LOCAL, NULL,
          GST_SIP_CAUSE_BAD_MEDIA_DESCRIPTION);
      return;
    }
  }
  watch_rtp (self);
  set_state (self, JSSIP_CALL_STATE_CONFIRMED);
  emit (self, "confirmed", ORIGINATOR_REMOTE, ack, NULL);
}

static void
receive_cancel (JsSipInviteDialog * self, const GstSipMessage * cancel)
{
  if (self->over || is_established (self))
    return;
  /* §9.2: the layer answered the CANCEL, we end the INVITE. */
  respond_invite (self, 487, "Request Terminated", NULL, NULL);
  finish (self, FALSE, ORIGINATOR_REMOTE, cancel, GST_SIP_CAUSE_CANCELED);
}

/* ------------------------------------------------------------ in dialog */

static void
receive_bye (JsSipInviteDialog * self, GstSipTransaction * st,
    const GstSipMessage * bye)
{
  gboolean ringing = self->info.state == JSSIP_CALL_STATE_WAITING_FOR_ANSWER;

  jssip_ua_respond (self->ua, st, 200, "OK", NULL, NULL);
  if (ringing)
    respond_invite (self, 487, "Request Terminated", NULL, NULL);
  /* JsSIP fires "ended" for a BYE while ringing too. */
  finish (self, TRUE, ORIGINATOR_REMOTE, bye, GST_SIP_CAUSE_BYE);
}

/* A re-INVITE or UPDATE that refreshes the session: we answer with the
 * SDP we have, since webrtcbin 1.22 takes no new offer on a running
 * connection (docs/media.md). */
static void
receive_refresh (JsSipInviteDialog * self, GstSipTransaction * st,
    const GstSipMessage * request)
{
  GstSipMessage *response;
  g_autofree gchar *sdp = NULL;
  g_autofree gchar *min_se_line = NULL;

  /* RFC 4028 §9: too short an interval is refused with our Min-SE. */
  if (self->session_timer && jssip_session_timer_check_request (request,
          &min_se_line)) {
    const gchar *lines[] = { min_se_line, NULL };

    jssip_ua_respond (self->ua, st, 422, "Session Interval Too Small", NULL,
        lines);
    return;
  }
  if (self->rtp_watch && sdp_of (request))
    jssip_rtp_watch_take_remote_sdp (self->rtp_watch, sdp_of (request));
  response = gst_sip_response_new_for_request (request, 200, "OK", NULL);
  add_contact (self, response, FALSE);
  if (request->method == GST_SIP_METHOD_INVITE
      && (sdp = jssip_media_get_local_sdp (self->media)))
    gst_sip_message_set_body (response, SDP_CONTENT_TYPE, sdp, strlen (sdp));
  if (self->session_timer)
    jssip_session_timer_answer (self->session_timer, request, response);
  gst_sip_message_index (response, NULL);
  gst_sip_server_transaction_respond (st, response);
}

static void
receive_in_dialog (JsSipInviteDialog * self, GstSipTransaction * st,
    const GstSipMessage * request)
{
  guint refused = gst_sip_dialog_receive_request (self->dialog, request);

  if (request->method == GST_SIP_METHOD_ACK) {
    receive_ack (self, request);
    return;
  }
  if (refused) {
    jssip_ua_respond (self->ua, st, refused, "Server Internal Error", NULL,
        NULL);
    return;
  }
  switch (request->method) {
    case GST_SIP_METHOD_BYE:
      receive_bye (self, st, request);
      break;
    case GST_SIP_METHOD_INVITE:
    case GST_SIP_METHOD_UPDATE:
      receive_refresh (self, st, request);
      break;
    case GST_SIP_METHOD_INFO:
    case GST_SIP_METHOD_NOTIFY:
      jssip_ua_respond (self->ua, st, 200, "OK", NULL, NULL);
      break;
    default:
      jssip_ua_respond (self->ua, st, 501, "Not Implemented", NULL, NULL);
      break;
  }
}

gboolean
jssip_invite_dialog_receive_request (JsSipInviteDialog * self,
    GstSipTransaction * st, const GstSipMessage * request)
{
  g_autofree gchar *id = NULL;

  if (request->method == GST_SIP_METHOD_CANCEL) {
    if (!self->invite_st || st != self->invite_st)
      return FALSE;
    receive_cancel (self, request);
    return TRUE;
  }
  if (!self->dialog)
    return FALSE;
  id = gst_sip_dialog_id_for_message (request);
  if (g_strcmp0 (id, gst_sip_dialog_get_id (self->dialog)) != 0)
    return FALSE;
  if (self->over) {
    if (st)
      jssip_ua_respond (self->ua, st, 481, "Call/Transaction Does Not Exist",
          NULL, NULL);
    return TRUE;
  }
  receive_in_dialog (self, st, request);
  return TRUE;
}

/* ------------------------------------------------------- session timer */

/* A re-INVITE refresh offers our current SDP again (RFC 4028 §7.4). */
static void
on_session_refresh (JsSipSessionTimer * timer, gpointer user_data)
{
  JsSipInviteDialog *self = user_data;
  g_autofree gchar *sdp = jssip_media_get_local_sdp (self->media);

  jssip_session_timer_send_refresh (timer, self->ua, self->dialog, sdp);
}

/* JsSIP ends an expired session as its terminate() would (§4.3). */
static void
on_session_timer_end (JsSipSessionTimer * timer, const gchar * cause,
    guint status_code, const gchar * reason_phrase, gpointer user_data)
{
  JsSipInviteDialog *self = user_data;

  send_bye (self, self->dialog, status_code, reason_phrase, NULL);
  finish (self, TRUE, ORIGINATOR_LOCAL, NULL, cause);
}

static const JsSipSessionTimerCallbacks session_timer_callbacks = {
  on_session_refresh,
  on_session_timer_end,
};

void
jssip_invite_dialog_set_session_timers (JsSipInviteDialog * self,
    gboolean enabled)
{
  if (!enabled)
    g_clear_pointer (&self->session_timer, jssip_session_timer_free);
  else if (!self->session_timer)
    self->session_timer = jssip_session_timer_new (jssip_ua_get_clock
        (self->ua), &session_timer_callbacks, self);
}

/* -------------------------------------------------------------- ending */

gboolean
jssip_invite_dialog_terminate (JsSipInviteDialog * self,
    guint status_code, const gchar * reason_phrase,
    const gchar * const *extra_headers, GError ** error)
{
  if (self->over) {
    g_set_error_literal (error, JSSIP_CALL_ERROR,
        JSSIP_CALL_ERROR_INVALID_STATE, "the call is already over");
    return FALSE;
  }
  if (is_established (self)) {
    /* RFC 3261 §15: BYE; JsSIP would wait for the ACK of our 200 first,
     * a reliable transport makes that wait needless. */
    send_bye (self, self->dialog, status_code, reason_phrase, extra_headers);
    finish (self, TRUE, ORIGINATOR_LOCAL, NULL, GST_SIP_CAUSE_BYE);
    return TRUE;
  }
  if (self->info.direction == JSSIP_DIRECTION_OUTGOING)
    return cancel_invite (self, status_code, reason_phrase);

  if (status_code < 300 || status_code > 699) {
    status_code = DEFAULT_REJECT_STATUS;
    reason_phrase = "Temporarily Unavailable";
  }
  respond_invite (self, status_code, reason_phrase, NULL, extra_headers);
  /* JsSIP: an incoming call ended before the answer is "Rejected". */
  finish (self, FALSE, ORIGINATOR_LOCAL, NULL, GST_SIP_CAUSE_REJECTED);
  return TRUE;
}

void
jssip_invite_dialog_transport_lost (JsSipInviteDialog * self)
{
  finish (self, is_established (self), ORIGINATOR_SYSTEM, NULL,
      GST_SIP_CAUSE_CONNECTION_ERROR);
}

gboolean
jssip_invite_dialog_is_over (JsSipInviteDialog * self)
{
  return self->over;
}

const JsSipCallInfo *
jssip_invite_dialog_get_info (JsSipInviteDialog * self)
{
  return &self->info;
}

static void
session_destroy (JsSipInviteDialog * self)
{
  if (self->invite_request)
    jssip_ua_request_abandon (self->invite_request);
  if (self->cancel_ct)
    gst_sip_transaction_unref (self->cancel_ct);
  if (self->invite_st)
    gst_sip_transaction_unref (self->invite_st);
  g_clear_pointer (&self->session_timer, jssip_session_timer_free);
  g_clear_pointer (&self->invite, gst_sip_message_free);
  g_clear_pointer (&self->dialog, gst_sip_dialog_free);
  g_strfreev (self->extra_headers);
  g_free (self->target);
  g_free (self->from_tag);
  g_free (self->local_tag);
  jssip_call_info_clear (&self->info);
  g_object_unref (self->cancellable);
  g_object_unref (self->media);
  g_object_unref (self->ua);
  g_free (self);
}

void
jssip_invite_dialog_free (JsSipInviteDialog * self)
{
  stop_timers (self);
  g_cancellable_cancel (self->cancellable);
  /* The offer or answer being made still holds us. */
  if (self->media_busy) {
    self->freed = TRUE;
    return;
  }
  session_destroy (self);
}
