/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The server list and connection recovery of JsSIP's Transport (see
 * jssiptransport.h and docs/transport.md).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssiptransport.h"

#include <string.h>

GST_DEBUG_CATEGORY (jssip_transport_debug);
#define GST_CAT_DEFAULT jssip_transport_debug

/* RFC 6455 §7.4.1: normal closure, what a requested disconnect reports. */
#define CLOSE_NORMAL 1000

typedef enum
{
  STATUS_DISCONNECTED,
  STATUS_CONNECTING,
  STATUS_CONNECTED,
} JsSipTransportStatus;

typedef struct
{
  gchar *uri;
  /* Failed since the last time every server had failed: skipped. */
  gboolean failed;
} JsSipTransportServer;

typedef struct
{
  GMainContext *context;
  GArray *servers;
  guint current;
  guint recovery_min_interval;
  guint recovery_max_interval;

  JsSipTransportStatus status;
  gboolean close_requested;
  guint recover_attempts;
  GSource *recovery_timer;
} JsSipTransportPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (JsSipTransport, jssip_transport,
    G_TYPE_OBJECT, G_ADD_PRIVATE (JsSipTransport)
    GST_DEBUG_CATEGORY_INIT (jssip_transport_debug, "jssiptransport", 0,
        "SIP over WebSocket transport (RFC 7118)"));

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_SOCKETS,
  PROP_RECOVERY_MIN_INTERVAL,
  PROP_RECOVERY_MAX_INTERVAL,
};

enum
{
  SIGNAL_CONNECTING,
  SIGNAL_CONNECTED,
  SIGNAL_DISCONNECTED,
  SIGNAL_RECEIVED_TEXT,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static JsSipTransportServer *
current_server (JsSipTransport * self)
{
  JsSipTransportPrivate *priv = jssip_transport_get_instance_private (self);

  return &g_array_index (priv->servers, JsSipTransportServer, priv->current);
}

const gchar *
jssip_transport_get_socket (JsSipTransport * self)
{
  g_return_val_if_fail (JSSIP_IS_TRANSPORT (self), NULL);

  return current_server (self)->uri;
}

/* RFC 7118 §5: the Via transport token follows the URI scheme. */
const gchar *
jssip_transport_get_via_transport (JsSipTransport * self)
{
  g_return_val_if_fail (JSSIP_IS_TRANSPORT (self), NULL);

  if (g_ascii_strncasecmp (jssip_transport_get_socket (self), "wss:", 4) == 0)
    return "WSS";
  return "WS";
}

GMainContext *
jssip_transport_get_context (JsSipTransport * self)
{
  JsSipTransportPrivate *priv = jssip_transport_get_instance_private (self);

  g_return_val_if_fail (JSSIP_IS_TRANSPORT (self), NULL);

  return priv->context;
}

gboolean
jssip_transport_is_connected (JsSipTransport * self)
{
  JsSipTransportPrivate *priv = jssip_transport_get_instance_private (self);

  g_return_val_if_fail (JSSIP_IS_TRANSPORT (self), FALSE);

  return priv->status == STATUS_CONNECTED;
}

/* JsSIP's back-off: attempt n waits a random whole number of seconds in
 * 1..2^n, clamped to [min_interval, max_interval]. */
guint
jssip_transport_recovery_delay (guint attempts, guint min_interval,
    guint max_interval)
{
  /* Beyond 2^30 s every draw is clamped anyway; this keeps it in a gint32. */
  guint32 span = 1u << MIN (MAX (attempts, 1), 30);
  guint delay = g_random_int_range (1, span + 1);

  if (delay < min_interval)
    return min_interval;
  if (delay > max_interval)
    return max_interval;
  return delay;
}

static void
stop_recovery_timer (JsSipTransportPrivate * priv)
{
  if (priv->recovery_timer) {
    g_source_destroy (priv->recovery_timer);
    g_clear_pointer (&priv->recovery_timer, g_source_unref);
  }
}

/* The first server, in list order, that has not failed; once all have
 * failed they all get a new chance. */
static void
select_next_server (JsSipTransportPrivate * priv)
{
  guint i;

  for (i = 0; i < priv->servers->len; i++) {
    if (!g_array_index (priv->servers, JsSipTransportServer, i).failed) {
      priv->current = i;
      return;
    }
  }
  GST_DEBUG ("every server has failed, trying them all again");
  for (i = 0; i < priv->servers->len; i++)
    g_array_index (priv->servers, JsSipTransportServer, i).failed = FALSE;
  priv->current = 0;
}

void
jssip_transport_connect (JsSipTransport * self)
{
  JsSipTransportPrivate *priv = jssip_transport_get_instance_private (self);

  g_return_if_fail (JSSIP_IS_TRANSPORT (self));

  if (priv->status != STATUS_DISCONNECTED)
    return;

  stop_recovery_timer (priv);
  priv->close_requested = FALSE;
  priv->status = STATUS_CONNECTING;
  GST_INFO_OBJECT (self, "connecting to %s (recovery attempt %u)",
      jssip_transport_get_socket (self), priv->recover_attempts);

  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_CONNECTING], 0,
      jssip_transport_get_socket (self), priv->recover_attempts);
  /* A handler may have called disconnect(). */
  if (priv->status == STATUS_CONNECTING)
    JSSIP_TRANSPORT_GET_CLASS (self)->open_socket (self,
        jssip_transport_get_socket (self));
  g_object_unref (self);
}

