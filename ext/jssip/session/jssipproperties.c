/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipproperties.h"
#include "jssipconfig.h"

typedef enum
{
  KIND_STRING,
  KIND_BOOLEAN,
  KIND_UINT,
  KIND_ENUM,
  KIND_FLAGS,
  KIND_STRV,                    /* gchar **, a GstValueArray of strings */
  KIND_STRUCTURE,
  KIND_DATE_TIME,
  KIND_CONFIG,                  /* a JSON string that sets other fields */
} ValueKind;

typedef enum
{
  /* Never read back and never logged: password, ha1, config. */
  FLAG_SECRET = 1 << 0,
  /* Readable but shown as "<redacted>" in logs (TURN credentials). */
  FLAG_REDACTED = 1 << 1,
  /* Read-only call state: the field lives in JsSipCallInfo. */
  FLAG_CALL_INFO = 1 << 2,
  /* Takes effect at once, also while a call runs; the others take effect
   * when the session starts (GST_PARAM_MUTABLE_READY). */
  FLAG_MUTABLE_PLAYING = 1 << 3,
  FLAG_SRC_ONLY = 1 << 4,
} PropertyFlags;

struct _JsSipProperty
{
  const gchar *name;
  const gchar *nick;
  const gchar *blurb;
  ValueKind kind;
  gsize offset;
  PropertyFlags flags;
  guint maximum;                /* KIND_UINT */
    GType (*get_type) (void);   /* KIND_ENUM, KIND_FLAGS */
  /* A codec list: the blurb's %s is the list of codec names of this kind. */
  JsSipMediaFlags codecs;
};

#define SETTING(field) G_STRUCT_OFFSET (JsSipSettings, field)
#define CALL_INFO(field) G_STRUCT_OFFSET (JsSipCallInfo, field)

/* docs/elements.md's session properties, in the order gst-inspect-1.0 lists them.
 * Defaults are those of jssip_settings_new(). */
