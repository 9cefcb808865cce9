/* gst-jssip: tests for the SIP message model, parser and serializer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/check/gstcheck.h>
#include <gst/sip/sipmessage.h>

#include <string.h>

#define CRLF "\r\n"

static const gchar invite[] =
    "INVITE sip:bob@biloxi.example.com SIP/2.0" CRLF
    "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKnashds8;rport" CRLF
    "Max-Forwards: 69" CRLF
    "To: Bob <sip:bob@biloxi.example.com>" CRLF
    "From: \"Alice A.\" <sip:alice@atlanta.example.com>;tag=1928301774" CRLF
    "Call-ID: a84b4c76e66710@pc33.atlanta.example.com" CRLF
    "CSeq: 314159 INVITE" CRLF
    "Contact: <sip:alice@df7jal23ls0d.invalid;transport=ws;ob>" CRLF
    "Allow: INVITE,ACK,CANCEL,BYE,UPDATE" CRLF
    "Supported: timer, ice,replaces, outbound" CRLF
    "X-Custom: a, b, c" CRLF
    "Content-Type: application/sdp" CRLF
    "Content-Length: 14" CRLF CRLF "v=0\r\no=- 0 0\r\n";

static GstSipMessage *
parse_ok (const gchar * text, gsize len)
{
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;
  GstSipParseResult res = gst_sip_message_parse (text, len, &msg, &reason);

  fail_unless (res == GST_SIP_PARSE_OK && msg != NULL, "parse failed: %s",
      reason);
  return msg;
}

static const gchar *
parse_error (const gchar * text, gsize len, GstSipParseResult expected)
{
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;
  GstSipParseResult res = gst_sip_message_parse (text, len, &msg, &reason);

  fail_unless_equals_int (res, expected);
  fail_unless (msg == NULL);
  fail_unless (reason != NULL && reason[0] != '\0');
  return reason;
}

GST_START_TEST (test_parse_request)
{
  GstSipMessage *msg = parse_ok (invite, strlen (invite));

  fail_unless (msg->is_request);
  fail_unless_equals_int (msg->method, GST_SIP_METHOD_INVITE);
  fail_unless_equals_string (msg->method_name, "INVITE");
  fail_unless_equals_string (msg->request_uri_str,
      "sip:bob@biloxi.example.com");
  fail_unless_equals_string (msg->request_uri.user, "bob");
  fail_unless_equals_string (msg->request_uri.host, "biloxi.example.com");

  fail_unless_equals_string (msg->call_id,
      "a84b4c76e66710@pc33.atlanta.example.com");
  fail_unless_equals_int (msg->cseq, 314159);
  fail_unless_equals_int (msg->cseq_method, GST_SIP_METHOD_INVITE);
  fail_unless_equals_string (msg->from->display_name, "Alice A.");
  fail_unless_equals_string (msg->from_tag, "1928301774");
  fail_unless (msg->to_tag == NULL);
  fail_unless_equals_string (msg->to->display_name, "Bob");
  fail_unless_equals_string (msg->to->uri.user, "bob");
  fail_unless_equals_int (msg->max_forwards, 69);

  fail_unless_equals_int (msg->n_vias, 1);
  fail_unless_equals_string (msg->vias[0].protocol, "SIP/2.0");
  fail_unless_equals_string (msg->vias[0].transport, "WSS");
  fail_unless_equals_string (msg->vias[0].host, "df7jal23ls0d.invalid");
  fail_unless_equals_int (msg->vias[0].port, 0);
  fail_unless_equals_string (msg->vias[0].branch, "z9hG4bKnashds8");
  fail_unless (gst_sip_via_get_param (&msg->vias[0], "rport") == NULL);
  fail_unless_equals_int (msg->vias[0].n_params, 2);

  fail_unless_equals_int (msg->n_contacts, 1);
  fail_unless (!msg->contact_star);
  fail_unless_equals_string (gst_sip_uri_get_param (&msg->contacts[0].uri,
          "transport"), "ws");
  fail_unless (gst_sip_uri_has_param (&msg->contacts[0].uri, "ob"));

  /* List fields are split into one entry per element... */
  fail_unless_equals_int (gst_sip_message_count_headers (msg,
          GST_SIP_HEADER_ALLOW), 5);
  fail_unless_equals_string (gst_sip_message_get_header_nth (msg,
          GST_SIP_HEADER_ALLOW, 4), "UPDATE");
  fail_unless_equals_int (gst_sip_message_count_headers (msg,
          GST_SIP_HEADER_SUPPORTED), 4);
  fail_unless_equals_string (gst_sip_message_get_header_nth (msg,
          GST_SIP_HEADER_SUPPORTED, 2), "replaces");
  /* ...unknown fields are not. */
  fail_unless_equals_string (gst_sip_message_get_header_by_name (msg,
          "x-custom"), "a, b, c");

  fail_unless_equals_string (msg->content_type, "application/sdp");
  fail_unless_equals_int (msg->content_length, 14);
  fail_unless_equals_int (msg->body_length, 14);
  fail_unless_equals_string (msg->body, "v=0\r\no=- 0 0\r\n");
  fail_unless (msg->index_error == NULL);
  gst_sip_message_free (msg);
}

