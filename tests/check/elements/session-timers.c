/* gst-jssip tests: session timers (RFC 4028).
 *
 * First the session timer on a fake clock: the headers it writes, the
 * refresher it settles on, when it asks for a refresh and when it ends
 * the call. Then calls through the project's Kamailio, a jssipsink
 * calling a sipp callee (tests/sipp/) that refreshes the JsSIP way or
 * asks for a longer interval with 422, and two pipelines calling each
 * other. The slow cases, where the real interval must run out (our
 * refresh after 45 s, our BYE after 60 s without refresh), run when
 * GST_JSSIP_SLOW_TESTS is set.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <gio/gio.h>
#include <gst/check/gstcheck.h>
#include <gst/sip/sipcauses.h>
#include "sipfakeclock.h"

#include "call-harness.h"
#include "jssipsessiontimer.h"
#include "kamailio-fixture.h"

/* ------------------------------------------------- on a fake clock */

typedef struct
{
  GstSipFakeClock *clock;
  JsSipSessionTimer *timer;
  guint refreshes;
  guint ends;
  gchar *cause;
  guint status_code;
  gchar *reason_phrase;
} Fixture;

static Fixture f;

static void
on_refresh (JsSipSessionTimer * timer, gpointer user_data)
{
  f.refreshes++;
}

static void
on_end (JsSipSessionTimer * timer, const gchar * cause, guint status_code,
    const gchar * reason_phrase, gpointer user_data)
{
  f.ends++;
  g_free (f.cause);
  g_free (f.reason_phrase);
  f.cause = g_strdup (cause);
  f.status_code = status_code;
  f.reason_phrase = g_strdup (reason_phrase);
}

static const JsSipSessionTimerCallbacks callbacks = { on_refresh, on_end };

static void
timer_setup (void)
{
  memset (&f, 0, sizeof (f));
  f.clock = gst_sip_fake_clock_new ();
  f.timer = jssip_session_timer_new (gst_sip_fake_clock_get_clock (f.clock),
      &callbacks, NULL);
}

static void
timer_teardown (void)
{
  jssip_session_timer_free (f.timer);
  fail_unless_equals_int (gst_sip_fake_clock_get_n_pending (f.clock), 0);
  gst_sip_fake_clock_free (f.clock);
  g_free (f.cause);
  g_free (f.reason_phrase);
}

/* Seconds of the fake clock. */
static void
advance (guint seconds)
{
  gst_sip_fake_clock_advance (f.clock, seconds * 1000);
}

static GstSipMessage *
parse (const gchar * text)
{
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;

  fail_unless_equals_int (gst_sip_message_parse (text, strlen (text), &msg,
          &reason), GST_SIP_PARSE_OK);
  return msg;
}

#define DIALOG_HEADERS \
  "Via: SIP/2.0/WS peer.invalid;branch=z9hG4bK1\r\n" \
  "From: <sip:bob@127.0.0.1>;tag=b\r\n" \
  "To: <sip:alice@127.0.0.1>;tag=a\r\n" \
  "Call-ID: c1\r\n"

/* A 2xx to our INVITE with these extra header lines. */
static GstSipMessage *
success (const gchar * headers)
{
  g_autofree gchar *text = g_strdup_printf ("SIP/2.0 200 OK\r\n"
      DIALOG_HEADERS "CSeq: 1 INVITE\r\n%sContent-Length: 0\r\n\r\n",
      headers);

  return parse (text);
}

/* A request of @method from the peer with these extra header lines. */
static GstSipMessage *
request (const gchar * method, const gchar * headers)
{
  g_autofree gchar *text = g_strdup_printf ("%s sip:alice@127.0.0.1 "
      "SIP/2.0\r\n" DIALOG_HEADERS "CSeq: 2 %s\r\n"
      "Contact: <sip:bob@127.0.0.1>\r\n%sContent-Length: 0\r\n\r\n",
      method, method, headers);

  return parse (text);
}

/* Our 2xx to @req: the headers the timer wrote, as "Name: value\n". */
static gchar *
answer (GstSipMessage * req)
{
  g_autoptr (GstSipMessage) response = gst_sip_message_new_response (200, "OK");
  GString *headers = g_string_new (NULL);

  jssip_session_timer_answer (f.timer, req, response);
  for (guint i = 0; i < response->n_headers; i++)
    g_string_append_printf (headers, "%s: %s\n", response->headers[i].name,
        response->headers[i].value);
  gst_sip_message_free (req);
  return g_string_free (headers, FALSE);
}

