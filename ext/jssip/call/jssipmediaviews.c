/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipmediaviews.h"
#include "jssipview.h"

GST_DEBUG_CATEGORY_STATIC (jssip_media_views_debug);
#define GST_CAT_DEFAULT jssip_media_views_debug

/* An element we put into a view, and the view's pad that shows it. */
typedef struct
{
  GstElement *view;
  GstElement *element;
  GstPad *ghost;
  GstPad *target;               /* the element's pad behind @ghost (owned) */
} Bridge;

struct _JsSipMediaViews
{
  JsSipSession *session;
  JsSipMedia *media;
  JsSipMediaViewsCallbacks callbacks;
  gpointer user_data;
  GList *views;                 /* GstElement, with a reference */
  gulong remote_stream_handler;

  GMutex lock;
  GArray *bridges;              /* Bridge */
  guint sinks_linked;
  guint sinks_ended;
  gboolean ending;              /* the EOS into the sinks is ours */
};

static JsSipMediaFlags
pad_kind (GstPad * pad)
{
  return g_str_has_prefix (GST_PAD_NAME (pad), "video") ?
      JSSIP_MEDIA_VIDEO : JSSIP_MEDIA_AUDIO;
}

static JsSipMediaFlags
sink_pad_kinds (GstElement * view)
{
  JsSipMediaFlags kinds = 0;
  GList *l;

  GST_OBJECT_LOCK (view);
  for (l = view->sinkpads; l; l = l->next)
    kinds |= pad_kind (l->data);
  GST_OBJECT_UNLOCK (view);
  return kinds;
}

void
jssip_media_views_get_kinds (JsSipSession * session, JsSipMediaFlags wanted,
    JsSipMediaFlags * send, JsSipMediaFlags * recv)
{
  GList *views = jssip_session_dup_views (session);
  GList *l;

  *send = *recv = 0;
  for (l = views; l; l = l->next) {
    if (jssip_view_sends (l->data))
      *send |= sink_pad_kinds (l->data) & wanted;
    else if (jssip_view_receives (l->data))
      *recv = wanted;
  }
  g_list_free_full (views, gst_object_unref);
}

static void
add_bridge (JsSipMediaViews * self, GstElement * view, GstElement * element,
    GstPad * ghost, GstPad * target)
{
  Bridge bridge = { gst_object_ref (view), gst_object_ref (element),
    gst_object_ref (ghost), target
  };

  g_mutex_lock (&self->lock);
  g_array_append_val (self->bridges, bridge);
  g_mutex_unlock (&self->lock);
}

/* ----------------------------------------------------------- sending */

static GstPadProbeReturn
on_sink_event (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  JsSipMediaViews *self = user_data;
  gboolean all_ended;

  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) != GST_EVENT_EOS)
    return GST_PAD_PROBE_OK;
  g_mutex_lock (&self->lock);
  if (self->ending) {
    g_mutex_unlock (&self->lock);
    return GST_PAD_PROBE_OK;
  }
  all_ended = ++self->sinks_ended == self->sinks_linked;
  g_mutex_unlock (&self->lock);
  if (all_ended) {
    GST_INFO ("every sink pad got EOS: the call ends");
    self->callbacks.sinks_ended (self->user_data);
  }
  /* Held back until the call is over (jssip_media_views_end()): an EOS
   * reaching proxysink would end the pipeline before the BYE. */
  return GST_PAD_PROBE_DROP;
}

static void
link_sink_pad (JsSipMediaViews * self, GstElement * view, GstPad * ghost)
{
  GstElement *bridge = jssip_media_request_sink (self->media,
      pad_kind (ghost));
  GstPad *target;

  if (!bridge) {
    GST_ELEMENT_WARNING (view, STREAM, NOT_IMPLEMENTED,
        ("%s is not sent: one pad of each kind is sent, and only the kinds "
            "of the `media` property", GST_PAD_NAME (ghost)), (NULL));
    return;
  }
  gst_bin_add (GST_BIN (view), bridge);
  target = gst_element_get_static_pad (bridge, "sink");
  /* Between calls upstream may be pushing: hold it off while the ghost
   * changes targets, or it would see not-linked. */
  GST_PAD_STREAM_LOCK (ghost);
  gst_ghost_pad_set_target (GST_GHOST_PAD (ghost), target);
  GST_PAD_STREAM_UNLOCK (ghost);
  gst_pad_add_probe (target, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
      on_sink_event, self, NULL);
  gst_element_sync_state_with_parent (bridge);
  add_bridge (self, view, bridge, ghost, target);
  self->sinks_linked++;
  GST_DEBUG_OBJECT (view, "%s feeds the call", GST_PAD_NAME (ghost));
}

static void
link_sink_view (JsSipMediaViews * self, GstElement * view)
{
  GList *pads = NULL, *l;

  GST_OBJECT_LOCK (view);
  for (l = view->sinkpads; l; l = l->next)
    pads = g_list_prepend (pads, gst_object_ref (l->data));
  GST_OBJECT_UNLOCK (view);
  for (l = g_list_reverse (pads); l; l = l->next)
    link_sink_pad (self, view, l->data);
  g_list_free_full (pads, gst_object_unref);
}

