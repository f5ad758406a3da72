/*
 * The debug view, a script of its own that the main script loads only on demand
 * (`?leadbeacon_debug` in the page URL, or `leadbeacon('debug')`): what the visit has captured,
 * what the next lead would carry, which forms are captured or skipped and why, and warnings.
 * Nothing here ships in leadbeacon.js. It reads the page through the same modules the main
 * script uses, so what it says is what the script does.
 */
import { readConfig, type Config } from '../config';
import { pickFields } from '../pick-fields';
import { readForm } from '../read-form';
import { skipReason } from '../select-form';
import { describeSkip, formVerdict, warningsFor, type DebugReport, type EndpointCheck } from './report';

type Api = (name: string, ...args: unknown[]) => unknown;
const win = window as Window & { leadbeacon?: Api; leadbeaconDebug?: Promise<DebugReport> };

/** The leadbeacon script tag: the one with data-endpoint, else the one loading leadbeacon.js. */
function scriptTag(): Element | null {
  return document.querySelector('script[data-endpoint]') || document.querySelector('script[src*="leadbeacon"]');
}

/**
 * Asks the endpoint whether it answers and whether it takes leads from this origin: it answers a
 * GET to anyone (with `Access-Control-Allow-Origin: *`), saying only that.
 */
async function checkEndpoint(endpoint: string): Promise<EndpointCheck | undefined> {
  if (!endpoint) return undefined;
  try {
    const res = await fetch(endpoint, { method: 'GET', credentials: 'omit', cache: 'no-store' });
    const body = (await res.json().catch(() => ({}))) as { originAllowed?: unknown };
    return { reachable: true, originAllowed: body.originAllowed !== false };
  } catch {
    return { reachable: false };
  }
}

function label(form: HTMLFormElement, index: number): string {
  const attr = (name: string) => HTMLFormElement.prototype.getAttribute.call(form, name);
  return attr('data-lb-form-name') || attr('name') || (attr('id') ? `#${attr('id')}` : `form ${index + 1}`);
}

async function buildReport(config: Config): Promise<DebugReport> {
  const api = typeof win.leadbeacon == 'function' ? win.leadbeacon : undefined;
  const attribution = api ? (api('getAttribution') as { attributionData?: { consent?: Record<string, string> } } | undefined) : undefined;
  const forms = [...document.querySelectorAll('form')].map((form, i) => {
    const skip = skipReason(form, config);
    const read = skip ? [] : readForm(form);
    return formVerdict(label(form, i), describeSkip(skip, config), read, skip ? [] : pickFields(read, config.honeypot).fields);
  });
  const warnings = warningsFor({
    config,
    check: await checkEndpoint(config.endpoint),
    origin: location.origin,
    params: new URLSearchParams(location.search),
    consent: attribution?.attributionData?.consent,
  });
  if (!api) warnings.unshift('window.leadbeacon is missing: the main script did not run (blocked, or loaded after this page broke it).');
  return { endpoint: config.endpoint, attribution: attribution ?? null, forms, warnings };
}

/** A panel in a shadow root, so the page's styles neither break it nor are broken by it. Text only. */
function render(report: DebugReport): void {
  const host = document.createElement('leadbeacon-debug');
  const root = host.attachShadow({ mode: 'open' });
  const el = (tag: string, text?: string, className?: string) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };
  const style = el('style');
  style.textContent = `:host{all:initial}.panel{position:fixed;z-index:2147483647;right:12px;bottom:12px;width:min(420px,calc(100vw - 24px));max-height:70vh;overflow:auto;background:#fff;color:#1d2733;font:13px/1.4 system-ui,sans-serif;border-radius:10px;box-shadow:0 4px 24px #0004;padding:12px}h2{font-size:14px;margin:0 0 8px}h3{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:#5b6b7c;margin:12px 0 4px}ul{margin:0;padding-left:18px}.warn{color:#8a1c1c}.ok{color:#17603a}pre{white-space:pre-wrap;overflow-wrap:break-word;font-size:11px;margin:0;background:#f6f8fa;padding:6px;border-radius:6px}button{position:absolute;top:8px;right:8px;border:0;background:none;font-size:16px;cursor:pointer}`;
  const panel = el('div', undefined, 'panel');
  const close = el('button', '×');
  close.setAttribute('aria-label', 'Close the leadbeacon debug view');
  close.addEventListener('click', () => host.remove());
  panel.append(close, el('h2', 'leadbeacon debug view'));

  panel.append(el('h3', 'Warnings'));
  const warnings = el('ul');
  for (const warning of report.warnings) warnings.append(el('li', warning, 'warn'));
  if (!report.warnings.length) warnings.append(el('li', 'none', 'ok'));
  panel.append(warnings);

  panel.append(el('h3', 'Forms on this page'));
  const forms = el('ul');
  for (const form of report.forms) {
    const line = `${form.label}: ${form.reason}${form.sent.length ? `; sends ${form.sent.join(', ')}` : ''}${form.kept ? `; keeps ${form.kept} field(s) on the page` : ''}`;
    forms.append(el('li', line, form.captured ? 'ok' : undefined));
  }
  if (!report.forms.length) forms.append(el('li', 'no <form> on this page (the JS API can still send leads)'));
  panel.append(forms);

  panel.append(el('h3', 'The next lead would carry'), el('pre', JSON.stringify(report.attribution, null, 2)));
  root.append(style, panel);
  document.body.append(host);
}

const tag = scriptTag();
const config = readConfig((name) => (tag ? tag.getAttribute(name) : null));
win.leadbeaconDebug = buildReport(config).then((report) => {
  render(report);
  return report;
});
