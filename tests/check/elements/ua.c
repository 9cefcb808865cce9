/* gst-jssip tests: the user agent of jssipsrc/jssipsink on the wire.
 *
 * Registration against the project's real Kamailio (bindings checked in
 * Kamailio's own view, `kamcmd ul.dump`), recovery after the server goes
 * away, the server list, and how the UA answers requests no call claims,
 * sent by a WebSocket "server" run in the test.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <gst/check/gstcheck.h>
#include <libsoup/soup.h>
#include <gst/sip/sipmessage.h>
#include <gst/sip/siprequest.h>

#include "kamailio-fixture.h"

#define ALICE_PASSWORD "alicepw"

/* ------------------------------------------------------------ helpers */

static GstElement *
make_pipeline (const gchar * props)
{
  g_autofree gchar *desc =
      g_strdup_printf ("jssipsrc name=ua %s ! fakesink", props);
  GError *error = NULL;
  GstElement *pipeline = gst_parse_launch (desc, &error);

  fail_unless (pipeline != NULL, "%s", error ? error->message : "");
  return pipeline;
}

/* Waits for the element message @name (iterating the default context,
 * where the test's WebSocket server runs); NULL on timeout. */
static GstStructure *
wait_event (GstElement * pipeline, const gchar * name, guint timeout_ms)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end) {
    GstMessage *msg;

    while (g_main_context_iteration (NULL, FALSE));
    msg = gst_bus_timed_pop_filtered (bus, 20 * GST_MSECOND,
        GST_MESSAGE_ELEMENT | GST_MESSAGE_ERROR);
    if (!msg)
      continue;
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
      GError *err = NULL;
      gst_message_parse_error (msg, &err, NULL);
      fail ("error while waiting for %s: %s", name, err->message);
    }
    if (gst_message_has_name (msg, name)) {
      GstStructure *s = gst_structure_copy (gst_message_get_structure (msg));
      gst_message_unref (msg);
      return s;
    }
    gst_message_unref (msg);
  }
  return NULL;
}

static guint
count_events (GstElement * pipeline, const gchar * name, guint during_ms)
{
  guint n = 0;
  GstStructure *s;
  gint64 end = g_get_monotonic_time () + during_ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end) {
    gint64 left = (end - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND;
    if (left <= 0 || !(s = wait_event (pipeline, name, left)))
      break;
    n++;
    gst_structure_free (s);
  }
  return n;
}

static void
start (GstElement * pipeline)
{
  fail_if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
}

static void
stop (GstElement * pipeline)
{
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
}

static gchar *
alice_props (const gchar * server, const gchar * password)
{
  return g_strdup_printf ("server=\"%s\" uri=sip:alice@127.0.0.1 "
      "password=%s", server, password);
}

/* Every line the debug system writes, to look for what must never be
 * logged and to count what the UA sent. */
static GString *debug_log;
static GMutex debug_lock;

static void
collect_debug (GstDebugCategory * category, GstDebugLevel level,
    const gchar * file, const gchar * function, gint line, GObject * object,
    GstDebugMessage * message, gpointer user_data)
{
  const gchar *text = gst_debug_message_get (message);

  g_mutex_lock (&debug_lock);
  g_string_append_printf (debug_log, "%s %s\n",
      gst_debug_category_get_name (category), text ? text : "");
  g_mutex_unlock (&debug_lock);
}

static void
start_debug_log (void)
{
  debug_log = g_string_new (NULL);
  gst_debug_set_active (TRUE);
  gst_debug_set_threshold_for_name ("jssip*", GST_LEVEL_MEMDUMP);
  gst_debug_add_log_function (collect_debug, NULL, NULL);
}

static gchar *
stop_debug_log (void)
{
  gst_debug_remove_log_function (collect_debug);
  gst_debug_set_threshold_for_name ("jssip*", GST_LEVEL_NONE);
  return g_string_free (g_steal_pointer (&debug_log), FALSE);
}

/* How many messages starting with @start_line the UA sent, by its wire
 * record (category jssipwire: "sent to SOCKET N bytes:\nMESSAGE"). */
static guint
count_sent (const gchar * log, const gchar * start_line)
{
  guint n = 0;

  for (const gchar * p = log; (p = strstr (p, "jssipwire sent to ")); p++) {
    const gchar *msg = strstr (p, "bytes:\n");
    if (msg && g_str_has_prefix (msg + strlen ("bytes:\n"), start_line))
      n++;
  }
  return n;
}