static const JsSipProperty properties[] = {
  {"config", "JsSIP configuration",
        "JsSIP UA configuration as a JSON object, with the keys uri, password, "
        "ha1, authorization_user, realm, display_name, sockets (a ws URI or "
        "an array of them), register, register_expires, registrar_server, "
        "contact_uri, session_timers, no_answer_timeout, user_agent, "
        "instance_id, connection_recovery_min_interval and "
        "connection_recovery_max_interval. Its keys set the matching "
        "properties; an unknown key or a wrong type fails the start naming "
        "the key. Write-only, as it may hold the password",
      KIND_CONFIG, SETTING (config), FLAG_SECRET},

  /* Account: the JsSIP UA configuration. */
  {"server", "Server",
        "SIP server WebSocket URIs (RFC 7118), ws:// or wss://, "
        "comma-separated, tried in order (JsSIP sockets). Required",
      KIND_STRING, SETTING (server)},
  {"uri", "URI",
        "Local SIP URI, the address of record, sip:user@domain "
        "(JsSIP uri). Required",
      KIND_STRING, SETTING (uri)},
  {"password", "Password",
        "Digest authentication password (JsSIP password). Write-only, "
        "never logged",
      KIND_STRING, SETTING (password), FLAG_SECRET},
  {"ha1", "HA1",
        "Precomputed digest HA1, MD5(user:realm:password) in hex, to use "
        "instead of the password (JsSIP ha1). Write-only, never logged",
      KIND_STRING, SETTING (ha1), FLAG_SECRET},
  {"authorization-user", "Authorization user",
        "Digest authentication user name (JsSIP authorization_user). "
        "Default: the user part of uri",
      KIND_STRING, SETTING (authorization_user)},
  {"realm", "Realm",
        "Digest authentication realm (JsSIP realm). Default: the realm of "
        "the server's challenge",
      KIND_STRING, SETTING (realm)},
  {"display-name", "Display name",
        "Display name shown to the called party (JsSIP display_name)",
      KIND_STRING, SETTING (display_name)},
  {"register", "Register",
        "Register uri with the registrar while running, so that calls to it "
        "arrive here (JsSIP register)",
      KIND_BOOLEAN, SETTING (do_register)},
  {"register-expires", "Register expires",
        "Registration lifetime asked for, in seconds; refreshed before it "
        "runs out (JsSIP register_expires)",
      KIND_UINT, SETTING (register_expires), 0, G_MAXINT32},
  {"registrar-server", "Registrar server",
        "SIP URI of the registrar, without user part (JsSIP "
        "registrar_server). Default: the domain of uri",
      KIND_STRING, SETTING (registrar_server)},
  {"contact-uri", "Contact URI",
        "SIP URI for the Contact header (JsSIP contact_uri). Default: "
        "generated, sip:RANDOM@RANDOM.invalid;transport=ws",
      KIND_STRING, SETTING (contact_uri)},
  {"instance-id", "Instance ID",
        "UUID sent as +sip.instance (RFC 5626) so that a restart replaces "
        "the registration instead of adding one (JsSIP instance_id). "
        "Default: derived from uri, the same across restarts",
      KIND_STRING, SETTING (instance_id)},
  {"user-agent", "User agent",
        "User-Agent header value (JsSIP user_agent)",
      KIND_STRING, SETTING (user_agent)},
  {"session-timers", "Session timers",
        "Keep calls alive with session timers, RFC 4028 (JsSIP "
        "session_timers)",
      KIND_BOOLEAN, SETTING (session_timers)},
  {"no-answer-timeout", "No answer timeout",
        "Seconds an incoming call rings unanswered before it ends with 408 "
        "and cause 'No Answer' (JsSIP no_answer_timeout)",
      KIND_UINT, SETTING (no_answer_timeout), 0, G_MAXINT32},
  {"tls-validation-flags", "TLS validation flags",
        "Checks made on a wss:// server's certificate; clear some to accept, "
        "for example, a test CA",
        KIND_FLAGS, SETTING (tls_validation_flags), 0, 0,
      g_tls_certificate_flags_get_type},

  /* Call. */
  {"target", "Target",
        "Whom to call on PAUSED->PLAYING: a user name (the domain of uri is "
        "added), user@host, or a sip:, sips: or tel: URI (JsSIP "
        "connect(target)). Unset: wait for an incoming call",
      KIND_STRING, SETTING (target)},
  {"auto-answer", "Auto answer",
        "Answer incoming calls at once; otherwise use the answer action "
        "signal after the jssip-session-incoming message",
      KIND_BOOLEAN, SETTING (auto_answer), FLAG_MUTABLE_PLAYING},
  {"media", "Media",
        "Media the call offers and accepts (JsSIP mediaType)",
      KIND_FLAGS, SETTING (media), 0, 0, jssip_media_flags_get_type},
  {"extra-headers", "Extra headers",
        "Extra SIP header lines for the INVITE, e.g. "
        "<\"X-Foo: foo\", \"X-Bar: bar\"> (JsSIP extraHeaders)",
      KIND_STRV, SETTING (extra_headers)},
  {"anonymous", "Anonymous",
        "Hide the caller's identity, RFC 3323 (JsSIP anonymous)",
      KIND_BOOLEAN, SETTING (anonymous)},
  {"stun-server", "STUN server",
        "STUN server for ICE, stun://host:port (JsSIP pcConfig.iceServers)",
      KIND_STRING, SETTING (stun_server)},
  {"turn-servers", "TURN servers",
        "TURN servers for ICE, <\"turn(s)://user:password@host:port\"> "
        "(JsSIP pcConfig.iceServers). Never logged",
      KIND_STRV, SETTING (turn_servers), FLAG_REDACTED},
  {"audio-codecs", "Audio codecs",
        "Audio codecs in order of preference, comma-separated, from: %s. "
        "Unset: all that are installed",
      KIND_STRING, SETTING (audio_codecs), 0, 0, NULL, JSSIP_MEDIA_AUDIO},
  {"video-codecs", "Video codecs",
        "Video codecs in order of preference, comma-separated, from: %s. "
        "Unset: all that are installed",
      KIND_STRING, SETTING (video_codecs), 0, 0, NULL, JSSIP_MEDIA_VIDEO},
  {"single-call", "Single call",
        "After the call, EOS ends the pipeline. FALSE: after EOS the src "
        "pads are removed and the next call is awaited",
      KIND_BOOLEAN, SETTING (single_call)},
  {"latency", "Latency",
        "Receive jitterbuffer latency in milliseconds",
      KIND_UINT, SETTING (latency), 0, G_MAXINT32},
  {"ice-addresses", "ICE addresses",
        "Local IP addresses ICE gathers candidates on, comma-separated. "
        "Unset: all interfaces",
      KIND_STRING, SETTING (ice_addresses)},
  {"ice-gathering-timeout", "ICE gathering timeout",
        "Longest wait for ICE gathering, in milliseconds, before the SDP is "
        "sent with the candidates gathered so far",
      KIND_UINT, SETTING (ice_gathering_timeout), 0, G_MAXINT32},
  {"decode", "Decode",
        "Output decoded raw audio/video; FALSE: the depayloaded encoded "
        "streams, to record without transcoding",
      KIND_BOOLEAN, SETTING (decode), FLAG_SRC_ONLY},
  {"data", "Data",
        "Application data kept with the session, shared by both elements "
        "of a pair (JsSIP data)",
      KIND_STRUCTURE, SETTING (data), FLAG_MUTABLE_PLAYING},

  /* Read-only call state: the JsSIP 0.2 Session attributes. */
  {"direction", "Direction",
        "Who placed the current call (JsSIP direction)",
        KIND_ENUM, CALL_INFO (direction), FLAG_CALL_INFO, 0,
      jssip_direction_get_type},
  {"state", "State",
        "Call state, as JsSIP RTCSession status",
        KIND_ENUM, CALL_INFO (state), FLAG_CALL_INFO, 0,
      jssip_call_state_get_type},
  {"call-id", "Call-ID",
        "Call-ID of the current call's dialog",
      KIND_STRING, CALL_INFO (call_id), FLAG_CALL_INFO},
  {"local-identity", "Local identity",
        "Local SIP URI of the current call (JsSIP local_identity)",
      KIND_STRING, CALL_INFO (local_identity), FLAG_CALL_INFO},
  {"remote-identity", "Remote identity",
        "Remote SIP URI of the current call, with the display name when "
        "known (JsSIP remote_identity)",
      KIND_STRING, CALL_INFO (remote_identity), FLAG_CALL_INFO},
  {"start-time", "Start time",
        "When the call started; NULL before (JsSIP start_time)",
      KIND_DATE_TIME, CALL_INFO (start_time), FLAG_CALL_INFO},
  {"end-time", "End time",
        "When the call ended; NULL before (JsSIP end_time)",
      KIND_DATE_TIME, CALL_INFO (end_time), FLAG_CALL_INFO},
};