static void
take_success (const gchar * headers)
{
  g_autoptr (GstSipMessage) response = success (headers);

  jssip_session_timer_take_success (f.timer, response);
}

/* The session ends at @seconds, not a second earlier, as JsSIP's causes
 * say for an expired session timer. */
static void
check_ends_at (guint seconds)
{
  advance (seconds - 1);
  fail_unless_equals_int (f.ends, 0);
  advance (1);
  fail_unless_equals_int (f.ends, 1);
  fail_unless_equals_string (f.cause, GST_SIP_CAUSE_REQUEST_TIMEOUT);
  fail_unless_equals_int (f.status_code, 408);
  fail_unless_equals_string (f.reason_phrase, "Session Timer Expired");
  fail_unless_equals_int (jssip_session_timer_get_interval (f.timer), 0);
}

GST_START_TEST (test_invite_asks_for_90_seconds)
{
  g_autoptr (GstSipMessage) invite =
      gst_sip_message_new_request (GST_SIP_METHOD_INVITE, "sip:bob@x");

  jssip_session_timer_add_request_headers (f.timer, invite);
  fail_unless_equals_string (gst_sip_message_get_header (invite,
          GST_SIP_HEADER_SESSION_EXPIRES), "90");
  fail_unless (gst_sip_message_get_header (invite,
          GST_SIP_HEADER_MIN_SE) == NULL);
  /* Nothing runs before the answer. */
  fail_unless_equals_int (jssip_session_timer_get_interval (f.timer), 0);
  fail_unless_equals_int (gst_sip_fake_clock_get_n_pending (f.clock), 0);
}

GST_END_TEST;

GST_START_TEST (test_422_raises_the_interval_once)
{
  g_autoptr (GstSipMessage) too_small = parse ("SIP/2.0 422 Session Interval "
      "Too Small\r\n" DIALOG_HEADERS "CSeq: 1 INVITE\r\nMin-SE: 120\r\n"
      "Content-Length: 0\r\n\r\n");
  g_autoptr (GstSipMessage) invite =
      gst_sip_message_new_request (GST_SIP_METHOD_INVITE, "sip:bob@x");

  fail_unless (jssip_session_timer_take_422 (f.timer, too_small));
  jssip_session_timer_add_request_headers (f.timer, invite);
  fail_unless_equals_string (gst_sip_message_get_header (invite,
          GST_SIP_HEADER_SESSION_EXPIRES), "120");
  fail_unless_equals_string (gst_sip_message_get_header (invite,
          GST_SIP_HEADER_MIN_SE), "120");
  /* RFC 4028 §7.1 asks for one retry, not a loop. */
  fail_if (jssip_session_timer_take_422 (f.timer, too_small));
}

GST_END_TEST;

GST_START_TEST (test_422_without_a_larger_min_se_is_final)
{
  g_autoptr (GstSipMessage) no_min_se = parse ("SIP/2.0 422 Session "
      "Interval Too Small\r\n" DIALOG_HEADERS "CSeq: 1 INVITE\r\n"
      "Content-Length: 0\r\n\r\n");
  g_autoptr (GstSipMessage) same = parse ("SIP/2.0 422 Session Interval "
      "Too Small\r\n" DIALOG_HEADERS "CSeq: 1 INVITE\r\nMin-SE: 90\r\n"
      "Content-Length: 0\r\n\r\n");

  fail_if (jssip_session_timer_take_422 (f.timer, no_min_se));
  fail_if (jssip_session_timer_take_422 (f.timer, same));
}

GST_END_TEST;

GST_START_TEST (test_uac_refresher_refreshes_at_half_the_interval)
{
  take_success ("Session-Expires: 90;refresher=uac\r\nRequire: timer\r\n");
  fail_unless (jssip_session_timer_is_refresher (f.timer));
  fail_unless_equals_int (jssip_session_timer_get_interval (f.timer), 90);
  advance (44);
  fail_unless_equals_int (f.refreshes, 0);
  advance (1);
  fail_unless_equals_int (f.refreshes, 1);
  /* The refresh's 2xx starts the next interval. */
  advance (30);
  take_success ("Session-Expires: 90;refresher=uac\r\n");
  advance (44);
  fail_unless_equals_int (f.refreshes, 1);
  advance (1);
  fail_unless_equals_int (f.refreshes, 2);
  fail_unless_equals_int (f.ends, 0);
}

