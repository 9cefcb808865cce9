/* gst-jssip tests: the call flows and failure paths that two gst-jssip
 * peers cannot make, end to end through the project's Kamailio.
 *
 * gst-jssip never sends an INVITE without SDP, never leaves a 200
 * unacknowledged, never repeats a 200 and never answers an INVITE it was
 * asked to cancel: for those flows the far side is sipp (Debian's
 * sip-tester) running the scenarios of tests/sipp/flows/ over UDP. sipp
 * does no ICE or DTLS, so those calls carry no media (that needs a WebRTC
 * peer: call.c) and what is checked is the signalling: sipp's own checks
 * of what we send (its exit status) and our session messages. Our side of
 * them is mostly a lone jssipsrc; one test sends with a jssipsink into that
 * transport that never connects, to prove the call still ends.
 *
 * The failure paths a user meets on the command line run gst-launch-1.0
 * as a process of its own, checking its exit status and what it prints.
 * The far side that vanishes mid-call is such a process, killed with
 * SIGKILL while this one records the call.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <gio/gio.h>
#include <gst/check/gstcheck.h>

#include "kamailio-fixture.h"

#define LOOPBACK "127.0.0.1"
#define TIMEOUT_MS 15000
/* 64*T1 = 32 s without ACK, and slack. */
#define NO_ACK_WAIT_MS 40000
#define NO_ACK_S 32.0
/* jssiprtpwatch.h's timeout (10 s) and slack. */
#define RTP_TIMEOUT_WAIT_MS 20000
#define RTP_TIMEOUT_S 10.0
/* Past NO_ACK_S, short of the test's own timeout. */
#define SIPP_TIMEOUT "40s"
#define GST_LAUNCH_TIMEOUT "30"
/* What the killed caller sends before it dies: about 2 s. */
#define RECORDED_BUFFERS 100
#define RECORDED_S 1.5
/* Opus' pre-skip and the muxer's rounding. */
#define DURATION_TOLERANCE_S 0.1

static gchar *work_dir;

/* ------------------------------------------------------------ our side */

typedef struct
{
  GstElement *pipeline;
  GstElement *element;          /* the jssipsrc or jssipsink "call" */

  GMutex lock;
  GPtrArray *events;            /* jssip-session-*, with "received-us" */
  gboolean registered;
  gboolean eos;
  gchar *error;                 /* the first error's message */
  /* Recording (far-side-killed test): the PTS span gone into the file. */
  const gchar *recording;
  guint buffers;
  GstClockTime first_pts;
  GstClockTime end_pts;
} Side;

static GstPadProbeReturn
on_recorded_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Side *side = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);

  g_mutex_lock (&side->lock);
  if (side->buffers++ == 0)
    side->first_pts = GST_BUFFER_PTS (buffer);
  side->end_pts = GST_BUFFER_PTS (buffer) + GST_BUFFER_DURATION (buffer);
  g_mutex_unlock (&side->lock);
  return GST_PAD_PROBE_OK;
}

/* The remote audio goes to a fakesink, or into an Ogg/Opus file. */
static void
on_pad_added (GstElement * src, GstPad * pad, Side * side)
{
  g_autofree gchar *description = side->recording ?
      g_strdup_printf ("queue ! audioconvert ! audioresample ! opusenc ! "
      "oggmux ! filesink location=%s", side->recording) :
      g_strdup ("fakesink sync=false");
  GstElement *consumer = gst_parse_bin_from_description (description, TRUE,
      NULL);
  GstPad *sinkpad = gst_element_get_static_pad (consumer, "sink");

  fail_unless (g_str_has_prefix (GST_PAD_NAME (pad), "audio_"));
  if (side->recording)
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_recorded_buffer,
        side, NULL);
  gst_bin_add (GST_BIN (side->pipeline), consumer);
  fail_unless_equals_int (gst_pad_link (pad, sinkpad), GST_PAD_LINK_OK);
  gst_element_sync_state_with_parent (consumer);
  gst_object_unref (sinkpad);
}

