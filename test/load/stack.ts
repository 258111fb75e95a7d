import { CosmosClient, type Container } from '@azure/cosmos';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getBasicAuthHeaders, makeCalendar } from 'tsdav';
import { startRadicale, type RunningRadicale } from '../adapters/caldav/radicale.js';
import { startFaultProxy, type FaultProxy } from './faultProxy.js';
import { endProcess, startCosmosProcess, startVoordeur, type Proc } from './processes.js';

/**
 * Two Voordeur processes (`src/index.ts`, as `npm start` runs it) on one Cosmos server process,
 * all on loopback: the shape of two App Service instances sharing Azure Cosmos DB. Coaches come
 * from a generated coaches file: `cosmosCoaches` keep their calendar in Voordeur (Cosmos DB),
 * `caldavCoaches` in Radicale behind a {@link FaultProxy} that can answer 503 for a while.
 * Each coach serves one postcode (see {@link postcodeOf}), so a resident's postcode picks the
 * coach whose times they are offered.
 */
export interface Stack {
  instances: Proc[];
  cosmos: { child: ChildProcess; endpoint: string; containers: Record<Container['id'], Container> };
  /** The CalDAV coaches' calendar server and its fault switch. */
  calendar: { proxy: FaultProxy; radicale: RunningRadicale; collectionOf(coachId: string): string };
  coaches: { cosmos: string[]; caldav: string[] };
  /** Error and warning log lines of both instances (ids and error types only, by design). */
  logLines: string[];
  close(): Promise<void>;
}

/** The postcode (digits) a coach serves: `load-a-3` → 1003, `load-c-3` → 2003. */
export function postcodeOf(coachId: string): number {
  const [, kind, n] = /^load-([ac])-(\d+)$/.exec(coachId) ?? [];
  return (kind === 'a' ? 1000 : 2000) + Number(n);
}

const template = (
  JSON.parse(
    readFileSync(new URL('../../infra/coaches.example.json', import.meta.url), 'utf8'),
  ) as {
    coaches: Record<string, unknown>[];
  }
).coaches[0]!;

function coach(id: string, calendar?: { provider: 'caldav'; url: string }) {
  const postcode = postcodeOf(id);
  const day = [
    { start: '09:00', end: '12:30' },
    { start: '13:00', end: '16:30' },
  ];
  return {
    ...template,
    id,
    name: `Coach ${id.slice(5)}`,
    intro: { nl: 'Ik ben een coach voor de belastingtest.' },
    languages: ['nl'],
    areas: { postcodes: [{ from: postcode, to: postcode }], places: [] },
    places: [
      {
        id: `${id}-huis`,
        name: `Buurthuis ${id.slice(5)}`,
        address: `Dorpsstraat 1, ${postcode} AA Proefdorp`,
        place: 'Proefdorp',
      },
    ],
    forms: ['location', 'walk', 'phone'],
    workingHours: { 1: day, 2: day, 3: day, 4: day, 5: day },
    meetingMinutes: 45,
    bufferMinutes: 15,
    caseloadCap: 200,
    caseload: 0,
    ...(calendar ? { calendar } : {}),
  };
}

export async function startStack(options: {
  cosmosCoaches: number;
  caldavCoaches: number;
}): Promise<Stack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vd-load-'));
  const radicale = await startRadicale();
  try {
    return await startOnRadicale(options, dir, radicale);
  } catch (error) {
    await radicale.stop();
    throw error;
  }
}

async function startOnRadicale(
  options: { cosmosCoaches: number; caldavCoaches: number },
  dir: string,
  radicale: RunningRadicale,
): Promise<Stack> {
  const cosmosProc = await startCosmosProcess();
  const proxy = await startFaultProxy(radicale.url);
  const collectionOf = (coachId: string) => `${radicale.username}/${coachId}/`;
  const ids = (kind: string, n: number) =>
    Array.from({ length: n }, (_, i) => `load-${kind}-${i + 1}`);
  const coaches = {
    cosmos: ids('a', options.cosmosCoaches),
    caldav: ids('c', options.caldavCoaches),
  };
  for (const id of coaches.caldav) {
    await makeCalendar({
      url: `${radicale.url}${collectionOf(id)}`,
      props: {},
      headers: getBasicAuthHeaders(radicale),
    });
  }
  const coachesFile = path.join(dir, 'coaches.json');
  await writeFile(
    coachesFile,
    JSON.stringify({
      coaches: [
        ...coaches.cosmos.map((id) => coach(id)),
        ...coaches.caldav.map((id) =>
          coach(id, { provider: 'caldav', url: `${proxy.url}${collectionOf(id)}` }),
        ),
      ],
    }),
  );
  const env = {
    COSMOS_ENDPOINT: cosmosProc.endpoint,
    COSMOS_KEY: cosmosProc.key,
    COACHES_FILE: coachesFile,
    CALDAV_USERNAME: radicale.username,
    CALDAV_PASSWORD: radicale.password,
    // The outbox looks again every second and backs off from one second: a test's minutes.
    OUTBOX_SWEEP_SECONDS: '1',
    OUTBOX_RETRY_BASE_SECONDS: '1',
    OUTBOX_RETRY_MAX_MINUTES: '1',
  };
  const logLines: string[] = [];
  const onLog = (line: string) => {
    if (logLines.length < 20_000) logLines.push(line);
  };
  // One after the other: the first creates the database and containers, the second finds them.
  const a = await startVoordeur('A', env, onLog);
  const b = await startVoordeur('B', env, onLog);
  const client = new CosmosClient({
    endpoint: cosmosProc.endpoint,
    key: cosmosProc.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const database = client.database('voordeur');
  const containers = Object.fromEntries(
    ['bookings', 'outbox', 'calendarEvents', 'conversations'].map((id) => [
      id,
      database.container(id),
    ]),
  );
  return {
    instances: [a, b],
    cosmos: { child: cosmosProc.child, endpoint: cosmosProc.endpoint, containers },
    calendar: { proxy, radicale, collectionOf },
    coaches,
    logLines,
    async close() {
      client.dispose();
      await Promise.all([endProcess(a.child), endProcess(b.child)]);
      await endProcess(cosmosProc.child);
      await proxy.close();
      await radicale.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
