/* gst-jssip
 *
 * JsSipUa: the user agent of one session, as JsSIP's UA. It owns the
 * thread and GMainContext on which all SIP work runs, the transport to the
 * server (JsSipTransport), the transaction layer of the SIP core, and the
 * registration (JsSipRegistrator). It answers the requests no call is
 * interested in (OPTIONS, unknown methods, requests for another user,
 * malformed requests) and sends requests for its owners, answering digest
 * challenges on the way (JsSIP's RequestSender).
 *
 * What happens is reported through the "event" signal, emitted on the UA
 * thread with a GstStructure named as docs/elements.md's UA bus messages
 * (jssip-ua-connecting, -connected, -disconnected, -registered,
 * -unregistered, -registration-failed); the session posts them on the bus.
 *
 * Every SIP message sent and received is logged in full in the debug
 * category "jssipwire" at level DEBUG (GST_DEBUG=jssipwire:5, see
 * docs/debugging.md). Secrets never reach a message: digest sends only
 * hashes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_UA_H__
#define __JSSIP_UA_H__

#include <gst/gst.h>
#include <gst/sip/sipmessage.h>
#include <gst/sip/siptransaction.h>

#include "jssipsettings.h"

G_BEGIN_DECLS

#define JSSIP_TYPE_UA (jssip_ua_get_type ())
G_DECLARE_FINAL_TYPE (JsSipUa, jssip_ua, JSSIP, UA, GObject);

/* JsSIP's values (JsSIP 3.x). */
#define JSSIP_UA_MAX_FORWARDS 69
#define JSSIP_UA_ALLOW "INVITE,ACK,CANCEL,BYE,UPDATE,MESSAGE,OPTIONS,REFER,INFO,NOTIFY"
#define JSSIP_UA_ACCEPT "application/sdp, application/dtmf-relay"

/* Builds a UA from validated settings; fails (naming the property) if a
 * value the UA needs does not make sense. Nothing runs until _start(). */
JsSipUa *jssip_ua_new (const JsSipSettings * settings, GError ** error);

/* Starts the UA thread, connects, and registers if asked to. */
void jssip_ua_start (JsSipUa * ua);
/* Unregisters (waiting at most 2 s for the answer, as JsSIP's stop()),
 * disconnects and joins the UA thread. Blocks; call it from the
 * application or a state change, never from the UA thread. */
void jssip_ua_stop (JsSipUa * ua);

GMainContext *jssip_ua_get_context (JsSipUa * ua);
const GstSipClock *jssip_ua_get_clock (JsSipUa * ua);
GstSipTransactionLayer *jssip_ua_get_transaction_layer (JsSipUa * ua);

/* Identity, as the UA puts it on the wire. */
const GstSipUri *jssip_ua_get_aor (JsSipUa * ua);
/* "sip:alice@example.com" */
const gchar *jssip_ua_get_aor_string (JsSipUa * ua);
/* name-addr for From: "\"Alice\" <sip:alice@example.com>" */
const gchar *jssip_ua_get_local_identity (JsSipUa * ua);
/* "sip:<rand8>@<rand12>.invalid;transport=ws" (or contact-uri) */
const gchar *jssip_ua_get_contact_uri (JsSipUa * ua);
const gchar *jssip_ua_get_user_agent (JsSipUa * ua);
gboolean jssip_ua_is_registered (JsSipUa * ua);
gboolean jssip_ua_is_connected (JsSipUa * ua);

/* Headers every request carries (JsSIP: Max-Forwards 69, User-Agent,
 * Allow); call on a request made with gst_sip_request_new_initial() or
 * gst_sip_dialog_new_request(). */
void jssip_ua_add_common_headers (JsSipUa * ua, GstSipMessage * msg);

/* Adds the application's extra header lines ("Name: value"; lines
 * without a colon are skipped). */
void jssip_ua_add_header_lines (GstSipMessage * msg,
    const gchar * const *lines);

/* Sending requests with digest authentication (UA thread only). */
typedef struct _JsSipUaRequest JsSipUaRequest;

typedef struct
{
  /* Every response, provisional or final; after a final one the request is
   * done and @request must not be used again. A 401/407 is only reported
   * when it cannot be answered (cause "Authentication Error"). */
  void (*response) (JsSipUaRequest * request, const GstSipMessage * response,
      gboolean final, gpointer user_data);
  /* No final response: "Request Timeout" or "Connection Error". */
  void (*failed) (JsSipUaRequest * request, const gchar * cause,
      gpointer user_data);
} JsSipUaRequestCallbacks;

/* Takes ownership of @msg. The request lives until its final response or
 * failure has been reported, or until _abandon(). */
JsSipUaRequest *jssip_ua_send_request (JsSipUa * ua, GstSipMessage * msg,
    const JsSipUaRequestCallbacks * callbacks, gpointer user_data);
/* No more callbacks; the request is freed when its transaction ends. */
void jssip_ua_request_abandon (JsSipUaRequest * request);
/* The request as last sent (its CSeq grows with each challenge answered). */
const GstSipMessage *jssip_ua_request_get_message (JsSipUaRequest * request);
GstSipTransaction *jssip_ua_request_get_transaction (JsSipUaRequest *
    request);

/* Incoming requests: a handler gets the requests the UA does not answer
 * itself (INVITE, and in-dialog requests), with the server transaction to
 * answer on (NULL for an ACK). It returns TRUE if it took the request; an
 * unclaimed one is answered as JsSIP would (405, or 481 in a dialog). */
typedef gboolean (*JsSipUaRequestHandler) (JsSipUa * ua,
    GstSipTransaction * st, const GstSipMessage * request,
    gpointer user_data);
void jssip_ua_set_request_handler (JsSipUa * ua,
    JsSipUaRequestHandler handler, gpointer user_data, GDestroyNotify notify);

/* Answers @st with a response built from its request (RFC 3261 §8.2.6)
 * plus the UA's common response headers; @to_tag may be NULL. Returns the
 * response as sent (owned by the transaction) or NULL if it was refused. */
gboolean jssip_ua_respond (JsSipUa * ua, GstSipTransaction * st,
    guint status_code, const gchar * reason_phrase, const gchar * to_tag,
    const gchar * const *extra_headers);

/* Sends the ACK of a 2xx (no transaction); logs it. */
gboolean jssip_ua_send_ack (JsSipUa * ua, GstSipMessage * ack);

/* Emits "event" with @structure (transfer full), on the UA thread. */
void jssip_ua_emit_event (JsSipUa * ua, GstStructure * structure);

/* Runs @func on the UA thread and waits for it. */
void jssip_ua_invoke_sync (JsSipUa * ua, GSourceFunc func, gpointer data);

G_END_DECLS

#endif
