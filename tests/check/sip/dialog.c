/* gst-jssip: tests for SIP dialogs (RFC 3261 §12) and for a whole call
 * between two transaction layers over a fake wire with a fake clock.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/check/gstcheck.h>
#include <gst/sip/sipdialog.h>
#include "sipfakeclock.h"
#include <gst/sip/siprequest.h>
#include <gst/sip/siptransaction.h>

/* Parses @text, written with "\n" line ends, as it would come off the wire. */
static GstSipMessage *
parse (const gchar * text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree gchar *wire = g_strjoinv ("\r\n", lines);
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;

  fail_unless_equals_int (gst_sip_message_parse (wire, strlen (wire), &msg,
          &reason), GST_SIP_PARSE_OK);
  fail_unless (gst_sip_message_validate (msg, &reason), "%s", reason);
  return msg;
}

/* What a built message looks like once it has crossed the wire; takes
 * ownership of @msg. */
static GstSipMessage *
through_wire (GstSipMessage * msg)
{
  gsize len;
  g_autofree gchar *text = gst_sip_message_to_string (msg, &len);
  GstSipMessage *parsed = NULL;
  const gchar *reason = NULL;

  fail_unless_equals_int (gst_sip_message_parse (text, len, &parsed, &reason),
      GST_SIP_PARSE_OK);
  gst_sip_message_free (msg);
  return parsed;
}

static const gchar our_invite[] =
    "INVITE sip:bob@example.com SIP/2.0\n"
    "Via: SIP/2.0/WS ourhost.invalid;branch=z9hG4bKinv\n"
    "Max-Forwards: 70\n"
    "To: Bob <sip:bob@example.com>\n"
    "From: \"Alice\" <sip:alice@example.com>;tag=atag\n"
    "Call-ID: call-1@example.com\n"
    "CSeq: 7 INVITE\n"
    "Contact: <sip:alice@ourhost.invalid;transport=ws;ob>\n"
    "Content-Length: 0\n" "\n";

/* A response to our_invite through two proxies, p1 next to us. */
static GstSipMessage *
their_response (guint code, const gchar * to_tag, const gchar * contact,
    const gchar * p2)
{
  g_autofree gchar *text = g_strdup_printf ("SIP/2.0 %u Whatever\n"
      "Via: SIP/2.0/WS ourhost.invalid;branch=z9hG4bKinv\n"
      "Record-Route: <sip:%s;lr>\n"
      "Record-Route: <sip:p1.example.com;transport=ws;lr>\n"
      "To: Bob <sip:bob@example.com>%s%s\n"
      "From: \"Alice\" <sip:alice@example.com>;tag=atag\n"
      "Call-ID: call-1@example.com\n"
      "CSeq: 7 INVITE\n"
      "%s%s%s" "Content-Length: 0\n" "\n", code, p2, to_tag ? ";tag=" : "",
      to_tag ? to_tag : "", contact ? "Contact: " : "", contact ? contact : "",
      contact ? "\n" : "");

  return parse (text);
}

static GstSipDialog *
uac_dialog (guint code)
{
  g_autoptr (GstSipMessage) invite = parse (our_invite);
  g_autoptr (GstSipMessage) resp = their_response (code, "btag",
      "<sip:bob@192.0.2.4:8443;transport=ws>", "p2.example.com");
  const gchar *reason = NULL;
  GstSipDialog *dialog = gst_sip_dialog_new_uac (invite, resp, &reason);

  fail_unless (dialog != NULL, "%s", reason);
  return dialog;
}

GST_START_TEST (test_uac_early_dialog)
{
  g_autoptr (GstSipDialog) dialog = uac_dialog (180);
  guint32 cseq;

  fail_unless (gst_sip_dialog_is_uac (dialog));
  fail_unless_equals_int (gst_sip_dialog_get_state (dialog),
      GST_SIP_DIALOG_STATE_EARLY);
  fail_unless_equals_string (gst_sip_dialog_get_call_id (dialog),
      "call-1@example.com");
  fail_unless_equals_string (gst_sip_dialog_get_local_tag (dialog), "atag");
  fail_unless_equals_string (gst_sip_dialog_get_remote_tag (dialog), "btag");
  fail_unless_equals_string (gst_sip_dialog_get_id (dialog),
      "call-1@example.com atag btag");
  fail_unless_equals_string (gst_sip_dialog_get_local_party (dialog),
      "\"Alice\" <sip:alice@example.com>;tag=atag");
  fail_unless_equals_string (gst_sip_dialog_get_remote_party (dialog),
      "Bob <sip:bob@example.com>;tag=btag");
  fail_unless_equals_string (gst_sip_dialog_get_remote_target (dialog),
      "sip:bob@192.0.2.4:8443;transport=ws");
  /* §12.1.2: the Record-Route reversed, our next hop first. */
  fail_unless_equals_int (gst_sip_dialog_get_n_routes (dialog), 2);
  fail_unless_equals_string (gst_sip_dialog_get_route (dialog, 0),
      "<sip:p1.example.com;transport=ws;lr>");
  fail_unless_equals_string (gst_sip_dialog_get_route (dialog, 1),
      "<sip:p2.example.com;lr>");
  fail_unless_equals_int (gst_sip_dialog_get_local_cseq (dialog), 7);
  fail_unless (!gst_sip_dialog_get_remote_cseq (dialog, &cseq));
}

