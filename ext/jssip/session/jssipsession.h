/* gst-jssip
 *
 * One session: the object a jssipsrc and a jssipsink with the same
 * `session` name share (an element without a name has a private one). It
 * holds the settings, the state of the call, and while it runs the call
 * layer (JsSipCallControl). The elements are its "views": it knows them, to
 * post bus messages once on each bus that holds one of them.
 *
 * All functions are thread-safe.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_SESSION_H__
#define __JSSIP_SESSION_H__

#include <gst/gst.h>

#include "jssipcallcontrol.h"
#include "jssipcallinfo.h"
#include "jssipproperties.h"
#include "jssipsettings.h"

G_BEGIN_DECLS

#define JSSIP_TYPE_SESSION (jssip_session_get_type ())
G_DECLARE_FINAL_TYPE (JsSipSession, jssip_session, JSSIP, SESSION, GstObject);

/* The registry. Returns the session named @name, made on first use, or a
 * new private session when @name is NULL, with @view added to its views.
 * Transfer full: give it back with jssip_session_release(). */
JsSipSession *jssip_session_acquire (const gchar * name, GstElement * view);
/* Removes @view and drops the reference; a named session leaves the
 * registry with its last view, so the name can start afresh. */
void jssip_session_release (JsSipSession * session, GstElement * view);
gboolean jssip_session_is_private (JsSipSession * session);

/* Settings. */
void jssip_session_set_property (JsSipSession * session,
    const JsSipProperty * property, const GValue * value);
void jssip_session_get_property (JsSipSession * session,
    const JsSipProperty * property, GValue * value);
/* A snapshot for the SIP and media layers to work on. */
JsSipSettings *jssip_session_dup_settings (JsSipSession * session);
/* What was set on a private session moves into the named one its element
 * joins (jssip_properties_carry_over()). */
void jssip_session_carry_over (JsSipSession * dest, JsSipSession * src);

/* Call state, set by the call layer; the views notify the read-only
 * properties that changed. */
void jssip_session_update_call_info (JsSipSession * session,
    const JsSipCallInfo * info);

/* The elements viewing the session (each with a reference). */
GList *jssip_session_dup_views (JsSipSession * session);
/* Posts an element message with @structure (transfer full) once on each
 * bus that holds a view, from the first view on that bus. */
void jssip_session_post_message (JsSipSession * session,
    GstStructure * structure);

/* Lifecycle, from the views' READY->PAUSED and PAUSED->READY. The first
 * activation validates the settings (failing with a message that names
 * the property) and starts the call control; the last deactivation stops
 * it. Activating an active view again only validates. */
gboolean jssip_session_activate (JsSipSession * session, GstElement * view,
    GError ** error);
void jssip_session_deactivate (JsSipSession * session, GstElement * view);
/* From a view's PAUSED->PLAYING: the call control runs the media on the
 * view's clock and base time. */
void jssip_session_play (JsSipSession * session, GstElement * view);

/* The call layer: a running session asks @factory for its call control.
 * Process-wide, set once by the plugin before any element starts. */
typedef JsSipCallControl *(*JsSipCallControlFactory) (JsSipSession * session);
void jssip_session_set_call_control_factory (JsSipCallControlFactory factory);

/* The running call control (transfer full), or NULL with
 * JSSIP_CALL_ERROR_NO_CALL when the session does not run one. */
JsSipCallControl *jssip_session_get_call_control (JsSipSession * session,
    GError ** error);

G_END_DECLS

#endif
