/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "jssipsettings.h"
#include "jssipcodecs.h"

G_DEFINE_QUARK (jssip_settings_error_quark, jssip_settings_error);

JsSipSettings *
jssip_settings_new (void)
{
  JsSipSettings *settings = g_new0 (JsSipSettings, 1);

  /* docs/elements.md defaults, which are also JsSIP's UA configuration defaults. */
  settings->do_register = TRUE;
  settings->register_expires = 600;
  settings->user_agent = g_strdup ("gst-jssip/" VERSION);
  settings->session_timers = TRUE;
  settings->no_answer_timeout = 60;
  settings->connection_recovery_min_interval = 2;
  settings->connection_recovery_max_interval = 30;
  settings->tls_validation_flags = G_TLS_CERTIFICATE_VALIDATE_ALL;

  settings->media = JSSIP_MEDIA_ALL;
  settings->single_call = TRUE;
  settings->latency = 60;
  settings->ice_gathering_timeout = 1000;
  settings->decode = TRUE;
  return settings;
}

JsSipSettings *
jssip_settings_copy (const JsSipSettings * settings)
{
  JsSipSettings *copy = g_memdup2 (settings, sizeof (JsSipSettings));

  copy->server = g_strdup (settings->server);
  copy->uri = g_strdup (settings->uri);
  copy->password = g_strdup (settings->password);
  copy->ha1 = g_strdup (settings->ha1);
  copy->authorization_user = g_strdup (settings->authorization_user);
  copy->realm = g_strdup (settings->realm);
  copy->display_name = g_strdup (settings->display_name);
  copy->registrar_server = g_strdup (settings->registrar_server);
  copy->contact_uri = g_strdup (settings->contact_uri);
  copy->instance_id = g_strdup (settings->instance_id);
  copy->user_agent = g_strdup (settings->user_agent);
  copy->config = g_strdup (settings->config);
  copy->config_error =
      settings->config_error ? g_error_copy (settings->config_error) : NULL;

  copy->target = g_strdup (settings->target);
  copy->extra_headers = g_strdupv (settings->extra_headers);
  copy->stun_server = g_strdup (settings->stun_server);
  copy->turn_servers = g_strdupv (settings->turn_servers);
  copy->audio_codecs = g_strdup (settings->audio_codecs);
  copy->video_codecs = g_strdup (settings->video_codecs);
  copy->ice_addresses = g_strdup (settings->ice_addresses);
  copy->data = settings->data ? gst_structure_copy (settings->data) : NULL;
  return copy;
}

void
jssip_settings_free (JsSipSettings * settings)
{
  if (!settings)
    return;

  g_free (settings->server);
  g_free (settings->uri);
  g_free (settings->password);
  g_free (settings->ha1);
  g_free (settings->authorization_user);
  g_free (settings->realm);
  g_free (settings->display_name);
  g_free (settings->registrar_server);
  g_free (settings->contact_uri);
  g_free (settings->instance_id);
  g_free (settings->user_agent);
  g_free (settings->config);
  g_clear_error (&settings->config_error);

  g_free (settings->target);
  g_strfreev (settings->extra_headers);
  g_free (settings->stun_server);
  g_strfreev (settings->turn_servers);
  g_free (settings->audio_codecs);
  g_free (settings->video_codecs);
  g_free (settings->ice_addresses);
  g_clear_pointer (&settings->data, gst_structure_free);
  g_free (settings);
}

/* *INDENT-OFF* (indent cannot read an attribute after a prototype) */
static gboolean invalid (GError ** error, const gchar * property,
    const gchar * format, ...) G_GNUC_PRINTF (3, 4);
/* *INDENT-ON* */

/* Always returns FALSE so that checks read "return invalid (...)". */
static gboolean
invalid (GError ** error, const gchar * property, const gchar * format, ...)
{
  va_list args;
  gchar *reason;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, JSSIP_SETTINGS_ERROR, JSSIP_SETTINGS_ERROR_INVALID,
      "Invalid property '%s': %s", property, reason);
  g_free (reason);
  return FALSE;
}

static gboolean
has_scheme (const gchar * str, const gchar * scheme)
{
  gsize len = strlen (scheme);

  return g_ascii_strncasecmp (str, scheme, len) == 0 && str[len] == ':';
}