GST_END_TEST;

GST_START_TEST (test_uac_dialog_needs_tag_and_contact)
{
  g_autoptr (GstSipMessage) invite = parse (our_invite);
  g_autoptr (GstSipMessage) no_tag = their_response (180, NULL,
      "<sip:bob@192.0.2.4>", "p2.example.com");
  g_autoptr (GstSipMessage) no_contact = their_response (200, "btag", NULL,
      "p2.example.com");
  const gchar *reason = NULL;

  fail_unless (gst_sip_dialog_new_uac (invite, no_tag, &reason) == NULL);
  fail_unless_equals_string (reason, "Missing To tag");
  fail_unless (gst_sip_dialog_new_uac (invite, no_contact, &reason) == NULL);
  fail_unless_equals_string (reason, "Missing Contact header field");
}

GST_END_TEST;

GST_START_TEST (test_uac_confirmed_by_2xx)
{
  g_autoptr (GstSipDialog) dialog = uac_dialog (183);
  g_autoptr (GstSipMessage) other_fork = their_response (200, "ctag",
      "<sip:carol@192.0.2.9>", "p9.example.com");
  g_autoptr (GstSipMessage) ok = their_response (200, "btag",
      "<sip:bob@192.0.2.5;transport=ws>", "p3.example.com");

  /* A 2xx from another fork belongs to another dialog. */
  fail_unless (!gst_sip_dialog_receive_response (dialog, other_fork));
  fail_unless_equals_int (gst_sip_dialog_get_state (dialog),
      GST_SIP_DIALOG_STATE_EARLY);
  fail_unless_equals_string (gst_sip_dialog_get_remote_target (dialog),
      "sip:bob@192.0.2.4:8443;transport=ws");

  /* §13.2.2.4: confirmed, route set and target taken from the 2xx. */
  fail_unless (gst_sip_dialog_receive_response (dialog, ok));
  fail_unless_equals_int (gst_sip_dialog_get_state (dialog),
      GST_SIP_DIALOG_STATE_CONFIRMED);
  fail_unless_equals_string (gst_sip_dialog_get_remote_target (dialog),
      "sip:bob@192.0.2.5;transport=ws");
  fail_unless_equals_int (gst_sip_dialog_get_n_routes (dialog), 2);
  fail_unless_equals_string (gst_sip_dialog_get_route (dialog, 1),
      "<sip:p3.example.com;lr>");
}

GST_END_TEST;

GST_START_TEST (test_uac_target_refresh_by_2xx)
{
  g_autoptr (GstSipDialog) dialog = uac_dialog (200);
  g_autoptr (GstSipMessage) update = NULL;
  g_autoptr (GstSipMessage) info = NULL;
  g_autoptr (GstSipMessage) update_ok = NULL;
  g_autoptr (GstSipMessage) info_ok = NULL;

  update = through_wire (gst_sip_dialog_new_request (dialog,
          GST_SIP_METHOD_UPDATE));
  info = through_wire (gst_sip_dialog_new_request (dialog,
          GST_SIP_METHOD_INFO));
  /* The peer's 2xx carry a new Contact; only a target refresh request's
   * 2xx moves the target (§12.2.1.2). */
  info_ok = gst_sip_response_new_for_request (info, 200, "OK", NULL);
  gst_sip_message_add_header (info_ok, GST_SIP_HEADER_CONTACT,
      "<sip:bob@198.51.100.1;transport=ws>");
  gst_sip_message_index (info_ok, NULL);
  fail_unless (gst_sip_dialog_receive_response (dialog, info_ok));
  fail_unless_equals_string (gst_sip_dialog_get_remote_target (dialog),
      "sip:bob@192.0.2.4:8443;transport=ws");

  update_ok = gst_sip_response_new_for_request (update, 200, "OK", NULL);
  gst_sip_message_add_header (update_ok, GST_SIP_HEADER_CONTACT,
      "<sip:bob@198.51.100.2;transport=ws>");
  gst_sip_message_index (update_ok, NULL);
  fail_unless (gst_sip_dialog_receive_response (dialog, update_ok));
  fail_unless_equals_string (gst_sip_dialog_get_remote_target (dialog),
      "sip:bob@198.51.100.2;transport=ws");
  /* The route set of a confirmed dialog never changes (§12.2.1.2). */
  fail_unless_equals_string (gst_sip_dialog_get_route (dialog, 1),
      "<sip:p2.example.com;lr>");
}

