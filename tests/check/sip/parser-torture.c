/* gst-jssip: torture tests for the SIP parser, in the spirit of RFC 4475's
 * categories (the messages are our own): tricky but valid messages parse
 * with the right fields; invalid ones are refused with a reason; arbitrary
 * damage never crashes or reads out of bounds (run under ASan).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/check/gstcheck.h>
#include <gst/sip/sipmessage.h>

#include <string.h>

#define CRLF "\r\n"

#define MANDATORY_REQ(method) \
    "Via: SIP/2.0/WS h.invalid;branch=z9hG4bKt" CRLF \
    "Max-Forwards: 70" CRLF "To: <sip:bob@example.com>" CRLF \
    "From: <sip:alice@example.com>;tag=t" CRLF "Call-ID: torture" CRLF \
    "CSeq: 1 " method CRLF

/* Parses and validates like the UA; fails the test with the reason. */
static GstSipMessage *
accept_msg (const gchar * text, gsize len)
{
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;

  fail_unless (gst_sip_message_parse (text, len, &msg, &reason) ==
      GST_SIP_PARSE_OK, "parse: %s\n%s", reason, text);
  fail_unless (gst_sip_message_validate (msg, &reason), "validate: %s\n%s",
      reason, text);
  return msg;
}

#define accept_str(text) accept_msg ((text), strlen (text))

/* The reason the UA refuses @text with (parse or validate). */
static const gchar *
refuse_msg (const gchar * text, gsize len, GstSipParseResult expected)
{
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;
  GstSipParseResult res = gst_sip_message_parse (text, len, &msg, &reason);

  fail_unless_equals_int (res, expected);
  if (res == GST_SIP_PARSE_OK) {
    fail_if (gst_sip_message_validate (msg, &reason), "accepted:\n%s", text);
    gst_sip_message_free (msg);
  } else {
    fail_unless (msg == NULL);
  }
  fail_unless (reason != NULL && reason[0] != '\0');
  return reason;
}

#define refuse_str(text) refuse_msg ((text), strlen (text), GST_SIP_PARSE_ERROR)
#define refuse_valid_syntax(text) \
    refuse_msg ((text), strlen (text), GST_SIP_PARSE_OK)

/* --- tricky but valid --- */

GST_START_TEST (test_odd_whitespace)
{
  static const gchar text[] = CRLF CRLF /* CRLFs before the start line (§7.5) */
      "OPTIONS sip:bob@example.com SIP/2.0" CRLF
      "Via\t:\tSIP/2.0/WS   h.invalid  ;  branch  =  z9hG4bKws ; rport" CRLF
      "Max-Forwards :70  " CRLF
      "To:<sip:bob@example.com>" CRLF
      "From:   \t<sip:alice@example.com>  ;tag  = t" CRLF
      "Call-ID:torture" CRLF "CSeq:1    OPTIONS" CRLF "Subject:" CRLF CRLF;
  GstSipMessage *msg = accept_str (text);

  fail_unless_equals_string (msg->vias[0].branch, "z9hG4bKws");
  fail_unless (gst_sip_via_get_param (&msg->vias[0], "rport") == NULL);
  fail_unless_equals_int (msg->vias[0].n_params, 2);
  fail_unless_equals_int (msg->max_forwards, 70);
  fail_unless_equals_string (msg->from_tag, "t");
  fail_unless_equals_string (msg->cseq_method_name, "OPTIONS");
  fail_unless_equals_string (gst_sip_message_get_header (msg,
          GST_SIP_HEADER_SUBJECT), "");
  gst_sip_message_free (msg);
}

GST_END_TEST;

GST_START_TEST (test_bare_lf_and_folding)
{
  static const gchar text[] =
      "OPTIONS sip:bob@example.com SIP/2.0\n"
      "Via: SIP/2.0/WS h.invalid\n  ;branch=z9hG4bKlf\n"
      "Max-Forwards: 70\n"
      "To:\n <sip:bob@example.com>\n"
      "From: <sip:alice@example.com>\r\n\t;tag=t\n"
      "Call-ID: torture\n" "CSeq: 1\n OPTIONS\n" "\n";
  GstSipMessage *msg = accept_str (text);

  fail_unless_equals_string (msg->vias[0].branch, "z9hG4bKlf");
  fail_unless_equals_string (msg->to->uri.user, "bob");
  fail_unless_equals_string (msg->from_tag, "t");
  fail_unless_equals_string (gst_sip_message_get_header (msg,
          GST_SIP_HEADER_CSEQ), "1 OPTIONS");
  gst_sip_message_free (msg);
}

