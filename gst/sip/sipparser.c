/* gst-jssip: SIP core
 *
 * The message parser. One WebSocket frame holds exactly one message
 * (RFC 7118 §5), so the parser sees the whole message at once: it copies
 * it into the message's arena in one go and cuts the copy in place (a NUL
 * replaces each delimiter it consumes). Lines are found with memchr, header
 * names are identified by a hash on length and first/last characters, and
 * nothing is allocated per token beyond arena bumps.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/sip/sipmessage.h>
#include "sipmessage-private.h"
#include "sipsyntax.h"

#include <string.h>

#define INITIAL_HEADER_SLOTS 32

typedef struct
{
  GstSipMessage *msg;
  const gchar *reason;
  GstSipParseResult result;
  gint64 content_length;        /* -1 until a Content-Length is seen */
  guint n_counted_headers;      /* entries that count towards the limit */
} Parser;

static gboolean
fail (Parser * parser, GstSipParseResult result, const gchar * reason)
{
  parser->result = result;
  parser->reason = reason;
  return FALSE;
}

/* "SIP/2.0", "SIP" being case-insensitive (§7.1). Returns 1 for 2.0, 0 for
 * another SIP version, -1 for something else. */
static gint
check_version (const gchar * p, const gchar * end)
{
  const gchar *v;

  if (end - p < 7 || !gst_sip_ascii_case_equal (p, "SIP/", 4))
    return -1;
  for (v = p + 4; v < end && (GST_SIP_CC_IS (*v, GST_SIP_CC_DIGIT)
          || *v == '.'); v++);
  if (v != end)
    return -1;
  return (end - p == 7 && memcmp (p + 4, "2.0", 3) == 0) ? 1 : 0;
}

/* Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (§7.2) */
static gboolean
parse_status_line (Parser * parser, gchar * p, gchar * end)
{
  GstSipMessage *msg = parser->msg;
  gchar *sp = memchr (p, ' ', end - p);
  gint version = check_version (p, sp ? sp : end);
  guint64 code;

  if (version == 0)
    return fail (parser, GST_SIP_PARSE_ERROR, "SIP Version Not Supported");
  if (version < 0 || sp == NULL || end - sp < 4
      || !gst_sip_parse_uint (sp + 1, sp + 4, 699, &code) || code < 100
      || (end - sp > 4 && sp[4] != ' '))
    return fail (parser, GST_SIP_PARSE_ERROR, "Bad Status-Line");

  msg->is_request = FALSE;
  msg->status_code = code;
  *end = '\0';
  msg->reason_phrase = end - sp > 4 ? sp + 5 : "";
  return TRUE;
}

/* Request-Line = Method SP Request-URI SP SIP-Version (§7.1): exactly one
 * SP between elements. */
static gboolean
parse_request_line (Parser * parser, gchar * p, gchar * end)
{
  GstSipMessage *msg = parser->msg;
  gchar *sp1, *sp2, *q;
  const gchar *reason;
  gint version;

  for (q = p; q < end && GST_SIP_CC_IS (*q, GST_SIP_CC_TOKEN); q++);
  sp1 = q;
  if (sp1 == p || sp1 == end || *sp1 != ' ')
    return fail (parser, GST_SIP_PARSE_ERROR, "Bad Request-Line");
  sp2 = memchr (sp1 + 1, ' ', end - sp1 - 1);
  if (sp2 == NULL || sp2 == sp1 + 1)
    return fail (parser, GST_SIP_PARSE_ERROR, "Bad Request-Line");
  version = check_version (sp2 + 1, end);
  if (version == 0)
    return fail (parser, GST_SIP_PARSE_ERROR, "SIP Version Not Supported");
  if (version < 0)
    return fail (parser, GST_SIP_PARSE_ERROR, "Bad Request-Line");

  if (!gst_sip_uri_parse_into (msg->arena, sp1 + 1, sp2 - sp1 - 1,
          &msg->request_uri, &reason))
    return fail (parser, GST_SIP_PARSE_ERROR,
        g_str_equal (reason, "Unsupported URI Scheme") ? reason :
        "Bad Request-URI");

  msg->is_request = TRUE;
  *sp1 = '\0';
  *sp2 = '\0';
  msg->method_name = p;
  msg->method = gst_sip_method_from_string (p, sp1 - p);
  msg->request_uri_str = sp1 + 1;
  return TRUE;
}