void
jssip_transport_disconnect (JsSipTransport * self)
{
  JsSipTransportPrivate *priv = jssip_transport_get_instance_private (self);
  JsSipTransportStatus was = priv->status;

  g_return_if_fail (JSSIP_IS_TRANSPORT (self));

  priv->close_requested = TRUE;
  priv->recover_attempts = 0;
  priv->status = STATUS_DISCONNECTED;
  stop_recovery_timer (priv);
  if (was == STATUS_DISCONNECTED)
    return;

  GST_INFO_OBJECT (self, "disconnecting from %s",
      jssip_transport_get_socket (self));
  JSSIP_TRANSPORT_GET_CLASS (self)->close_socket (self);
  g_signal_emit (self, signals[SIGNAL_DISCONNECTED], 0,
      jssip_transport_get_socket (self), FALSE, CLOSE_NORMAL, "");
}

gboolean
jssip_transport_send (JsSipTransport * self, const gchar * text)
{
  JsSipTransportPrivate *priv = jssip_transport_get_instance_private (self);

  g_return_val_if_fail (JSSIP_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (priv->status != STATUS_CONNECTED) {
    GST_WARNING_OBJECT (self, "not connected, message not sent");
    return FALSE;
  }
  GST_LOG_OBJECT (self, "sending %" G_GSIZE_FORMAT " bytes to %s:\n%s",
      strlen (text), jssip_transport_get_socket (self), text);
  return JSSIP_TRANSPORT_GET_CLASS (self)->send_text (self, text);
}

static gboolean
on_recovery_timer (gpointer user_data)
{
  JsSipTransport *self = user_data;
  JsSipTransportPrivate *priv = jssip_transport_get_instance_private (self);

  g_clear_pointer (&priv->recovery_timer, g_source_unref);
  if (!priv->close_requested && priv->status == STATUS_DISCONNECTED) {
    select_next_server (priv);
    jssip_transport_connect (self);
  }
  return G_SOURCE_REMOVE;
}

static void
schedule_recovery (JsSipTransport * self)
{
  JsSipTransportPrivate *priv = jssip_transport_get_instance_private (self);
  guint delay;

  priv->recover_attempts++;
  delay = jssip_transport_recovery_delay (priv->recover_attempts,
      priv->recovery_min_interval, priv->recovery_max_interval);
  GST_INFO_OBJECT (self, "connection recovery attempt %u in %u s",
      priv->recover_attempts, delay);

  stop_recovery_timer (priv);
  priv->recovery_timer = g_timeout_source_new (delay * 1000);
  g_source_set_callback (priv->recovery_timer, on_recovery_timer, self, NULL);
  g_source_attach (priv->recovery_timer, priv->context);
}

void
jssip_transport_socket_opened (JsSipTransport * self)
{
  JsSipTransportPrivate *priv = jssip_transport_get_instance_private (self);

  g_return_if_fail (JSSIP_IS_TRANSPORT (self));
  g_return_if_fail (priv->status == STATUS_CONNECTING);

  priv->recover_attempts = 0;
  priv->status = STATUS_CONNECTED;
  stop_recovery_timer (priv);
  GST_INFO_OBJECT (self, "connected to %s", jssip_transport_get_socket (self));
  g_signal_emit (self, signals[SIGNAL_CONNECTED], 0,
      jssip_transport_get_socket (self));
}

void
jssip_transport_socket_closed (JsSipTransport * self, gboolean error,
    guint code, const gchar * reason)
{
  JsSipTransportPrivate *priv = jssip_transport_get_instance_private (self);

  g_return_if_fail (JSSIP_IS_TRANSPORT (self));

  if (priv->status == STATUS_DISCONNECTED)
    return;

  priv->status = STATUS_DISCONNECTED;
  GST_INFO_OBJECT (self, "disconnected from %s: error %d, code %u, "
      "reason \"%s\"", jssip_transport_get_socket (self), error, code,
      GST_STR_NULL (reason));

  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_DISCONNECTED], 0,
      jssip_transport_get_socket (self), error, code, reason ? reason : "");
  /* As JsSIP: any loss we did not ask for marks the server as failed. */
  if (!priv->close_requested && priv->status == STATUS_DISCONNECTED) {
    current_server (self)->failed = TRUE;
    schedule_recovery (self);
  }
  g_object_unref (self);
}