GST_END_TEST;

GST_START_TEST (test_escaped_and_ipv6_uris)
{
  static const gchar text[] =
      "INVITE sip:%61lice%40home@[2001:db8::10]:5070;transport=ws SIP/2.0"
      CRLF
      "Via: SIP/2.0/WSS [2001:db8::9]:443;branch=z9hG4bK6;received="
      "[2001:db8::99]" CRLF
      "Max-Forwards: 70" CRLF
      "To: <sip:alice%40home@[2001:db8::10]>" CRLF
      "From: <sip:bob@[::ffff:192.0.2.1]>;tag=6" CRLF
      "Call-ID: v6" CRLF "CSeq: 1 INVITE" CRLF
      "Contact: <sips:bob@[2001:db8::9]:443;transport=ws>" CRLF CRLF;
  GstSipMessage *msg = accept_str (text);
  GstSipUri *alice = gst_sip_uri_new_parse
      ("sip:alice@home@[2001:DB8::10]:5070;transport=WS", NULL);
  GstSipUri *plain = gst_sip_uri_new_parse
      ("sip:%61lice%40home@[2001:db8::10]:5070;transport=ws", NULL);

  fail_unless_equals_string (msg->request_uri.user, "%61lice%40home");
  fail_unless_equals_string (msg->request_uri.host, "[2001:db8::10]");
  fail_unless_equals_int (msg->request_uri.port, 5070);
  fail_unless (gst_sip_uri_equal (&msg->request_uri, plain));
  /* "sip:alice@home@..." is not a URI one could confuse with it: the
   * first '@' ends the user part, so the host differs. */
  fail_unless (alice == NULL || !gst_sip_uri_equal (&msg->request_uri, alice));
  fail_unless_equals_string (msg->vias[0].host, "[2001:db8::9]");
  fail_unless_equals_int (msg->vias[0].port, 443);
  fail_unless_equals_string (gst_sip_via_get_param (&msg->vias[0],
          "received"), "[2001:db8::99]");
  fail_unless_equals_string (msg->from->uri.host, "[::ffff:192.0.2.1]");
  fail_unless_equals_int (msg->contacts[0].uri.scheme, GST_SIP_URI_SCHEME_SIPS);
  gst_sip_uri_free (alice);
  gst_sip_uri_free (plain);
  gst_sip_message_free (msg);
}

GST_END_TEST;

GST_START_TEST (test_unknown_method_and_headers)
{
  static const gchar text[] =
      "FOO-BAR.baz sip:bob@example.com SIP/2.0" CRLF
      MANDATORY_REQ ("FOO-BAR.baz")
      "X-!%*_+`'~: odd name, kept whole" CRLF "P-Weird:x" CRLF CRLF;
  GstSipMessage *msg = accept_str (text);

  fail_unless_equals_int (msg->method, GST_SIP_METHOD_UNKNOWN);
  fail_unless_equals_string (msg->method_name, "FOO-BAR.baz");
  fail_unless_equals_int (msg->cseq_method, GST_SIP_METHOD_UNKNOWN);
  fail_unless_equals_string (gst_sip_message_get_header_by_name (msg,
          "x-!%*_+`'~"), "odd name, kept whole");
  fail_unless_equals_string (gst_sip_message_get_header_by_name (msg,
          "P-WEIRD"), "x");
  gst_sip_message_free (msg);
}

GST_END_TEST;