static GstBusSyncReply
on_message (GstBus * bus, GstMessage * message, gpointer user_data)
{
  Side *side = user_data;
  const GstStructure *s = gst_message_get_structure (message);

  g_mutex_lock (&side->lock);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    side->eos = TRUE;
  else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR && !side->error) {
    GError *error = NULL;

    gst_message_parse_error (message, &error, NULL);
    side->error = g_strdup (error->message);
    g_error_free (error);
  } else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ELEMENT) {
    if (g_str_has_prefix (gst_structure_get_name (s), "jssip-session-")) {
      GstStructure *copy = gst_structure_copy (s);

      gst_structure_set (copy, "received-us", G_TYPE_INT64,
          g_get_monotonic_time (), NULL);
      g_ptr_array_add (side->events, copy);
    } else if (gst_structure_has_name (s, "jssip-ua-registered"))
      side->registered = TRUE;
  }
  g_mutex_unlock (&side->lock);
  gst_message_unref (message);
  return GST_BUS_DROP;
}

/* @description: a pipeline with a jssipsrc or jssipsink named "call". */
static Side *
side_launch (const gchar * description, const gchar * recording)
{
  GError *error = NULL;
  GstElement *parsed = gst_parse_launch (description, &error);
  Side *side = g_new0 (Side, 1);
  GstBus *bus;

  fail_unless (parsed != NULL, "%s", error ? error->message : "");
  g_mutex_init (&side->lock);
  side->events = g_ptr_array_new_with_free_func ((GDestroyNotify)
      gst_structure_free);
  side->recording = recording;
  if (GST_IS_PIPELINE (parsed))
    side->pipeline = parsed;
  else {
    side->pipeline = gst_pipeline_new (NULL);
    gst_bin_add (GST_BIN (side->pipeline), parsed);
  }
  side->element = gst_bin_get_by_name (GST_BIN (side->pipeline), "call");
  g_signal_connect (side->element, "pad-added", G_CALLBACK (on_pad_added),
      side);
  bus = gst_element_get_bus (side->pipeline);
  gst_bus_set_sync_handler (bus, on_message, side, NULL);
  gst_object_unref (bus);
  fail_if (gst_element_set_state (side->pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  return side;
}

/* A jssipsrc receiving audio, as @user; @more: its other properties. */
static Side *
side_new (const gchar * user, const gchar * more, const gchar * recording)
{
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  g_autofree gchar *description = g_strdup_printf ("jssipsrc name=call "
      "server=%s uri=sip:%s@" LOOPBACK " password=%spw ice-addresses="
      LOOPBACK " media=audio %s", server, user, user, more);

  return side_launch (description, recording);
}

static void
side_free (Side * side)
{
  gst_element_set_state (side->pipeline, GST_STATE_NULL);
  gst_object_unref (side->element);
  gst_object_unref (side->pipeline);
  g_ptr_array_unref (side->events);
  g_free (side->error);
  g_mutex_clear (&side->lock);
  g_free (side);
}

typedef gboolean (*Condition) (Side * side, gconstpointer data);

static gboolean
wait_for (Side * side, Condition condition, gconstpointer data,
    guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * (gint64) 1000;
  gboolean done;

  do {
    g_mutex_lock (&side->lock);
    done = condition (side, data);
    g_mutex_unlock (&side->lock);
    if (done)
      return TRUE;
    g_usleep (10 * 1000);
  } while (g_get_monotonic_time () < deadline);
  return FALSE;
}

static gboolean
is_registered (Side * side, gconstpointer data)
{
  return side->registered;
}

static gboolean
is_eos (Side * side, gconstpointer data)
{
  return side->eos;
}

static gboolean
has_error (Side * side, gconstpointer data)
{
  return side->error != NULL;
}

static gboolean
has_recorded (Side * side, gconstpointer n)
{
  return side->buffers >= GPOINTER_TO_UINT (n);
}

static const GstStructure *
find_event (Side * side, const gchar * name)
{
  g_autofree gchar *full = g_strconcat ("jssip-session-", name, NULL);

  for (guint i = 0; i < side->events->len; i++)
    if (gst_structure_has_name (g_ptr_array_index (side->events, i), full))
      return g_ptr_array_index (side->events, i);
  return NULL;
}

static gboolean
has_event (Side * side, gconstpointer name)
{
  return find_event (side, name) != NULL;
}

static void
wait_event (Side * side, const gchar * name, guint timeout_ms)
{
  fail_unless (wait_for (side, has_event, name, timeout_ms), "no %s", name);
}

/* The events are kept until the side is freed. */
static const GstStructure *
event (Side * side, const gchar * name)
{
  const GstStructure *found;

  g_mutex_lock (&side->lock);
  found = find_event (side, name);
  g_mutex_unlock (&side->lock);
  fail_unless (found != NULL, "no %s", name);
  return found;
}

/* "incoming,progress,...", the session messages in order. */
static gchar *
event_names (Side * side)
{
  GString *names = g_string_new (NULL);

  g_mutex_lock (&side->lock);
  for (guint i = 0; i < side->events->len; i++)
    g_string_append_printf (names, "%s%s", i ? "," : "",
        gst_structure_get_name (g_ptr_array_index (side->events, i)) +
        strlen ("jssip-session-"));
  g_mutex_unlock (&side->lock);
  return g_string_free (names, FALSE);
}

static void
check_names (Side * side, const gchar * expected)
{
  g_autofree gchar *names = event_names (side);

  fail_unless_equals_string (names, expected);
}

static void
check_field (const GstStructure * s, const gchar * field,
    const gchar * expected)
{
  fail_unless_equals_string (gst_structure_get_string (s, field), expected);
}

static void
check_message_starts (const GstStructure * s, const gchar * start_line)
{
  const gchar *message = gst_structure_get_string (s, "message");

  fail_unless (message && g_str_has_prefix (message, start_line), "%"
      GST_PTR_FORMAT, s);
}

/* The session messages in order, and the last one's originator and cause. */
static void
check_outcome (Side * side, const gchar * names, const gchar * last,
    const gchar * originator, const gchar * cause)
{
  check_names (side, names);
  check_field (event (side, last), "originator", originator);
  check_field (event (side, last), "cause", cause);
}

/* Seconds between two session messages. */
static gdouble
seconds_between (const GstStructure * first, const GstStructure * then)
{
  gint64 a = 0, b = 0;

  fail_unless (gst_structure_get_int64 (first, "received-us", &a));
  fail_unless (gst_structure_get_int64 (then, "received-us", &b));
  return (b - a) / 1e6;
}

static Side *
registered_side (const gchar * user, const gchar * more,
    const gchar * recording)
{
  Side *side = side_new (user, more, recording);

  fail_unless (wait_for (side, is_registered, NULL, TIMEOUT_MS),
      "%s is not registered", user);
  return side;
}

/* ------------------------------------------------------------- processes */

static gboolean
port_is_free (GSocketType type, guint port)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, type,
      G_SOCKET_PROTOCOL_DEFAULT, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_from_string (LOOPBACK);
  g_autoptr (GSocketAddress) address =
      g_inet_socket_address_new (loopback, port);

  return socket && g_socket_bind (socket, address, FALSE, NULL);
}

/* A port of the loopback that nobody uses, UDP and TCP, with @spare free
 * ports after it (sipp's media ports take port and port + 2). */
static gchar *
free_port (guint spare)
{
  for (guint attempt = 0; attempt < 100; attempt++) {
    guint port = g_random_int_range (20000, 60000);
    gboolean free = TRUE;

    for (guint i = 0; i <= spare && free; i++)
      free = port_is_free (G_SOCKET_TYPE_DATAGRAM, port + i)
          && port_is_free (G_SOCKET_TYPE_STREAM, port + i);
    if (free)
      return g_strdup_printf ("%u", port);
  }
  fail ("no free UDP port");
  return NULL;
}

static void
add_args (GPtrArray * argv, const gchar * const *args)
{
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
}

static GSubprocess *
spawn (GSubprocessFlags flags, const gchar * const *argv)
{
  GError *error = NULL;
  GSubprocess *process = g_subprocess_newv (argv, flags, &error);

  fail_unless (process != NULL, "%s: %s", argv[0], error ? error->message : "");
  return process;
}

typedef struct
{
  GSubprocess *process;
  gchar *errors;                /* sipp's -error_file */
  gchar *port;
} Sipp;

/* Starts sipp on @scenario (under tests/sipp/), @args after the common
 * ones: one call, on the loopback only, ending with an error after
 * SIPP_TIMEOUT at the latest. */
static Sipp *
sipp_start (const gchar * scenario, const gchar * const *args)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("TESTS_SOURCE_DIR"),
      "..", "sipp", scenario, NULL);
  g_autofree gchar *name = g_path_get_basename (scenario);
  g_autofree gchar *media_port = free_port (3);
  g_autofree gchar *control_port = free_port (0);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  Sipp *sipp = g_new0 (Sipp, 1);

  sipp->port = free_port (0);
  sipp->errors = g_strdup_printf ("%s/%s-%s.errors", work_dir, name,
      sipp->port);
  {
    const gchar *common[] = { "sipp", "-sf", path, "-i", LOOPBACK,
      "-p", sipp->port, "-mp", media_port, "-cp", control_port, "-m", "1",
      "-nostdin", "-timeout", SIPP_TIMEOUT, "-timeout_error", "-trace_err",
      "-error_file", sipp->errors, NULL
    };

    add_args (argv, common);
  }
  add_args (argv, args);
  g_ptr_array_add (argv, NULL);
  sipp->process = spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
      G_SUBPROCESS_FLAGS_STDERR_SILENCE, (const gchar * const *) argv->pdata);
  return sipp;
}

