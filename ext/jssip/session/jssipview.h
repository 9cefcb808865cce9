/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What the call layer needs of the elements that view a session: whether
 * an element sends (a jssipsink: its sink pads feed the call) or receives
 * (a jssipsrc: the remote streams become its src pads), and, for a
 * receiving one, adding and removing those pads. The elements implement
 * it; the call layer, below them, sees only this.
 */
#ifndef __JSSIP_VIEW_H__
#define __JSSIP_VIEW_H__

#include <gst/gst.h>

#include "jssipenums.h"

G_BEGIN_DECLS

typedef enum
{
  JSSIP_VIEW_SENDS,
  JSSIP_VIEW_RECEIVES,
} JsSipViewRole;

#define JSSIP_TYPE_VIEW (jssip_view_get_type ())
G_DECLARE_INTERFACE (JsSipView, jssip_view, JSSIP, VIEW, GstElement);

/**
 * JsSipViewInterface:
 * @role: what the element does with the call's media
 * @add_media_pad: receiving views: a new src pad of @kind showing @target
 *   (transfer none)
 * @remove_media_pad: receiving views: the call no longer feeds @pad
 */
struct _JsSipViewInterface
{
  GTypeInterface parent_iface;

  JsSipViewRole role;
  GstPad *(*add_media_pad) (JsSipView * view, JsSipMediaFlags kind,
      GstPad * target);
  void (*remove_media_pad) (JsSipView * view, GstPad * pad);
};

/* FALSE for anything that is not a view. */
gboolean jssip_view_sends (gpointer element);
gboolean jssip_view_receives (gpointer element);

GstPad *jssip_view_add_media_pad (JsSipView * view, JsSipMediaFlags kind,
    GstPad * target);
void jssip_view_remove_media_pad (JsSipView * view, GstPad * pad);

G_END_DECLS

#endif