static gboolean
parse_start_line (Parser * parser, gchar * p, gchar * end)
{
  if (end - p >= 4 && gst_sip_ascii_case_equal (p, "SIP/", 4))
    return parse_status_line (parser, p, end);
  return parse_request_line (parser, p, end);
}

static gboolean
add_entry (Parser * parser, GstSipHeaderId id, const gchar * name,
    const gchar * value)
{
  GstSipMessage *msg = parser->msg;
  GstSipHeader *h;

  /* Content-Length is not counted: the serializer always writes one, so
   * that a message at the limit still parses after a round trip. */
  if (id != GST_SIP_HEADER_CONTENT_LENGTH
      && parser->n_counted_headers++ == GST_SIP_MAX_HEADERS)
    return fail (parser, GST_SIP_PARSE_TOO_LARGE, "Too many headers");
  if (msg->n_headers == msg->headers_allocated) {
    GstSipHeader *grown = gst_sip_arena_alloc (msg->arena,
        msg->headers_allocated * 2 * sizeof (GstSipHeader));

    memcpy (grown, msg->headers, msg->n_headers * sizeof (GstSipHeader));
    msg->headers = grown;
    msg->headers_allocated *= 2;
  }
  h = &msg->headers[msg->n_headers++];
  h->id = id;
  h->name = name;
  h->value = value;
  return TRUE;
}

/* Adds the trimmed element [start, end) of a list; empty elements (null
 * list elements) are dropped. Returns FALSE only on a limit. */
static gboolean
add_list_element (Parser * parser, GstSipHeaderId id, const gchar * name,
    gchar * start, gchar * end, guint * n_elements)
{
  start = (gchar *) gst_sip_skip_ws (start, end);
  end = (gchar *) gst_sip_trim_end (start, end);
  if (start == end)
    return TRUE;
  *end = '\0';
  (*n_elements)++;
  return add_entry (parser, id, name, start);
}

/* Splits a list value at the commas that are outside quoted strings and
 * angle brackets (§7.3.1). */
static gboolean
split_list (Parser * parser, GstSipHeaderId id, const gchar * name,
    gchar * value, gchar * end)
{
  gchar *start = value, *p;
  guint n_elements = 0;

  for (p = value; p < end; p++) {
    switch (*p) {
      case '"':{
        const gchar *close = gst_sip_skip_quoted (p, end);

        if (close == NULL)
          return fail (parser, GST_SIP_PARSE_ERROR,
              "Unterminated quoted string");
        p = (gchar *) close - 1;
        break;
      }
      case '<':{
        gchar *close = memchr (p, '>', end - p);

        if (close == NULL)
          return fail (parser, GST_SIP_PARSE_ERROR, "Unterminated <");
        p = close;
        break;
      }
      case ',':
        if (!add_list_element (parser, id, name, start, p, &n_elements))
          return FALSE;
        start = p + 1;
        break;
      default:
        break;
    }
  }
  if (!add_list_element (parser, id, name, start, end, &n_elements))
    return FALSE;
  /* An empty list ("Supported:") is still a header field. */
  if (n_elements == 0) {
    *value = '\0';
    return add_entry (parser, id, name, value);
  }
  return TRUE;
}

/* Content-Length frames the body. A repeated equal value is tolerated
 * and dropped (*repeated), a different one is an error. */
static gboolean
note_content_length (Parser * parser, const gchar * value, const gchar * end,
    gboolean * repeated)
{
  guint64 cl;

  if (!gst_sip_parse_uint (value, end, G_MAXINT32, &cl)
      || (parser->content_length >= 0
          && (guint64) parser->content_length != cl))
    return fail (parser, GST_SIP_PARSE_ERROR, "Bad Content-Length");
  *repeated = parser->content_length >= 0;
  parser->content_length = cl;
  return TRUE;
}

/* message-header = field-name HCOLON field-value, on [p, end) already
 * unfolded. */
