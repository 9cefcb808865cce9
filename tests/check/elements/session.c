/* gst-jssip: the session shared by a jssipsrc/jssipsink pair, with a fake
 * call layer in place of the SIP one
 *
 * The elements come from jssip_internal, made by type (not by factory), so
 * the fake call control set here is the one they use.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <gst/check/gstcheck.h>

#include "jssipsink.h"
#include "jssipsrc.h"

/* ------------------------------------------------------ fake call layer */

typedef struct
{
  guint started, stopped;
  gboolean fail_start;
  gchar *target;
  GstStructure *options;
  JsSipMediaFlags muted;
  JsSipSession *session;
} FakeRecord;

static FakeRecord record;

#define FAKE_TYPE_CONTROL (fake_control_get_type ())
G_DECLARE_FINAL_TYPE (FakeControl, fake_control, FAKE, CONTROL, GObject);

struct _FakeControl
{
  GObject parent;
};

static void fake_control_iface_init (JsSipCallControlInterface * iface);

G_DEFINE_TYPE_WITH_CODE (FakeControl, fake_control, G_TYPE_OBJECT,
    G_IMPLEMENT_INTERFACE (JSSIP_TYPE_CALL_CONTROL, fake_control_iface_init));

static gboolean
fake_start (JsSipCallControl * control, GError ** error)
{
  record.started++;
  if (record.fail_start) {
    g_set_error_literal (error, JSSIP_CALL_ERROR, JSSIP_CALL_ERROR_FAILED,
        "fake UA refused to start");
    return FALSE;
  }
  return TRUE;
}

static void
fake_stop (JsSipCallControl * control)
{
  record.stopped++;
}

static gboolean
fake_connect (JsSipCallControl * control, const gchar * target,
    const GstStructure * options, GError ** error)
{
  g_free (record.target);
  record.target = g_strdup (target);
  g_clear_pointer (&record.options, gst_structure_free);
  record.options = options ? gst_structure_copy (options) : NULL;
  return TRUE;
}

static gboolean
fake_hold (JsSipCallControl * control, GError ** error)
{
  g_set_error_literal (error, JSSIP_CALL_ERROR,
      JSSIP_CALL_ERROR_INVALID_STATE, "the call is not established");
  return FALSE;
}

static gboolean
fake_mute (JsSipCallControl * control, JsSipMediaFlags media, GError ** error)
{
  record.muted = media;
  return TRUE;
}

static GstStructure *
fake_get_stats (JsSipCallControl * control, GError ** error)
{
  return gst_structure_new ("application/x-jssip-stats", "calls", G_TYPE_INT,
      1, NULL);
}

static void
fake_control_iface_init (JsSipCallControlInterface * iface)
{
  iface->start = fake_start;
  iface->stop = fake_stop;
  iface->connect = fake_connect;
  iface->hold = fake_hold;
  iface->mute = fake_mute;
  iface->get_stats = fake_get_stats;
}

static void
fake_control_init (FakeControl * self)
{
}

static void
fake_control_class_init (FakeControlClass * klass)
{
}

static JsSipCallControl *
fake_control_new (JsSipSession * session)
{
  record.session = session;
  return g_object_new (FAKE_TYPE_CONTROL, NULL);
}

static void
reset_record (void)
{
  g_free (record.target);
  g_clear_pointer (&record.options, gst_structure_free);
  memset (&record, 0, sizeof (record));
}

/* ------------------------------------------------------------- helpers */

static GstElement *
make_view (GType type, const gchar * session)
{
  GstElement *element = g_object_new (type, "session", session, NULL);

  g_object_set (element, "uri", "sip:alice@example.com", "server",
      "ws://127.0.0.1:9", NULL);
  return element;
}

static GstElement *
pipeline_with (GstElement * first, GstElement * second)
{
  GstElement *pipeline = gst_pipeline_new (NULL);

  gst_bin_add (GST_BIN (pipeline), first);
  if (second)
    gst_bin_add (GST_BIN (pipeline), second);
  return pipeline;
}

