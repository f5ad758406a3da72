// An Express 5 app in ES modules, as the README mounts the router; configured from the environment.
import express from 'express';
import { createLeadRouter } from '@leadbeacon/server/express';

const app = express();
app.use(express.json());
const leads = createLeadRouter({ trustProxy: 'loopback' });
app.use('/leadbeacon', leads);
const server = app.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.once('SIGTERM', () => server.close(() => leads.close()));
