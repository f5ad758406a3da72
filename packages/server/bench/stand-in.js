// LeadTrackr's stand-in in a process of its own, as the real API is on another machine.
import { createStandIn } from '@leadbeacon/stand-in';

const standIn = createStandIn({ projectId: 'bench-project' });
const apiUrl = await standIn.listen();
process.send({ apiUrl, apiKey: standIn.apiKey });
process.on('message', async (message) => {
  if (message !== 'stop') return;
  process.send({ leads: standIn.leads.length });
  await standIn.close();
  process.exit(0);
});
