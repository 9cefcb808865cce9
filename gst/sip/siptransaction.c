/* gst-jssip: SIP core
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/sip/siptransaction.h>
#include <gst/sip/siprequest.h>

#include <string.h>

struct _GstSipTransactionLayer
{
  GstSipClock clock;
  gchar *via_transport;
  gchar *via_host;
  GstSipTransactionLayerCallbacks callbacks;
  gpointer user_data;
  /* key -> transaction, holding the layer's reference to each live one */
  GHashTable *client;
  GHashTable *server;
};

struct _GstSipTransaction
{
  gint ref_count;
  GstSipTransactionLayer *layer;        /* NULL once terminated */
  GstSipTransactionKind kind;
  GstSipTransactionState state;
  gchar *key;
  GstSipMessage *request;
  GstSipMessage *last_response; /* server: the last one sent */

  GstSipClientCallbacks callbacks;      /* client: the owner's */
  gpointer user_data;

  /* Timer B, F, H, L or M, or a deferred transport error report */
  guint timeout_id;
  guint retransmit_id;          /* INVITE server: the next 2xx retransmission */
  guint retransmit_interval_ms;
  gboolean acked;               /* INVITE server: the ACK of its 2xx arrived */
  GstSipTransaction *cancel;    /* INVITE client: its CANCEL, if any */
  /* CANCEL client: held back until the INVITE's first provisional */
  gboolean waiting;
};

/* ---- transactions ---- */

static gboolean
is_client (const GstSipTransaction * tr)
{
  return tr->kind == GST_SIP_TRANSACTION_INVITE_CLIENT
      || tr->kind == GST_SIP_TRANSACTION_NON_INVITE_CLIENT;
}

static GstSipTransaction *
transaction_new (GstSipTransactionLayer * layer, GstSipTransactionKind kind,
    GstSipMessage * request, gchar * key)
{
  GstSipTransaction *tr = g_new0 (GstSipTransaction, 1);

  tr->ref_count = 1;
  tr->layer = layer;
  tr->kind = kind;
  tr->request = request;
  tr->key = key;
  switch (kind) {
    case GST_SIP_TRANSACTION_INVITE_CLIENT:
      tr->state = GST_SIP_TRANSACTION_STATE_CALLING;
      break;
    case GST_SIP_TRANSACTION_INVITE_SERVER:
      tr->state = GST_SIP_TRANSACTION_STATE_PROCEEDING;
      break;
    default:
      tr->state = GST_SIP_TRANSACTION_STATE_TRYING;
      break;
  }
  g_hash_table_insert (is_client (tr) ? layer->client : layer->server,
      tr->key, tr);
  return tr;
}

GstSipTransaction *
gst_sip_transaction_ref (GstSipTransaction * tr)
{
  g_atomic_int_inc (&tr->ref_count);
  return tr;
}

void
gst_sip_transaction_unref (GstSipTransaction * tr)
{
  if (!g_atomic_int_dec_and_test (&tr->ref_count))
    return;
  g_clear_pointer (&tr->cancel, gst_sip_transaction_unref);
  gst_sip_message_free (tr->request);
  g_clear_pointer (&tr->last_response, gst_sip_message_free);
  g_free (tr->key);
  g_free (tr);
}

/* Leaves the layer: timers off, out of the table (which drops the layer's
 * reference, so @tr may be gone on return). */
static void
transaction_terminate (GstSipTransaction * tr)
{
  GstSipTransactionLayer *layer = tr->layer;

  if (layer == NULL)
    return;
  tr->state = GST_SIP_TRANSACTION_STATE_TERMINATED;
  gst_sip_clock_clear_timeout (&layer->clock, &tr->timeout_id);
  gst_sip_clock_clear_timeout (&layer->clock, &tr->retransmit_id);
  tr->layer = NULL;
  /* A CANCEL that never went out has nothing left to cancel. */
  if (tr->cancel && tr->cancel->waiting)
    transaction_terminate (tr->cancel);
  g_hash_table_remove (is_client (tr) ? layer->client : layer->server, tr->key);
}