/* ----------------------------------------------- against real Kamailio */

GST_START_TEST (test_register_then_unregister_on_stop)
{
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  g_autofree gchar *props = alice_props (server, ALICE_PASSWORD);
  GstElement *pipeline = make_pipeline (props);
  GstStructure *s;
  guint status = 0;

  start (pipeline);
  fail_unless ((s = wait_event (pipeline, "jssip-ua-connected", 5000)));
  fail_unless_equals_string (gst_structure_get_string (s, "socket"), server);
  gst_structure_free (s);
  fail_unless ((s = wait_event (pipeline, "jssip-ua-registered", 5000)));
  fail_unless (gst_structure_get_uint (s, "status-code", &status));
  fail_unless_equals_int (status, 200);
  gst_structure_free (s);

  /* Kamailio's view: alice is bound, with our instance id and reg-id. */
  fail_unless (kamailio_fixture_wait_binding ("AoR: alice", TRUE, 2000));
  {
    g_autofree gchar *dump = kamailio_fixture_dump_bindings ();
    fail_unless (strstr (dump, "urn:uuid:") != NULL, "%s", dump);
    fail_unless (strstr (dump, ".invalid;transport=ws") != NULL, "%s", dump);
  }

  /* READY->NULL removes the binding (expires 0), not just the socket. */
  stop (pipeline);
  fail_unless (kamailio_fixture_wait_binding ("AoR: alice", FALSE,
          3000), "binding still there after stop");
}

GST_END_TEST;

GST_START_TEST (test_wrong_password_fails_once)
{
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  g_autofree gchar *props = alice_props (server, "not-the-password");
  GstElement *pipeline;
  GstStructure *s;
  g_autofree gchar *log = NULL;
  guint status = 0;

  start_debug_log ();
  pipeline = make_pipeline (props);
  start (pipeline);
  fail_unless ((s = wait_event (pipeline, "jssip-ua-registration-failed",
              5000)));
  fail_unless_equals_string (gst_structure_get_string (s, "cause"),
      "Authentication Error");
  fail_unless (gst_structure_get_uint (s, "status-code", &status));
  fail_unless_equals_int (status, 401);
  gst_structure_free (s);
  /* No endless 401 loop: nothing more happens. */
  fail_unless_equals_int (count_events (pipeline,
          "jssip-ua-registration-failed", 1500), 0);
  stop (pipeline);
  log = stop_debug_log ();
  /* The first REGISTER, one answer to the challenge, and the un-REGISTER
   * attempt of the stop is not sent since nothing was registered. */
  fail_unless_equals_int (count_sent (log, "REGISTER sip:"), 2);
  fail_unless (kamailio_fixture_wait_binding ("AoR: alice", FALSE, 100));
}

GST_END_TEST;

GST_START_TEST (test_password_never_logged)
{
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  g_autofree gchar *props = alice_props (server, ALICE_PASSWORD);
  g_autofree gchar *log = NULL;
  GstElement *pipeline;
  GstStructure *s;

  start_debug_log ();
  pipeline = make_pipeline (props);
  start (pipeline);
  fail_unless ((s = wait_event (pipeline, "jssip-ua-registered", 5000)));
  {
    g_autofree gchar *text = gst_structure_to_string (s);
    fail_if (strstr (text, ALICE_PASSWORD));
  }
  gst_structure_free (s);
  stop (pipeline);
  log = stop_debug_log ();
  /* The wire record is there, the secret is not. */
  fail_unless (strstr (log, "Authorization: Digest") != NULL);
  fail_unless (strstr (log, ALICE_PASSWORD) == NULL,
      "the password appears in the debug log");
}

GST_END_TEST;

GST_START_TEST (test_registration_refreshed_before_expiry)
{
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  g_autofree gchar *account = alice_props (server, ALICE_PASSWORD);
  /* 10 s is Kamailio's min_expires here: the refresh comes at 5 s. */
  g_autofree gchar *props = g_strdup_printf ("%s register-expires=10",
      account);
  g_autofree gchar *log = NULL;
  GstElement *pipeline;
  GstStructure *s;

  start_debug_log ();
  pipeline = make_pipeline (props);
  start (pipeline);
  fail_unless ((s = wait_event (pipeline, "jssip-ua-registered", 5000)));
  gst_structure_free (s);
  /* Past the 10 s lifetime the binding is still there: it was refreshed,
   * and quietly (JsSIP fires "registered" on the transition only). */
  fail_unless_equals_int (count_events (pipeline, "jssip-ua-registered",
          12000), 0);
  fail_unless (kamailio_fixture_wait_binding ("AoR: alice", TRUE, 100),
      "the binding expired");
  stop (pipeline);
  log = stop_debug_log ();
  /* Each REGISTER is challenged once: 2 at start, 2 per refresh. */
  fail_unless (count_sent (log, "REGISTER sip:") >= 6, "%u REGISTERs",
      count_sent (log, "REGISTER sip:"));
}

