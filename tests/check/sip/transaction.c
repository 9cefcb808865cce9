/* gst-jssip: tests for the SIP transaction layer (RFC 3261 §17, RFC 6026)
 * over a reliable transport, with a fake transport and a fake clock.
 *
 * Every message the layer sends goes through serialize -> parse -> validate
 * before the test looks at it, and every message the test feeds it was
 * built, serialized and parsed the same way, so matching is checked on
 * what really crosses the wire.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/check/gstcheck.h>
#include "sipfakeclock.h"
#include <gst/sip/siprequest.h>
#include <gst/sip/siptransaction.h>

#include <string.h>

#define T1 GST_SIP_T1_MS
#define TIMEOUT_64T1 GST_SIP_TIMEOUT_64T1_MS

/* What the client transaction's owner heard. */
typedef struct
{
  GPtrArray *responses;         /* GstSipMessage copies */
  guint n_failed;
  GstSipTransactionError error;
} Owner;

/* The fixture: one layer, its transport, its TU. */
static struct
{
  GstSipFakeClock *clock;
  GstSipTransactionLayer *layer;
  gboolean transport_up;
  GPtrArray *sent;              /* GstSipMessage, parsed back from the wire */
  GPtrArray *requests;          /* GstSipMessage copies, for the TU */
  GPtrArray *request_sts;       /* their transactions (refs), NULL for ACK */
  GPtrArray *cancelled;         /* GstSipTransaction refs given to cancel() */
  GArray *server_errors;        /* GstSipTransactionError */
  GPtrArray *failed_sts;        /* refs given to server_failed() */
} f;

static GstSipMessage *
through_wire (const GstSipMessage * msg)
{
  gsize len;
  gchar *text = gst_sip_message_to_string (msg, &len);
  GstSipMessage *parsed = NULL;
  const gchar *reason = NULL;

  fail_unless_equals_int (gst_sip_message_parse (text, len, &parsed, &reason),
      GST_SIP_PARSE_OK);
  /* A response with several Vias is for the proxy in front of us, which
   * the UA's checks do not apply to. */
  if (parsed->is_request || parsed->n_vias == 1)
    fail_unless (gst_sip_message_validate (parsed, &reason), "%s: %s",
        reason, text);
  g_free (text);
  return parsed;
}

static gboolean
transport_send (GstSipTransactionLayer * layer, const GstSipMessage * msg,
    gpointer user_data)
{
  if (!f.transport_up)
    return FALSE;
  g_ptr_array_add (f.sent, through_wire (msg));
  return TRUE;
}

static void
tu_request (GstSipTransactionLayer * layer, GstSipTransaction * st,
    const GstSipMessage * request, gpointer user_data)
{
  g_ptr_array_add (f.requests, gst_sip_message_copy (request));
  g_ptr_array_add (f.request_sts, st ? gst_sip_transaction_ref (st) : NULL);
}

static void
tu_cancel (GstSipTransactionLayer * layer, GstSipTransaction * invite_st,
    const GstSipMessage * cancel, gpointer user_data)
{
  fail_unless_equals_int (cancel->method, GST_SIP_METHOD_CANCEL);
  g_ptr_array_add (f.cancelled, gst_sip_transaction_ref (invite_st));
}

static void
tu_server_failed (GstSipTransactionLayer * layer, GstSipTransaction * st,
    GstSipTransactionError error, gpointer user_data)
{
  fail_unless_equals_int (gst_sip_transaction_get_state (st),
      GST_SIP_TRANSACTION_STATE_TERMINATED);
  g_array_append_val (f.server_errors, error);
  g_ptr_array_add (f.failed_sts, gst_sip_transaction_ref (st));
}

static const GstSipTransactionLayerCallbacks layer_callbacks = {
  transport_send, tu_request, tu_cancel, tu_server_failed,
};

static void
owner_response (GstSipTransaction * ct, const GstSipMessage * response,
    gpointer user_data)
{
  Owner *owner = user_data;

  g_ptr_array_add (owner->responses, gst_sip_message_copy (response));
}

static void
owner_failed (GstSipTransaction * ct, GstSipTransactionError error,
    gpointer user_data)
{
  Owner *owner = user_data;

  fail_unless_equals_int (gst_sip_transaction_get_state (ct),
      GST_SIP_TRANSACTION_STATE_TERMINATED);
  owner->n_failed++;
  owner->error = error;
}

static const GstSipClientCallbacks owner_callbacks = {
  owner_response, owner_failed,
};

static void
owner_init (Owner * owner)
{
  owner->responses = g_ptr_array_new_with_free_func ((GDestroyNotify)
      gst_sip_message_free);
  owner->n_failed = 0;
}

static void
owner_clear (Owner * owner)
{
  g_ptr_array_unref (owner->responses);
}

static void
unref_transaction (gpointer tr)
{
  if (tr)
    gst_sip_transaction_unref (tr);
}

static void
setup (void)
{
  f.clock = gst_sip_fake_clock_new ();
  f.layer = gst_sip_transaction_layer_new (gst_sip_fake_clock_get_clock
      (f.clock), "WS", "ourhost.invalid", &layer_callbacks, NULL);
  f.transport_up = TRUE;
  f.sent = g_ptr_array_new_with_free_func ((GDestroyNotify)
      gst_sip_message_free);
  f.requests = g_ptr_array_new_with_free_func ((GDestroyNotify)
      gst_sip_message_free);
  f.request_sts = g_ptr_array_new_with_free_func (unref_transaction);
  f.cancelled = g_ptr_array_new_with_free_func (unref_transaction);
  f.failed_sts = g_ptr_array_new_with_free_func (unref_transaction);
  f.server_errors = g_array_new (FALSE, FALSE, sizeof (GstSipTransactionError));
}

static void
teardown (void)
{
  gst_sip_transaction_layer_free (f.layer);
  /* Every timer went with the layer's transactions. */
  fail_unless_equals_int (gst_sip_fake_clock_get_n_pending (f.clock), 0);
  gst_sip_fake_clock_free (f.clock);
  g_ptr_array_unref (f.sent);
  g_ptr_array_unref (f.requests);
  g_ptr_array_unref (f.request_sts);
  g_ptr_array_unref (f.cancelled);
  g_ptr_array_unref (f.failed_sts);
  g_array_unref (f.server_errors);
}

static GstSipMessage *
sent (guint nth)
{
  fail_unless (nth < f.sent->len, "only %u messages sent", f.sent->len);
  return g_ptr_array_index (f.sent, nth);
}

static GstSipMessage *
last_sent (void)
{
  fail_unless (f.sent->len > 0);
  return sent (f.sent->len - 1);
}

