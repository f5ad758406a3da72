import { createDefaultLogger, type Logger } from './logger.js';

/** Options of `createLeadRouter`. Each falls back to its environment variable, then its default. */
export interface LeadRouterOptions {
  /** LeadTrackr API key, sent as X-API-Key. Never reaches the browser. @default process.env.LEADTRACKR_API_KEY */
  apiKey?: string;
  /** LeadTrackr project id. @default process.env.LEADTRACKR_PROJECT_ID */
  projectId?: string;
  /** LeadTrackr base URL. @default process.env.LEADTRACKR_API_URL ?? 'https://app.leadtrackr.io' */
  apiUrl?: string;
  /**
   * Origins allowed to send beacons, exact (`https://www.example.com`).
   * @default process.env.LEADBEACON_ALLOWED_ORIGINS split on commas; when that is empty too, only
   * the endpoint's own origin
   */
  allowedOrigins?: string[];
  /** How long one call to LeadTrackr may take. @default 10_000 */
  timeoutMs?: number;
  /** Where log lines go; pino-compatible. @default a pino logger to stdout */
  logger?: Logger;
}

export interface ResolvedOptions {
  apiKey: string;
  projectId: string;
  apiUrl: string;
  allowedOrigins: string[];
  timeoutMs: number;
  logger: Logger;
}

type Env = Record<string, string | undefined>;

/** Resolves options once, at creation; throws a TypeError naming the bad option. */
export function resolveOptions(options: LeadRouterOptions = {}, env: Env = process.env): ResolvedOptions {
  const apiKey = options.apiKey ?? env.LEADTRACKR_API_KEY ?? '';
  const projectId = options.projectId ?? env.LEADTRACKR_PROJECT_ID ?? '';
  const apiUrl = (options.apiUrl ?? (env.LEADTRACKR_API_URL || 'https://app.leadtrackr.io')).replace(/\/+$/, '');
  const allowedOrigins = options.allowedOrigins ?? splitList(env.LEADBEACON_ALLOWED_ORIGINS);
  const timeoutMs = options.timeoutMs ?? 10_000;

  if (!apiKey) throw new TypeError('Expected `apiKey` (or LEADTRACKR_API_KEY) to be a non-empty string');
  if (!projectId) throw new TypeError('Expected `projectId` (or LEADTRACKR_PROJECT_ID) to be a non-empty string');
  if (!URL.canParse(apiUrl) || !/^https?:$/.test(new URL(apiUrl).protocol)) {
    throw new TypeError(`Expected \`apiUrl\` to be an http(s) URL, got ${JSON.stringify(apiUrl)}`);
  }
  for (const origin of allowedOrigins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new TypeError(`Expected \`allowedOrigins\` to hold origins like "https://www.example.com", got ${JSON.stringify(origin)}`);
    }
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TypeError('Expected `timeoutMs` to be a positive number');

  return { apiKey, projectId, apiUrl, allowedOrigins, timeoutMs, logger: options.logger ?? createDefaultLogger() };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
