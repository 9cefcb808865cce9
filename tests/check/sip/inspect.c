/* gst-jssip: tests for tools/sip-inspect, run as a program on the sample
 * messages in tests/check/data/
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/check/gstcheck.h>
#include <gst/sip/sipmessage.h>

#include <string.h>

typedef struct
{
  gint status;
  gchar *out;
  gchar *err;
} Run;

static gchar *
data_path (const gchar * name)
{
  return g_build_filename (TESTS_DATA_DIR, name, NULL);
}

static void
run_inspect (const gchar * file, const gchar * stdin_path, Run * run)
{
  const gchar *tool = g_getenv ("SIP_INSPECT");
  GError *error = NULL;
  gchar *cmd;

  fail_unless (tool != NULL, "SIP_INSPECT is not set");
  /* The shell gives stdin redirection; paths come from the test itself. */
  if (stdin_path)
    cmd = g_strdup_printf ("/bin/sh -c '\"%s\" < \"%s\"'", tool, stdin_path);
  else
    cmd = g_strdup_printf ("\"%s\" \"%s\"", tool, file);
  fail_unless (g_spawn_command_line_sync (cmd, &run->out, &run->err,
          &run->status, &error), "%s", error ? error->message : "");
  g_free (cmd);
}

static void
run_clear (Run * run)
{
  g_free (run->out);
  g_free (run->err);
}

static gint
exit_code (const Run * run)
{
  return WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
}

static void
assert_output_has (const Run * run, const gchar * fragment)
{
  fail_unless (strstr (run->out, fragment) != NULL,
      "output lacks [%s]:\n%s", fragment, run->out);
}

GST_START_TEST (test_valid_invite)
{
  gchar *path = data_path ("valid-invite-webrtc.sip");
  Run run;

  run_inspect (path, NULL, &run);
  fail_unless_equals_int (exit_code (&run), 0);
  assert_output_has (&run, "\"accepted\": true");
  assert_output_has (&run, "\"method\": \"INVITE\"");
  assert_output_has (&run, "\"request_uri\": \"sip:bob@example.com\"");
  assert_output_has (&run, "\"call_id\": \"3sr8n6gg6v2onh9q1k5v\"");
  assert_output_has (&run, "\"cseq\": {\"number\": 8372, \"method\": "
      "\"INVITE\"}");
  assert_output_has (&run, "\"display_name\": \"Alice\"");
  assert_output_has (&run, "\"tag\": \"ku2bkrqgq3\"");
  assert_output_has (&run, "\"transport\": \"WSS\"");
  assert_output_has (&run, "\"host\": \"8mf2k1o0u1ji.invalid\"");
  assert_output_has (&run, "\"branch\": \"z9hG4bK6152331\"");
  assert_output_has (&run, "\"contacts\": "
      "[\"sip:q3c5d1ci@8mf2k1o0u1ji.invalid;transport=ws;ob\"]");
  assert_output_has (&run, "\"content_type\": \"application/sdp\"");
  assert_output_has (&run, "\"content_length\": 429");
  assert_output_has (&run, "\"body_length\": 429");
  run_clear (&run);
  g_free (path);
}

GST_END_TEST;

GST_START_TEST (test_valid_response_from_stdin)
{
  gchar *path = data_path ("valid-200-ok.sip");
  Run run;

  run_inspect (NULL, path, &run);
  fail_unless_equals_int (exit_code (&run), 0);
  assert_output_has (&run, "\"status_code\": 200");
  assert_output_has (&run, "\"reason\": \"OK\"");
  assert_output_has (&run, "\"tag\": \"as6c8f5a1b\"");
  assert_output_has (&run, "\"contacts\": "
      "[\"sip:bob@127.0.0.1:8080;transport=ws\"]");
  fail_if (strstr (run.out, "\n  \"method\"") != NULL);
  run_clear (&run);
  g_free (path);
}

GST_END_TEST;