static GQuark
property_quark (void)
{
  return g_quark_from_static_string ("jssip-property");
}

/* The defaults every pspec announces and carry-over compares against. */
static const JsSipSettings *
default_settings (void)
{
  static JsSipSettings *defaults = NULL;

  if (g_once_init_enter (&defaults))
    g_once_init_leave (&defaults, jssip_settings_new ());
  return defaults;
}

static gpointer
field_of (const JsSipProperty * property, gconstpointer base)
{
  return G_STRUCT_MEMBER_P (base, property->offset);
}

static GParamFlags
param_flags (const JsSipProperty * property)
{
  GParamFlags flags = G_PARAM_STATIC_STRINGS;

  if (property->flags & FLAG_CALL_INFO)
    return flags | G_PARAM_READABLE;

  flags |= G_PARAM_WRITABLE;
  if (!(property->flags & FLAG_SECRET))
    flags |= G_PARAM_READABLE;
  if (property->flags & FLAG_MUTABLE_PLAYING)
    flags |= GST_PARAM_MUTABLE_PLAYING;
  else
    flags |= GST_PARAM_MUTABLE_READY;
  return flags;
}

static GParamSpec *
make_pspec_with_blurb (const JsSipProperty * property, const gchar * blurb,
    GParamFlags flags)
{
  const JsSipSettings *defaults = default_settings ();
  const gchar *name = property->name;
  const gchar *nick = property->nick;

  switch (property->kind) {
    case KIND_STRING:
    case KIND_CONFIG:
      return g_param_spec_string (name, nick, blurb,
          (property->flags & FLAG_CALL_INFO) ? NULL :
          *(gchar **) field_of (property, defaults), flags);
    case KIND_BOOLEAN:
      return g_param_spec_boolean (name, nick, blurb,
          *(gboolean *) field_of (property, defaults), flags);
    case KIND_UINT:
      return g_param_spec_uint (name, nick, blurb, 0, property->maximum,
          *(guint *) field_of (property, defaults), flags);
    case KIND_ENUM:
      /* Only call state is an enum, and it starts at the first value. */
      return g_param_spec_enum (name, nick, blurb, property->get_type (), 0,
          flags);
    case KIND_FLAGS:
      return g_param_spec_flags (name, nick, blurb, property->get_type (),
          *(guint *) field_of (property, defaults), flags);
    case KIND_STRV:
      return gst_param_spec_array (name, nick, blurb,
          g_param_spec_string ("line", "Line", "One entry", NULL,
              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS), flags);
    case KIND_STRUCTURE:
      return g_param_spec_boxed (name, nick, blurb, GST_TYPE_STRUCTURE, flags);
    case KIND_DATE_TIME:
      return g_param_spec_boxed (name, nick, blurb, G_TYPE_DATE_TIME, flags);
  }
  g_assert_not_reached ();
}