GST_START_TEST (test_list_splitting_rules)
{
  static const gchar text[] =
      "SIP/2.0 401 Unauthorized" CRLF
      "Via: SIP/2.0/WS h.invalid;branch=z9hG4bKt" CRLF
      "To: <sip:bob@example.com>;tag=x" CRLF
      "From: <sip:alice@example.com>;tag=t" CRLF
      "Call-ID: torture" CRLF "CSeq: 1 REGISTER" CRLF
      "WWW-Authenticate: Digest realm=\"a, b\", nonce=\"n\", qop=\"auth,"
      "auth-int\", algorithm=MD5" CRLF
      "WWW-Authenticate: Digest realm=\"a\", nonce=\"m\", algorithm=SHA-256"
      CRLF
      "Date: Sat, 13 Nov 2010 23:29:00 GMT" CRLF
      "Contact: \"Bob, <the> \\\"B\\\"\" <sip:b@example.com;x=1,2>;q=0.5,"
      " <sip:c@example.com>" CRLF
      "Record-Route: <sip:p1.example.com;lr>,<sip:p2.example.com;lr>" CRLF
      "Record-Route: <sip:p3.example.com;lr>" CRLF
      "Reason: SIP;cause=200;text=\"Call completed, elsewhere\"" CRLF
      "Accept: application/sdp, ,text/plain" CRLF
      "Warning: 399 h.example.com \"a, b\"" CRLF CRLF;
  GstSipMessage *msg = accept_str (text);

  fail_unless_equals_int (gst_sip_message_count_headers (msg,
          GST_SIP_HEADER_WWW_AUTHENTICATE), 2);
  fail_unless (g_str_has_suffix (gst_sip_message_get_header (msg,
              GST_SIP_HEADER_WWW_AUTHENTICATE), "algorithm=MD5"));
  fail_unless_equals_string (gst_sip_message_get_header (msg,
          GST_SIP_HEADER_DATE), "Sat, 13 Nov 2010 23:29:00 GMT");
  fail_unless_equals_int (msg->n_contacts, 2);
  fail_unless_equals_string (msg->contacts[0].display_name, "Bob, <the> \"B\"");
  fail_unless_equals_string (gst_sip_uri_get_param (&msg->contacts[0].uri,
          "x"), "1,2");
  fail_unless_equals_string (gst_sip_name_addr_get_param (&msg->contacts[0],
          "q"), "0.5");
  fail_unless_equals_int (gst_sip_message_count_headers (msg,
          GST_SIP_HEADER_RECORD_ROUTE), 3);
  fail_unless_equals_string (gst_sip_message_get_header_nth (msg,
          GST_SIP_HEADER_RECORD_ROUTE, 1), "<sip:p2.example.com;lr>");
  fail_unless_equals_int (gst_sip_message_count_headers (msg,
          GST_SIP_HEADER_REASON), 1);
  /* Null list elements are dropped. */
  fail_unless_equals_int (gst_sip_message_count_headers (msg,
          GST_SIP_HEADER_ACCEPT), 2);
  fail_unless_equals_int (gst_sip_message_count_headers (msg,
          GST_SIP_HEADER_WARNING), 1);
  gst_sip_message_free (msg);
}

GST_END_TEST;

GST_START_TEST (test_status_lines)
{
  static const gchar *const ok[] = {
    "SIP/2.0 699 Whatever",
    "SIP/2.0 100 ",
    "SIP/2.0 180",
    "sip/2.0 200 OK with  spaces\tand tab",
    "SIP/2.0 200 \xc3\x9c\x6e\x69\x63\x6f\x64\x65",
  };
  static const gchar *const reasons[] = {
    "Whatever", "", "", "OK with  spaces\tand tab", "\xc3\x9cnicode",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (ok); i++) {
    gchar *text = g_strdup_printf ("%s" CRLF
        "Via: SIP/2.0/WS h.invalid;branch=z9hG4bKt" CRLF
        "To: <sip:bob@example.com>;tag=x" CRLF
        "From: <sip:alice@example.com>;tag=t" CRLF
        "Call-ID: s" CRLF "CSeq: 1 INVITE" CRLF CRLF, ok[i]);
    GstSipMessage *msg = accept_str (text);

    fail_unless_equals_string (msg->reason_phrase, reasons[i]);
    gst_sip_message_free (msg);
    g_free (text);
  }
}

GST_END_TEST;

GST_START_TEST (test_body_edge_cases)
{
  static const gchar text[] =
      "MESSAGE sip:bob@example.com SIP/2.0" CRLF MANDATORY_REQ ("MESSAGE")
      "c: text/plain" CRLF "l: 0013" CRLF "Content-Length: 13" CRLF CRLF
      "a" CRLF CRLF "b" CRLF CRLF "c" CRLF;
  GstSipMessage *msg = accept_str (text);

  /* Leading zeros, repeated equal values, CRLFCRLF inside the body. */
  fail_unless_equals_int (msg->content_length, 13);
  fail_unless_equals_int (msg->body_length, 13);
  fail_unless_equals_string (msg->body, "a\r\n\r\nb\r\n\r\nc\r\n");
  gst_sip_message_free (msg);
}