static void
advance (guint ms)
{
  gst_sip_fake_clock_advance (f.clock, ms);
}

/* Hands @msg to the layer the way the UA does, after the wire. */
static void
receive (GstSipMessage * msg)
{
  gst_sip_transaction_layer_receive (f.layer, through_wire (msg));
  gst_sip_message_free (msg);
}

/* ---- the client side: our requests, the peer's responses ---- */

static GstSipMessage *
our_request (GstSipMethod method)
{
  GstSipMessage *req = gst_sip_request_new_initial (method,
      "sip:bob@example.com", "\"Alice\" <sip:alice@example.com>", "atag",
      "<sip:bob@example.com>", "call-1@example.com", 7);

  gst_sip_message_add_header (req, GST_SIP_HEADER_ROUTE,
      "<sip:proxy.example.com;transport=ws;lr>");
  if (method == GST_SIP_METHOD_INVITE)
    gst_sip_message_add_header (req, GST_SIP_HEADER_CONTACT,
        "<sip:alice@ourhost.invalid;transport=ws;ob>");
  return req;
}

static GstSipTransaction *
send_our_request (GstSipMethod method, Owner * owner)
{
  GstSipTransaction *ct = gst_sip_transaction_layer_send_request (f.layer,
      our_request (method), &owner_callbacks, owner);

  fail_unless (ct != NULL);
  return ct;
}

/* The peer answers @request as the UAS would (To tag "btag"). */
static void
peer_responds (const GstSipMessage * request, guint code)
{
  GstSipMessage *resp = gst_sip_response_new_for_request (request, code,
      "Whatever", "btag");

  if (request->method == GST_SIP_METHOD_INVITE && code > 100 && code < 300)
    gst_sip_message_add_header (resp, GST_SIP_HEADER_CONTACT,
        "<sip:bob@192.0.2.4;transport=ws>");
  receive (resp);
}

static guint
count_sent_method (GstSipMethod method)
{
  guint i, n = 0;

  for (i = 0; i < f.sent->len; i++) {
    if (sent (i)->is_request && sent (i)->method == method)
      n++;
  }
  return n;
}

GST_START_TEST (test_request_sent_once_with_via)
{
  Owner owner;
  g_autoptr (GstSipTransaction) ct = NULL;
  const GstSipMessage *req;

  owner_init (&owner);
  ct = send_our_request (GST_SIP_METHOD_OPTIONS, &owner);
  fail_unless_equals_int (f.sent->len, 1);
  req = sent (0);
  fail_unless_equals_int (req->method, GST_SIP_METHOD_OPTIONS);
  fail_unless_equals_int (req->n_vias, 1);
  fail_unless_equals_string (req->vias[0].transport, "WS");
  fail_unless_equals_string (req->vias[0].host, "ourhost.invalid");
  fail_unless (g_str_has_prefix (req->vias[0].branch, "z9hG4bK"));
  fail_unless_equals_string (req->vias[0].branch,
      gst_sip_transaction_get_branch (ct));
  fail_unless_equals_int (gst_sip_transaction_get_kind (ct),
      GST_SIP_TRANSACTION_NON_INVITE_CLIENT);
  fail_unless_equals_int (gst_sip_transaction_get_state (ct),
      GST_SIP_TRANSACTION_STATE_TRYING);

  /* No Timer E over a reliable transport: silence until Timer F. */
  advance (TIMEOUT_64T1 - 1);
  fail_unless_equals_int (f.sent->len, 1);
  fail_unless_equals_int (owner.n_failed, 0);
  owner_clear (&owner);
}

GST_END_TEST;

GST_START_TEST (test_non_invite_timer_f)
{
  Owner owner;
  g_autoptr (GstSipTransaction) ct = NULL;

  owner_init (&owner);
  ct = send_our_request (GST_SIP_METHOD_BYE, &owner);
  peer_responds (sent (0), 100);
  fail_unless_equals_int (owner.responses->len, 1);
  fail_unless_equals_int (gst_sip_transaction_get_state (ct),
      GST_SIP_TRANSACTION_STATE_PROCEEDING);

  /* Timer F keeps running in Proceeding. */
  advance (TIMEOUT_64T1 - 1);
  fail_unless_equals_int (owner.n_failed, 0);
  advance (1);
  fail_unless_equals_int (owner.n_failed, 1);
  fail_unless_equals_int (owner.error, GST_SIP_TRANSACTION_ERROR_TIMEOUT);
  fail_unless_equals_int (gst_sip_transaction_layer_get_n_transactions
      (f.layer), 0);
  fail_unless_equals_int (f.sent->len, 1);

  /* A response after the timeout finds no transaction. */
  peer_responds (sent (0), 200);
  fail_unless_equals_int (owner.responses->len, 1);
  owner_clear (&owner);
}

GST_END_TEST;

GST_START_TEST (test_non_invite_final_response)
{
  Owner owner;
  g_autoptr (GstSipTransaction) ct = NULL;
  GstSipMessage *resp;

  owner_init (&owner);
  ct = send_our_request (GST_SIP_METHOD_INFO, &owner);
  peer_responds (sent (0), 200);
  fail_unless_equals_int (owner.responses->len, 1);
  resp = g_ptr_array_index (owner.responses, 0);
  fail_unless_equals_int (resp->status_code, 200);
  fail_unless_equals_int (resp->cseq_method, GST_SIP_METHOD_INFO);
  /* Timer K is zero: the transaction is over at once. */
  fail_unless_equals_int (gst_sip_transaction_get_state (ct),
      GST_SIP_TRANSACTION_STATE_TERMINATED);
  fail_unless_equals_int (gst_sip_transaction_layer_get_n_transactions
      (f.layer), 0);
  fail_unless_equals_int (gst_sip_fake_clock_get_n_pending (f.clock), 0);

  /* A retransmitted final response is not delivered twice. */
  peer_responds (sent (0), 200);
  fail_unless_equals_int (owner.responses->len, 1);
  advance (2 * TIMEOUT_64T1);
  fail_unless_equals_int (owner.n_failed, 0);
  owner_clear (&owner);
}

GST_END_TEST;

