/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * SIP over WebSocket (RFC 7118) on libsoup-3.0 (see jssipwebsocket.h and
 * docs/transport.md).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipwebsocket.h"

#include <libsoup/soup.h>
#include <string.h>

#define GST_CAT_DEFAULT jssip_transport_debug

/* RFC 7118 §4: the WebSocket subprotocol of SIP. */
#define SIP_SUBPROTOCOL "sip"

struct _JsSipWebSocket
{
  JsSipTransport parent;

  GTlsCertificateFlags tls_validation_flags;

  SoupSession *session;
  /* The pending handshake, cancelled when the socket is closed. */
  GCancellable *handshake;
  SoupMessage *handshake_message;
  SoupWebsocketConnection *connection;
  /* The first error libsoup reported on the connection, if any. */
  gchar *connection_error;
};

G_DEFINE_FINAL_TYPE (JsSipWebSocket, jssip_websocket, JSSIP_TYPE_TRANSPORT);

enum
{
  PROP_0,
  PROP_TLS_VALIDATION_FLAGS,
};

static const gchar *const subprotocols[] = { SIP_SUBPROTOCOL, NULL };

gboolean
jssip_websocket_check_uri (const gchar * uri, GError ** error)
{
  g_autoptr (GUri) parsed = NULL;
  const gchar *scheme;

  g_return_val_if_fail (uri != NULL, FALSE);

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  scheme = parsed ? g_uri_get_scheme (parsed) : NULL;
  if (!scheme || (g_ascii_strcasecmp (scheme, "ws") != 0
          && g_ascii_strcasecmp (scheme, "wss") != 0)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "\"%s\" is not a ws:// or wss:// URI", uri);
    return FALSE;
  }
  if (!g_uri_get_host (parsed) || !*g_uri_get_host (parsed)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "\"%s\" has no host", uri);
    return FALSE;
  }
  return TRUE;
}

JsSipTransport *
jssip_websocket_new (GMainContext * context, const gchar * const *sockets,
    GError ** error)
{
  const gchar *const *uri;

  if (!sockets || !sockets[0]) {
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "no WebSocket server given");
    return NULL;
  }
  for (uri = sockets; *uri; uri++) {
    if (!jssip_websocket_check_uri (*uri, error))
      return NULL;
  }
  return g_object_new (JSSIP_TYPE_WEBSOCKET, "context", context,
      "sockets", sockets, NULL);
}

/* Called only when the certificate has errors: accept the ones the
 * application allowed with tls-validation-flags. */
static gboolean
on_accept_certificate (SoupMessage * msg, GTlsCertificate * certificate,
    GTlsCertificateFlags errors, gpointer user_data)
{
  JsSipWebSocket *self = user_data;
  GTlsCertificateFlags refused = errors & self->tls_validation_flags;

  if (refused)
    GST_WARNING_OBJECT (self, "server certificate refused, errors 0x%x",
        refused);
  else
    GST_INFO_OBJECT (self, "server certificate accepted despite errors 0x%x",
        errors);
  return refused == 0;
}

static void
on_message (SoupWebsocketConnection * connection, gint type, GBytes * message,
    gpointer user_data)
{
  JsSipWebSocket *self = user_data;
  gsize length;
  const gchar *data = g_bytes_get_data (message, &length);
  g_autofree gchar *text = NULL;

  GST_LOG_OBJECT (self, "%s frame of %" G_GSIZE_FORMAT " bytes",
      type == SOUP_WEBSOCKET_DATA_TEXT ? "text" : "binary", length);
  /* RFC 7118 §5.1: a binary frame carries the message as UTF-8 too (libsoup
   * already refuses text frames that are not). */
  if (type == SOUP_WEBSOCKET_DATA_BINARY && !g_utf8_validate_len (data,
          length, NULL)) {
    GST_WARNING_OBJECT (self, "binary frame is not UTF-8, dropped");
    return;
  }
  text = g_malloc (length + 1);
  memcpy (text, data, length);
  text[length] = '\0';
  jssip_transport_socket_received (JSSIP_TRANSPORT (self), text, length);
}

static void
on_connection_error (SoupWebsocketConnection * connection, GError * error,
    gpointer user_data)
{
  JsSipWebSocket *self = user_data;

  GST_WARNING_OBJECT (self, "WebSocket error: %s", error->message);
  if (!self->connection_error)
    self->connection_error = g_strdup (error->message);
}

static void
forget_connection (JsSipWebSocket * self)
{
  if (!self->connection)
    return;
  g_signal_handlers_disconnect_by_data (self->connection, self);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->connection_error, g_free);
}

/* RFC 6455 §7.1.5: no Close frame received means the connection closed
 * abnormally (1006), which is also what JsSIP reports as an error. */
static void
on_closed (SoupWebsocketConnection * connection, gpointer user_data)
{
  JsSipWebSocket *self = user_data;
  guint code = soup_websocket_connection_get_close_code (connection);
  g_autofree gchar *reason =
      g_strdup (soup_websocket_connection_get_close_data (connection));
  gboolean error = code == 0 || self->connection_error != NULL;

  if (!reason)
    reason = g_strdup (self->connection_error ?
        self->connection_error : "connection lost");
  if (code == 0)
    code = SOUP_WEBSOCKET_CLOSE_ABNORMAL;

  forget_connection (self);
  jssip_transport_socket_closed (JSSIP_TRANSPORT (self), error, code, reason);
}

static void
adopt_connection (JsSipWebSocket * self, SoupWebsocketConnection * connection)
{
  self->connection = connection;
  g_signal_connect (connection, "message", G_CALLBACK (on_message), self);
  g_signal_connect (connection, "error", G_CALLBACK (on_connection_error),
      self);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), self);
}