static gboolean
layer_send (GstSipTransactionLayer * layer, const GstSipMessage * msg)
{
  return layer->callbacks.send (layer, msg, layer->user_data);
}

/* The method a transaction is keyed on: an ACK belongs to its INVITE's
 * server transaction (§17.2.3). */
static const gchar *
key_method (GstSipMethod method, const gchar * name)
{
  if (method == GST_SIP_METHOD_ACK)
    method = GST_SIP_METHOD_INVITE;
  return method != GST_SIP_METHOD_UNKNOWN ? gst_sip_method_to_string (method)
      : name;
}

/* §17.1.3: a response matches the client transaction whose request had the
 * same top Via branch and the same CSeq method. */
static gchar *
client_key (const gchar * branch, const GstSipMessage * msg)
{
  return g_strconcat (branch, "\n", key_method (msg->cseq_method,
          msg->cseq_method_name), NULL);
}

static gboolean
has_magic_cookie (const gchar * branch)
{
  return branch && g_str_has_prefix (branch, GST_SIP_BRANCH_MAGIC_COOKIE);
}

/* §17.2.3: a request matches the server transaction of the same top Via
 * branch and sent-by, and the same method (ACK counting as INVITE). A
 * branch without the RFC 3261 magic cookie is not unique, so the request's
 * identity stands in for it (the ACK of a non-2xx, whose To tag differs
 * from the INVITE's, then finds no transaction: it is passed to the TU). */
static gchar *
server_key (const GstSipMessage * msg, GstSipMethod method,
    const gchar * method_name)
{
  const GstSipVia *via = &msg->vias[0];
  g_autofree gchar *host = g_ascii_strdown (via->host, -1);

  if (has_magic_cookie (via->branch))
    return g_strdup_printf ("%s\n%s:%u\n%s", via->branch, host, via->port,
        key_method (method, method_name));
  return g_strdup_printf ("%s\n%s\n%s\n%u\n%s:%u\n%s", msg->call_id,
      msg->from_tag, msg->to_tag ? msg->to_tag : "", msg->cseq, host,
      via->port, key_method (method, method_name));
}

/* ---- client transactions ---- */

static void
client_fail (GstSipTransaction * ct, GstSipTransactionError error)
{
  gst_sip_transaction_ref (ct);
  transaction_terminate (ct);
  if (ct->callbacks.failed)
    ct->callbacks.failed (ct, error, ct->user_data);
  gst_sip_transaction_unref (ct);
}

/* Timer B (INVITE, Calling only) or Timer F (non-INVITE). */
static void
client_timed_out (gpointer data)
{
  GstSipTransaction *ct = data;

  ct->timeout_id = 0;
  client_fail (ct, GST_SIP_TRANSACTION_ERROR_TIMEOUT);
}

static void
client_transport_failed (gpointer data)
{
  GstSipTransaction *ct = data;

  ct->timeout_id = 0;
  client_fail (ct, GST_SIP_TRANSACTION_ERROR_TRANSPORT);
}

/* Sends the request once: a reliable transport never needs Timer A or E. */
static void
client_start (GstSipTransaction * ct)
{
  GstSipTransactionLayer *layer = ct->layer;

  if (!layer_send (layer, ct->request)) {
    ct->timeout_id = gst_sip_clock_add_timeout (&layer->clock, 0,
        client_transport_failed, ct);
    return;
  }
  ct->timeout_id = gst_sip_clock_add_timeout (&layer->clock,
      GST_SIP_TIMEOUT_64T1_MS, client_timed_out, ct);
}

static void
client_deliver (GstSipTransaction * ct, const GstSipMessage * response)
{
  if (ct->callbacks.response)
    ct->callbacks.response (ct, response, ct->user_data);
}

/* Timer M: the Accepted INVITE client transaction stops collecting 2xx. */
static void
invite_client_accepted_over (gpointer data)
{
  GstSipTransaction *ct = data;

  ct->timeout_id = 0;
  transaction_terminate (ct);
}

