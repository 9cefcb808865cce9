/* gst-jssip: SIP core
 *
 * The message model: building, copying and editing header entries. The
 * message structure itself is the first thing allocated in its arena, so
 * freeing the arena frees everything.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/sip/sipmessage.h>
#include "sipmessage-private.h"
#include "sipsyntax.h"

#include <string.h>

#define INITIAL_HEADER_SLOTS 16

GstSipMessage *
gst_sip_message_new_in_arena (GstSipArena * arena, guint header_slots)
{
  GstSipMessage *msg = gst_sip_arena_alloc0 (arena, sizeof (GstSipMessage));

  msg->arena = arena;
  msg->headers_allocated = MAX (header_slots, 1);
  msg->headers = gst_sip_arena_alloc (arena,
      msg->headers_allocated * sizeof (GstSipHeader));
  gst_sip_message_clear_views (msg);
  return msg;
}

void
gst_sip_message_clear_views (GstSipMessage * msg)
{
  msg->call_id = NULL;
  msg->cseq = 0;
  msg->cseq_method = GST_SIP_METHOD_UNKNOWN;
  msg->cseq_method_name = NULL;
  msg->from = msg->to = NULL;
  msg->from_tag = msg->to_tag = NULL;
  msg->vias = NULL;
  msg->n_vias = 0;
  msg->contacts = NULL;
  msg->n_contacts = 0;
  msg->contact_star = FALSE;
  msg->max_forwards = -1;
  msg->content_length = -1;
  msg->content_type = NULL;
  msg->expires = -1;
  msg->index_error = NULL;
}

static GstSipMessage *
message_new (void)
{
  return gst_sip_message_new_in_arena (gst_sip_arena_new (2048),
      INITIAL_HEADER_SLOTS);
}

GstSipMessage *
gst_sip_message_new_request_name (const gchar * method,
    const gchar * request_uri)
{
  GstSipMessage *msg;
  const gchar *reason;

  g_return_val_if_fail (method != NULL && request_uri != NULL, NULL);
  msg = message_new ();
  msg->is_request = TRUE;
  msg->method = gst_sip_method_from_string (method, -1);
  msg->method_name = gst_sip_arena_strdup (msg->arena, method);
  msg->request_uri_str = gst_sip_arena_strdup (msg->arena, request_uri);
  if (!gst_sip_uri_parse_into (msg->arena, request_uri, -1,
          &msg->request_uri, &reason)) {
    g_critical ("bad Request-URI '%s': %s", request_uri, reason);
    gst_sip_message_free (msg);
    return NULL;
  }
  return msg;
}

GstSipMessage *
gst_sip_message_new_request (GstSipMethod method, const gchar * request_uri)
{
  const gchar *name = gst_sip_method_to_string (method);

  g_return_val_if_fail (name != NULL, NULL);
  return gst_sip_message_new_request_name (name, request_uri);
}

GstSipMessage *
gst_sip_message_new_response (guint status_code, const gchar * reason_phrase)
{
  GstSipMessage *msg;

  g_return_val_if_fail (status_code >= 100 && status_code <= 699, NULL);
  msg = message_new ();
  msg->status_code = status_code;
  msg->reason_phrase = gst_sip_arena_strdup (msg->arena,
      reason_phrase ? reason_phrase : "");
  return msg;
}

void
gst_sip_message_free (GstSipMessage * msg)
{
  if (msg != NULL)
    gst_sip_arena_free (msg->arena);
}

GstSipMessage *
gst_sip_message_copy (const GstSipMessage * msg)
{
  GstSipMessage *copy;
  GstSipArena *arena;
  guint i;

  g_return_val_if_fail (msg != NULL, NULL);
  arena = gst_sip_arena_new (2048 + msg->body_length);
  copy = gst_sip_message_new_in_arena (arena, msg->n_headers);
  copy->is_request = msg->is_request;
  copy->method = msg->method;
  copy->method_name = gst_sip_arena_strdup (arena, msg->method_name);
  if (msg->is_request)
    gst_sip_uri_copy_into (arena, &msg->request_uri, &copy->request_uri);
  copy->request_uri_str = gst_sip_arena_strdup (arena, msg->request_uri_str);
  copy->status_code = msg->status_code;
  copy->reason_phrase = gst_sip_arena_strdup (arena, msg->reason_phrase);

  for (i = 0; i < msg->n_headers; i++) {
    GstSipHeader *h = &copy->headers[i];

    h->id = msg->headers[i].id;
    h->name = h->id == GST_SIP_HEADER_OTHER ?
        gst_sip_arena_strdup (arena, msg->headers[i].name) :
        msg->headers[i].name;
    h->value = gst_sip_arena_strdup (arena, msg->headers[i].value);
  }
  copy->n_headers = msg->n_headers;

  if (msg->body) {
    gchar *body = gst_sip_arena_alloc (arena, msg->body_length + 1);

    memcpy (body, msg->body, msg->body_length);
    body[msg->body_length] = '\0';
    copy->body = body;
    copy->body_length = msg->body_length;
  }
  /* The views of the source parsed or were never read: re-deriving them
   * keeps the copy self-contained. */
  gst_sip_message_index (copy, NULL);
  return copy;
}

