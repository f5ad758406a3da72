import type { LeadEvents } from './events.js';
import type { Forwarder } from './forward.js';
import type { AcceptResult } from './handle.js';
import type { LeadTrackrLead } from './map-lead.js';

/**
 * Accepts a lead by delivering it at once, without an outbox: a failure reaches the browser,
 * which keeps the lead and sends it again.
 */
export function createDirectDelivery(forwarder: Forwarder, events: LeadEvents): (lead: LeadTrackrLead) => Promise<AcceptResult> {
  return async (lead) => {
    const uniqueEventId = lead.formData.uniqueEventId;
    try {
      const result = await forwarder.forward(lead);
      events.emit('delivered', { uniqueEventId, leadId: result.leadId, attempts: 1 });
      return { outcome: 'delivered', leadId: result.leadId };
    } catch (error) {
      const err = error as { code?: string; status?: number };
      events.emit('failed', { uniqueEventId, attempts: 1, code: err.code ?? 'LB_ERR_UNKNOWN', status: err.status, retryInMs: undefined });
      throw error;
    }
  };
}
