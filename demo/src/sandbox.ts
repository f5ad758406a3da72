import type { StoredLead } from '@leadbeacon/stand-in';

/** Renders the leads the stand-in received as a readable HTML table. Every value is escaped. */
export function renderSandbox(leads: readonly StoredLead[] | undefined, real: boolean): string {
  const body = real
    ? '<p>Real LeadTrackr credentials are set: leads go to LeadTrackr, see its dashboard.</p>'
    : leads && leads.length
      ? table(leads)
      : '<p class="empty">No leads yet. Send the <a href="/">contact form</a>.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="5"><title>Sandbox: leads received · leadbeacon demo</title>
<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/style.css"></head>
<body class="sandbox"><header><h1>Leads the LeadTrackr stand-in received</h1>
<p>Refreshes every 5 seconds. <a href="/">Back to the landing page</a></p></header>
<main>${body}</main></body></html>`;
}

function table(leads: readonly StoredLead[]): string {
  const rows = [...leads].reverse().map((lead) => `<tr>
<td>#${lead.leadId}<br><small>${esc(lead.writes > 1 ? `updated ${lead.writes - 1}×` : 'created')}</small></td>
<td>${esc(when(lead.createdAt))}</td>
<td>${list(lead.userData)}</td>
<td>${list(lead.attributionData)}${lead.channelFlow ? `<details><summary>channel flow</summary><pre>${esc(JSON.stringify(lead.channelFlow, null, 1))}</pre></details>` : ''}</td>
<td>${list(lead.formData)}</td>
<td>${list(lead.deviceData)}</td>
</tr>`);
  return `<table><thead><tr><th>Lead</th><th>When</th><th>Who</th><th>Attribution</th><th>Form</th><th>Device</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>`;
}

function list(record: Record<string, unknown>): string {
  const items = Object.entries(record).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(typeof v == 'string' ? v : JSON.stringify(v))}</dd>`);
  return items.length ? `<dl>${items.join('')}</dl>` : '<span class="none">none</span>';
}

function when(iso: string): string {
  return iso.replace('T', ' ').slice(0, 19) + ' UTC';
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