GST_END_TEST;

GST_START_TEST (test_uac_without_peer_timer_refreshes_itself)
{
  /* RFC 4028 §7.2 lets the UAC keep a timer for its own sake; JsSIP
   * does. */
  take_success ("");
  fail_unless (jssip_session_timer_is_refresher (f.timer));
  fail_unless_equals_int (jssip_session_timer_get_interval (f.timer), 90);
  advance (45);
  fail_unless_equals_int (f.refreshes, 1);
}

GST_END_TEST;

GST_START_TEST (test_non_refresher_ends_before_expiry)
{
  /* RFC 4028 §10: BYE at N - min(32, N/3): 60 s of 90. */
  take_success ("Session-Expires: 90;refresher=uas\r\n");
  fail_if (jssip_session_timer_is_refresher (f.timer));
  check_ends_at (60);
  fail_unless_equals_int (f.refreshes, 0);
}

GST_END_TEST;

GST_START_TEST (test_non_refresher_margin_is_32_seconds_at_most)
{
  take_success ("Session-Expires: 120;refresher=uas\r\n");
  check_ends_at (88);
}

GST_END_TEST;

GST_START_TEST (test_peer_refresh_keeps_the_session)
{
  g_autofree gchar *headers = NULL;

  /* As the callee of a JsSIP caller (no refresher named): it refreshes. */
  headers = answer (request ("INVITE", "Supported: timer\r\n"
          "Session-Expires: 90\r\n"));
  fail_unless_equals_string (headers,
      "Session-Expires: 90;refresher=uac\nRequire: timer\n");
  fail_if (jssip_session_timer_is_refresher (f.timer));
  /* JsSIP's UPDATE every 45 s: the call outlives many intervals. */
  for (guint i = 0; i < 5; i++) {
    advance (45);
    g_free (headers);
    headers = answer (request ("UPDATE", "Supported: timer\r\n"
            "Session-Expires: 90;refresher=uac\r\n"));
    fail_unless_equals_string (headers,
        "Session-Expires: 90;refresher=uac\nRequire: timer\n");
  }
  fail_unless_equals_int (f.ends, 0);
  check_ends_at (60);
}

GST_END_TEST;

GST_START_TEST (test_uas_keeps_the_requested_refresher)
{
  g_autofree gchar *headers = answer (request ("INVITE",
          "Supported: timer\r\nSession-Expires: 150;refresher=uas\r\n"));

  fail_unless_equals_string (headers, "Session-Expires: 150;refresher=uas\n");
  fail_unless (jssip_session_timer_is_refresher (f.timer));
  advance (75);
  fail_unless_equals_int (f.refreshes, 1);
}

GST_END_TEST;

GST_START_TEST (test_uas_refreshes_for_a_peer_without_timer)
{
  /* No Session-Expires asked for: we keep one for ourselves, whether the
   * UAC supports timers or not. */
  g_autofree gchar *headers = answer (request ("INVITE", ""));
  g_autofree gchar *supported = answer (request ("INVITE",
          "Supported: timer\r\n"));

  fail_unless_equals_string (headers, "Session-Expires: 90;refresher=uas\n");
  fail_unless_equals_string (supported, "Session-Expires: 90;refresher=uas\n");
  fail_unless (jssip_session_timer_is_refresher (f.timer));
}

GST_END_TEST;

GST_START_TEST (test_uas_refuses_too_small_an_interval)
{
  g_autoptr (GstSipMessage) small = request ("INVITE", "Supported: timer\r\n"
      "Session-Expires: 60\r\n");
  g_autoptr (GstSipMessage) proxy_asked = request ("INVITE",
      "Session-Expires: 60\r\n");
  g_autoptr (GstSipMessage) fine = request ("INVITE", "Supported: timer\r\n"
      "Session-Expires: 90\r\n");
  g_autofree gchar *min_se_line = NULL;
  g_autofree gchar *headers = NULL;

  fail_unless_equals_int (jssip_session_timer_check_request (small,
          &min_se_line), 422);
  fail_unless_equals_string (min_se_line, "Min-SE: 90");
  fail_unless_equals_int (jssip_session_timer_check_request (fine, NULL), 0);
  /* A UAC without "timer" would not understand a 422 (§9): the answer
   * raises the interval instead, and we refresh. */
  fail_unless_equals_int (jssip_session_timer_check_request (proxy_asked,
          NULL), 0);
  headers = answer (gst_sip_message_copy (proxy_asked));
  fail_unless_equals_string (headers, "Session-Expires: 90;refresher=uas\n");
}