GST_END_TEST;

GST_START_TEST (test_parse_response)
{
  static const gchar text[] =
      "SIP/2.0 180 Ringing" CRLF
      "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK776asdhds;received=192.0.2.1"
      CRLF
      "To: <sip:bob@biloxi.example.com>;tag=a6c85cf" CRLF
      "From: <sip:alice@atlanta.example.com>;tag=1928301774" CRLF
      "Call-ID: abc" CRLF "CSeq: 1 INVITE" CRLF CRLF;
  GstSipMessage *msg = parse_ok (text, strlen (text));

  fail_unless (!msg->is_request);
  fail_unless_equals_int (msg->status_code, 180);
  fail_unless_equals_string (msg->reason_phrase, "Ringing");
  fail_unless_equals_string (msg->to_tag, "a6c85cf");
  fail_unless_equals_string (gst_sip_via_get_param (&msg->vias[0],
          "received"), "192.0.2.1");
  fail_unless (msg->body == NULL);
  fail_unless_equals_int (msg->body_length, 0);
  fail_unless_equals_int (msg->content_length, -1);
  fail_unless_equals_int (msg->max_forwards, -1);
  fail_unless_equals_int (msg->expires, -1);
  gst_sip_message_free (msg);
}

GST_END_TEST;

GST_START_TEST (test_compact_forms_and_case)
{
  static const gchar text[] =
      "OPTIONS sip:carol@chicago.example.com SIP/2.0" CRLF
      "v: SIP/2.0/WS h1.invalid;branch=z9hG4bK1, SIP/2.0/WS h2.invalid:8080"
      ";branch=z9hG4bK2" CRLF
      "VIA: SIP/2.0/WS h3.invalid;branch=z9hG4bK3" CRLF
      "max-forwards: 70" CRLF
      "t: <sip:carol@chicago.example.com>" CRLF
      "f: <sip:alice@atlanta.example.com>;tag=x" CRLF
      "i: 1234" CRLF
      "cseq: 2 OPTIONS" CRLF
      "m: <sip:a@h1.invalid>, \"Al, ice\" <sip:b@h1.invalid>" CRLF
      "k: path" CRLF "o: dialog" CRLF "u: talk, hold" CRLF "l: 0" CRLF CRLF;
  GstSipMessage *msg = parse_ok (text, strlen (text));

  fail_unless_equals_int (msg->n_vias, 3);
  fail_unless_equals_string (msg->vias[1].host, "h2.invalid");
  fail_unless_equals_int (msg->vias[1].port, 8080);
  fail_unless_equals_string (msg->vias[2].branch, "z9hG4bK3");
  fail_unless_equals_string (msg->call_id, "1234");
  fail_unless_equals_int (msg->cseq_method, GST_SIP_METHOD_OPTIONS);
  fail_unless_equals_int (msg->n_contacts, 2);
  fail_unless_equals_string (msg->contacts[1].display_name, "Al, ice");
  fail_unless_equals_string (gst_sip_message_get_header (msg,
          GST_SIP_HEADER_EVENT), "dialog");
  fail_unless_equals_int (gst_sip_message_count_headers (msg,
          GST_SIP_HEADER_ALLOW_EVENTS), 2);
  fail_unless_equals_string (gst_sip_message_get_header_by_name (msg, "k"),
      "path");
  fail_unless_equals_string (gst_sip_message_get_header_by_name (msg,
          "SUPPORTED"), "path");
  /* Known names are stored canonically. */
  fail_unless_equals_string (msg->headers[0].name, "Via");
  fail_unless_equals_string (msg->headers[3].name, "Max-Forwards");
  fail_unless_equals_int (msg->content_length, 0);
  gst_sip_message_free (msg);
}