GST_START_TEST (test_response_matching)
{
  Owner owner;
  g_autoptr (GstSipTransaction) ct = NULL;
  GstSipMessage *resp;

  owner_init (&owner);
  ct = send_our_request (GST_SIP_METHOD_OPTIONS, &owner);

  /* Another branch: not ours. */
  resp = gst_sip_response_new_for_request (sent (0), 200, "OK", "btag");
  gst_sip_message_remove_headers (resp, GST_SIP_HEADER_VIA);
  gst_sip_message_add_header (resp, GST_SIP_HEADER_VIA,
      "SIP/2.0/WS ourhost.invalid;branch=z9hG4bKother");
  receive (resp);
  /* Same branch, other CSeq method (§17.1.3). */
  resp = gst_sip_response_new_for_request (sent (0), 200, "OK", "btag");
  gst_sip_message_set_header (resp, GST_SIP_HEADER_CSEQ, "7 INFO");
  receive (resp);
  /* Ours on top of a second Via: meant for someone else, as we are the
   * UAC end (JsSIP drops these too). */
  resp = gst_sip_response_new_for_request (sent (0), 200, "OK", "btag");
  gst_sip_message_add_header (resp, GST_SIP_HEADER_VIA,
      "SIP/2.0/WS proxy.example.com;branch=z9hG4bKproxy");
  receive (resp);
  fail_unless_equals_int (owner.responses->len, 0);
  fail_unless_equals_int (gst_sip_transaction_get_state (ct),
      GST_SIP_TRANSACTION_STATE_TRYING);

  peer_responds (sent (0), 200);
  fail_unless_equals_int (owner.responses->len, 1);
  owner_clear (&owner);
}

GST_END_TEST;

GST_START_TEST (test_invite_timer_b)
{
  Owner owner;
  g_autoptr (GstSipTransaction) ct = NULL;

  owner_init (&owner);
  ct = send_our_request (GST_SIP_METHOD_INVITE, &owner);
  fail_unless_equals_int (gst_sip_transaction_get_kind (ct),
      GST_SIP_TRANSACTION_INVITE_CLIENT);
  fail_unless_equals_int (gst_sip_transaction_get_state (ct),
      GST_SIP_TRANSACTION_STATE_CALLING);
  advance (TIMEOUT_64T1 - 1);
  /* No Timer A over a reliable transport. */
  fail_unless_equals_int (f.sent->len, 1);
  fail_unless_equals_int (owner.n_failed, 0);
  advance (1);
  fail_unless_equals_int (owner.n_failed, 1);
  fail_unless_equals_int (owner.error, GST_SIP_TRANSACTION_ERROR_TIMEOUT);
  fail_unless_equals_int (f.sent->len, 1);
  owner_clear (&owner);
}

GST_END_TEST;

GST_START_TEST (test_invite_provisional_stops_timer_b)
{
  Owner owner;
  g_autoptr (GstSipTransaction) ct = NULL;

  owner_init (&owner);
  ct = send_our_request (GST_SIP_METHOD_INVITE, &owner);
  advance (TIMEOUT_64T1 - 1);
  peer_responds (sent (0), 180);
  fail_unless_equals_int (gst_sip_transaction_get_state (ct),
      GST_SIP_TRANSACTION_STATE_PROCEEDING);
  /* Ringing may last: the TU ends it (CANCEL, no-answer), not Timer B. */
  advance (10 * TIMEOUT_64T1);
  fail_unless_equals_int (owner.n_failed, 0);
  fail_unless_equals_int (owner.responses->len, 1);
  fail_unless_equals_int (f.sent->len, 1);
  owner_clear (&owner);
}

GST_END_TEST;

GST_START_TEST (test_invite_failure_acked_by_transaction)
{
  Owner owner;
  g_autoptr (GstSipTransaction) ct = NULL;
  const GstSipMessage *invite, *ack;

  owner_init (&owner);
  ct = send_our_request (GST_SIP_METHOD_INVITE, &owner);
  invite = sent (0);
  peer_responds (invite, 486);

  fail_unless_equals_int (owner.responses->len, 1);
  fail_unless_equals_int (f.sent->len, 2);
  ack = sent (1);
  /* §17.1.1.3, field by field. */
  fail_unless_equals_int (ack->method, GST_SIP_METHOD_ACK);
  fail_unless_equals_string (ack->request_uri_str, invite->request_uri_str);
  fail_unless_equals_int (ack->n_vias, 1);
  fail_unless_equals_string (ack->vias[0].branch, invite->vias[0].branch);
  fail_unless_equals_string (ack->call_id, invite->call_id);
  fail_unless_equals_string (ack->from_tag, "atag");
  fail_unless_equals_string (ack->to_tag, "btag");
  fail_unless_equals_int (ack->cseq, 7);
  fail_unless_equals_string (ack->cseq_method_name, "ACK");
  fail_unless_equals_string (gst_sip_message_get_header (ack,
          GST_SIP_HEADER_ROUTE), "<sip:proxy.example.com;transport=ws;lr>");
  fail_unless (ack->body == NULL);
  /* Timer D is zero over a reliable transport. */
  fail_unless_equals_int (gst_sip_transaction_get_state (ct),
      GST_SIP_TRANSACTION_STATE_TERMINATED);
  advance (2 * TIMEOUT_64T1);
  fail_unless_equals_int (f.sent->len, 2);
  fail_unless_equals_int (owner.n_failed, 0);
  owner_clear (&owner);
}

GST_END_TEST;

GST_START_TEST (test_invite_2xx_retransmissions_reach_owner)
{
  Owner owner;
  g_autoptr (GstSipTransaction) ct = NULL;

  owner_init (&owner);
  ct = send_our_request (GST_SIP_METHOD_INVITE, &owner);
  peer_responds (sent (0), 180);
  peer_responds (sent (0), 200);
  fail_unless_equals_int (gst_sip_transaction_get_state (ct),
      GST_SIP_TRANSACTION_STATE_ACCEPTED);
  fail_unless_equals_int (owner.responses->len, 2);
  /* The layer never ACKs a 2xx: that is the TU's own transaction. */
  fail_unless_equals_int (f.sent->len, 1);

  /* RFC 6026 Accepted: every 2xx goes up so that the TU re-ACKs it. */
  advance (T1);
  peer_responds (sent (0), 200);
  fail_unless_equals_int (owner.responses->len, 3);
  /* A late provisional response is not. */
  peer_responds (sent (0), 180);
  fail_unless_equals_int (owner.responses->len, 3);

  /* Timer M: 64*T1 after the first 2xx. */
  advance (TIMEOUT_64T1 - T1 - 1);
  peer_responds (sent (0), 200);
  fail_unless_equals_int (owner.responses->len, 4);
  fail_unless_equals_int (gst_sip_transaction_get_state (ct),
      GST_SIP_TRANSACTION_STATE_ACCEPTED);
  advance (1);
  fail_unless_equals_int (gst_sip_transaction_get_state (ct),
      GST_SIP_TRANSACTION_STATE_TERMINATED);
  peer_responds (sent (0), 200);
  fail_unless_equals_int (owner.responses->len, 4);
  fail_unless_equals_int (owner.n_failed, 0);
  owner_clear (&owner);
}

