import type { CliIo } from './index.js';
import { openOutbox } from '../delivery/outbox/open.js';
import { resolveOptions, type ResolvedOptions } from '../options.js';
import type { Logger } from '../logger.js';
import { printable } from './printable.js';

const HELP = `Usage: leadbeacon doctor

Checks the configuration the way \`leadbeacon serve\` and the router read it (the environment:
LEADTRACKR_API_KEY, LEADTRACKR_PROJECT_ID or LEADTRACKR_PROJECT_IDS, LEADTRACKR_API_URL,
LEADBEACON_ALLOWED_ORIGINS, LEADBEACON_OUTBOX, …): that LeadTrackr accepts the API key (a read,
no lead is created), that the outbox is writable, the allowed origins, and the clock.
Exits 1 when a check fails, 0 otherwise (warnings included), for CI.
`;

/** How long a check may wait for LeadTrackr or the outbox. */
const CHECK_TIMEOUT_MS = 10_000;
/** LeadTrackr dates leads by its own clock; a skew past this shows up as wrong lead times. */
const MAX_CLOCK_SKEW_MS = 60_000;

type Verdict = 'ok' | 'warn' | 'fail';
interface Finding {
  verdict: Verdict;
  what: string;
  fix?: string;
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** `leadbeacon doctor`: what is wrong with this configuration, and how to fix it. */
export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  const findings: Finding[] = [];
  const report = (finding: Finding) => {
    findings.push(finding);
    const mark = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' }[finding.verdict];
    io.stdout(`${mark}  ${printable(finding.what)}\n${finding.fix ? `      fix: ${printable(finding.fix)}\n` : ''}`);
  };

  let options: ResolvedOptions;
  try {
    // The rate limit's store is left out: doctor sends no beacon, and a MemoryStore keeps a timer.
    options = resolveOptions({ logger: silent, rateLimit: false }, io.env);
  } catch (error) {
    report({ verdict: 'fail', what: `configuration: ${(error as Error).message}`, fix: 'set the variable it names (README, "Standalone server")' });
    return 1;
  }
  const projects = [...new Set([options.projectId, ...Object.values(options.projectIds)].filter(Boolean))];
  report({ verdict: 'ok', what: `configuration: LeadTrackr at ${options.apiUrl}, project${projects.length > 1 ? 's' : ''} ${projects.join(', ')}` });

  for (const projectId of projects) await checkKey(options, projectId, report);
  await checkOutbox(options.outboxPath, report);
  checkOrigins(options.allowedOrigins, report);

  return findings.some((f) => f.verdict === 'fail') ? 1 : 0;
}

/**
 * LeadTrackr's key-protected `GET /api/leads/getLeads` (../shared/reference/leadtrackr.md) tells
 * whether it accepts the key without creating a lead; its Date header tells the clock's skew.
 */
async function checkKey(options: ResolvedOptions, projectId: string, report: (f: Finding) => void): Promise<void> {
  const url = `${options.apiUrl}/api/leads/getLeads?projectId=${encodeURIComponent(projectId)}&limit=1`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { 'x-api-key': options.apiKey, accept: 'application/json' }, signal: AbortSignal.timeout(CHECK_TIMEOUT_MS), redirect: 'manual' });
    await res.body?.cancel();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    report({ verdict: 'fail', what: `LeadTrackr unreachable at ${options.apiUrl} (${cause})`, fix: 'check LEADTRACKR_API_URL and that this host may reach it (proxy, firewall, DNS)' });
    return;
  }
  const answer = `GET /api/leads/getLeads → ${res.status}`;
  if (res.ok) report({ verdict: 'ok', what: `API key accepted for project ${projectId} (${answer})` });
  else if (res.status === 401) report({ verdict: 'fail', what: `API key refused (${answer})`, fix: "set LEADTRACKR_API_KEY to the key in LeadTrackr's project settings" });
  else if (res.status === 403) report({ verdict: 'fail', what: `LeadTrackr refused the account (${answer})`, fix: 'the subscription is inactive, or the key has no access to this project' });
  else if (res.status === 404) report({ verdict: 'fail', what: `project ${projectId} not found (${answer})`, fix: 'check LEADTRACKR_PROJECT_ID (or LEADTRACKR_PROJECT_IDS)' });
  else if (res.status >= 300 && res.status < 400) report({ verdict: 'fail', what: `LeadTrackr redirects (${answer}) to ${res.headers.get('location') ?? 'nowhere'}`, fix: 'set LEADTRACKR_API_URL to the final address' });
  else report({ verdict: 'warn', what: `LeadTrackr answered ${answer}: the key could not be checked`, fix: 'try again later; leads wait in the outbox meanwhile' });

  const date = Date.parse(res.headers.get('date') ?? '');
  if (Number.isFinite(date)) {
    // The Date header has whole seconds: a skew under a minute is within what it can tell.
    const skewMs = Date.now() - date;
    if (Math.abs(skewMs) > MAX_CLOCK_SKEW_MS) {
      report({ verdict: 'warn', what: `this clock is ${Math.round(skewMs / 1000)} s ${skewMs > 0 ? 'ahead of' : 'behind'} LeadTrackr's`, fix: 'run an NTP client (chrony, systemd-timesyncd)' });
    } else {
      report({ verdict: 'ok', what: `clock within ${Math.round(MAX_CLOCK_SKEW_MS / 1000)} s of LeadTrackr's` });
    }
  }
}

/** The outbox's own write probe (a row stored and removed in one transaction), as /readyz uses it. */
async function checkOutbox(spec: string, report: (f: Finding) => void): Promise<void> {
  const where = spec.replace(/\/\/[^@/]*@/, '//***@');
  let outbox;
  try {
    outbox = openOutbox(spec);
    await withTimeout(outbox.probeWrite());
    report({ verdict: 'ok', what: `outbox writable (${where})` });
  } catch (error) {
    report({ verdict: 'fail', what: `outbox not writable (${where}): ${(error as Error).message}`, fix: 'LEADBEACON_OUTBOX must name a file in a writable folder, or a reachable postgres:// URL whose role may write its table' });
  } finally {
    await outbox?.close().catch(() => undefined);
  }
}

function checkOrigins(origins: string[], report: (f: Finding) => void): void {
  if (origins.length === 0) {
    report({ verdict: 'warn', what: "allowed origins: none set, so only the endpoint's own origin may send leads", fix: 'set LEADBEACON_ALLOWED_ORIGINS=https://www.example.com,… to the origins of the pages with the script' });
    return;
  }
  report({ verdict: 'ok', what: `allowed origins: ${origins.join(', ')}` });
  for (const origin of origins) {
    if (/^http:\/\//.test(origin) && !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|$)/.test(origin)) {
      report({ verdict: 'warn', what: `allowed origin ${origin} is plain http`, fix: 'serve the site over https and allow the https origin' });
    }
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
