/* gst-jssip: sip-inspect
 *
 * Reads one raw SIP message (a file, or stdin) and prints its parsed form
 * as JSON, or, when the user agent would refuse it, the reason, with exit
 * status 1. It runs exactly what the user agent runs on a message from
 * the network: gst_sip_message_parse() then gst_sip_message_validate().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/sip/sipmessage.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Valid UTF-8 with JSON escapes (RFC 8259 §7); SIP text may be any bytes,
 * so invalid sequences become U+FFFD. */
static void
append_json_string (GString * out, const gchar * str)
{
  gchar *valid;
  const gchar *p;

  if (str == NULL) {
    g_string_append (out, "null");
    return;
  }
  valid = g_utf8_make_valid (str, -1);
  g_string_append_c (out, '"');
  for (p = valid; *p; p++) {
    guchar c = *p;

    switch (c) {
      case '"':
        g_string_append (out, "\\\"");
        break;
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      default:
        if (c < 0x20 || c == 0x7f)
          g_string_append_printf (out, "\\u%04x", c);
        else
          g_string_append_c (out, c);
    }
  }
  g_string_append_c (out, '"');
  g_free (valid);
}

static void
append_key (GString * out, const gchar * indent, const gchar * key)
{
  g_string_append_printf (out, ",\n%s\"%s\": ", indent, key);
}

static void
append_string_field (GString * out, const gchar * indent, const gchar * key,
    const gchar * value)
{
  append_key (out, indent, key);
  append_json_string (out, value);
}

static void
append_int_field (GString * out, const gchar * indent, const gchar * key,
    gint64 value, gboolean present)
{
  append_key (out, indent, key);
  if (present)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
  else
    g_string_append (out, "null");
}

static void
append_uri (GString * out, const GstSipUri * uri)
{
  gchar *str = gst_sip_uri_to_string (uri);

  append_json_string (out, str);
  g_free (str);
}

static void
append_party (GString * out, const gchar * key, const GstSipNameAddr * na,
    const gchar * tag)
{
  append_key (out, "  ", key);
  g_string_append (out, "{\n    \"uri\": ");
  append_uri (out, &na->uri);
  append_string_field (out, "    ", "display_name", na->display_name);
  append_string_field (out, "    ", "tag", tag);
  g_string_append (out, "\n  }");
}

static void
append_vias (GString * out, const GstSipMessage * msg)
{
  guint i;

  append_key (out, "  ", "vias");
  g_string_append_c (out, '[');
  for (i = 0; i < msg->n_vias; i++) {
    const GstSipVia *via = &msg->vias[i];

    g_string_append (out, i ? ", {\n      \"transport\": " :
        "\n    {\n      \"transport\": ");
    append_json_string (out, via->transport);
    append_string_field (out, "      ", "host", via->host);
    append_int_field (out, "      ", "port", via->port, via->port != 0);
    append_string_field (out, "      ", "branch", via->branch);
    g_string_append (out, "\n    }");
  }
  g_string_append (out, msg->n_vias ? "\n  ]" : "]");
}

static void
append_contacts (GString * out, const GstSipMessage * msg)
{
  guint i;

  append_key (out, "  ", "contacts");
  g_string_append_c (out, '[');
  if (msg->contact_star)
    g_string_append (out, "\"*\"");
  for (i = 0; i < msg->n_contacts; i++) {
    if (i)
      g_string_append (out, ", ");
    append_uri (out, &msg->contacts[i].uri);
  }
  g_string_append_c (out, ']');
}

static gchar *
message_to_json (const GstSipMessage * msg)
{
  GString *out = g_string_new ("{\n  \"accepted\": true");

  if (msg->is_request) {
    append_string_field (out, "  ", "method", msg->method_name);
    append_string_field (out, "  ", "request_uri", msg->request_uri_str);
  } else {
    append_int_field (out, "  ", "status_code", msg->status_code, TRUE);
    append_string_field (out, "  ", "reason", msg->reason_phrase);
  }
  append_string_field (out, "  ", "call_id", msg->call_id);
  append_key (out, "  ", "cseq");
  g_string_append_printf (out, "{\"number\": %u, \"method\": ", msg->cseq);
  append_json_string (out, msg->cseq_method_name);
  g_string_append_c (out, '}');
  append_party (out, "from", msg->from, msg->from_tag);
  append_party (out, "to", msg->to, msg->to_tag);
  append_vias (out, msg);
  append_contacts (out, msg);
  append_string_field (out, "  ", "content_type", msg->content_type);
  append_int_field (out, "  ", "content_length", msg->content_length,
      msg->content_length >= 0);
  append_int_field (out, "  ", "body_length", msg->body_length, TRUE);
  g_string_append (out, "\n}\n");
  return g_string_free (out, FALSE);
}

/* Reads at most one byte more than the parser accepts: enough for it to
 * say "Message too large" without holding an arbitrary input. */
static GByteArray *
read_input (FILE * in)
{
  GByteArray *data = g_byte_array_new ();
  guint8 chunk[8192];
  gsize n;

  while (data->len <= GST_SIP_MAX_MESSAGE_SIZE
      && (n = fread (chunk, 1, sizeof (chunk), in)) > 0)
    g_byte_array_append (data, chunk, n);
  if (ferror (in)) {
    g_byte_array_unref (data);
    return NULL;
  }
  return data;
}

static int
reject (const gchar * reason)
{
  GString *out = g_string_new ("{\n  \"accepted\": false");

  append_string_field (out, "  ", "reason", reason);
  g_string_append (out, "\n}\n");
  fputs (out->str, stdout);
  g_printerr ("sip-inspect: rejected: %s\n", reason);
  g_string_free (out, TRUE);
  return 1;
}

int
main (int argc, char **argv)
{
  const gchar *path = argc > 1 ? argv[1] : "-";
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;
  GByteArray *data;
  FILE *in;
  int status;

  if (argc > 2 || g_str_equal (path, "--help") || g_str_equal (path, "-h")) {
    g_printerr ("usage: %s [FILE]\n"
        "Parses one SIP message (FILE, or stdin if absent or '-') as the "
        "user agent would\nand prints it as JSON; exits 1 with the reason "
        "if the user agent would refuse it.\n", argv[0]);
    return 2;
  }
  in = g_str_equal (path, "-") ? stdin : fopen (path, "rb");
  if (in == NULL) {
    g_printerr ("sip-inspect: cannot open %s: %s\n", path, g_strerror (errno));
    return 2;
  }
  data = read_input (in);
  if (in != stdin)
    fclose (in);
  if (data == NULL) {
    g_printerr ("sip-inspect: cannot read %s\n", path);
    return 2;
  }

  if (gst_sip_message_parse ((const gchar *) data->data, data->len, &msg,
          &reason) != GST_SIP_PARSE_OK) {
    status = reject (reason);
  } else if (!gst_sip_message_validate (msg, &reason)) {
    status = reject (reason);
  } else {
    gchar *json = message_to_json (msg);

    fputs (json, stdout);
    g_free (json);
    status = 0;
  }
  gst_sip_message_free (msg);
  g_byte_array_unref (data);
  return status;
}
