import { leadbeacon } from '../../../lib/leadbeacon.js';

export const POST = (request) => leadbeacon(request);
export const OPTIONS = (request) => leadbeacon(request);
