/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipregistrator.h"

#include <stdlib.h>
#include <gst/sip/sipcauses.h>
#include <gst/sip/siprequest.h>

GST_DEBUG_CATEGORY_STATIC (jssip_registrator_debug);
#define GST_CAT_DEFAULT jssip_registrator_debug

struct _JsSipRegistrator
{
  JsSipUa *ua;
  gchar *registrar;
  gchar *instance_id;
  guint expires;                /* as requested; 423 may raise it */
  /* RFC 3261 §10.2: one Call-ID for all registrations of this UA, and a
   * CSeq that grows by one with each REGISTER. */
  gchar *call_id;
  guint32 cseq;
  gboolean registered;
  JsSipUaRequest *pending;
  gboolean pending_is_unregister;
  guint refresh_timer;
  GCallback unregister_done;
  gpointer unregister_done_data;
};

static const JsSipUaRequestCallbacks register_callbacks;

guint
jssip_registrator_refresh_delay (guint expires)
{
  /* Half the lifetime for short bindings, otherwise 30 s before the end:
   * room for a WebSocket round trip and a digest challenge. */
  if (expires <= 60)
    return MAX (expires / 2, 1);
  return expires - 30;
}

static void
emit (JsSipRegistrator * reg, const gchar * name,
    const GstSipMessage * response, const gchar * cause)
{
  GstStructure *s = gst_structure_new_empty (name);

  if (cause)
    gst_structure_set (s, "cause", G_TYPE_STRING, cause, NULL);
  if (response) {
    g_autofree gchar *text = gst_sip_message_to_string (response, NULL);

    gst_structure_set (s, "status-code", G_TYPE_UINT, response->status_code,
        "reason-phrase", G_TYPE_STRING, response->reason_phrase,
        "message", G_TYPE_STRING, text, NULL);
  }
  jssip_ua_emit_event (reg->ua, s);
}

static void
unregister_finished (JsSipRegistrator * reg)
{
  GCallback done = reg->unregister_done;

  reg->unregister_done = NULL;
  if (done)
    ((void (*)(gpointer)) done) (reg->unregister_done_data);
}

static GstSipMessage *
build_register (JsSipRegistrator * reg, guint expires)
{
  JsSipUa *ua = reg->ua;
  g_autofree gchar *from_tag = gst_sip_generate_tag ();
  GstSipMessage *msg;

  msg = gst_sip_request_new_initial (GST_SIP_METHOD_REGISTER, reg->registrar,
      jssip_ua_get_local_identity (ua), from_tag,
      jssip_ua_get_aor_string (ua), reg->call_id, ++reg->cseq);
  if (!msg)
    return NULL;
  jssip_ua_add_common_headers (ua, msg);
  /* RFC 5626 §4.2 outbound binding and RFC 5627 instance, with JsSIP's
   * +sip.ice feature tag (JsSIP 3.x). */
  gst_sip_message_add_header_printf (msg, GST_SIP_HEADER_CONTACT,
      "<%s>;+sip.ice;reg-id=1;+sip.instance=\"<urn:uuid:%s>\";expires=%u",
      jssip_ua_get_contact_uri (ua), reg->instance_id, expires);
  gst_sip_message_add_header_printf (msg, GST_SIP_HEADER_EXPIRES, "%u",
      expires);
  gst_sip_message_add_header (msg, GST_SIP_HEADER_SUPPORTED,
      "path,gruu,outbound");
  gst_sip_message_index (msg, NULL);
  return msg;
}

static void
send_register (JsSipRegistrator * reg, guint expires)
{
  GstSipMessage *msg = build_register (reg, expires);

  if (reg->pending)
    jssip_ua_request_abandon (reg->pending);
  reg->pending_is_unregister = expires == 0;
  reg->pending = msg ? jssip_ua_send_request (reg->ua, msg,
      &register_callbacks, reg) : NULL;
  if (!reg->pending)
    GST_WARNING ("could not send REGISTER to %s", reg->registrar);
}

static void
on_refresh_timer (gpointer user_data)
{
  JsSipRegistrator *reg = user_data;

  reg->refresh_timer = 0;
  send_register (reg, reg->expires);
}

/* The lifetime the registrar granted to OUR binding (RFC 3261 §10.2.4):
 * the expires parameter of our Contact in the 200, else its Expires. */
static guint
granted_expires (JsSipRegistrator * reg, const GstSipMessage * response)
{
  g_autoptr (GstSipUri) ours =
      gst_sip_uri_new_parse (jssip_ua_get_contact_uri (reg->ua), NULL);

  for (guint i = 0; ours && i < response->n_contacts; i++) {
    const GstSipNameAddr *contact = &response->contacts[i];
    const gchar *value = gst_sip_name_addr_get_param (contact, "expires");

    if (value && gst_sip_uri_equal (&contact->uri, ours))
      return strtoul (value, NULL, 10);
  }
  if (response->expires >= 0)
    return response->expires;
  return reg->expires;
}

