/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipview.h"

G_DEFINE_INTERFACE (JsSipView, jssip_view, GST_TYPE_ELEMENT);

static void
jssip_view_default_init (JsSipViewInterface * iface)
{
}

static gboolean
has_role (gpointer element, JsSipViewRole role)
{
  return JSSIP_IS_VIEW (element)
      && JSSIP_VIEW_GET_IFACE (element)->role == role;
}

gboolean
jssip_view_sends (gpointer element)
{
  return has_role (element, JSSIP_VIEW_SENDS);
}

gboolean
jssip_view_receives (gpointer element)
{
  return has_role (element, JSSIP_VIEW_RECEIVES);
}

GstPad *
jssip_view_add_media_pad (JsSipView * view, JsSipMediaFlags kind,
    GstPad * target)
{
  JsSipViewInterface *iface = JSSIP_VIEW_GET_IFACE (view);

  g_return_val_if_fail (iface->add_media_pad != NULL, NULL);
  return iface->add_media_pad (view, kind, target);
}

void
jssip_view_remove_media_pad (JsSipView * view, GstPad * pad)
{
  JsSipViewInterface *iface = JSSIP_VIEW_GET_IFACE (view);

  g_return_if_fail (iface->remove_media_pad != NULL);
  iface->remove_media_pad (view, pad);
}
