/* gst-jssip
 *
 * The `config` property: a JSON object with JsSIP's UA configuration keys
 * (JsSIP 3.x Config.js spelling), so that a JsSIP configuration can be
 * pasted as it is.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_CONFIG_H__
#define __JSSIP_CONFIG_H__

#include "jssipsettings.h"

G_BEGIN_DECLS

/* Applies every key of the JSON object @json to @settings, or none of them:
 * an unknown key or a value of the wrong type fails with a message naming
 * the key (never quoting a value, which may be a password). */
gboolean jssip_config_apply (JsSipSettings * settings, const gchar * json,
    GError ** error);

/* What setting the `config` property does: keeps @json, applies it, and
 * records in settings->config_error why it was refused, for the state
 * change to report. NULL clears the config (the keys it set stay). */
void jssip_config_set (JsSipSettings * settings, const gchar * json);

/* Copies the config JSON of @src, and why it was refused, without applying
 * it to @dest. */
void jssip_config_copy (JsSipSettings * dest, const JsSipSettings * src);

G_END_DECLS

#endif