/* JsSIP adds "sip:" to a uri or registrar_server that has no scheme. */
static gchar *
with_sip_scheme (const gchar * str)
{
  if (has_scheme (str, "sip") || has_scheme (str, "sips"))
    return g_strdup (str);
  return g_strconcat ("sip:", str, NULL);
}

static GstSipUri *
parse_sip_uri (const gchar * str, GError ** error)
{
  g_autofree gchar *full = with_sip_scheme (str);
  GstSipUri *uri = gst_sip_uri_new_parse (full, error);

  if (uri && uri->scheme == GST_SIP_URI_SCHEME_TEL) {
    gst_sip_uri_free (uri);
    g_set_error_literal (error, JSSIP_SETTINGS_ERROR,
        JSSIP_SETTINGS_ERROR_INVALID, "not a sip: or sips: URI");
    return NULL;
  }
  return uri;
}

GstSipUri *
jssip_settings_parse_uri (const JsSipSettings * settings, GError ** error)
{
  g_autoptr (GError) parse_error = NULL;
  GstSipUri *uri;

  if (!settings->uri) {
    invalid (error, "uri", "not set (the local SIP address, sip:user@domain)");
    return NULL;
  }
  uri = parse_sip_uri (settings->uri, &parse_error);
  if (!uri) {
    invalid (error, "uri", "'%s' is not a SIP URI (%s)", settings->uri,
        parse_error->message);
    return NULL;
  }
  if (!uri->user || !*uri->user) {
    gst_sip_uri_free (uri);
    invalid (error, "uri", "'%s' has no user part (sip:user@domain)",
        settings->uri);
    return NULL;
  }
  return uri;
}

gchar **
jssip_settings_dup_servers (const JsSipSettings * settings)
{
  gchar **servers = g_strsplit (settings->server ? settings->server : "",
      ",", -1);
  guint i, n = 0;

  for (i = 0; servers[i]; i++) {
    g_strstrip (servers[i]);
    if (*servers[i])
      servers[n++] = servers[i];
    else
      g_free (servers[i]);
  }
  servers[n] = NULL;
  return servers;
}

static gboolean
validate_server (const JsSipSettings * settings, GError ** error)
{
  g_auto (GStrv) servers = NULL;
  guint i;

  if (!settings->server)
    return invalid (error, "server",
        "not set (one or more ws:// or wss:// URIs, comma-separated)");

  servers = jssip_settings_dup_servers (settings);
  if (!servers[0])
    return invalid (error, "server", "lists no URI");

  for (i = 0; servers[i]; i++) {
    g_autoptr (GUri) uri = g_uri_parse (servers[i], G_URI_FLAGS_NONE, NULL);
    const gchar *scheme = uri ? g_uri_get_scheme (uri) : NULL;

    if (!uri || (g_ascii_strcasecmp (scheme, "ws") != 0
            && g_ascii_strcasecmp (scheme, "wss") != 0)
        || !g_uri_get_host (uri) || !*g_uri_get_host (uri))
      return invalid (error, "server", "'%s' is not a ws:// or wss:// URI",
          servers[i]);
  }
  return TRUE;
}

static gboolean
validate_uri (const JsSipSettings * settings, GError ** error)
{
  GstSipUri *uri = jssip_settings_parse_uri (settings, error);

  if (!uri)
    return FALSE;
  gst_sip_uri_free (uri);
  return TRUE;
}

static gboolean
is_hex (const gchar * str)
{
  for (; *str; str++)
    if (!g_ascii_isxdigit (*str))
      return FALSE;
  return TRUE;
}

/* RFC 2617 §3.2.2.2: HA1 is an MD5 digest in hex; RFC 7616 adds SHA-256. */
static gboolean
validate_ha1 (const JsSipSettings * settings, GError ** error)
{
  gsize len;

  if (!settings->ha1)
    return TRUE;
  len = strlen (settings->ha1);
  if ((len != 32 && len != 64) || !is_hex (settings->ha1))
    return invalid (error, "ha1",
        "not an MD5 (32) or SHA-256 (64) digest in hex digits");
  return TRUE;
}