GST_END_TEST;

GST_START_TEST (test_folding_and_whitespace)
{
  static const gchar text[] =
      "BYE sip:bob@192.0.2.4 SIP/2.0" CRLF
      "Via  :   SIP / 2.0 / WS    h.invalid ; branch = z9hG4bKx  " CRLF
      "Max-Forwards:70" CRLF
      "Subject: first" CRLF "  \t second" CRLF "\tthird" CRLF
      "To: <sip:bob@192.0.2.4>" CRLF
      "   ;tag=abc" CRLF
      "From: <sip:alice@atlanta.example.com>;tag=x" CRLF
      "Call-ID: fold" CRLF "CSeq: 9\t BYE" CRLF CRLF;
  GstSipMessage *msg = parse_ok (text, strlen (text));

  fail_unless_equals_string (gst_sip_message_get_header (msg,
          GST_SIP_HEADER_SUBJECT), "first second third");
  fail_unless_equals_string (msg->to_tag, "abc");
  fail_unless_equals_string (msg->vias[0].transport, "WS");
  fail_unless_equals_string (msg->vias[0].branch, "z9hG4bKx");
  fail_unless_equals_int (msg->cseq, 9);
  fail_unless_equals_string (msg->cseq_method_name, "BYE");
  gst_sip_message_free (msg);
}

GST_END_TEST;

GST_START_TEST (test_contact_star_and_empty_list)
{
  static const gchar text[] =
      "REGISTER sip:registrar.example.com SIP/2.0" CRLF
      "Via: SIP/2.0/WS h.invalid;branch=z9hG4bKr" CRLF
      "Max-Forwards: 70" CRLF
      "To: <sip:alice@example.com>" CRLF
      "From: <sip:alice@example.com>;tag=r" CRLF
      "Call-ID: reg" CRLF "CSeq: 3 REGISTER" CRLF
      "Contact: *" CRLF "Expires: 0" CRLF "Supported:" CRLF CRLF;
  GstSipMessage *msg = parse_ok (text, strlen (text));

  fail_unless (msg->contact_star);
  fail_unless_equals_int (msg->n_contacts, 0);
  fail_unless_equals_int (msg->expires, 0);
  fail_unless_equals_int (gst_sip_message_count_headers (msg,
          GST_SIP_HEADER_SUPPORTED), 1);
  fail_unless_equals_string (gst_sip_message_get_header (msg,
          GST_SIP_HEADER_SUPPORTED), "");
  gst_sip_message_free (msg);
}

GST_END_TEST;

GST_START_TEST (test_body_framing)
{
  static const gchar no_cl[] =
      "MESSAGE sip:bob@example.com SIP/2.0" CRLF
      "Content-Type: text/plain" CRLF CRLF "hello\0world";
  static const gchar short_body[] =
      "SIP/2.0 200 OK" CRLF "Content-Length: 10" CRLF CRLF "12345";
  static const gchar long_body[] =
      "SIP/2.0 200 OK" CRLF "Content-Length: 2" CRLF CRLF "12345";
  static const gchar bad_cl[] =
      "SIP/2.0 200 OK" CRLF "Content-Length: 1x" CRLF CRLF "1";
  static const gchar two_cl[] =
      "SIP/2.0 200 OK" CRLF "l: 1" CRLF "Content-Length: 2" CRLF CRLF "1";
  GstSipMessage *msg;

  /* Without Content-Length the body is the rest of the frame, NULs and all. */
  msg = parse_ok (no_cl, sizeof (no_cl) - 1);
  fail_unless_equals_int (msg->body_length, 11);
  fail_unless (memcmp (msg->body, "hello\0world", 11) == 0);
  gst_sip_message_free (msg);

  fail_unless_equals_string (parse_error (short_body, strlen (short_body),
          GST_SIP_PARSE_ERROR), "Body shorter than Content-Length");
  fail_unless_equals_string (parse_error (long_body, strlen (long_body),
          GST_SIP_PARSE_ERROR), "Body longer than Content-Length");
  fail_unless_equals_string (parse_error (bad_cl, strlen (bad_cl),
          GST_SIP_PARSE_ERROR), "Bad Content-Length");
  fail_unless_equals_string (parse_error (two_cl, strlen (two_cl),
          GST_SIP_PARSE_ERROR), "Bad Content-Length");
}