/* --------------------------------------------------------- receiving */

static GstElement *
find_src_view (JsSipMediaViews * self)
{
  GList *l;

  for (l = self->views; l; l = l->next)
    if (jssip_view_receives (l->data))
      return l->data;
  return NULL;
}

static void
on_remote_stream (JsSipMedia * media, JsSipMediaFlags kind, GstElement * src,
    JsSipMediaViews * self)
{
  GstElement *view = find_src_view (self);
  GstPad *srcpad, *ghost;

  if (!view) {
    GST_WARNING ("a remote stream and no jssipsrc to show it");
    return;
  }
  gst_bin_add (GST_BIN (view), src);
  srcpad = gst_element_get_static_pad (src, "src");
  /* The pad first: the application links it in pad-added, before data. */
  ghost = jssip_view_add_media_pad (JSSIP_VIEW (view), kind, srcpad);
  gst_element_sync_state_with_parent (src);
  add_bridge (self, view, src, ghost, srcpad);
}

/* ---------------------------------------------------------- lifecycle */

JsSipMediaViews *
jssip_media_views_new (JsSipSession * session, JsSipMedia * media,
    const JsSipMediaViewsCallbacks * callbacks, gpointer user_data)
{
  static gsize debug_initialized;
  JsSipMediaViews *self = g_new0 (JsSipMediaViews, 1);
  GList *l;

  if (g_once_init_enter (&debug_initialized)) {
    GST_DEBUG_CATEGORY_INIT (jssip_media_views_debug, "jssipmediaviews", 0,
        "A call's media in the pads of jssipsrc and jssipsink");
    g_once_init_leave (&debug_initialized, 1);
  }
  self->session = gst_object_ref (session);
  self->media = g_object_ref (media);
  self->callbacks = *callbacks;
  self->user_data = user_data;
  self->views = jssip_session_dup_views (session);
  self->bridges = g_array_new (FALSE, FALSE, sizeof (Bridge));
  g_mutex_init (&self->lock);

  self->remote_stream_handler = g_signal_connect (media, "remote-stream",
      G_CALLBACK (on_remote_stream), self);
  for (l = self->views; l; l = l->next)
    if (jssip_view_sends (l->data))
      link_sink_view (self, l->data);
  return self;
}

void
jssip_media_views_end (JsSipMediaViews * self, gboolean end_sinks)
{
  GPtrArray *sinks = g_ptr_array_new_with_free_func (gst_object_unref);
  guint i;

  jssip_media_end (self->media);

  g_mutex_lock (&self->lock);
  /* The application's own EOS, held back, goes through now. */
  if (!end_sinks && self->sinks_ended == 0) {
    g_mutex_unlock (&self->lock);
    return;
  }
  self->ending = TRUE;
  for (i = 0; i < self->bridges->len; i++) {
    Bridge *bridge = &g_array_index (self->bridges, Bridge, i);

    if (GST_PAD_IS_SINK (bridge->target))
      g_ptr_array_add (sinks, gst_object_ref (bridge->target));
  }
  g_mutex_unlock (&self->lock);
  /* Before the EOS: a user thread may hold a bridge's stream lock while it
   * waits on a webrtcbin that never connected. */
  jssip_media_shut_down (self->media);
  /* proxysink posts EOS for the EOS it gets: the jssipsink, and with it
   * the pipeline, reaches EOS; upstream then gets flushing flow returns. */
  for (i = 0; i < sinks->len; i++)
    gst_pad_send_event (g_ptr_array_index (sinks, i), gst_event_new_eos ());
  g_ptr_array_unref (sinks);
}

static void
clear_target_if (GstPad * ghost, GstPad * target)
{
  GstPad *current = gst_ghost_pad_get_target (GST_GHOST_PAD (ghost));

  if (current == target)
    gst_ghost_pad_set_target (GST_GHOST_PAD (ghost), NULL);
  gst_clear_object (&current);
}

static void
remove_bridge (Bridge * bridge)
{
  if (jssip_view_receives (bridge->view))
    jssip_view_remove_media_pad (JSSIP_VIEW (bridge->view), bridge->ghost);
  else
    /* Unless the next call's bridge took the pad already. */
    clear_target_if (bridge->ghost, bridge->target);
  gst_element_set_state (bridge->element, GST_STATE_NULL);
  gst_bin_remove (GST_BIN (bridge->view), bridge->element);
  gst_object_unref (bridge->target);
  gst_object_unref (bridge->ghost);
  gst_object_unref (bridge->element);
  gst_object_unref (bridge->view);
}

void
jssip_media_views_free (JsSipMediaViews * self)
{
  guint i;

  g_signal_handler_disconnect (self->media, self->remote_stream_handler);
  for (i = self->bridges->len; i > 0; i--)
    remove_bridge (&g_array_index (self->bridges, Bridge, i - 1));
  g_array_unref (self->bridges);
  g_list_free_full (self->views, gst_object_unref);
  g_object_unref (self->media);
  gst_object_unref (self->session);
  g_mutex_clear (&self->lock);
  g_free (self);
}
