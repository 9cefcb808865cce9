/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipbin.h"
#include "jssipactions.h"

GST_DEBUG_CATEGORY_STATIC (gst_jssip_bin_debug);
#define GST_CAT_DEFAULT gst_jssip_bin_debug

typedef struct
{
  JsSipSession *session;        /* protected by the object lock */
} GstJsSipBinPrivate;

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_FIRST_SESSION_PROPERTY,
};

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (GstJsSipBin, gst_jssip_bin, GST_TYPE_BIN);

JsSipSession *
gst_jssip_bin_dup_session (GstJsSipBin * bin)
{
  GstJsSipBinPrivate *priv = gst_jssip_bin_get_instance_private (bin);
  JsSipSession *session;

  GST_OBJECT_LOCK (bin);
  session = gst_object_ref (priv->session);
  GST_OBJECT_UNLOCK (bin);
  return session;
}

static JsSipSession *
dup_view_session (GstElement * element)
{
  return gst_jssip_bin_dup_session (GST_JSSIP_BIN (element));
}

/* Swaps the session under the object lock, so that a signal emitted from
 * another thread sees either the old or the new one. */
static JsSipSession *
swap_session (GstJsSipBin * bin, JsSipSession * session)
{
  GstJsSipBinPrivate *priv = gst_jssip_bin_get_instance_private (bin);
  JsSipSession *old;

  GST_OBJECT_LOCK (bin);
  old = priv->session;
  priv->session = session;
  GST_OBJECT_UNLOCK (bin);
  return old;
}

static gboolean
is_running (GstJsSipBin * bin)
{
  GstState state, pending;

  GST_OBJECT_LOCK (bin);
  state = GST_STATE (bin);
  pending = GST_STATE_PENDING (bin);
  GST_OBJECT_UNLOCK (bin);
  return state > GST_STATE_READY || pending > GST_STATE_READY;
}

static void
join_session (GstJsSipBin * bin, const gchar * name)
{
  JsSipSession *current = gst_jssip_bin_dup_session (bin);
  JsSipSession *joined, *left;

  if (g_strcmp0 (name, jssip_session_is_private (current) ? NULL :
          GST_OBJECT_NAME (current)) == 0) {
    gst_object_unref (current);
    return;
  }
  if (is_running (bin)) {
    GST_WARNING_OBJECT (bin, "cannot change the session while running");
    gst_object_unref (current);
    return;
  }

  joined = jssip_session_acquire (name, GST_ELEMENT (bin));
  /* Properties set before `session` belong to the session being joined. */
  if (jssip_session_is_private (current))
    jssip_session_carry_over (joined, current);
  gst_object_unref (current);

  left = swap_session (bin, joined);
  GST_DEBUG_OBJECT (bin, "left %" GST_PTR_FORMAT " for %" GST_PTR_FORMAT,
      left, joined);
  jssip_session_release (left, GST_ELEMENT (bin));
}

