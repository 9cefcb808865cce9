/* gst-jssip: SIP core
 *
 * Header field and method names. Header names are case-insensitive
 * (RFC 3261 §7.3.1) and have compact forms (§7.3.3, plus the ones
 * registered later); methods are case-sensitive (§7.1).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/sip/sipmessage.h>
#include "sipsyntax.h"

#include <string.h>

typedef struct
{
  const gchar *name;
  gchar compact;                /* 0 if none */
  gboolean is_list;
} HeaderInfo;

/* Indexed by GstSipHeaderId. is_list marks the fields whose grammar is
 * 1#element (or #element) with no unquoted comma inside an element, so that
 * splitting at top-level commas is exact. Authorization-like fields, Date,
 * Expires and unknown fields are never split. */
static const HeaderInfo header_info[GST_SIP_HEADER_LAST] = {
  [GST_SIP_HEADER_OTHER] = {NULL, 0, FALSE},
  [GST_SIP_HEADER_ACCEPT] = {"Accept", 0, TRUE},
  [GST_SIP_HEADER_ALLOW] = {"Allow", 0, TRUE},
  [GST_SIP_HEADER_AUTHORIZATION] = {"Authorization", 0, FALSE},
  [GST_SIP_HEADER_CALL_ID] = {"Call-ID", 'i', FALSE},
  [GST_SIP_HEADER_CONTACT] = {"Contact", 'm', TRUE},
  [GST_SIP_HEADER_CONTENT_DISPOSITION] = {"Content-Disposition", 0, FALSE},
  [GST_SIP_HEADER_CONTENT_ENCODING] = {"Content-Encoding", 'e', TRUE},
  [GST_SIP_HEADER_CONTENT_LENGTH] = {"Content-Length", 'l', FALSE},
  [GST_SIP_HEADER_CONTENT_TYPE] = {"Content-Type", 'c', FALSE},
  [GST_SIP_HEADER_CSEQ] = {"CSeq", 0, FALSE},
  [GST_SIP_HEADER_EVENT] = {"Event", 'o', FALSE},
  [GST_SIP_HEADER_EXPIRES] = {"Expires", 0, FALSE},
  [GST_SIP_HEADER_FROM] = {"From", 'f', FALSE},
  [GST_SIP_HEADER_MAX_FORWARDS] = {"Max-Forwards", 0, FALSE},
  [GST_SIP_HEADER_MIN_EXPIRES] = {"Min-Expires", 0, FALSE},
  [GST_SIP_HEADER_MIN_SE] = {"Min-SE", 0, FALSE},
  [GST_SIP_HEADER_PROXY_AUTHENTICATE] = {"Proxy-Authenticate", 0, FALSE},
  [GST_SIP_HEADER_PROXY_AUTHORIZATION] = {"Proxy-Authorization", 0, FALSE},
  [GST_SIP_HEADER_REASON] = {"Reason", 0, TRUE},
  [GST_SIP_HEADER_RECORD_ROUTE] = {"Record-Route", 0, TRUE},
  [GST_SIP_HEADER_REFER_TO] = {"Refer-To", 'r', FALSE},
  [GST_SIP_HEADER_REFERRED_BY] = {"Referred-By", 'b', FALSE},
  [GST_SIP_HEADER_REQUIRE] = {"Require", 0, TRUE},
  [GST_SIP_HEADER_RETRY_AFTER] = {"Retry-After", 0, FALSE},
  [GST_SIP_HEADER_ROUTE] = {"Route", 0, TRUE},
  [GST_SIP_HEADER_SESSION_EXPIRES] = {"Session-Expires", 'x', FALSE},
  [GST_SIP_HEADER_SUBJECT] = {"Subject", 's', FALSE},
  [GST_SIP_HEADER_SUBSCRIPTION_STATE] = {"Subscription-State", 0, FALSE},
  [GST_SIP_HEADER_SUPPORTED] = {"Supported", 'k', TRUE},
  [GST_SIP_HEADER_TO] = {"To", 't', FALSE},
  [GST_SIP_HEADER_UNSUPPORTED] = {"Unsupported", 0, TRUE},
  [GST_SIP_HEADER_USER_AGENT] = {"User-Agent", 0, FALSE},
  [GST_SIP_HEADER_VIA] = {"Via", 'v', TRUE},
  [GST_SIP_HEADER_WWW_AUTHENTICATE] = {"WWW-Authenticate", 0, FALSE},
  [GST_SIP_HEADER_ALLOW_EVENTS] = {"Allow-Events", 'u', TRUE},
  [GST_SIP_HEADER_ACCEPT_CONTACT] = {"Accept-Contact", 'a', TRUE},
  [GST_SIP_HEADER_SERVER] = {"Server", 0, FALSE},
  [GST_SIP_HEADER_PROXY_REQUIRE] = {"Proxy-Require", 0, TRUE},
  [GST_SIP_HEADER_ACCEPT_ENCODING] = {"Accept-Encoding", 0, TRUE},
  [GST_SIP_HEADER_ACCEPT_LANGUAGE] = {"Accept-Language", 0, TRUE},
  [GST_SIP_HEADER_CONTENT_LANGUAGE] = {"Content-Language", 0, TRUE},
  [GST_SIP_HEADER_ALERT_INFO] = {"Alert-Info", 0, TRUE},
  [GST_SIP_HEADER_CALL_INFO] = {"Call-Info", 0, TRUE},
  [GST_SIP_HEADER_ERROR_INFO] = {"Error-Info", 0, TRUE},
  [GST_SIP_HEADER_IN_REPLY_TO] = {"In-Reply-To", 0, TRUE},
  [GST_SIP_HEADER_WARNING] = {"Warning", 0, TRUE},
  [GST_SIP_HEADER_PATH] = {"Path", 0, TRUE},
  [GST_SIP_HEADER_SERVICE_ROUTE] = {"Service-Route", 0, TRUE},
  [GST_SIP_HEADER_REJECT_CONTACT] = {"Reject-Contact", 'j', TRUE},
  [GST_SIP_HEADER_REQUEST_DISPOSITION] = {"Request-Disposition", 'd', TRUE},
  [GST_SIP_HEADER_DATE] = {"Date", 0, FALSE},
  [GST_SIP_HEADER_TIMESTAMP] = {"Timestamp", 0, FALSE},
  [GST_SIP_HEADER_ORGANIZATION] = {"Organization", 0, FALSE},
  [GST_SIP_HEADER_PRIORITY] = {"Priority", 0, FALSE},
  [GST_SIP_HEADER_REPLY_TO] = {"Reply-To", 0, FALSE},
  [GST_SIP_HEADER_MIME_VERSION] = {"MIME-Version", 0, FALSE},
  [GST_SIP_HEADER_RSEQ] = {"RSeq", 0, FALSE},
  [GST_SIP_HEADER_RACK] = {"RAck", 0, FALSE},
  [GST_SIP_HEADER_REPLACES] = {"Replaces", 0, FALSE},
  [GST_SIP_HEADER_P_ASSERTED_IDENTITY] = {"P-Asserted-Identity", 0, TRUE},
  [GST_SIP_HEADER_P_PREFERRED_IDENTITY] = {"P-Preferred-Identity", 0, TRUE},
  [GST_SIP_HEADER_PRIVACY] = {"Privacy", 0, FALSE},
  [GST_SIP_HEADER_IDENTITY] = {"Identity", 'y', FALSE},
  [GST_SIP_HEADER_SIP_ETAG] = {"SIP-ETag", 0, FALSE},
  [GST_SIP_HEADER_SIP_IF_MATCH] = {"SIP-If-Match", 0, FALSE},
  [GST_SIP_HEADER_AUTHENTICATION_INFO] = {"Authentication-Info", 0, FALSE},
};

