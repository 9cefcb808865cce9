/* gst-jssip: tests for gst_sip_message_validate(), the checks the user
 * agent applies to every message received from the network
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/check/gstcheck.h>
#include <gst/sip/sipmessage.h>

#include <string.h>

#define CRLF "\r\n"

/* A valid request; tests replace one line of it. */
static const gchar *const request_lines[] = {
  "INVITE sip:bob@example.com SIP/2.0",
  "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1",
  "Max-Forwards: 70",
  "To: <sip:bob@example.com>",
  "From: <sip:alice@example.com>;tag=f1",
  "Call-ID: v1",
  "CSeq: 1 INVITE",
  "Contact: <sip:alice@a.invalid;transport=ws>",
  NULL
};

static const gchar *const response_lines[] = {
  "SIP/2.0 200 OK",
  "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1",
  "To: <sip:bob@example.com>;tag=t1",
  "From: <sip:alice@example.com>;tag=f1",
  "Call-ID: v1",
  "CSeq: 1 INVITE",
  NULL
};

/* Builds the message from @lines, with line @replace swapped for
 * @replacement (NULL drops it) and @extra appended before the empty line. */
static gchar *
build (const gchar * const *lines, gint replace, const gchar * replacement,
    const gchar * extra)
{
  GString *out = g_string_new (NULL);
  gint i;

  for (i = 0; lines[i]; i++) {
    const gchar *line = i == replace ? replacement : lines[i];

    if (line)
      g_string_append_printf (out, "%s" CRLF, line);
  }
  if (extra)
    g_string_append_printf (out, "%s" CRLF, extra);
  g_string_append (out, CRLF);
  return g_string_free (out, FALSE);
}

/* Returns NULL if the message is accepted, the reason otherwise (parse or
 * validate, as the UA sees it). */
static const gchar *
check (gchar * text)
{
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;

  if (gst_sip_message_parse (text, strlen (text), &msg, &reason) ==
      GST_SIP_PARSE_OK) {
    fail_unless (msg != NULL);
    if (gst_sip_message_validate (msg, &reason))
      reason = NULL;
    else
      fail_unless (reason != NULL);
    gst_sip_message_free (msg);
  }
  g_free (text);
  return reason;
}

#define assert_accepted(text) G_STMT_START { \
  const gchar *r_ = check (text); \
  fail_unless (r_ == NULL, "rejected: %s", r_); \
} G_STMT_END

#define assert_rejected(text, expected) G_STMT_START { \
  const gchar *r_ = check (text); \
  fail_unless (r_ != NULL, "accepted, expected '%s'", expected); \
  fail_unless_equals_string (r_, expected); \
} G_STMT_END

GST_START_TEST (test_valid_messages)
{
  assert_accepted (build (request_lines, -1, NULL, NULL));
  assert_accepted (build (response_lines, -1, NULL, NULL));
  /* An ACK's CSeq says ACK (§17.1.1.3). */
  assert_accepted (g_strdup ("ACK sip:bob@example.com SIP/2.0" CRLF
          "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK2" CRLF
          "Max-Forwards: 70" CRLF "To: <sip:bob@example.com>;tag=t1" CRLF
          "From: <sip:alice@example.com>;tag=f1" CRLF "Call-ID: v1" CRLF
          "CSeq: 1 ACK" CRLF CRLF));
}

GST_END_TEST;

GST_START_TEST (test_missing_mandatory)
{
  assert_rejected (build (request_lines, 1, NULL, NULL), "Missing Via");
  assert_rejected (build (request_lines, 2, NULL, NULL),
      "Missing Max-Forwards");
  assert_rejected (build (request_lines, 3, NULL, NULL), "Missing To");
  assert_rejected (build (request_lines, 4, NULL, NULL), "Missing From");
  assert_rejected (build (request_lines, 5, NULL, NULL), "Missing Call-ID");
  assert_rejected (build (request_lines, 6, NULL, NULL), "Missing CSeq");
  assert_rejected (build (response_lines, 1, NULL, NULL), "Missing Via");
  assert_rejected (build (response_lines, 4, NULL, NULL), "Missing Call-ID");
}