GST_END_TEST;

static const gchar their_invite[] =
    "INVITE sip:alice@ourhost.invalid;transport=ws SIP/2.0\n"
    "Via: SIP/2.0/WSS p1.example.com;branch=z9hG4bKp1\n"
    "Via: SIP/2.0/WSS bobhost.invalid;branch=z9hG4bKbob\n"
    "Record-Route: <sip:p1.example.com;transport=ws;lr>\n"
    "Record-Route: <sip:p2.example.com;lr>\n"
    "Max-Forwards: 69\n"
    "To: <sip:alice@example.com>\n"
    "From: Bob <sip:bob@example.com>;tag=btag\n"
    "Call-ID: call-2@example.com\n"
    "CSeq: 100 INVITE\n"
    "Contact: <sip:bob@bobhost.invalid;transport=ws;ob>\n"
    "Content-Length: 0\n" "\n";

static GstSipDialog *
uas_dialog (guint code)
{
  g_autoptr (GstSipMessage) invite = parse (their_invite);
  g_autoptr (GstSipMessage) resp = gst_sip_response_new_for_request (invite,
      code, "Whatever", "atag");
  const gchar *reason = NULL;
  GstSipDialog *dialog;

  gst_sip_message_add_header (resp, GST_SIP_HEADER_CONTACT,
      "<sip:alice@ourhost.invalid;transport=ws>");
  gst_sip_message_index (resp, NULL);
  dialog = gst_sip_dialog_new_uas (invite, resp, &reason);
  fail_unless (dialog != NULL, "%s", reason);
  return dialog;
}

GST_START_TEST (test_uas_dialog)
{
  g_autoptr (GstSipDialog) dialog = uas_dialog (180);
  guint32 cseq = 0;

  fail_unless (!gst_sip_dialog_is_uac (dialog));
  fail_unless_equals_int (gst_sip_dialog_get_state (dialog),
      GST_SIP_DIALOG_STATE_EARLY);
  fail_unless_equals_string (gst_sip_dialog_get_id (dialog),
      "call-2@example.com atag btag");
  fail_unless_equals_string (gst_sip_dialog_get_local_party (dialog),
      "<sip:alice@example.com>;tag=atag");
  fail_unless_equals_string (gst_sip_dialog_get_remote_party (dialog),
      "Bob <sip:bob@example.com>;tag=btag");
  fail_unless_equals_string (gst_sip_dialog_get_remote_target (dialog),
      "sip:bob@bobhost.invalid;transport=ws;ob");
  /* §12.1.1: the Record-Route in order, our next hop first. */
  fail_unless_equals_int (gst_sip_dialog_get_n_routes (dialog), 2);
  fail_unless_equals_string (gst_sip_dialog_get_route (dialog, 0),
      "<sip:p1.example.com;transport=ws;lr>");
  fail_unless_equals_string (gst_sip_dialog_get_route (dialog, 1),
      "<sip:p2.example.com;lr>");
  fail_unless (gst_sip_dialog_get_remote_cseq (dialog, &cseq));
  fail_unless_equals_int (cseq, 100);
  fail_unless (gst_sip_dialog_get_local_cseq (dialog) < 10000);

  gst_sip_dialog_confirm (dialog);
  fail_unless_equals_int (gst_sip_dialog_get_state (dialog),
      GST_SIP_DIALOG_STATE_CONFIRMED);
}

GST_END_TEST;

GST_START_TEST (test_uas_dialog_needs_contact)
{
  g_autoptr (GstSipMessage) invite = parse (their_invite);
  g_autoptr (GstSipMessage) resp = NULL;
  const gchar *reason = NULL;

  gst_sip_message_remove_headers (invite, GST_SIP_HEADER_CONTACT);
  gst_sip_message_index (invite, NULL);
  resp = gst_sip_response_new_for_request (invite, 200, "OK", "atag");
  fail_unless (gst_sip_dialog_new_uas (invite, resp, &reason) == NULL);
  fail_unless_equals_string (reason, "Missing Contact header field");
}

GST_END_TEST;

