/* gst-jssip
 *
 * SDP fixes for SIP peers, and reading the negotiated codec.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipsdp.h"

#include <stdlib.h>

/* The port webrtcbin writes into every m= line: the "discard" placeholder
 * that trickle ICE (RFC 8838) uses before any candidate is known. */
#define PLACEHOLDER_PORT 9

typedef struct
{
  gchar *address;
  guint port;
  guint64 rank;
} Candidate;

/* RFC 8445 section 5.1.4 recommends relayed, then server-reflexive, then
 * host candidates as the default; among equals, the highest priority. */
static guint
type_rank (const gchar * type)
{
  if (g_strcmp0 (type, "relay") == 0)
    return 3;
  if (g_strcmp0 (type, "srflx") == 0 || g_strcmp0 (type, "prflx") == 0)
    return 2;
  return 1;
}

/* "<foundation> <component> <transport> <priority> <address> <port> typ
 * <type> ..." (RFC 8839 section 5.1); only RTP (component 1) over UDP can
 * be a default candidate. */
static gboolean
parse_candidate (const gchar * value, Candidate * candidate)
{
  gchar **field = g_strsplit (value, " ", 9);
  gboolean usable = g_strv_length (field) >= 8
      && g_strcmp0 (field[1], "1") == 0
      && g_ascii_strcasecmp (field[2], "udp") == 0
      && g_strcmp0 (field[6], "typ") == 0;

  if (usable) {
    candidate->address = g_strdup (field[4]);
    candidate->port = strtoul (field[5], NULL, 10);
    candidate->rank = ((guint64) type_rank (field[7]) << 32)
        | strtoul (field[3], NULL, 10);
  }
  g_strfreev (field);
  return usable && candidate->port > 0;
}

static void
find_default_candidate (const GstSDPMedia * media, Candidate * best)
{
  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++) {
    const GstSDPAttribute *attr = gst_sdp_media_get_attribute (media, i);
    Candidate candidate = { NULL, 0, 0 };

    if (g_strcmp0 (attr->key, "candidate") != 0 || attr->value == NULL
        || !parse_candidate (attr->value, &candidate))
      continue;
    if (best->address == NULL || candidate.rank > best->rank) {
      g_free (best->address);
      *best = candidate;
    } else {
      g_free (candidate.address);
    }
  }
}

/* For flags such as a=inactive: their value is NULL or "", so
 * gst_sdp_media_get_attribute_val() cannot tell them from absent. */
static gboolean
has_attribute (const GstSDPMedia * media, const gchar * key)
{
  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++) {
    if (g_strcmp0 (gst_sdp_media_get_attribute (media, i)->key, key) == 0)
      return TRUE;
  }
  return FALSE;
}

gboolean
jssip_sdp_media_is_rejected (const GstSDPMedia * media)
{
  return gst_sdp_media_get_port (media) == 0
      && !has_attribute (media, "bundle-only");
}

static const gchar *
bundle_group (const GstSDPMessage * sdp)
{
  for (guint i = 0; i < gst_sdp_message_attributes_len (sdp); i++) {
    const GstSDPAttribute *attr = gst_sdp_message_get_attribute (sdp, i);

    if (g_strcmp0 (attr->key, "group") == 0 && attr->value != NULL
        && g_str_has_prefix (attr->value, "BUNDLE "))
      return attr->value;
  }
  return NULL;
}

gboolean
jssip_sdp_has_bundle (const GstSDPMessage * sdp)
{
  return bundle_group (sdp) != NULL;
}

static gint
media_index_by_mid (const GstSDPMessage * sdp, const gchar * mid)
{
  for (guint i = 0; i < gst_sdp_message_medias_len (sdp); i++) {
    const gchar *other = gst_sdp_media_get_attribute_val
        (gst_sdp_message_get_media (sdp, i), "mid");

    if (g_strcmp0 (other, mid) == 0)
      return i;
  }
  return -1;
}

/* RFC 8843 section 7: the sections of a BUNDLE group share the transport
 * of the first one (the tagged section). */
static const Candidate *
bundled_default (const GstSDPMessage * sdp, const GstSDPMedia * media,
    const Candidate * defaults)
{
  const gchar *group = bundle_group (sdp);
  const gchar *mid = gst_sdp_media_get_attribute_val (media, "mid");
  gchar **mids;
  const Candidate *found = NULL;

  if (group == NULL || mid == NULL)
    return NULL;
  mids = g_strsplit (group + strlen ("BUNDLE "), " ", -1);
  if (g_strv_contains ((const gchar * const *) mids, mid) && mids[0] != NULL) {
    gint tagged = media_index_by_mid (sdp, mids[0]);

    if (tagged >= 0 && defaults[tagged].address != NULL)
      found = &defaults[tagged];
  }
  g_strfreev (mids);
  return found;
}

static void
set_default_address (GstSDPMedia * media, const Candidate * candidate)
{
  const gchar *addrtype = strchr (candidate->address, ':') ? "IP6" : "IP4";

  while (gst_sdp_media_connections_len (media) > 0)
    gst_sdp_media_remove_connection (media, 0);
  gst_sdp_media_add_connection (media, "IN", addrtype, candidate->address,
      0, 0);
  gst_sdp_media_set_port_info (media, candidate->port,
      gst_sdp_media_get_num_ports (media));
}

/* Vanilla ICE sends every candidate in one SDP; "trickle" would invite the
 * peer to send more candidates in SIP INFO (RFC 8840), which we ignore. */
