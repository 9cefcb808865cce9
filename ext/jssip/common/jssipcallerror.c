/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipcallerror.h"

G_DEFINE_QUARK (jssip_call_error_quark, jssip_call_error);