GST_END_TEST;

GST_START_TEST (test_stop_disarms)
{
  take_success ("Session-Expires: 90;refresher=uas\r\n");
  jssip_session_timer_stop (f.timer);
  advance (200);
  fail_unless_equals_int (f.ends, 0);
  fail_unless_equals_int (f.refreshes, 0);
}

GST_END_TEST;

/* --------------------------------------------------------- sipp peers */

typedef struct
{
  gchar *scenario;
  GPid pid;
  gchar *dir;                   /* its working directory: traces, flags */
} Sipp;

/* A UDP port of 127.0.0.1 that nobody uses right now. */
static guint
free_udp_port (void)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4,
      G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr (GInetAddress) loopback =
      g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  fail_unless (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* sipp running @scenario (tests/sipp/) as @user on @port (0: any), with
 * more arguments, in a directory of its own; it gives up after
 * @timeout_s seconds. */
static Sipp *
sipp_spawn (const gchar * scenario, const gchar * user, guint port,
    guint timeout_s, const gchar * const *more)
{
  Sipp *sipp = g_new0 (Sipp, 1);
  g_autofree gchar *path = g_build_filename (g_getenv ("TESTS_SOURCE_DIR"),
      "..", "sipp", scenario, NULL);
  g_autofree gchar *port_arg = g_strdup_printf ("%u", port);
  g_autofree gchar *timeout_arg = g_strdup_printf ("%us", timeout_s);
  g_autofree gchar *server = g_strdup_printf (LOOPBACK ":%s",
      kamailio_fixture_port ());
  const gchar *const common[] = { "sipp", "-sf", path, "-m", "1", "-i",
    LOOPBACK, "-p", port_arg, "-s", user, "-nostdin", "-timeout",
    timeout_arg, "-timeout_error", "-trace_err", "-error_file", "errors.log",
    "-trace_msg", "-message_file", "messages.log", NULL
  };
  GPtrArray *argv = g_ptr_array_new ();
  GError *error = NULL;

  sipp->scenario = g_strdup (scenario);
  sipp->dir = g_dir_make_tmp ("gst-jssip-sipp-XXXXXX", NULL);
  fail_unless (sipp->dir != NULL);
  for (guint i = 0; common[i]; i++)
    g_ptr_array_add (argv, (gpointer) common[i]);
  for (; more && *more; more++)
    g_ptr_array_add (argv, (gpointer) * more);
  g_ptr_array_add (argv, server);
  g_ptr_array_add (argv, NULL);
  fail_unless (g_spawn_async (sipp->dir, (gchar **) argv->pdata, NULL,
          G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
          G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
          &sipp->pid, &error), "sipp: %s", error ? error->message : "");
  g_ptr_array_unref (argv);
  return sipp;
}

static gchar *
sipp_read (Sipp * sipp, const gchar * name)
{
  g_autofree gchar *path = g_build_filename (sipp->dir, name, NULL);
  gchar *text = NULL;

  return g_file_get_contents (path, &text, NULL, NULL) ? text : g_strdup ("");
}

/* Waits for sipp's end and checks that its scenario passed. */
static void
sipp_finish (Sipp * sipp, guint timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  g_autofree gchar *errors = NULL;
  int status = 0;

  while (waitpid (sipp->pid, &status, WNOHANG) == 0) {
    if (g_get_monotonic_time () > deadline) {
      kill (sipp->pid, SIGKILL);
      waitpid (sipp->pid, &status, 0);
      fail ("sipp %s did not end", sipp->scenario);
    }
    g_usleep (20 * 1000);
  }
  g_spawn_close_pid (sipp->pid);
  errors = sipp_read (sipp, "errors.log");
  fail_unless (WIFEXITED (status) && WEXITSTATUS (status) == 0,
      "sipp %s failed (status %d): %s", sipp->scenario, status, errors);
}

static void
sipp_free (Sipp * sipp)
{
  const gchar *rm[] = { "rm", "-rf", sipp->dir, NULL };

  g_spawn_sync (NULL, (gchar **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
      NULL, NULL, NULL, NULL);
  g_free (sipp->dir);
  g_free (sipp->scenario);
  g_free (sipp);
}

/* Calls to @user reach a sipp callee on @port, and nothing else. */
static void
sipp_register (const gchar * user, guint port)
{
  g_autofree gchar *password = g_strconcat (user, "pw", NULL);
  g_autofree gchar *contact_port = g_strdup_printf ("%u", port);
  const gchar *more[] = { "-ap", password, "-key", "contact_port",
    contact_port, NULL
  };
  Sipp *sipp = sipp_spawn ("register.xml", user, 0, 10, more);

  sipp_finish (sipp, 15);
  sipp_free (sipp);
}

/* A sipp callee registered as @user, running @scenario. */
static Sipp *
sipp_callee (const gchar * scenario, const gchar * user, guint timeout_s)
{
  guint port = free_udp_port ();

  sipp_register (user, port);
  return sipp_spawn (scenario, user, port, timeout_s, NULL);
}

/* Whether sipp said so with a file in its directory, in time. */
static gboolean
sipp_wait_flag (Sipp * sipp, const gchar * name, guint timeout_s)
{
  g_autofree gchar *path = g_build_filename (sipp->dir, name, NULL);
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (!g_file_test (path, G_FILE_TEST_EXISTS)) {
    if (g_get_monotonic_time () > deadline)
      return FALSE;
    g_usleep (20 * 1000);
  }
  return TRUE;
}

static void
drop_carriage_returns (gchar * text)
{
  gchar *out = text;

  for (const gchar * in = text; *in; in++)
    if (*in != '\r')
      *out++ = *in;
  *out = '\0';
}

/* The value of header @name in the header lines @block, or NULL. */
static gchar *
header_value (const gchar * block, const gchar * name)
{
  g_auto (GStrv) lines = g_strsplit (block, "\n", -1);
  gsize len = strlen (name);

  for (guint i = 0; lines[i]; i++)
    if (g_ascii_strncasecmp (lines[i], name, len) == 0 && lines[i][len] == ':')
      return g_strstrip (g_strdup (lines[i] + len + 1));
  return NULL;
}

/* The header blocks of the @method requests sipp received, one per CSeq
 * (a retransmission is not another request), from its message trace. */
static GPtrArray *
sipp_received (Sipp * sipp, const gchar * method)
{
  g_autofree gchar *trace = sipp_read (sipp, "messages.log");
  g_auto (GStrv) entries = g_strsplit (trace, "message received", -1);
  g_autofree gchar *start = g_strconcat (method, " ", NULL);
  GPtrArray *requests = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash,
      g_str_equal, g_free, NULL);

  for (guint i = 1; entries[i]; i++) {
    const gchar *message = strstr (entries[i], ":\n\n");
    const gchar *end;
    gchar *block, *cseq;

    if (!message || !g_str_has_prefix (message + 3, start))
      continue;
    message += 3;
    end = strstr (message, "\r\n\r\n");
    block = g_strndup (message, end ? (gsize) (end - message) :
        strlen (message));
    drop_carriage_returns (block);
    cseq = header_value (block, "CSeq");
    if (!cseq || !g_hash_table_add (seen, cseq)) {
      g_free (block);
      continue;
    }
    g_ptr_array_add (requests, block);
  }
  return requests;
}

/* ------------------------------------------------ calls through Kamailio */

/* The sipp callees answer as carol; the pipelines call and answer as
 * alice and bob. */
#define SIPP_CALLEE "carol"

/* The call is up, or will never be. */
static gboolean
is_settled (Peer * peer, gconstpointer data)
{
  return has_event (peer, "jssip-session-confirmed")
      || has_event (peer, "jssip-session-failed");
}

static const gchar *
message_of (Peer * peer, const gchar * event_name)
{
  return gst_structure_get_string (event (peer, event_name), "message");
}

static void
check_has (const gchar * message, const gchar * text)
{
  fail_unless (message && strstr (message, text), "no \"%s\" in:\n%s", text,
      message);
}

static void
check_lacks (const gchar * message, const gchar * text)
{
  fail_unless (message && !strstr (message, text), "\"%s\" in:\n%s", text,
      message);
}

static void
check_events (Peer * peer, const gchar * expected)
{
  g_autofree gchar *names = event_names (peer);

  fail_unless_equals_string (names, expected);
}

/* Plays @a, which calls, and waits until the call is up, with the
 * messages @expected. */
static Peer *
call_up (Peer * a, const gchar * expected)
{
  peer_play (a);
  fail_unless (wait_for (a, is_settled, NULL), "%s: no call", a->name);
  check_events (a, expected);
  return a;
}

/* Alice calling @b, a pipeline registered as bob, with a tone, as the
 * call tests do; the call is up once each hears the other (hanging up
 * earlier, while webrtcbin still holds the media, is not what these tests
 * are about). */
static Peer *
caller (const gchar * name, Peer * b, const gchar * more)
{
  Peer *a = call_up (peer_new_full (name, "alice", A_TONE, "bob", FALSE, more,
          FALSE), "connecting,progress,started,confirmed");

  g_free (establish (a, b));
  return a;
}

/* Alice calling a sipp @callee, receiving only: sipp sends no media and
 * speaks no DTLS, and webrtcbin holds what is sent until DTLS is up. The
 * sipp callees answer at once, without ringing. */
static Peer *
listening_caller (const gchar * name, const gchar * callee, const gchar * more)
{
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  g_autofree gchar *description = g_strdup_printf ("jssipsrc name=src "
      "session=%s server=%s uri=sip:alice@" LOOPBACK " password=alicepw "
      "ice-addresses=" LOOPBACK " media=audio target=%s %s "
      "jssipsink name=sink session=%s", name, server, callee,
      more ? more : "", name);

  return call_up (peer_new_from_description (name, description),
      "connecting,started,confirmed");
}

static void
hang_up_and_check (Peer * a)
{
  hang_up (a);
  wait_event (a, "jssip-session-ended");
  check_field (event (a, "ended"), "cause", GST_SIP_CAUSE_BYE);
  check_field (event (a, "ended"), "originator", "local");
}

static void
start_kamailio (void)
{
  kamailio_fixture_start (NULL);
}

GST_START_TEST (test_peer_refreshing_with_update_keeps_the_call)
{
  Sipp *carol = sipp_callee ("callee-refreshes-with-update.xml",
      SIPP_CALLEE, 20);
  Peer *a = listening_caller ("a", SIPP_CALLEE, NULL);

  /* JsSIP's INVITE: Supported: timer and 90 s, no refresher. */
  check_has (message_of (a, "connecting"), "\r\nSupported: timer,");
  check_has (message_of (a, "connecting"), "\r\nSession-Expires: 90\r\n");
  /* Two UPDATEs without SDP, each answered 200 with the interval and
   * refresher (sipp checks the answers)... */
  fail_unless (sipp_wait_flag (carol, "refreshed", 10),
      "the callee's UPDATEs were not answered as it expects");
  /* ...and the call is still up, until we hang up. */
  check_events (a, "connecting,started,confirmed");
  hang_up_and_check (a);
  sipp_finish (carol, 10);
  sipp_free (carol);
  peer_free (a);
}

GST_END_TEST;

GST_START_TEST (test_422_is_followed_with_the_peer_min_se)
{
  Sipp *carol = sipp_callee ("callee-wants-min-se-120.xml", SIPP_CALLEE, 20);
  Peer *a = listening_caller ("a", SIPP_CALLEE, NULL);
  g_autoptr (GPtrArray) invites = NULL;
  const gchar *first, *second;
  g_autofree gchar *first_cseq = NULL, *second_cseq = NULL;

  /* The 422 is answered, not reported: one "connecting", then the call. */
  check_has (message_of (a, "started"),
      "\r\nSession-Expires: 120;refresher=uac\r\n");
  hang_up_and_check (a);
  sipp_finish (carol, 10);

  /* RFC 4028 §7.1: the same INVITE again, with the next CSeq, asking for
   * the 422's Min-SE. */
  invites = sipp_received (carol, "INVITE");
  fail_unless_equals_int (invites->len, 2);
  first = g_ptr_array_index (invites, 0);
  second = g_ptr_array_index (invites, 1);
#define SAME_HEADER(name) G_STMT_START { \
    g_autofree gchar *one = header_value (first, name); \
    g_autofree gchar *two = header_value (second, name); \
    fail_unless (one != NULL); \
    fail_unless_equals_string (one, two); \
  } G_STMT_END
  SAME_HEADER ("Call-ID");
  SAME_HEADER ("From");
  SAME_HEADER ("To");
#undef SAME_HEADER
  first_cseq = header_value (first, "CSeq");
  second_cseq = header_value (second, "CSeq");
  fail_unless (g_ascii_strtoull (second_cseq, NULL, 10) >
      g_ascii_strtoull (first_cseq, NULL, 10), "CSeq %s then %s", first_cseq,
      second_cseq);
  check_lacks (first, "Min-SE:");
  check_has (second, "\nSession-Expires: 120\n");
  check_has (second, "\nMin-SE: 120\n");

  sipp_free (carol);
  peer_free (a);
}