static void
drop_trickle_option (GstSDPMessage * sdp)
{
  for (guint i = 0; i < gst_sdp_message_attributes_len (sdp); i++) {
    const GstSDPAttribute *attr = gst_sdp_message_get_attribute (sdp, i);

    if (g_strcmp0 (attr->key, "ice-options") == 0
        && g_strcmp0 (attr->value, "trickle") == 0) {
      gst_sdp_message_remove_attribute (sdp, i);
      return;
    }
  }
}

void
jssip_sdp_prepare_for_sip (GstSDPMessage * sdp)
{
  guint n_medias = gst_sdp_message_medias_len (sdp);
  Candidate *defaults = g_new0 (Candidate, n_medias);

  drop_trickle_option (sdp);
  for (guint i = 0; i < n_medias; i++)
    find_default_candidate (gst_sdp_message_get_media (sdp, i), &defaults[i]);

  for (guint i = 0; i < n_medias; i++) {
    GstSDPMedia *media = (GstSDPMedia *) gst_sdp_message_get_media (sdp, i);
    const Candidate *candidate = defaults[i].address != NULL ?
        &defaults[i] : bundled_default (sdp, media, defaults);

    if (jssip_sdp_media_is_rejected (media))
      continue;
    /* Gathering is over (RFC 8840). The attribute's multiplexing category
     * is IDENTICAL, so bundled sections repeat it too. */
    if (!has_attribute (media, "end-of-candidates"))
      gst_sdp_media_add_attribute (media, "end-of-candidates", NULL);
    if (candidate != NULL && gst_sdp_media_get_port (media) == PLACEHOLDER_PORT)
      set_default_address (media, candidate);
  }

  for (guint i = 0; i < n_medias; i++)
    g_free (defaults[i].address);
  g_free (defaults);
}

JsSipMediaFlags
jssip_sdp_media_get_kind (const GstSDPMedia * media)
{
  const gchar *name = gst_sdp_media_get_media (media);

  if (g_strcmp0 (name, "audio") == 0)
    return JSSIP_MEDIA_AUDIO;
  if (g_strcmp0 (name, "video") == 0)
    return JSSIP_MEDIA_VIDEO;
  return 0;
}

const JsSipCodec *
jssip_sdp_media_get_codec (const GstSDPMedia * media, gint * payload)
{
  JsSipMediaFlags kind = jssip_sdp_media_get_kind (media);

  if (kind == 0 || jssip_sdp_media_is_rejected (media))
    return NULL;
  for (guint i = 0; i < gst_sdp_media_formats_len (media); i++) {
    gint pt = atoi (gst_sdp_media_get_format (media, i));
    GstCaps *caps = gst_sdp_media_get_caps_from_media (media, pt);
    const GstStructure *s;
    const gchar *encoding_name;
    gint clock_rate = 0;
    const JsSipCodec *codec = NULL;

    if (caps == NULL)
      continue;
    s = gst_caps_get_structure (caps, 0);
    encoding_name = gst_structure_get_string (s, "encoding-name");
    gst_structure_get_int (s, "clock-rate", &clock_rate);
    if (encoding_name != NULL)
      codec = jssip_codec_find (kind, encoding_name, clock_rate);
    gst_caps_unref (caps);
    if (codec != NULL) {
      *payload = pt;
      return codec;
    }
  }
  return NULL;
}

static GstCaps *
format_caps (const GstSDPMedia * media, gint payload)
{
  GstCaps *caps = gst_sdp_media_get_caps_from_media (media, payload);
  GstStructure *s;

  /* Named application/x-unknown by the SDP library. */
  if (caps == NULL)
    return NULL;
  caps = gst_caps_make_writable (caps);
  s = gst_caps_get_structure (caps, 0);
  gst_structure_set_name (s, "application/x-rtp");
  gst_structure_set (s, "media", G_TYPE_STRING,
      gst_sdp_media_get_media (media), NULL);
  return caps;
}

GstCaps *
jssip_sdp_media_get_format_caps (const GstSDPMedia * media, guint index)
{
  if (index >= gst_sdp_media_formats_len (media))
    return NULL;
  return format_caps (media, atoi (gst_sdp_media_get_format (media, index)));
}

gboolean
jssip_sdp_media_offers_codec (const GstSDPMedia * media,
    const JsSipCodec * codec)
{
  GstCaps *ours = jssip_codec_to_caps (codec, FALSE);
  gboolean found = FALSE;

  for (guint i = 0; !found && i < gst_sdp_media_formats_len (media); i++) {
    GstCaps *theirs = jssip_sdp_media_get_format_caps (media, i);

    found = theirs != NULL && gst_caps_can_intersect (ours, theirs);
    gst_clear_caps (&theirs);
  }
  gst_caps_unref (ours);
  return found;
}

const GstSDPMedia *
jssip_sdp_find_media (const GstSDPMessage * sdp, JsSipMediaFlags kind)
{
  for (guint i = 0; i < gst_sdp_message_medias_len (sdp); i++) {
    const GstSDPMedia *media = gst_sdp_message_get_media (sdp, i);

    if (jssip_sdp_media_get_kind (media) == kind)
      return media;
  }
  return NULL;
}

gboolean
jssip_sdp_media_lets_us_send (const GstSDPMedia * media, gboolean ours)
{
  const gchar *author_receives_only = ours ? "recvonly" : "sendonly";

  if (jssip_sdp_media_is_rejected (media)
      || has_attribute (media, "inactive"))
    return FALSE;
  return !has_attribute (media, author_receives_only);
}