static gboolean
parse_header (Parser * parser, gchar * p, gchar * end)
{
  gchar *name = p, *name_end, *value, *value_end;
  GstSipHeaderId id;
  const gchar *canonical;

  while (p < end && GST_SIP_CC_IS (*p, GST_SIP_CC_TOKEN))
    p++;
  name_end = p;
  p = (gchar *) gst_sip_skip_ws (p, end);
  if (name_end == name || p == end || *p != ':')
    return fail (parser, GST_SIP_PARSE_ERROR, "Bad header line");

  value = (gchar *) gst_sip_skip_ws (p + 1, end);
  value_end = (gchar *) gst_sip_trim_end (value, end);
  /* Name and value are bounded separately, as stored: serialisation
   * changes the line around them (compact to long name, ": "), never
   * them, so what parsed once parses again. */
  if (name_end - name > GST_SIP_MAX_HEADER_LENGTH
      || value_end - value > GST_SIP_MAX_HEADER_LENGTH)
    return fail (parser, GST_SIP_PARSE_TOO_LARGE, "Header too long");
  id = gst_sip_header_id_from_name (name, name_end - name);

  if (id == GST_SIP_HEADER_CONTENT_LENGTH) {
    gboolean repeated;

    if (!note_content_length (parser, value, value_end, &repeated))
      return FALSE;
    if (repeated)
      return TRUE;
  }

  /* Cut in place: both bytes were consumed (':' or LWS, CR or LF). */
  *name_end = '\0';
  *value_end = '\0';
  canonical = id == GST_SIP_HEADER_OTHER ? name :
      gst_sip_header_id_to_name (id);
  if (gst_sip_header_id_is_list (id))
    return split_list (parser, id, canonical, value, value_end);
  return add_entry (parser, id, canonical, value);
}

/* Replaces each fold (optional WSP, CRLF, WSP) by one SP, in place
 * (§7.3.1), and rejects stray CR and NUL bytes. Returns the new end. */
static gchar *
unfold (Parser * parser, gchar * start, gchar * end)
{
  gchar *w = start, *p = start;

  while (p < end) {
    gchar c = *p;

    if (c == '\r' && p + 1 < end && p[1] == '\n')
      c = *++p;
    if (c == '\n') {
      w = (gchar *) gst_sip_trim_end (start, w);
      p = (gchar *) gst_sip_skip_ws (p + 1, end);
      *w++ = ' ';
      continue;
    }
    if (c == '\r' || c == '\0') {
      fail (parser, GST_SIP_PARSE_ERROR,
          c ? "Bad line ending" : "NUL byte in header");
      return NULL;
    }
    *w++ = c;
    p++;
  }
  return w;
}

/* A line of the header part must hold neither NUL nor a bare CR. */
static gboolean
check_line_bytes (Parser * parser, const gchar * p, const gchar * end)
{
  if (memchr (p, '\0', end - p) != NULL)
    return fail (parser, GST_SIP_PARSE_ERROR, "NUL byte in header");
  if (memchr (p, '\r', end - p) != NULL)
    return fail (parser, GST_SIP_PARSE_ERROR, "Bad line ending");
  return TRUE;
}

/* Lines end with CRLF; a bare LF is accepted too (robustness, §7.5 is
 * silent on it and captures often lose the CRs). */
static inline gchar *
line_content_end (gchar * line, gchar * lf)
{
  return (lf > line && lf[-1] == '\r') ? lf - 1 : lf;
}

/* Parses the header fields from @p; returns the start of the body (just
 * after the empty line) or NULL. */
static gchar *
parse_headers (Parser * parser, gchar * p, gchar * end)
{
  for (;;) {
    gchar *lf, *next, *line_end;
    gboolean folded;

    lf = p < end ? memchr (p, '\n', end - p) : NULL;
    if (lf == NULL) {
      fail (parser, GST_SIP_PARSE_ERROR, "Truncated message");
      return NULL;
    }
    line_end = line_content_end (p, lf);
    if (line_end == p)
      return lf + 1;
    if (*p == ' ' || *p == '\t') {
      fail (parser, GST_SIP_PARSE_ERROR, "Bad header line");
      return NULL;
    }

    /* A logical header runs on while the next line starts with WSP. */
    folded = FALSE;
    next = lf + 1;
    while (next < end && (*next == ' ' || *next == '\t')) {
      folded = TRUE;
      lf = memchr (next, '\n', end - next);
      if (lf == NULL) {
        fail (parser, GST_SIP_PARSE_ERROR, "Truncated message");
        return NULL;
      }
      next = lf + 1;
    }
    line_end = line_content_end (p, lf);
    if (folded)
      line_end = unfold (parser, p, line_end);
    else if (!check_line_bytes (parser, p, line_end))
      line_end = NULL;
    if (line_end == NULL)
      return NULL;
    if (!parse_header (parser, p, line_end))
      return NULL;
    p = next;
  }
}