static gboolean
is_text (const gchar * text, gsize length, const gchar * expected)
{
  return length == strlen (expected) && memcmp (text, expected, length) == 0;
}

void
jssip_transport_socket_received (JsSipTransport * self, const gchar * text,
    gsize length)
{
  JsSipTransportPrivate *priv = jssip_transport_get_instance_private (self);

  g_return_if_fail (JSSIP_IS_TRANSPORT (self));

  if (priv->status != STATUS_CONNECTED)
    return;

  /* RFC 5626 §4.4.1: a double CRLF is a keep-alive ping, answered with a
   * single CRLF (the pong); a lone CRLF is a pong and carries nothing. */
  if (is_text (text, length, "\r\n\r\n")) {
    GST_LOG_OBJECT (self, "keep-alive ping, answering with CRLF");
    JSSIP_TRANSPORT_GET_CLASS (self)->send_text (self, "\r\n");
    return;
  }
  if (is_text (text, length, "\r\n")) {
    GST_LOG_OBJECT (self, "lone CRLF ignored");
    return;
  }

  GST_LOG_OBJECT (self, "received %" G_GSIZE_FORMAT " bytes from %s:\n%.*s",
      length, jssip_transport_get_socket (self), (int) length, text);
  g_signal_emit (self, signals[SIGNAL_RECEIVED_TEXT], 0, text, (guint) length);
}

static void
set_sockets (JsSipTransportPrivate * priv, const gchar * const *sockets)
{
  for (; sockets && *sockets; sockets++) {
    JsSipTransportServer server = { g_strdup (*sockets), FALSE };

    g_array_append_val (priv->servers, server);
  }
}

static void
clear_server (gpointer data)
{
  g_free (((JsSipTransportServer *) data)->uri);
}

static void
jssip_transport_init (JsSipTransport * self)
{
  JsSipTransportPrivate *priv = jssip_transport_get_instance_private (self);

  priv->servers = g_array_new (FALSE, TRUE, sizeof (JsSipTransportServer));
  g_array_set_clear_func (priv->servers, clear_server);
  priv->recovery_min_interval = JSSIP_TRANSPORT_RECOVERY_MIN_INTERVAL_DEFAULT;
  priv->recovery_max_interval = JSSIP_TRANSPORT_RECOVERY_MAX_INTERVAL_DEFAULT;
}

static void
jssip_transport_constructed (GObject * object)
{
  JsSipTransportPrivate *priv =
      jssip_transport_get_instance_private (JSSIP_TRANSPORT (object));

  G_OBJECT_CLASS (jssip_transport_parent_class)->constructed (object);

  if (!priv->context)
    priv->context = g_main_context_ref_thread_default ();
  /* The accessors always have a current server to name. */
  if (priv->servers->len == 0) {
    JsSipTransportServer none = { g_strdup (""), FALSE };

    g_critical ("JsSipTransport created without sockets");
    g_array_append_val (priv->servers, none);
  }
}