GST_END_TEST;

GST_START_TEST (test_limits_reached_exactly)
{
  GString *text = g_string_new ("OPTIONS sip:bob@example.com SIP/2.0" CRLF
      MANDATORY_REQ ("OPTIONS"));
  GstSipMessage *msg;
  guint i;

  /* 7 entries so far: fill up to GST_SIP_MAX_HEADERS with one list. */
  g_string_append (text, "Allow: A0");
  for (i = 1; i < GST_SIP_MAX_HEADERS - 6 - 1; i++)
    g_string_append_printf (text, ",A%u", i);
  g_string_append (text, CRLF "X-Long: ");
  while (text->len % 4096 != 0 || text->len < 8000)
    g_string_append_c (text, 'x');
  g_string_append (text, CRLF CRLF);
  msg = accept_msg (text->str, text->len);
  fail_unless_equals_int (msg->n_headers, GST_SIP_MAX_HEADERS);
  gst_sip_message_free (msg);
  g_string_free (text, TRUE);
}

GST_END_TEST;

/* --- invalid --- */

GST_START_TEST (test_bad_framing)
{
  static const gchar nul_in_body_only[] =
      "SIP/2.0 200 OK" CRLF "Content-Length: 1" CRLF CRLF "\0";
  GstSipMessage *msg = NULL;
  const gchar *reason;

  fail_unless_equals_string (refuse_msg ("", 0, GST_SIP_PARSE_ERROR),
      "Empty message");
  fail_unless_equals_string (refuse_str (CRLF CRLF CRLF), "Empty message");
  fail_unless_equals_string (refuse_str ("OPTIONS sip:a@b SIP/2.0"),
      "Truncated message");
  fail_unless_equals_string (refuse_str ("OPTIONS sip:a@b SIP/2.0" CRLF
          "Via: SIP/2.0/WS h" CRLF), "Truncated message");
  fail_unless_equals_string (refuse_str ("OPTIONS sip:a@b SIP/2.0" CRLF
          "Via: SIP/2.0/WS h" CRLF " ;folded-at-end"), "Truncated message");
  fail_unless_equals_string (refuse_str ("SIP/2.0 200 OK" CRLF
          "Content-Length: -1" CRLF CRLF), "Bad Content-Length");
  fail_unless_equals_string (refuse_str ("SIP/2.0 200 OK" CRLF
          "Content-Length: 99999999999" CRLF CRLF), "Bad Content-Length");
  fail_unless_equals_string (refuse_str ("SIP/2.0 200 OK" CRLF
          "Content-Length: 1 2" CRLF CRLF "12"), "Bad Content-Length");
  fail_unless_equals_string (refuse_str ("SIP/2.0 200 OK" CRLF
          "Content-Length:" CRLF CRLF), "Bad Content-Length");
  /* A NUL in the body is data, not an error. */
  fail_unless (gst_sip_message_parse (nul_in_body_only,
          sizeof (nul_in_body_only) - 1, &msg, &reason) == GST_SIP_PARSE_OK);
  fail_unless_equals_int (msg->body_length, 1);
  gst_sip_message_free (msg);
}

GST_END_TEST;