GST_END_TEST;

GST_START_TEST (test_cancel_after_provisional)
{
  Owner owner, cancel_owner;
  g_autoptr (GstSipTransaction) ct = NULL;
  g_autoptr (GstSipTransaction) cancel_ct = NULL;
  const GstSipMessage *invite, *cancel, *ack;
  GstSipMessage *resp;

  owner_init (&owner);
  owner_init (&cancel_owner);
  ct = send_our_request (GST_SIP_METHOD_INVITE, &owner);
  invite = sent (0);
  peer_responds (invite, 100);
  cancel_ct = gst_sip_transaction_layer_send_cancel (f.layer, ct,
      "SIP ;cause=200 ;text=\"Call completed elsewhere\"", &owner_callbacks,
      &cancel_owner);
  fail_unless (cancel_ct != NULL);
  /* One CANCEL per INVITE. */
  fail_unless (gst_sip_transaction_layer_send_cancel (f.layer, ct, NULL,
          &owner_callbacks, &cancel_owner) == NULL);

  fail_unless_equals_int (f.sent->len, 2);
  cancel = sent (1);
  /* §9.1, field by field. */
  fail_unless_equals_int (cancel->method, GST_SIP_METHOD_CANCEL);
  fail_unless_equals_string (cancel->request_uri_str, invite->request_uri_str);
  fail_unless_equals_int (cancel->n_vias, 1);
  fail_unless_equals_string (cancel->vias[0].branch, invite->vias[0].branch);
  fail_unless_equals_string (cancel->call_id, invite->call_id);
  fail_unless_equals_string (cancel->from_tag, "atag");
  fail_unless (cancel->to_tag == NULL);
  fail_unless_equals_int (cancel->cseq, invite->cseq);
  fail_unless_equals_string (cancel->cseq_method_name, "CANCEL");
  fail_unless_equals_string (gst_sip_message_get_header (cancel,
          GST_SIP_HEADER_ROUTE), "<sip:proxy.example.com;transport=ws;lr>");
  fail_unless_equals_string (gst_sip_message_get_header (cancel,
          GST_SIP_HEADER_REASON),
      "SIP ;cause=200 ;text=\"Call completed elsewhere\"");

  /* The 200 to the CANCEL goes to the CANCEL's owner only. */
  resp = gst_sip_response_new_for_request (cancel, 200, "OK", "btag");
  receive (resp);
  fail_unless_equals_int (cancel_owner.responses->len, 1);
  fail_unless_equals_int (owner.responses->len, 1);
  fail_unless_equals_int (gst_sip_transaction_get_state (cancel_ct),
      GST_SIP_TRANSACTION_STATE_TERMINATED);

  /* Then the 487 to the INVITE, which the transaction ACKs. */
  peer_responds (invite, 487);
  fail_unless_equals_int (owner.responses->len, 2);
  fail_unless_equals_int (((GstSipMessage *) g_ptr_array_index
          (owner.responses, 1))->status_code, 487);
  fail_unless_equals_int (f.sent->len, 3);
  ack = sent (2);
  fail_unless_equals_int (ack->method, GST_SIP_METHOD_ACK);
  fail_unless_equals_string (ack->vias[0].branch, invite->vias[0].branch);
  fail_unless_equals_int (gst_sip_transaction_layer_get_n_transactions
      (f.layer), 0);
  owner_clear (&owner);
  owner_clear (&cancel_owner);
}

GST_END_TEST;

GST_START_TEST (test_cancel_waits_for_provisional)
{
  Owner owner, cancel_owner;
  g_autoptr (GstSipTransaction) ct = NULL;
  g_autoptr (GstSipTransaction) cancel_ct = NULL;

  owner_init (&owner);
  owner_init (&cancel_owner);
  ct = send_our_request (GST_SIP_METHOD_INVITE, &owner);
  cancel_ct = gst_sip_transaction_layer_send_cancel (f.layer, ct, NULL,
      &owner_callbacks, &cancel_owner);
  fail_unless (cancel_ct != NULL);
  /* §9.1: not before a provisional response... */
  fail_unless_equals_int (f.sent->len, 1);
  advance (T1);
  fail_unless_equals_int (f.sent->len, 1);
  /* ...and at once on the first one. */
  peer_responds (sent (0), 180);
  fail_unless_equals_int (f.sent->len, 2);
  fail_unless_equals_int (sent (1)->method, GST_SIP_METHOD_CANCEL);
  fail_unless_equals_int (count_sent_method (GST_SIP_METHOD_CANCEL), 1);

  /* The CANCEL's own Timer F runs from when it was sent. */
  advance (TIMEOUT_64T1 - 1);
  fail_unless_equals_int (cancel_owner.n_failed, 0);
  advance (1);
  fail_unless_equals_int (cancel_owner.n_failed, 1);
  fail_unless_equals_int (cancel_owner.error,
      GST_SIP_TRANSACTION_ERROR_TIMEOUT);
  fail_unless_equals_int (owner.n_failed, 0);
  owner_clear (&owner);
  owner_clear (&cancel_owner);
}

GST_END_TEST;

GST_START_TEST (test_cancel_dropped_by_final_response)
{
  Owner owner, cancel_owner;
  g_autoptr (GstSipTransaction) ct = NULL;
  g_autoptr (GstSipTransaction) cancel_ct = NULL;

  owner_init (&owner);
  owner_init (&cancel_owner);
  ct = send_our_request (GST_SIP_METHOD_INVITE, &owner);
  cancel_ct = gst_sip_transaction_layer_send_cancel (f.layer, ct, NULL,
      &owner_callbacks, &cancel_owner);
  /* The call is answered before any provisional response: nothing is left
   * to cancel, the TU will ACK and BYE. */
  peer_responds (sent (0), 200);
  fail_unless_equals_int (count_sent_method (GST_SIP_METHOD_CANCEL), 0);
  fail_unless_equals_int (gst_sip_transaction_get_state (cancel_ct),
      GST_SIP_TRANSACTION_STATE_TERMINATED);
  fail_unless_equals_int (owner.responses->len, 1);
  advance (2 * TIMEOUT_64T1);
  fail_unless_equals_int (count_sent_method (GST_SIP_METHOD_CANCEL), 0);
  fail_unless_equals_int (cancel_owner.n_failed, 0);
  fail_unless_equals_int (cancel_owner.responses->len, 0);
  /* Nothing to cancel any more. */
  fail_unless (gst_sip_transaction_layer_send_cancel (f.layer, ct, NULL,
          &owner_callbacks, &cancel_owner) == NULL);
  owner_clear (&owner);
  owner_clear (&cancel_owner);
}

GST_END_TEST;