static void
jssip_transport_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  JsSipTransportPrivate *priv =
      jssip_transport_get_instance_private (JSSIP_TRANSPORT (object));

  switch (prop_id) {
    case PROP_CONTEXT:
      priv->context = g_value_dup_boxed (value);
      break;
    case PROP_SOCKETS:
      set_sockets (priv, g_value_get_boxed (value));
      break;
    case PROP_RECOVERY_MIN_INTERVAL:
      priv->recovery_min_interval = g_value_get_uint (value);
      break;
    case PROP_RECOVERY_MAX_INTERVAL:
      priv->recovery_max_interval = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
jssip_transport_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  JsSipTransportPrivate *priv =
      jssip_transport_get_instance_private (JSSIP_TRANSPORT (object));

  switch (prop_id) {
    case PROP_CONTEXT:
      g_value_set_boxed (value, priv->context);
      break;
    case PROP_SOCKETS:{
      GStrvBuilder *builder = g_strv_builder_new ();
      guint i;

      for (i = 0; i < priv->servers->len; i++)
        g_strv_builder_add (builder,
            g_array_index (priv->servers, JsSipTransportServer, i).uri);
      g_value_take_boxed (value, g_strv_builder_end (builder));
      g_strv_builder_unref (builder);
      break;
    }
    case PROP_RECOVERY_MIN_INTERVAL:
      g_value_set_uint (value, priv->recovery_min_interval);
      break;
    case PROP_RECOVERY_MAX_INTERVAL:
      g_value_set_uint (value, priv->recovery_max_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
jssip_transport_dispose (GObject * object)
{
  JsSipTransportPrivate *priv =
      jssip_transport_get_instance_private (JSSIP_TRANSPORT (object));

  stop_recovery_timer (priv);

  G_OBJECT_CLASS (jssip_transport_parent_class)->dispose (object);
}

static void
jssip_transport_finalize (GObject * object)
{
  JsSipTransportPrivate *priv =
      jssip_transport_get_instance_private (JSSIP_TRANSPORT (object));

  g_array_unref (priv->servers);
  g_main_context_unref (priv->context);

  G_OBJECT_CLASS (jssip_transport_parent_class)->finalize (object);
}

static void
jssip_transport_class_init (JsSipTransportClass * klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = jssip_transport_constructed;
  object_class->set_property = jssip_transport_set_property;
  object_class->get_property = jssip_transport_get_property;
  object_class->dispose = jssip_transport_dispose;
  object_class->finalize = jssip_transport_finalize;

  g_object_class_install_property (object_class, PROP_CONTEXT,
      g_param_spec_boxed ("context", "Context",
          "The GMainContext every event happens on (default: the "
          "thread-default context at construction)", G_TYPE_MAIN_CONTEXT,
          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_SOCKETS,
      g_param_spec_boxed ("sockets", "Sockets",
          "The server URIs, tried in order", G_TYPE_STRV,
          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_RECOVERY_MIN_INTERVAL,
      g_param_spec_uint ("recovery-min-interval", "Recovery min interval",
          "Shortest wait before a reconnection attempt, in seconds "
          "(JsSIP's connection_recovery_min_interval)", 1, 3600,
          JSSIP_TRANSPORT_RECOVERY_MIN_INTERVAL_DEFAULT,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_RECOVERY_MAX_INTERVAL,
      g_param_spec_uint ("recovery-max-interval", "Recovery max interval",
          "Longest wait before a reconnection attempt, in seconds "
          "(JsSIP's connection_recovery_max_interval)", 1, 3600,
          JSSIP_TRANSPORT_RECOVERY_MAX_INTERVAL_DEFAULT,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  signals[SIGNAL_CONNECTING] = g_signal_new ("connecting",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
  signals[SIGNAL_CONNECTED] = g_signal_new ("connected",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_DISCONNECTED] = g_signal_new ("disconnected",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 4, G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_UINT,
      G_TYPE_STRING);
  signals[SIGNAL_RECEIVED_TEXT] = g_signal_new ("received-text",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
}