static void
drop_waiting_cancel (GstSipTransaction * ct)
{
  if (ct->cancel && ct->cancel->waiting)
    transaction_terminate (ct->cancel);
}

static void
invite_client_provisional (GstSipTransaction * ct,
    const GstSipMessage * response)
{
  if (ct->state == GST_SIP_TRANSACTION_STATE_CALLING) {
    /* Timer B only guards the Calling state (§17.1.1.2). */
    gst_sip_clock_clear_timeout (&ct->layer->clock, &ct->timeout_id);
    ct->state = GST_SIP_TRANSACTION_STATE_PROCEEDING;
    if (ct->cancel && ct->cancel->waiting) {
      ct->cancel->waiting = FALSE;
      client_start (ct->cancel);
    }
  }
  client_deliver (ct, response);
}

static void
invite_client_success (GstSipTransaction * ct, const GstSipMessage * response)
{
  if (ct->state != GST_SIP_TRANSACTION_STATE_ACCEPTED) {
    gst_sip_clock_clear_timeout (&ct->layer->clock, &ct->timeout_id);
    drop_waiting_cancel (ct);
    ct->state = GST_SIP_TRANSACTION_STATE_ACCEPTED;
    ct->timeout_id = gst_sip_clock_add_timeout (&ct->layer->clock,
        GST_SIP_TIMEOUT_64T1_MS, invite_client_accepted_over, ct);
  }
  /* RFC 6026 §8.4: every 2xx goes to the TU, which ACKs each one. */
  client_deliver (ct, response);
}

static void
invite_client_failure (GstSipTransaction * ct, const GstSipMessage * response)
{
  GstSipMessage *ack;

  gst_sip_clock_clear_timeout (&ct->layer->clock, &ct->timeout_id);
  drop_waiting_cancel (ct);
  ct->state = GST_SIP_TRANSACTION_STATE_COMPLETED;
  /* §17.1.1.3: the transaction ACKs a non-2xx itself, on the same branch;
   * sent once, as the server does not retransmit over a reliable
   * transport. */
  ack = gst_sip_request_new_ack_for_failure (ct->request, response);
  layer_send (ct->layer, ack);
  gst_sip_message_free (ack);
  client_deliver (ct, response);
  /* Timer D is zero on a reliable transport. */
  transaction_terminate (ct);
}

static void
invite_client_receive (GstSipTransaction * ct, const GstSipMessage * response)
{
  guint code = response->status_code;

  switch (ct->state) {
    case GST_SIP_TRANSACTION_STATE_CALLING:
    case GST_SIP_TRANSACTION_STATE_PROCEEDING:
      if (code < 200)
        invite_client_provisional (ct, response);
      else if (code < 300)
        invite_client_success (ct, response);
      else
        invite_client_failure (ct, response);
      break;
    case GST_SIP_TRANSACTION_STATE_ACCEPTED:
      if (code >= 200 && code < 300)
        invite_client_success (ct, response);
      break;
    default:
      break;
  }
}

static void
non_invite_client_receive (GstSipTransaction * ct,
    const GstSipMessage * response)
{
  if (ct->waiting || (ct->state != GST_SIP_TRANSACTION_STATE_TRYING
          && ct->state != GST_SIP_TRANSACTION_STATE_PROCEEDING))
    return;
  if (response->status_code < 200) {
    ct->state = GST_SIP_TRANSACTION_STATE_PROCEEDING;
    client_deliver (ct, response);
    return;
  }
  gst_sip_clock_clear_timeout (&ct->layer->clock, &ct->timeout_id);
  ct->state = GST_SIP_TRANSACTION_STATE_COMPLETED;
  client_deliver (ct, response);
  /* Timer K is zero on a reliable transport. */
  transaction_terminate (ct);
}