/* A request from the peer within uas_dialog(). */
static GstSipMessage *
their_request (const gchar * method, guint32 cseq, const gchar * contact)
{
  g_autofree gchar *text =
      g_strdup_printf ("%s sip:alice@ourhost.invalid SIP/2.0\n"
      "Via: SIP/2.0/WSS p1.example.com;branch=z9hG4bKp1%u\n"
      "Via: SIP/2.0/WSS bobhost.invalid;branch=z9hG4bKbob%u\n"
      "Route: <sip:p2.example.com;lr>\n" "Max-Forwards: 69\n"
      "To: <sip:alice@example.com>;tag=atag\n"
      "From: Bob <sip:bob@example.com>;tag=btag\n"
      "Call-ID: call-2@example.com\n" "CSeq: %u %s\n" "%s%s%s"
      "Content-Length: 0\n" "\n", method, cseq, cseq, cseq, method,
      contact ? "Contact: " : "", contact ? contact : "", contact ? "\n" : "");

  return parse (text);
}

GST_START_TEST (test_remote_cseq)
{
  g_autoptr (GstSipDialog) dialog = uas_dialog (200);
  g_autoptr (GstSipMessage) ack = their_request ("ACK", 100, NULL);
  g_autoptr (GstSipMessage) info = their_request ("INFO", 101, NULL);
  g_autoptr (GstSipMessage) same = their_request ("INFO", 101, NULL);
  g_autoptr (GstSipMessage) late = their_request ("INFO", 99, NULL);
  g_autoptr (GstSipMessage) bye = their_request ("BYE", 1000, NULL);
  g_autofree gchar *id = NULL;
  guint32 cseq = 0;

  /* The ACK carries the INVITE's number and changes nothing. */
  fail_unless_equals_int (gst_sip_dialog_receive_request (dialog, ack), 0);
  fail_unless_equals_int (gst_sip_dialog_receive_request (dialog, info), 0);
  gst_sip_dialog_get_remote_cseq (dialog, &cseq);
  fail_unless_equals_int (cseq, 101);
  /* Not lower is fine (§12.2.2 only rejects lower)... */
  fail_unless_equals_int (gst_sip_dialog_receive_request (dialog, same), 0);
  /* ...lower is out of order: 500. */
  fail_unless_equals_int (gst_sip_dialog_receive_request (dialog, late), 500);
  gst_sip_dialog_get_remote_cseq (dialog, &cseq);
  fail_unless_equals_int (cseq, 101);
  /* Gaps are allowed. */
  fail_unless_equals_int (gst_sip_dialog_receive_request (dialog, bye), 0);
  gst_sip_dialog_get_remote_cseq (dialog, &cseq);
  fail_unless_equals_int (cseq, 1000);

  /* The lookup key of an in-dialog request is the dialog's id. */
  id = gst_sip_dialog_id_for_message (bye);
  fail_unless_equals_string (id, gst_sip_dialog_get_id (dialog));
}

GST_END_TEST;

GST_START_TEST (test_uac_remote_cseq_starts_empty)
{
  g_autoptr (GstSipDialog) dialog = uac_dialog (200);
  g_autoptr (GstSipMessage) bye =
      parse ("BYE sip:alice@ourhost.invalid SIP/2.0\n"
      "Via: SIP/2.0/WS bobhost.invalid;branch=z9hG4bKbye\n" "Max-Forwards: 70\n"
      "To: \"Alice\" <sip:alice@example.com>;tag=atag\n"
      "From: Bob <sip:bob@example.com>;tag=btag\n"
      "Call-ID: call-1@example.com\n" "CSeq: 3 BYE\n" "Content-Length: 0\n"
      "\n");
  g_autofree gchar *id = gst_sip_dialog_id_for_message (bye);
  guint32 cseq = 0;

  fail_unless_equals_string (id, gst_sip_dialog_get_id (dialog));
  /* Any first number is accepted, even below our own. */
  fail_unless_equals_int (gst_sip_dialog_receive_request (dialog, bye), 0);
  fail_unless (gst_sip_dialog_get_remote_cseq (dialog, &cseq));
  fail_unless_equals_int (cseq, 3);
}

GST_END_TEST;

GST_START_TEST (test_uas_target_refresh_by_request)
{
  g_autoptr (GstSipDialog) dialog = uas_dialog (200);
  g_autoptr (GstSipMessage) info = their_request ("INFO", 101,
      "<sip:bob@198.51.100.1;transport=ws>");
  g_autoptr (GstSipMessage) reinvite = their_request ("INVITE", 102,
      "<sip:bob@198.51.100.2;transport=ws>");
  g_autoptr (GstSipMessage) update = their_request ("UPDATE", 103,
      "<sip:bob@198.51.100.3;transport=ws>");

  fail_unless_equals_int (gst_sip_dialog_receive_request (dialog, info), 0);
  fail_unless_equals_string (gst_sip_dialog_get_remote_target (dialog),
      "sip:bob@bobhost.invalid;transport=ws;ob");
  fail_unless_equals_int (gst_sip_dialog_receive_request (dialog, reinvite), 0);
  fail_unless_equals_string (gst_sip_dialog_get_remote_target (dialog),
      "sip:bob@198.51.100.2;transport=ws");
  fail_unless_equals_int (gst_sip_dialog_receive_request (dialog, update), 0);
  fail_unless_equals_string (gst_sip_dialog_get_remote_target (dialog),
      "sip:bob@198.51.100.3;transport=ws");
}

