/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_CALL_ERROR_H__
#define __JSSIP_CALL_ERROR_H__

#include <glib.h>

G_BEGIN_DECLS

/* Why an action on a call was refused: shared by the call control that
 * the elements drive and the INVITE dialog that carries it out. */
#define JSSIP_CALL_ERROR (jssip_call_error_quark ())
GQuark jssip_call_error_quark (void);

typedef enum
{
  JSSIP_CALL_ERROR_NO_CALL,     /* no call to act on */
  JSSIP_CALL_ERROR_INVALID_STATE,       /* e.g. answer an outgoing call */
  JSSIP_CALL_ERROR_INVALID_ARGUMENT,    /* e.g. a malformed target */
  JSSIP_CALL_ERROR_NOT_SUPPORTED,       /* the call layer lacks the action */
  JSSIP_CALL_ERROR_FAILED,
} JsSipCallError;

G_END_DECLS

#endif