static void
receive_response (GstSipTransactionLayer * layer,
    const GstSipMessage * response)
{
  g_autofree gchar *key = NULL;
  GstSipTransaction *ct;

  /* §18.1.2: a response with Vias other than ours was not meant for us. */
  if (response->n_vias != 1 || response->vias[0].branch == NULL)
    return;
  key = client_key (response->vias[0].branch, response);
  ct = g_hash_table_lookup (layer->client, key);
  if (ct == NULL)
    return;
  gst_sip_transaction_ref (ct);
  if (ct->kind == GST_SIP_TRANSACTION_INVITE_CLIENT)
    invite_client_receive (ct, response);
  else
    non_invite_client_receive (ct, response);
  gst_sip_transaction_unref (ct);
}

static GstSipTransaction *
client_new (GstSipTransactionLayer * layer, GstSipMessage * request,
    const GstSipClientCallbacks * callbacks, gpointer user_data)
{
  GstSipTransaction *ct;
  gchar *key = client_key (request->vias[0].branch, request);

  if (g_hash_table_contains (layer->client, key)) {
    g_warning ("a client transaction already uses branch %s",
        request->vias[0].branch);
    g_free (key);
    gst_sip_message_free (request);
    return NULL;
  }
  ct = transaction_new (layer, request->method == GST_SIP_METHOD_INVITE ?
      GST_SIP_TRANSACTION_INVITE_CLIENT :
      GST_SIP_TRANSACTION_NON_INVITE_CLIENT, request, key);
  if (callbacks)
    ct->callbacks = *callbacks;
  ct->user_data = user_data;
  return ct;
}

static gboolean
request_has_transaction_headers (const GstSipMessage * request)
{
  return request->n_vias > 0 && request->vias[0].branch && request->call_id
      && request->from && request->to
      && gst_sip_message_get_header (request, GST_SIP_HEADER_CSEQ);
}

GstSipTransaction *
gst_sip_transaction_layer_send_request (GstSipTransactionLayer * layer,
    GstSipMessage * request, const GstSipClientCallbacks * callbacks,
    gpointer user_data)
{
  const gchar *reason;
  GstSipTransaction *ct;

  g_return_val_if_fail (request->is_request, NULL);
  g_return_val_if_fail (request->method != GST_SIP_METHOD_ACK
      && request->method != GST_SIP_METHOD_CANCEL, NULL);

  if (gst_sip_message_count_headers (request, GST_SIP_HEADER_VIA) == 0) {
    g_autofree gchar *branch = gst_sip_generate_branch ();

    gst_sip_message_prepend_via (request, layer->via_transport,
        layer->via_host, branch);
  }
  if (!gst_sip_message_index (request, &reason)
      || !request_has_transaction_headers (request)) {
    gst_sip_message_free (request);
    return NULL;
  }
  ct = client_new (layer, request, callbacks, user_data);
  if (ct == NULL)
    return NULL;
  client_start (ct);
  return gst_sip_transaction_ref (ct);
}

GstSipTransaction *
gst_sip_transaction_layer_send_cancel (GstSipTransactionLayer * layer,
    GstSipTransaction * invite_ct, const gchar * reason,
    const GstSipClientCallbacks * callbacks, gpointer user_data)
{
  GstSipMessage *cancel;
  GstSipTransaction *ct;

  g_return_val_if_fail (invite_ct->kind == GST_SIP_TRANSACTION_INVITE_CLIENT,
      NULL);
  if (invite_ct->layer != layer || invite_ct->cancel != NULL
      || (invite_ct->state != GST_SIP_TRANSACTION_STATE_CALLING
          && invite_ct->state != GST_SIP_TRANSACTION_STATE_PROCEEDING))
    return NULL;

  cancel = gst_sip_request_new_cancel (invite_ct->request);
  if (reason) {
    gst_sip_message_add_header (cancel, GST_SIP_HEADER_REASON, reason);
    gst_sip_message_index (cancel, NULL);
  }
  ct = client_new (layer, cancel, callbacks, user_data);
  if (ct == NULL)
    return NULL;
  invite_ct->cancel = gst_sip_transaction_ref (ct);
  /* §9.1: no CANCEL before a provisional response. */
  if (invite_ct->state == GST_SIP_TRANSACTION_STATE_CALLING)
    ct->waiting = TRUE;
  else
    client_start (ct);
  return gst_sip_transaction_ref (ct);
}

