/* gst-jssip tests
 *
 * The project's Kamailio (tests/kamailio/) for the tests of one process:
 * started on a free loopback port in a fresh directory, stopped by its pid
 * (kamailio-ctl.sh also stops it when the test process dies).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __KAMAILIO_FIXTURE_H__
#define __KAMAILIO_FIXTURE_H__

#include <glib.h>

G_BEGIN_DECLS

/* Starts it; with @port non-NULL on that port (to restart where it was). */
void kamailio_fixture_start (const gchar * port);
void kamailio_fixture_stop (void);
/* Stops the server but keeps its directory and port for a restart. */
void kamailio_fixture_kill (void);
const gchar *kamailio_fixture_port (void);
/* "ws://127.0.0.1:PORT" */
gchar *kamailio_fixture_ws_uri (void);
/* What `kamcmd ul.dump` prints. */
gchar *kamailio_fixture_dump_bindings (void);
/* Polls the bindings until @needle appears (@present) or disappears. */
gboolean kamailio_fixture_wait_binding (const gchar * needle,
    gboolean present, guint timeout_ms);

G_END_DECLS

#endif