GST_END_TEST;

/* Checks the §12.2.1.1 fields every request within uac_dialog() carries. */
static void
check_in_dialog_request (const GstSipMessage * req, GstSipMethod method,
    guint32 cseq)
{
  fail_unless (req->is_request);
  fail_unless_equals_int (req->method, method);
  fail_unless_equals_string (req->request_uri_str,
      "sip:bob@192.0.2.4:8443;transport=ws");
  fail_unless_equals_int (gst_sip_message_count_headers (req,
          GST_SIP_HEADER_ROUTE), 2);
  fail_unless_equals_string (gst_sip_message_get_header_nth (req,
          GST_SIP_HEADER_ROUTE, 0), "<sip:p1.example.com;transport=ws;lr>");
  fail_unless_equals_string (gst_sip_message_get_header_nth (req,
          GST_SIP_HEADER_ROUTE, 1), "<sip:p2.example.com;lr>");
  fail_unless_equals_string (gst_sip_message_get_header (req,
          GST_SIP_HEADER_TO), "Bob <sip:bob@example.com>;tag=btag");
  fail_unless_equals_string (gst_sip_message_get_header (req,
          GST_SIP_HEADER_FROM), "\"Alice\" <sip:alice@example.com>;tag=atag");
  fail_unless_equals_string (req->call_id, "call-1@example.com");
  fail_unless_equals_int (req->cseq, cseq);
  fail_unless_equals_int (req->cseq_method, method);
  fail_unless_equals_int (req->max_forwards, 70);
  /* The transaction layer adds the Via. */
  fail_unless_equals_int (req->n_vias, 0);
}

GST_START_TEST (test_requests_within_dialog)
{
  g_autoptr (GstSipDialog) dialog = uac_dialog (200);
  static const struct
  {
    GstSipMethod method;
    gboolean has_contact;
  } cases[] = {
    {GST_SIP_METHOD_INFO, FALSE},
    {GST_SIP_METHOD_INVITE, TRUE},
    {GST_SIP_METHOD_UPDATE, TRUE},
    {GST_SIP_METHOD_REFER, TRUE},
    {GST_SIP_METHOD_NOTIFY, TRUE},
    {GST_SIP_METHOD_BYE, FALSE},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GstSipMessage) req = through_wire (gst_sip_dialog_new_request
        (dialog, cases[i].method));

    /* Each takes the next local CSeq, from the INVITE's 7. */
    check_in_dialog_request (req, cases[i].method, 8 + i);
    fail_unless_equals_int (gst_sip_dialog_get_local_cseq (dialog), 8 + i);
    if (cases[i].has_contact) {
      fail_unless_equals_string (gst_sip_message_get_header (req,
              GST_SIP_HEADER_CONTACT),
          "<sip:alice@ourhost.invalid;transport=ws;ob>");
    } else {
      fail_unless_equals_int (req->n_contacts, 0);
    }
  }
}

GST_END_TEST;

GST_START_TEST (test_ack_for_2xx)
{
  g_autoptr (GstSipDialog) dialog = uac_dialog (200);
  g_autoptr (GstSipMessage) reinvite = gst_sip_dialog_new_request (dialog,
      GST_SIP_METHOD_INVITE);
  g_autoptr (GstSipMessage) ack = NULL;

  /* The ACK of the re-INVITE's 2xx: the re-INVITE's number, not a new
   * one (the CSeq bug JsSIP fixed twice). */
  ack = through_wire (gst_sip_dialog_new_ack (dialog, reinvite->cseq));
  check_in_dialog_request (ack, GST_SIP_METHOD_ACK, 8);
  fail_unless_equals_string (ack->cseq_method_name, "ACK");
  fail_unless_equals_int (ack->n_contacts, 0);
  fail_unless_equals_int (gst_sip_dialog_get_local_cseq (dialog), 8);
}

GST_END_TEST;