GST_END_TEST;

/* Semantic equality: same start line, same entries in the same order
 * (names case-insensitively), same body. Content-Length is the
 * serializer's, so it is compared through content_length/body. */
static void
assert_same_message (const GstSipMessage * a, const GstSipMessage * b)
{
  guint i, j;

  fail_unless_equals_int (a->is_request, b->is_request);
  if (a->is_request) {
    fail_unless_equals_string (a->method_name, b->method_name);
    fail_unless (gst_sip_uri_equal (&a->request_uri, &b->request_uri));
  } else {
    fail_unless_equals_int (a->status_code, b->status_code);
    fail_unless_equals_string (a->reason_phrase, b->reason_phrase);
  }
  for (i = 0, j = 0; i < a->n_headers || j < b->n_headers; i++, j++) {
    while (i < a->n_headers
        && a->headers[i].id == GST_SIP_HEADER_CONTENT_LENGTH)
      i++;
    while (j < b->n_headers
        && b->headers[j].id == GST_SIP_HEADER_CONTENT_LENGTH)
      j++;
    if (i >= a->n_headers || j >= b->n_headers) {
      fail_unless (i >= a->n_headers && j >= b->n_headers,
          "different header counts");
      break;
    }
    fail_unless_equals_int (a->headers[i].id, b->headers[j].id);
    fail_unless (g_ascii_strcasecmp (a->headers[i].name,
            b->headers[j].name) == 0);
    fail_unless_equals_string (a->headers[i].value, b->headers[j].value);
  }
  fail_unless_equals_int (a->body_length, b->body_length);
  fail_unless (a->body_length == 0
      || memcmp (a->body, b->body, a->body_length) == 0);
  fail_unless_equals_string (a->call_id, b->call_id);
  fail_unless_equals_int (a->cseq, b->cseq);
  fail_unless_equals_int (a->n_vias, b->n_vias);
  fail_unless_equals_int (a->n_contacts, b->n_contacts);
  fail_unless_equals_string (a->from_tag, b->from_tag);
  fail_unless_equals_string (a->to_tag, b->to_tag);
}

GST_START_TEST (test_round_trip)
{
  GstSipMessage *first = parse_ok (invite, strlen (invite)), *second;
  gsize len;
  gchar *wire = gst_sip_message_to_string (first, &len);
  gchar *wire2;

  fail_unless_equals_int (len, strlen (wire));
  second = parse_ok (wire, len);
  assert_same_message (first, second);
  /* Serialisation is a fixed point after one pass. */
  wire2 = gst_sip_message_to_string (second, NULL);
  fail_unless_equals_string (wire, wire2);
  fail_unless (strstr (wire, "\r\nContent-Length: 14\r\n\r\nv=0") != NULL);
  fail_unless (strstr (wire, "\r\nAllow: ACK\r\n") != NULL);
  g_free (wire);
  g_free (wire2);
  gst_sip_message_free (first);
  gst_sip_message_free (second);
}

GST_END_TEST;

