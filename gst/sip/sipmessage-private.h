/* gst-jssip: SIP core (private)
 *
 * Internals shared by the message model, the parser and the indexer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_MESSAGE_PRIVATE_H__
#define __GST_SIP_MESSAGE_PRIVATE_H__

#include <gst/sip/sipmessage.h>

G_BEGIN_DECLS

/* An empty message whose structure lives in @arena, with room for
 * @header_slots entries. */
GstSipMessage *gst_sip_message_new_in_arena (GstSipArena * arena,
    guint header_slots);

/* Resets every structured view to "absent". */
void gst_sip_message_clear_views (GstSipMessage * msg);

G_END_DECLS

#endif