GST_START_TEST (test_send_failure_reported_later)
{
  Owner owner;
  g_autoptr (GstSipTransaction) ct = NULL;

  owner_init (&owner);
  f.transport_up = FALSE;
  ct = send_our_request (GST_SIP_METHOD_INVITE, &owner);
  /* The owner holds its transaction before it hears anything. */
  fail_unless_equals_int (owner.n_failed, 0);
  advance (0);
  fail_unless_equals_int (owner.n_failed, 1);
  fail_unless_equals_int (owner.error, GST_SIP_TRANSACTION_ERROR_TRANSPORT);
  fail_unless_equals_int (gst_sip_transaction_get_state (ct),
      GST_SIP_TRANSACTION_STATE_TERMINATED);
  owner_clear (&owner);
}

GST_END_TEST;

GST_START_TEST (test_send_ack_new_branch)
{
  GstSipMessage *ack = gst_sip_request_new_initial (GST_SIP_METHOD_ACK,
      "sip:bob@192.0.2.4;transport=ws", "<sip:alice@example.com>", "atag",
      "<sip:bob@example.com>;tag=btag", "call-1@example.com", 7);
  g_autofree gchar *first_branch = NULL;

  fail_unless (gst_sip_transaction_layer_send_ack (f.layer, ack));
  ack = gst_sip_request_new_initial (GST_SIP_METHOD_ACK,
      "sip:bob@192.0.2.4;transport=ws", "<sip:alice@example.com>", "atag",
      "<sip:bob@example.com>;tag=btag", "call-1@example.com", 7);
  fail_unless (gst_sip_transaction_layer_send_ack (f.layer, ack));
  fail_unless_equals_int (f.sent->len, 2);
  first_branch = g_strdup (sent (0)->vias[0].branch);
  fail_unless (g_str_has_prefix (first_branch, "z9hG4bK"));
  fail_unless (g_strcmp0 (first_branch, sent (1)->vias[0].branch) != 0);
  /* No state is kept for an ACK. */
  fail_unless_equals_int (gst_sip_transaction_layer_get_n_transactions
      (f.layer), 0);
  fail_unless_equals_int (gst_sip_fake_clock_get_n_pending (f.clock), 0);
}

GST_END_TEST;

GST_START_TEST (test_owner_may_go_away)
{
  Owner owner;
  GstSipTransaction *ct;

  owner_init (&owner);
  ct = send_our_request (GST_SIP_METHOD_OPTIONS, &owner);
  gst_sip_transaction_clear_callbacks (ct);
  gst_sip_transaction_unref (ct);
  owner_clear (&owner);
  /* Neither the response nor the timeout reaches the departed owner. */
  peer_responds (sent (0), 100);
  advance (TIMEOUT_64T1);
  fail_unless_equals_int (gst_sip_transaction_layer_get_n_transactions
      (f.layer), 0);
}

GST_END_TEST;

/* ---- the server side: the peer's requests, our responses ---- */

static GstSipMessage *
peer_request (GstSipMethod method, const gchar * branch, guint32 cseq)
{
  GstSipMessage *req = gst_sip_request_new_initial (method,
      "sip:alice@ourhost.invalid;transport=ws", "<sip:bob@example.com>",
      "btag", "<sip:alice@example.com>", "call-2@example.com", cseq);

  gst_sip_message_prepend_via (req, "WSS", "peerhost.invalid", branch);
  if (method == GST_SIP_METHOD_INVITE)
    gst_sip_message_add_header (req, GST_SIP_HEADER_CONTACT,
        "<sip:bob@peerhost.invalid;transport=ws>");
  return req;
}

/* The peer's ACK of our 2xx: a new branch, our To tag (§13.2.2.4). */
static GstSipMessage *
peer_ack_2xx (const gchar * branch, const gchar * to_tag)
{
  GstSipMessage *ack = peer_request (GST_SIP_METHOD_ACK, branch, 1);
  g_autofree gchar *to = g_strdup_printf ("<sip:alice@example.com>;tag=%s",
      to_tag);

  gst_sip_message_set_header (ack, GST_SIP_HEADER_TO, to);
  gst_sip_message_index (ack, NULL);
  return ack;
}

static GstSipTransaction *
tu_transaction (guint nth)
{
  fail_unless (nth < f.request_sts->len);
  return g_ptr_array_index (f.request_sts, nth);
}

static GstSipMessage *
tu_request_nth (guint nth)
{
  fail_unless (nth < f.requests->len);
  return g_ptr_array_index (f.requests, nth);
}

static gboolean
we_respond (guint nth, guint code, const gchar * reason)
{
  GstSipTransaction *st = tu_transaction (nth);

  return gst_sip_server_transaction_respond (st,
      gst_sip_response_new_for_request (gst_sip_transaction_get_request (st),
          code, reason, "atag"));
}

static guint
count_sent_status (guint code)
{
  guint i, n = 0;

  for (i = 0; i < f.sent->len; i++) {
    if (!sent (i)->is_request && sent (i)->status_code == code)
      n++;
  }
  return n;
}

GST_START_TEST (test_invite_server_trying_and_retransmission)
{
  GstSipTransaction *st;

  receive (peer_request (GST_SIP_METHOD_INVITE, "z9hG4bKinv1", 1));
  /* §17.2.1: 100 Trying at once, without a To tag. */
  fail_unless_equals_int (f.sent->len, 1);
  fail_unless_equals_int (sent (0)->status_code, 100);
  fail_unless (sent (0)->to_tag == NULL);
  fail_unless_equals_string (sent (0)->vias[0].branch, "z9hG4bKinv1");
  fail_unless_equals_int (f.requests->len, 1);
  st = tu_transaction (0);
  fail_unless (st != NULL);
  fail_unless_equals_int (gst_sip_transaction_get_kind (st),
      GST_SIP_TRANSACTION_INVITE_SERVER);
  fail_unless_equals_int (gst_sip_transaction_get_state (st),
      GST_SIP_TRANSACTION_STATE_PROCEEDING);

  fail_unless (we_respond (0, 180, "Ringing"));
  fail_unless_equals_int (sent (1)->status_code, 180);
  fail_unless_equals_string (sent (1)->to_tag, "atag");

  /* A retransmitted INVITE is absorbed and gets the last response again. */
  receive (peer_request (GST_SIP_METHOD_INVITE, "z9hG4bKinv1", 1));
  fail_unless_equals_int (f.requests->len, 1);
  fail_unless_equals_int (f.sent->len, 3);
  fail_unless_equals_int (sent (2)->status_code, 180);
  /* No timer runs while the TU thinks it over. */
  fail_unless_equals_int (gst_sip_fake_clock_get_n_pending (f.clock), 0);
}