GST_START_TEST (test_build_request)
{
  GstSipMessage *msg = gst_sip_message_new_request (GST_SIP_METHOD_INVITE,
      "sip:bob@example.com");
  GstSipMessage *parsed, *copy;
  const gchar *reason = NULL;
  gchar *wire;

  gst_sip_message_add_header (msg, GST_SIP_HEADER_VIA,
      "SIP/2.0/WSS a.invalid;branch=z9hG4bK2");
  gst_sip_message_prepend_header (msg, GST_SIP_HEADER_VIA,
      "SIP/2.0/WSS b.invalid;branch=z9hG4bK1");
  gst_sip_message_add_header (msg, GST_SIP_HEADER_MAX_FORWARDS, "70");
  gst_sip_message_add_header (msg, GST_SIP_HEADER_TO, "<sip:bob@example.com>");
  gst_sip_message_add_header (msg, GST_SIP_HEADER_FROM,
      "\"A \\\"q\\\"\" <sip:alice@example.com>;tag=t1");
  gst_sip_message_add_header (msg, GST_SIP_HEADER_CALL_ID, "c1");
  gst_sip_message_add_header_printf (msg, GST_SIP_HEADER_CSEQ, "%u %s", 5,
      "INVITE");
  gst_sip_message_add_header_name (msg, "X-Foo", "bar");
  gst_sip_message_add_header_name (msg, "content-type", "text/plain");
  gst_sip_message_set_body (msg, "application/sdp", "v=0\r\n", 5);
  fail_unless_equals_int (gst_sip_message_count_headers (msg,
          GST_SIP_HEADER_CONTENT_TYPE), 1);

  fail_unless (gst_sip_message_index (msg, &reason), "%s", reason);
  fail_unless_equals_int (msg->n_vias, 2);
  fail_unless_equals_string (msg->vias[0].branch, "z9hG4bK1");
  fail_unless_equals_string (msg->from->display_name, "A \"q\"");
  fail_unless_equals_int (msg->cseq, 5);

  wire = gst_sip_message_to_string (msg, NULL);
  fail_unless (g_str_has_prefix (wire,
          "INVITE sip:bob@example.com SIP/2.0\r\n"
          "Via: SIP/2.0/WSS b.invalid;branch=z9hG4bK1\r\n"));
  fail_unless (g_str_has_suffix (wire, "Content-Length: 5\r\n\r\nv=0\r\n"));
  parsed = parse_ok (wire, strlen (wire));
  assert_same_message (msg, parsed);
  fail_unless_equals_string (gst_sip_message_get_header_by_name (parsed,
          "X-FOO"), "bar");

  copy = gst_sip_message_copy (parsed);
  gst_sip_message_free (parsed);
  gst_sip_message_free (msg);
  fail_unless_equals_string (copy->from_tag, "t1");
  fail_unless_equals_string (copy->body, "v=0\r\n");

  fail_unless_equals_int (gst_sip_message_remove_headers (copy,
          GST_SIP_HEADER_VIA), 2);
  fail_unless (gst_sip_message_get_header (copy, GST_SIP_HEADER_VIA) == NULL);
  gst_sip_message_set_header (copy, GST_SIP_HEADER_CSEQ, "6 INVITE");
  fail_unless_equals_string (gst_sip_message_get_header (copy,
          GST_SIP_HEADER_CSEQ), "6 INVITE");
  fail_unless (gst_sip_message_index (copy, NULL));
  fail_unless_equals_int (copy->cseq, 6);
  fail_unless_equals_int (copy->n_vias, 0);
  g_free (wire);
  gst_sip_message_free (copy);
}

GST_END_TEST;

GST_START_TEST (test_build_response_and_many_headers)
{
  GstSipMessage *msg = gst_sip_message_new_response (486, "Busy Here");
  gchar *wire;
  guint i;

  for (i = 0; i < 100; i++)
    gst_sip_message_add_header_printf (msg, GST_SIP_HEADER_VIA,
        "SIP/2.0/WS h%u.invalid;branch=z9hG4bK%u", i, i);
  gst_sip_message_set_header (msg, GST_SIP_HEADER_VIA,
      "SIP/2.0/WS only.invalid");
  fail_unless_equals_int (gst_sip_message_count_headers (msg,
          GST_SIP_HEADER_VIA), 1);
  wire = gst_sip_message_to_string (msg, NULL);
  fail_unless_equals_string (wire,
      "SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/WS only.invalid\r\n"
      "Content-Length: 0\r\n\r\n");
  g_free (wire);
  gst_sip_message_free (msg);
}

GST_END_TEST;

