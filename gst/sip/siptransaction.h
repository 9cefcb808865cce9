/* gst-jssip: SIP core
 *
 * The transaction layer (RFC 3261 §17, RFC 6026) for a reliable transport
 * (SIP over WebSocket, RFC 7118). The user agent feeds it every message it
 * receives and it answers through callbacks: messages to send, requests for
 * the transaction user (TU), responses and failures for the owner of each
 * client transaction. It does no I/O and runs its timers on an injected
 * GstSipClock.
 *
 * Over a reliable transport requests are never retransmitted (no Timer A,
 * E or G) and the wait-for-retransmissions timers D, I, J and K are zero;
 * Timers B, F, H, L and M are 64*T1 = 32 s. The one retransmission left is
 * the UAS's 2xx to an INVITE, which the INVITE server transaction repeats
 * from T1 doubling up to T2 until the ACK arrives, as JsSIP does (see
 * docs/sip-transactions.md for why it lives here rather than in the TU).
 *
 * Callbacks are only ever called from gst_sip_transaction_layer_receive(),
 * from a timer of the clock, or from
 * gst_sip_transaction_layer_transport_lost(), never from the call that
 * created a transaction, so an owner always holds its transaction before it
 * hears from it. Callbacks may call back into the layer but must not free
 * it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_TRANSACTION_H__
#define __GST_SIP_TRANSACTION_H__

#include <gst/sip/sipclock.h>
#include <gst/sip/sipmessage.h>

G_BEGIN_DECLS

typedef struct _GstSipTransactionLayer GstSipTransactionLayer;
typedef struct _GstSipTransaction GstSipTransaction;

typedef enum
{
  GST_SIP_TRANSACTION_INVITE_CLIENT,
  GST_SIP_TRANSACTION_NON_INVITE_CLIENT,
  GST_SIP_TRANSACTION_INVITE_SERVER,
  GST_SIP_TRANSACTION_NON_INVITE_SERVER,
} GstSipTransactionKind;

/* The states of RFC 3261 §17 figures 5-8, with RFC 6026's Accepted. */
typedef enum
{
  GST_SIP_TRANSACTION_STATE_CALLING,    /* INVITE client: no response yet */
  GST_SIP_TRANSACTION_STATE_TRYING,     /* non-INVITE: no response yet */
  GST_SIP_TRANSACTION_STATE_PROCEEDING, /* a provisional response went by */
  GST_SIP_TRANSACTION_STATE_ACCEPTED,   /* INVITE: a 2xx went by */
  GST_SIP_TRANSACTION_STATE_COMPLETED,  /* a final response (INVITE: non-2xx) */
  GST_SIP_TRANSACTION_STATE_CONFIRMED,  /* INVITE server: ACK of the non-2xx */
  GST_SIP_TRANSACTION_STATE_TERMINATED,
} GstSipTransactionState;

typedef enum
{
  /* Timer B or F: no final response to our request (JsSIP's
   * "Request Timeout"); Timer H: no ACK for our non-2xx final response. */
  GST_SIP_TRANSACTION_ERROR_TIMEOUT,
  /* 64*T1 after our 2xx to an INVITE, still no ACK (JsSIP's "No ACK"). */
  GST_SIP_TRANSACTION_ERROR_NO_ACK,
  /* The transport refused a message or was lost (JsSIP's
   * "Connection Error"). */
  GST_SIP_TRANSACTION_ERROR_TRANSPORT,
} GstSipTransactionError;

typedef struct
{
  /* Hands @msg to the transport; returns FALSE if it could not be sent. */
  gboolean (*send) (GstSipTransactionLayer * layer, const GstSipMessage * msg,
      gpointer user_data);
  /* A new request for the TU, with @st its server transaction, to answer
   * with gst_sip_server_transaction_respond() (ref it to answer later).
   * @st is NULL for an ACK, which the layer never absorbs unless it
   * acknowledges one of our non-2xx responses (§17.2.1): an ACK to a 2xx is
   * a transaction of its own (§17.1.1.3) that the dialog must see. An
   * INVITE has already been answered 100 Trying (§17.2.1). */
  void (*request) (GstSipTransactionLayer * layer, GstSipTransaction * st,
      const GstSipMessage * request, gpointer user_data);
  /* A CANCEL matched @invite_st before it sent a final response (§9.2): the
   * layer already answered 200 to the CANCEL, the TU should now answer the
   * INVITE 487 Request Terminated. A CANCEL that matches nothing is
   * answered 481 by the layer, one arriving after the final response 200,
   * and the TU hears of neither. */
  void (*cancel) (GstSipTransactionLayer * layer, GstSipTransaction * invite_st,
      const GstSipMessage * cancel, gpointer user_data);
  /* A server transaction failed: TIMEOUT (Timer H), NO_ACK (Timer L after a
   * 2xx that was never acknowledged) or TRANSPORT (a 2xx retransmission
   * could not be sent, or the transport was lost while the TU still owed a
   * response or awaited an ACK). */
  void (*server_failed) (GstSipTransactionLayer * layer,
      GstSipTransaction * st, GstSipTransactionError error,
      gpointer user_data);
} GstSipTransactionLayerCallbacks;