GST_END_TEST;

/* §13.3.1.4: T1, 2*T1, 4*T1... capped at T2, from when the 2xx went out. */
static const guint retransmission_times[] = {
  500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500,
};

GST_START_TEST (test_invite_2xx_retransmitted_until_ack)
{
  guint i, now = 0;

  receive (peer_request (GST_SIP_METHOD_INVITE, "z9hG4bKinv1", 1));
  fail_unless (we_respond (0, 200, "OK"));
  fail_unless_equals_int (count_sent_status (200), 1);
  fail_unless_equals_int (gst_sip_transaction_get_state (tu_transaction (0)),
      GST_SIP_TRANSACTION_STATE_ACCEPTED);

  for (i = 0; i < 4; i++) {
    advance (retransmission_times[i] - 1 - now);
    fail_unless_equals_int (count_sent_status (200), i + 1);
    advance (1);
    now = retransmission_times[i];
    fail_unless_equals_int (count_sent_status (200), i + 2);
    fail_unless_equals_string (last_sent ()->to_tag, "atag");
  }

  /* The ACK has a branch of its own; it stops the retransmissions and
   * reaches the TU without a transaction. */
  receive (peer_ack_2xx ("z9hG4bKack1", "atag"));
  fail_unless_equals_int (f.requests->len, 2);
  fail_unless_equals_int (tu_request_nth (1)->method, GST_SIP_METHOD_ACK);
  fail_unless (tu_transaction (1) == NULL);
  advance (TIMEOUT_64T1);
  fail_unless_equals_int (count_sent_status (200), 5);
  fail_unless_equals_int (f.server_errors->len, 0);
  /* Timer L ended the acknowledged transaction quietly. */
  fail_unless_equals_int (gst_sip_transaction_layer_get_n_transactions
      (f.layer), 0);
}

GST_END_TEST;

GST_START_TEST (test_invite_2xx_no_ack)
{
  guint i, now = 0;

  receive (peer_request (GST_SIP_METHOD_INVITE, "z9hG4bKinv1", 1));
  fail_unless (we_respond (0, 200, "OK"));

  /* An ACK for another dialog (wrong To tag) stops nothing. */
  receive (peer_ack_2xx ("z9hG4bKack1", "othertag"));

  for (i = 0; i < G_N_ELEMENTS (retransmission_times); i++) {
    advance (retransmission_times[i] - now);
    now = retransmission_times[i];
    fail_unless_equals_int (count_sent_status (200), i + 2);
  }
  /* A retransmitted INVITE in Accepted is absorbed, not answered. */
  receive (peer_request (GST_SIP_METHOD_INVITE, "z9hG4bKinv1", 1));
  fail_unless_equals_int (count_sent_status (200), 11);

  advance (TIMEOUT_64T1 - 1 - now);
  fail_unless_equals_int (f.server_errors->len, 0);
  advance (1);
  fail_unless_equals_int (f.server_errors->len, 1);
  fail_unless_equals_int (g_array_index (f.server_errors,
          GstSipTransactionError, 0), GST_SIP_TRANSACTION_ERROR_NO_ACK);
  fail_unless (g_ptr_array_index (f.failed_sts, 0) == tu_transaction (0));
  fail_unless_equals_int (count_sent_status (200), 11);
  fail_unless_equals_int (f.requests->len, 2);
}

GST_END_TEST;

GST_START_TEST (test_invite_failure_ack_absorbed)
{
  GstSipMessage *ack;

  receive (peer_request (GST_SIP_METHOD_INVITE, "z9hG4bKinv1", 1));
  fail_unless (we_respond (0, 486, "Busy Here"));
  fail_unless_equals_int (gst_sip_transaction_get_state (tu_transaction (0)),
      GST_SIP_TRANSACTION_STATE_COMPLETED);
  /* No Timer G: the 486 is not repeated. */
  advance (TIMEOUT_64T1 - 1);
  fail_unless_equals_int (count_sent_status (486), 1);
  /* Too late for another final response. */
  fail_unless (!we_respond (0, 200, "OK"));

  /* The ACK of a non-2xx has the INVITE's branch and is absorbed. */
  ack = peer_ack_2xx ("z9hG4bKinv1", "atag");
  receive (ack);
  fail_unless_equals_int (f.requests->len, 1);
  fail_unless_equals_int (gst_sip_transaction_get_state (tu_transaction (0)),
      GST_SIP_TRANSACTION_STATE_TERMINATED);
  advance (1);
  fail_unless_equals_int (f.server_errors->len, 0);
}

GST_END_TEST;

GST_START_TEST (test_invite_failure_timer_h)
{
  receive (peer_request (GST_SIP_METHOD_INVITE, "z9hG4bKinv1", 1));
  fail_unless (we_respond (0, 603, "Decline"));
  advance (TIMEOUT_64T1 - 1);
  fail_unless_equals_int (f.server_errors->len, 0);
  advance (1);
  fail_unless_equals_int (f.server_errors->len, 1);
  fail_unless_equals_int (g_array_index (f.server_errors,
          GstSipTransactionError, 0), GST_SIP_TRANSACTION_ERROR_TIMEOUT);
  fail_unless_equals_int (count_sent_status (603), 1);
}

GST_END_TEST;

GST_START_TEST (test_cancel_received)
{
  const GstSipMessage *ok;

  receive (peer_request (GST_SIP_METHOD_INVITE, "z9hG4bKinv1", 1));
  fail_unless (we_respond (0, 180, "Ringing"));
  receive (peer_request (GST_SIP_METHOD_CANCEL, "z9hG4bKinv1", 1));

  /* §9.2: the layer answers 200 to the CANCEL, with the INVITE's To tag,
   * and tells the TU, which has not seen the CANCEL as a request. */
  ok = last_sent ();
  fail_unless_equals_int (ok->status_code, 200);
  fail_unless_equals_int (ok->cseq_method, GST_SIP_METHOD_CANCEL);
  fail_unless_equals_string (ok->to_tag, "atag");
  fail_unless_equals_string (ok->vias[0].branch, "z9hG4bKinv1");
  fail_unless_equals_int (f.requests->len, 1);
  fail_unless_equals_int (f.cancelled->len, 1);
  fail_unless (g_ptr_array_index (f.cancelled, 0) == tu_transaction (0));

  /* The TU answers the INVITE 487, the peer ACKs, all is absorbed. */
  fail_unless (we_respond (0, 487, "Request Terminated"));
  fail_unless_equals_int (last_sent ()->status_code, 487);
  fail_unless_equals_int (last_sent ()->cseq_method, GST_SIP_METHOD_INVITE);
  receive (peer_ack_2xx ("z9hG4bKinv1", "atag"));
  fail_unless_equals_int (f.requests->len, 1);
  fail_unless_equals_int (gst_sip_transaction_layer_get_n_transactions
      (f.layer), 0);

  /* A CANCEL that matches nothing any more: 481, the TU is not told. */
  receive (peer_request (GST_SIP_METHOD_CANCEL, "z9hG4bKinv1", 1));
  fail_unless_equals_int (last_sent ()->status_code, 481);
  fail_unless_equals_int (f.cancelled->len, 1);
}