/* Waits for sipp's end: its scenario must have passed, every check in it. */
static void
sipp_check (Sipp * sipp, const gchar * what)
{
  g_autofree gchar *errors = NULL;

  fail_unless (g_subprocess_wait (sipp->process, NULL, NULL));
  g_file_get_contents (sipp->errors, &errors, NULL, NULL);
  fail_unless (g_subprocess_get_if_exited (sipp->process)
      && g_subprocess_get_exit_status (sipp->process) == 0,
      "sipp (%s) failed: %s", what, errors ? errors : "");
  g_object_unref (sipp->process);
  g_free (sipp->errors);
  g_free (sipp->port);
  g_free (sipp);
}

static gchar *
kamailio_address (void)
{
  return g_strdup_printf (LOOPBACK ":%s", kamailio_fixture_port ());
}

/* sipp calling our @user through Kamailio, as carol. */
static void
sipp_call (const gchar * scenario, const gchar * user)
{
  g_autofree gchar *server = kamailio_address ();
  const gchar *args[] = { "-s", user, server, NULL };

  sipp_check (sipp_start (scenario, args), scenario);
}

/* sipp as carol's phone, waiting for one call: register.xml binds carol
 * to it alone. */
static Sipp *
carol_answers (const gchar * scenario)
{
  g_autofree gchar *server = kamailio_address ();
  const gchar *no_args[] = { NULL };
  Sipp *sipp = sipp_start (scenario, no_args);
  const gchar *register_args[] = { "-s", "carol", "-ap", "carolpw", "-key",
    "contact_port", sipp->port, server, NULL
  };

  sipp_check (sipp_start ("register.xml", register_args), "register");
  return sipp;
}

