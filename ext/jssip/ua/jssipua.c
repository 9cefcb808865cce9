/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipua.h"

#include <string.h>

#include <gst/sip/sipauthenticator.h>
#include <gst/sip/sipcauses.h>
#include <gst/sip/siprequest.h>

#include "jssipcontextclock.h"
#include "jssipregistrator.h"
#include "jssipwebsocket.h"

GST_DEBUG_CATEGORY_STATIC (jssip_ua_debug);
#define GST_CAT_DEFAULT jssip_ua_debug
/* Every SIP message in full, sent and received: the "sniffable record". */
GST_DEBUG_CATEGORY_STATIC (jssip_wire_debug);

/* JsSIP's stop() waits this long for the un-REGISTER and other pending
 * transactions before closing the socket. */
#define STOP_GRACE_MS 2000

struct _JsSipUa
{
  GObject parent;

  JsSipSettings *settings;
  GstSipUri *aor;
  gchar *aor_string;
  gchar *local_identity;
  gchar *contact_uri;
  gchar *contact_user;
  gchar *via_host;
  gchar *user_agent;
  GstSipCredentials credentials;
  gchar *authorization_user;

  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  JsSipContextClock *clock;
  JsSipTransport *transport;
  GstSipTransactionLayer *layer;
  JsSipRegistrator *registrator;
  GList *requests;              /* JsSipUaRequest in flight */

  JsSipUaRequestHandler request_handler;
  gpointer request_handler_data;
  GDestroyNotify request_handler_notify;

  /* stop() waits for the un-REGISTER under this lock */
  GMutex lock;
  GCond cond;
  gboolean unregister_done;
};

struct _JsSipUaRequest
{
  JsSipUa *ua;
  GstSipMessage *message;       /* as last sent */
  GstSipTransaction *transaction;
  GstSipAuthenticator *auth;
  JsSipUaRequestCallbacks callbacks;
  gpointer user_data;
  gboolean abandoned;
};

