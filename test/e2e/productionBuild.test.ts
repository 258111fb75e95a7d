import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { directLineChat, slotsOffered, type BotMessage } from '../load/chat.js';
import { endProcess, hit, startVoordeur, type Proc } from '../load/processes.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What `npm start` runs: the production build (`node build.mjs`, one bundle in dist/server/ with
 * the parts used later in chunks of their own), on its embedded defaults. The rest of the suite
 * runs the sources through tsx; this proves the bundle is the same Voordeur, including every part
 * it loads on first use: the embedded Cosmos server, the language detector, the holiday tables,
 * the Web Chat bundle, the staff pages.
 */
describe('the production build, as `npm start` runs it', function () {
  this.timeout(120_000);
  let voordeur: Proc | undefined;
  let base = '';

  before(async () => {
    execFileSync(process.execPath, ['build.mjs'], { cwd: root, stdio: 'pipe' });
    // No COSMOS_ENDPOINT: the embedded Cosmos server, as on a fresh clone.
    voordeur = await startVoordeur('voordeur', {}, undefined, { built: true });
    base = voordeur.base.replace(/\/$/, '');
  });
  after(async () => {
    if (voordeur) await endProcess(voordeur.child);
  });

  it('is one module to start, with its later parts split off and its sources mapped', () => {
    const meta = JSON.parse(readFileSync(`${root}dist/server/meta.json`, 'utf8')) as {
      outputs: Record<string, { entryPoint?: string; imports: { path: string; kind: string }[] }>;
    };
    const main = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === 'src/index.ts');
    expect(main, 'the app chunk').to.not.equal(undefined);
    const lazy = main![1].imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
    expect(lazy.join('\n'))
      .to.match(/closureDays/)
      .and.match(/caldavCalendar/);
    expect(existsSync(`${root}${main![0]}.map`)).to.equal(true);
  });

  it('answers its health checks and serves the chat page with Web Chat', async () => {
    expect((await hit(base, 'GET', '/readyz')).status).to.equal(200);
    const page = await hit(base, 'GET', '/');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('/webchat.js');
    const webChat = await fetch(`${base}/webchat.js`);
    expect(webChat.status).to.equal(200);
    expect((await webChat.text()).length).to.be.greaterThan(1_000_000);
  });

  it('hears a resident who writes in English and offers to go on in English', async () => {
    const chat = await directLineChat(base, '127.0.0.1', 15_000);
    const { replies } = await chat.say('Hello, I am looking for a job');
    expect(replies.map((r) => r.text).join(' ')).to.match(/English/);
  });

  it('plans a first meeting from a time the resident names, and books it with a calendar file', async () => {
    const chat = await directLineChat(base, '127.0.0.1', 15_000);
    let replies: BotMessage[] = (await chat.say('Ik zoek werk')).replies;
    for (let i = 0; i < 6 && slotsOffered(replies).length === 0; i++) {
      const asksWhen = replies.some((r) => /Wanneer komt het u goed uit/.test(r.text ?? ''));
      replies = (await chat.say(asksWhen ? 'dinsdagochtend' : 'Sla over')).replies;
    }
    const [slot] = slotsOffered(replies);
    expect(slot, replies.map((r) => r.text).join('\n')).to.not.equal(undefined);
    replies = (await chat.say('', slot)).replies;
    // Then how to meet, and maybe more choices: the first button each time.
    for (let i = 0; i < 4 && !replies.some((r) => /agenda van/.test(r.text ?? '')); i++) {
      const first = replies.flatMap((r) => r.suggestedActions?.actions ?? [])[0];
      expect(first, replies.map((r) => r.text).join('\n')).to.not.equal(undefined);
      replies = (await chat.say(first!.title, first!.value)).replies;
    }
    expect(replies.map((r) => r.text).join('\n')).to.match(/De afspraak komt in de agenda van/);
    const files = replies.flatMap((r) => r.attachments ?? []);
    expect(files.map((f) => f.contentType)).to.include('text/calendar');
  });

  it('shows the staff login page', async () => {
    const login = await hit(base, 'GET', '/staff/inloggen');
    expect(login.status).to.equal(200);
    expect(login.text).to.match(/<form/);
  });
});
