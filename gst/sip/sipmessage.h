/* gst-jssip: SIP core
 *
 * The SIP message model (RFC 3261 §7): a request or a response, an ordered
 * list of header fields, and a body. Everything a message holds lives in
 * its own arena.
 *
 * Header fields are kept in wire order, one entry per value: a field whose
 * grammar is a comma-separated list (Via, Contact, Route, Record-Route,
 * Allow, Supported, Require, ...) is split into one entry per element when
 * parsed. Serialisation writes one line per entry with the long header
 * name, which RFC 3261 §7.3.1 makes equivalent to the original.
 *
 * The header entries are the source of truth. The structured views below
 * (Via, CSeq, From, To, ...) are filled by gst_sip_message_parse() and by
 * gst_sip_message_index(), which must be called after editing headers of a
 * built message if those views are to be read.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_MESSAGE_H__
#define __GST_SIP_MESSAGE_H__

#include <glib.h>
#include <gst/sip/siparena.h>
#include <gst/sip/sipuri.h>

G_BEGIN_DECLS

typedef enum
{
  GST_SIP_METHOD_UNKNOWN = 0,   /* look at method_name */
  GST_SIP_METHOD_INVITE,
  GST_SIP_METHOD_ACK,
  GST_SIP_METHOD_BYE,
  GST_SIP_METHOD_CANCEL,
  GST_SIP_METHOD_REGISTER,
  GST_SIP_METHOD_OPTIONS,
  GST_SIP_METHOD_INFO,
  GST_SIP_METHOD_UPDATE,
  GST_SIP_METHOD_PRACK,
  GST_SIP_METHOD_SUBSCRIBE,
  GST_SIP_METHOD_NOTIFY,
  GST_SIP_METHOD_REFER,
  GST_SIP_METHOD_MESSAGE,
  GST_SIP_METHOD_PUBLISH,
} GstSipMethod;

const gchar *gst_sip_method_to_string (GstSipMethod method);
GstSipMethod gst_sip_method_from_string (const gchar * str, gssize len);

/* Known header fields. Names compare case-insensitively and compact forms
 * (RFC 3261 §7.3.3 and the registered ones: i m e l f t v k c s o u r b x)
 * map to the same id. */
typedef enum
{
  GST_SIP_HEADER_OTHER = 0,
  GST_SIP_HEADER_ACCEPT,
  GST_SIP_HEADER_ALLOW,
  GST_SIP_HEADER_AUTHORIZATION,
  GST_SIP_HEADER_CALL_ID,               /* i */
  GST_SIP_HEADER_CONTACT,               /* m */
  GST_SIP_HEADER_CONTENT_DISPOSITION,
  GST_SIP_HEADER_CONTENT_ENCODING,      /* e */
  GST_SIP_HEADER_CONTENT_LENGTH,        /* l */
  GST_SIP_HEADER_CONTENT_TYPE,          /* c */
  GST_SIP_HEADER_CSEQ,
  GST_SIP_HEADER_EVENT,                 /* o */
  GST_SIP_HEADER_EXPIRES,
  GST_SIP_HEADER_FROM,                  /* f */
  GST_SIP_HEADER_MAX_FORWARDS,
  GST_SIP_HEADER_MIN_EXPIRES,
  GST_SIP_HEADER_MIN_SE,
  GST_SIP_HEADER_PROXY_AUTHENTICATE,
  GST_SIP_HEADER_PROXY_AUTHORIZATION,
  GST_SIP_HEADER_REASON,
  GST_SIP_HEADER_RECORD_ROUTE,
  GST_SIP_HEADER_REFER_TO,              /* r */
  GST_SIP_HEADER_REFERRED_BY,           /* b */
  GST_SIP_HEADER_REQUIRE,
  GST_SIP_HEADER_RETRY_AFTER,
  GST_SIP_HEADER_ROUTE,
  GST_SIP_HEADER_SESSION_EXPIRES,       /* x */
  GST_SIP_HEADER_SUBJECT,               /* s */
  GST_SIP_HEADER_SUBSCRIPTION_STATE,
  GST_SIP_HEADER_SUPPORTED,             /* k */
  GST_SIP_HEADER_TO,                    /* t */
  GST_SIP_HEADER_UNSUPPORTED,
  GST_SIP_HEADER_USER_AGENT,
  GST_SIP_HEADER_VIA,                   /* v */
  GST_SIP_HEADER_WWW_AUTHENTICATE,
  GST_SIP_HEADER_ALLOW_EVENTS,          /* u */
  GST_SIP_HEADER_ACCEPT_CONTACT,        /* a (RFC 3841) */
  GST_SIP_HEADER_SERVER,
  /* Further registered fields, mostly so that their comma-separated lists
   * are split and their names written canonically. */
  GST_SIP_HEADER_PROXY_REQUIRE,
  GST_SIP_HEADER_ACCEPT_ENCODING,
  GST_SIP_HEADER_ACCEPT_LANGUAGE,
  GST_SIP_HEADER_CONTENT_LANGUAGE,
  GST_SIP_HEADER_ALERT_INFO,
  GST_SIP_HEADER_CALL_INFO,
  GST_SIP_HEADER_ERROR_INFO,
  GST_SIP_HEADER_IN_REPLY_TO,
  GST_SIP_HEADER_WARNING,
  GST_SIP_HEADER_PATH,
  GST_SIP_HEADER_SERVICE_ROUTE,
  GST_SIP_HEADER_REJECT_CONTACT,        /* j (RFC 3841) */
  GST_SIP_HEADER_REQUEST_DISPOSITION,   /* d (RFC 3841) */
  GST_SIP_HEADER_DATE,
  GST_SIP_HEADER_TIMESTAMP,
  GST_SIP_HEADER_ORGANIZATION,
  GST_SIP_HEADER_PRIORITY,
  GST_SIP_HEADER_REPLY_TO,
  GST_SIP_HEADER_MIME_VERSION,
  GST_SIP_HEADER_RSEQ,
  GST_SIP_HEADER_RACK,
  GST_SIP_HEADER_REPLACES,
  GST_SIP_HEADER_P_ASSERTED_IDENTITY,
  GST_SIP_HEADER_P_PREFERRED_IDENTITY,
  GST_SIP_HEADER_PRIVACY,
  GST_SIP_HEADER_IDENTITY,              /* y */
  GST_SIP_HEADER_SIP_ETAG,
  GST_SIP_HEADER_SIP_IF_MATCH,
  GST_SIP_HEADER_AUTHENTICATION_INFO,
  GST_SIP_HEADER_LAST
} GstSipHeaderId;

