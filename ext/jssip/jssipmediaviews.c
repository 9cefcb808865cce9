/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipmediaviews.h"
#include "jssipsink.h"
#include "jssipsrc.h"

GST_DEBUG_CATEGORY_STATIC (jssip_media_views_debug);
#define GST_CAT_DEFAULT jssip_media_views_debug

/* An element we put into a view, and the view's pad that shows it. */
typedef struct
{
  GstElement *view;
  GstElement *element;
  GstPad *ghost;
  GstPad *target;               /* the element's pad behind @ghost */
} Bridge;

typedef struct
{
  GstBus *bus;
  gulong handler;
} WatchedBus;

struct _JsSipMediaViews
{
  JsSipSession *session;
  JsSipMedia *media;
  JsSipMediaViewsCallbacks callbacks;
  gpointer user_data;
  GList *views;                 /* GstElement, with a reference */
  GArray *buses;                /* WatchedBus */
  gulong remote_stream_handler;

  GMutex lock;
  GArray *bridges;              /* Bridge */
  guint sinks_linked;
  guint sinks_ended;
  gboolean ending;              /* the EOS into the sinks is ours */
  gboolean playing;
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
    if (GST_IS_JSSIP_SINK (l->data))
      *send |= sink_pad_kinds (l->data) & wanted;
    else if (GST_IS_JSSIP_SRC (l->data))
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
  gst_ghost_pad_set_target (GST_GHOST_PAD (ghost), target);
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
    if (GST_IS_JSSIP_SRC (l->data))
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
  ghost = gst_jssip_src_add_media_pad (GST_JSSIP_SRC (view), kind, srcpad);
  gst_element_sync_state_with_parent (src);
  add_bridge (self, view, src, ghost, srcpad);
}

/* ------------------------------------------------------------- clock */

static gboolean
is_view (JsSipMediaViews * self, GstObject * object)
{
  return g_list_find (self->views, object) != NULL;
}

static void
on_state_changed (GstBus * bus, GstMessage * message, JsSipMediaViews * self)
{
  GstElement *view = GST_ELEMENT (GST_MESSAGE_SRC (message));
  GstState new_state;
  GstClock *clock;
  gboolean first;

  if (!is_view (self, GST_MESSAGE_SRC (message)))
    return;
  gst_message_parse_state_changed (message, NULL, &new_state, NULL);
  if (new_state != GST_STATE_PLAYING)
    return;

  /* The media's pipeline follows the user's, so that the bridges carry
   * buffers with the right running time (proxysink/proxysrc). */
  clock = gst_element_get_clock (view);
  if (clock) {
    jssip_media_set_clock (self->media, clock,
        gst_element_get_base_time (view));
    gst_object_unref (clock);
  }
  g_mutex_lock (&self->lock);
  first = !self->playing;
  self->playing = TRUE;
  g_mutex_unlock (&self->lock);
  if (first)
    self->callbacks.playing (self->user_data);
}

/* The bus of the outermost bin holding @view. */
static GstBus *
top_level_bus (GstElement * view)
{
  GstObject *top = gst_object_ref (GST_OBJECT (view));
  GstObject *parent;
  GstBus *bus;

  while ((parent = gst_object_get_parent (top))) {
    gst_object_unref (top);
    top = parent;
  }
  bus = gst_element_get_bus (GST_ELEMENT (top));
  gst_object_unref (top);
  return bus;
}

static void
watch_bus (JsSipMediaViews * self, GstElement * view)
{
  GstBus *bus = top_level_bus (view);
  WatchedBus watched;
  guint i;

  if (!bus)
    return;
  for (i = 0; i < self->buses->len; i++)
    if (g_array_index (self->buses, WatchedBus, i).bus == bus) {
      gst_object_unref (bus);
      return;
    }
  /* A sync handler of our own would replace the application's; the
   * sync-message signal adds to it. */
  gst_bus_enable_sync_message_emission (bus);
  watched.bus = bus;
  watched.handler = g_signal_connect (bus, "sync-message::state-changed",
      G_CALLBACK (on_state_changed), self);
  g_array_append_val (self->buses, watched);
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
  self->buses = g_array_new (FALSE, FALSE, sizeof (WatchedBus));
  self->bridges = g_array_new (FALSE, FALSE, sizeof (Bridge));
  g_mutex_init (&self->lock);

  self->remote_stream_handler = g_signal_connect (media, "remote-stream",
      G_CALLBACK (on_remote_stream), self);
  for (l = self->views; l; l = l->next) {
    if (GST_IS_JSSIP_SINK (l->data))
      link_sink_view (self, l->data);
    watch_bus (self, l->data);
  }
  return self;
}

gboolean
jssip_media_views_is_playing (JsSipMediaViews * self)
{
  gboolean playing;

  g_mutex_lock (&self->lock);
  playing = self->playing;
  g_mutex_unlock (&self->lock);
  return playing;
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
  /* proxysink posts EOS for the EOS it gets: the jssipsink, and with it
   * the pipeline, reaches EOS; upstream then gets EOS flow returns. */
  for (i = 0; i < sinks->len; i++)
    gst_pad_send_event (g_ptr_array_index (sinks, i), gst_event_new_eos ());
  g_ptr_array_unref (sinks);
}

static void
remove_bridge (Bridge * bridge)
{
  if (GST_IS_JSSIP_SRC (bridge->view))
    gst_jssip_src_remove_media_pad (GST_JSSIP_SRC (bridge->view),
        bridge->ghost);
  else
    gst_ghost_pad_set_target (GST_GHOST_PAD (bridge->ghost), NULL);
  gst_element_set_state (bridge->element, GST_STATE_NULL);
  gst_bin_remove (GST_BIN (bridge->view), bridge->element);
  gst_object_unref (bridge->ghost);
  gst_object_unref (bridge->element);
  gst_object_unref (bridge->view);
}

void
jssip_media_views_free (JsSipMediaViews * self)
{
  guint i;

  g_signal_handler_disconnect (self->media, self->remote_stream_handler);
  for (i = 0; i < self->buses->len; i++) {
    WatchedBus *watched = &g_array_index (self->buses, WatchedBus, i);

    g_signal_handler_disconnect (watched->bus, watched->handler);
    gst_bus_disable_sync_message_emission (watched->bus);
    gst_object_unref (watched->bus);
  }
  g_array_unref (self->buses);
  for (i = self->bridges->len; i > 0; i--)
    remove_bridge (&g_array_index (self->bridges, Bridge, i - 1));
  g_array_unref (self->bridges);
  g_list_free_full (self->views, gst_object_unref);
  g_object_unref (self->media);
  gst_object_unref (self->session);
  g_mutex_clear (&self->lock);
  g_free (self);
}
