/* gst-jssip: SIP core
 *
 * The client side of a digest exchange (RFC 3261 §22.2, §22.3): answers
 * the challenges of a 401 or 407 and decides whether the request is worth
 * sending again. A request sender keeps one per request (JsSIP's way), or
 * one per user agent and calls gst_sip_authenticator_start_request() for
 * each new request, which then carries credentials for the realms already
 * challenged without waiting for a new 401.
 *
 * Retry policy: a realm's first challenge is answered; a later challenge
 * for the same realm during the same request is answered only if it says
 * stale=true with a new nonce (RFC 7616 §3.3: the credentials were right,
 * the nonce had expired), and only once. Anything else means the
 * credentials were refused, and the decision is to give up with
 * "Authentication Error", so an endless 401 loop ends after at most two
 * retries.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_AUTHENTICATOR_H__
#define __GST_SIP_AUTHENTICATOR_H__

#include <glib.h>
#include <gst/sip/sipdigest.h>
#include <gst/sip/sipmessage.h>

G_BEGIN_DECLS

typedef struct _GstSipAuthenticator GstSipAuthenticator;

typedef enum
{
  GST_SIP_AUTH_RETRY,           /* send the request again with gst_sip_authenticator_authorize() */
  GST_SIP_AUTH_GIVE_UP,         /* fail with GST_SIP_CAUSE_AUTHENTICATION_ERROR */
} GstSipAuthDecision;

/* One credentials header of a request. */
typedef struct
{
  gboolean proxy;               /* TRUE: Proxy-Authorization, FALSE: Authorization */
  gchar *value;
} GstSipAuthorization;

/* Returns a new client nonce (freed with g_free()). */
typedef gchar *(*GstSipCnonceFunc) (gpointer user_data);

/* Copies @credentials. */
GstSipAuthenticator *gst_sip_authenticator_new (const GstSipCredentials *
    credentials);
void gst_sip_authenticator_free (GstSipAuthenticator * auth);

/* Replaces the random cnonce (128 bits from g_random, hex) with @func,
 * e.g. for tests. */
void gst_sip_authenticator_set_cnonce_func (GstSipAuthenticator * auth,
    GstSipCnonceFunc func, gpointer user_data, GDestroyNotify notify);

/* Takes the challenge header values of a 401/407 response: the
 * WWW-Authenticate values and the Proxy-Authenticate values, each a
 * NULL-terminated array or NULL (a forking proxy may put both in one
 * response, RFC 3261 §22.3). For each realm the strongest algorithm we can
 * answer wins, the first listed on a tie. Challenges we cannot parse or
 * answer are skipped; if none is left, or a realm refused our credentials,
 * the decision is GIVE_UP and @reason (static string) says why. */
GstSipAuthDecision gst_sip_authenticator_handle_challenges (GstSipAuthenticator
    * auth, const gchar * const *www_authenticate,
    const gchar * const *proxy_authenticate, const gchar ** reason);

/* Credentials headers for the request about to be sent (each use of a
 * nonce increments its nonce-count). Returns an array of
 * GstSipAuthorization, empty before any challenge; free with
 * g_ptr_array_unref(). @body may be NULL. */
GPtrArray *gst_sip_authenticator_authorize (GstSipAuthenticator * auth,
    const gchar * method, const gchar * request_uri, const gchar * body,
    gsize body_len);

/* The same two steps on messages: the challenges of a 401/407 @response
 * (its WWW-Authenticate and Proxy-Authenticate entries), then the
 * credentials of @request, which replace its Authorization and
 * Proxy-Authorization entries (method, Request-URI as written and body
 * are taken from @request). */
GstSipAuthDecision gst_sip_authenticator_handle_response (GstSipAuthenticator
    * auth, const GstSipMessage * response, const gchar ** reason);
void gst_sip_authenticator_add_headers (GstSipAuthenticator * auth,
    GstSipMessage * request);

/* A new request begins: the retry accounting starts afresh, the realms
 * and nonces already learnt are kept. */
void gst_sip_authenticator_start_request (GstSipAuthenticator * auth);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipAuthenticator, gst_sip_authenticator_free)

G_END_DECLS

#endif