GST_END_TEST;

GST_START_TEST (test_callee_lets_the_caller_refresh)
{
  Peer *b = registered_callee ("bob");
  Peer *a = caller ("a", b, NULL);

  check_has (message_of (b, "incoming"), "\r\nSession-Expires: 90\r\n");
  /* RFC 4028 §9: the caller supports timers and named no refresher: we
   * leave the refreshes to it, and require it to understand that. */
  check_has (message_of (a, "started"), "\r\nSupported: timer\r\n");
  check_has (message_of (a, "started"),
      "\r\nSession-Expires: 90;refresher=uac\r\n");
  check_has (message_of (a, "started"), "\r\nRequire: timer\r\n");
  hang_up_and_check (a);
  wait_event (b, "jssip-session-ended");
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

GST_START_TEST (test_session_timers_off)
{
  Peer *b = ringing_callee ("auto-answer=true session-timers=false");
  Peer *a = caller ("a", b, "session-timers=false");

  /* Neither asks for nor answers with a session timer. */
  check_lacks (message_of (a, "connecting"), "Session-Expires");
  check_has (message_of (a, "connecting"),
      "\r\nSupported: ice,replaces,outbound\r\n");
  check_lacks (message_of (a, "started"), "Session-Expires");
  check_lacks (message_of (a, "started"), "timer");
  hang_up_and_check (a);
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

GST_START_TEST (test_callee_keeps_a_timer_for_a_caller_without)
{
  Peer *b = registered_callee ("bob");
  Peer *a = caller ("a", b, "session-timers=false");

  /* RFC 4028 §9: the UAS may want a timer alone; it refreshes itself. */
  check_has (message_of (a, "started"),
      "\r\nSession-Expires: 90;refresher=uas\r\n");
  check_lacks (message_of (a, "started"), "Require: timer");
  hang_up_and_check (a);
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

GST_START_TEST (test_callee_refuses_too_short_an_interval)
{
  Peer *b = registered_callee ("bob");
  const gchar *more[] = { "-au", "carol", "-ap", "carolpw", "-key",
    "caller", "carol", NULL
  };
  Sipp *carol = sipp_spawn ("caller-asks-60-seconds.xml", "bob", 0, 10, more);

  /* sipp checks the 422 and its Min-SE: 90 (RFC 4028 §9). */
  sipp_finish (carol, 15);
  sipp_free (carol);
  /* Refused before ringing: the application saw no call. */
  check_events (b, "");
  peer_free (b);
}

GST_END_TEST;

/* ------------------------------------------- slow: in real time */

static gdouble
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (gdouble) G_USEC_PER_SEC;
}

static gboolean
has_ended_call (Peer * peer, gconstpointer data)
{
  return has_event (peer, "jssip-session-ended");
}

/* Waits up to @timeout_s for @peer's call to end. */
static gboolean
wait_ended (Peer * peer, guint timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (!wait_for (peer, has_ended_call, NULL))
    if (g_get_monotonic_time () > deadline)
      return FALSE;
  return TRUE;
}

/* Three calls at once, each to a sipp callee (all three users are
 * callees here: the callers do not register). */
GST_START_TEST (test_refresh_and_expiry_in_real_time)
{
  Sipp *carol = sipp_callee ("callee-expects-our-update.xml", "carol", 100);
  Sipp *bob = sipp_callee ("callee-expects-our-reinvite.xml", "bob", 100);
  Sipp *alice = sipp_callee ("callee-never-refreshes.xml", "alice", 100);
  Peer *to_carol = listening_caller ("a1", "carol", "register=false");
  gint64 carol_start = g_get_monotonic_time ();
  Peer *to_bob = listening_caller ("a2", "bob", "register=false");
  gint64 bob_start = g_get_monotonic_time ();
  Peer *to_alice = listening_caller ("a3", "alice", "register=false");
  gint64 alice_start = g_get_monotonic_time ();
  gdouble elapsed;

  /* We refresh at half the 90 s interval: an UPDATE without SDP where
   * the peer allows UPDATE, a re-INVITE with our SDP where it does not
   * (sipp checks each and answers 200). */
  fail_unless (sipp_wait_flag (carol, "refreshed", 55), "no UPDATE");
  elapsed = seconds_since (carol_start);
  fail_unless (elapsed > 43.0 && elapsed < 47.0, "UPDATE after %.1f s",
      elapsed);
  fail_unless (sipp_wait_flag (bob, "refreshed", 10), "no re-INVITE");
  elapsed = seconds_since (bob_start);
  fail_unless (elapsed > 43.0 && elapsed < 47.0, "re-INVITE after %.1f s",
      elapsed);

  /* The refresher that never refreshes: we end the call with BYE at
   * 90 - min(32, 90/3) = 60 s (sipp checks the BYE's Reason). */
  fail_unless (wait_ended (to_alice, 30), "the expired call goes on");
  elapsed = seconds_since (alice_start);
  fail_unless (elapsed > 58.0 && elapsed < 62.0, "BYE after %.1f s", elapsed);
  check_events (to_alice, "connecting,started,confirmed,ended");
  check_field (event (to_alice, "ended"), "cause",
      GST_SIP_CAUSE_REQUEST_TIMEOUT);
  check_field (event (to_alice, "ended"), "originator", "local");
  sipp_finish (alice, 10);

  /* The refreshed calls are still up. */
  check_events (to_carol, "connecting,started,confirmed");
  check_events (to_bob, "connecting,started,confirmed");
  hang_up_and_check (to_carol);
  hang_up_and_check (to_bob);
  sipp_finish (carol, 10);
  sipp_finish (bob, 10);

  sipp_free (carol);
  sipp_free (bob);
  sipp_free (alice);
  peer_free (to_carol);
  peer_free (to_bob);
  peer_free (to_alice);
}

GST_END_TEST;

static Suite *
session_timers_suite (void)
{
  Suite *s = suite_create ("session-timers");
  TCase *tc = tcase_create ("timer");

  tcase_add_checked_fixture (tc, timer_setup, timer_teardown);
  tcase_add_test (tc, test_invite_asks_for_90_seconds);
  tcase_add_test (tc, test_422_raises_the_interval_once);
  tcase_add_test (tc, test_422_without_a_larger_min_se_is_final);
  tcase_add_test (tc, test_uac_refresher_refreshes_at_half_the_interval);
  tcase_add_test (tc, test_uac_without_peer_timer_refreshes_itself);
  tcase_add_test (tc, test_non_refresher_ends_before_expiry);
  tcase_add_test (tc, test_non_refresher_margin_is_32_seconds_at_most);
  tcase_add_test (tc, test_peer_refresh_keeps_the_session);
  tcase_add_test (tc, test_uas_keeps_the_requested_refresher);
  tcase_add_test (tc, test_uas_refreshes_for_a_peer_without_timer);
  tcase_add_test (tc, test_uas_refuses_too_small_an_interval);
  tcase_add_test (tc, test_stop_disarms);
  suite_add_tcase (s, tc);

  tc = tcase_create ("calls");
  tcase_add_unchecked_fixture (tc, start_kamailio, kamailio_fixture_stop);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_peer_refreshing_with_update_keeps_the_call);
  tcase_add_test (tc, test_422_is_followed_with_the_peer_min_se);
  tcase_add_test (tc, test_callee_lets_the_caller_refresh);
  tcase_add_test (tc, test_session_timers_off);
  tcase_add_test (tc, test_callee_keeps_a_timer_for_a_caller_without);
  tcase_add_test (tc, test_callee_refuses_too_short_an_interval);
  suite_add_tcase (s, tc);

  /* About 65 s: only when asked for. */
  if (g_getenv ("GST_JSSIP_SLOW_TESTS")) {
    tc = tcase_create ("slow");
    tcase_add_unchecked_fixture (tc, start_kamailio, kamailio_fixture_stop);
    tcase_set_timeout (tc, 100);
    tcase_add_test (tc, test_refresh_and_expiry_in_real_time);
    suite_add_tcase (s, tc);
  }
  return s;
}

GST_CHECK_MAIN (session_timers);