GST_START_TEST (test_bad_start_lines)
{
  static const struct
  {
    const gchar *line;
    const gchar *reason;
  } cases[] = {
    {"INVITE sip:bob@example.com", "Bad Request-Line"},
    {"INVITE  sip:bob@example.com SIP/2.0", "Bad Request-Line"},
    {"INVITE sip:bob@example.com  SIP/2.0", "Bad Request-Line"},
    {"INVITE sip:bob@example.com SIP/2.0 ", "Bad Request-Line"},
    {" INVITE sip:bob@example.com SIP/2.0", "Bad Request-Line"},
    {"INV:ITE sip:bob@example.com SIP/2.0", "Bad Request-Line"},
    {"INVITE sip:bob@example.com HTTP/1.1", "Bad Request-Line"},
    {"INVITE sip:bob@example.com SIP/2.1", "SIP Version Not Supported"},
    {"INVITE http://example.com/ SIP/2.0", "Unsupported URI Scheme"},
    {"INVITE sip:bob@exa mple.com SIP/2.0", "Bad Request-Line"},
    {"INVITE sip:bob@example.com: SIP/2.0", "Bad Request-URI"},
    {"INVITE <sip:bob@example.com> SIP/2.0", "Unsupported URI Scheme"},
    {"SIP/2.0 20 OK", "Bad Status-Line"},
    {"SIP/2.0 2000 OK", "Bad Status-Line"},
    {"SIP/2.0 700 Too High", "Bad Status-Line"},
    {"SIP/2.0 099 Too Low", "Bad Status-Line"},
    {"SIP/2.0 2x0 OK", "Bad Status-Line"},
    {"SIP/2.0  200 OK", "Bad Status-Line"},
    {"SIP/3.0 200 OK", "SIP Version Not Supported"},
    {"HTTP/1.1 200 OK", "Bad Request-Line"},
    {"", "Bad Request-Line"},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    gchar *text = g_strdup_printf ("%s" CRLF MANDATORY_REQ ("INVITE") CRLF,
        cases[i].line);

    /* An empty first line is skipped as a leading CRLF: use LF-only. */
    if (cases[i].line[0] == '\0')
      text[0] = '\n';
    fail_unless_equals_string (refuse_str (text), cases[i].reason);
    g_free (text);
  }
}

GST_END_TEST;

GST_START_TEST (test_bad_header_lines)
{
  static const struct
  {
    const gchar *line;
    const gchar *reason;
  } cases[] = {
    {"Via SIP/2.0/WS h.invalid", "Bad header line"},
    {": no name", "Bad header line"},
    {"X Y: z", "Bad header line"},
    {"X-Ctl\x01: z", "Bad header line"},
    {"X-Cr: a\rb", "Bad line ending"},
    {"Contact: \"open <sip:a@example.com>", "Unterminated quoted string"},
    {"Contact: \"esc\\\" <sip:a@example.com>", "Unterminated quoted string"},
    {"Route: <sip:p.example.com;lr", "Unterminated <"},
    {"From: <sip:alice@example.com>;tag=\"x", "Duplicate From"},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    gchar *text = g_strdup_printf ("OPTIONS sip:bob@example.com SIP/2.0" CRLF
        MANDATORY_REQ ("OPTIONS") "%s" CRLF CRLF, cases[i].line);
    GstSipParseResult expected = i == G_N_ELEMENTS (cases) - 1 ?
        GST_SIP_PARSE_OK : GST_SIP_PARSE_ERROR;

    fail_unless_equals_string (refuse_msg (text, strlen (text), expected),
        cases[i].reason);
    g_free (text);
  }
  /* Whitespace right after the start line cannot continue anything. */
  fail_unless_equals_string (refuse_str ("OPTIONS sip:bob@example.com SIP/2.0"
          CRLF " Via: SIP/2.0/WS h.invalid" CRLF CRLF), "Bad header line");
}

GST_END_TEST;

GST_START_TEST (test_nul_bytes)
{
  static const gchar in_start_line[] =
      "OPTIONS sip:bob@exa\0mple.com SIP/2.0" CRLF CRLF;
  static const gchar in_name[] = "SIP/2.0 200 OK" CRLF "Vi\0a: x" CRLF CRLF;
  static const gchar in_folded[] =
      "SIP/2.0 200 OK" CRLF "Subject: a" CRLF " b\0c" CRLF CRLF;
  static const gchar after_value[] =
      "SIP/2.0 200 OK" CRLF "Subject: a\0" CRLF CRLF;

  fail_unless_equals_string (refuse_msg (in_start_line,
          sizeof (in_start_line) - 1, GST_SIP_PARSE_ERROR),
      "NUL byte in header");
  fail_unless_equals_string (refuse_msg (in_name, sizeof (in_name) - 1,
          GST_SIP_PARSE_ERROR), "NUL byte in header");
  fail_unless_equals_string (refuse_msg (in_folded, sizeof (in_folded) - 1,
          GST_SIP_PARSE_ERROR), "NUL byte in header");
  fail_unless_equals_string (refuse_msg (after_value,
          sizeof (after_value) - 1, GST_SIP_PARSE_ERROR), "NUL byte in header");
}

GST_END_TEST;

