// Baseline 1: restify answering a JSON POST with nothing behind it.
import restify from 'restify';
import { announce } from './ipc.js';

const server = restify.createServer({ name: 'bare' });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (_req, res) => {
  res.send(200, {});
});
server.listen(0, '127.0.0.1', () => announce(server.address().port));
