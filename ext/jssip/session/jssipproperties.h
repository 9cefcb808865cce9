/* gst-jssip
 *
 * The session properties of docs/elements.md, described once in one table and
 * installed from it on the element classes. Each property reads and writes
 * a field of the session's JsSipSettings (or, read-only, its
 * JsSipCallInfo), which is why setting one on either element of a pair sets
 * it for both.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_PROPERTIES_H__
#define __JSSIP_PROPERTIES_H__

#include <gst/gst.h>

#include "jssipcallinfo.h"
#include "jssipsettings.h"

G_BEGIN_DECLS

typedef struct _JsSipProperty JsSipProperty;

typedef enum
{
  JSSIP_PROPERTY_SCOPE_SESSION, /* both jssipsrc and jssipsink */
  JSSIP_PROPERTY_SCOPE_SRC,     /* jssipsrc only */
} JsSipPropertyScope;

/* Installs the properties of @scope on @klass, with property ids counting
 * up from @first_id. Returns the id after the last one used. */
guint jssip_properties_install (GObjectClass * klass,
    JsSipPropertyScope scope, guint first_id);

/* The table entry behind a pspec installed above, or NULL for the
 * element's own properties. */
const JsSipProperty *jssip_property_from_pspec (GParamSpec * pspec);

const gchar *jssip_property_get_name (const JsSipProperty * property);
gboolean jssip_property_is_call_info (const JsSipProperty * property);

/* Not thread-safe: the session holds its lock around these. */
void jssip_property_set (const JsSipProperty * property,
    JsSipSettings * settings, const GValue * value);
void jssip_property_get (const JsSipProperty * property,
    const JsSipSettings * settings, const JsSipCallInfo * info,
    GValue * value);

/* For logs: the value as text, or "<redacted>" for the secrets. */
gchar *jssip_property_value_to_string (const JsSipProperty * property,
    const GValue * value);

/* For logs: every setting as "name=value" pairs, secrets redacted. */
gchar *jssip_properties_describe (const JsSipSettings * settings);

/* Moves settings made on a private session into the named session an
 * element joins: the config JSON and every field that differs from its
 * default. */
void jssip_properties_carry_over (JsSipSettings * dest,
    const JsSipSettings * src);

/* Calls @func with the name of every read-only property whose value
 * differs between @old_info and @new_info. */
void jssip_properties_foreach_changed (const JsSipCallInfo * old_info,
    const JsSipCallInfo * new_info, void (*func) (const gchar * name,
        gpointer user_data), gpointer user_data);

G_END_DECLS

#endif