static void
on_handshake_done (GObject * source, GAsyncResult * result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  SoupWebsocketConnection *connection =
      soup_session_websocket_connect_finish (SOUP_SESSION (source), result,
      &error);
  JsSipWebSocket *self;

  /* Cancelled: the socket was closed, maybe the object is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  g_clear_object (&self->handshake);
  g_clear_object (&self->handshake_message);
  if (!connection) {
    GST_WARNING_OBJECT (self, "WebSocket handshake failed: %s", error->message);
    jssip_transport_socket_closed (JSSIP_TRANSPORT (self), TRUE,
        SOUP_WEBSOCKET_CLOSE_ABNORMAL, error->message);
    return;
  }

  /* RFC 7118 §4: without the "sip" subprotocol the connection must not
   * carry SIP. */
  if (g_strcmp0 (soup_websocket_connection_get_protocol (connection),
          SIP_SUBPROTOCOL) != 0) {
    GST_WARNING_OBJECT (self, "server did not accept the sip subprotocol");
    soup_websocket_connection_close (connection,
        SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR, NULL);
    g_object_unref (connection);
    jssip_transport_socket_closed (JSSIP_TRANSPORT (self), TRUE,
        SOUP_WEBSOCKET_CLOSE_ABNORMAL,
        "the server did not accept the sip subprotocol");
    return;
  }

  adopt_connection (self, connection);
  jssip_transport_socket_opened (JSSIP_TRANSPORT (self));
}

static void
jssip_websocket_open_socket (JsSipTransport * transport, const gchar * uri)
{
  JsSipWebSocket *self = JSSIP_WEBSOCKET (transport);
  GMainContext *context = jssip_transport_get_context (transport);
  SoupMessage *msg = soup_message_new (SOUP_METHOD_GET, uri);

  if (!msg) {
    jssip_transport_socket_closed (transport, TRUE,
        SOUP_WEBSOCKET_CLOSE_ABNORMAL, "invalid WebSocket URI");
    return;
  }

  /* libsoup completes asynchronous calls on the thread-default context of
   * the caller. */
  g_main_context_push_thread_default (context);
  if (!self->session)
    self->session = soup_session_new ();
  g_signal_connect (msg, "accept-certificate",
      G_CALLBACK (on_accept_certificate), self);
  self->handshake = g_cancellable_new ();
  self->handshake_message = msg;
  soup_session_websocket_connect_async (self->session, msg, NULL,
      (gchar **) subprotocols, G_PRIORITY_DEFAULT, self->handshake,
      on_handshake_done, self);
  g_main_context_pop_thread_default (context);
}

static void
cancel_handshake (JsSipWebSocket * self)
{
  if (self->handshake) {
    g_signal_handlers_disconnect_by_data (self->handshake_message, self);
    g_cancellable_cancel (self->handshake);
    g_clear_object (&self->handshake);
    g_clear_object (&self->handshake_message);
  }
}

static void
jssip_websocket_close_socket (JsSipTransport * transport)
{
  JsSipWebSocket *self = JSSIP_WEBSOCKET (transport);

  cancel_handshake (self);
  if (self->connection) {
    /* libsoup writes the Close frame (RFC 6455 §5.5.1) at once; releasing
     * the connection then closes TCP without waiting for the server's. */
    soup_websocket_connection_close (self->connection,
        SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
    forget_connection (self);
  }
}

static gboolean
jssip_websocket_send_text (JsSipTransport * transport, const gchar * text)
{
  JsSipWebSocket *self = JSSIP_WEBSOCKET (transport);

  if (!self->connection || soup_websocket_connection_get_state
      (self->connection) != SOUP_WEBSOCKET_STATE_OPEN) {
    GST_WARNING_OBJECT (self, "WebSocket not open, message not sent");
    return FALSE;
  }
  soup_websocket_connection_send_text (self->connection, text);
  return TRUE;
}

static void
jssip_websocket_init (JsSipWebSocket * self)
{
  self->tls_validation_flags = G_TLS_CERTIFICATE_VALIDATE_ALL;
}

static void
jssip_websocket_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  JsSipWebSocket *self = JSSIP_WEBSOCKET (object);

  switch (prop_id) {
    case PROP_TLS_VALIDATION_FLAGS:
      self->tls_validation_flags = g_value_get_flags (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
jssip_websocket_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  JsSipWebSocket *self = JSSIP_WEBSOCKET (object);

  switch (prop_id) {
    case PROP_TLS_VALIDATION_FLAGS:
      g_value_set_flags (value, self->tls_validation_flags);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
jssip_websocket_dispose (GObject * object)
{
  JsSipWebSocket *self = JSSIP_WEBSOCKET (object);

  jssip_websocket_close_socket (JSSIP_TRANSPORT (self));
  g_clear_object (&self->session);

  G_OBJECT_CLASS (jssip_websocket_parent_class)->dispose (object);
}

static void
jssip_websocket_class_init (JsSipWebSocketClass * klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JsSipTransportClass *transport_class = JSSIP_TRANSPORT_CLASS (klass);

  object_class->set_property = jssip_websocket_set_property;
  object_class->get_property = jssip_websocket_get_property;
  object_class->dispose = jssip_websocket_dispose;

  transport_class->open_socket = jssip_websocket_open_socket;
  transport_class->close_socket = jssip_websocket_close_socket;
  transport_class->send_text = jssip_websocket_send_text;

  g_object_class_install_property (object_class, PROP_TLS_VALIDATION_FLAGS,
      g_param_spec_flags ("tls-validation-flags", "TLS validation flags",
          "The certificate errors that refuse a wss:// server",
          G_TYPE_TLS_CERTIFICATE_FLAGS, G_TLS_CERTIFICATE_VALIDATE_ALL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}