/* Values that end up inside a header line must not be able to start a new
 * line (RFC 3261 §7.3.1 folding, or header injection). */
static gboolean
validate_header_text (const gchar * value, const gchar * property,
    GError ** error)
{
  if (value && strpbrk (value, "\r\n"))
    return invalid (error, property, "contains a line break");
  return TRUE;
}

static gboolean
validate_header_texts (const JsSipSettings * settings, GError ** error)
{
  return validate_header_text (settings->authorization_user,
      "authorization-user", error)
      && validate_header_text (settings->realm, "realm", error)
      && validate_header_text (settings->display_name, "display-name", error)
      && validate_header_text (settings->user_agent, "user-agent", error);
}

/* JsSIP: registrar_server must not contain a user part. */
static gboolean
validate_registrar_server (const JsSipSettings * settings, GError ** error)
{
  g_autoptr (GError) parse_error = NULL;
  GstSipUri *uri;
  gboolean has_user;

  if (!settings->registrar_server)
    return TRUE;
  uri = parse_sip_uri (settings->registrar_server, &parse_error);
  if (!uri)
    return invalid (error, "registrar-server", "'%s' is not a SIP URI (%s)",
        settings->registrar_server, parse_error->message);
  has_user = uri->user != NULL;
  gst_sip_uri_free (uri);
  if (has_user)
    return invalid (error, "registrar-server",
        "'%s' has a user part (sip:domain expected)",
        settings->registrar_server);
  return TRUE;
}

static gboolean
validate_contact_uri (const JsSipSettings * settings, GError ** error)
{
  g_autoptr (GError) parse_error = NULL;
  GstSipUri *uri;

  if (!settings->contact_uri)
    return TRUE;
  uri = parse_sip_uri (settings->contact_uri, &parse_error);
  if (!uri)
    return invalid (error, "contact-uri", "'%s' is not a SIP URI (%s)",
        settings->contact_uri, parse_error->message);
  gst_sip_uri_free (uri);
  return TRUE;
}

static gboolean
validate_instance_id (const JsSipSettings * settings, GError ** error)
{
  if (settings->instance_id && !g_uuid_string_is_valid (settings->instance_id))
    return invalid (error, "instance-id", "'%s' is not a UUID",
        settings->instance_id);
  return TRUE;
}

/* The config keys that have no property of their own. */
static gboolean
validate_connection_recovery (const JsSipSettings * settings, GError ** error)
{
  if (settings->connection_recovery_min_interval == 0)
    return invalid (error, "config",
        "'connection_recovery_min_interval' must be at least 1 second");
  if (settings->connection_recovery_min_interval >
      settings->connection_recovery_max_interval)
    return invalid (error, "config",
        "'connection_recovery_min_interval' (%u) is greater than "
        "'connection_recovery_max_interval' (%u)",
        settings->connection_recovery_min_interval,
        settings->connection_recovery_max_interval);
  return TRUE;
}

static gboolean
validate_account (const JsSipSettings * settings, GError ** error)
{
  if (settings->config_error)
    return invalid (error, "config", "%s", settings->config_error->message);

  return validate_uri (settings, error)
      && validate_server (settings, error)
      && validate_ha1 (settings, error)
      && validate_header_texts (settings, error)
      && validate_registrar_server (settings, error)
      && validate_contact_uri (settings, error)
      && validate_instance_id (settings, error)
      && validate_connection_recovery (settings, error);
}

GstSipUri *
jssip_settings_parse_target (const gchar * target, const gchar * local_uri,
    GError ** error)
{
  g_autofree gchar *full = NULL;
  g_autoptr (GError) parse_error = NULL;
  GstSipUri *uri;

  if (has_scheme (target, "sip") || has_scheme (target, "sips")
      || has_scheme (target, "tel"))
    full = g_strdup (target);
  else if (strchr (target, ':')) {
    g_set_error (error, JSSIP_SETTINGS_ERROR, JSSIP_SETTINGS_ERROR_INVALID,
        "'%s' is not a user name or a sip:, sips: or tel: URI", target);
    return NULL;
  } else if (strchr (target, '@'))
    full = g_strconcat ("sip:", target, NULL);
  else {
    g_autoptr (GError) local_error = NULL;
    GstSipUri *local = local_uri ? parse_sip_uri (local_uri, &local_error)
        : NULL;

    if (!local || !local->host) {
      g_set_error (error, JSSIP_SETTINGS_ERROR, JSSIP_SETTINGS_ERROR_INVALID,
          "'%s' is a bare user name but 'uri' gives no domain to add", target);
      g_clear_pointer (&local, gst_sip_uri_free);
      return NULL;
    }
    full = g_strdup_printf ("sip:%s@%s", target, local->host);
    gst_sip_uri_free (local);
  }
  uri = gst_sip_uri_new_parse (full, &parse_error);
  if (!uri)
    g_set_error (error, JSSIP_SETTINGS_ERROR, JSSIP_SETTINGS_ERROR_INVALID,
        "'%s' is not a valid user name or URI (%s)", target,
        parse_error->message);
  return uri;
}

