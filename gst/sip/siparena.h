/* gst-jssip: SIP core
 *
 * A bump allocator that owns every string and structure of one parsed or
 * built SIP message, so that a message is freed in one go and parsing does
 * not pay one malloc per token.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_ARENA_H__
#define __GST_SIP_ARENA_H__

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GstSipArena GstSipArena;

GstSipArena *gst_sip_arena_new (gsize first_block_size);
void gst_sip_arena_free (GstSipArena * arena);

/* Memory aligned for any structure, zero-filled, valid until the arena is freed. */
gpointer gst_sip_arena_alloc0 (GstSipArena * arena, gsize size);
/* Same, not zero-filled (for buffers the caller fills at once). */
gpointer gst_sip_arena_alloc (GstSipArena * arena, gsize size);

/* NUL-terminated copies; gst_sip_arena_strndup() copies exactly @len bytes. */
gchar *gst_sip_arena_strndup (GstSipArena * arena, const gchar * str, gsize len);
gchar *gst_sip_arena_strdup (GstSipArena * arena, const gchar * str);
gchar *gst_sip_arena_printf (GstSipArena * arena, const gchar * format, ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS

#endif