gboolean
gst_sip_transaction_layer_send_ack (GstSipTransactionLayer * layer,
    GstSipMessage * ack)
{
  g_autofree gchar *branch = gst_sip_generate_branch ();
  gboolean sent;

  g_return_val_if_fail (ack->is_request && ack->method == GST_SIP_METHOD_ACK,
      FALSE);
  gst_sip_message_prepend_via (ack, layer->via_transport, layer->via_host,
      branch);
  sent = layer_send (layer, ack);
  gst_sip_message_free (ack);
  return sent;
}

void
gst_sip_transaction_clear_callbacks (GstSipTransaction * tr)
{
  memset (&tr->callbacks, 0, sizeof (tr->callbacks));
  tr->user_data = NULL;
}

/* ---- server transactions ---- */

static void
server_fail (GstSipTransaction * st, GstSipTransactionError error)
{
  GstSipTransactionLayer *layer = st->layer;

  gst_sip_transaction_ref (st);
  transaction_terminate (st);
  if (layer->callbacks.server_failed)
    layer->callbacks.server_failed (layer, st, error, layer->user_data);
  gst_sip_transaction_unref (st);
}

static void
send_stateless_response (GstSipTransactionLayer * layer,
    const GstSipMessage * request, guint code, const gchar * reason,
    const gchar * to_tag)
{
  GstSipMessage *resp = gst_sip_response_new_for_request (request, code,
      reason, to_tag);

  layer_send (layer, resp);
  gst_sip_message_free (resp);
}

/* Timer H: our non-2xx final response was never acknowledged. */
static void
invite_server_no_ack_to_failure (gpointer data)
{
  GstSipTransaction *st = data;

  st->timeout_id = 0;
  server_fail (st, GST_SIP_TRANSACTION_ERROR_TIMEOUT);
}

/* RFC 6026 Timer L: the Accepted state ends; without an ACK by now the
 * 2xx was lost for good (JsSIP's Timer H and "No ACK"). */
static void
invite_server_accepted_over (gpointer data)
{
  GstSipTransaction *st = data;

  st->timeout_id = 0;
  if (st->acked)
    transaction_terminate (st);
  else
    server_fail (st, GST_SIP_TRANSACTION_ERROR_NO_ACK);
}

/* §13.3.1.4: the 2xx is repeated at T1, 2*T1, ... capped at T2, until the
 * ACK; JsSIP does it over WebSocket too, so peers that count on it work. */
static void
invite_server_retransmit_2xx (gpointer data)
{
  GstSipTransaction *st = data;
  GstSipTransactionLayer *layer = st->layer;

  st->retransmit_id = 0;
  if (!layer_send (layer, st->last_response)) {
    server_fail (st, GST_SIP_TRANSACTION_ERROR_TRANSPORT);
    return;
  }
  st->retransmit_interval_ms = MIN (2 * st->retransmit_interval_ms,
      GST_SIP_T2_MS);
  st->retransmit_id = gst_sip_clock_add_timeout (&layer->clock,
      st->retransmit_interval_ms, invite_server_retransmit_2xx, st);
}

static void
invite_server_start_retransmitting (GstSipTransaction * st)
{
  GstSipTransactionLayer *layer = st->layer;

  gst_sip_clock_clear_timeout (&layer->clock, &st->retransmit_id);
  st->retransmit_interval_ms = GST_SIP_T1_MS;
  st->retransmit_id = gst_sip_clock_add_timeout (&layer->clock,
      st->retransmit_interval_ms, invite_server_retransmit_2xx, st);
}

static gboolean
server_may_send (const GstSipTransaction * st, guint code)
{
  switch (st->state) {
    case GST_SIP_TRANSACTION_STATE_TRYING:
    case GST_SIP_TRANSACTION_STATE_PROCEEDING:
      return TRUE;
    case GST_SIP_TRANSACTION_STATE_ACCEPTED:
      /* RFC 6026 §8.7: more 2xx may follow the first one. */
      return code >= 200 && code < 300;
    default:
      return FALSE;
  }
}

