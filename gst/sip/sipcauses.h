/* gst-jssip: SIP core
 *
 * JsSIP's failure and end causes (JsSIP.C.causes), the strings users see
 * in the "cause" field of the jssip-session-failed/-ended and
 * jssip-ua-registration-failed bus messages, and the mapping of a final
 * SIP status code to a cause (JsSIP's SIP_ERROR_CAUSES).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_CAUSES_H__
#define __GST_SIP_CAUSES_H__

#include <glib.h>

G_BEGIN_DECLS

/* Generic */
#define GST_SIP_CAUSE_CONNECTION_ERROR          "Connection Error"
#define GST_SIP_CAUSE_REQUEST_TIMEOUT           "Request Timeout"
#define GST_SIP_CAUSE_SIP_FAILURE_CODE          "SIP Failure Code"
#define GST_SIP_CAUSE_INTERNAL_ERROR            "Internal Error"

/* SIP */
#define GST_SIP_CAUSE_BUSY                      "Busy"
#define GST_SIP_CAUSE_REJECTED                  "Rejected"
#define GST_SIP_CAUSE_REDIRECTED                "Redirected"
#define GST_SIP_CAUSE_UNAVAILABLE               "Unavailable"
#define GST_SIP_CAUSE_NOT_FOUND                 "Not Found"
#define GST_SIP_CAUSE_ADDRESS_INCOMPLETE        "Address Incomplete"
#define GST_SIP_CAUSE_INCOMPATIBLE_SDP          "Incompatible SDP"
#define GST_SIP_CAUSE_MISSING_SDP               "Missing SDP"
#define GST_SIP_CAUSE_AUTHENTICATION_ERROR      "Authentication Error"

/* Session (the media causes, WebRTC Error, RTP Timeout and User Denied
 * Media Access, belong to the plugin: ext/jssip/common/jssipcauses.h) */
#define GST_SIP_CAUSE_BYE                       "Terminated"
#define GST_SIP_CAUSE_CANCELED                  "Canceled"
#define GST_SIP_CAUSE_NO_ANSWER                 "No Answer"
#define GST_SIP_CAUSE_EXPIRES                   "Expires"
#define GST_SIP_CAUSE_NO_ACK                    "No ACK"
#define GST_SIP_CAUSE_DIALOG_ERROR              "Dialog Error"
#define GST_SIP_CAUSE_BAD_MEDIA_DESCRIPTION     "Bad Media Description"

/* The cause of a final non-2xx response, as JsSIP maps it: 3xx redirects
 * listed by JsSIP are "Redirected" (JsSIP does not follow them), 486/600
 * "Busy", 401/407 "Authentication Error" (used when a challenge cannot be
 * answered or repeats), any other code from 300 up "SIP Failure Code".
 * NULL below 300: not a failure.
 *
 * This is the mapping for a response to an INVITE. For other requests
 * JsSIP reads a 408 as a transaction timeout ("Request Timeout"), and an
 * in-dialog request answered 408 or 481 ends the session as "Dialog
 * Error": the callers who know the request decide that. */
const gchar *gst_sip_cause_from_status (guint status_code);

G_END_DECLS

#endif
