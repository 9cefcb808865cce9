/* gst-jssip: fuzz targets
 *
 * The SIP message parser, validator and serializer on arbitrary frames.
 * Whatever parses must serialize to something that parses again into the
 * same message (RFC 3261 §7.3.1 equivalence), and serializing that second
 * parse must give the same bytes: this is how serializer bugs show up.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz-common.h"

#include <gst/sip/sipmessage.h>
#include <string.h>

static gboolean
same_string (const gchar * a, const gchar * b)
{
  return g_strcmp0 (a, b) == 0;
}

/* The entries that must survive a round trip: all but Content-Length,
 * which the serializer always rewrites from the body. */
static guint
next_kept_header (const GstSipMessage * msg, guint i)
{
  while (i < msg->n_headers
      && msg->headers[i].id == GST_SIP_HEADER_CONTENT_LENGTH)
    i++;
  return i;
}

static void
require_same_headers (const GstSipMessage * a, const GstSipMessage * b)
{
  guint i = next_kept_header (a, 0), j = next_kept_header (b, 0);

  while (i < a->n_headers && j < b->n_headers) {
    FUZZ_REQUIRE (a->headers[i].id == b->headers[j].id);
    FUZZ_REQUIRE (g_ascii_strcasecmp (a->headers[i].name,
            b->headers[j].name) == 0);
    FUZZ_REQUIRE (same_string (a->headers[i].value, b->headers[j].value));
    i = next_kept_header (a, i + 1);
    j = next_kept_header (b, j + 1);
  }
  FUZZ_REQUIRE (i == a->n_headers && j == b->n_headers);
}

static void
require_same_start_line (const GstSipMessage * a, const GstSipMessage * b)
{
  FUZZ_REQUIRE (a->is_request == b->is_request);
  if (a->is_request) {
    FUZZ_REQUIRE (a->method == b->method);
    FUZZ_REQUIRE (same_string (a->method_name, b->method_name));
    FUZZ_REQUIRE (gst_sip_uri_equal (&a->request_uri, &b->request_uri));
  } else {
    FUZZ_REQUIRE (a->status_code == b->status_code);
    FUZZ_REQUIRE (same_string (a->reason_phrase, b->reason_phrase));
  }
}

/* The structured views the transaction and dialog layers rely on. */
static void
require_same_views (const GstSipMessage * a, const GstSipMessage * b)
{
  FUZZ_REQUIRE ((a->index_error == NULL) == (b->index_error == NULL));
  if (a->index_error)
    return;
  FUZZ_REQUIRE (same_string (a->call_id, b->call_id));
  FUZZ_REQUIRE (a->cseq == b->cseq);
  FUZZ_REQUIRE (a->cseq_method == b->cseq_method);
  FUZZ_REQUIRE (same_string (a->cseq_method_name, b->cseq_method_name));
  FUZZ_REQUIRE (same_string (a->from_tag, b->from_tag));
  FUZZ_REQUIRE (same_string (a->to_tag, b->to_tag));
  FUZZ_REQUIRE (a->n_vias == b->n_vias);
  for (guint i = 0; i < a->n_vias; i++) {
    FUZZ_REQUIRE (same_string (a->vias[i].branch, b->vias[i].branch));
    FUZZ_REQUIRE (same_string (a->vias[i].host, b->vias[i].host));
    FUZZ_REQUIRE (a->vias[i].port == b->vias[i].port);
  }
  FUZZ_REQUIRE (a->n_contacts == b->n_contacts);
  for (guint i = 0; i < a->n_contacts; i++)
    FUZZ_REQUIRE (gst_sip_uri_equal (&a->contacts[i].uri, &b->contacts[i].uri));
  FUZZ_REQUIRE (a->contact_star == b->contact_star);
  FUZZ_REQUIRE (a->max_forwards == b->max_forwards);
  FUZZ_REQUIRE (a->expires == b->expires);
  FUZZ_REQUIRE (same_string (a->content_type, b->content_type));
}

static void
require_same_message (const GstSipMessage * a, const GstSipMessage * b)
{
  require_same_start_line (a, b);
  require_same_headers (a, b);
  FUZZ_REQUIRE (a->body_length == b->body_length);
  FUZZ_REQUIRE (a->body_length == 0
      || memcmp (a->body, b->body, a->body_length) == 0);
  require_same_views (a, b);
}

static void
check_round_trip (const GstSipMessage * msg)
{
  const gchar *reason = NULL;
  GstSipMessage *again = NULL, *copy;
  gchar *wire, *wire_again, *wire_copy;
  gsize len, len_again, len_copy;
  gboolean valid = gst_sip_message_validate (msg, &reason);

  FUZZ_REQUIRE (valid || reason != NULL);

  wire = gst_sip_message_to_string (msg, &len);
  FUZZ_REQUIRE (gst_sip_message_parse (wire, len, &again,
          &reason) == GST_SIP_PARSE_OK);
  require_same_message (msg, again);
  FUZZ_REQUIRE (gst_sip_message_validate (again, &reason) == valid);

  wire_again = gst_sip_message_to_string (again, &len_again);
  FUZZ_REQUIRE (len_again == len && memcmp (wire, wire_again, len) == 0);

  copy = gst_sip_message_copy (msg);
  wire_copy = gst_sip_message_to_string (copy, &len_copy);
  FUZZ_REQUIRE (len_copy == len && memcmp (wire, wire_copy, len) == 0);

  g_free (wire_copy);
  gst_sip_message_free (copy);
  g_free (wire_again);
  gst_sip_message_free (again);
  g_free (wire);
}

/* One message per frame (RFC 7118 §5): the body is the end of the frame,
 * and the part before it, the header part, holds no NUL. */
static void
check_frame_split (const GstSipMessage * msg, const gchar * data, gsize size)
{
  gsize header_part = size - msg->body_length;

  FUZZ_REQUIRE (msg->body_length <= size);
  FUZZ_REQUIRE (msg->body_length == 0
      || memcmp (msg->body, data + header_part, msg->body_length) == 0);
  FUZZ_REQUIRE (memchr (data, '\0', header_part) == NULL);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t * data, size_t size)
{
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;
  GstSipParseResult res;

  res = gst_sip_message_parse ((const gchar *) data, size, &msg, &reason);
  if (res != GST_SIP_PARSE_OK) {
    /* Every rejection must say why (it becomes a 400 reason phrase). */
    FUZZ_REQUIRE (msg == NULL && reason != NULL && reason[0] != '\0');
    return 0;
  }
  FUZZ_REQUIRE (msg != NULL);
  check_frame_split (msg, (const gchar *) data, size);
  check_round_trip (msg);
  gst_sip_message_free (msg);
  return 0;
}