GST_END_TEST;

GST_START_TEST (test_cancel_after_answer)
{
  receive (peer_request (GST_SIP_METHOD_INVITE, "z9hG4bKinv1", 1));
  fail_unless (we_respond (0, 200, "OK"));
  receive (peer_request (GST_SIP_METHOD_CANCEL, "z9hG4bKinv1", 1));
  /* The CANCEL matched, so 200, but the call is answered: nothing for the
   * TU to do. */
  fail_unless_equals_int (last_sent ()->status_code, 200);
  fail_unless_equals_int (last_sent ()->cseq_method, GST_SIP_METHOD_CANCEL);
  fail_unless_equals_int (f.cancelled->len, 0);
  receive (peer_ack_2xx ("z9hG4bKack1", "atag"));
}

GST_END_TEST;

GST_START_TEST (test_non_invite_server)
{
  GstSipTransaction *st;

  receive (peer_request (GST_SIP_METHOD_BYE, "z9hG4bKbye1", 2));
  /* No 100 for a non-INVITE. */
  fail_unless_equals_int (f.sent->len, 0);
  st = tu_transaction (0);
  fail_unless_equals_int (gst_sip_transaction_get_kind (st),
      GST_SIP_TRANSACTION_NON_INVITE_SERVER);
  fail_unless_equals_int (gst_sip_transaction_get_state (st),
      GST_SIP_TRANSACTION_STATE_TRYING);
  /* Retransmission before any response: absorbed, nothing to resend. */
  receive (peer_request (GST_SIP_METHOD_BYE, "z9hG4bKbye1", 2));
  fail_unless_equals_int (f.requests->len, 1);
  fail_unless_equals_int (f.sent->len, 0);

  fail_unless (we_respond (0, 200, "OK"));
  fail_unless_equals_int (f.sent->len, 1);
  /* Timer J is zero over a reliable transport. */
  fail_unless_equals_int (gst_sip_transaction_get_state (st),
      GST_SIP_TRANSACTION_STATE_TERMINATED);
  fail_unless (!we_respond (0, 500, "Too late"));
  fail_unless_equals_int (f.sent->len, 1);
}

GST_END_TEST;

GST_START_TEST (test_server_matching_by_sent_by)
{
  GstSipMessage *req;

  receive (peer_request (GST_SIP_METHOD_OPTIONS, "z9hG4bKsame", 1));
  /* Same branch from another sent-by, or another method: new requests. */
  req = peer_request (GST_SIP_METHOD_OPTIONS, "z9hG4bKsame", 1);
  gst_sip_message_set_header (req, GST_SIP_HEADER_VIA,
      "SIP/2.0/WSS otherhost.invalid;branch=z9hG4bKsame");
  gst_sip_message_index (req, NULL);
  receive (req);
  receive (peer_request (GST_SIP_METHOD_INFO, "z9hG4bKsame", 2));
  fail_unless_equals_int (f.requests->len, 3);
  fail_unless_equals_int (gst_sip_transaction_layer_get_n_transactions
      (f.layer), 3);
}

GST_END_TEST;

GST_START_TEST (test_2xx_retransmission_transport_error)
{
  receive (peer_request (GST_SIP_METHOD_INVITE, "z9hG4bKinv1", 1));
  fail_unless (we_respond (0, 200, "OK"));
  f.transport_up = FALSE;
  advance (T1);
  fail_unless_equals_int (f.server_errors->len, 1);
  fail_unless_equals_int (g_array_index (f.server_errors,
          GstSipTransactionError, 0), GST_SIP_TRANSACTION_ERROR_TRANSPORT);
  fail_unless_equals_int (gst_sip_transaction_layer_get_n_transactions
      (f.layer), 0);
}

GST_END_TEST;

GST_START_TEST (test_transport_lost)
{
  Owner invite_owner, options_owner;
  g_autoptr (GstSipTransaction) invite_ct = NULL;
  g_autoptr (GstSipTransaction) options_ct = NULL;

  owner_init (&invite_owner);
  owner_init (&options_owner);
  invite_ct = send_our_request (GST_SIP_METHOD_INVITE, &invite_owner);
  peer_responds (sent (0), 200);        /* Accepted: no outcome pending */
  options_ct = gst_sip_transaction_layer_send_request (f.layer,
      our_request (GST_SIP_METHOD_OPTIONS), &owner_callbacks, &options_owner);
  receive (peer_request (GST_SIP_METHOD_INVITE, "z9hG4bKinv1", 1));
  receive (peer_request (GST_SIP_METHOD_INFO, "z9hG4bKinfo", 2));
  fail_unless (we_respond (1, 200, "OK"));      /* done: no outcome pending */

  gst_sip_transaction_layer_transport_lost (f.layer);
  fail_unless_equals_int (invite_owner.n_failed, 0);
  fail_unless_equals_int (options_owner.n_failed, 1);
  fail_unless_equals_int (options_owner.error,
      GST_SIP_TRANSACTION_ERROR_TRANSPORT);
  /* The INVITE the TU still owes a response to. */
  fail_unless_equals_int (f.server_errors->len, 1);
  fail_unless (g_ptr_array_index (f.failed_sts, 0) == tu_transaction (0));
  fail_unless_equals_int (gst_sip_transaction_layer_get_n_transactions
      (f.layer), 0);
  fail_unless_equals_int (gst_sip_fake_clock_get_n_pending (f.clock), 0);
  fail_unless (!we_respond (0, 486, "Busy Here"));
  owner_clear (&invite_owner);
  owner_clear (&options_owner);
}

GST_END_TEST;

/* ---- the builders the transactions rely on ---- */

static gboolean
is_token (const gchar * s, gsize len)
{
  gsize i;

  if (strlen (s) != len)
    return FALSE;
  for (i = 0; i < len; i++) {
    if (!g_ascii_islower (s[i]) && !g_ascii_isdigit (s[i]))
      return FALSE;
  }
  return TRUE;
}