GST_END_TEST;

GST_START_TEST (test_interval_too_brief_follows_min_expires)
{
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  g_autofree gchar *account = alice_props (server, ALICE_PASSWORD);
  /* Below Kamailio's min_expires (10): RFC 3261 §10.2.8 423 with
   * Min-Expires, and the UA asks again with that. */
  g_autofree gchar *props = g_strdup_printf ("%s register-expires=4",
      account);
  GstElement *pipeline = make_pipeline (props);
  GstStructure *s;

  start (pipeline);
  fail_unless ((s = wait_event (pipeline, "jssip-ua-registered", 5000)),
      "not registered after a 423");
  gst_structure_free (s);
  {
    g_autofree gchar *dump = kamailio_fixture_dump_bindings ();
    fail_unless (strstr (dump, "Expires: 10") || strstr (dump, "Expires: 9"),
        "%s", dump);
  }
  stop (pipeline);
}

GST_END_TEST;

GST_START_TEST (test_first_server_down_second_used)
{
  g_autofree gchar *good = kamailio_fixture_ws_uri ();
  /* Port 9 (discard) on loopback: nothing listens, the connect is refused. */
  g_autofree gchar *servers = g_strdup_printf ("ws://127.0.0.1:9,%s", good);
  g_autofree gchar *props = alice_props (servers, ALICE_PASSWORD);
  GstElement *pipeline = make_pipeline (props);
  GstStructure *s;

  start (pipeline);
  fail_unless ((s = wait_event (pipeline, "jssip-ua-connected", 8000)));
  fail_unless_equals_string (gst_structure_get_string (s, "socket"), good);
  gst_structure_free (s);
  fail_unless ((s = wait_event (pipeline, "jssip-ua-registered", 5000)));
  gst_structure_free (s);
  stop (pipeline);
}

GST_END_TEST;

GST_START_TEST (test_server_restart_reconnects_and_reregisters)
{
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  g_autofree gchar *port = g_strdup (kamailio_fixture_port ());
  g_autofree gchar *props = g_strdup_printf ("server=\"%s\" "
      "uri=sip:alice@127.0.0.1 password=" ALICE_PASSWORD " config=\"{"
      "\\\"connection_recovery_min_interval\\\": 1, "
      "\\\"connection_recovery_max_interval\\\": 2}\"", server);
  GstElement *pipeline = make_pipeline (props);
  GstStructure *s;
  gint64 restarted;

  start (pipeline);
  fail_unless ((s = wait_event (pipeline, "jssip-ua-registered", 5000)));
  gst_structure_free (s);

  kamailio_fixture_kill ();
  fail_unless ((s = wait_event (pipeline, "jssip-ua-disconnected", 5000)));
  gst_structure_free (s);
  fail_unless ((s = wait_event (pipeline, "jssip-ua-unregistered", 2000)));
  fail_unless_equals_string (gst_structure_get_string (s, "cause"),
      "Connection Error");
  gst_structure_free (s);

  kamailio_fixture_start (port);
  restarted = g_get_monotonic_time ();
  fail_unless ((s = wait_event (pipeline, "jssip-ua-connected", 8000)),
      "no reconnection");
  gst_structure_free (s);
  fail_unless ((s = wait_event (pipeline, "jssip-ua-registered", 5000)),
      "not registered again after the reconnection");
  gst_structure_free (s);
  /* Back-off bound: attempts wait at most the configured 2 s, plus the
   * registration round trips. */
  fail_unless (g_get_monotonic_time () - restarted < 4 * G_USEC_PER_SEC);
  fail_unless (kamailio_fixture_wait_binding ("AoR: alice", TRUE, 2000));
  stop (pipeline);
}

GST_END_TEST;

/* -------------------------------- a WebSocket server run by the test */