/* Makes room for one more entry at the end. Old arrays stay in the arena:
 * growth doubles, so the waste is bounded by the final size. */
static void
ensure_header_slot (GstSipMessage * msg)
{
  GstSipHeader *grown;

  if (msg->n_headers < msg->headers_allocated)
    return;
  grown = gst_sip_arena_alloc (msg->arena,
      msg->headers_allocated * 2 * sizeof (GstSipHeader));
  memcpy (grown, msg->headers, msg->n_headers * sizeof (GstSipHeader));
  msg->headers = grown;
  msg->headers_allocated *= 2;
}

/* A value holding CR, LF or NUL would let its text become extra header
 * lines on the wire (header injection): such values are refused. */
static gboolean
value_is_single_line (const gchar * value)
{
  return value == NULL || strpbrk (value, "\r\n") == NULL;
}

static void
insert_header (GstSipMessage * msg, guint pos, GstSipHeaderId id,
    const gchar * name, const gchar * value)
{
  GstSipHeader *h;

  g_return_if_fail (value_is_single_line (value));
  ensure_header_slot (msg);
  memmove (&msg->headers[pos + 1], &msg->headers[pos],
      (msg->n_headers - pos) * sizeof (GstSipHeader));
  h = &msg->headers[pos];
  h->id = id;
  h->name = id == GST_SIP_HEADER_OTHER ?
      gst_sip_arena_strdup (msg->arena, name) : gst_sip_header_id_to_name (id);
  h->value = gst_sip_arena_strdup (msg->arena, value ? value : "");
  msg->n_headers++;
}

void
gst_sip_message_add_header (GstSipMessage * msg, GstSipHeaderId id,
    const gchar * value)
{
  g_return_if_fail (msg != NULL);
  g_return_if_fail (id > GST_SIP_HEADER_OTHER && id < GST_SIP_HEADER_LAST);
  insert_header (msg, msg->n_headers, id, NULL, value);
}

/* field-name is a token (§25.1). */
static gboolean
name_is_token (const gchar * name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (; *name; name++) {
    if (!GST_SIP_CC_IS (*name, GST_SIP_CC_TOKEN))
      return FALSE;
  }
  return TRUE;
}

void
gst_sip_message_add_header_name (GstSipMessage * msg, const gchar * name,
    const gchar * value)
{
  g_return_if_fail (msg != NULL);
  g_return_if_fail (name_is_token (name));
  insert_header (msg, msg->n_headers, gst_sip_header_id_from_name (name, -1),
      name, value);
}

void
gst_sip_message_add_header_printf (GstSipMessage * msg, GstSipHeaderId id,
    const gchar * format, ...)
{
  va_list args;
  gchar *value;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  gst_sip_message_add_header (msg, id, value);
  g_free (value);
}

void
gst_sip_message_prepend_header (GstSipMessage * msg, GstSipHeaderId id,
    const gchar * value)
{
  g_return_if_fail (msg != NULL);
  g_return_if_fail (id > GST_SIP_HEADER_OTHER && id < GST_SIP_HEADER_LAST);
  insert_header (msg, 0, id, NULL, value);
}