/* Canonical long name, e.g. "Call-ID", "CSeq", "WWW-Authenticate". */
const gchar *gst_sip_header_id_to_name (GstSipHeaderId id);
GstSipHeaderId gst_sip_header_id_from_name (const gchar * name, gssize len);
/* TRUE if the field's grammar is a comma-separated list that the parser
 * splits into one entry per element. */
gboolean gst_sip_header_id_is_list (GstSipHeaderId id);

typedef struct
{
  GstSipHeaderId id;
  const gchar *name;            /* canonical long name for known ids, as received otherwise */
  const gchar *value;           /* unfolded, trimmed; one list element for list headers */
} GstSipHeader;

/* RFC 3261 §20.42 */
typedef struct
{
  const gchar *protocol;        /* "SIP/2.0" */
  const gchar *transport;       /* "WS", "WSS", "UDP", ... */
  const gchar *host;            /* IPv6 with brackets */
  guint16 port;                 /* 0 if absent */
  const gchar *branch;          /* NULL if absent */
  GstSipParam *params;          /* all parameters, branch included */
  guint n_params;
} GstSipVia;

typedef struct _GstSipMessage GstSipMessage;

struct _GstSipMessage
{
  GstSipArena *arena;

  /* start line */
  gboolean is_request;
  GstSipMethod method;          /* requests */
  const gchar *method_name;     /* requests: as on the wire */
  GstSipUri request_uri;        /* requests */
  const gchar *request_uri_str; /* requests: as on the wire */
  guint status_code;            /* responses */
  const gchar *reason_phrase;   /* responses */

  GstSipHeader *headers;
  guint n_headers;
  guint headers_allocated;

  const gchar *body;            /* NUL-terminated copy, may contain NULs; NULL if none */
  gsize body_length;

  /* Structured views, filled by gst_sip_message_parse()/_index(). A field is
   * NULL/0 when the header is absent. */
  const gchar *call_id;
  guint32 cseq;
  GstSipMethod cseq_method;
  const gchar *cseq_method_name;
  GstSipNameAddr *from;         /* tag: gst_sip_name_addr_get_param (from, "tag") */
  GstSipNameAddr *to;
  const gchar *from_tag;
  const gchar *to_tag;
  GstSipVia *vias;              /* in order, top first */
  guint n_vias;
  GstSipNameAddr *contacts;     /* empty with contact_star set for "Contact: *" */
  guint n_contacts;
  gboolean contact_star;
  gint max_forwards;            /* -1 if absent */
  gint64 content_length;        /* -1 if absent */
  const gchar *content_type;    /* the raw value, e.g. "application/sdp" */
  gint64 expires;               /* -1 if absent */

  /* Set by gst_sip_message_parse() when a structured header (Via, From,
   * To, CSeq, Contact...) did not parse: the message is still returned,
   * so that a 400 can be built, and gst_sip_message_validate() reports
   * this reason. NULL when every view parsed. */
  const gchar *index_error;
};

