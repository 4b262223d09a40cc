// A bare botbuilder CloudAdapter echo bot (no credentials: the emulator's unauthenticated mode, as
// Actionbot's TEAMS_EMULATOR), the floor the Teams latency bench compares Actionbot with. Plain
// JavaScript, run by node itself (no loader), like the built Actionbot it is compared with.
import http from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const invoked = await adapter.processActivity(
        req.headers.authorization ?? '',
        activity,
        async (context) => {
          if (context.activity.type === 'message')
            await context.sendActivity(`echo: ${context.activity.text}`);
        },
      );
      res.writeHead(invoked?.status ?? 200).end();
    } catch (error) {
      process.stderr.write(`${error}\n`);
      res.writeHead(500).end();
    }
  });
});
server.listen(Number(process.env.PORT ?? 3978), process.env.HOST ?? '127.0.0.1', () =>
  process.stderr.write('ready\n'),
);
// Exits on SIGTERM as Actionbot does, so a CPU profile (--cpu-prof) is written.
process.on('SIGTERM', () => process.exit(0));