GST_START_TEST (test_torture_fields)
{
  gchar *path = data_path ("valid-torture-compact-fold.sip");
  Run run;

  run_inspect (path, NULL, &run);
  fail_unless_equals_int (exit_code (&run), 0);
  assert_output_has (&run, "\"method\": \"NEWMETHOD\"");
  assert_output_has (&run, "\"cseq\": {\"number\": 42, \"method\": "
      "\"NEWMETHOD\"}");
  /* Escapes in the display name come out as JSON escapes. */
  assert_output_has (&run, "\"display_name\": \"Bob \\\"the\\\" \\\\ "
      "builder\"");
  assert_output_has (&run, "\"host\": \"[2001:db8::1]\"");
  assert_output_has (&run, "\"port\": 8443");
  assert_output_has (&run, "\"branch\": \"z9hG4bKtort2\"");
  assert_output_has (&run, "\"contacts\": "
      "[\"sip:a@[2001:db8::1]:8443;transport=ws\", \"sips:b@example.com\"]");
  assert_output_has (&run, "\"content_length\": null");
  assert_output_has (&run, "\"body_length\": 5");
  run_clear (&run);
  g_free (path);
}

GST_END_TEST;

static const struct
{
  const gchar *file;
  const gchar *reason;
} rejected[] = {
  {"invalid-bad-content-length.sip", "Body shorter than Content-Length"},
  {"invalid-content-length-syntax.sip", "Bad Content-Length"},
  {"invalid-missing-call-id.sip", "Missing Call-ID"},
  {"invalid-missing-via.sip", "Missing Via"},
  {"invalid-cseq-mismatch.sip", "CSeq method mismatch"},
  {"invalid-bad-start-line.sip", "Bad Request-Line"},
  {"invalid-version.sip", "SIP Version Not Supported"},
  {"invalid-unterminated-quote.sip", "Bad From header"},
  {"invalid-nul-byte.sip", "NUL byte in header"},
  {"invalid-huge-header.sip", "Header too long"},
  {"invalid-too-many-headers.sip", "Too many headers"},
};

GST_START_TEST (test_rejected)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (rejected); i++) {
    gchar *path = data_path (rejected[i].file);
    gchar *expected = g_strdup_printf ("\"reason\": \"%s\"",
        rejected[i].reason);
    Run run;

    run_inspect (path, NULL, &run);
    fail_unless_equals_int (exit_code (&run), 1);
    assert_output_has (&run, "\"accepted\": false");
    assert_output_has (&run, expected);
    fail_unless (strstr (run.err, rejected[i].reason) != NULL);
    run_clear (&run);
    g_free (expected);
    g_free (path);
  }
}

GST_END_TEST;

/* The tool says what the library says, for every sample message. */
GST_START_TEST (test_agrees_with_library)
{
  GDir *dir = g_dir_open (TESTS_DATA_DIR, 0, NULL);
  const gchar *name;
  guint n = 0;

  fail_unless (dir != NULL);
  while ((name = g_dir_read_name (dir)) != NULL) {
    gchar *path, *contents;
    gsize len;
    GstSipMessage *msg = NULL;
    const gchar *reason = NULL;
    gboolean accepted;
    Run run;

    if (!g_str_has_suffix (name, ".sip"))
      continue;
    path = data_path (name);
    fail_unless (g_file_get_contents (path, &contents, &len, NULL));
    accepted = gst_sip_message_parse (contents, len, &msg, &reason) ==
        GST_SIP_PARSE_OK && gst_sip_message_validate (msg, &reason);
    run_inspect (path, NULL, &run);
    fail_unless_equals_int (exit_code (&run), accepted ? 0 : 1);
    if (!accepted)
      fail_unless (strstr (run.out, reason) != NULL, "%s", name);
    else
      assert_output_has (&run, msg->call_id);
    fail_unless_equals_int (g_str_has_prefix (name, "valid-"), accepted);
    run_clear (&run);
    gst_sip_message_free (msg);
    g_free (contents);
    g_free (path);
    n++;
  }
  g_dir_close (dir);
  fail_unless (n >= 10);
}

GST_END_TEST;

GST_START_TEST (test_usage_errors)
{
  Run run;

  run_inspect ("/nonexistent/message.sip", NULL, &run);
  fail_unless_equals_int (exit_code (&run), 2);
  fail_unless (strstr (run.err, "cannot open") != NULL);
  run_clear (&run);
}

GST_END_TEST;

static Suite *
sip_inspect_suite (void)
{
  Suite *s = suite_create ("sip-inspect");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_valid_invite);
  tcase_add_test (tc, test_valid_response_from_stdin);
  tcase_add_test (tc, test_torture_fields);
  tcase_add_test (tc, test_rejected);
  tcase_add_test (tc, test_agrees_with_library);
  tcase_add_test (tc, test_usage_errors);
  return s;
}

GST_CHECK_MAIN (sip_inspect);