/* Parse limits (docs/sip-core.md explains the numbers). Every rejection
 * carries a reason usable as a 400 reason phrase. */
#define GST_SIP_MAX_MESSAGE_SIZE   (64 * 1024)
#define GST_SIP_MAX_HEADERS        256
#define GST_SIP_MAX_HEADER_LENGTH  (8 * 1024)
#define GST_SIP_MAX_PARAMS         64
#define GST_SIP_MAX_BODY_SIZE      (48 * 1024)

typedef enum
{
  GST_SIP_PARSE_OK = 0,
  GST_SIP_PARSE_ERROR,          /* malformed: reason says why */
  GST_SIP_PARSE_TOO_LARGE,      /* a limit above was exceeded */
} GstSipParseResult;

/* Parses one complete message: the content of one WebSocket frame
 * (RFC 7118 §5). A missing Content-Length means "the rest of the frame";
 * a body shorter or longer than a present Content-Length is an error.
 * On failure *msg is NULL and *reason is a static string. */
GstSipParseResult gst_sip_message_parse (const gchar * data, gsize len,
    GstSipMessage ** msg, const gchar ** reason);

/* The checks the user agent applies to every message from the network,
 * after parsing (mandatory headers of §8.1.1, CSeq method matching the
 * request method, Via present, limits...). Returns FALSE with *reason. */
gboolean gst_sip_message_validate (const GstSipMessage * msg,
    const gchar ** reason);

/* Building. @request_uri must be a valid sip/sips/tel URI (check user
 * input with gst_sip_uri_new_parse() first): otherwise NULL and a critical.
 * Header names must be tokens and values single lines (no CR/LF), else the
 * entry is not added and a critical is logged: no header injection. */
GstSipMessage *gst_sip_message_new_request (GstSipMethod method,
    const gchar * request_uri);
GstSipMessage *gst_sip_message_new_request_name (const gchar * method,
    const gchar * request_uri);
GstSipMessage *gst_sip_message_new_response (guint status_code,
    const gchar * reason_phrase);
void gst_sip_message_free (GstSipMessage * msg);
GstSipMessage *gst_sip_message_copy (const GstSipMessage * msg);

/* Appends one header entry (value copied into the arena). */
void gst_sip_message_add_header (GstSipMessage * msg, GstSipHeaderId id,
    const gchar * value);
void gst_sip_message_add_header_name (GstSipMessage * msg,
    const gchar * name, const gchar * value);
void gst_sip_message_add_header_printf (GstSipMessage * msg,
    GstSipHeaderId id, const gchar * format, ...) G_GNUC_PRINTF (3, 4);
/* Inserts before every other entry (e.g. a new top Via). */
void gst_sip_message_prepend_header (GstSipMessage * msg, GstSipHeaderId id,
    const gchar * value);
/* Removes every entry with that id; returns how many. */
guint gst_sip_message_remove_headers (GstSipMessage * msg, GstSipHeaderId id);
/* Replaces all entries of @id with one entry. */
void gst_sip_message_set_header (GstSipMessage * msg, GstSipHeaderId id,
    const gchar * value);

/* First entry of @id, or NULL. _nth counts entries of that id. */
const gchar *gst_sip_message_get_header (const GstSipMessage * msg,
    GstSipHeaderId id);
const gchar *gst_sip_message_get_header_nth (const GstSipMessage * msg,
    GstSipHeaderId id, guint nth);
guint gst_sip_message_count_headers (const GstSipMessage * msg,
    GstSipHeaderId id);
/* By name, case-insensitive, compact forms honoured. */
const gchar *gst_sip_message_get_header_by_name (const GstSipMessage * msg,
    const gchar * name);

/* Sets the body and Content-Type; Content-Length is written by the serializer. */
void gst_sip_message_set_body (GstSipMessage * msg, const gchar * content_type,
    const gchar * body, gsize len);

/* Fills the structured views from the header entries. Returns FALSE with
 * @reason if one of the structured headers does not parse. */
gboolean gst_sip_message_index (GstSipMessage * msg, const gchar ** reason);

/* Serialises to wire form. Content-Length always reflects the body. */
gchar *gst_sip_message_to_string (const GstSipMessage * msg, gsize * len);
void gst_sip_message_append (const GstSipMessage * msg, GString * out);

/* Header value helpers usable on any string (e.g. a header value). */
gboolean gst_sip_via_parse_into (GstSipArena * arena, const gchar * str,
    gssize len, GstSipVia * out, const gchar ** reason);
const gchar *gst_sip_via_get_param (const GstSipVia * via, const gchar * name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipMessage, gst_sip_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipUri, gst_sip_uri_free)

G_END_DECLS

#endif