GST_START_TEST (test_strict_routing)
{
  g_autoptr (GstSipMessage) invite = parse (their_invite);
  g_autoptr (GstSipMessage) resp = NULL;
  g_autoptr (GstSipDialog) dialog = NULL;
  g_autoptr (GstSipMessage) bye = NULL;
  const gchar *reason = NULL;

  /* RFC 2543 proxies: no ;lr on the first route. */
  gst_sip_message_remove_headers (invite, GST_SIP_HEADER_RECORD_ROUTE);
  gst_sip_message_add_header (invite, GST_SIP_HEADER_RECORD_ROUTE,
      "<sip:strict.example.com;transport=ws;maddr=192.0.2.7>");
  gst_sip_message_add_header (invite, GST_SIP_HEADER_RECORD_ROUTE,
      "<sip:p2.example.com;lr>");
  gst_sip_message_index (invite, NULL);
  resp = gst_sip_response_new_for_request (invite, 200, "OK", "atag");
  gst_sip_message_add_header (resp, GST_SIP_HEADER_CONTACT,
      "<sip:alice@ourhost.invalid;transport=ws>");
  gst_sip_message_index (resp, NULL);
  dialog = gst_sip_dialog_new_uas (invite, resp, &reason);
  fail_unless (dialog != NULL);

  /* §12.2.1.1: the strict first route becomes the Request-URI, the rest
   * of the route set follows and the remote target comes last. */
  bye = through_wire (gst_sip_dialog_new_request (dialog, GST_SIP_METHOD_BYE));
  fail_unless_equals_string (bye->request_uri_str,
      "sip:strict.example.com;transport=ws;maddr=192.0.2.7");
  fail_unless_equals_int (gst_sip_message_count_headers (bye,
          GST_SIP_HEADER_ROUTE), 2);
  fail_unless_equals_string (gst_sip_message_get_header_nth (bye,
          GST_SIP_HEADER_ROUTE, 0), "<sip:p2.example.com;lr>");
  fail_unless_equals_string (gst_sip_message_get_header_nth (bye,
          GST_SIP_HEADER_ROUTE, 1),
      "<sip:bob@bobhost.invalid;transport=ws;ob>");
  fail_unless_equals_string (gst_sip_message_get_header (bye,
          GST_SIP_HEADER_TO), "Bob <sip:bob@example.com>;tag=btag");
  fail_unless_equals_string (gst_sip_message_get_header (bye,
          GST_SIP_HEADER_FROM), "<sip:alice@example.com>;tag=atag");
}

GST_END_TEST;

GST_START_TEST (test_no_route_set)
{
  g_autoptr (GstSipMessage) invite = parse (their_invite);
  g_autoptr (GstSipMessage) resp = NULL;
  g_autoptr (GstSipDialog) dialog = NULL;
  g_autoptr (GstSipMessage) bye = NULL;
  const gchar *reason = NULL;

  gst_sip_message_remove_headers (invite, GST_SIP_HEADER_RECORD_ROUTE);
  gst_sip_message_index (invite, NULL);
  resp = gst_sip_response_new_for_request (invite, 200, "OK", "atag");
  dialog = gst_sip_dialog_new_uas (invite, resp, &reason);
  fail_unless (dialog != NULL);
  bye = gst_sip_dialog_new_request (dialog, GST_SIP_METHOD_BYE);
  fail_unless_equals_string (bye->request_uri_str,
      "sip:bob@bobhost.invalid;transport=ws;ob");
  fail_unless_equals_int (gst_sip_message_count_headers (bye,
          GST_SIP_HEADER_ROUTE), 0);
}

GST_END_TEST;

/* ---- a whole call between two user agents ---- */

typedef struct _Agent Agent;

struct _Agent
{
  const gchar *name;
  GstSipTransactionLayer *layer;
  Agent *peer;
  GQueue inbox;                 /* wire text not yet received */
  GPtrArray *requests;          /* copies of what the TU got */
  GPtrArray *responses;         /* copies of what the INVITE/BYE owner got */
  GstSipTransaction *invite_st;
  GstSipDialog *dialog;
  guint n_sent_2xx;
};

static GstSipFakeClock *fake_clock;

static gboolean
agent_send (GstSipTransactionLayer * layer, const GstSipMessage * msg,
    gpointer user_data)
{
  Agent *agent = user_data;

  if (!msg->is_request && msg->status_code == 200
      && msg->cseq_method == GST_SIP_METHOD_INVITE)
    agent->n_sent_2xx++;
  g_queue_push_tail (&agent->peer->inbox, gst_sip_message_to_string (msg,
          NULL));
  return TRUE;
}

static void
agent_request (GstSipTransactionLayer * layer, GstSipTransaction * st,
    const GstSipMessage * request, gpointer user_data)
{
  Agent *agent = user_data;

  g_ptr_array_add (agent->requests, gst_sip_message_copy (request));
  if (request->method == GST_SIP_METHOD_INVITE)
    agent->invite_st = gst_sip_transaction_ref (st);
  else if (st)
    gst_sip_server_transaction_respond (st,
        gst_sip_response_new_for_request (request, 200, "OK", NULL));
}