GST_END_TEST;

GST_START_TEST (test_duplicates)
{
  assert_rejected (build (request_lines, -1, NULL, "Call-ID: other"),
      "Duplicate Call-ID");
  assert_rejected (build (request_lines, -1, NULL, "t: <sip:x@example.com>"),
      "Duplicate To");
  assert_rejected (build (request_lines, -1, NULL, "CSeq: 2 INVITE"),
      "Duplicate CSeq");
  assert_rejected (build (request_lines, -1, NULL, "Max-Forwards: 3"),
      "Duplicate Max-Forwards");
  assert_rejected (build (response_lines, -1, NULL,
          "Via: SIP/2.0/WSS b.invalid;branch=z9hG4bK2"),
      "Too many Via headers");
}

GST_END_TEST;

GST_START_TEST (test_cseq_and_method)
{
  assert_rejected (build (request_lines, 6, "CSeq: 1 BYE", NULL),
      "CSeq method mismatch");
  /* Methods are case-sensitive. */
  assert_rejected (build (request_lines, 6, "CSeq: 1 invite", NULL),
      "CSeq method mismatch");
  assert_rejected (build (request_lines, 6, "CSeq: INVITE", NULL), "Bad CSeq");
  assert_rejected (build (request_lines, 6, "CSeq: -1 INVITE", NULL),
      "Bad CSeq");
  /* Below 2**31 (§8.1.1.5). */
  assert_rejected (build (request_lines, 6, "CSeq: 2147483648 INVITE", NULL),
      "Bad CSeq");
  assert_accepted (build (request_lines, 6, "CSeq: 2147483647 INVITE", NULL));
  assert_rejected (build (request_lines, 6, "CSeq: 1 INVITE x", NULL),
      "Bad CSeq");
}

GST_END_TEST;

GST_START_TEST (test_bad_structured_headers)
{
  assert_rejected (build (request_lines, 1, "Via: SIP/2.0 a.invalid", NULL),
      "Bad Via header");
  assert_rejected (build (request_lines, 1, "Via: SIP/2.0/WSS", NULL),
      "Bad Via header");
  assert_rejected (build (request_lines, 2, "Max-Forwards: 256", NULL),
      "Bad Max-Forwards");
  assert_rejected (build (request_lines, 2, "Max-Forwards: x", NULL),
      "Bad Max-Forwards");
  assert_rejected (build (request_lines, 3, "To: <sip:bob@example.com", NULL),
      "Bad To header");
  assert_rejected (build (request_lines, 4,
          "From: \"Alice <sip:alice@example.com>;tag=1", NULL),
      "Bad From header");
  assert_rejected (build (request_lines, 5, "Call-ID:", NULL), "Bad Call-ID");
  assert_rejected (build (request_lines, 7, "Contact: <sip:a@>", NULL),
      "Bad Contact header");
  assert_rejected (build (request_lines, 7, "Contact: *", NULL),
      "Bad Contact header");
  assert_rejected (build (request_lines, -1, NULL, "Expires: soon"),
      "Bad Expires");
}

GST_END_TEST;

GST_START_TEST (test_body_needs_content_type)
{
  static const gchar text[] =
      "MESSAGE sip:bob@example.com SIP/2.0" CRLF
      "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1" CRLF
      "Max-Forwards: 70" CRLF "To: <sip:bob@example.com>" CRLF
      "From: <sip:alice@example.com>;tag=f1" CRLF "Call-ID: m1" CRLF
      "CSeq: 1 MESSAGE" CRLF "Content-Length: 2" CRLF CRLF "hi";

  assert_rejected (g_strdup (text), "Missing Content-Type");
}

GST_END_TEST;

static Suite *
sip_validate_suite (void)
{
  Suite *s = suite_create ("sip-validate");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_valid_messages);
  tcase_add_test (tc, test_missing_mandatory);
  tcase_add_test (tc, test_duplicates);
  tcase_add_test (tc, test_cseq_and_method);
  tcase_add_test (tc, test_bad_structured_headers);
  tcase_add_test (tc, test_body_needs_content_type);
  return s;
}

GST_CHECK_MAIN (sip_validate);