const gchar *
gst_sip_header_id_to_name (GstSipHeaderId id)
{
  if ((guint) id >= GST_SIP_HEADER_LAST)
    return NULL;
  return header_info[id].name;
}

gboolean
gst_sip_header_id_is_list (GstSipHeaderId id)
{
  return (guint) id < GST_SIP_HEADER_LAST && header_info[id].is_list;
}

/* Name lookup: an open-addressing table keyed by length, first and last
 * character (case-folded), filled once with long and compact names. The
 * common case costs one hash and one case-insensitive compare of a name
 * of the right length. */
#define NAME_TABLE_SIZE 256

typedef struct
{
  const gchar *name;            /* NULL: empty slot */
  guint8 len;
  guint8 id;
} NameSlot;

static NameSlot name_table[NAME_TABLE_SIZE];

static inline guint
name_hash (const gchar * name, gsize len)
{
  guint first = g_ascii_tolower (name[0]);
  guint last = g_ascii_tolower (name[len - 1]);

  return (len * 37u + first * 7u + last * 3u) & (NAME_TABLE_SIZE - 1);
}

static void
name_table_insert (const gchar * name, gsize len, GstSipHeaderId id)
{
  guint slot = name_hash (name, len);

  while (name_table[slot].name != NULL)
    slot = (slot + 1) & (NAME_TABLE_SIZE - 1);
  name_table[slot].name = name;
  name_table[slot].len = len;
  name_table[slot].id = id;
}

/* Compact forms are single letters; each needs a stable one-char string. */
static const gchar compact_names[] = "abcdefghijklmnopqrstuvwxyz";