static void
gst_jssip_bin_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstJsSipBin *bin = GST_JSSIP_BIN (object);
  const JsSipProperty *property = jssip_property_from_pspec (pspec);
  JsSipSession *session;

  if (property) {
    session = gst_jssip_bin_dup_session (bin);
    jssip_session_set_property (session, property, value);
    gst_object_unref (session);
  } else if (prop_id == PROP_SESSION)
    join_session (bin, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gst_jssip_bin_get_property (GObject * object, guint prop_id, GValue * value,
    GParamSpec * pspec)
{
  GstJsSipBin *bin = GST_JSSIP_BIN (object);
  const JsSipProperty *property = jssip_property_from_pspec (pspec);
  JsSipSession *session = gst_jssip_bin_dup_session (bin);

  if (property)
    jssip_session_get_property (session, property, value);
  else if (prop_id == PROP_SESSION)
    g_value_set_string (value, jssip_session_is_private (session) ? NULL :
        GST_OBJECT_NAME (session));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  gst_object_unref (session);
}

static gboolean
start (GstJsSipBin * bin)
{
  JsSipSession *session = gst_jssip_bin_dup_session (bin);
  GError *error = NULL;
  gboolean ok = jssip_session_activate (session, GST_ELEMENT (bin), &error);

  /* A setting at fault is the user's to fix; anything else (the call
   * layer failing to start) is a failure of the resource. */
  if (!ok && error->domain == JSSIP_SETTINGS_ERROR)
    GST_ELEMENT_ERROR (bin, RESOURCE, SETTINGS, ("%s", error->message),
        ("session %s", GST_OBJECT_NAME (session)));
  else if (!ok)
    GST_ELEMENT_ERROR (bin, RESOURCE, FAILED, ("%s", error->message),
        ("session %s", GST_OBJECT_NAME (session)));
  g_clear_error (&error);
  gst_object_unref (session);
  return ok;
}

static void
stop (GstJsSipBin * bin)
{
  JsSipSession *session = gst_jssip_bin_dup_session (bin);

  jssip_session_deactivate (session, GST_ELEMENT (bin));
  gst_object_unref (session);
}

static void
play (GstJsSipBin * bin)
{
  JsSipSession *session = gst_jssip_bin_dup_session (bin);

  jssip_session_play (session, GST_ELEMENT (bin));
  gst_object_unref (session);
}

static GstStateChangeReturn
gst_jssip_bin_change_state (GstElement * element, GstStateChange transition)
{
  GstJsSipBin *bin = GST_JSSIP_BIN (element);
  GstStateChangeReturn ret;

  if (transition == GST_STATE_CHANGE_READY_TO_PAUSED && !start (bin))
    return GST_STATE_CHANGE_FAILURE;

  ret = GST_ELEMENT_CLASS (gst_jssip_bin_parent_class)->change_state (element,
      transition);

  if ((transition == GST_STATE_CHANGE_READY_TO_PAUSED
          && ret == GST_STATE_CHANGE_FAILURE)
      || transition == GST_STATE_CHANGE_PAUSED_TO_READY)
    stop (bin);
  /* The base time and clock are the ones the pipeline just gave us. */
  if (transition == GST_STATE_CHANGE_PAUSED_TO_PLAYING
      && ret != GST_STATE_CHANGE_FAILURE)
    play (bin);
  return ret;
}

static void
gst_jssip_bin_dispose (GObject * object)
{
  GstJsSipBin *bin = GST_JSSIP_BIN (object);
  JsSipSession *session = swap_session (bin, NULL);

  if (session)
    jssip_session_release (session, GST_ELEMENT (bin));

  G_OBJECT_CLASS (gst_jssip_bin_parent_class)->dispose (object);
}

static void
gst_jssip_bin_init (GstJsSipBin * bin)
{
  GstJsSipBinPrivate *priv = gst_jssip_bin_get_instance_private (bin);

  priv->session = jssip_session_acquire (NULL, GST_ELEMENT (bin));
}

void
gst_jssip_bin_class_install_properties (GstJsSipBinClass * klass,
    JsSipPropertyScope scope)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);

  /* GObject does not inherit these: every class that installs properties
   * needs them, and ours all forward to the session. */
  gobject_class->set_property = gst_jssip_bin_set_property;
  gobject_class->get_property = gst_jssip_bin_get_property;
  jssip_properties_install (gobject_class, scope, PROP_FIRST_SESSION_PROPERTY);
}

static void
gst_jssip_bin_class_init (GstJsSipBinClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);

  gobject_class->dispose = gst_jssip_bin_dispose;
  element_class->change_state = gst_jssip_bin_change_state;

  gst_jssip_bin_class_install_properties (klass, JSSIP_PROPERTY_SCOPE_SESSION);
  g_object_class_install_property (gobject_class, PROP_SESSION,
      g_param_spec_string ("session", "Session",
          "Name that pairs a jssipsrc and a jssipsink of this process into "
          "one call: elements with the same name share one SIP dialog, SDP "
          "and settings. Unset: this element has a call of its own. "
          "Properties set before it move into the named session",
          NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  jssip_actions_install (gobject_class, dup_view_session);

  gst_type_mark_as_plugin_api (GST_TYPE_JSSIP_BIN, 0);
  gst_type_mark_as_plugin_api (JSSIP_TYPE_DIRECTION, 0);
  gst_type_mark_as_plugin_api (JSSIP_TYPE_CALL_STATE, 0);
  gst_type_mark_as_plugin_api (JSSIP_TYPE_MEDIA_FLAGS, 0);

  GST_DEBUG_CATEGORY_INIT (gst_jssip_bin_debug, "jssipbin", 0,
      "Session views: jssipsrc and jssipsink");
}

gchar *
gst_jssip_bin_next_pad_name (GstJsSipBin * bin, JsSipMediaFlags kind)
{
  const gchar *prefix = kind == JSSIP_MEDIA_VIDEO ? "video" : "audio";
  guint n;

  for (n = 0;; n++) {
    gchar *name = g_strdup_printf ("%s_%u", prefix, n);
    GstPad *pad = gst_element_get_static_pad (GST_ELEMENT (bin), name);

    if (!pad)
      return name;
    gst_object_unref (pad);
    g_free (name);
  }
}