static gboolean
validate_target (const JsSipSettings * settings, GError ** error)
{
  g_autoptr (GError) parse_error = NULL;
  GstSipUri *uri;

  if (!settings->target)
    return TRUE;
  uri = jssip_settings_parse_target (settings->target, settings->uri,
      &parse_error);
  if (!uri)
    return invalid (error, "target", "%s", parse_error->message);
  gst_sip_uri_free (uri);
  return TRUE;
}

static gboolean
validate_media (const JsSipSettings * settings, GError ** error)
{
  if ((settings->media & JSSIP_MEDIA_ALL) == 0)
    return invalid (error, "media", "selects neither audio nor video");
  return TRUE;
}

/* RFC 3261 §25.1: token characters of a header field name. */
static gboolean
is_header_name (const gchar * name, gsize len)
{
  gsize i;

  if (len == 0)
    return FALSE;
  for (i = 0; i < len; i++)
    if (!g_ascii_isalnum (name[i]) && !strchr ("-.!%*_+`'~", name[i]))
      return FALSE;
  return TRUE;
}

static gboolean
validate_extra_headers (const JsSipSettings * settings, GError ** error)
{
  guint i;

  for (i = 0; settings->extra_headers && settings->extra_headers[i]; i++) {
    const gchar *line = settings->extra_headers[i];
    const gchar *colon = strchr (line, ':');

    if (!colon || !is_header_name (line, colon - line)
        || strpbrk (line, "\r\n"))
      return invalid (error, "extra-headers",
          "'%s' is not a 'Name: value' header line", line);
  }
  return TRUE;
}

static gboolean
uri_has_scheme (const gchar * str, const gchar * const *schemes)
{
  g_autoptr (GUri) uri = g_uri_parse (str, G_URI_FLAGS_NONE, NULL);

  return uri && g_uri_get_host (uri) && *g_uri_get_host (uri)
      && g_strv_contains (schemes, g_uri_get_scheme (uri));
}

/* The formats webrtcbin takes for stun-server and turn-server. */
static gboolean
validate_ice_servers (const JsSipSettings * settings, GError ** error)
{
  static const gchar *const stun[] = { "stun", NULL };
  static const gchar *const turn[] = { "turn", "turns", NULL };
  guint i;

  if (settings->stun_server && !uri_has_scheme (settings->stun_server, stun))
    return invalid (error, "stun-server", "'%s' is not a stun://host:port URI",
        settings->stun_server);

  /* TURN URIs carry credentials: name the entry by position only. */
  for (i = 0; settings->turn_servers && settings->turn_servers[i]; i++)
    if (!uri_has_scheme (settings->turn_servers[i], turn))
      return invalid (error, "turn-servers",
          "entry %u is not a turn:// or turns://user:password@host:port URI",
          i + 1);
  return TRUE;
}

gchar *
jssip_settings_dup_codec_names (JsSipMediaFlags kind)
{
  GPtrArray *codecs = jssip_codecs_parse (NULL, kind, FALSE, FALSE, NULL);
  GString *names = g_string_new (NULL);
  guint i;

  for (i = 0; codecs && i < codecs->len; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "",
        ((const JsSipCodec *) g_ptr_array_index (codecs, i))->name);
  g_clear_pointer (&codecs, g_ptr_array_unref);
  return g_string_free (names, FALSE);
}

/* Names only: whether the codec's elements are installed is the media
 * layer's to find out when it builds the call. */