GST_START_TEST (test_mandatory_and_semantics)
{
  fail_unless_equals_string (refuse_valid_syntax
      ("OPTIONS sip:bob@example.com SIP/2.0" CRLF
          MANDATORY_REQ ("INVITE") CRLF), "CSeq method mismatch");
  fail_unless_equals_string (refuse_valid_syntax
      ("OPTIONS sip:bob@example.com SIP/2.0" CRLF
          "Via: SIP/2.0/WS h.invalid;branch=z9hG4bKt" CRLF
          "To: <sip:bob@example.com>" CRLF
          "From: <sip:alice@example.com>;tag=t" CRLF "Call-ID: x" CRLF
          "CSeq: 1 OPTIONS" CRLF CRLF), "Missing Max-Forwards");
  fail_unless_equals_string (refuse_valid_syntax
      ("OPTIONS sip:bob@example.com SIP/2.0" CRLF MANDATORY_REQ ("OPTIONS")
          "Via: SIP/2.0/WS h2.invalid;branch=" CRLF CRLF), "Bad Via header");
}

GST_END_TEST;

GST_START_TEST (test_size_limits)
{
  GString *text = g_string_new ("OPTIONS sip:bob@example.com SIP/2.0" CRLF
      MANDATORY_REQ ("OPTIONS"));
  gsize base = text->len;
  guint i;

  /* Header too long. */
  g_string_append (text, "X-Long: ");
  for (i = 0; i <= GST_SIP_MAX_HEADER_LENGTH; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, CRLF CRLF);
  fail_unless_equals_string (refuse_msg (text->str, text->len,
          GST_SIP_PARSE_TOO_LARGE), "Header too long");

  /* Folding does not escape the limit. */
  g_string_truncate (text, base);
  g_string_append (text, "X-Folded: a");
  for (i = 0; i < GST_SIP_MAX_HEADER_LENGTH / 4; i++)
    g_string_append (text, CRLF " bcdef");
  g_string_append (text, CRLF CRLF);
  fail_unless_equals_string (refuse_msg (text->str, text->len,
          GST_SIP_PARSE_TOO_LARGE), "Header too long");

  /* Too many header entries, from lines or from one list. */
  g_string_truncate (text, base);
  for (i = 0; i < GST_SIP_MAX_HEADERS; i++)
    g_string_append_printf (text, "X-%u: v" CRLF, i);
  g_string_append (text, CRLF);
  fail_unless_equals_string (refuse_msg (text->str, text->len,
          GST_SIP_PARSE_TOO_LARGE), "Too many headers");
  g_string_truncate (text, base);
  g_string_append (text, "Supported: a");
  for (i = 0; i < GST_SIP_MAX_HEADERS; i++)
    g_string_append (text, ",a");
  g_string_append (text, CRLF CRLF);
  fail_unless_equals_string (refuse_msg (text->str, text->len,
          GST_SIP_PARSE_TOO_LARGE), "Too many headers");

  /* Body too large, message too large. */
  g_string_truncate (text, base);
  g_string_append (text, "Content-Type: text/plain" CRLF CRLF);
  for (i = 0; i <= GST_SIP_MAX_BODY_SIZE; i++)
    g_string_append_c (text, 'b');
  fail_unless_equals_string (refuse_msg (text->str, text->len,
          GST_SIP_PARSE_TOO_LARGE), "Body too large");
  while (text->len <= GST_SIP_MAX_MESSAGE_SIZE)
    g_string_append_c (text, 'b');
  fail_unless_equals_string (refuse_msg (text->str, text->len,
          GST_SIP_PARSE_TOO_LARGE), "Message too large");

  /* Too many parameters make the Via unreadable. */
  g_string_truncate (text, base);
  g_string_append (text, "Via: SIP/2.0/WS h2.invalid");
  for (i = 0; i <= GST_SIP_MAX_PARAMS; i++)
    g_string_append_printf (text, ";p%u", i);
  g_string_append (text, CRLF CRLF);
  fail_unless_equals_string (refuse_msg (text->str, text->len,
          GST_SIP_PARSE_OK), "Bad Via header");
  g_string_free (text, TRUE);
}

GST_END_TEST;

/* --- damage: never crash, never read out of bounds --- */

