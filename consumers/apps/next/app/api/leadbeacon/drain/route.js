import { leadbeacon } from '../../../../lib/leadbeacon.js';

// Called by a cron job (vercel.json `crons`) with `Authorization: Bearer $CRON_SECRET`.
export const GET = (request) => leadbeacon.drain(request);