guint
gst_sip_message_remove_headers (GstSipMessage * msg, GstSipHeaderId id)
{
  guint i, kept = 0;

  g_return_val_if_fail (msg != NULL, 0);
  for (i = 0; i < msg->n_headers; i++) {
    if (msg->headers[i].id != id)
      msg->headers[kept++] = msg->headers[i];
  }
  i = msg->n_headers - kept;
  msg->n_headers = kept;
  return i;
}

void
gst_sip_message_set_header (GstSipMessage * msg, GstSipHeaderId id,
    const gchar * value)
{
  guint i;

  g_return_if_fail (msg != NULL);
  g_return_if_fail (id > GST_SIP_HEADER_OTHER && id < GST_SIP_HEADER_LAST);
  /* Keep the position of the first entry, so that editing a field does
   * not reorder the message. */
  g_return_if_fail (value_is_single_line (value));
  for (i = 0; i < msg->n_headers; i++) {
    if (msg->headers[i].id == id) {
      msg->headers[i].value = gst_sip_arena_strdup (msg->arena,
          value ? value : "");
      break;
    }
  }
  if (i == msg->n_headers) {
    gst_sip_message_add_header (msg, id, value);
    return;
  }
  for (i++; i < msg->n_headers;) {
    if (msg->headers[i].id == id) {
      memmove (&msg->headers[i], &msg->headers[i + 1],
          (msg->n_headers - i - 1) * sizeof (GstSipHeader));
      msg->n_headers--;
    } else {
      i++;
    }
  }
}

const gchar *
gst_sip_message_get_header_nth (const GstSipMessage * msg, GstSipHeaderId id,
    guint nth)
{
  guint i;

  g_return_val_if_fail (msg != NULL, NULL);
  for (i = 0; i < msg->n_headers; i++) {
    if (msg->headers[i].id == id && nth-- == 0)
      return msg->headers[i].value;
  }
  return NULL;
}

const gchar *
gst_sip_message_get_header (const GstSipMessage * msg, GstSipHeaderId id)
{
  return gst_sip_message_get_header_nth (msg, id, 0);
}

guint
gst_sip_message_count_headers (const GstSipMessage * msg, GstSipHeaderId id)
{
  guint i, n = 0;

  g_return_val_if_fail (msg != NULL, 0);
  for (i = 0; i < msg->n_headers; i++) {
    if (msg->headers[i].id == id)
      n++;
  }
  return n;
}

const gchar *
gst_sip_message_get_header_by_name (const GstSipMessage * msg,
    const gchar * name)
{
  GstSipHeaderId id;
  guint i;

  g_return_val_if_fail (msg != NULL && name != NULL, NULL);
  id = gst_sip_header_id_from_name (name, -1);
  if (id != GST_SIP_HEADER_OTHER)
    return gst_sip_message_get_header (msg, id);
  for (i = 0; i < msg->n_headers; i++) {
    if (msg->headers[i].id == GST_SIP_HEADER_OTHER
        && g_ascii_strcasecmp (msg->headers[i].name, name) == 0)
      return msg->headers[i].value;
  }
  return NULL;
}

void
gst_sip_message_set_body (GstSipMessage * msg, const gchar * content_type,
    const gchar * body, gsize len)
{
  g_return_if_fail (msg != NULL);

  if (body == NULL || len == 0) {
    msg->body = NULL;
    msg->body_length = 0;
  } else {
    gchar *copy = gst_sip_arena_alloc (msg->arena, len + 1);

    memcpy (copy, body, len);
    copy[len] = '\0';
    msg->body = copy;
    msg->body_length = len;
  }
  msg->content_length = msg->body_length;

  if (content_type != NULL) {
    gst_sip_message_set_header (msg, GST_SIP_HEADER_CONTENT_TYPE, content_type);
    msg->content_type = gst_sip_message_get_header (msg,
        GST_SIP_HEADER_CONTENT_TYPE);
  } else if (msg->body == NULL) {
    gst_sip_message_remove_headers (msg, GST_SIP_HEADER_CONTENT_TYPE);
    msg->content_type = NULL;
  }
}