/* Runs gst-launch-1.0 -m @description (split as a shell would); returns
 * its exit status and, in @output, what it printed. */
static gint
gst_launch (const gchar * description, gchar ** output)
{
  const gchar *launcher[] = { "timeout", "-s", "KILL", GST_LAUNCH_TIMEOUT,
    "gst-launch-1.0", "-m", NULL
  };
  g_auto (GStrv) words = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;

  fail_unless (g_shell_parse_argv (description, NULL, &words, NULL));
  add_args (argv, launcher);
  add_args (argv, (const gchar * const *) words);
  g_ptr_array_add (argv, NULL);
  process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
      G_SUBPROCESS_FLAGS_STDERR_MERGE, (const gchar * const *) argv->pdata);
  fail_unless (g_subprocess_communicate_utf8 (process, NULL, NULL, output,
          NULL, NULL));
  fail_unless (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
check_output_has (const gchar * output, const gchar * expected)
{
  fail_unless (strstr (output, expected) != NULL, "'%s' not in:\n%s",
      expected, output);
}

/* gst-discoverer-1.0's duration of @file, in seconds. */
static gdouble
discovered_duration (const gchar * file)
{
  const gchar *argv[] = { "gst-discoverer-1.0", file, NULL };
  g_autoptr (GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
      G_SUBPROCESS_FLAGS_STDERR_MERGE, argv);
  g_autofree gchar *output = NULL;
  const gchar *line;
  guint hours, minutes;
  gdouble seconds;

  fail_unless (g_subprocess_communicate_utf8 (process, NULL, NULL, &output,
          NULL, NULL));
  line = strstr (output, "Duration: ");
  fail_unless (line && sscanf (line, "Duration: %u:%u:%lf", &hours, &minutes,
          &seconds) == 3, "%s", output);
  return hours * 3600.0 + minutes * 60.0 + seconds;
}

/* ------------------------------------------------------------------ tests */

/* RFC 3264 §5 late offer, as JsSIP answers it: our offer in the 200, the
 * answer from the ACK, "confirmed" once it is applied. sipp checks that
 * the 200 holds an SDP offer and answers it in the ACK, then hangs up. */
GST_START_TEST (test_late_offer_answered_in_ack)
{
  Side *bob = registered_side ("bob", "auto-answer=true", NULL);
  const GstStructure *confirmed;

  sipp_call ("flows/late-offer-uac.xml", "bob");
  wait_event (bob, "ended", TIMEOUT_MS);
  check_names (bob, "incoming,progress,connecting,started,confirmed,ended");
  fail_if (gst_structure_has_field (event (bob, "incoming"), "status-code"));
  confirmed = event (bob, "confirmed");
  check_field (confirmed, "originator", "remote");
  check_message_starts (confirmed, "ACK ");
  fail_unless (strstr (gst_structure_get_string (confirmed, "message"),
          "application/sdp") != NULL);
  check_field (event (bob, "ended"), "originator", "remote");
  check_field (event (bob, "ended"), "cause", "Terminated");
  check_message_starts (event (bob, "ended"), "BYE ");
  side_free (bob);
}

GST_END_TEST;

/* The ACK of a late offer without the answer: JsSIP's terminate() with
 * 400 and "Missing SDP" (sipp checks the BYE's Reason). */
GST_START_TEST (test_late_offer_without_answer_ends_missing_sdp)
{
  Side *bob = registered_side ("bob", "auto-answer=true", NULL);

  sipp_call ("flows/late-offer-ack-without-sdp-uac.xml", "bob");
  wait_event (bob, "ended", TIMEOUT_MS);
  check_outcome (bob, "incoming,progress,connecting,started,ended",
      "ended", "local", "Missing SDP");
  side_free (bob);
}

GST_END_TEST;

/* RFC 3261 §13.3.1.4: our 200 is retransmitted until the ACK, which never
 * comes; after 64*T1 the call ends with BYE and JsSIP's "No ACK". */
GST_START_TEST (test_no_ack_ends_call)
{
  Side *bob = registered_side ("bob", "auto-answer=true", NULL);
  gdouble waited;

  sipp_call ("flows/no-ack-uac.xml", "bob");
  wait_event (bob, "ended", NO_ACK_WAIT_MS);
  check_outcome (bob, "incoming,progress,connecting,started,ended",
      "ended", "remote", "No ACK");
  waited = seconds_between (event (bob, "started"), event (bob, "ended"));
  fail_unless (waited > NO_ACK_S - 0.5 && waited < NO_ACK_S + 2.0,
      "ended %.1f s after started", waited);
  side_free (bob);
}

GST_END_TEST;

/* RFC 3261 §13.2.2.4: each 2xx is ACKed, the retransmission too (sipp
 * waits for two ACKs), and the call starts once. */
GST_START_TEST (test_2xx_retransmission_acked_again)
{
  Sipp *carol = carol_answers ("flows/uas-2xx-retransmitted.xml");
  Side *alice = side_new ("alice", "target=carol", NULL);

  sipp_check (carol, "two ACKs");
  wait_event (alice, "ended", TIMEOUT_MS);
  check_outcome (alice, "connecting,progress,started,confirmed,ended",
      "ended", "remote", "Terminated");
  side_free (alice);
}

GST_END_TEST;

/* We cancel on the 180, but the callee's 200 crosses the CANCEL: it gets
 * its ACK, then a BYE (sipp checks both); for us the call was canceled. */
GST_START_TEST (test_2xx_racing_cancel_gets_ack_and_bye)
{
  Sipp *carol = carol_answers ("flows/uas-2xx-after-cancel.xml");
  Side *alice = side_new ("alice", "target=carol", NULL);
  gboolean ok = FALSE;

  wait_event (alice, "progress", TIMEOUT_MS);
  g_signal_emit_by_name (alice->element, "terminate", NULL, &ok);
  fail_unless (ok);
  sipp_check (carol, "ACK and BYE after the CANCEL");
  check_outcome (alice, "connecting,progress,failed",
      "failed", "local", "Canceled");
  side_free (alice);
}

GST_END_TEST;

/* alice, sending audio, calls carol (sipp running @scenario, who answers
 * and hangs up): the call is confirmed and ends, and so does alice's
 * pipeline. Returns alice's "progress" status code. */
static guint
call_carol_until_she_hangs_up (const gchar * scenario)
{
  Sipp *carol = carol_answers (scenario);
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  g_autofree gchar *launch = g_strdup_printf ("audiotestsrc is-live=true ! "
      "jssipsink name=call server=%s uri=sip:alice@" LOOPBACK
      " password=alicepw ice-addresses=" LOOPBACK " target=carol", server);
  Side *alice = side_launch (launch, NULL);
  guint progress_status = 0;

  sipp_check (carol, scenario);
  wait_event (alice, "ended", TIMEOUT_MS);
  check_names (alice, "connecting,progress,started,confirmed,ended");
  fail_unless (gst_structure_get_uint (event (alice, "progress"),
          "status-code", &progress_status));
  check_field (event (alice, "ended"), "originator", "remote");
  check_field (event (alice, "ended"), "cause", "Terminated");
  fail_unless (wait_for (alice, is_eos, NULL, TIMEOUT_MS), "no EOS");
  side_free (alice);
  return progress_status;
}

/* The callee's media never connects (nothing answers at its candidate)
 * and it hangs up: the call ends and so does the pipeline, although its
 * audio is held by a transport that never came up. */
GST_START_TEST (test_call_without_media_connection_ends)
{
  fail_unless_equals_int (call_carol_until_she_hangs_up
      ("flows/uas-media-never-connects.xml"), 180);
}

GST_END_TEST;

/* Early media without PRACK: the SDP of a 183 is the answer, applied at
 * once; the 200 that follows has none, which only that makes acceptable
 * (a 200 without an answer fails the call with Bad Media Description). */
GST_START_TEST (test_answer_in_183_applied_at_once)
{
  fail_unless_equals_int (call_carol_until_she_hangs_up
      ("flows/uas-early-media.xml"), 183);
}

GST_END_TEST;

/* A caller whose call cannot be made: the failed message as JsSIP gives
 * it, the error naming cause and status, and gst-launch-1.0 exiting 1
 * with that error (its printing of element messages races with the error,
 * so those are checked in this process). */
static void
check_call_fails (const gchar * launch, const gchar * names,
    const gchar * originator, const gchar * cause, guint status,
    const gchar * error)
{
  Side *side = side_launch (launch, NULL);
  const GstStructure *failed;
  g_autofree gchar *output = NULL;
  guint failed_status = 0;

  fail_unless (wait_for (side, has_error, NULL, TIMEOUT_MS), "no error");
  fail_unless_equals_string (side->error, error);
  check_names (side, names);
  failed = event (side, "failed");
  check_field (failed, "originator", originator);
  check_field (failed, "cause", cause);
  if (status) {
    fail_unless (gst_structure_get_uint (failed, "status-code",
            &failed_status));
    fail_unless_equals_int (failed_status, status);
    check_message_starts (failed, "SIP/2.0 ");
  } else
    fail_if (gst_structure_has_field (failed, "status-code"));
  side_free (side);

  fail_unless_equals_int (gst_launch (launch, &output), 1);
  check_output_has (output, error);
}

GST_START_TEST (test_wrong_password_fails_authentication_error)
{
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  g_autofree gchar *launch = g_strdup_printf ("audiotestsrc is-live=true ! "
      "jssipsink name=call server=%s uri=sip:alice@" LOOPBACK
      " password=wrong ice-addresses=" LOOPBACK " target=bob", server);

  check_call_fails (launch, "connecting,failed", "remote",
      "Authentication Error", 407,
      "Call failed: Authentication Error (407 Proxy Authentication Required)");
}

GST_END_TEST;

/* The callee's failures all end gst-launch-1.0 the same way; an unknown
 * user is the one Kamailio gives without a callee of ours. */
GST_START_TEST (test_unknown_user_fails_not_found)
{
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  g_autofree gchar *launch = g_strdup_printf ("audiotestsrc is-live=true ! "
      "jssipsink name=call server=%s uri=sip:alice@" LOOPBACK
      " password=alicepw ice-addresses=" LOOPBACK " target=nobody", server);

  check_call_fails (launch, "connecting,failed", "remote", "Not Found", 404,
      "Call failed: Not Found (404 Not Found)");
}

GST_END_TEST;

/* JsSIP fails a call placed without a connection at once, with no offer
 * made; so does the `target` of a pipeline whose server is down. */
GST_START_TEST (test_server_down_fails_connection_error)
{
  g_autofree gchar *closed_port = free_port (0);
  g_autofree gchar *launch = g_strdup_printf ("audiotestsrc is-live=true ! "
      "jssipsink name=call server=ws://" LOOPBACK ":%s uri=sip:alice@"
      LOOPBACK " password=alicepw ice-addresses=" LOOPBACK " target=bob",
      closed_port);

  check_call_fails (launch, "failed", "system", "Connection Error", 0,
      "Call failed: Connection Error");
}

GST_END_TEST;

/* The caller's process is killed mid-call: no BYE will ever come (its
 * WebSocket just closes at Kamailio). The callee notices its RTP stop,
 * ends the call with "RTP Timeout", and its recording is finalized with
 * what it received. */
GST_START_TEST (test_far_side_killed_recording_finalized)
{
  g_autofree gchar *recording = g_build_filename (work_dir, "killed.ogg",
      NULL);
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  g_autofree gchar *alice_launch = g_strdup_printf ("gst-launch-1.0 "
      "audiotestsrc is-live=true ! audio/x-raw,rate=48000 ! jssipsink "
      "server=%s uri=sip:alice@" LOOPBACK " password=alicepw ice-addresses="
      LOOPBACK " target=bob", server);
  g_auto (GStrv) alice_argv = NULL;
  g_autoptr (GSubprocess) alice = NULL;
  Side *bob = registered_side ("bob", "auto-answer=true", recording);
  const GstStructure *ended;
  gint64 killed_us, ended_us = 0;
  gdouble noticed, recorded, duration;

  fail_unless (g_shell_parse_argv (alice_launch, NULL, &alice_argv, NULL));
  alice = spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
      G_SUBPROCESS_FLAGS_STDERR_SILENCE, (const gchar * const *) alice_argv);
  fail_unless (wait_for (bob, has_recorded,
          GUINT_TO_POINTER (RECORDED_BUFFERS), TIMEOUT_MS),
      "bob records nothing");
  g_subprocess_send_signal (alice, SIGKILL);
  killed_us = g_get_monotonic_time ();
  fail_unless (g_subprocess_wait (alice, NULL, NULL));

  wait_event (bob, "ended", RTP_TIMEOUT_WAIT_MS);
  ended = event (bob, "ended");
  check_field (ended, "originator", "local");
  check_field (ended, "cause", "RTP Timeout");
  fail_unless (gst_structure_get_int64 (ended, "received-us", &ended_us));
  noticed = (ended_us - killed_us) / 1e6;
  fail_unless (noticed > RTP_TIMEOUT_S - 0.5 && noticed < RTP_TIMEOUT_S + 3.0,
      "noticed %.1f s after the kill", noticed);
  /* single-call: the src pad's EOS finalizes the file, and the pipeline
   * ends. */
  fail_unless (wait_for (bob, is_eos, NULL, TIMEOUT_MS),
      "the recording did not end");
  recorded = (bob->end_pts - bob->first_pts) / (gdouble) GST_SECOND;
  side_free (bob);

  fail_unless (recorded > RECORDED_S, "%.2f s recorded", recorded);
  duration = discovered_duration (recording);
  fail_unless (ABS (duration - recorded) < DURATION_TOLERANCE_S,
      "the file lasts %.3f s, %.3f s went into it", duration, recorded);
}