static GParamSpec *
make_pspec (const JsSipProperty * property)
{
  GParamFlags flags = param_flags (property);
  gchar *names, *blurb;
  GParamSpec *pspec;

  if (!property->codecs)
    return make_pspec_with_blurb (property, property->blurb, flags);

  /* GParamSpec copies a blurb that is not flagged static. */
  names = jssip_settings_dup_codec_names (property->codecs);
  blurb = g_strdup_printf (property->blurb, names);
  pspec = make_pspec_with_blurb (property, blurb,
      flags & ~G_PARAM_STATIC_BLURB);
  g_free (blurb);
  g_free (names);
  return pspec;
}

guint
jssip_properties_install (GObjectClass * klass, JsSipPropertyScope scope,
    guint first_id)
{
  gboolean want_src_only = scope == JSSIP_PROPERTY_SCOPE_SRC;
  guint id = first_id;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (properties); i++) {
    const JsSipProperty *property = &properties[i];
    GParamSpec *pspec;

    if (!!(property->flags & FLAG_SRC_ONLY) != want_src_only)
      continue;
    pspec = make_pspec (property);
    g_param_spec_set_qdata (pspec, property_quark (), (gpointer) property);
    g_object_class_install_property (klass, id++, pspec);
  }
  return id;
}

const JsSipProperty *
jssip_property_from_pspec (GParamSpec * pspec)
{
  return g_param_spec_get_qdata (pspec, property_quark ());
}

const gchar *
jssip_property_get_name (const JsSipProperty * property)
{
  return property->name;
}

gboolean
jssip_property_is_call_info (const JsSipProperty * property)
{
  return (property->flags & FLAG_CALL_INFO) != 0;
}