static gboolean
validate_codecs (const gchar * list, JsSipMediaFlags kind,
    const gchar * property, GError ** error)
{
  g_autoptr (GError) codec_error = NULL;
  g_autofree gchar *known = NULL;
  GPtrArray *codecs;

  if (!list)
    return TRUE;
  codecs = jssip_codecs_parse (list, kind, FALSE, FALSE, &codec_error);
  if (codecs) {
    g_ptr_array_unref (codecs);
    return TRUE;
  }
  known = jssip_settings_dup_codec_names (kind);
  return invalid (error, property, "%s (known: %s)", codec_error->message,
      known);
}

static gboolean
validate_ice_addresses (const JsSipSettings * settings, GError ** error)
{
  g_auto (GStrv) addresses = NULL;
  guint i;

  if (!settings->ice_addresses)
    return TRUE;
  addresses = g_strsplit (settings->ice_addresses, ",", -1);
  for (i = 0; addresses[i]; i++) {
    g_autoptr (GInetAddress) address =
        g_inet_address_new_from_string (g_strstrip (addresses[i]));

    if (!address)
      return invalid (error, "ice-addresses", "'%s' is not an IP address",
          addresses[i]);
  }
  return TRUE;
}

static gboolean
validate_call (const JsSipSettings * settings, GError ** error)
{
  return validate_target (settings, error)
      && validate_media (settings, error)
      && validate_extra_headers (settings, error)
      && validate_ice_servers (settings, error)
      && validate_codecs (settings->audio_codecs, JSSIP_MEDIA_AUDIO,
      "audio-codecs", error)
      && validate_codecs (settings->video_codecs, JSSIP_MEDIA_VIDEO,
      "video-codecs", error)
      && validate_ice_addresses (settings, error);
}

gboolean
jssip_settings_validate (const JsSipSettings * settings, GError ** error)
{
  return validate_account (settings, error) && validate_call (settings, error);
}

gchar *
jssip_settings_dup_authorization_user (const JsSipSettings * settings)
{
  GstSipUri *uri;
  gchar *user;

  if (settings->authorization_user)
    return g_strdup (settings->authorization_user);
  uri = jssip_settings_parse_uri (settings, NULL);
  if (!uri)
    return NULL;
  user = g_uri_unescape_string (uri->user, NULL);
  gst_sip_uri_free (uri);
  return user;
}

/* JsSIP: the uri's host, without user, parameters or headers. */
gchar *
jssip_settings_dup_registrar_server (const JsSipSettings * settings)
{
  GstSipUri *uri;
  gchar *registrar;

  if (settings->registrar_server)
    return with_sip_scheme (settings->registrar_server);
  uri = jssip_settings_parse_uri (settings, NULL);
  if (!uri)
    return NULL;
  if (uri->port)
    registrar = g_strdup_printf ("%s:%s:%u",
        uri->scheme == GST_SIP_URI_SCHEME_SIPS ? "sips" : "sip", uri->host,
        uri->port);
  else
    registrar = g_strdup_printf ("%s:%s",
        uri->scheme == GST_SIP_URI_SCHEME_SIPS ? "sips" : "sip", uri->host);
  gst_sip_uri_free (uri);
  return registrar;
}

/* RFC 5626 §4.1 wants the instance id stable across restarts, so that a
 * restart replaces the binding instead of adding one: derive a name-based
 * UUID (RFC 4122 §4.3, version 5 layout) from the address of record. */
gchar *
jssip_settings_dup_instance_id (const JsSipSettings * settings)
{
  g_autoptr (GChecksum) sha1 = NULL;
  guint8 digest[20];
  gsize len = sizeof (digest);

  if (settings->instance_id)
    return g_strdup (settings->instance_id);
  if (!settings->uri)
    return NULL;

  sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha1, (const guchar *) "gst-jssip instance-id ", -1);
  g_checksum_update (sha1, (const guchar *) settings->uri, -1);
  g_checksum_get_digest (sha1, digest, &len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
      "%02x%02x%02x%02x%02x%02x", digest[0], digest[1], digest[2], digest[3],
      digest[4], digest[5], digest[6], digest[7], digest[8], digest[9],
      digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]);
}