GST_START_TEST (test_names_and_methods)
{
  fail_unless_equals_int (gst_sip_header_id_from_name ("call-id", -1),
      GST_SIP_HEADER_CALL_ID);
  fail_unless_equals_int (gst_sip_header_id_from_name ("I", 1),
      GST_SIP_HEADER_CALL_ID);
  fail_unless_equals_int (gst_sip_header_id_from_name ("www-authenticate",
          -1), GST_SIP_HEADER_WWW_AUTHENTICATE);
  fail_unless_equals_int (gst_sip_header_id_from_name ("Contactx", -1),
      GST_SIP_HEADER_OTHER);
  fail_unless_equals_int (gst_sip_header_id_from_name ("", 0),
      GST_SIP_HEADER_OTHER);
  fail_unless_equals_string (gst_sip_header_id_to_name (GST_SIP_HEADER_CSEQ),
      "CSeq");
  fail_unless (gst_sip_header_id_is_list (GST_SIP_HEADER_ROUTE));
  fail_unless (!gst_sip_header_id_is_list (GST_SIP_HEADER_AUTHORIZATION));
  fail_unless (!gst_sip_header_id_is_list (GST_SIP_HEADER_OTHER));

  fail_unless_equals_int (gst_sip_method_from_string ("SUBSCRIBE", -1),
      GST_SIP_METHOD_SUBSCRIBE);
  fail_unless_equals_int (gst_sip_method_from_string ("invite", -1),
      GST_SIP_METHOD_UNKNOWN);
  fail_unless_equals_int (gst_sip_method_from_string ("ACKS", 3),
      GST_SIP_METHOD_ACK);
  fail_unless_equals_string (gst_sip_method_to_string (GST_SIP_METHOD_PRACK),
      "PRACK");
  fail_unless (gst_sip_method_to_string (GST_SIP_METHOD_UNKNOWN) == NULL);
}

GST_END_TEST;

/* Every known id round-trips through its name and compact form. */
GST_START_TEST (test_every_header_name)
{
  guint id;

  for (id = GST_SIP_HEADER_OTHER + 1; id < GST_SIP_HEADER_LAST; id++) {
    const gchar *name = gst_sip_header_id_to_name (id);
    gchar *upper = g_ascii_strup (name, -1);

    fail_unless_equals_int (gst_sip_header_id_from_name (name, -1), id);
    fail_unless_equals_int (gst_sip_header_id_from_name (upper, -1), id);
    g_free (upper);
  }
  for (id = GST_SIP_METHOD_INVITE; id <= GST_SIP_METHOD_PUBLISH; id++)
    fail_unless_equals_int (gst_sip_method_from_string
        (gst_sip_method_to_string (id), -1), id);
}

GST_END_TEST;

static guint criticals;

static void
count_critical (const gchar * domain, GLogLevelFlags level,
    const gchar * message, gpointer user_data)
{
  criticals++;
}

/* Header injection through a built value or name is refused with a
 * critical (a programming error), and nothing is added. */
GST_START_TEST (test_build_refuses_injection)
{
  GstSipMessage *msg = gst_sip_message_new_response (200, "OK");
  guint handler = g_log_set_handler (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL,
      count_critical, NULL);
  gchar *wire;

  criticals = 0;
  gst_sip_message_add_header_name (msg, "X-Foo",
      "a\r\nVia: SIP/2.0/WS evil.invalid");
  gst_sip_message_add_header_name (msg, "X-Foo: a\r\nX", "b");
  gst_sip_message_add_header (msg, GST_SIP_HEADER_SUBJECT, "a\nb");
  gst_sip_message_set_header (msg, GST_SIP_HEADER_SUBJECT, "a\rb");
  g_log_remove_handler (G_LOG_DOMAIN, handler);

  fail_unless_equals_int (criticals, 4);
  fail_unless_equals_int (msg->n_headers, 0);
  wire = gst_sip_message_to_string (msg, NULL);
  fail_unless_equals_string (wire,
      "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n");
  g_free (wire);
  gst_sip_message_free (msg);
}

GST_END_TEST;

static Suite *
sip_message_suite (void)
{
  Suite *s = suite_create ("sip-message");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_parse_request);
  tcase_add_test (tc, test_parse_response);
  tcase_add_test (tc, test_compact_forms_and_case);
  tcase_add_test (tc, test_folding_and_whitespace);
  tcase_add_test (tc, test_contact_star_and_empty_list);
  tcase_add_test (tc, test_body_framing);
  tcase_add_test (tc, test_round_trip);
  tcase_add_test (tc, test_build_request);
  tcase_add_test (tc, test_build_response_and_many_headers);
  tcase_add_test (tc, test_names_and_methods);
  tcase_add_test (tc, test_every_header_name);
  tcase_add_test (tc, test_build_refuses_injection);
  return s;
}

GST_CHECK_MAIN (sip_message);
