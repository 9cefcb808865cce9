/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipsession.h"

GST_DEBUG_CATEGORY_STATIC (jssip_session_debug);
#define GST_CAT_DEFAULT jssip_session_debug

typedef struct
{
  GstElement *element;          /* not a reference: it holds one on us */
  gboolean active;
} View;

struct _JsSipSession
{
  GstObject parent;

  gboolean is_private;

  /* Protected by the object lock. */
  JsSipSettings *settings;
  JsSipCallInfo info;
  GArray *views;                /* of View */

  /* Held across starting and stopping the call control, which may take a
   * while and must not hold the object lock (the control reads settings). */
  GMutex lifecycle_lock;
  guint n_active;
  JsSipCallControl *control;    /* also read under the object lock */
};

G_DEFINE_TYPE (JsSipSession, jssip_session, GST_TYPE_OBJECT);

/* Named sessions, each with a reference, keyed by name. */
static GMutex registry_lock;
static GHashTable *registry;

static JsSipCallControlFactory call_control_factory;

static void
jssip_session_init (JsSipSession * self)
{
  self->settings = jssip_settings_new ();
  jssip_call_info_init (&self->info);
  self->views = g_array_new (FALSE, FALSE, sizeof (View));
  g_mutex_init (&self->lifecycle_lock);
}

static void
jssip_session_finalize (GObject * object)
{
  JsSipSession *self = JSSIP_SESSION (object);

  GST_DEBUG_OBJECT (self, "finalize");
  g_assert (self->control == NULL);
  jssip_settings_free (self->settings);
  jssip_call_info_clear (&self->info);
  g_array_free (self->views, TRUE);
  g_mutex_clear (&self->lifecycle_lock);

  G_OBJECT_CLASS (jssip_session_parent_class)->finalize (object);
}

static void
jssip_session_class_init (JsSipSessionClass * klass)
{
  G_OBJECT_CLASS (klass)->finalize = jssip_session_finalize;

  GST_DEBUG_CATEGORY_INIT (jssip_session_debug, "jssipsession", 0,
      "Session shared by a jssipsrc/jssipsink pair");
}

static JsSipSession *
session_new (const gchar * name)
{
  JsSipSession *self = g_object_new (JSSIP_TYPE_SESSION, "name", name, NULL);

  self->is_private = name == NULL;
  return gst_object_ref_sink (self);
}

static void
add_view (JsSipSession * self, GstElement * view)
{
  View entry = { view, FALSE };

  GST_OBJECT_LOCK (self);
  g_array_append_val (self->views, entry);
  GST_OBJECT_UNLOCK (self);
}

/* Returns how many views are left. */
static guint
remove_view (JsSipSession * self, GstElement * view)
{
  guint i, left;

  GST_OBJECT_LOCK (self);
  for (i = 0; i < self->views->len; i++)
    if (g_array_index (self->views, View, i).element == view) {
      g_array_remove_index (self->views, i);
      break;
    }
  left = self->views->len;
  GST_OBJECT_UNLOCK (self);
  return left;
}

JsSipSession *
jssip_session_acquire (const gchar * name, GstElement * view)
{
  JsSipSession *session;

  g_mutex_lock (&registry_lock);
  if (!name)
    session = session_new (NULL);
  else {
    if (!registry)
      registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
          gst_object_unref);
    session = g_hash_table_lookup (registry, name);
    if (session)
      gst_object_ref (session);
    else {
      session = session_new (name);
      g_hash_table_insert (registry, g_strdup (name), gst_object_ref (session));
    }
  }
  add_view (session, view);
  g_mutex_unlock (&registry_lock);

  GST_DEBUG_OBJECT (session, "viewed by %" GST_PTR_FORMAT, view);
  return session;
}

void
jssip_session_release (JsSipSession * session, GstElement * view)
{
  g_return_if_fail (JSSIP_IS_SESSION (session));

  jssip_session_deactivate (session, view);

  g_mutex_lock (&registry_lock);
  GST_DEBUG_OBJECT (session, "no longer viewed by %" GST_PTR_FORMAT, view);
  if (remove_view (session, view) == 0 && !session->is_private)
    g_hash_table_remove (registry, GST_OBJECT_NAME (session));
  g_mutex_unlock (&registry_lock);

  gst_object_unref (session);
}

