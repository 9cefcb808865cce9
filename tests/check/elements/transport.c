/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The SIP over WebSocket transport against the project's own Kamailio
 * (tests/kamailio/) and against a libsoup WebSocket server run in the test
 * for what Kamailio does not do (CRLF keep-alives, binary frames, TLS).
 */
#include <gst/check/gstcheck.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "jssipwebsocket.h"
#include "kamailio-fixture.h"

#define WAIT_MS 5000

static GMainContext *context;

/* ------------------------------------------------------------------ */
/* Running the context until something happened                         */

static gboolean
on_wait_expired (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
iterate_until (Condition done, gpointer data, guint timeout_ms)
{
  gboolean expired = FALSE;
  GSource *timer = g_timeout_source_new (timeout_ms);

  g_source_set_callback (timer, on_wait_expired, &expired, NULL);
  g_source_attach (timer, context);
  while (!done (data) && !expired)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timer);
  g_source_unref (timer);
  return done (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
iterate_for (guint ms)
{
  iterate_until (never, NULL, ms);
}

static void
setup_context (void)
{
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
}

static void
teardown_context (void)
{
  while (g_main_context_iteration (context, FALSE));
  g_main_context_pop_thread_default (context);
  g_clear_pointer (&context, g_main_context_unref);
}

/* ------------------------------------------------------------------ */
/* Recording the transport's signals                                   */

typedef struct
{
  gchar *name;
  gchar *socket;
  guint attempts;
  gboolean error;
  guint code;
  /* The disconnection reason, or the text received. */
  gchar *text;
  gint64 time;
} Event;

static void
event_free (Event * event)
{
  g_free (event->name);
  g_free (event->socket);
  g_free (event->text);
  g_free (event);
}

typedef struct
{
  JsSipTransport *transport;
  GPtrArray *events;
  /* For the conditions: what to wait for. */
  const gchar *wanted;
  guint wanted_count;
} Recorder;

static Event *
record (Recorder * rec, const gchar * name, const gchar * socket)
{
  Event *event = g_new0 (Event, 1);

  event->name = g_strdup (name);
  event->socket = g_strdup (socket);
  event->time = g_get_monotonic_time ();
  g_ptr_array_add (rec->events, event);
  return event;
}

static void
on_connecting (JsSipTransport * t, const gchar * socket, guint attempts,
    Recorder * rec)
{
  record (rec, "connecting", socket)->attempts = attempts;
}

static void
on_connected (JsSipTransport * t, const gchar * socket, Recorder * rec)
{
  record (rec, "connected", socket);
}

static void
on_disconnected (JsSipTransport * t, const gchar * socket, gboolean error,
    guint code, const gchar * reason, Recorder * rec)
{
  Event *event = record (rec, "disconnected", socket);

  event->error = error;
  event->code = code;
  event->text = g_strdup (reason);
}

static void
on_received_text (JsSipTransport * t, const gchar * text, guint length,
    Recorder * rec)
{
  fail_unless_equals_int (strlen (text), length);
  record (rec, "received", jssip_transport_get_socket (t))->text =
      g_strdup (text);
}

static Recorder *
recorder_new (const gchar * const *sockets)
{
  Recorder *rec = g_new0 (Recorder, 1);
  GError *error = NULL;

  rec->transport = jssip_websocket_new (context, sockets, &error);
  fail_unless (rec->transport != NULL, "%s", error ? error->message : "");
  /* Quick recovery for the tests; the defaults are JsSIP's 2 and 30 s. */
  g_object_set (rec->transport, "recovery-min-interval", 1,
      "recovery-max-interval", 1, NULL);
  rec->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  g_signal_connect (rec->transport, "connecting", G_CALLBACK (on_connecting),
      rec);
  g_signal_connect (rec->transport, "connected", G_CALLBACK (on_connected),
      rec);
  g_signal_connect (rec->transport, "disconnected",
      G_CALLBACK (on_disconnected), rec);
  g_signal_connect (rec->transport, "received-text",
      G_CALLBACK (on_received_text), rec);
  return rec;
}

static Recorder *
recorder_new_for (const gchar * socket)
{
  const gchar *sockets[] = { socket, NULL };

  return recorder_new (sockets);
}

static void
recorder_free (Recorder * rec)
{
  jssip_transport_disconnect (rec->transport);
  g_object_unref (rec->transport);
  g_ptr_array_unref (rec->events);
  g_free (rec);
}

static guint
count_events (Recorder * rec, const gchar * name)
{
  guint i, n = 0;

  for (i = 0; i < rec->events->len; i++)
    n += g_str_equal (((Event *) rec->events->pdata[i])->name, name);
  return n;
}

/* The n-th (from 1) event of that name, or NULL. */
static Event *
nth_event (Recorder * rec, const gchar * name, guint n)
{
  guint i;

  for (i = 0; i < rec->events->len; i++) {
    Event *event = rec->events->pdata[i];

    if (g_str_equal (event->name, name) && --n == 0)
      return event;
  }
  return NULL;
}

static gboolean
has_wanted_events (gpointer data)
{
  Recorder *rec = data;

  return count_events (rec, rec->wanted) >= rec->wanted_count;
}

static Event *
wait_for_event (Recorder * rec, const gchar * name, guint n, guint timeout_ms)
{
  rec->wanted = name;
  rec->wanted_count = n;
  iterate_until (has_wanted_events, rec, timeout_ms);
  return nth_event (rec, name, n);
}

static void
connect_and_wait (Recorder * rec)
{
  jssip_transport_connect (rec->transport);
  fail_unless (wait_for_event (rec, "connected", 1, WAIT_MS) != NULL,
      "not connected to %s", jssip_transport_get_socket (rec->transport));
}

/* Sends a message and returns the next message received. */
static const gchar *
exchange (Recorder * rec, const gchar * message)
{
  guint before = count_events (rec, "received");
  Event *reply;

  fail_unless (jssip_transport_send (rec->transport, message));
  reply = wait_for_event (rec, "received", before + 1, WAIT_MS);
  fail_unless (reply != NULL, "no answer to:\n%s", message);
  return reply->text;
}

/* ------------------------------------------------------------------ */
/* The project's Kamailio: an unchecked fixture, run by the test runner
 * itself even when a test fails (kamailio-ctl.sh also stops it if the
 * runner dies).                                                        */

static void
start_kamailio (void)
{
  kamailio_fixture_start (NULL);
}

/* ------------------------------------------------------------------ */
/* SIP messages written by hand                                        */

static gchar *
random_token (void)
{
  return g_strdup_printf ("%08x%04x", g_random_int (),
      g_random_int_range (0, 0xffff));
}

/* A request from a WebSocket client the way RFC 7118 §5 forms it. */
static gchar *
build_request (const gchar * method, const gchar * ruri, const gchar * from,
    const gchar * to, guint cseq, const gchar * call_id,
    const gchar * extra_headers)
{
  g_autofree gchar *host = random_token ();
  g_autofree gchar *branch = random_token ();
  g_autofree gchar *tag = random_token ();

  return g_strdup_printf ("%s %s SIP/2.0\r\n"
      "Via: SIP/2.0/WS %s.invalid;branch=z9hG4bK%s\r\n"
      "Max-Forwards: 69\r\n"
      "To: <%s>\r\n"
      "From: <%s>;tag=%s\r\n"
      "Call-ID: %s\r\n"
      "CSeq: %u %s\r\n"
      "Contact: <sip:%s@%s.invalid;transport=ws>\r\n"
      "%s"
      "Content-Length: 0\r\n\r\n", method, ruri, host, branch, to, from, tag,
      call_id, cseq, method, tag, host, extra_headers ? extra_headers : "");
}

static gchar *
header_value (const gchar * message, const gchar * name)
{
  g_autofree gchar *pattern = g_strdup_printf ("^%s:[ \\t]*(.*?)\\r$", name);
  g_autoptr (GRegex) regex = g_regex_new (pattern,
      G_REGEX_MULTILINE | G_REGEX_CASELESS, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;

  if (!g_regex_match (regex, message, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

static gchar *
param_value (const gchar * header, const gchar * name)
{
  g_autofree gchar *pattern = g_strdup_printf ("%s=\"?([^\",]*)", name);
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;

  fail_unless (g_regex_match (regex, header, 0, &match), "no %s in %s", name,
      header);
  return g_match_info_fetch (match, 1);
}

static gchar *
md5_hex (const gchar * format, ...)
{
  va_list args;
  g_autofree gchar *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return g_compute_checksum_for_string (G_CHECKSUM_MD5, text, -1);
}

/* RFC 2617 §3.2.2 with qop=auth: the credentials for a challenge. */
static gchar *
credentials (const gchar * header_name, const gchar * challenge,
    const gchar * user, const gchar * password, const gchar * method,
    const gchar * uri)
{
  g_autofree gchar *realm = param_value (challenge, "realm");
  g_autofree gchar *nonce = param_value (challenge, "nonce");
  g_autofree gchar *cnonce = random_token ();
  g_autofree gchar *ha1 = md5_hex ("%s:%s:%s", user, realm, password);
  g_autofree gchar *ha2 = md5_hex ("%s:%s", method, uri);
  g_autofree gchar *response = md5_hex ("%s:%s:00000001:%s:auth:%s", ha1,
      nonce, cnonce, ha2);

  fail_unless (strstr (challenge, "qop=\"auth\"") != NULL, "%s", challenge);
  return g_strdup_printf ("%s: Digest username=\"%s\", realm=\"%s\", "
      "nonce=\"%s\", uri=\"%s\", response=\"%s\", algorithm=MD5, "
      "cnonce=\"%s\", nc=00000001, qop=auth\r\n", header_name, user, realm,
      nonce, uri, response, cnonce);
}

static gboolean
is_status (const gchar * response, guint status)
{
  g_autofree gchar *start = g_strdup_printf ("SIP/2.0 %u ", status);

  return g_str_has_prefix (response, start);
}

#define assert_status(response, status) \
  fail_unless (is_status ((response), (status)), "expected %u, got:\n%s", \
      (status), (response))

/* REGISTERs user over the transport, answering the digest challenge. */
static const gchar *
register_user (Recorder * rec, const gchar * user, const gchar * password)
{
  g_autofree gchar *aor = g_strdup_printf ("sip:%s@127.0.0.1", user);
  g_autofree gchar *call_id = random_token ();
  g_autofree gchar *first = build_request ("REGISTER", "sip:127.0.0.1", aor,
      aor, 1, call_id, "Expires: 60\r\n");
  const gchar *challenge_response = exchange (rec, first);
  g_autofree gchar *challenge = NULL;
  g_autofree gchar *authorization = NULL;
  g_autofree gchar *second = NULL;

  assert_status (challenge_response, 401);
  challenge = header_value (challenge_response, "WWW-Authenticate");
  fail_unless (challenge != NULL);
  authorization = credentials ("Authorization", challenge, user, password,
      "REGISTER", "sip:127.0.0.1");
  second = g_strconcat ("Expires: 60\r\n", authorization, NULL);
  g_free (first);
  first = build_request ("REGISTER", "sip:127.0.0.1", aor, aor, 2, call_id,
      second);
  return exchange (rec, first);
}

static gboolean
bindings_name (gpointer user)
{
  g_autofree gchar *dump = kamailio_fixture_dump_bindings ();
  g_autofree gchar *line = g_strdup_printf ("AoR: %s\n", (gchar *) user);

  return strstr (dump, line) != NULL;
}

static gboolean
bindings_lack (gpointer user)
{
  return !bindings_name (user);
}

/* ------------------------------------------------------------------ */
/* Against Kamailio                                                    */

GST_START_TEST (test_options_to_server)
{
  g_autofree gchar *uri = kamailio_fixture_ws_uri ();
  Recorder *rec = recorder_new_for (uri);
  g_autofree gchar *call_id = random_token ();
  g_autofree gchar *options = build_request ("OPTIONS", "sip:127.0.0.1",
      "sip:alice@127.0.0.1", "sip:127.0.0.1", 1, call_id, NULL);
  const gchar *reply;
  Event *connecting;

  connect_and_wait (rec);
  connecting = nth_event (rec, "connecting", 1);
  fail_unless_equals_string (connecting->socket, uri);
  fail_unless_equals_int (connecting->attempts, 0);
  fail_unless_equals_string (nth_event (rec, "connected", 1)->socket, uri);
  fail_unless (jssip_transport_is_connected (rec->transport));
  fail_unless_equals_string (jssip_transport_get_via_transport
      (rec->transport), "WS");

  reply = exchange (rec, options);
  assert_status (reply, 200);
  fail_unless (strstr (reply, call_id) != NULL, "%s", reply);
  /* RFC 3581: the server tells where it saw us. */
  fail_unless (strstr (reply, "received=127.0.0.1") != NULL, "%s", reply);

  jssip_transport_disconnect (rec->transport);
  fail_if (jssip_transport_is_connected (rec->transport));
  fail_unless_equals_int (nth_event (rec, "disconnected", 1)->error, FALSE);
  /* A requested disconnection is not recovered. */
  iterate_for (1200);
  fail_unless_equals_int (count_events (rec, "connecting"), 1);
  fail_if (jssip_transport_send (rec->transport, options));
  recorder_free (rec);
}

GST_END_TEST;

GST_START_TEST (test_server_answers_unknown_and_unauthenticated)
{
  g_autofree gchar *uri = kamailio_fixture_ws_uri ();
  Recorder *rec = recorder_new_for (uri);
  g_autofree gchar *options = build_request ("OPTIONS",
      "sip:nobody@127.0.0.1", "sip:alice@127.0.0.1", "sip:nobody@127.0.0.1",
      1, "unknown-user", NULL);
  g_autofree gchar *invite = build_request ("INVITE", "sip:bob@127.0.0.1",
      "sip:alice@127.0.0.1", "sip:bob@127.0.0.1", 1, "no-credentials", NULL);
  const gchar *reply;

  connect_and_wait (rec);
  assert_status (exchange (rec, options), 404);
  reply = exchange (rec, invite);
  assert_status (reply, 407);
  fail_unless (strstr (reply, "Proxy-Authenticate: Digest") != NULL, "%s",
      reply);
  recorder_free (rec);
}

GST_END_TEST;

GST_START_TEST (test_register_and_lost_connection)
{
  g_autofree gchar *uri = kamailio_fixture_ws_uri ();
  Recorder *rec = recorder_new_for (uri);
  const gchar *reply;

  connect_and_wait (rec);
  assert_status (register_user (rec, "alice", "bobpw"), 401);
  fail_if (bindings_name ("alice"));

  reply = register_user (rec, "alice", "alicepw");
  assert_status (reply, 200);
  fail_unless (strstr (reply, ".invalid;transport=ws>;expires=") != NULL,
      "%s", reply);
  fail_unless (bindings_name ("alice"));

  /* usrloc's handle_lost_tcp: the binding goes with its WebSocket. */
  jssip_transport_disconnect (rec->transport);
  fail_unless (iterate_until (bindings_lack, "alice", WAIT_MS),
      "the binding outlived its connection");
  recorder_free (rec);
}

GST_END_TEST;

/* Answers a request received through the proxy, copying what RFC 3261
 * §8.2.6.2 says a response copies. */
static gchar *
build_response (const gchar * request, guint status, const gchar * reason)
{
  GString *response = g_string_new (NULL);
  g_auto (GStrv) lines = g_strsplit (request, "\r\n", -1);
  gchar **line;

  g_string_append_printf (response, "SIP/2.0 %u %s\r\n", status, reason);
  for (line = lines; *line; line++) {
    if (g_str_has_prefix (*line, "Via:") || g_str_has_prefix (*line, "From:")
        || g_str_has_prefix (*line, "Call-ID:")
        || g_str_has_prefix (*line, "CSeq:"))
      g_string_append_printf (response, "%s\r\n", *line);
    else if (g_str_has_prefix (*line, "To:"))
      g_string_append_printf (response, "%s;tag=callee\r\n", *line);
  }
  g_string_append (response, "Content-Length: 0\r\n\r\n");
  return g_string_free (response, FALSE);
}

GST_START_TEST (test_invite_relayed_to_registered_user)
{
  g_autofree gchar *uri = kamailio_fixture_ws_uri ();
  Recorder *alice = recorder_new_for (uri);
  Recorder *bob = recorder_new_for (uri);
  g_autofree gchar *invite = NULL;
  g_autofree gchar *challenge = NULL;
  g_autofree gchar *authorization = NULL;
  g_autofree gchar *busy = NULL;
  const gchar *reply;
  Event *relayed;

  connect_and_wait (alice);
  connect_and_wait (bob);
  assert_status (register_user (bob, "bob", "bobpw"), 200);

  invite = build_request ("INVITE", "sip:bob@127.0.0.1",
      "sip:alice@127.0.0.1", "sip:bob@127.0.0.1", 1, "relayed-invite", NULL);
  reply = exchange (alice, invite);
  assert_status (reply, 407);
  challenge = header_value (reply, "Proxy-Authenticate");
  authorization = credentials ("Proxy-Authorization", challenge, "alice",
      "alicepw", "INVITE", "sip:bob@127.0.0.1");
  g_free (invite);
  invite = build_request ("INVITE", "sip:bob@127.0.0.1",
      "sip:alice@127.0.0.1", "sip:bob@127.0.0.1", 2, "relayed-invite",
      authorization);
  fail_unless (jssip_transport_send (alice->transport, invite));

  /* Bob gets it over his own WebSocket, record-routed, with the caller's
   * Contact aliased to her connection. */
  relayed = wait_for_event (bob, "received", 3, WAIT_MS);
  fail_unless (relayed != NULL);
  fail_unless (g_str_has_prefix (relayed->text, "INVITE sip:"), "%s",
      relayed->text);
  fail_unless (strstr (relayed->text, "Record-Route: <sip:127.0.0.1:") != NULL,
      "%s", relayed->text);
  fail_unless (strstr (relayed->text, ";alias=127.0.0.1~") != NULL, "%s",
      relayed->text);

  /* His answer reaches her through the Via chain (after the 100). */
  busy = build_response (relayed->text, 486, "Busy Here");
  fail_unless (jssip_transport_send (bob->transport, busy));
  fail_unless (wait_for_event (alice, "received", 3, WAIT_MS) != NULL);
  assert_status (nth_event (alice, "received", 2)->text, 100);
  assert_status (nth_event (alice, "received", 3)->text, 486);

  recorder_free (alice);
  recorder_free (bob);
}

GST_END_TEST;

/* Every wait between a loss and the next attempt lies in the back-off
 * bounds. */
static void
assert_recovery_waits (Recorder * rec, guint min_s, guint max_s)
{
  guint i;
  gint64 lost = 0;

  for (i = 0; i < rec->events->len; i++) {
    Event *event = rec->events->pdata[i];

    if (g_str_equal (event->name, "disconnected")) {
      lost = event->time;
    } else if (g_str_equal (event->name, "connecting") && lost) {
      gint64 wait_ms = (event->time - lost) / 1000;

      fail_unless (wait_ms >= min_s * 1000 - 50 && wait_ms <= max_s * 1000
          + 500, "waited %" G_GINT64_FORMAT " ms, bounds %u..%u s", wait_ms,
          min_s, max_s);
    }
  }
}

GST_START_TEST (test_first_server_down_uses_second)
{
  g_autofree gchar *good = kamailio_fixture_ws_uri ();
  /* Nothing listens on port 1 of the loopback: refused at once. */
  const gchar *sockets[] = { "ws://127.0.0.1:1", good, NULL };
  Recorder *rec = recorder_new (sockets);
  Event *lost;

  jssip_transport_connect (rec->transport);
  fail_unless (wait_for_event (rec, "connected", 1, WAIT_MS) != NULL);

  fail_unless_equals_string (nth_event (rec, "connecting", 1)->socket,
      sockets[0]);
  lost = nth_event (rec, "disconnected", 1);
  fail_unless_equals_string (lost->socket, sockets[0]);
  fail_unless (lost->error);
  fail_unless_equals_int (lost->code, 1006);
  fail_unless_equals_string (nth_event (rec, "connecting", 2)->socket, good);
  fail_unless_equals_int (nth_event (rec, "connecting", 2)->attempts, 1);
  fail_unless_equals_string (nth_event (rec, "connected", 1)->socket, good);
  assert_recovery_waits (rec, 1, 1);
  recorder_free (rec);
}

GST_END_TEST;

GST_START_TEST (test_server_restart_reconnects)
{
  g_autofree gchar *uri = kamailio_fixture_ws_uri ();
  g_autofree gchar *port = g_strdup (kamailio_fixture_port ());
  Recorder *rec = recorder_new_for (uri);
  g_autofree gchar *options = build_request ("OPTIONS", "sip:127.0.0.1",
      "sip:alice@127.0.0.1", "sip:127.0.0.1", 1, "after-restart", NULL);
  gint64 restarted;
  Event *connected;

  g_object_set (rec->transport, "recovery-max-interval", 2, NULL);
  connect_and_wait (rec);

  kamailio_fixture_kill ();
  fail_unless (wait_for_event (rec, "disconnected", 1, WAIT_MS) != NULL);
  /* Let one recovery attempt fail against the stopped server. */
  fail_unless (wait_for_event (rec, "disconnected", 2, WAIT_MS) != NULL);
  fail_unless (nth_event (rec, "disconnected", 2)->error);

  kamailio_fixture_start (port);
  restarted = g_get_monotonic_time ();
  connected = wait_for_event (rec, "connected", 2, WAIT_MS);
  fail_unless (connected != NULL, "not reconnected");
  fail_unless (connected->time - restarted <= 2 * G_USEC_PER_SEC +
      500 * G_TIME_SPAN_MILLISECOND, "reconnected late");
  fail_unless (nth_event (rec, "connecting", 2)->attempts >= 1);
  assert_recovery_waits (rec, 1, 2);

  assert_status (exchange (rec, options), 200);
  recorder_free (rec);
}

GST_END_TEST;

/* ------------------------------------------------------------------ */
/* Against a WebSocket server of our own                               */

typedef struct
{
  SoupServer *server;
  gchar *uri;
  SoupWebsocketConnection *peer;
  GPtrArray *received;
} TestServer;

static void
on_server_message (SoupWebsocketConnection * connection, gint type,
    GBytes * message, TestServer * server)
{
  gsize length;
  const gchar *data = g_bytes_get_data (message, &length);

  g_ptr_array_add (server->received, g_strndup (data, length));
}

static void
on_server_websocket (SoupServer * soup_server, SoupServerMessage * msg,
    const char *path, SoupWebsocketConnection * connection, gpointer data)
{
  TestServer *server = data;

  g_clear_object (&server->peer);
  server->peer = g_object_ref (connection);
  g_signal_connect (connection, "message", G_CALLBACK (on_server_message),
      server);
}

static GTlsCertificate *
make_certificate (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("gst-jssip-tls-XXXXXX", NULL);
  g_autofree gchar *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree gchar *key = g_build_filename (dir, "key.pem", NULL);
  const gchar *argv[] = { "openssl", "req", "-x509", "-newkey", "ec",
    "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
    "-keyout", key, "-out", cert, NULL
  };
  gint status;
  GError *error = NULL;
  GTlsCertificate *certificate;

  fail_unless (g_spawn_sync (NULL, (gchar **) argv, NULL,
          G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
          G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
          &error), "%s", error ? error->message : "");
  fail_unless (g_spawn_check_wait_status (status, NULL), "openssl failed");
  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  fail_unless (certificate != NULL, "%s", error ? error->message : "");
  g_unlink (cert);
  g_unlink (key);
  g_rmdir (dir);
  return certificate;
}

static TestServer *
test_server_new (gboolean tls, const gchar ** protocols)
{
  TestServer *server = g_new0 (TestServer, 1);
  g_autoptr (GTlsCertificate) certificate = tls ? make_certificate () : NULL;
  GError *error = NULL;
  GSList *uris;

  server->server = soup_server_new ("tls-certificate", certificate, NULL);
  server->received = g_ptr_array_new_with_free_func (g_free);
  soup_server_add_websocket_handler (server->server, "/", NULL,
      (gchar **) protocols, on_server_websocket, server, NULL);
  fail_unless (soup_server_listen_local (server->server, 0,
          SOUP_SERVER_LISTEN_IPV4_ONLY | (tls ? SOUP_SERVER_LISTEN_HTTPS : 0),
          &error), "%s", error ? error->message : "");
  uris = soup_server_get_uris (server->server);
  server->uri = g_strdup_printf ("%s://127.0.0.1:%d/", tls ? "wss" : "ws",
      g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

static void
test_server_free (TestServer * server)
{
  g_clear_object (&server->peer);
  soup_server_disconnect (server->server);
  g_object_unref (server->server);
  g_ptr_array_unref (server->received);
  g_free (server->uri);
  g_free (server);
}

static gboolean
server_has_received (gpointer data)
{
  return ((TestServer *) data)->received->len > 0;
}

static const gchar *sip_protocols[] = { "sip", NULL };

GST_START_TEST (test_keepalive_and_binary_frames)
{
  TestServer *server = test_server_new (FALSE, sip_protocols);
  Recorder *rec = recorder_new_for (server->uri);
  const gchar *sip = "OPTIONS sip:x@y.invalid SIP/2.0\r\nVia: é\r\n\r\n";
  const guint8 not_utf8[] = { 'S', 'I', 'P', 0xff, 0xfe };

  connect_and_wait (rec);
  fail_unless (server->peer != NULL);

  /* RFC 5626 §4.4.1: a double-CRLF ping is answered with one CRLF. */
  soup_websocket_connection_send_text (server->peer, "\r\n\r\n");
  fail_unless (iterate_until (server_has_received, server, WAIT_MS));
  fail_unless_equals_string (g_ptr_array_index (server->received, 0), "\r\n");

  /* A lone CRLF (a pong) and a binary frame that is not UTF-8 carry
   * nothing; a binary frame of UTF-8 is a message. */
  soup_websocket_connection_send_text (server->peer, "\r\n");
  soup_websocket_connection_send_binary (server->peer, not_utf8,
      sizeof (not_utf8));
  soup_websocket_connection_send_binary (server->peer, sip, strlen (sip));
  fail_unless (wait_for_event (rec, "received", 1, WAIT_MS) != NULL);
  fail_unless_equals_string (nth_event (rec, "received", 1)->text, sip);

  /* One frame each way per message. */
  fail_unless (jssip_transport_send (rec->transport, sip));
  iterate_for (200);
  fail_unless_equals_int (count_events (rec, "received"), 1);
  fail_unless_equals_int (server->received->len, 2);
  fail_unless_equals_string (g_ptr_array_index (server->received, 1), sip);

  recorder_free (rec);
  test_server_free (server);
}

GST_END_TEST;

GST_START_TEST (test_server_closing_is_recovered)
{
  TestServer *server = test_server_new (FALSE, sip_protocols);
  Recorder *rec = recorder_new_for (server->uri);
  Event *lost;

  connect_and_wait (rec);
  soup_websocket_connection_close (server->peer,
      SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "bye");
  lost = wait_for_event (rec, "disconnected", 1, WAIT_MS);
  fail_unless (lost != NULL);
  fail_if (lost->error);
  fail_unless_equals_int (lost->code, 1001);
  fail_unless_equals_string (lost->text, "bye");

  fail_unless (wait_for_event (rec, "connected", 2, WAIT_MS) != NULL);
  fail_unless_equals_int (nth_event (rec, "connecting", 2)->attempts, 1);
  assert_recovery_waits (rec, 1, 1);
  recorder_free (rec);
  test_server_free (server);
}

GST_END_TEST;

static gboolean
peer_closed (gpointer data)
{
  TestServer *server = data;

  return soup_websocket_connection_get_state (server->peer) ==
      SOUP_WEBSOCKET_STATE_CLOSED;
}

GST_START_TEST (test_disconnect_closes_cleanly)
{
  TestServer *server = test_server_new (FALSE, sip_protocols);
  Recorder *rec = recorder_new_for (server->uri);

  connect_and_wait (rec);
  jssip_transport_disconnect (rec->transport);
  /* The Close frame leaves even though the transport is released. */
  recorder_free (rec);
  fail_unless (iterate_until (peer_closed, server, WAIT_MS));
  fail_unless_equals_int (soup_websocket_connection_get_close_code
      (server->peer), SOUP_WEBSOCKET_CLOSE_NORMAL);
  test_server_free (server);
}

GST_END_TEST;

GST_START_TEST (test_sip_subprotocol_required)
{
  TestServer *server = test_server_new (FALSE, NULL);
  Recorder *rec = recorder_new_for (server->uri);
  Event *lost;

  jssip_transport_connect (rec->transport);
  lost = wait_for_event (rec, "disconnected", 1, WAIT_MS);
  fail_unless (lost != NULL);
  fail_unless (lost->error);
  fail_unless (strstr (lost->text, "sip subprotocol") != NULL, "%s",
      lost->text);
  fail_unless_equals_int (count_events (rec, "connected"), 0);
  recorder_free (rec);
  test_server_free (server);
}

GST_END_TEST;

GST_START_TEST (test_wss_validates_certificates)
{
  TestServer *server = test_server_new (TRUE, sip_protocols);
  Recorder *strict = recorder_new_for (server->uri);
  Recorder *relaxed = recorder_new_for (server->uri);
  GTlsCertificateFlags flags;

  g_object_get (strict->transport, "tls-validation-flags", &flags, NULL);
  fail_unless_equals_int (flags, G_TLS_CERTIFICATE_VALIDATE_ALL);
  jssip_transport_connect (strict->transport);
  fail_unless (wait_for_event (strict, "disconnected", 1, WAIT_MS) != NULL);
  fail_unless (nth_event (strict, "disconnected", 1)->error);
  fail_unless_equals_int (count_events (strict, "connected"), 0);

  /* A self-signed certificate: accepted once an unknown CA is allowed. */
  g_object_set (relaxed->transport, "tls-validation-flags",
      G_TLS_CERTIFICATE_VALIDATE_ALL & ~G_TLS_CERTIFICATE_UNKNOWN_CA, NULL);
  connect_and_wait (relaxed);
  fail_unless_equals_string (jssip_transport_get_via_transport
      (relaxed->transport), "WSS");
  fail_unless (jssip_transport_send (relaxed->transport, "\r\n"));
  fail_unless (iterate_until (server_has_received, server, WAIT_MS));

  recorder_free (strict);
  recorder_free (relaxed);
  test_server_free (server);
}

GST_END_TEST;

/* ------------------------------------------------------------------ */
/* Without a network                                                   */

GST_START_TEST (test_recovery_delay_bounds)
{
  guint attempts, i;

  for (attempts = 1; attempts <= 10; attempts++) {
    guint ceiling = CLAMP (1u << attempts, 2, 30);
    guint lowest = G_MAXUINT, highest = 0;

    for (i = 0; i < 2000; i++) {
      guint delay = jssip_transport_recovery_delay (attempts, 2, 30);

      lowest = MIN (lowest, delay);
      highest = MAX (highest, delay);
    }
    /* A random draw in 1..2^n clamped to 2..30: both ends are reached. */
    fail_unless_equals_int (lowest, 2);
    fail_unless_equals_int (highest, ceiling);
  }
}

GST_END_TEST;

GST_START_TEST (test_uri_checks)
{
  const gchar *none[] = { NULL };
  const gchar *mixed[] = { "ws://a.example", "http://b.example", NULL };
  GError *error = NULL;

  fail_unless (jssip_websocket_check_uri ("ws://127.0.0.1:8080/ws", NULL));
  fail_unless (jssip_websocket_check_uri ("WSS://sip.example.com", NULL));
  fail_if (jssip_websocket_check_uri ("sip:alice@example.com", &error));
  fail_unless (strstr (error->message, "sip:alice@example.com") != NULL);
  g_clear_error (&error);
  fail_if (jssip_websocket_check_uri ("ws://", NULL));
  fail_if (jssip_websocket_check_uri ("not a uri", NULL));

  fail_if (jssip_websocket_new (context, none, &error));
  g_clear_error (&error);
  fail_if (jssip_websocket_new (context, mixed, &error));
  fail_unless (strstr (error->message, "http://b.example") != NULL);
  g_clear_error (&error);
}

GST_END_TEST;

static Suite *
transport_suite (void)
{
  Suite *s = suite_create ("transport");
  TCase *offline = tcase_create ("offline");
  TCase *own_server = tcase_create ("own-server");
  TCase *server = tcase_create ("kamailio");
  TCase *restart = tcase_create ("kamailio-restart");

  tcase_add_checked_fixture (offline, setup_context, teardown_context);
  tcase_add_test (offline, test_recovery_delay_bounds);
  tcase_add_test (offline, test_uri_checks);
  suite_add_tcase (s, offline);

  tcase_add_checked_fixture (own_server, setup_context, teardown_context);
  tcase_add_test (own_server, test_keepalive_and_binary_frames);
  tcase_add_test (own_server, test_server_closing_is_recovered);
  tcase_add_test (own_server, test_disconnect_closes_cleanly);
  tcase_add_test (own_server, test_sip_subprotocol_required);
  tcase_add_test (own_server, test_wss_validates_certificates);
  suite_add_tcase (s, own_server);

  tcase_add_unchecked_fixture (server, start_kamailio, kamailio_fixture_stop);
  tcase_add_checked_fixture (server, setup_context, teardown_context);
  tcase_add_test (server, test_options_to_server);
  tcase_add_test (server, test_server_answers_unknown_and_unauthenticated);
  tcase_add_test (server, test_register_and_lost_connection);
  tcase_add_test (server, test_invite_relayed_to_registered_user);
  tcase_add_test (server, test_first_server_down_uses_second);
  suite_add_tcase (s, server);

  /* Its own Kamailio, which the test stops and starts again. */
  tcase_add_unchecked_fixture (restart, start_kamailio, kamailio_fixture_stop);
  tcase_add_checked_fixture (restart, setup_context, teardown_context);
  tcase_add_test (restart, test_server_restart_reconnects);
  suite_add_tcase (s, restart);

  return s;
}

GST_CHECK_MAIN (transport);