GST_END_TEST;

static void
setup (void)
{
  work_dir = g_dir_make_tmp ("gst-jssip-call-flows-XXXXXX", NULL);
  fail_unless (work_dir != NULL);
  kamailio_fixture_start (NULL);
}

static void
teardown (void)
{
  const gchar *rm[] = { "rm", "-rf", work_dir, NULL };

  kamailio_fixture_stop ();
  g_spawn_sync (NULL, (gchar **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
      NULL, NULL, NULL, NULL);
  g_clear_pointer (&work_dir, g_free);
}

static Suite *
call_flows_suite (void)
{
  Suite *s = suite_create ("jssip-call-flows");
  TCase *tc = tcase_create ("kamailio");

  tcase_add_unchecked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_late_offer_answered_in_ack);
  tcase_add_test (tc, test_late_offer_without_answer_ends_missing_sdp);
  tcase_add_test (tc, test_2xx_retransmission_acked_again);
  tcase_add_test (tc, test_2xx_racing_cancel_gets_ack_and_bye);
  tcase_add_test (tc, test_call_without_media_connection_ends);
  tcase_add_test (tc, test_answer_in_183_applied_at_once);
  tcase_add_test (tc, test_wrong_password_fails_authentication_error);
  tcase_add_test (tc, test_server_down_fails_connection_error);
  tcase_add_test (tc, test_unknown_user_fails_not_found);
  tcase_add_test (tc, test_far_side_killed_recording_finalized);
  tcase_add_test (tc, test_no_ack_ends_call);
  suite_add_tcase (s, tc);
  return s;
}

GST_CHECK_MAIN (call_flows);
