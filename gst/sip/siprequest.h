/* gst-jssip: SIP core
 *
 * Building blocks for the messages a user agent sends: fresh identifiers
 * (branch, tag, Call-ID, CSeq, Via host, in JsSIP's formats), the Via a
 * request gets on its way out, out-of-dialog requests, responses built from
 * the request they answer (RFC 3261 §8.2.6), and the two requests derived
 * from an INVITE: CANCEL (§9.1) and the ACK of a non-2xx final response
 * (§17.1.1.3).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_REQUEST_H__
#define __GST_SIP_REQUEST_H__

#include <gst/sip/sipmessage.h>

G_BEGIN_DECLS

/* RFC 3261 §8.1.1.7: every branch we generate starts with it. */
#define GST_SIP_BRANCH_MAGIC_COOKIE "z9hG4bK"
/* RFC 3261 §8.1.1.6. */
#define GST_SIP_DEFAULT_MAX_FORWARDS 70

/* @len random characters from [a-z0-9]. */
gchar *gst_sip_random_token (guint len);
/* "z9hG4bK" followed by random characters. */
gchar *gst_sip_generate_branch (void);
/* A From/To tag: 10 random characters. */
gchar *gst_sip_generate_tag (void);
/* 20 characters: @prefix (may be NULL; JsSIP uses a 5-character prefix per
 * UA to recognise its own requests looping back) then random ones. */
gchar *gst_sip_generate_call_id (const gchar * prefix);
/* The sent-by host of a WebSocket client (RFC 7118 §5.2):
 * "<12 random characters>.invalid". */
gchar *gst_sip_generate_via_host (void);
/* A first CSeq number, in 1..9999 as JsSIP picks it. */
guint32 gst_sip_generate_cseq (void);

/* Adds "Via: SIP/2.0/<transport> <host>;branch=<branch>" above every other
 * header and re-indexes the message. */
void gst_sip_message_prepend_via (GstSipMessage * msg,
    const gchar * transport, const gchar * host, const gchar * branch);

/* An out-of-dialog request (RFC 3261 §8.1.1): @from and @to are name-addr
 * values ("\"Alice\" <sip:alice@example.com>"), the From gets ";tag=@from_tag",
 * plus Call-ID, "CSeq: @cseq <method>" and Max-Forwards. The Via is added
 * when the transaction layer sends it. Returns NULL if @request_uri does not
 * parse. */
GstSipMessage *gst_sip_request_new_initial (GstSipMethod method,
    const gchar * request_uri, const gchar * from, const gchar * from_tag,
    const gchar * to, const gchar * call_id, guint32 cseq);

/* A response to @request (RFC 3261 §8.2.6.2): every Via in order, From,
 * Call-ID, CSeq and To, the To getting ";tag=@to_tag" if it has none and
 * @status_code is above 100 (@to_tag may be NULL: no tag added). A response
 * of 101..299 to an INVITE, which creates a dialog, also carries the
 * request's Record-Route entries (§12.1.1). */
GstSipMessage *gst_sip_response_new_for_request (const GstSipMessage *
    request, guint status_code, const gchar * reason_phrase,
    const gchar * to_tag);

/* The CANCEL of @invite (RFC 3261 §9.1): same Request-URI, top Via (so the
 * same branch), Call-ID, From, To, Route and CSeq number, method CANCEL. */
GstSipMessage *gst_sip_request_new_cancel (const GstSipMessage * invite);

/* The ACK the INVITE client transaction sends for the non-2xx final
 * @response (RFC 3261 §17.1.1.3): the INVITE's Request-URI, top Via,
 * Call-ID, From, Route and CSeq number, and the response's To (with its
 * tag). */
GstSipMessage *gst_sip_request_new_ack_for_failure (const GstSipMessage *
    invite, const GstSipMessage * response);

G_END_DECLS

#endif