static gchar **
strv_from_value_array (const GValue * value)
{
  guint n = gst_value_array_get_size (value);
  gchar **strv = g_new0 (gchar *, n + 1);
  guint i;

  for (i = 0; i < n; i++)
    strv[i] = g_value_dup_string (gst_value_array_get_value (value, i));
  return strv;
}

static void
value_array_from_strv (GValue * value, gchar ** strv)
{
  GValue item = G_VALUE_INIT;

  g_value_init (&item, G_TYPE_STRING);
  for (; strv && *strv; strv++) {
    g_value_set_string (&item, *strv);
    gst_value_array_append_value (value, &item);
  }
  g_value_unset (&item);
}

void
jssip_property_set (const JsSipProperty * property, JsSipSettings * settings,
    const GValue * value)
{
  gpointer field = field_of (property, settings);

  g_return_if_fail (!(property->flags & FLAG_CALL_INFO));

  switch (property->kind) {
    case KIND_STRING:
      g_free (*(gchar **) field);
      *(gchar **) field = g_value_dup_string (value);
      break;
    case KIND_CONFIG:
      jssip_config_set (settings, g_value_get_string (value));
      break;
    case KIND_BOOLEAN:
      *(gboolean *) field = g_value_get_boolean (value);
      break;
    case KIND_UINT:
      *(guint *) field = g_value_get_uint (value);
      break;
    case KIND_FLAGS:
      *(guint *) field = g_value_get_flags (value);
      break;
    case KIND_STRV:
      g_strfreev (*(gchar ***) field);
      *(gchar ***) field = strv_from_value_array (value);
      break;
    case KIND_STRUCTURE:
      g_clear_pointer ((GstStructure **) field, gst_structure_free);
      *(GstStructure **) field = g_value_dup_boxed (value);
      break;
    case KIND_ENUM:
    case KIND_DATE_TIME:
      g_assert_not_reached ();
  }
}

void
jssip_property_get (const JsSipProperty * property,
    const JsSipSettings * settings, const JsSipCallInfo * info, GValue * value)
{
  gconstpointer base = (property->flags & FLAG_CALL_INFO) ?
      (gconstpointer) info : (gconstpointer) settings;
  gpointer field = field_of (property, base);

  switch (property->kind) {
    case KIND_STRING:
    case KIND_CONFIG:
      g_value_set_string (value, *(gchar **) field);
      break;
    case KIND_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) field);
      break;
    case KIND_UINT:
      g_value_set_uint (value, *(guint *) field);
      break;
    case KIND_ENUM:
      g_value_set_enum (value, *(gint *) field);
      break;
    case KIND_FLAGS:
      g_value_set_flags (value, *(guint *) field);
      break;
    case KIND_STRV:
      value_array_from_strv (value, *(gchar ***) field);
      break;
    case KIND_STRUCTURE:
    case KIND_DATE_TIME:
      g_value_set_boxed (value, *(gpointer *) field);
      break;
  }
}

gchar *
jssip_property_value_to_string (const JsSipProperty * property,
    const GValue * value)
{
  gchar *text;

  if (property->flags & (FLAG_SECRET | FLAG_REDACTED))
    return g_strdup ("<redacted>");
  if (G_VALUE_HOLDS_STRING (value) || G_VALUE_HOLDS_BOXED (value)) {
    if (!g_value_peek_pointer (value))
      return g_strdup ("(NULL)");
    if (G_VALUE_HOLDS_STRING (value))
      return g_value_dup_string (value);
  }
  text = gst_value_serialize (value);
  return text ? text : g_strdup ("(NULL)");
}

