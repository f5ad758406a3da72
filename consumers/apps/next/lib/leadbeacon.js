// The README's Next.js set-up: one handler for the endpoint and the cron job's drain. Creating it
// reads no option and opens nothing, so `next build` needs neither the secrets nor a database.
import { createFetchHandler } from '@leadbeacon/server';

export const leadbeacon = createFetchHandler({ serverless: true, trustProxy: true });
