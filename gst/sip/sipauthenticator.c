/* gst-jssip: SIP core
 *
 * Client digest retry policy and per-realm nonce state (RFC 3261 §22.2,
 * §22.3; RFC 7616 §3.3 for stale and the nonce-count).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include <gst/sip/sipauthenticator.h>

/* What we answer for one realm of one kind (www or proxy). */
typedef struct
{
  gboolean proxy;
  GstSipChallenge challenge;
  gchar *cnonce;                /* fixed per nonce: the -sess HA1 hashes it */
  guint32 nc;                   /* uses of the nonce so far */
  gboolean challenged;          /* during the current request */
  gboolean stale_answered;      /* during the current request */
} RealmState;

struct _GstSipAuthenticator
{
  gchar *username;
  gchar *password;
  gchar *ha1;
  gchar *realm;
  GstSipCredentials credentials;        /* points at the copies above */

  GPtrArray *realms;            /* RealmState */

  GstSipCnonceFunc cnonce_func;
  gpointer cnonce_data;
  GDestroyNotify cnonce_notify;
};

static void
realm_state_free (gpointer data)
{
  RealmState *state = data;

  gst_sip_challenge_clear (&state->challenge);
  g_free (state->cnonce);
  g_free (state);
}

/* The cnonce only has to be unpredictable to the server (RFC 7616 §3.4:
 * it protects against chosen-plaintext attacks); g_random is seeded from
 * /dev/urandom and keeps the core free of I/O. */
static gchar *
random_cnonce (gpointer user_data)
{
  return g_strdup_printf ("%08x%08x%08x%08x", g_random_int (), g_random_int (),
      g_random_int (), g_random_int ());
}

GstSipAuthenticator *
gst_sip_authenticator_new (const GstSipCredentials * credentials)
{
  GstSipAuthenticator *auth;

  g_return_val_if_fail (credentials != NULL, NULL);

  auth = g_new0 (GstSipAuthenticator, 1);
  auth->username = g_strdup (credentials->username);
  auth->password = g_strdup (credentials->password);
  auth->ha1 = g_strdup (credentials->ha1);
  auth->realm = g_strdup (credentials->realm);
  auth->credentials.username = auth->username;
  auth->credentials.password = auth->password;
  auth->credentials.ha1 = auth->ha1;
  auth->credentials.realm = auth->realm;
  auth->realms = g_ptr_array_new_with_free_func (realm_state_free);
  auth->cnonce_func = random_cnonce;
  return auth;
}

static void
free_secret (gchar * secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

void
gst_sip_authenticator_free (GstSipAuthenticator * auth)
{
  if (auth == NULL)
    return;

  if (auth->cnonce_notify)
    auth->cnonce_notify (auth->cnonce_data);
  g_ptr_array_unref (auth->realms);
  g_free (auth->username);
  free_secret (auth->password);
  free_secret (auth->ha1);
  g_free (auth->realm);
  g_free (auth);
}

void
gst_sip_authenticator_set_cnonce_func (GstSipAuthenticator * auth,
    GstSipCnonceFunc func, gpointer user_data, GDestroyNotify notify)
{
  g_return_if_fail (auth != NULL && func != NULL);

  if (auth->cnonce_notify)
    auth->cnonce_notify (auth->cnonce_data);
  auth->cnonce_func = func;
  auth->cnonce_data = user_data;
  auth->cnonce_notify = notify;
}

static RealmState *
find_realm (GPtrArray * states, gboolean proxy, const gchar * realm)
{
  guint i;

  for (i = 0; i < states->len; i++) {
    RealmState *state = g_ptr_array_index (states, i);

    if (state->proxy == proxy && strcmp (state->challenge.realm, realm) == 0)
      return state;
  }
  return NULL;
}

/* Adds the challenges of one header kind to @candidates (RealmStates not
 * yet adopted), keeping per realm the strongest one we can answer. */
static void
collect_candidates (GstSipAuthenticator * auth, const gchar * const *values,
    gboolean proxy, GPtrArray * candidates, const gchar ** why)
{
  for (; values != NULL && *values != NULL; values++) {
    RealmState *candidate, *known;
    GstSipChallenge challenge;

    if (!gst_sip_challenge_parse (*values, -1, &challenge, why))
      continue;
    if (!gst_sip_digest_can_answer (&challenge, &auth->credentials, why)) {
      gst_sip_challenge_clear (&challenge);
      continue;
    }

    known = find_realm (candidates, proxy, challenge.realm);
    if (known != NULL) {
      /* RFC 8760 §2.4 lists a server's challenges by its preference; we
       * take the strongest hash and keep its order only to break ties. */
      if (gst_sip_digest_algorithm_strength (challenge.algorithm) >
          gst_sip_digest_algorithm_strength (known->challenge.algorithm)) {
        gst_sip_challenge_clear (&known->challenge);
        known->challenge = challenge;
      } else {
        gst_sip_challenge_clear (&challenge);
      }
      continue;
    }

    candidate = g_new0 (RealmState, 1);
    candidate->proxy = proxy;
    candidate->challenge = challenge;
    g_ptr_array_add (candidates, candidate);
  }
}

/* NULL if answering @candidate is worth a retry, else why not. */
static const gchar *
check_retry (const RealmState * state, const RealmState * candidate)
{
  if (state == NULL || !state->challenged)
    return NULL;
  if (!candidate->challenge.stale)
    return "credentials refused";
  if (state->stale_answered)
    return "stale nonce again after a stale retry";
  if (g_strcmp0 (state->challenge.nonce, candidate->challenge.nonce) == 0)
    return "stale challenge repeats the nonce";
  return NULL;
}

static void
adopt_candidate (GstSipAuthenticator * auth, RealmState * candidate)
{
  RealmState *state = find_realm (auth->realms, candidate->proxy,
      candidate->challenge.realm);

  if (state == NULL) {
    state = g_new0 (RealmState, 1);
    state->proxy = candidate->proxy;
    g_ptr_array_add (auth->realms, state);
  }

  gst_sip_challenge_clear (&state->challenge);
  state->challenge = candidate->challenge;
  memset (&candidate->challenge, 0, sizeof (candidate->challenge));

  g_free (state->cnonce);
  state->cnonce = auth->cnonce_func (auth->cnonce_data);
  state->nc = 0;
  if (!state->challenged)
    state->stale_answered = FALSE;
  state->stale_answered |= state->challenge.stale;
  state->challenged = TRUE;
}

GstSipAuthDecision
gst_sip_authenticator_handle_challenges (GstSipAuthenticator * auth,
    const gchar * const *www_authenticate,
    const gchar * const *proxy_authenticate, const gchar ** reason)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func (realm_state_free);
  const gchar *why = "response carries no challenge";
  guint i;

  g_return_val_if_fail (auth != NULL, GST_SIP_AUTH_GIVE_UP);

  collect_candidates (auth, www_authenticate, FALSE, candidates, &why);
  collect_candidates (auth, proxy_authenticate, TRUE, candidates, &why);

  if (candidates->len > 0)
    why = NULL;
  for (i = 0; i < candidates->len && why == NULL; i++) {
    RealmState *candidate = g_ptr_array_index (candidates, i);

    why = check_retry (find_realm (auth->realms, candidate->proxy,
            candidate->challenge.realm), candidate);
  }
  for (i = 0; i < candidates->len && why == NULL; i++)
    adopt_candidate (auth, g_ptr_array_index (candidates, i));

  g_ptr_array_unref (candidates);
  if (why != NULL) {
    if (reason != NULL)
      *reason = why;
    return GST_SIP_AUTH_GIVE_UP;
  }
  return GST_SIP_AUTH_RETRY;
}