static GValue *
value_for (const JsSipProperty * property, GValue * value)
{
  GType type;

  switch (property->kind) {
    case KIND_STRING:
    case KIND_CONFIG:
      type = G_TYPE_STRING;
      break;
    case KIND_BOOLEAN:
      type = G_TYPE_BOOLEAN;
      break;
    case KIND_UINT:
      type = G_TYPE_UINT;
      break;
    case KIND_ENUM:
    case KIND_FLAGS:
      type = property->get_type ();
      break;
    case KIND_STRV:
      type = GST_TYPE_ARRAY;
      break;
    case KIND_STRUCTURE:
      type = GST_TYPE_STRUCTURE;
      break;
    case KIND_DATE_TIME:
      type = G_TYPE_DATE_TIME;
      break;
    default:
      g_assert_not_reached ();
  }
  return g_value_init (value, type);
}

gchar *
jssip_properties_describe (const JsSipSettings * settings)
{
  GString *text = g_string_new (NULL);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (properties); i++) {
    const JsSipProperty *property = &properties[i];
    GValue value = G_VALUE_INIT;
    gchar *shown;

    if (property->flags & FLAG_CALL_INFO)
      continue;
    /* A secret is not even read into a GValue: nothing to leak. */
    if (property->flags & (FLAG_SECRET | FLAG_REDACTED)) {
      g_string_append_printf (text, "%s%s=%s", i ? " " : "", property->name,
          *(gpointer *) field_of (property, settings) ? "<redacted>" :
          "(NULL)");
      continue;
    }
    jssip_property_get (property, settings, NULL, value_for (property, &value));
    shown = jssip_property_value_to_string (property, &value);
    g_string_append_printf (text, "%s%s=%s", i ? " " : "", property->name,
        shown);
    g_free (shown);
    g_value_unset (&value);
  }
  return g_string_free (text, FALSE);
}

static gboolean
values_equal (const GValue * a, const GValue * b)
{
  if (G_VALUE_HOLDS_STRING (a))
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (G_VALUE_HOLDS_BOXED (a)
      && (!g_value_get_boxed (a) || !g_value_get_boxed (b)))
    return g_value_get_boxed (a) == g_value_get_boxed (b);
  if (G_VALUE_HOLDS (a, G_TYPE_DATE_TIME))
    return g_date_time_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  return gst_value_compare (a, b) == GST_VALUE_EQUAL;
}

static gboolean
field_equal (const JsSipProperty * property, gconstpointer base_a,
    gconstpointer base_b)
{
  GValue a = G_VALUE_INIT, b = G_VALUE_INIT;
  gboolean equal;

  if (property->flags & FLAG_CALL_INFO) {
    jssip_property_get (property, NULL, base_a, value_for (property, &a));
    jssip_property_get (property, NULL, base_b, value_for (property, &b));
  } else {
    jssip_property_get (property, base_a, NULL, value_for (property, &a));
    jssip_property_get (property, base_b, NULL, value_for (property, &b));
  }
  equal = values_equal (&a, &b);
  g_value_unset (&a);
  g_value_unset (&b);
  return equal;
}

void
jssip_properties_carry_over (JsSipSettings * dest, const JsSipSettings * src)
{
  const JsSipSettings *defaults = default_settings ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (properties); i++) {
    const JsSipProperty *property = &properties[i];
    GValue value = G_VALUE_INIT;

    if (property->flags & FLAG_CALL_INFO
        || field_equal (property, src, defaults))
      continue;
    /* The JSON's effect is already in the fields copied after it: copy it
     * as it is rather than apply it again. */
    if (property->kind == KIND_CONFIG) {
      jssip_config_copy (dest, src);
      continue;
    }
    jssip_property_get (property, src, NULL, value_for (property, &value));
    jssip_property_set (property, dest, &value);
    g_value_unset (&value);
  }
}

void
jssip_properties_foreach_changed (const JsSipCallInfo * old_info,
    const JsSipCallInfo * new_info, void (*func) (const gchar * name,
        gpointer user_data), gpointer user_data)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (properties); i++) {
    const JsSipProperty *property = &properties[i];

    if (property->flags & FLAG_CALL_INFO
        && !field_equal (property, old_info, new_info))
      func (property->name, user_data);
  }
}
