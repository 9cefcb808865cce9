/* gst-jssip
 *
 * JsSipInviteDialog: one INVITE session, JsSIP's RTCSession. It places
 * (UAC) or answers (UAS) one call through the user agent (JsSipUa), keeps
 * its dialog (RFC 3261 §12) and drives the offer/answer (RFC 3264) of the
 * call's media (JsSipMedia) with vanilla ICE: the SDP always travels whole
 * in the INVITE, the 18x/2xx, or for a late offer the 200 and the ACK.
 *
 * What happens is told through callbacks, as the session events of docs/elements.md
 * (structures named jssip-session-*, with originator, cause, status-code,
 * reason-phrase, message, call-id, direction and remote-identity) and as
 * the call info the elements show as read-only properties. A session ends
 * once, with "jssip-session-ended" (it was established) or
 * "jssip-session-failed" (it never was); jssip_invite_dialog_is_over()
 * then holds.
 *
 * Every function runs on the UA thread, and so do the callbacks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_INVITE_SESSION_H__
#define __JSSIP_INVITE_SESSION_H__

#include <gst/gst.h>
#include <gst/sip/siptransaction.h>

#include "jssipcallinfo.h"
#include "jssipmedia.h"
#include "jssipua.h"

G_BEGIN_DECLS

typedef struct _JsSipInviteDialog JsSipInviteDialog;

typedef struct
{
  /* A session event (transfer full). */
  void (*event) (JsSipInviteDialog * session, GstStructure * event,
      gpointer user_data);
  /* The call info changed (state, identities, times). */
  void (*info_changed) (JsSipInviteDialog * session,
      const JsSipCallInfo * info, gpointer user_data);
} JsSipInviteDialogCallbacks;

/* Outgoing: makes the offer and sends the INVITE to @target (a user name,
 * user@host, or a sip: URI). Returns NULL with JSSIP_CALL_ERROR_INVALID_ARGUMENT
 * when @target is not a SIP address. @extra_headers: "Name: value" lines. */
JsSipInviteDialog *jssip_invite_dialog_new_outgoing (JsSipUa * ua,
    JsSipMedia * media, const gchar * target,
    const gchar * const *extra_headers,
    const JsSipInviteDialogCallbacks * callbacks, gpointer user_data,
    GError ** error);

/* Incoming: @invite arrived on @st. Rings (180 with Contact) and waits for
 * jssip_invite_dialog_answer(), at most @no_answer_timeout seconds. */
JsSipInviteDialog *jssip_invite_dialog_new_incoming (JsSipUa * ua,
    JsSipMedia * media, GstSipTransaction * st, const GstSipMessage * invite,
    guint no_answer_timeout, const JsSipInviteDialogCallbacks * callbacks,
    gpointer user_data);

/* Session timers (RFC 4028, jssipsessiontimer.h), the `session-timers`
 * setting; off until set. Set it right after _new_*(): it governs the
 * INVITE, the 2xx and the refreshes. */
void jssip_invite_dialog_set_session_timers (JsSipInviteDialog * session,
    gboolean enabled);

/* Answers an incoming call that is ringing: 200 with the SDP. */
gboolean jssip_invite_dialog_answer (JsSipInviteDialog * session,
    const gchar * const *extra_headers, GError ** error);

/* JsSIP's terminate(): CANCEL before the answer (outgoing), a final
 * response (incoming, @status_code 300..699, default 480), BYE once
 * established. @status_code 0 and @reason_phrase NULL: the defaults. */
gboolean jssip_invite_dialog_terminate (JsSipInviteDialog * session,
    guint status_code, const gchar * reason_phrase,
    const gchar * const *extra_headers, GError ** error);

/* A request the UA did not answer itself (in-dialog requests, ACK with
 * @st NULL, and CANCEL with @st the INVITE's transaction). Returns FALSE
 * if it does not belong to this session. */
gboolean jssip_invite_dialog_receive_request (JsSipInviteDialog * session,
    GstSipTransaction * st, const GstSipMessage * request);

/* The connection to the server is gone: the call ends with
 * "Connection Error". */
void jssip_invite_dialog_transport_lost (JsSipInviteDialog * session);

gboolean jssip_invite_dialog_is_over (JsSipInviteDialog * session);
const JsSipCallInfo *jssip_invite_dialog_get_info (JsSipInviteDialog *
    session);

void jssip_invite_dialog_free (JsSipInviteDialog * session);

G_END_DECLS

#endif
