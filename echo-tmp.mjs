const t0 = performance.now();
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = await import('botbuilder');
const restify = (await import('restify')).default;
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer({ name: 'echo' });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => { await adapter.process(req, res, (c) => c.sendActivity('x')); });
server.listen(0, '127.0.0.1', () => { console.error('total', (performance.now()-t0).toFixed(0), 'boot', t0.toFixed(0)); process.exit(0); });
