/* gst-jssip
 *
 * JsSipMediaViews: a call's media (JsSipMedia) shown in the session's
 * views. The request sink pads of each jssipsink feed the media's send
 * bridges (proxysink, added into the jssipsink); each remote stream becomes
 * an audio_%u/video_%u pad of the jssipsrc (its proxysrc added into the
 * jssipsrc). It watches the sink pads for the EOS that ends a call
 * (docs/elements.md: "EOS on every sink pad of a jssipsink ends the call").
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_MEDIA_VIEWS_H__
#define __JSSIP_MEDIA_VIEWS_H__

#include "jssipmedia.h"
#include "jssipsession.h"

G_BEGIN_DECLS

typedef struct _JsSipMediaViews JsSipMediaViews;

typedef struct
{
  /* Every sink pad got EOS from upstream. Called from a streaming
   * thread. That EOS is held back until jssip_media_views_end(). */
  void (*sinks_ended) (gpointer user_data);
} JsSipMediaViewsCallbacks;

/* What the views can carry of @wanted: @send the kinds of the jssipsink
 * pads, @recv every wanted kind when a jssipsrc views the session. */
void jssip_media_views_get_kinds (JsSipSession * session,
    JsSipMediaFlags wanted, JsSipMediaFlags * send, JsSipMediaFlags * recv);

JsSipMediaViews *jssip_media_views_new (JsSipSession * session,
    JsSipMedia * media, const JsSipMediaViewsCallbacks * callbacks,
    gpointer user_data);

/* The call is over: EOS on every jssipsrc pad (jssip_media_end()), and
 * with @end_sinks, or when the application's EOS ended the call, an EOS
 * into every jssipsink bridge, so that the user's pipeline reaches EOS. */
void jssip_media_views_end (JsSipMediaViews * views, gboolean end_sinks);

/* Takes back what was added to the views. */
void jssip_media_views_free (JsSipMediaViews * views);

G_END_DECLS

#endif