enum
{
  SIGNAL_EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (JsSipUa, jssip_ua, G_TYPE_OBJECT);

/* ---------------------------------------------------------------- wire */

static void
log_wire (JsSipUa * ua, const gchar * direction, const gchar * text, gsize len)
{
  GST_CAT_DEBUG (jssip_wire_debug, "%s %s %" G_GSIZE_FORMAT " bytes:\n%.*s",
      direction, jssip_transport_get_socket (ua->transport), len, (int) len,
      text);
}

static gboolean
send_message (JsSipUa * ua, const GstSipMessage * msg)
{
  gsize len;
  g_autofree gchar *text = gst_sip_message_to_string (msg, &len);

  log_wire (ua, "sent to", text, len);
  if (!jssip_transport_send (ua->transport, text)) {
    GST_WARNING_OBJECT (ua, "transport refused a message");
    return FALSE;
  }
  return TRUE;
}

void
jssip_ua_emit_event (JsSipUa * ua, GstStructure * structure)
{
  GST_INFO_OBJECT (ua, "event %" GST_PTR_FORMAT, structure);
  g_signal_emit (ua, signals[SIGNAL_EVENT], 0, structure);
  gst_structure_free (structure);
}

/* ---------------------------------------------------------- responding */

/* Extra header lines as the application gives them: "Name: value". */
void
jssip_ua_add_header_lines (GstSipMessage * msg, const gchar * const *lines)
{
  for (; lines && *lines; lines++) {
    const gchar *colon = strchr (*lines, ':');
    g_autofree gchar *name = NULL;
    g_autofree gchar *value = NULL;

    if (!colon)
      continue;
    name = g_strstrip (g_strndup (*lines, colon - *lines));
    value = g_strstrip (g_strdup (colon + 1));
    gst_sip_message_add_header_name (msg, name, value);
  }
}

gboolean
jssip_ua_respond (JsSipUa * ua, GstSipTransaction * st, guint status_code,
    const gchar * reason_phrase, const gchar * to_tag,
    const gchar * const *extra_headers)
{
  const GstSipMessage *request = gst_sip_transaction_get_request (st);
  GstSipMessage *response;
  g_autofree gchar *tag = NULL;

  if (!to_tag && status_code > 100 && !request->to_tag)
    to_tag = tag = gst_sip_generate_tag ();
  response = gst_sip_response_new_for_request (request, status_code,
      reason_phrase, to_tag);
  jssip_ua_add_header_lines (response, extra_headers);
  gst_sip_message_index (response, NULL);
  return gst_sip_server_transaction_respond (st, response);
}

/* RFC 3261 §8.2.6: a response to a request that failed our checks, sent
 * without a transaction since the request never got one. */
static void
respond_stateless (JsSipUa * ua, const GstSipMessage * request,
    guint status_code, const gchar * reason_phrase)
{
  g_autofree gchar *tag = gst_sip_generate_tag ();
  g_autoptr (GstSipMessage) response =
      gst_sip_response_new_for_request (request, status_code, reason_phrase,
      tag);

  send_message (ua, response);
}

static gboolean
request_is_for_us (JsSipUa * ua, const GstSipMessage * request)
{
  const gchar *user = request->request_uri.user;

  /* JsSIP answers 404 when the Request-URI user is neither the AoR's nor
   * the Contact's (JsSIP 3.x). */
  return user && (g_strcmp0 (user, ua->aor->user) == 0
      || g_strcmp0 (user, ua->contact_user) == 0);
}

static void
answer_unclaimed_request (JsSipUa * ua, GstSipTransaction * st,
    const GstSipMessage * request)
{
  static const gchar *const allow[] = { "Allow: " JSSIP_UA_ALLOW, NULL };
  static const gchar *const options[] = { "Allow: " JSSIP_UA_ALLOW,
    "Accept: " JSSIP_UA_ACCEPT, NULL
  };

  switch (request->method) {
    case GST_SIP_METHOD_OPTIONS:
      jssip_ua_respond (ua, st, 200, "OK", NULL, options);
      return;
    case GST_SIP_METHOD_BYE:
    case GST_SIP_METHOD_INFO:
    case GST_SIP_METHOD_UPDATE:
    case GST_SIP_METHOD_PRACK:
    case GST_SIP_METHOD_REFER:
      /* These only make sense inside a call we do not have. */
      jssip_ua_respond (ua, st, 481, "Call/Transaction Does Not Exist",
          NULL, NULL);
      return;
    case GST_SIP_METHOD_NOTIFY:
      if (request->to_tag) {
        jssip_ua_respond (ua, st, 481, "Call/Transaction Does Not Exist",
            NULL, NULL);
      } else {
        /* JsSIP accepts out-of-dialog NOTIFYs (sipEvent) with 200. */
        jssip_ua_respond (ua, st, 200, "OK", NULL, NULL);
      }
      return;
    default:
      /* RFC 3261 §8.2.1: 405 with the methods we do support. */
      jssip_ua_respond (ua, st, 405, "Method Not Allowed", NULL, allow);
      return;
  }
}

static void
on_layer_request (GstSipTransactionLayer * layer, GstSipTransaction * st,
    const GstSipMessage * request, gpointer user_data)
{
  JsSipUa *ua = user_data;

  if (request->method != GST_SIP_METHOD_ACK && !request_is_for_us (ua, request)) {
    jssip_ua_respond (ua, st, 404, "Not Found", NULL, NULL);
    return;
  }
  if (ua->request_handler
      && ua->request_handler (ua, st, request, ua->request_handler_data))
    return;
  if (st)
    answer_unclaimed_request (ua, st, request);
}

static void
on_layer_cancel (GstSipTransactionLayer * layer, GstSipTransaction * invite_st,
    const GstSipMessage * cancel, gpointer user_data)
{
  JsSipUa *ua = user_data;

  /* No call took the INVITE, so nobody else will end it. */
  if (!ua->request_handler
      || !ua->request_handler (ua, invite_st, cancel, ua->request_handler_data))
    jssip_ua_respond (ua, invite_st, 487, "Request Terminated", NULL, NULL);
}

static void
on_layer_server_failed (GstSipTransactionLayer * layer,
    GstSipTransaction * st, GstSipTransactionError error, gpointer user_data)
{
  GST_DEBUG ("server transaction %s failed (%d)",
      gst_sip_transaction_get_branch (st), error);
}

static gboolean
on_layer_send (GstSipTransactionLayer * layer, const GstSipMessage * msg,
    gpointer user_data)
{
  return send_message (user_data, msg);
}

/* ------------------------------------------------------------- receiving */

static void
on_transport_received (JsSipTransport * transport, const gchar * text,
    guint length, JsSipUa * ua)
{
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;

  log_wire (ua, "received from", text, length);
  if (gst_sip_message_parse (text, length, &msg, &reason) != GST_SIP_PARSE_OK) {
    /* Without a parsed Via there is nowhere to send a 400. */
    GST_WARNING_OBJECT (ua, "dropped an unparsable message: %s", reason);
    return;
  }
  if (!gst_sip_message_validate (msg, &reason)) {
    GST_WARNING_OBJECT (ua, "refused a malformed %s: %s",
        msg->is_request ? "request" : "response", reason);
    /* RFC 3261 §8.2 / docs/elements.md: a bad request gets 400 with the reason, a
     * bad response is dropped (§18.1.2), and an ACK is never answered. */
    if (msg->is_request && msg->method != GST_SIP_METHOD_ACK && msg->n_vias)
      respond_stateless (ua, msg, 400, reason);
    gst_sip_message_free (msg);
    return;
  }
  gst_sip_transaction_layer_receive (ua->layer, msg);
}

/* ------------------------------------------------------- request sending */

static void request_free (JsSipUaRequest * request);
static const GstSipClientCallbacks client_callbacks;

static void
request_finish (JsSipUaRequest * request)
{
  JsSipUa *ua = request->ua;

  ua->requests = g_list_remove (ua->requests, request);
  request_free (request);
}

static gchar **
collect_header_values (const GstSipMessage * msg, GstSipHeaderId id)
{
  guint n = gst_sip_message_count_headers (msg, id);
  gchar **values = g_new0 (gchar *, n + 1);

  for (guint i = 0; i < n; i++)
    values[i] = g_strdup (gst_sip_message_get_header_nth (msg, id, i));
  return values;
}

/* RFC 3261 §22.2: the same request again, with a new CSeq (§8.1.3.5) and
 * the credentials; it is a new transaction, so the Via goes. */
static gboolean
request_retry_with_credentials (JsSipUaRequest * request)
{
  GstSipMessage *retry = gst_sip_message_copy (request->message);
  g_autoptr (GPtrArray) creds = NULL;
  g_autofree gchar *cseq = NULL;
  GstSipTransaction *ct;

  gst_sip_message_remove_headers (retry, GST_SIP_HEADER_VIA);
  gst_sip_message_remove_headers (retry, GST_SIP_HEADER_AUTHORIZATION);
  gst_sip_message_remove_headers (retry, GST_SIP_HEADER_PROXY_AUTHORIZATION);
  cseq = g_strdup_printf ("%u %s", request->message->cseq + 1,
      request->message->cseq_method_name);
  gst_sip_message_set_header (retry, GST_SIP_HEADER_CSEQ, cseq);
  creds = gst_sip_authenticator_authorize (request->auth,
      retry->method_name, retry->request_uri_str, retry->body,
      retry->body_length);
  for (guint i = 0; i < creds->len; i++) {
    GstSipAuthorization *a = g_ptr_array_index (creds, i);
    gst_sip_message_add_header (retry, a->proxy ?
        GST_SIP_HEADER_PROXY_AUTHORIZATION : GST_SIP_HEADER_AUTHORIZATION,
        a->value);
  }
  gst_sip_message_index (retry, NULL);

  g_clear_pointer (&request->message, gst_sip_message_free);
  request->message = gst_sip_message_copy (retry);
  gst_sip_transaction_clear_callbacks (request->transaction);
  g_clear_pointer (&request->transaction, gst_sip_transaction_unref);
  ct = gst_sip_transaction_layer_send_request (request->ua->layer, retry,
      &client_callbacks, request);
  if (!ct)
    return FALSE;
  request->transaction = ct;
  return TRUE;
}

static gboolean
request_answer_challenge (JsSipUaRequest * request,
    const GstSipMessage * response)
{
  g_auto (GStrv) www = collect_header_values (response,
      GST_SIP_HEADER_WWW_AUTHENTICATE);
  g_auto (GStrv) proxy = collect_header_values (response,
      GST_SIP_HEADER_PROXY_AUTHENTICATE);
  const gchar *reason = NULL;

  if (gst_sip_authenticator_handle_challenges (request->auth,
          (const gchar * const *) www, (const gchar * const *) proxy,
          &reason) != GST_SIP_AUTH_RETRY) {
    GST_INFO_OBJECT (request->ua, "not answering the %u challenge: %s",
        response->status_code, reason);
    return FALSE;
  }
  return request_retry_with_credentials (request);
}

static void
on_client_response (GstSipTransaction * ct, const GstSipMessage * response,
    gpointer user_data)
{
  JsSipUaRequest *request = user_data;
  gboolean final = response->status_code >= 200;

  if ((response->status_code == 401 || response->status_code == 407)
      && request_answer_challenge (request, response))
    return;

  if (!request->abandoned && request->callbacks.response)
    request->callbacks.response (request, response, final, request->user_data);
  /* An INVITE's transaction reports further 2xx (RFC 6026 Accepted); its
   * owner keeps the request until then, so only non-INVITE ones finish. */
  if (final && (request->abandoned
          || gst_sip_transaction_get_kind (ct) !=
          GST_SIP_TRANSACTION_INVITE_CLIENT || response->status_code >= 300))
    request_finish (request);
}

static void
on_client_failed (GstSipTransaction * ct, GstSipTransactionError error,
    gpointer user_data)
{
  JsSipUaRequest *request = user_data;
  const gchar *cause = error == GST_SIP_TRANSACTION_ERROR_TIMEOUT ?
      GST_SIP_CAUSE_REQUEST_TIMEOUT : GST_SIP_CAUSE_CONNECTION_ERROR;

  if (!request->abandoned && request->callbacks.failed)
    request->callbacks.failed (request, cause, request->user_data);
  request_finish (request);
}

static const GstSipClientCallbacks client_callbacks = {
  on_client_response,
  on_client_failed,
};

static void
request_free (JsSipUaRequest * request)
{
  if (request->transaction) {
    gst_sip_transaction_clear_callbacks (request->transaction);
    gst_sip_transaction_unref (request->transaction);
  }
  g_clear_pointer (&request->message, gst_sip_message_free);
  g_clear_pointer (&request->auth, gst_sip_authenticator_free);
  g_free (request);
}

JsSipUaRequest *
jssip_ua_send_request (JsSipUa * ua, GstSipMessage * msg,
    const JsSipUaRequestCallbacks * callbacks, gpointer user_data)
{
  JsSipUaRequest *request = g_new0 (JsSipUaRequest, 1);

  request->ua = ua;
  request->callbacks = *callbacks;
  request->user_data = user_data;
  request->auth = gst_sip_authenticator_new (&ua->credentials);
  gst_sip_message_index (msg, NULL);
  request->message = gst_sip_message_copy (msg);
  request->transaction = gst_sip_transaction_layer_send_request (ua->layer,
      msg, &client_callbacks, request);
  if (!request->transaction) {
    request_free (request);
    return NULL;
  }
  ua->requests = g_list_prepend (ua->requests, request);
  return request;
}

void
jssip_ua_request_abandon (JsSipUaRequest * request)
{
  request->abandoned = TRUE;
}

const GstSipMessage *
jssip_ua_request_get_message (JsSipUaRequest * request)
{
  return request->message;
}

GstSipTransaction *
jssip_ua_request_get_transaction (JsSipUaRequest * request)
{
  return request->transaction;
}

gboolean
jssip_ua_send_ack (JsSipUa * ua, GstSipMessage * ack)
{
  return gst_sip_transaction_layer_send_ack (ua->layer, ack);
}

void
jssip_ua_add_common_headers (JsSipUa * ua, GstSipMessage * msg)
{
  gst_sip_message_set_header (msg, GST_SIP_HEADER_MAX_FORWARDS,
      G_STRINGIFY (JSSIP_UA_MAX_FORWARDS));
  gst_sip_message_add_header (msg, GST_SIP_HEADER_USER_AGENT, ua->user_agent);
  gst_sip_message_add_header (msg, GST_SIP_HEADER_ALLOW, JSSIP_UA_ALLOW);
}

/* ------------------------------------------------------------ transport */

static GstStructure *
socket_event (const gchar * name, JsSipTransport * transport)
{
  return gst_structure_new (name, "socket", G_TYPE_STRING,
      jssip_transport_get_socket (transport), NULL);
}

static void
on_transport_connecting (JsSipTransport * transport, const gchar * socket,
    guint attempts, JsSipUa * ua)
{
  jssip_ua_emit_event (ua, gst_structure_new ("jssip-ua-connecting",
          "socket", G_TYPE_STRING, socket, "attempts", G_TYPE_UINT, attempts,
          NULL));
}

static void
on_transport_connected (JsSipTransport * transport, const gchar * socket,
    JsSipUa * ua)
{
  jssip_ua_emit_event (ua, socket_event ("jssip-ua-connected", transport));
  if (ua->settings->do_register)
    jssip_registrator_register (ua->registrator);
}

static void
on_transport_disconnected (JsSipTransport * transport, const gchar * socket,
    gboolean error, guint code, const gchar * reason, JsSipUa * ua)
{
  jssip_ua_emit_event (ua, gst_structure_new ("jssip-ua-disconnected",
          "socket", G_TYPE_STRING, socket, "error", G_TYPE_BOOLEAN, error,
          "code", G_TYPE_UINT, code, "reason", G_TYPE_STRING,
          reason ? reason : "", NULL));
  /* RFC 7118 §5: transactions cannot outlive their connection. */
  gst_sip_transaction_layer_transport_lost (ua->layer);
  jssip_registrator_transport_lost (ua->registrator);
}

/* ---------------------------------------------------------- construction */

static gchar *
make_local_identity (const JsSipSettings * settings, const gchar * aor)
{
  GString *s = g_string_new (NULL);

  if (settings->display_name && *settings->display_name) {
    g_string_append_c (s, '"');
    for (const gchar * p = settings->display_name; *p; p++) {
      /* RFC 3261 §25.1 quoted-pair */
      if (*p == '"' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
    g_string_append (s, "\" ");
  }
  g_string_append_printf (s, "<%s>", aor);
  return g_string_free (s, FALSE);
}

static gboolean
setup_contact (JsSipUa * ua, GError ** error)
{
  if (ua->settings->contact_uri && *ua->settings->contact_uri) {
    g_autoptr (GError) parse_error = NULL;
    g_autoptr (GstSipUri) contact =
        gst_sip_uri_new_parse (ua->settings->contact_uri, &parse_error);

    if (!contact) {
      g_set_error (error, JSSIP_SETTINGS_ERROR, JSSIP_SETTINGS_ERROR_INVALID,
          "Invalid property 'contact-uri': %s", parse_error->message);
      return FALSE;
    }
    ua->contact_uri = g_strdup (ua->settings->contact_uri);
    ua->contact_user = g_strdup (contact->user);
    /* JsSIP: a configured contact's host also becomes the Via host. */
    g_free (ua->via_host);
    ua->via_host = g_strdup (contact->host);
  } else {
    ua->contact_user = gst_sip_random_token (8);
    /* RFC 7118 §5.2: transport=ws whatever the scheme, as JsSIP does. */
    ua->contact_uri = g_strdup_printf ("sip:%s@%s;transport=ws",
        ua->contact_user, ua->via_host);
  }
  return TRUE;
}

JsSipUa *
jssip_ua_new (const JsSipSettings * settings, GError ** error)
{
  g_autoptr (JsSipUa) ua = g_object_new (JSSIP_TYPE_UA, NULL);
  g_auto (GStrv) servers = NULL;
  g_autofree gchar *registrar = NULL;
  g_autofree gchar *instance_id = NULL;

  ua->settings = jssip_settings_copy (settings);
  ua->aor = jssip_settings_parse_uri (settings, error);
  if (!ua->aor)
    return NULL;
  ua->aor_string = gst_sip_uri_to_string (ua->aor);
  ua->local_identity = make_local_identity (settings, ua->aor_string);
  ua->via_host = gst_sip_generate_via_host ();
  if (!setup_contact (ua, error))
    return NULL;
  ua->user_agent = g_strdup (settings->user_agent ? settings->user_agent :
      "gst-jssip/" VERSION);

  ua->authorization_user = jssip_settings_dup_authorization_user (settings);
  ua->credentials.username = ua->authorization_user;
  ua->credentials.password = ua->settings->password;
  ua->credentials.ha1 = ua->settings->ha1;
  ua->credentials.realm = ua->settings->realm;

  servers = jssip_settings_dup_servers (settings);
  ua->transport = jssip_websocket_new (ua->context,
      (const gchar * const *) servers, error);
  if (!ua->transport)
    return NULL;
  g_object_set (ua->transport,
      "recovery-min-interval", settings->connection_recovery_min_interval,
      "recovery-max-interval", settings->connection_recovery_max_interval,
      "tls-validation-flags", settings->tls_validation_flags, NULL);
  g_signal_connect (ua->transport, "connecting",
      G_CALLBACK (on_transport_connecting), ua);
  g_signal_connect (ua->transport, "connected",
      G_CALLBACK (on_transport_connected), ua);
  g_signal_connect (ua->transport, "disconnected",
      G_CALLBACK (on_transport_disconnected), ua);
  g_signal_connect (ua->transport, "received-text",
      G_CALLBACK (on_transport_received), ua);

  {
    const GstSipTransactionLayerCallbacks callbacks = {
      on_layer_send, on_layer_request, on_layer_cancel,
      on_layer_server_failed
    };
    ua->layer = gst_sip_transaction_layer_new (jssip_context_clock_get
        (ua->clock), jssip_transport_get_via_transport (ua->transport),
        ua->via_host, &callbacks, ua);
  }

  registrar = jssip_settings_dup_registrar_server (settings);
  instance_id = jssip_settings_dup_instance_id (settings);
  ua->registrator = jssip_registrator_new (ua, registrar, instance_id,
      settings->register_expires);
  GST_DEBUG_OBJECT (ua, "AoR %s, contact %s, registrar %s",
      ua->aor_string, ua->contact_uri, registrar);
  return g_steal_pointer (&ua);
}

/* --------------------------------------------------------------- thread */

static gpointer
ua_thread (gpointer data)
{
  JsSipUa *ua = data;

  g_main_context_push_thread_default (ua->context);
  g_main_loop_run (ua->loop);
  /* Let what the shutdown cancelled (libsoup's pending I/O) complete: an
   * undispatched source holding a reference to the context would keep it,
   * and its wakeup fd, alive forever. */
  while (g_main_context_iteration (ua->context, FALSE));
  g_main_context_pop_thread_default (ua->context);
  return NULL;
}

typedef struct
{
  GSourceFunc func;
  gpointer data;
  GMutex lock;
  GCond cond;
  gboolean done;
} SyncCall;

static gboolean
run_sync_call (gpointer data)
{
  SyncCall *call = data;

  call->func (call->data);
  g_mutex_lock (&call->lock);
  call->done = TRUE;
  g_cond_signal (&call->cond);
  g_mutex_unlock (&call->lock);
  return G_SOURCE_REMOVE;
}

void
jssip_ua_invoke_sync (JsSipUa * ua, GSourceFunc func, gpointer data)
{
  SyncCall call = { func, data };

  if (!ua->thread || g_main_context_is_owner (ua->context)) {
    func (data);
    return;
  }
  g_mutex_init (&call.lock);
  g_cond_init (&call.cond);
  g_main_context_invoke (ua->context, run_sync_call, &call);
  g_mutex_lock (&call.lock);
  while (!call.done)
    g_cond_wait (&call.cond, &call.lock);
  g_mutex_unlock (&call.lock);
  g_mutex_clear (&call.lock);
  g_cond_clear (&call.cond);
}

static gboolean
start_on_thread (gpointer data)
{
  JsSipUa *ua = data;

  jssip_transport_connect (ua->transport);
  return G_SOURCE_REMOVE;
}

void
jssip_ua_start (JsSipUa * ua)
{
  g_return_if_fail (ua->thread == NULL);

  ua->thread = g_thread_new ("jssip-ua", ua_thread, ua);
  jssip_ua_invoke_sync (ua, start_on_thread, ua);
}

static void
on_unregistered_for_stop (gpointer user_data)
{
  JsSipUa *ua = user_data;

  g_mutex_lock (&ua->lock);
  ua->unregister_done = TRUE;
  g_cond_signal (&ua->cond);
  g_mutex_unlock (&ua->lock);
}

static gboolean
unregister_on_thread (gpointer data)
{
  JsSipUa *ua = data;

  jssip_registrator_unregister (ua->registrator,
      G_CALLBACK (on_unregistered_for_stop), ua);
  return G_SOURCE_REMOVE;
}

static gboolean
shutdown_on_thread (gpointer data)
{
  JsSipUa *ua = data;

  /* The transport first: its "disconnected" still reaches the layer and
   * the registrator, which end what they had in flight. */
  jssip_transport_disconnect (ua->transport);
  for (GList * l = ua->requests; l; l = l->next)
    request_free (l->data);
  g_clear_pointer (&ua->requests, g_list_free);
  g_clear_pointer (&ua->layer, gst_sip_transaction_layer_free);
  g_clear_pointer (&ua->registrator, jssip_registrator_free);
  g_main_loop_quit (ua->loop);
  return G_SOURCE_REMOVE;
}

void
jssip_ua_stop (JsSipUa * ua)
{
  gint64 deadline;

  if (!ua->thread)
    return;
  g_return_if_fail (!g_main_context_is_owner (ua->context));

  ua->unregister_done = FALSE;
  jssip_ua_invoke_sync (ua, unregister_on_thread, ua);
  deadline = g_get_monotonic_time () + STOP_GRACE_MS * G_TIME_SPAN_MILLISECOND;
  g_mutex_lock (&ua->lock);
  while (!ua->unregister_done)
    if (!g_cond_wait_until (&ua->cond, &ua->lock, deadline))
      break;
  g_mutex_unlock (&ua->lock);

  jssip_ua_invoke_sync (ua, shutdown_on_thread, ua);
  g_thread_join (ua->thread);
  ua->thread = NULL;
}

/* -------------------------------------------------------------- GObject */

static void
jssip_ua_init (JsSipUa * ua)
{
  ua->context = g_main_context_new ();
  ua->loop = g_main_loop_new (ua->context, FALSE);
  ua->clock = jssip_context_clock_new (ua->context);
  g_mutex_init (&ua->lock);
  g_cond_init (&ua->cond);
}

static void
jssip_ua_finalize (GObject * object)
{
  JsSipUa *ua = JSSIP_UA (object);

  g_warn_if_fail (ua->thread == NULL);
  for (GList * l = ua->requests; l; l = l->next)
    request_free (l->data);
  g_list_free (ua->requests);
  g_clear_pointer (&ua->layer, gst_sip_transaction_layer_free);
  g_clear_pointer (&ua->registrator, jssip_registrator_free);
  if (ua->request_handler_notify)
    ua->request_handler_notify (ua->request_handler_data);
  if (ua->transport)
    g_signal_handlers_disconnect_by_data (ua->transport, ua);
  g_clear_object (&ua->transport);
  jssip_context_clock_free (ua->clock);
  g_main_loop_unref (ua->loop);
  g_main_context_unref (ua->context);
  g_clear_pointer (&ua->settings, jssip_settings_free);
  g_clear_pointer (&ua->aor, gst_sip_uri_free);
  g_free (ua->aor_string);
  g_free (ua->local_identity);
  g_free (ua->contact_uri);
  g_free (ua->contact_user);
  g_free (ua->via_host);
  g_free (ua->user_agent);
  g_free (ua->authorization_user);
  g_mutex_clear (&ua->lock);
  g_cond_clear (&ua->cond);
  G_OBJECT_CLASS (jssip_ua_parent_class)->finalize (object);
}

static void
jssip_ua_class_init (JsSipUaClass * klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jssip_ua_finalize;

  /**
   * JsSipUa::event:
   * @structure: a jssip-ua-* structure (docs/elements.md's UA bus messages)
   *
   * Emitted on the UA thread.
   */
  signals[SIGNAL_EVENT] = g_signal_new ("event", G_TYPE_FROM_CLASS (klass),
      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
      GST_TYPE_STRUCTURE | G_SIGNAL_TYPE_STATIC_SCOPE);

  GST_DEBUG_CATEGORY_INIT (jssip_ua_debug, "jssipua", 0, "jssip user agent");
  GST_DEBUG_CATEGORY_INIT (jssip_wire_debug, "jssipwire", 0,
      "every SIP message sent and received, in full (level DEBUG)");
}

/* ------------------------------------------------------------ accessors */

GMainContext *
jssip_ua_get_context (JsSipUa * ua)
{
  return ua->context;
}

const GstSipClock *
jssip_ua_get_clock (JsSipUa * ua)
{
  return jssip_context_clock_get (ua->clock);
}

GstSipTransactionLayer *
jssip_ua_get_transaction_layer (JsSipUa * ua)
{
  return ua->layer;
}

const GstSipUri *
jssip_ua_get_aor (JsSipUa * ua)
{
  return ua->aor;
}

const gchar *
jssip_ua_get_aor_string (JsSipUa * ua)
{
  return ua->aor_string;
}

const gchar *
jssip_ua_get_local_identity (JsSipUa * ua)
{
  return ua->local_identity;
}

const gchar *
jssip_ua_get_contact_uri (JsSipUa * ua)
{
  return ua->contact_uri;
}

const gchar *
jssip_ua_get_user_agent (JsSipUa * ua)
{
  return ua->user_agent;
}

gboolean
jssip_ua_is_registered (JsSipUa * ua)
{
  return ua->registrator && jssip_registrator_is_registered (ua->registrator);
}

gboolean
jssip_ua_is_connected (JsSipUa * ua)
{
  return jssip_transport_is_connected (ua->transport);
}

void
jssip_ua_set_request_handler (JsSipUa * ua, JsSipUaRequestHandler handler,
    gpointer user_data, GDestroyNotify notify)
{
  if (ua->request_handler_notify)
    ua->request_handler_notify (ua->request_handler_data);
  ua->request_handler = handler;
  ua->request_handler_data = user_data;
  ua->request_handler_notify = notify;
}
