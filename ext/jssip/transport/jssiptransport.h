/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * JsSipTransport: the connection of a user agent to its SIP server, as
 * JsSIP's Transport: a list of servers tried in order, recovery with
 * back-off after a loss, and the RFC 5626 §4.4.1 keep-alive answer. It
 * carries whole SIP messages as text; a subclass provides the actual
 * socket (JsSipWebSocket; a fake one in unit tests).
 *
 * Everything happens on the GMainContext given at construction: call the
 * methods from the thread that runs it; signals are emitted there.
 *
 * Signals, JsSIP's Transport events:
 *  - "connecting" (const gchar *socket, guint attempts): before each attempt;
 *    attempts counts the recovery attempts since the last connection (0 on
 *    the first try).
 *  - "connected" (const gchar *socket)
 *  - "disconnected" (const gchar *socket, gboolean error, guint code,
 *    const gchar *reason): error is TRUE on an unclean close; code and reason
 *    are the WebSocket close code (RFC 6455 §7.4) and reason.
 *  - "received-text" (const gchar *text, guint length): one SIP message,
 *    NUL-terminated, length bytes long.
 */
#ifndef __JSSIP_TRANSPORT_H__
#define __JSSIP_TRANSPORT_H__

#include <gst/gst.h>

G_BEGIN_DECLS

/* Shared by the transport implementations. */
GST_DEBUG_CATEGORY_EXTERN (jssip_transport_debug);

#define JSSIP_TRANSPORT_RECOVERY_MIN_INTERVAL_DEFAULT 2
#define JSSIP_TRANSPORT_RECOVERY_MAX_INTERVAL_DEFAULT 30

#define JSSIP_TYPE_TRANSPORT (jssip_transport_get_type ())
G_DECLARE_DERIVABLE_TYPE (JsSipTransport, jssip_transport, JSSIP, TRANSPORT,
    GObject)

/**
 * JsSipTransportClass:
 * @open_socket: start connecting to @uri; report the outcome with
 *   jssip_transport_socket_opened() or jssip_transport_socket_closed()
 * @close_socket: close the current socket; report nothing more about it
 * @send_text: send one message in one frame; FALSE if it could not be sent
 */
struct _JsSipTransportClass
{
  GObjectClass parent_class;

  void (*open_socket) (JsSipTransport * self, const gchar * uri);
  void (*close_socket) (JsSipTransport * self);
  gboolean (*send_text) (JsSipTransport * self, const gchar * text);

  gpointer padding[8];
};

/* For the user agent. */
void jssip_transport_connect (JsSipTransport * self);
void jssip_transport_disconnect (JsSipTransport * self);
gboolean jssip_transport_send (JsSipTransport * self, const gchar * text);
gboolean jssip_transport_is_connected (JsSipTransport * self);
const gchar *jssip_transport_get_socket (JsSipTransport * self);
const gchar *jssip_transport_get_via_transport (JsSipTransport * self);
GMainContext *jssip_transport_get_context (JsSipTransport * self);

guint jssip_transport_recovery_delay (guint attempts, guint min_interval,
    guint max_interval);

/* For the implementations: what happened to the socket being opened. */
void jssip_transport_socket_opened (JsSipTransport * self);
void jssip_transport_socket_closed (JsSipTransport * self, gboolean error,
    guint code, const gchar * reason);
void jssip_transport_socket_received (JsSipTransport * self,
    const gchar * text, gsize length);

G_END_DECLS

#endif /* __JSSIP_TRANSPORT_H__ */