/* The state a sent response leads to, arming its timers. */
static void
invite_server_sent (GstSipTransaction * st, guint code)
{
  GstSipTransactionLayer *layer = st->layer;

  if (code < 200)
    return;
  if (code >= 300) {
    st->state = GST_SIP_TRANSACTION_STATE_COMPLETED;
    st->timeout_id = gst_sip_clock_add_timeout (&layer->clock,
        GST_SIP_TIMEOUT_64T1_MS, invite_server_no_ack_to_failure, st);
    return;
  }
  if (st->state != GST_SIP_TRANSACTION_STATE_ACCEPTED) {
    st->state = GST_SIP_TRANSACTION_STATE_ACCEPTED;
    st->timeout_id = gst_sip_clock_add_timeout (&layer->clock,
        GST_SIP_TIMEOUT_64T1_MS, invite_server_accepted_over, st);
  }
  if (!st->acked)
    invite_server_start_retransmitting (st);
}

gboolean
gst_sip_server_transaction_respond (GstSipTransaction * st,
    GstSipMessage * response)
{
  guint code = response->status_code;

  g_return_val_if_fail (!is_client (st), FALSE);
  g_return_val_if_fail (!response->is_request, FALSE);

  if (st->layer == NULL || !server_may_send (st, code)) {
    gst_sip_message_free (response);
    return FALSE;
  }
  gst_sip_message_index (response, NULL);
  g_clear_pointer (&st->last_response, gst_sip_message_free);
  st->last_response = response;
  if (!layer_send (st->layer, response)) {
    transaction_terminate (st);
    return FALSE;
  }
  if (st->kind == GST_SIP_TRANSACTION_INVITE_SERVER) {
    invite_server_sent (st, code);
  } else if (code < 200) {
    st->state = GST_SIP_TRANSACTION_STATE_PROCEEDING;
  } else {
    st->state = GST_SIP_TRANSACTION_STATE_COMPLETED;
    /* Timer J is zero on a reliable transport. */
    transaction_terminate (st);
  }
  return TRUE;
}

static gboolean
acks_accepted_invite (const GstSipMessage * ack, const GstSipTransaction * st)
{
  const GstSipMessage *invite = st->request;

  return st->kind == GST_SIP_TRANSACTION_INVITE_SERVER
      && st->state == GST_SIP_TRANSACTION_STATE_ACCEPTED
      && ack->cseq == invite->cseq
      && g_strcmp0 (ack->call_id, invite->call_id) == 0
      && g_strcmp0 (ack->from_tag, invite->from_tag) == 0
      && g_strcmp0 (ack->to_tag, st->last_response->to_tag) == 0;
}

/* The ACK of a 2xx has a branch of its own (§17.1.1.3), so it is matched to
 * the 2xx it acknowledges by dialog and CSeq, which stops the 2xx
 * retransmissions (§13.3.1.4). */
static void
stop_2xx_retransmission (GstSipTransactionLayer * layer,
    const GstSipMessage * ack)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, layer->server);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    GstSipTransaction *st = value;

    if (acks_accepted_invite (ack, st)) {
      st->acked = TRUE;
      gst_sip_clock_clear_timeout (&layer->clock, &st->retransmit_id);
    }
  }
}

static void
receive_ack (GstSipTransactionLayer * layer, GstSipMessage * ack,
    GstSipTransaction * st)
{
  if (st && st->state == GST_SIP_TRANSACTION_STATE_COMPLETED) {
    /* The ACK of our non-2xx: absorbed; Timer I is zero when reliable. */
    st->state = GST_SIP_TRANSACTION_STATE_CONFIRMED;
    transaction_terminate (st);
    return;
  }
  stop_2xx_retransmission (layer, ack);
  layer->callbacks.request (layer, NULL, ack, layer->user_data);
}

