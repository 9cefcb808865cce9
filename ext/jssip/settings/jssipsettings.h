/* gst-jssip
 *
 * Every setting of one session: the JsSIP UA configuration (account) and
 * the call options. A plain struct, copied whole so that the SIP and media
 * threads work on a consistent snapshot while the application keeps
 * setting properties.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_SETTINGS_H__
#define __JSSIP_SETTINGS_H__

#include <gio/gio.h>
#include <gst/gst.h>
#include <gst/sip/sipuri.h>

#include "jssipenums.h"

G_BEGIN_DECLS

typedef struct
{
  /* Account, in JsSIP UA configuration terms. NULL strings mean "not set":
   * the documented default is derived where it is used. */
  gchar *server;                /* comma-separated ws:// or wss:// URIs */
  gchar *uri;
  gchar *password;              /* secret: never logged */
  gchar *ha1;                   /* secret: never logged */
  gchar *authorization_user;
  gchar *realm;
  gchar *display_name;
  gboolean do_register;
  guint register_expires;       /* seconds */
  gchar *registrar_server;
  gchar *contact_uri;
  gchar *instance_id;
  gchar *user_agent;
  gboolean session_timers;
  guint no_answer_timeout;      /* seconds */
  guint connection_recovery_min_interval;       /* seconds */
  guint connection_recovery_max_interval;       /* seconds */
  GTlsCertificateFlags tls_validation_flags;
  gchar *config;                /* the last JSON applied; may hold secrets */
  GError *config_error;         /* why that JSON was refused, if it was */

  /* Call. */
  gchar *target;
  gboolean auto_answer;
  JsSipMediaFlags media;
  gchar **extra_headers;        /* "Name: value" lines */
  gboolean anonymous;
  gchar *stun_server;
  gchar **turn_servers;
  gchar *audio_codecs;          /* preference order; NULL: all */
  gchar *video_codecs;
  gboolean single_call;
  guint latency;                /* ms */
  gchar *ice_addresses;         /* comma-separated; NULL: all interfaces */
  guint ice_gathering_timeout;  /* ms */
  gboolean decode;              /* jssipsrc only */
  GstStructure *data;           /* for the application */
} JsSipSettings;

#define JSSIP_SETTINGS_ERROR (jssip_settings_error_quark ())
GQuark jssip_settings_error_quark (void);

typedef enum
{
  JSSIP_SETTINGS_ERROR_INVALID,
} JsSipSettingsError;

/* Defaults from docs/elements.md. */
JsSipSettings *jssip_settings_new (void);
JsSipSettings *jssip_settings_copy (const JsSipSettings * settings);
void jssip_settings_free (JsSipSettings * settings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JsSipSettings, jssip_settings_free);

/* Checks that the settings can start a session. The error message starts
 * with "Invalid property '<name>': " naming the first property at fault,
 * and never quotes a secret. */
gboolean jssip_settings_validate (const JsSipSettings * settings,
    GError ** error);

/* The codec names audio-codecs / video-codecs take for @kind, as
 * "opus, g722, ...". */
gchar *jssip_settings_dup_codec_names (JsSipMediaFlags kind);

/* Values as the UA uses them, with docs/elements.md's derived defaults applied.
 * They expect validated settings. */
GstSipUri *jssip_settings_parse_uri (const JsSipSettings * settings,
    GError ** error);
gchar **jssip_settings_dup_servers (const JsSipSettings * settings);
gchar *jssip_settings_dup_authorization_user (const JsSipSettings * settings);
gchar *jssip_settings_dup_registrar_server (const JsSipSettings * settings);
gchar *jssip_settings_dup_instance_id (const JsSipSettings * settings);

/* A target as JsSIP's ua.call() takes it: a bare user name (the domain of
 * @local_uri is added), user@host, or a sip:, sips: or tel: URI. */
GstSipUri *jssip_settings_parse_target (const gchar * target,
    const gchar * local_uri, GError ** error);

G_END_DECLS

#endif