GST_START_TEST (test_identifiers)
{
  g_autofree gchar *branch = gst_sip_generate_branch ();
  g_autofree gchar *branch2 = gst_sip_generate_branch ();
  g_autofree gchar *tag = gst_sip_generate_tag ();
  g_autofree gchar *call_id = gst_sip_generate_call_id ("abcde");
  g_autofree gchar *via_host = gst_sip_generate_via_host ();
  guint i;

  fail_unless (g_str_has_prefix (branch, GST_SIP_BRANCH_MAGIC_COOKIE));
  fail_unless (is_token (branch + 7, 10));
  fail_unless (g_strcmp0 (branch, branch2) != 0);
  fail_unless (is_token (tag, 10));
  fail_unless (g_str_has_prefix (call_id, "abcde"));
  fail_unless (is_token (call_id, 20));
  fail_unless (g_str_has_suffix (via_host, ".invalid"));
  fail_unless_equals_int (strlen (via_host), 12 + strlen (".invalid"));
  for (i = 0; i < 1000; i++) {
    guint32 cseq = gst_sip_generate_cseq ();

    fail_unless (cseq >= 1 && cseq <= 9999);
  }
}

GST_END_TEST;

GST_START_TEST (test_response_for_request)
{
  GstSipMessage *invite = peer_request (GST_SIP_METHOD_INVITE, "z9hG4bKa", 5);
  g_autoptr (GstSipMessage) wired = NULL;
  g_autoptr (GstSipMessage) trying = NULL;
  g_autoptr (GstSipMessage) ringing = NULL;
  g_autoptr (GstSipMessage) busy = NULL;

  /* Through a proxy that record-routes. */
  gst_sip_message_prepend_via (invite, "WSS", "proxy.example.com", "z9hG4bKp");
  gst_sip_message_add_header (invite, GST_SIP_HEADER_RECORD_ROUTE,
      "<sip:proxy.example.com;transport=ws;lr>");
  wired = through_wire (invite);
  gst_sip_message_free (invite);

  trying = gst_sip_response_new_for_request (wired, 100, "Trying", "ztag");
  fail_unless_equals_int (trying->status_code, 100);
  fail_unless (trying->to_tag == NULL);
  fail_unless_equals_int (gst_sip_message_count_headers (trying,
          GST_SIP_HEADER_RECORD_ROUTE), 0);

  /* §8.2.6.2: every Via in order, From, To with our tag, Call-ID, CSeq;
   * §12.1.1: a dialog-creating response carries the Record-Route. */
  ringing = gst_sip_response_new_for_request (wired, 180, "Ringing", "ztag");
  fail_unless_equals_int (ringing->n_vias, 2);
  fail_unless_equals_string (ringing->vias[0].host, "proxy.example.com");
  fail_unless_equals_string (ringing->vias[1].branch, "z9hG4bKa");
  fail_unless_equals_string (ringing->from_tag, "btag");
  fail_unless_equals_string (ringing->to_tag, "ztag");
  fail_unless_equals_string (ringing->call_id, "call-2@example.com");
  fail_unless_equals_int (ringing->cseq, 5);
  fail_unless_equals_int (ringing->cseq_method, GST_SIP_METHOD_INVITE);
  fail_unless_equals_string (gst_sip_message_get_header (ringing,
          GST_SIP_HEADER_RECORD_ROUTE),
      "<sip:proxy.example.com;transport=ws;lr>");

  busy = gst_sip_response_new_for_request (wired, 486, "Busy Here", "ztag");
  fail_unless_equals_string (busy->to_tag, "ztag");
  fail_unless_equals_int (gst_sip_message_count_headers (busy,
          GST_SIP_HEADER_RECORD_ROUTE), 0);
}

GST_END_TEST;

GST_START_TEST (test_response_keeps_existing_tag)
{
  g_autoptr (GstSipMessage) bye =
      peer_request (GST_SIP_METHOD_BYE, "z9hG4bKb", 6);
  g_autoptr (GstSipMessage) ok = NULL;

  gst_sip_message_set_header (bye, GST_SIP_HEADER_TO,
      "<sip:alice@example.com>;tag=dialogtag");
  gst_sip_message_index (bye, NULL);
  ok = gst_sip_response_new_for_request (bye, 200, "OK", "othertag");
  fail_unless_equals_string (ok->to_tag, "dialogtag");
  fail_unless_equals_int (gst_sip_message_count_headers (ok,
          GST_SIP_HEADER_TO), 1);
}

GST_END_TEST;

static Suite *
sip_transaction_suite (void)
{
  Suite *s = suite_create ("sip-transaction");
  TCase *client = tcase_create ("client");
  TCase *server = tcase_create ("server");
  TCase *builders = tcase_create ("builders");

  suite_add_tcase (s, client);
  tcase_add_checked_fixture (client, setup, teardown);
  tcase_add_test (client, test_request_sent_once_with_via);
  tcase_add_test (client, test_non_invite_timer_f);
  tcase_add_test (client, test_non_invite_final_response);
  tcase_add_test (client, test_response_matching);
  tcase_add_test (client, test_invite_timer_b);
  tcase_add_test (client, test_invite_provisional_stops_timer_b);
  tcase_add_test (client, test_invite_failure_acked_by_transaction);
  tcase_add_test (client, test_invite_2xx_retransmissions_reach_owner);
  tcase_add_test (client, test_cancel_after_provisional);
  tcase_add_test (client, test_cancel_waits_for_provisional);
  tcase_add_test (client, test_cancel_dropped_by_final_response);
  tcase_add_test (client, test_send_failure_reported_later);
  tcase_add_test (client, test_send_ack_new_branch);
  tcase_add_test (client, test_owner_may_go_away);

  suite_add_tcase (s, server);
  tcase_add_checked_fixture (server, setup, teardown);
  tcase_add_test (server, test_invite_server_trying_and_retransmission);
  tcase_add_test (server, test_invite_2xx_retransmitted_until_ack);
  tcase_add_test (server, test_invite_2xx_no_ack);
  tcase_add_test (server, test_invite_failure_ack_absorbed);
  tcase_add_test (server, test_invite_failure_timer_h);
  tcase_add_test (server, test_cancel_received);
  tcase_add_test (server, test_cancel_after_answer);
  tcase_add_test (server, test_non_invite_server);
  tcase_add_test (server, test_server_matching_by_sent_by);
  tcase_add_test (server, test_2xx_retransmission_transport_error);
  tcase_add_test (server, test_transport_lost);

  suite_add_tcase (s, builders);
  tcase_add_checked_fixture (builders, setup, teardown);
  tcase_add_test (builders, test_identifiers);
  tcase_add_test (builders, test_response_for_request);
  tcase_add_test (builders, test_response_keeps_existing_tag);
  return s;
}

GST_CHECK_MAIN (sip_transaction);