static const gchar sample[] =
    "INVITE sip:bob@[2001:db8::1]:5070;transport=ws?Replaces=a%40b SIP/2.0"
    CRLF
    "v: SIP/2.0/WSS h.invalid;branch=z9hG4bK1;rport, SIP/2.0/WS [::1]:80"
    CRLF
    "Max-Forwards: 70" CRLF
    "t: \"B\\\"o,b\" <sip:bob@example.com>" CRLF
    "f: Alice <sip:alice@example.com>;tag=88" CRLF
    "i: dmg@example.com" CRLF "CSeq: 7 INVITE" CRLF
    "m: <sip:a@h.invalid;ob>;+sip.instance=\"<urn:uuid:1>\", *" CRLF
    "Route: <sip:p1.example.com;lr>,<sip:p2.example.com;lr>" CRLF
    "Subject: x" CRLF "\ty" CRLF
    "c: application/sdp" CRLF "l: 4" CRLF CRLF "v=0" CRLF;

/* Parsing a message must either fail cleanly or give a message that
 * serialises and parses again. */
static void
parse_damaged (const gchar * data, gsize len)
{
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;
  GstSipParseResult res;

  /* An exact-size heap copy lets ASan catch any read past the end. */
  gchar *copy = g_memdup2 (data, len ? len : 1);

  res = gst_sip_message_parse (copy, len, &msg, &reason);
  if (res == GST_SIP_PARSE_OK) {
    gchar *wire;
    gsize wire_len;
    GstSipMessage *again = NULL;

    fail_unless (msg != NULL);
    gst_sip_message_validate (msg, &reason);
    wire = gst_sip_message_to_string (msg, &wire_len);
    fail_unless_equals_int (gst_sip_message_parse (wire, wire_len, &again,
            &reason), GST_SIP_PARSE_OK);
    gst_sip_message_free (again);
    g_free (wire);
    gst_sip_message_free (msg);
  } else {
    fail_unless (msg == NULL && reason != NULL);
  }
  g_free (copy);
}

GST_START_TEST (test_every_truncation)
{
  gsize len;

  for (len = 0; len <= sizeof (sample) - 1; len++)
    parse_damaged (sample, len);
}

GST_END_TEST;

GST_START_TEST (test_random_damage)
{
  static const gchar interesting[] = "\r\n\t \0\"\\<>,;:=@?%[]*/";
  GRand *rand = g_rand_new_with_seed (4475);
  gchar buf[sizeof (sample)];
  guint round;

  for (round = 0; round < 5000; round++) {
    guint n = g_rand_int_range (rand, 1, 6), i;
    gsize len = sizeof (sample) - 1;

    memcpy (buf, sample, len);
    for (i = 0; i < n; i++) {
      gsize pos = g_rand_int_range (rand, 0, len);

      buf[pos] = g_rand_boolean (rand) ?
          interesting[g_rand_int_range (rand, 0, sizeof (interesting) - 1)] :
          (gchar) g_rand_int_range (rand, 0, 256);
    }
    if (g_rand_int_range (rand, 0, 4) == 0)
      len = g_rand_int_range (rand, 0, len + 1);
    parse_damaged (buf, len);
  }
  g_rand_free (rand);
}

GST_END_TEST;

static Suite *
sip_parser_torture_suite (void)
{
  Suite *s = suite_create ("sip-parser-torture");
  TCase *valid = tcase_create ("valid");
  TCase *invalid = tcase_create ("invalid");
  TCase *damage = tcase_create ("damage");

  suite_add_tcase (s, valid);
  tcase_add_test (valid, test_odd_whitespace);
  tcase_add_test (valid, test_bare_lf_and_folding);
  tcase_add_test (valid, test_escaped_and_ipv6_uris);
  tcase_add_test (valid, test_unknown_method_and_headers);
  tcase_add_test (valid, test_list_splitting_rules);
  tcase_add_test (valid, test_status_lines);
  tcase_add_test (valid, test_body_edge_cases);
  tcase_add_test (valid, test_limits_reached_exactly);

  suite_add_tcase (s, invalid);
  tcase_add_test (invalid, test_bad_framing);
  tcase_add_test (invalid, test_bad_start_lines);
  tcase_add_test (invalid, test_bad_header_lines);
  tcase_add_test (invalid, test_nul_bytes);
  tcase_add_test (invalid, test_mandatory_and_semantics);
  tcase_add_test (invalid, test_size_limits);

  suite_add_tcase (s, damage);
  tcase_add_test (damage, test_every_truncation);
  tcase_add_test (damage, test_random_damage);
  return s;
}

GST_CHECK_MAIN (sip_parser_torture);