typedef struct
{
  SoupServer *server;
  SoupWebsocketConnection *conn;
  GPtrArray *received;          /* GstSipMessage from the UA */
  gchar *uri;
} FakeServer;

static FakeServer fake;

static void
fake_send (const gchar * text)
{
  soup_websocket_connection_send_text (fake.conn, text);
}

static void
fake_on_message (SoupWebsocketConnection * conn, gint type, GBytes * bytes,
    gpointer user_data)
{
  gsize len;
  const gchar *data = g_bytes_get_data (bytes, &len);
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;

  fail_unless_equals_int (gst_sip_message_parse (data, len, &msg, &reason),
      GST_SIP_PARSE_OK);
  /* Play registrar: accept every REGISTER for 600 s. */
  if (msg->is_request && msg->method == GST_SIP_METHOD_REGISTER) {
    g_autoptr (GstSipMessage) ok =
        gst_sip_response_new_for_request (msg, 200, "OK", "fake");
    g_autofree gchar *text = NULL;

    gst_sip_message_add_header (ok, GST_SIP_HEADER_CONTACT,
        gst_sip_message_get_header (msg, GST_SIP_HEADER_CONTACT));
    text = gst_sip_message_to_string (ok, NULL);
    fake_send (text);
  }
  g_ptr_array_add (fake.received, msg);
}

static void
fake_on_websocket (SoupServer * server, SoupServerMessage * msg,
    const char *path, SoupWebsocketConnection * conn, gpointer user_data)
{
  g_clear_object (&fake.conn);
  fake.conn = g_object_ref (conn);
  g_signal_connect (conn, "message", G_CALLBACK (fake_on_message), NULL);
}

static void
fake_server_start (void)
{
  const gchar *protocols[] = { "sip", NULL };
  GError *error = NULL;
  GSList *uris;

  fake.server = soup_server_new (NULL, NULL);
  soup_server_add_websocket_handler (fake.server, "/", NULL,
      (gchar **) protocols, fake_on_websocket, NULL, NULL);
  fail_unless (soup_server_listen_local (fake.server, 0,
          SOUP_SERVER_LISTEN_IPV4_ONLY, &error), "%s",
      error ? error->message : "");
  uris = soup_server_get_uris (fake.server);
  fake.uri = g_strdup_printf ("ws://127.0.0.1:%d/",
      g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  fake.received = g_ptr_array_new_with_free_func ((GDestroyNotify)
      gst_sip_message_free);
}

static void
fake_server_stop (void)
{
  g_clear_object (&fake.conn);
  g_clear_object (&fake.server);
  g_clear_pointer (&fake.received, g_ptr_array_unref);
  g_clear_pointer (&fake.uri, g_free);
}

/* The response the UA sent to the request with Call-ID @call_id. */
static const GstSipMessage *
wait_response (const gchar * call_id, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end) {
    for (guint i = 0; i < fake.received->len; i++) {
      const GstSipMessage *m = g_ptr_array_index (fake.received, i);
      if (!m->is_request && g_strcmp0 (m->call_id, call_id) == 0)
        return m;
    }
    g_main_context_iteration (NULL, FALSE);
    g_usleep (1000);
  }
  return NULL;
}

static gchar *
contact_user (void)
{
  for (guint i = 0; i < fake.received->len; i++) {
    const GstSipMessage *m = g_ptr_array_index (fake.received, i);
    if (m->is_request && m->n_contacts)
      return g_strdup (m->contacts[0].uri.user);
  }
  return NULL;
}

static const GstSipMessage *
send_request (const gchar * method, const gchar * ruser,
    const gchar * call_id, gboolean with_call_id)
{
  g_autofree gchar *text = g_strdup_printf ("%s sip:%s@x.invalid;transport=ws "
      "SIP/2.0\r\n"
      "Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK%s\r\n"
      "Max-Forwards: 70\r\n"
      "From: <sip:bob@127.0.0.1>;tag=b0b\r\n"
      "To: <sip:alice@127.0.0.1>\r\n"
      "%s%s%s"
      "CSeq: 1 %s\r\n" "Content-Length: 0\r\n\r\n", method, ruser, call_id,
      with_call_id ? "Call-ID: " : "", with_call_id ? call_id : "",
      with_call_id ? "\r\n" : "", method);

  fake_send (text);
  return with_call_id ? wait_response (call_id, 3000) : NULL;
}

