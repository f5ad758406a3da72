// An Express 4 app in CommonJS: require() of the ES-module package (Node 22.12+ loads it synchronously).
const express = require('express');
const { createLeadRouter } = require('@leadbeacon/server/express');
const { createMetrics } = require('@leadbeacon/server');

const app = express();
const leads = createLeadRouter();
app.use('/leadbeacon', leads);
const metrics = createMetrics(leads);
app.get('/metrics', async (_req, res) => res.type(metrics.contentType).send(await metrics.render()));
const server = app.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.once('SIGTERM', () => server.close(() => leads.close()));
