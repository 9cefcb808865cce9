/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * JsSipWebSocket: the JsSipTransport of SIP over WebSocket (RFC 7118) on
 * libsoup-3.0: subprotocol "sip", ws:// and wss://, one SIP message per
 * frame.
 *
 * Property "tls-validation-flags" (GTlsCertificateFlags, default
 * G_TLS_CERTIFICATE_VALIDATE_ALL): the certificate errors of a wss:// server
 * that refuse the connection; clear some to accept, e.g., a test CA.
 */
#ifndef __JSSIP_WEBSOCKET_H__
#define __JSSIP_WEBSOCKET_H__

#include "jssiptransport.h"

#include <gio/gio.h>

G_BEGIN_DECLS

#define JSSIP_TYPE_WEBSOCKET (jssip_websocket_get_type ())
G_DECLARE_FINAL_TYPE (JsSipWebSocket, jssip_websocket, JSSIP, WEBSOCKET,
    JsSipTransport)

JsSipTransport *jssip_websocket_new (GMainContext * context,
    const gchar * const *sockets, GError ** error);

gboolean jssip_websocket_check_uri (const gchar * uri, GError ** error);

G_END_DECLS

#endif /* __JSSIP_WEBSOCKET_H__ */