static void
agent_cancel (GstSipTransactionLayer * layer, GstSipTransaction * st,
    const GstSipMessage * cancel, gpointer user_data)
{
}

static const GstSipTransactionLayerCallbacks agent_callbacks = {
  agent_send, agent_request, agent_cancel, NULL,
};

static void
agent_response (GstSipTransaction * ct, const GstSipMessage * response,
    gpointer user_data)
{
  Agent *agent = user_data;

  g_ptr_array_add (agent->responses, gst_sip_message_copy (response));
}

static const GstSipClientCallbacks agent_client_callbacks = {
  agent_response, NULL,
};

static void
agent_init (Agent * agent, const gchar * name, Agent * peer)
{
  g_autofree gchar *host = g_strdup_printf ("%s.invalid", name);

  memset (agent, 0, sizeof (*agent));
  agent->name = name;
  agent->peer = peer;
  agent->layer = gst_sip_transaction_layer_new (gst_sip_fake_clock_get_clock
      (fake_clock), "WS", host, &agent_callbacks, agent);
  g_queue_init (&agent->inbox);
  agent->requests = g_ptr_array_new_with_free_func ((GDestroyNotify)
      gst_sip_message_free);
  agent->responses = g_ptr_array_new_with_free_func ((GDestroyNotify)
      gst_sip_message_free);
}

static void
agent_clear (Agent * agent)
{
  g_clear_pointer (&agent->invite_st, gst_sip_transaction_unref);
  g_clear_pointer (&agent->dialog, gst_sip_dialog_free);
  gst_sip_transaction_layer_free (agent->layer);
  g_queue_clear_full (&agent->inbox, g_free);
  g_ptr_array_unref (agent->requests);
  g_ptr_array_unref (agent->responses);
}

/* Delivers everything in flight, both ways, as the UA does: parse,
 * validate, then the transaction layer. */
static void
pump (Agent * a, Agent * b)
{
  while (!g_queue_is_empty (&a->inbox) || !g_queue_is_empty (&b->inbox)) {
    Agent *to = g_queue_is_empty (&a->inbox) ? b : a;
    g_autofree gchar *text = g_queue_pop_head (&to->inbox);
    GstSipMessage *msg = NULL;
    const gchar *reason = NULL;

    fail_unless_equals_int (gst_sip_message_parse (text, strlen (text), &msg,
            &reason), GST_SIP_PARSE_OK);
    fail_unless (gst_sip_message_validate (msg, &reason), "%s", reason);
    gst_sip_transaction_layer_receive (to->layer, msg);
  }
}

static const GstSipMessage *
last_message (GPtrArray * array)
{
  fail_unless (array->len > 0);
  return g_ptr_array_index (array, array->len - 1);
}

