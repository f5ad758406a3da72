import { createHash } from 'node:crypto';

/*
 * The lead inspector's page: static HTML, CSS and one script that polls `leads.json` and builds
 * the list with textContent only, so every value is shown as text whatever it holds. A refresh
 * that brings nothing new changes nothing; one that does keeps every opened section open.
 */

const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1d2733; background: #f6f8fa; line-height: 1.4; }
body { margin: 0; }
header, main { max-width: 1100px; margin: auto; padding: 1rem; }
h1 { font-size: 1.25rem; margin: 0 0 .25rem; }
header p { margin: 0; color: #5b6b7c; font-size: .9rem; }
/* Break only what cannot fit (an id, a URL), never a name between its letters. */
main, pre, dd { overflow-wrap: break-word; word-break: normal; hyphens: manual; }
.lead { background: #fff; border-radius: 10px; box-shadow: 0 1px 6px #0002; margin: 0 0 .75rem; }
.lead > summary { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: baseline; padding: .75rem 1rem; cursor: pointer; list-style: none; }
.lead > summary::-webkit-details-marker { display: none; }
.lead > summary::before { content: '▸'; color: #8593a3; }
.lead[open] > summary::before { content: '▾'; }
.who { font-weight: 600; }
.when, .meta { color: #5b6b7c; font-size: .85rem; }
.state { font-size: .75rem; font-weight: 600; padding: .1rem .5rem; border-radius: 999px; background: #eef2f6; }
.state.delivered { background: #d9f2e3; color: #17603a; }
.state.pending { background: #fff1cc; color: #7a5200; }
.state.dead { background: #fde0e0; color: #8a1c1c; }
.body { padding: 0 1rem 1rem; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); }
section h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #5b6b7c; margin: 0 0 .4rem; }
dl { margin: 0; display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: .15rem .75rem; font-size: .9rem; }
dt { color: #5b6b7c; }
dd { margin: 0; min-width: 0; }
ol.flow { margin: 0; padding-left: 1.2rem; font-size: .9rem; }
ol.flow li { margin-bottom: .4rem; }
ol.flow .ch { font-weight: 600; }
.wide { grid-column: 1 / -1; }
.raw { display: grid; gap: .75rem; align-items: start; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); }
.raw details { background: #f6f8fa; border-radius: 6px; padding: .4rem .6rem; }
pre { font-size: .75rem; white-space: pre-wrap; margin: .4rem 0 0; }
.none, .empty { color: #8593a3; }
@media (max-width: 480px) { header, main { padding: .75rem; } dl { grid-template-columns: 1fr; } dt { margin-top: .3rem; } }
`;

const SCRIPT = `
(() => {
  const list = document.getElementById('leads');
  const status = document.getElementById('status');
  // The page answers with and without a trailing slash; its data is always one level below it.
  const here = location.pathname;
  const source = here + (here.endsWith('/') ? '' : '/') + 'leads.json' + location.search;
  let last = '';

  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) if (child != null) node.append(child);
    return node;
  };
  const text = (value) => (value == null || value === '' ? '' : typeof value == 'string' ? value : JSON.stringify(value));
  const dateOf = (ms) => (typeof ms == 'number' && isFinite(ms) ? new Date(ms).toLocaleString() : '');
  const ago = (ms, now) => {
    const s = Math.round((now - ms) / 1000);
    return s < 60 ? s + ' s ago' : s < 3600 ? Math.round(s / 60) + ' min ago' : s < 86400 ? Math.round(s / 3600) + ' h ago' : Math.round(s / 86400) + ' d ago';
  };
  const pairs = (record, skip) => {
    const entries = Object.entries(record || {}).filter(([key, value]) => !(skip || []).includes(key) && text(value) !== '');
    if (!entries.length) return el('p', { className: 'none', textContent: 'none' });
    return el('dl', {}, ...entries.flatMap(([key, value]) => [el('dt', { textContent: key }), el('dd', { textContent: text(value) })]));
  };
  const section = (title, content, wide) => {
    const node = el('section', { className: wide ? 'wide' : '' }, el('h2', { textContent: title }), content);
    node.dataset.section = title.toLowerCase();
    return node;
  };

  function flowOf(lead) {
    let flow = lead.channelFlow;
    if (typeof flow == 'string') {
      try { flow = JSON.parse(flow); } catch { return el('p', { className: 'none', textContent: flow }); }
    }
    if (!Array.isArray(flow) || !flow.length) return el('p', { className: 'none', textContent: 'no channel flow' });
    return el('ol', { className: 'flow' }, ...flow.map((entry) => {
      const ch = (entry && (entry.ch || entry.channel)) || {};
      const sm = [ch.s || ch.source || '(not set)', ch.m || ch.medium || '(not set)'].join(' / ');
      const campaign = ch.cm || ch.campaign;
      const time = entry && (entry.t ?? entry.timestamp);
      return el('li', {},
        el('span', { className: 'ch', textContent: sm }),
        campaign ? el('span', { textContent: ' · campaign ' + campaign }) : null,
        el('br'),
        el('span', { className: 'meta', textContent: [dateOf(typeof time == 'number' ? time : Date.parse(time)), entry && entry.lp ? 'landed on ' + entry.lp : ''].filter(Boolean).join(' · ') }));
    }));
  }

  function deliveryOf(row, now) {
    if (!row) return el('p', { className: 'none', textContent: 'not in the outbox (purged, or stored by another instance)' });
    return pairs({
      state: row.status,
      attempts: row.attempts,
      'next try': row.status == 'pending' && row.nextAttemptAt ? dateOf(row.nextAttemptAt) + ' (' + ago(row.nextAttemptAt, now).replace(' ago', '') + (row.nextAttemptAt > now ? ' from now)' : ' ago)') : '',
      leadId: row.leadId,
      'last error': row.lastError,
      finished: row.finishedAt ? dateOf(row.finishedAt) : '',
    });
  }

  function card(entry, now) {
    const lead = entry.lead || {};
    const user = lead.userData || {};
    const who = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email || user.phone || 'no name';
    const state = entry.delivery ? entry.delivery.status : 'unknown';
    const attribution = lead.attributionData || {};
    return el('details', { className: 'lead', id: 'lead-' + entry.uniqueEventId },
      el('summary', {},
        el('span', { className: 'who', textContent: who }),
        user.email && who != user.email ? el('span', { className: 'meta', textContent: user.email }) : null,
        el('span', { className: 'state ' + state, textContent: state }),
        el('span', { className: 'when', textContent: dateOf(entry.receivedAt) + ' · ' + ago(entry.receivedAt, now) }),
        el('span', { className: 'meta', textContent: text((lead.formData || {}).formName) })),
      el('div', { className: 'body' },
        section('Who', pairs(user)),
        section('Delivery', deliveryOf(entry.delivery, now)),
        section('Channel flow', flowOf(lead)),
        section('Ids', pairs(attribution, ['consent', 'conversionPage'])),
        section('Page and consent', pairs({ conversionPage: attribution.conversionPage, origin: entry.origin, ...(attribution.consent || {}) })),
        section('Device', pairs(lead.deviceData)),
        section('Form', pairs(lead.formData, ['uniqueEventId'])),
        section('Raw', el('div', { className: 'raw' },
          el('details', { id: 'sent-' + entry.uniqueEventId }, el('summary', { textContent: 'What the browser sent' }), el('pre', { textContent: JSON.stringify(entry.sent, null, 2) })),
          el('details', { id: 'lead-body-' + entry.uniqueEventId }, el('summary', { textContent: 'What went to LeadTrackr' }), el('pre', { textContent: JSON.stringify(lead, null, 2) }))), true)));
  }

  async function refresh() {
    try {
      const res = await fetch(source, { cache: 'no-store' });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      const body = await res.text();
      status.textContent = 'Updated ' + new Date().toLocaleTimeString() + '; refreshes every 3 seconds.';
      if (body == last) return;
      last = body;
      const data = JSON.parse(body);
      // Rebuilt from the data, then every section that was open is opened again.
      const open = new Set([...list.querySelectorAll('details[open]')].map((d) => d.id));
      if (!data.leads.length) list.replaceChildren(el('p', { className: 'empty', textContent: 'No leads yet: send a form on a page with the script.' }));
      else list.replaceChildren(...data.leads.map((entry) => card(entry, data.now)));
      for (const id of open) { const d = document.getElementById(id); if (d) d.open = true; }
    } catch (error) {
      status.textContent = 'Could not load the leads (' + error.message + '); trying again.';
    }
  }
  refresh();
  setInterval(refresh, 3000);
})();
`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Only this page's own script and style run, whatever a lead holds. */
export const INSPECTOR_CSP = `default-src 'none'; script-src ${hash(SCRIPT)}; style-src ${hash(STYLE)}; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

export const INSPECTOR_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>Leads · leadbeacon inspector</title><style>${STYLE}</style></head>
<body><header><h1>Leads this endpoint received</h1><p id="status">Loading…</p></header>
<main id="leads"></main><script>${SCRIPT}</script></body></html>
`;