static void
name_table_init (void)
{
  guint id;

  for (id = 1; id < GST_SIP_HEADER_LAST; id++) {
    const HeaderInfo *info = &header_info[id];

    name_table_insert (info->name, strlen (info->name), id);
    if (info->compact)
      name_table_insert (&compact_names[info->compact - 'a'], 1, id);
  }
}

GstSipHeaderId
gst_sip_header_id_from_name (const gchar * name, gssize len)
{
  static gsize initialized = 0;
  guint slot;

  if (name == NULL)
    return GST_SIP_HEADER_OTHER;
  if (len < 0)
    len = strlen (name);
  if (len == 0 || len > G_MAXUINT8)
    return GST_SIP_HEADER_OTHER;

  if (g_once_init_enter (&initialized)) {
    name_table_init ();
    g_once_init_leave (&initialized, 1);
  }

  for (slot = name_hash (name, len); name_table[slot].name != NULL;
      slot = (slot + 1) & (NAME_TABLE_SIZE - 1)) {
    if (name_table[slot].len == len
        && gst_sip_ascii_case_equal (name_table[slot].name, name, len))
      return name_table[slot].id;
  }
  return GST_SIP_HEADER_OTHER;
}

static const gchar *const method_names[] = {
  [GST_SIP_METHOD_UNKNOWN] = NULL,
  [GST_SIP_METHOD_INVITE] = "INVITE",
  [GST_SIP_METHOD_ACK] = "ACK",
  [GST_SIP_METHOD_BYE] = "BYE",
  [GST_SIP_METHOD_CANCEL] = "CANCEL",
  [GST_SIP_METHOD_REGISTER] = "REGISTER",
  [GST_SIP_METHOD_OPTIONS] = "OPTIONS",
  [GST_SIP_METHOD_INFO] = "INFO",
  [GST_SIP_METHOD_UPDATE] = "UPDATE",
  [GST_SIP_METHOD_PRACK] = "PRACK",
  [GST_SIP_METHOD_SUBSCRIBE] = "SUBSCRIBE",
  [GST_SIP_METHOD_NOTIFY] = "NOTIFY",
  [GST_SIP_METHOD_REFER] = "REFER",
  [GST_SIP_METHOD_MESSAGE] = "MESSAGE",
  [GST_SIP_METHOD_PUBLISH] = "PUBLISH",
};

const gchar *
gst_sip_method_to_string (GstSipMethod method)
{
  if ((guint) method >= G_N_ELEMENTS (method_names))
    return NULL;
  return method_names[method];
}

#define METHOD_IS(m) (memcmp (str, method_names[m], len) == 0 ? (m) : \
    GST_SIP_METHOD_UNKNOWN)

/* Methods are case-sensitive tokens (RFC 3261 §7.1): a switch on length
 * and first letter leaves at most one memcmp. */
GstSipMethod
gst_sip_method_from_string (const gchar * str, gssize len)
{
  if (str == NULL)
    return GST_SIP_METHOD_UNKNOWN;
  if (len < 0)
    len = strlen (str);

  switch (len) {
    case 3:
      return str[0] == 'A' ? METHOD_IS (GST_SIP_METHOD_ACK) :
          METHOD_IS (GST_SIP_METHOD_BYE);
    case 4:
      return METHOD_IS (GST_SIP_METHOD_INFO);
    case 5:
      return str[0] == 'P' ? METHOD_IS (GST_SIP_METHOD_PRACK) :
          METHOD_IS (GST_SIP_METHOD_REFER);
    case 6:
      switch (str[0]) {
        case 'I':
          return METHOD_IS (GST_SIP_METHOD_INVITE);
        case 'C':
          return METHOD_IS (GST_SIP_METHOD_CANCEL);
        case 'U':
          return METHOD_IS (GST_SIP_METHOD_UPDATE);
        case 'N':
          return METHOD_IS (GST_SIP_METHOD_NOTIFY);
        default:
          return GST_SIP_METHOD_UNKNOWN;
      }
    case 7:
      switch (str[0]) {
        case 'O':
          return METHOD_IS (GST_SIP_METHOD_OPTIONS);
        case 'M':
          return METHOD_IS (GST_SIP_METHOD_MESSAGE);
        case 'P':
          return METHOD_IS (GST_SIP_METHOD_PUBLISH);
        default:
          return GST_SIP_METHOD_UNKNOWN;
      }
    case 8:
      return METHOD_IS (GST_SIP_METHOD_REGISTER);
    case 9:
      return METHOD_IS (GST_SIP_METHOD_SUBSCRIBE);
    default:
      return GST_SIP_METHOD_UNKNOWN;
  }
}
