import type { OutboxJob } from '../../ports/outbox.js';
import { fill, shortDateTime } from '../text.js';
import { Layout, type Viewer } from './layout.js';
import { outboxText } from '../outboxText.js';

export interface TroubledJob {
  job: OutboxJob;
  coachName: string;
  /** ISO start of the meeting, from the booking id. */
  start: string | undefined;
}

/** What a job's state says in words. */
function statusOf(job: OutboxJob): string {
  if (job.state === 'failed') {
    return outboxText.outcomes[job.outcome ?? ''] ?? outboxText.outcomes.gaveUp ?? '';
  }
  const reason = outboxText.errors[job.lastError ?? ''] ?? job.lastError ?? '';
  return `${reason} ${fill(outboxText.next, { at: shortDateTime(new Date(job.dueAt).toISOString()) })}`;
}

export function OutboxPage(props: { viewer: Viewer; items: TroubledJob[] }) {
  return (
    <Layout title={outboxText.title} viewer={props.viewer} current="/staff/agenda">
      <p>{outboxText.intro}</p>
      {props.items.length === 0 ? (
        <p>{outboxText.none}</p>
      ) : (
        <ol class="cards">
          {props.items.map(({ job, coachName, start }) => (
            <li class="card" key={`${job.pk}-${job.id}`}>
              <h2 class="h3">{outboxText.kinds[job.kind]}</h2>
              <dl class="facts">
                <dt>{outboxText.meeting}</dt>
                <dd>{start ? shortDateTime(start) : '–'}</dd>
                <dt>{outboxText.coach}</dt>
                <dd>{coachName}</dd>
                <dt>{outboxText.status}</dt>
                <dd>
                  {statusOf(job)} {fill(outboxText.tries, { count: job.attempts })}
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