/* What the owner of a client transaction hears. */
typedef struct
{
  /* Every provisional and final response, and, in the Accepted state of an
   * INVITE (RFC 6026 §8.4), every further 2xx (retransmissions and other
   * forks), each of which the owner must ACK. */
  void (*response) (GstSipTransaction * ct, const GstSipMessage * response,
      gpointer user_data);
  /* TIMEOUT (Timer B in Calling, Timer F) or TRANSPORT; the transaction is
   * terminated. */
  void (*failed) (GstSipTransaction * ct, GstSipTransactionError error,
      gpointer user_data);
} GstSipClientCallbacks;

/* @via_transport ("WS", "WSS") and @via_host ("xxx.invalid") make the Via
 * of requests sent without one. @clock and @callbacks are copied. */
GstSipTransactionLayer *gst_sip_transaction_layer_new (const GstSipClock *
    clock, const gchar * via_transport, const gchar * via_host,
    const GstSipTransactionLayerCallbacks * callbacks, gpointer user_data);
/* Terminates every transaction silently; transactions still referenced
 * elsewhere stay valid as terminated ones. */
void gst_sip_transaction_layer_free (GstSipTransactionLayer * layer);

/* Feeds one message received from the transport, already parsed and
 * validated (gst_sip_message_validate()). Takes ownership. Responses that
 * match no client transaction, or that carry more than one Via (we are the
 * UAC end: JsSIP drops them too), are discarded (RFC 6026 §8.9). */
void gst_sip_transaction_layer_receive (GstSipTransactionLayer * layer,
    GstSipMessage * msg);

/* Starts a client transaction for @request (not ACK, not CANCEL), taking
 * ownership of it. A request without Via gets one with a new branch.
 * Returns a new reference to the transaction, or NULL if @request lacks
 * the headers a transaction needs (Call-ID, CSeq, From, To). If the
 * transport refuses the request, @callbacks->failed reports TRANSPORT from
 * a zero-delay timer. */
GstSipTransaction *gst_sip_transaction_layer_send_request (
    GstSipTransactionLayer * layer, GstSipMessage * request,
    const GstSipClientCallbacks * callbacks, gpointer user_data);

/* Cancels the INVITE client transaction @invite_ct (RFC 3261 §9.1): a
 * CANCEL client transaction on the same branch. Until the INVITE has had a
 * provisional response the CANCEL waits and is sent on the first one; if a
 * final response comes first, the CANCEL is dropped unsent and its
 * transaction terminates silently (the INVITE's owner hears the final
 * response). @reason, if not NULL, is the value of a Reason header
 * (RFC 3326). Returns a new reference, or NULL if @invite_ct already has a
 * final response or a CANCEL. */
GstSipTransaction *gst_sip_transaction_layer_send_cancel (
    GstSipTransactionLayer * layer, GstSipTransaction * invite_ct,
    const gchar * reason, const GstSipClientCallbacks * callbacks,
    gpointer user_data);

/* Sends the ACK of a 2xx, a transaction of its own with no state (RFC 3261
 * §13.2.2.4, §17.1.1.3): adds a Via with a new branch. Takes ownership.
 * Returns FALSE if the transport refused it. */
gboolean gst_sip_transaction_layer_send_ack (GstSipTransactionLayer * layer,
    GstSipMessage * ack);

/* The transport is gone: every transaction terminates, and those someone
 * waits on report TRANSPORT (client transactions without a final response,
 * server transactions that owe a response or await the ACK of a 2xx). */
void gst_sip_transaction_layer_transport_lost (GstSipTransactionLayer *
    layer);

/* Transactions not yet terminated. */
guint gst_sip_transaction_layer_get_n_transactions (GstSipTransactionLayer *
    layer);

/* Sends @response (taking ownership) on the server transaction @st and
 * moves it on: a 2xx to an INVITE enters Accepted and is retransmitted
 * until ACKed; a non-2xx final response enters Completed (Timer H for an
 * INVITE). Returns FALSE if @st already sent its final response (a further
 * 2xx of an INVITE is allowed, RFC 6026 §8.7) or the transport refused it
 * (the transaction then terminates). */
gboolean gst_sip_server_transaction_respond (GstSipTransaction * st,
    GstSipMessage * response);

GstSipTransaction *gst_sip_transaction_ref (GstSipTransaction * tr);
void gst_sip_transaction_unref (GstSipTransaction * tr);

/* Stops the owner's callbacks, for an owner going away before its client
 * transaction ends. */
void gst_sip_transaction_clear_callbacks (GstSipTransaction * tr);

GstSipTransactionKind gst_sip_transaction_get_kind (GstSipTransaction * tr);
GstSipTransactionState gst_sip_transaction_get_state (GstSipTransaction * tr);
/* The request that started the transaction, as sent or received. */
const GstSipMessage *gst_sip_transaction_get_request (GstSipTransaction * tr);
const gchar *gst_sip_transaction_get_branch (GstSipTransaction * tr);

const gchar *gst_sip_transaction_state_to_string (GstSipTransactionState
    state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipTransaction, gst_sip_transaction_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipTransactionLayer,
    gst_sip_transaction_layer_free)

G_END_DECLS

#endif
