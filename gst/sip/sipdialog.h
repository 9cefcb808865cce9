/* gst-jssip: SIP core
 *
 * A dialog (RFC 3261 §12): the state two user agents share for the length
 * of a call, and the requests sent within it.
 *
 * A UAC dialog comes from a 1xx or 2xx with a To tag to our INVITE (early,
 * then confirmed by the 2xx, §12.1.2); a UAS dialog from the INVITE we
 * answer (§12.1.1). The dialog keeps its id (Call-ID, local tag, remote
 * tag), the local and remote CSeq, the remote target (the peer's Contact,
 * refreshed by re-INVITE and UPDATE) and the route set (Record-Route,
 * reversed for the UAC), and builds the requests that go within it with the
 * right Request-URI and Route headers (§12.2.1.1, loose or strict routing).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_DIALOG_H__
#define __GST_SIP_DIALOG_H__

#include <gst/sip/sipmessage.h>

G_BEGIN_DECLS

typedef struct _GstSipDialog GstSipDialog;

typedef enum
{
  GST_SIP_DIALOG_STATE_EARLY,
  GST_SIP_DIALOG_STATE_CONFIRMED,
} GstSipDialogState;

/* The UAC's dialog: @request is the INVITE as sent, @response a 101..299
 * response to it. Returns NULL with a static @reason if the response has
 * no To tag or no Contact (JsSIP then fails the call with 500 "Missing
 * Contact header field"). Early for a 1xx, confirmed for a 2xx. */
GstSipDialog *gst_sip_dialog_new_uac (const GstSipMessage * request,
    const GstSipMessage * response, const gchar ** reason);

/* The UAS's dialog: @request is the INVITE received, @response the 101..299
 * response we send, carrying our To tag and our Contact (see
 * gst_sip_response_new_for_request()). Returns NULL with a static @reason if
 * the request has no Contact or the response no To tag. Early for a 1xx,
 * confirmed for a 2xx. */
GstSipDialog *gst_sip_dialog_new_uas (const GstSipMessage * request,
    const GstSipMessage * response, const gchar ** reason);

void gst_sip_dialog_free (GstSipDialog * dialog);

/* UAC: a response to the INVITE that made the dialog or to a request sent
 * in it. A 2xx to the INVITE confirms an early dialog and recomputes its
 * route set and remote target (§13.2.2.4); a 2xx to a re-INVITE or UPDATE
 * refreshes the remote target (§12.2.1.2). Returns FALSE, changing
 * nothing, if the response belongs to another dialog. */
gboolean gst_sip_dialog_receive_response (GstSipDialog * dialog,
    const GstSipMessage * response);

/* UAS: our 2xx to the INVITE went out. */
void gst_sip_dialog_confirm (GstSipDialog * dialog);

/* A request received within the dialog (§12.2.2). Returns 0 if it may be
 * processed, or the status code to reject it with: 500 if its CSeq is
 * lower than the remote CSeq (out of order). An accepted re-INVITE or
 * UPDATE with a Contact refreshes the remote target. ACK and CANCEL, which
 * carry their INVITE's CSeq, are always accepted and change nothing. */
guint gst_sip_dialog_receive_request (GstSipDialog * dialog,
    const GstSipMessage * request);

/* A request within the dialog (§12.2.1.1): BYE, re-INVITE, UPDATE, INFO,
 * REFER, NOTIFY... (not ACK or CANCEL). Takes the next local CSeq; sets
 * Request-URI and Route from the remote target and route set; To, From and
 * Call-ID from the dialog; a Contact for the methods that need one
 * (INVITE, UPDATE, SUBSCRIBE, NOTIFY, REFER). The Via comes when the
 * transaction layer sends it. */
GstSipMessage *gst_sip_dialog_new_request (GstSipDialog * dialog,
    GstSipMethod method);

/* The ACK of a 2xx to the INVITE numbered @invite_cseq (§13.2.2.4): built
 * like any request within the dialog but with the INVITE's CSeq number;
 * send it with gst_sip_transaction_layer_send_ack(), which gives it a
 * branch of its own. */
GstSipMessage *gst_sip_dialog_new_ack (GstSipDialog * dialog,
    guint32 invite_cseq);

/* The dialog id as a string ("<Call-ID> <local tag> <remote tag>"), for
 * tables of dialogs. */
const gchar *gst_sip_dialog_get_id (GstSipDialog * dialog);
/* The id of the dialog a received message belongs to, in the same form:
 * for a request the local tag is its To tag, for a response its From tag.
 * NULL if the message carries no To tag (not within a dialog). Free with
 * g_free(). */
gchar *gst_sip_dialog_id_for_message (const GstSipMessage * msg);

GstSipDialogState gst_sip_dialog_get_state (GstSipDialog * dialog);
gboolean gst_sip_dialog_is_uac (GstSipDialog * dialog);
const gchar *gst_sip_dialog_get_call_id (GstSipDialog * dialog);
const gchar *gst_sip_dialog_get_local_tag (GstSipDialog * dialog);
const gchar *gst_sip_dialog_get_remote_tag (GstSipDialog * dialog);
/* The From and To values of our requests, tags included. */
const gchar *gst_sip_dialog_get_local_party (GstSipDialog * dialog);
const gchar *gst_sip_dialog_get_remote_party (GstSipDialog * dialog);
/* The CSeq of the last request we sent in the dialog. */
guint32 gst_sip_dialog_get_local_cseq (GstSipDialog * dialog);
/* FALSE while no request came from the peer (a UAC's remote CSeq is empty
 * until then). */
gboolean gst_sip_dialog_get_remote_cseq (GstSipDialog * dialog,
    guint32 * cseq);
/* The peer's Contact URI. */
const gchar *gst_sip_dialog_get_remote_target (GstSipDialog * dialog);
/* The route set, in the order of the Route headers we send; each entry as
 * its Record-Route value. */
guint gst_sip_dialog_get_n_routes (GstSipDialog * dialog);
const gchar *gst_sip_dialog_get_route (GstSipDialog * dialog, guint nth);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipDialog, gst_sip_dialog_free)

G_END_DECLS

#endif
