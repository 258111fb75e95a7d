/**
 * `npm run load:moving`: what a turn costs when a conversation moves between instances, as it
 * does behind Azure Bot Service or WhatsApp with two instances (nothing ties a conversation to
 * one). Two Voordeur processes on one Cosmos server process, loopback only; residents book a
 * first meeting over Bot Framework `/api/messages` (ten messages each), with every message of a
 * round sent to one instance, to each in turn, or to either at random. Prints per round the
 * Cosmos requests (all of both instances: searches, bookings, outbox) and the CPU of both
 * processes per turn, from their `GET /metrics` and /proc. Rounds run in this order, so the
 * first round shows the memory at work before any conversation has moved.
 * `LOAD_RESIDENTS` sets residents per round (default 40).
 */
import { readFileSync } from 'node:fs';
import { bookFirstMeeting } from './bookingResident.js';
import { botFrameworkChat } from './chat.js';
import { hit, type Proc } from './processes.js';
import { postcodeOf, startStack } from './stack.js';

const residents = Number(process.env['LOAD_RESIDENTS'] ?? 40);
const rounds = ['one instance', 'each in turn', 'at random', 'one instance'] as const;
const WHEN = ['maandagochtend', 'dinsdagmiddag', 'woensdagochtend', 'donderdagmiddag'];
const TICK_MS = 10; // getconf CLK_TCK = 100

async function counter(proc: Proc, name: string): Promise<number> {
  const { text } = await hit(proc.base, 'GET', '/metrics', {});
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

function cpuMs(proc: Proc): number {
  const fields = readFileSync(`/proc/${proc.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function reading(instances: Proc[]) {
  let requests = 0;
  let turns = 0;
  let cpu = 0;
  for (const proc of instances) {
    requests += await counter(proc, 'voordeur_cosmos_requests_total');
    turns += await counter(proc, 'voordeur_turns_total');
    cpu += cpuMs(proc);
  }
  return { requests, turns, cpu };
}

/** The instance bases a conversation's messages go to, message by message. */
function routing(round: (typeof rounds)[number], a: string, b: string): readonly string[] {
  if (round === 'one instance') return [a];
  if (round === 'each in turn') return [a, b];
  // botFrameworkChat takes bases[turn % length]: any index answers either instance.
  return new Proxy([a, b], {
    get: (target, property, receiver) =>
      typeof property === 'string' && /^\d+$/.test(property)
        ? target[Math.random() < 0.5 ? 0 : 1]
        : Reflect.get(target, property, receiver),
  });
}

const stack = await startStack({ cosmosCoaches: residents * rounds.length, caldavCoaches: 1 });
const [a, b] = stack.instances as [Proc, Proc];
try {
  console.log(
    `two instances, one Cosmos process, ${residents} residents per round over Bot Framework (Node ${process.version})`,
  );
  console.log('messages to            turns   answered   Cosmos requests/turn   CPU ms/turn');
  for (const [n, round] of rounds.entries()) {
    const coaches = stack.coaches.cosmos.slice(n * residents, (n + 1) * residents);
    const before = await reading(stack.instances);
    const outcomes = await Promise.all(
      coaches.map(async (coachId, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 50));
        return bookFirstMeeting(botFrameworkChat(routing(round, a.base, b.base), 60_000), {
          postcode: postcodeOf(coachId),
          when: WHEN[i % WHEN.length]!,
          card: 0,
          thinkMs: 300,
          giveUpAt: performance.now() + 10 * 60_000,
        });
      }),
    );
    // The outbox writes each booking's calendar event after the turn: count it in.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const after = await reading(stack.instances);
    const turns = after.turns - before.turns;
    const answered = outcomes.reduce((sum, o) => sum + o.answered, 0);
    console.log(
      `${round.padEnd(20)} ${String(turns).padStart(7)} ${String(answered).padStart(10)} ${((after.requests - before.requests) / turns).toFixed(2).padStart(22)} ${((after.cpu - before.cpu) / turns).toFixed(2).padStart(13)}`,
    );
  }
} finally {
  await stack.close();
}
process.exit(0);