GST_START_TEST (test_call_between_two_agents)
{
  Agent alice, bob;
  g_autoptr (GstSipTransaction) invite_ct = NULL;
  g_autoptr (GstSipTransaction) bye_ct = NULL;
  GstSipMessage *invite, *resp;
  const GstSipMessage *ok;
  const gchar *reason = NULL;
  g_autofree gchar *call_id = gst_sip_generate_call_id ("abcde");
  g_autofree gchar *from_tag = gst_sip_generate_tag ();
  g_autofree gchar *to_tag = gst_sip_generate_tag ();
  g_autofree gchar *bob_id = NULL;

  fake_clock = gst_sip_fake_clock_new ();
  agent_init (&alice, "alice", &bob);
  agent_init (&bob, "bob", &alice);

  /* Alice calls. */
  invite = gst_sip_request_new_initial (GST_SIP_METHOD_INVITE,
      "sip:bob@bob.invalid;transport=ws", "\"Alice\" <sip:alice@example.com>",
      from_tag, "<sip:bob@example.com>", call_id, gst_sip_generate_cseq ());
  gst_sip_message_add_header (invite, GST_SIP_HEADER_CONTACT,
      "<sip:alice@alice.invalid;transport=ws;ob>");
  invite_ct = gst_sip_transaction_layer_send_request (alice.layer, invite,
      &agent_client_callbacks, &alice);
  pump (&alice, &bob);
  fail_unless_equals_int (bob.requests->len, 1);
  fail_unless (bob.invite_st != NULL);
  fail_unless_equals_int (alice.responses->len, 1);     /* 100 Trying */

  /* Bob answers 200 with his Contact: his dialog is confirmed. */
  resp = gst_sip_response_new_for_request (gst_sip_transaction_get_request
      (bob.invite_st), 200, "OK", to_tag);
  gst_sip_message_add_header (resp, GST_SIP_HEADER_CONTACT,
      "<sip:bob@bob.invalid;transport=ws>");
  gst_sip_message_index (resp, NULL);
  bob.dialog = gst_sip_dialog_new_uas (gst_sip_transaction_get_request
      (bob.invite_st), resp, &reason);
  fail_unless (bob.dialog != NULL, "%s", reason);
  fail_unless (gst_sip_server_transaction_respond (bob.invite_st, resp));
  pump (&alice, &bob);

  /* Alice's dialog from the 200. */
  ok = last_message (alice.responses);
  fail_unless_equals_int (ok->status_code, 200);
  alice.dialog = gst_sip_dialog_new_uac (gst_sip_transaction_get_request
      (invite_ct), ok, &reason);
  fail_unless (alice.dialog != NULL, "%s", reason);
  fail_unless_equals_int (gst_sip_dialog_get_state (alice.dialog),
      GST_SIP_DIALOG_STATE_CONFIRMED);
  fail_unless_equals_string (gst_sip_dialog_get_remote_target (alice.dialog),
      "sip:bob@bob.invalid;transport=ws");

  /* The ACK is late: Bob's 2xx is retransmitted and reaches Alice's TU
   * again, which ACKs each one. */
  gst_sip_fake_clock_advance (fake_clock, GST_SIP_T1_MS);
  pump (&alice, &bob);
  fail_unless_equals_int (bob.n_sent_2xx, 2);
  fail_unless_equals_int (last_message (alice.responses)->status_code, 200);
  fail_unless_equals_int (alice.responses->len, 3);
  fail_unless (gst_sip_transaction_layer_send_ack (alice.layer,
          gst_sip_dialog_new_ack (alice.dialog, ok->cseq)));
  pump (&alice, &bob);

  /* Bob's TU sees the ACK in his dialog; the retransmissions stop. */
  fail_unless_equals_int (bob.requests->len, 2);
  fail_unless_equals_int (((GstSipMessage *) last_message
          (bob.requests))->method, GST_SIP_METHOD_ACK);
  bob_id = gst_sip_dialog_id_for_message (last_message (bob.requests));
  fail_unless_equals_string (bob_id, gst_sip_dialog_get_id (bob.dialog));
  fail_unless_equals_int (gst_sip_dialog_receive_request (bob.dialog,
          last_message (bob.requests)), 0);
  gst_sip_fake_clock_advance (fake_clock, GST_SIP_TIMEOUT_64T1_MS);
  pump (&alice, &bob);
  fail_unless_equals_int (bob.n_sent_2xx, 2);

  /* Alice hangs up within the dialog; Bob answers 200. */
  bye_ct = gst_sip_transaction_layer_send_request (alice.layer,
      gst_sip_dialog_new_request (alice.dialog, GST_SIP_METHOD_BYE),
      &agent_client_callbacks, &alice);
  pump (&alice, &bob);
  fail_unless_equals_int (((GstSipMessage *) last_message
          (bob.requests))->method, GST_SIP_METHOD_BYE);
  fail_unless_equals_int (gst_sip_dialog_receive_request (bob.dialog,
          last_message (bob.requests)), 0);
  fail_unless_equals_int (last_message (alice.responses)->status_code, 200);
  fail_unless_equals_int (last_message (alice.responses)->cseq_method,
      GST_SIP_METHOD_BYE);
  fail_unless_equals_int (gst_sip_transaction_get_state (bye_ct),
      GST_SIP_TRANSACTION_STATE_TERMINATED);

  agent_clear (&alice);
  agent_clear (&bob);
  fail_unless_equals_int (gst_sip_fake_clock_get_n_pending (fake_clock), 0);
  gst_sip_fake_clock_free (fake_clock);
}

GST_END_TEST;

static Suite *
sip_dialog_suite (void)
{
  Suite *s = suite_create ("sip-dialog");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_uac_early_dialog);
  tcase_add_test (tc, test_uac_dialog_needs_tag_and_contact);
  tcase_add_test (tc, test_uac_confirmed_by_2xx);
  tcase_add_test (tc, test_uac_target_refresh_by_2xx);
  tcase_add_test (tc, test_uas_dialog);
  tcase_add_test (tc, test_uas_dialog_needs_contact);
  tcase_add_test (tc, test_remote_cseq);
  tcase_add_test (tc, test_uac_remote_cseq_starts_empty);
  tcase_add_test (tc, test_uas_target_refresh_by_request);
  tcase_add_test (tc, test_requests_within_dialog);
  tcase_add_test (tc, test_ack_for_2xx);
  tcase_add_test (tc, test_strict_routing);
  tcase_add_test (tc, test_no_route_set);
  tcase_add_test (tc, test_call_between_two_agents);
  return s;
}

GST_CHECK_MAIN (sip_dialog);