gboolean
jssip_session_is_private (JsSipSession * session)
{
  return session->is_private;
}

void
jssip_session_set_property (JsSipSession * session,
    const JsSipProperty * property, const GValue * value)
{
  gchar *shown = jssip_property_value_to_string (property, value);

  GST_DEBUG_OBJECT (session, "%s = %s", jssip_property_get_name (property),
      shown);
  g_free (shown);

  GST_OBJECT_LOCK (session);
  jssip_property_set (property, session->settings, value);
  GST_OBJECT_UNLOCK (session);
}

void
jssip_session_get_property (JsSipSession * session,
    const JsSipProperty * property, GValue * value)
{
  GST_OBJECT_LOCK (session);
  jssip_property_get (property, session->settings, &session->info, value);
  GST_OBJECT_UNLOCK (session);
}

JsSipSettings *
jssip_session_dup_settings (JsSipSession * session)
{
  JsSipSettings *settings;

  GST_OBJECT_LOCK (session);
  settings = jssip_settings_copy (session->settings);
  GST_OBJECT_UNLOCK (session);
  return settings;
}

void
jssip_session_carry_over (JsSipSession * dest, JsSipSession * src)
{
  JsSipSettings *settings = jssip_session_dup_settings (src);

  GST_OBJECT_LOCK (dest);
  jssip_properties_carry_over (dest->settings, settings);
  GST_OBJECT_UNLOCK (dest);
  jssip_settings_free (settings);
}

GList *
jssip_session_dup_views (JsSipSession * session)
{
  GList *views = NULL;
  guint i;

  GST_OBJECT_LOCK (session);
  for (i = session->views->len; i > 0; i--)
    views = g_list_prepend (views,
        gst_object_ref (g_array_index (session->views, View, i - 1).element));
  GST_OBJECT_UNLOCK (session);
  return views;
}

static void
notify_views (const gchar * name, gpointer views)
{
  GList *l;

  for (l = views; l; l = l->next)
    g_object_notify (l->data, name);
}

void
jssip_session_update_call_info (JsSipSession * session,
    const JsSipCallInfo * info)
{
  JsSipCallInfo old;
  GList *views;

  jssip_call_info_init (&old);
  GST_OBJECT_LOCK (session);
  jssip_call_info_copy_into (&old, &session->info);
  jssip_call_info_copy_into (&session->info, info);
  GST_OBJECT_UNLOCK (session);

  views = jssip_session_dup_views (session);
  jssip_properties_foreach_changed (&old, info, notify_views, views);
  g_list_free_full (views, gst_object_unref);
  jssip_call_info_clear (&old);
}

/* The bus of the outermost bin holding @view: the one the application
 * watches, shared by every element of that pipeline. */
static GstBus *
dup_top_level_bus (GstElement * view)
{
  GstObject *top = gst_object_ref (GST_OBJECT (view));
  GstObject *parent;
  GstBus *bus;

  while ((parent = gst_object_get_parent (top))) {
    gst_object_unref (top);
    top = parent;
  }
  bus = GST_IS_ELEMENT (top) ? gst_element_get_bus (GST_ELEMENT (top)) : NULL;
  gst_object_unref (top);
  return bus;
}

void
jssip_session_post_message (JsSipSession * session, GstStructure * structure)
{
  GList *views = jssip_session_dup_views (session);
  GList *buses = NULL;
  GList *l;

  GST_DEBUG_OBJECT (session, "posting %" GST_PTR_FORMAT, structure);
  for (l = views; l; l = l->next) {
    GstElement *view = l->data;
    GstBus *bus = dup_top_level_bus (view);

    if (!bus)
      continue;
    if (g_list_find (buses, bus)) {
      gst_object_unref (bus);
      continue;
    }
    buses = g_list_prepend (buses, bus);
    gst_element_post_message (view, gst_message_new_element (GST_OBJECT (view),
            gst_structure_copy (structure)));
  }
  g_list_free_full (buses, gst_object_unref);
  g_list_free_full (views, gst_object_unref);
  gst_structure_free (structure);
}