/* §9.2: a CANCEL is answered by the layer; only the INVITE it cancels is
 * the TU's business. */
static void
receive_cancel (GstSipTransactionLayer * layer, const GstSipMessage * cancel)
{
  g_autofree gchar *key = server_key (cancel, GST_SIP_METHOD_INVITE, NULL);
  GstSipTransaction *st = g_hash_table_lookup (layer->server, key);
  g_autofree gchar *new_tag = NULL;
  const gchar *to_tag;

  if (st == NULL || st->kind != GST_SIP_TRANSACTION_INVITE_SERVER) {
    send_stateless_response (layer, cancel, 481,
        "Call/Transaction Does Not Exist", NULL);
    return;
  }
  /* The 200 to the CANCEL should carry the To tag of the INVITE's
   * responses. */
  to_tag = st->last_response ? st->last_response->to_tag : NULL;
  if (to_tag == NULL)
    to_tag = new_tag = gst_sip_generate_tag ();
  send_stateless_response (layer, cancel, 200, "OK", to_tag);
  if (st->state == GST_SIP_TRANSACTION_STATE_PROCEEDING) {
    gst_sip_transaction_ref (st);
    layer->callbacks.cancel (layer, st, cancel, layer->user_data);
    gst_sip_transaction_unref (st);
  }
}

/* A request retransmitted by the peer gets the last response again; once
 * a 2xx went out its retransmission is the TU's timer's job instead. */
static void
server_receive_retransmission (GstSipTransaction * st)
{
  if (st->last_response && st->state != GST_SIP_TRANSACTION_STATE_ACCEPTED)
    layer_send (st->layer, st->last_response);
}

static void
server_start (GstSipTransactionLayer * layer, GstSipMessage * request,
    gchar * key)
{
  GstSipTransaction *st = transaction_new (layer,
      request->method == GST_SIP_METHOD_INVITE ?
      GST_SIP_TRANSACTION_INVITE_SERVER :
      GST_SIP_TRANSACTION_NON_INVITE_SERVER, request, key);

  gst_sip_transaction_ref (st);
  /* §17.2.1: answering 100 at once spares the TU the 200 ms rule, and is
   * what JsSIP does. */
  if (st->kind == GST_SIP_TRANSACTION_INVITE_SERVER)
    gst_sip_server_transaction_respond (st,
        gst_sip_response_new_for_request (request, 100, "Trying", NULL));
  if (st->layer)
    layer->callbacks.request (layer, st, request, layer->user_data);
  gst_sip_transaction_unref (st);
}

static void
receive_request (GstSipTransactionLayer * layer, GstSipMessage * request)
{
  gchar *key;
  GstSipTransaction *st;

  if (request->n_vias == 0) {
    gst_sip_message_free (request);
    return;
  }
  if (request->method == GST_SIP_METHOD_CANCEL) {
    receive_cancel (layer, request);
    gst_sip_message_free (request);
    return;
  }
  key = server_key (request, request->method, request->method_name);
  st = g_hash_table_lookup (layer->server, key);
  if (request->method == GST_SIP_METHOD_ACK) {
    g_free (key);
    receive_ack (layer, request, st);
    gst_sip_message_free (request);
  } else if (st) {
    g_free (key);
    server_receive_retransmission (st);
    gst_sip_message_free (request);
  } else {
    server_start (layer, request, key);
  }
}

/* ---- the layer ---- */

GstSipTransactionLayer *
gst_sip_transaction_layer_new (const GstSipClock * clock,
    const gchar * via_transport, const gchar * via_host,
    const GstSipTransactionLayerCallbacks * callbacks, gpointer user_data)
{
  GstSipTransactionLayer *layer;

  g_return_val_if_fail (callbacks->send && callbacks->request
      && callbacks->cancel, NULL);
  layer = g_new0 (GstSipTransactionLayer, 1);
  layer->clock = *clock;
  layer->via_transport = g_strdup (via_transport);
  layer->via_host = g_strdup (via_host);
  layer->callbacks = *callbacks;
  layer->user_data = user_data;
  layer->client = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
      (GDestroyNotify) gst_sip_transaction_unref);
  layer->server = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
      (GDestroyNotify) gst_sip_transaction_unref);
  return layer;
}