/* Skips the CRLFs a sender may put before the start line (§7.5). */
static const gchar *
skip_leading_crlf (const gchar * p, const gchar * end)
{
  while (p < end && (*p == '\r' || *p == '\n'))
    p++;
  return p;
}

static gboolean
frame_body (Parser * parser, gchar * body, gchar * end)
{
  GstSipMessage *msg = parser->msg;
  gsize body_length = end - body;

  if (body_length > GST_SIP_MAX_BODY_SIZE)
    return fail (parser, GST_SIP_PARSE_TOO_LARGE, "Body too large");
  /* One message per frame: the body must be exactly Content-Length long
   * when it is given, and is the rest of the frame otherwise (RFC 7118). */
  if (parser->content_length >= 0) {
    if (body_length < (guint64) parser->content_length)
      return fail (parser, GST_SIP_PARSE_ERROR,
          "Body shorter than Content-Length");
    if (body_length > (guint64) parser->content_length)
      return fail (parser, GST_SIP_PARSE_ERROR,
          "Body longer than Content-Length");
  }
  /* The copy of the frame ends with a NUL, so the body is terminated. */
  msg->body = body_length ? body : NULL;
  msg->body_length = body_length;
  return TRUE;
}

GstSipParseResult
gst_sip_message_parse (const gchar * data, gsize len, GstSipMessage ** msg,
    const gchar ** reason)
{
  Parser parser = { NULL, NULL, GST_SIP_PARSE_OK, -1 };
  const gchar *start;
  gchar *buf, *end, *lf, *body;
  GstSipArena *arena;
  gsize size;

  g_return_val_if_fail (msg != NULL && reason != NULL, GST_SIP_PARSE_ERROR);
  *msg = NULL;
  *reason = NULL;
  if (len > GST_SIP_MAX_MESSAGE_SIZE) {
    *reason = "Message too large";
    return GST_SIP_PARSE_TOO_LARGE;
  }
  start = data ? skip_leading_crlf (data, data + len) : NULL;
  if (start == NULL || start == data + len) {
    *reason = "Empty message";
    return GST_SIP_PARSE_ERROR;
  }
  size = data + len - start;

  /* One block for the message, the copy and the views in most cases. */
  arena = gst_sip_arena_new (size + size / 2 + 2048);
  parser.msg = gst_sip_message_new_in_arena (arena, INITIAL_HEADER_SLOTS);
  buf = gst_sip_arena_alloc (arena, size + 1);
  memcpy (buf, start, size);
  buf[size] = '\0';
  end = buf + size;

  lf = memchr (buf, '\n', size);
  if (lf == NULL) {
    fail (&parser, GST_SIP_PARSE_ERROR, "Truncated message");
    goto failed;
  }
  if (line_content_end (buf, lf) - buf > GST_SIP_MAX_HEADER_LENGTH) {
    fail (&parser, GST_SIP_PARSE_TOO_LARGE, "Start line too long");
    goto failed;
  }
  if (!check_line_bytes (&parser, buf, line_content_end (buf, lf))
      || !parse_start_line (&parser, buf, line_content_end (buf, lf)))
    goto failed;

  body = parse_headers (&parser, lf + 1, end);
  if (body == NULL || !frame_body (&parser, body, end))
    goto failed;

  /* A structured header that does not parse leaves the message usable for
   * a 400; gst_sip_message_validate() reports it. */
  gst_sip_message_index (parser.msg, NULL);
  *msg = parser.msg;
  return GST_SIP_PARSE_OK;

failed:
  gst_sip_arena_free (arena);
  *reason = parser.reason;
  return parser.result;
}