static void
registered (JsSipRegistrator * reg, const GstSipMessage * response)
{
  guint expires = granted_expires (reg, response);
  const GstSipClock *clock = jssip_ua_get_clock (reg->ua);

  if (expires == 0) {
    /* A registrar that keeps no binding has not registered us. */
    reg->registered = FALSE;
    emit (reg, "jssip-ua-registration-failed", response,
        GST_SIP_CAUSE_SIP_FAILURE_CODE);
    return;
  }
  gst_sip_clock_clear_timeout (clock, &reg->refresh_timer);
  reg->refresh_timer = gst_sip_clock_add_timeout (clock,
      jssip_registrator_refresh_delay (expires) * 1000, on_refresh_timer, reg);
  GST_DEBUG ("registered for %u s", expires);
  /* JsSIP fires "registered" on the transition only, not on refreshes. */
  if (!reg->registered) {
    reg->registered = TRUE;
    emit (reg, "jssip-ua-registered", response, NULL);
  }
}

static void
failed (JsSipRegistrator * reg, const GstSipMessage * response,
    const gchar * cause)
{
  gst_sip_clock_clear_timeout (jssip_ua_get_clock (reg->ua),
      &reg->refresh_timer);
  if (reg->registered) {
    reg->registered = FALSE;
    emit (reg, "jssip-ua-unregistered", response, cause);
  }
  emit (reg, "jssip-ua-registration-failed", response, cause);
}

static void
on_register_response (JsSipUaRequest * request,
    const GstSipMessage * response, gboolean final, gpointer user_data)
{
  JsSipRegistrator *reg = user_data;
  gboolean unregister = reg->pending_is_unregister;
  const gchar *min_expires;

  if (!final)
    return;
  reg->pending = NULL;
  /* Our next REGISTER follows whatever the authentication retries used. */
  reg->cseq = MAX (reg->cseq, response->cseq);

  if (unregister) {
    reg->registered = FALSE;
    emit (reg, "jssip-ua-unregistered", response, NULL);
    unregister_finished (reg);
    return;
  }
  if (response->status_code < 300) {
    registered (reg, response);
    return;
  }
  /* RFC 3261 §10.2.8: 423 Interval Too Brief names the shortest lifetime
   * the registrar accepts; ask again with it. */
  min_expires = gst_sip_message_get_header (response,
      GST_SIP_HEADER_MIN_EXPIRES);
  if (response->status_code == 423 && min_expires
      && strtoul (min_expires, NULL, 10) > reg->expires) {
    reg->expires = strtoul (min_expires, NULL, 10);
    send_register (reg, reg->expires);
    return;
  }
  /* JsSIP: a 408 to a non-INVITE request is a transaction timeout. */
  failed (reg, response, response->status_code == 408 ?
      GST_SIP_CAUSE_REQUEST_TIMEOUT :
      gst_sip_cause_from_status (response->status_code));
}

static void
on_register_failed (JsSipUaRequest * request, const gchar * cause,
    gpointer user_data)
{
  JsSipRegistrator *reg = user_data;
  gboolean unregister = reg->pending_is_unregister;

  reg->pending = NULL;
  if (unregister) {
    reg->registered = FALSE;
    unregister_finished (reg);
    return;
  }
  failed (reg, NULL, cause);
}

static const JsSipUaRequestCallbacks register_callbacks = {
  on_register_response,
  on_register_failed,
};

JsSipRegistrator *
jssip_registrator_new (JsSipUa * ua, const gchar * registrar,
    const gchar * instance_id, guint expires)
{
  JsSipRegistrator *reg = g_new0 (JsSipRegistrator, 1);

  GST_DEBUG_CATEGORY_INIT (jssip_registrator_debug, "jssipregistrator", 0,
      "jssip registration");
  reg->ua = ua;
  reg->registrar = g_strdup (registrar);
  reg->instance_id = g_strdup (instance_id);
  reg->expires = expires;
  reg->call_id = gst_sip_generate_call_id (NULL);
  reg->cseq = gst_sip_generate_cseq ();
  return reg;
}

void
jssip_registrator_free (JsSipRegistrator * reg)
{
  if (!reg)
    return;
  gst_sip_clock_clear_timeout (jssip_ua_get_clock (reg->ua),
      &reg->refresh_timer);
  if (reg->pending)
    jssip_ua_request_abandon (reg->pending);
  g_free (reg->registrar);
  g_free (reg->instance_id);
  g_free (reg->call_id);
  g_free (reg);
}

void
jssip_registrator_register (JsSipRegistrator * reg)
{
  gst_sip_clock_clear_timeout (jssip_ua_get_clock (reg->ua),
      &reg->refresh_timer);
  send_register (reg, reg->expires);
}

void
jssip_registrator_unregister (JsSipRegistrator * reg, GCallback done,
    gpointer user_data)
{
  gst_sip_clock_clear_timeout (jssip_ua_get_clock (reg->ua),
      &reg->refresh_timer);
  reg->unregister_done = done;
  reg->unregister_done_data = user_data;
  if (!reg->registered && !reg->pending) {
    unregister_finished (reg);
    return;
  }
  send_register (reg, 0);
}

void
jssip_registrator_transport_lost (JsSipRegistrator * reg)
{
  gst_sip_clock_clear_timeout (jssip_ua_get_clock (reg->ua),
      &reg->refresh_timer);
  reg->pending = NULL;
  if (reg->registered) {
    reg->registered = FALSE;
    emit (reg, "jssip-ua-unregistered", NULL, GST_SIP_CAUSE_CONNECTION_ERROR);
  }
  unregister_finished (reg);
}

gboolean
jssip_registrator_is_registered (JsSipRegistrator * reg)
{
  return reg->registered;
}