/* Every live transaction, each with a reference of its own, so that
 * terminating one (and a waiting CANCEL with it) leaves the rest valid. */
static GList *
live_transactions (GstSipTransactionLayer * layer)
{
  GList *all = g_list_concat (g_hash_table_get_values (layer->client),
      g_hash_table_get_values (layer->server));
  GList *l;

  for (l = all; l; l = l->next)
    gst_sip_transaction_ref (l->data);
  return all;
}

void
gst_sip_transaction_layer_free (GstSipTransactionLayer * layer)
{
  GList *all = live_transactions (layer);
  GList *l;

  for (l = all; l; l = l->next)
    transaction_terminate (l->data);
  g_list_free_full (all, (GDestroyNotify) gst_sip_transaction_unref);
  g_hash_table_unref (layer->client);
  g_hash_table_unref (layer->server);
  g_free (layer->via_transport);
  g_free (layer->via_host);
  g_free (layer);
}

void
gst_sip_transaction_layer_receive (GstSipTransactionLayer * layer,
    GstSipMessage * msg)
{
  if (msg->is_request) {
    receive_request (layer, msg);
  } else {
    receive_response (layer, msg);
    gst_sip_message_free (msg);
  }
}

/* Whether someone waits on @tr for an outcome the lost transport now
 * denies: an owner for a final response, or the TU for an ACK or for the
 * chance to respond. */
static gboolean
awaits_outcome (const GstSipTransaction * tr)
{
  switch (tr->state) {
    case GST_SIP_TRANSACTION_STATE_CALLING:
    case GST_SIP_TRANSACTION_STATE_TRYING:
    case GST_SIP_TRANSACTION_STATE_PROCEEDING:
      return !tr->waiting;
    case GST_SIP_TRANSACTION_STATE_ACCEPTED:
      return !is_client (tr) && !tr->acked;
    default:
      return FALSE;
  }
}

static void
transaction_lose_transport (GstSipTransaction * tr)
{
  if (tr->layer == NULL)
    return;
  if (!awaits_outcome (tr))
    transaction_terminate (tr);
  else if (is_client (tr))
    client_fail (tr, GST_SIP_TRANSACTION_ERROR_TRANSPORT);
  else
    server_fail (tr, GST_SIP_TRANSACTION_ERROR_TRANSPORT);
}

void
gst_sip_transaction_layer_transport_lost (GstSipTransactionLayer * layer)
{
  GList *all = live_transactions (layer);
  GList *l;

  for (l = all; l; l = l->next)
    transaction_lose_transport (l->data);
  g_list_free_full (all, (GDestroyNotify) gst_sip_transaction_unref);
}

guint
gst_sip_transaction_layer_get_n_transactions (GstSipTransactionLayer * layer)
{
  return g_hash_table_size (layer->client) + g_hash_table_size (layer->server);
}

/* ---- accessors ---- */

GstSipTransactionKind
gst_sip_transaction_get_kind (GstSipTransaction * tr)
{
  return tr->kind;
}

GstSipTransactionState
gst_sip_transaction_get_state (GstSipTransaction * tr)
{
  return tr->state;
}

const GstSipMessage *
gst_sip_transaction_get_request (GstSipTransaction * tr)
{
  return tr->request;
}

const gchar *
gst_sip_transaction_get_branch (GstSipTransaction * tr)
{
  return tr->request->vias[0].branch;
}

const gchar *
gst_sip_transaction_state_to_string (GstSipTransactionState state)
{
  static const gchar *const names[] = {
    "calling", "trying", "proceeding", "accepted", "completed", "confirmed",
    "terminated",
  };

  g_return_val_if_fail (state <= GST_SIP_TRANSACTION_STATE_TERMINATED, NULL);
  return names[state];
}