static void
authorization_free (gpointer data)
{
  GstSipAuthorization *authorization = data;

  g_free (authorization->value);
  g_free (authorization);
}

GPtrArray *
gst_sip_authenticator_authorize (GstSipAuthenticator * auth,
    const gchar * method, const gchar * request_uri, const gchar * body,
    gsize body_len)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (authorization_free);
  guint i;

  g_return_val_if_fail (auth != NULL, out);

  for (i = 0; i < auth->realms->len; i++) {
    RealmState *state = g_ptr_array_index (auth->realms, i);
    GstSipDigestRequest request = {
      method, request_uri, body, body_len, ++state->nc, state->cnonce
    };
    GstSipAuthorization *authorization;
    gchar *value;

    /* Fails only if a custom cnonce function returned no cnonce. */
    value = gst_sip_digest_build_authorization (&state->challenge,
        &auth->credentials, &request, NULL);
    if (value == NULL)
      continue;
    authorization = g_new (GstSipAuthorization, 1);
    authorization->proxy = state->proxy;
    authorization->value = value;
    g_ptr_array_add (out, authorization);
  }
  return out;
}

void
gst_sip_authenticator_start_request (GstSipAuthenticator * auth)
{
  guint i;

  g_return_if_fail (auth != NULL);

  for (i = 0; i < auth->realms->len; i++) {
    RealmState *state = g_ptr_array_index (auth->realms, i);

    state->challenged = FALSE;
    state->stale_answered = FALSE;
  }
}

/* Every @id entry of @msg, NULL-terminated; the strings belong to @msg. */
static const gchar **
header_values (const GstSipMessage * msg, GstSipHeaderId id)
{
  guint i, n = gst_sip_message_count_headers (msg, id);
  const gchar **values = g_new0 (const gchar *, n + 1);

  for (i = 0; i < n; i++)
    values[i] = gst_sip_message_get_header_nth (msg, id, i);
  return values;
}

GstSipAuthDecision
gst_sip_authenticator_handle_response (GstSipAuthenticator * auth,
    const GstSipMessage * response, const gchar ** reason)
{
  const gchar **www, **proxy;
  GstSipAuthDecision decision;

  g_return_val_if_fail (auth != NULL && response != NULL
      && !response->is_request, GST_SIP_AUTH_GIVE_UP);

  www = header_values (response, GST_SIP_HEADER_WWW_AUTHENTICATE);
  proxy = header_values (response, GST_SIP_HEADER_PROXY_AUTHENTICATE);
  decision = gst_sip_authenticator_handle_challenges (auth, www, proxy, reason);
  g_free (www);
  g_free (proxy);
  return decision;
}

static GstSipHeaderId
authorization_header_id (const GstSipAuthorization * authorization)
{
  return authorization->proxy ? GST_SIP_HEADER_PROXY_AUTHORIZATION :
      GST_SIP_HEADER_AUTHORIZATION;
}

void
gst_sip_authenticator_add_headers (GstSipAuthenticator * auth,
    GstSipMessage * request)
{
  GPtrArray *headers;
  guint i;

  g_return_if_fail (auth != NULL && request != NULL && request->is_request);

  headers = gst_sip_authenticator_authorize (auth, request->method_name,
      request->request_uri_str, request->body, request->body_length);
  /* Only the kinds we answer are replaced: an Authorization set by the
   * application (JsSIP's authorization_jwt) survives a proxy challenge. */
  for (i = 0; i < headers->len; i++)
    gst_sip_message_remove_headers (request,
        authorization_header_id (g_ptr_array_index (headers, i)));
  for (i = 0; i < headers->len; i++) {
    GstSipAuthorization *authorization = g_ptr_array_index (headers, i);

    gst_sip_message_add_header (request,
        authorization_header_id (authorization), authorization->value);
  }
  g_ptr_array_unref (headers);
}