static guint
count_element_messages (GstBus * bus, const gchar * name,
    GstObject ** last_source)
{
  GstMessage *message;
  guint n = 0;

  while ((message = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    if (gst_message_has_name (message, name)) {
      n++;
      gst_object_replace (last_source, GST_MESSAGE_SRC (message));
    }
    gst_message_unref (message);
  }
  return n;
}

static JsSipSession *
session_of (GstElement * element)
{
  return gst_jssip_bin_dup_session (GST_JSSIP_BIN (element));
}

static void
post_event (GstElement * view, const gchar * name)
{
  JsSipSession *session = session_of (view);

  jssip_session_post_message (session, gst_structure_new_empty (name));
  gst_object_unref (session);
}

/* --------------------------------------------------------------- tests */

GST_START_TEST (test_message_posted_once_per_bus)
{
  GstElement *src = make_view (GST_TYPE_JSSIP_SRC, "bus-one");
  GstElement *sink = make_view (GST_TYPE_JSSIP_SINK, "bus-one");
  GstElement *pipeline = pipeline_with (src, sink);
  GstBus *bus = gst_element_get_bus (pipeline);
  GstObject *source = NULL;

  post_event (src, "jssip-session-progress");
  fail_unless_equals_int (count_element_messages (bus,
          "jssip-session-progress", &source), 1);
  fail_unless (source == GST_OBJECT (src) || source == GST_OBJECT (sink));

  gst_object_unref (source);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
}

GST_END_TEST;

GST_START_TEST (test_message_reaches_each_pipeline)
{
  GstElement *src = make_view (GST_TYPE_JSSIP_SRC, "bus-two");
  GstElement *sink = make_view (GST_TYPE_JSSIP_SINK, "bus-two");
  GstElement *other = make_view (GST_TYPE_JSSIP_SINK, "bus-other");
  GstElement *pipeline_a = pipeline_with (src, NULL);
  GstElement *pipeline_b = pipeline_with (sink, other);
  GstBus *bus_a = gst_element_get_bus (pipeline_a);
  GstBus *bus_b = gst_element_get_bus (pipeline_b);
  GstObject *source_a = NULL, *source_b = NULL;

  post_event (sink, "jssip-session-started");
  fail_unless_equals_int (count_element_messages (bus_a,
          "jssip-session-started", &source_a), 1);
  fail_unless_equals_int (count_element_messages (bus_b,
          "jssip-session-started", &source_b), 1);
  /* Each from the view on that bus, not from the other session. */
  fail_unless (source_a == GST_OBJECT (src));
  fail_unless (source_b == GST_OBJECT (sink));

  gst_object_unref (source_a);
  gst_object_unref (source_b);
  gst_object_unref (bus_a);
  gst_object_unref (bus_b);
  gst_object_unref (pipeline_a);
  gst_object_unref (pipeline_b);
}

GST_END_TEST;

GST_START_TEST (test_call_layer_runs_while_any_view_runs)
{
  GstElement *src = make_view (GST_TYPE_JSSIP_SRC, "lifecycle");
  GstElement *sink = make_view (GST_TYPE_JSSIP_SINK, "lifecycle");
  GstElement *pipeline_a = pipeline_with (src, NULL);
  GstElement *pipeline_b = pipeline_with (sink, NULL);
  JsSipSession *session = session_of (src);

  reset_record ();
  fail_if (gst_element_set_state (pipeline_a, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  fail_if (gst_element_set_state (pipeline_b, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  fail_unless_equals_int (record.started, 1);
  fail_unless (record.session == session);

  gst_element_set_state (pipeline_a, GST_STATE_NULL);
  fail_unless_equals_int (record.stopped, 0);
  gst_element_set_state (pipeline_b, GST_STATE_NULL);
  fail_unless_equals_int (record.stopped, 1);

  /* And again, on a new run. */
  gst_element_set_state (pipeline_a, GST_STATE_PAUSED);
  fail_unless_equals_int (record.started, 2);
  gst_element_set_state (pipeline_a, GST_STATE_NULL);
  fail_unless_equals_int (record.stopped, 2);

  gst_object_unref (session);
  gst_object_unref (pipeline_a);
  gst_object_unref (pipeline_b);
}

GST_END_TEST;

GST_START_TEST (test_call_layer_start_failure_fails_state_change)
{
  GstElement *sink = make_view (GST_TYPE_JSSIP_SINK, NULL);
  GstElement *pipeline = pipeline_with (sink, NULL);
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *message;
  GError *error = NULL;

  reset_record ();
  record.fail_start = TRUE;
  fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_PAUSED),
      GST_STATE_CHANGE_FAILURE);
  message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  fail_unless (message != NULL);
  gst_message_parse_error (message, &error, NULL);
  fail_unless (g_error_matches (error, GST_RESOURCE_ERROR,
          GST_RESOURCE_ERROR_FAILED));
  fail_unless_equals_string (error->message, "fake UA refused to start");
  g_error_free (error);
  gst_message_unref (message);

  /* Not started, so not stopped; a later start tries again. */
  gst_element_set_state (pipeline, GST_STATE_NULL);
  fail_unless_equals_int (record.stopped, 0);
  record.fail_start = FALSE;
  fail_if (gst_element_set_state (pipeline, GST_STATE_PAUSED) ==
      GST_STATE_CHANGE_FAILURE);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  fail_unless_equals_int (record.started, 2);
  fail_unless_equals_int (record.stopped, 1);

  gst_object_unref (bus);
  gst_object_unref (pipeline);
}

GST_END_TEST;

GST_START_TEST (test_actions_reach_the_call_layer)
{
  GstElement *src = make_view (GST_TYPE_JSSIP_SRC, "actions");
  GstElement *sink = make_view (GST_TYPE_JSSIP_SINK, "actions");
  GstElement *pipeline = pipeline_with (src, sink);
  GstBus *bus = gst_element_get_bus (pipeline);
  GstStructure *options = gst_structure_new ("options", "video", G_TYPE_BOOLEAN,
      FALSE, NULL);
  GstStructure *stats = NULL;
  GstMessage *message;
  GError *error = NULL;
  gboolean ok = FALSE;

  reset_record ();
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  g_signal_emit_by_name (sink, "connect", "bob", options, &ok);
  fail_unless (ok);
  fail_unless_equals_string (record.target, "bob");
  fail_unless (gst_structure_is_equal (record.options, options));

  /* Without an argument: the target property, set on the other view. */
  g_object_set (src, "target", "sip:carol@example.org", NULL);
  g_signal_emit_by_name (sink, "connect", NULL, NULL, &ok);
  fail_unless (ok);
  fail_unless_equals_string (record.target, "sip:carol@example.org");

  g_signal_emit_by_name (src, "mute", 0, &ok);
  fail_unless (ok);
  fail_unless_equals_int (record.muted, JSSIP_MEDIA_AUDIO | JSSIP_MEDIA_VIDEO);
  g_signal_emit_by_name (src, "mute", JSSIP_MEDIA_VIDEO, &ok);
  fail_unless_equals_int (record.muted, JSSIP_MEDIA_VIDEO);

  g_signal_emit_by_name (src, "get-stats", &stats);
  fail_unless (stats != NULL);
  fail_unless (gst_structure_has_name (stats, "application/x-jssip-stats"));
  gst_structure_free (stats);
  fail_unless (gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING) == NULL);

  /* Refused by the call layer: FALSE and a warning with its reason. */
  g_signal_emit_by_name (src, "hold", &ok);
  fail_if (ok);
  message = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  fail_unless (message != NULL);
  gst_message_parse_warning (message, &error, NULL);
  fail_unless_equals_string (error->message,
      "Cannot hold: the call is not established");
  g_clear_error (&error);
  gst_message_unref (message);

  /* Not implemented by the call layer. */
  g_signal_emit_by_name (src, "renegotiate", &ok);
  fail_if (ok);
  message = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  gst_message_parse_warning (message, &error, NULL);
  fail_unless (g_error_matches (error, GST_CORE_ERROR,
          GST_CORE_ERROR_NOT_IMPLEMENTED));
  g_clear_error (&error);
  gst_message_unref (message);

  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_structure_free (options);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
}

GST_END_TEST;

static void
count_notify (GObject * object, GParamSpec * pspec, guint * count)
{
  (*count)++;
}

GST_START_TEST (test_call_info_shows_on_both_views)
{
  GstElement *src = gst_object_ref_sink (make_view (GST_TYPE_JSSIP_SRC,
          "info"));
  GstElement *sink = gst_object_ref_sink (make_view (GST_TYPE_JSSIP_SINK,
          "info"));
  JsSipSession *session = session_of (src);
  JsSipCallInfo info;
  guint src_notified = 0, sink_notified = 0;
  JsSipDirection direction;
  JsSipCallState state;
  GDateTime *start = NULL;
  gchar *remote = NULL;

  g_signal_connect (src, "notify::state", G_CALLBACK (count_notify),
      &src_notified);
  g_signal_connect (sink, "notify::state", G_CALLBACK (count_notify),
      &sink_notified);

  jssip_call_info_init (&info);
  info.direction = JSSIP_DIRECTION_INCOMING;
  info.state = JSSIP_CALL_STATE_CONFIRMED;
  info.remote_identity = g_strdup ("\"Bob\" <sip:bob@example.org>");
  info.start_time = g_date_time_new_now_utc ();
  jssip_session_update_call_info (session, &info);
  fail_unless_equals_int (src_notified, 1);
  fail_unless_equals_int (sink_notified, 1);

  g_object_get (sink, "direction", &direction, "state", &state,
      "remote-identity", &remote, "start-time", &start, NULL);
  fail_unless_equals_int (direction, JSSIP_DIRECTION_INCOMING);
  fail_unless_equals_int (state, JSSIP_CALL_STATE_CONFIRMED);
  fail_unless_equals_string (remote, "\"Bob\" <sip:bob@example.org>");
  fail_unless (g_date_time_equal (start, info.start_time));

  /* The same state again changes nothing. */
  jssip_session_update_call_info (session, &info);
  fail_unless_equals_int (src_notified, 1);

  g_free (remote);
  g_date_time_unref (start);
  jssip_call_info_clear (&info);
  gst_object_unref (session);
  gst_object_unref (src);
  gst_object_unref (sink);
}

GST_END_TEST;

GST_START_TEST (test_data_is_shared)
{
  GstElement *src = gst_object_ref_sink (make_view (GST_TYPE_JSSIP_SRC,
          "data"));
  GstElement *sink = gst_object_ref_sink (make_view (GST_TYPE_JSSIP_SINK,
          "data"));
  GstStructure *data = gst_structure_new ("app", "id", G_TYPE_INT, 7, NULL);
  GstStructure *read = NULL;

  g_object_set (src, "data", data, NULL);
  g_object_get (sink, "data", &read, NULL);
  fail_unless (read != NULL && gst_structure_is_equal (read, data));

  gst_structure_free (read);
  gst_structure_free (data);
  gst_object_unref (src);
  gst_object_unref (sink);
}

GST_END_TEST;

GST_START_TEST (test_session_cannot_change_while_running)
{
  GstElement *src = make_view (GST_TYPE_JSSIP_SRC, "running");
  GstElement *pipeline = pipeline_with (src, NULL);
  gchar *name = NULL;

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  g_object_set (src, "session", "elsewhere", NULL);
  g_object_get (src, "session", &name, NULL);
  fail_unless_equals_string (name, "running");
  g_free (name);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
}

GST_END_TEST;

static Suite *
session_suite (void)
{
  Suite *s = suite_create ("jssip-session");
  TCase *tc = tcase_create ("general");

  jssip_session_set_call_control_factory (fake_control_new);

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_message_posted_once_per_bus);
  tcase_add_test (tc, test_message_reaches_each_pipeline);
  tcase_add_test (tc, test_call_layer_runs_while_any_view_runs);
  tcase_add_test (tc, test_call_layer_start_failure_fails_state_change);
  tcase_add_test (tc, test_actions_reach_the_call_layer);
  tcase_add_test (tc, test_call_info_shows_on_both_views);
  tcase_add_test (tc, test_data_is_shared);
  tcase_add_test (tc, test_session_cannot_change_while_running);
  return s;
}

GST_CHECK_MAIN (session);
