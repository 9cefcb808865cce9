/* gst-jssip
 *
 * JsSipRegistrator: the registration of a UA's contact with its registrar
 * (RFC 3261 §10), with RFC 5626 outbound parameters (+sip.instance,
 * reg-id=1) as JsSIP sends them. It refreshes the binding before it
 * expires, re-registers after a reconnect, and removes it (expires 0) on
 * stop. It reports through the UA's "event" signal: jssip-ua-registered,
 * jssip-ua-unregistered, jssip-ua-registration-failed. UA thread only.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_REGISTRATOR_H__
#define __JSSIP_REGISTRATOR_H__

#include "jssipua.h"

G_BEGIN_DECLS

typedef struct _JsSipRegistrator JsSipRegistrator;

/* @registrar: the Request-URI ("sip:example.com"); @instance_id: a UUID;
 * @expires: the requested binding lifetime in seconds. */
JsSipRegistrator *jssip_registrator_new (JsSipUa * ua,
    const gchar * registrar, const gchar * instance_id, guint expires);
void jssip_registrator_free (JsSipRegistrator * reg);

void jssip_registrator_register (JsSipRegistrator * reg);
/* Sends REGISTER with expires 0; @done runs once it is answered or has
 * failed (or at once if nothing is registered). */
void jssip_registrator_unregister (JsSipRegistrator * reg,
    GCallback done, gpointer user_data);
/* The connection is gone: the binding is not usable any more (JsSIP fires
 * "unregistered"); the refresh stops until the next register. */
void jssip_registrator_transport_lost (JsSipRegistrator * reg);

gboolean jssip_registrator_is_registered (JsSipRegistrator * reg);

/* When to refresh a binding granted for @expires seconds: early enough for
 * a WebSocket round trip and a digest challenge to fit. */
guint jssip_registrator_refresh_delay (guint expires);

G_END_DECLS

#endif