GST_START_TEST (test_unclaimed_requests_answered)
{
  g_autofree gchar *props = NULL;
  g_autofree gchar *user = NULL;
  GstElement *pipeline;
  GstStructure *s;
  const GstSipMessage *r;

  fake_server_start ();
  props = g_strdup_printf ("server=%s uri=sip:alice@127.0.0.1 "
      "password=" ALICE_PASSWORD, fake.uri);
  pipeline = make_pipeline (props);
  start (pipeline);
  fail_unless ((s = wait_event (pipeline, "jssip-ua-registered", 5000)));
  gst_structure_free (s);
  user = contact_user ();
  fail_unless (user != NULL);

  /* OPTIONS: 200 with what we allow and accept (JsSIP's answer). */
  r = send_request ("OPTIONS", user, "opt1", TRUE);
  fail_unless (r != NULL, "no answer to OPTIONS");
  fail_unless_equals_int (r->status_code, 200);
  fail_unless (strstr (gst_sip_message_get_header (r, GST_SIP_HEADER_ALLOW),
          "INVITE") != NULL);
  fail_unless (gst_sip_message_get_header (r, GST_SIP_HEADER_ACCEPT));

  /* An unknown method: 405 with Allow (RFC 3261 §8.2.1). */
  r = send_request ("FROBNICATE", user, "frob1", TRUE);
  fail_unless (r != NULL);
  fail_unless_equals_int (r->status_code, 405);
  fail_unless (gst_sip_message_get_header (r, GST_SIP_HEADER_ALLOW));

  /* The AoR user is ours too; another user is not (JsSIP: 404). */
  r = send_request ("OPTIONS", "alice", "opt2", TRUE);
  fail_unless (r != NULL);
  fail_unless_equals_int (r->status_code, 200);
  r = send_request ("OPTIONS", "mallory", "opt3", TRUE);
  fail_unless (r != NULL);
  fail_unless_equals_int (r->status_code, 404);

  /* No Call-ID: 400 whose reason says what is wrong. */
  {
    guint before = fake.received->len;
    const GstSipMessage *bad = NULL;
    gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

    send_request ("OPTIONS", user, "bad1", FALSE);
    while (!bad && g_get_monotonic_time () < end) {
      g_main_context_iteration (NULL, FALSE);
      for (guint i = before; i < fake.received->len; i++) {
        const GstSipMessage *m = g_ptr_array_index (fake.received, i);
        if (!m->is_request)
          bad = m;
      }
    }
    fail_unless (bad != NULL, "no answer to a request without Call-ID");
    fail_unless_equals_int (bad->status_code, 400);
    fail_unless (strstr (bad->reason_phrase, "Call-ID") != NULL, "%s",
        bad->reason_phrase);
  }

  /* None of that disturbed the registration. */
  fail_unless_equals_int (count_events (pipeline,
          "jssip-ua-registration-failed", 300), 0);
  fail_unless_equals_int (count_events (pipeline, "jssip-ua-unregistered",
          100), 0);
  stop (pipeline);
  fake_server_stop ();
}

GST_END_TEST;

static void
start_kamailio (void)
{
  kamailio_fixture_start (NULL);
}

/* The restart test must stay last of its case: its forked child restarts
 * Kamailio on the same port, owned by the child. */
static Suite *
ua_suite (void)
{
  Suite *s = suite_create ("jssip-ua");
  TCase *kamailio = tcase_create ("kamailio");
  TCase *fake_server = tcase_create ("fake-server");

  tcase_add_unchecked_fixture (kamailio, start_kamailio, kamailio_fixture_stop);
  tcase_set_timeout (kamailio, 60);
  tcase_add_test (kamailio, test_register_then_unregister_on_stop);
  tcase_add_test (kamailio, test_wrong_password_fails_once);
  tcase_add_test (kamailio, test_password_never_logged);
  tcase_add_test (kamailio, test_registration_refreshed_before_expiry);
  tcase_add_test (kamailio, test_interval_too_brief_follows_min_expires);
  tcase_add_test (kamailio, test_first_server_down_second_used);
  tcase_add_test (kamailio, test_server_restart_reconnects_and_reregisters);
  suite_add_tcase (s, kamailio);

  tcase_add_test (fake_server, test_unclaimed_requests_answered);
  suite_add_tcase (s, fake_server);
  return s;
}

GST_CHECK_MAIN (ua);