/* Marks @view (in)active; returns FALSE if it already was. */
static gboolean
set_view_active (JsSipSession * self, GstElement * view, gboolean active)
{
  gboolean changed = FALSE;
  guint i;

  GST_OBJECT_LOCK (self);
  for (i = 0; i < self->views->len; i++) {
    View *entry = &g_array_index (self->views, View, i);

    if (entry->element == view && entry->active != active) {
      entry->active = active;
      changed = TRUE;
    }
  }
  GST_OBJECT_UNLOCK (self);
  return changed;
}

static gboolean
validate (JsSipSession * self, GError ** error)
{
  JsSipSettings *settings = jssip_session_dup_settings (self);
  gchar *described = jssip_properties_describe (settings);
  gboolean valid;

  GST_DEBUG_OBJECT (self, "settings: %s", described);
  valid = jssip_settings_validate (settings, error);
  if (!valid)
    GST_WARNING_OBJECT (self, "%s", (*error)->message);
  g_free (described);
  jssip_settings_free (settings);
  return valid;
}

static gboolean
start_call_control (JsSipSession * self, GError ** error)
{
  JsSipCallControlFactory factory = g_atomic_pointer_get
      (&call_control_factory);
  JsSipCallControl *control;

  if (!factory) {
    GST_INFO_OBJECT (self, "no call layer: the session only keeps settings");
    return TRUE;
  }
  control = factory (self);
  if (!jssip_call_control_start (control, error)) {
    g_object_unref (control);
    return FALSE;
  }
  GST_OBJECT_LOCK (self);
  self->control = control;
  GST_OBJECT_UNLOCK (self);
  return TRUE;
}

static void
stop_call_control (JsSipSession * self)
{
  JsSipCallControl *control;

  GST_OBJECT_LOCK (self);
  control = g_steal_pointer (&self->control);
  GST_OBJECT_UNLOCK (self);
  if (control) {
    jssip_call_control_stop (control);
    g_object_unref (control);
  }
}

gboolean
jssip_session_activate (JsSipSession * session, GstElement * view,
    GError ** error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&session->lifecycle_lock);
  if (!validate (session, error))
    ok = FALSE;
  else if (set_view_active (session, view, TRUE)
      && session->n_active++ == 0) {
    GST_INFO_OBJECT (session, "starting, first view %" GST_PTR_FORMAT, view);
    if (!start_call_control (session, error)) {
      set_view_active (session, view, FALSE);
      session->n_active--;
      ok = FALSE;
    }
  }
  g_mutex_unlock (&session->lifecycle_lock);
  return ok;
}

void
jssip_session_deactivate (JsSipSession * session, GstElement * view)
{
  g_mutex_lock (&session->lifecycle_lock);
  if (set_view_active (session, view, FALSE) && --session->n_active == 0) {
    GST_INFO_OBJECT (session, "stopping, last view %" GST_PTR_FORMAT, view);
    stop_call_control (session);
  }
  g_mutex_unlock (&session->lifecycle_lock);
}

void
jssip_session_play (JsSipSession * session, GstElement * view)
{
  JsSipCallControl *control = jssip_session_get_call_control (session, NULL);
  GstClock *clock = gst_element_get_clock (view);

  if (control && clock)
    jssip_call_control_play (control, clock, gst_element_get_base_time (view));
  g_clear_object (&control);
  gst_clear_object (&clock);
}

void
jssip_session_set_call_control_factory (JsSipCallControlFactory factory)
{
  g_atomic_pointer_set (&call_control_factory, factory);
}

JsSipCallControl *
jssip_session_get_call_control (JsSipSession * session, GError ** error)
{
  JsSipCallControl *control;

  GST_OBJECT_LOCK (session);
  control = session->control ? g_object_ref (session->control) : NULL;
  GST_OBJECT_UNLOCK (session);
  if (!control)
    g_set_error_literal (error, JSSIP_CALL_ERROR, JSSIP_CALL_ERROR_NO_CALL,
        "not in a call (the session is not running)");
  return control;
}
