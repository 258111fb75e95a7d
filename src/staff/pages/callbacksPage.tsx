import type { CallbackWork } from '../../ports/callbackWork.js';
import type { CallbackRequest } from '../../ports/callbacks.js';
import { channelName, fill, languageName, shortDateTime, text } from '../text.js';
import { Csrf, Layout, type Viewer } from './layout.js';

export interface QueueItem {
  request: CallbackRequest;
  work: CallbackWork | undefined;
}

function stateOf(item: QueueItem, viewerId: string): string {
  const { work } = item;
  if (!work) return text.callbacks.open;
  if (work.state === 'claimed') {
    return work.by === viewerId
      ? text.callbackStates.claimed
      : fill(text.callbacks.claimedBy, { name: work.byName });
  }
  return text.callbackStates[work.state];
}

export function CallbacksPage(props: {
  viewer: Viewer;
  viewerId: string;
  items: QueueItem[];
  taken: string | undefined;
}) {
  return (
    <Layout title={text.callbacks.title} viewer={props.viewer} current="/staff/terugbellen">
      <p>{text.callbacks.intro}</p>
      {props.taken && (
        <p class="notice error" role="alert">
          {text.callbacks.taken}
        </p>
      )}
      {props.items.length === 0 ? (
        <p>{text.callbacks.none}</p>
      ) : (
        <ol class="cards">
          {props.items.map((item) => {
            const { request, work } = item;
            const mine = work?.state === 'claimed' && work.by === props.viewerId;
            const othersClaim = work?.state === 'claimed' && !mine;
            const headingId = `verzoek-${request.id}`;
            return (
              <li class="card" key={request.id} id={`terugbellen-${request.id}`}>
                <h2 id={headingId} class="h3">
                  {request.phone}
                </h2>
                <dl class="facts">
                  <dt>{text.callbacks.requested}</dt>
                  <dd>{shortDateTime(request.createdAt)}</dd>
                  <dt>{text.callbacks.when}</dt>
                  <dd>{request.preferredTimes ?? text.callbacks.anyTime}</dd>
                  <dt>{text.callbacks.language}</dt>
                  <dd>
                    {languageName(request.language)} · {channelName(request.channel)}
                  </dd>
                  <dt>{text.callbacks.consent}</dt>
                  <dd>{shortDateTime(request.consentAt)}</dd>
                  <dt>{text.callbacks.state}</dt>
                  <dd>{stateOf(item, props.viewerId)}</dd>
                  {work && work.attempts > 0 && (
                    <>
                      <dt>{text.callbacks.attempts}</dt>
                      <dd>{work.attempts}×</dd>
                    </>
                  )}
                </dl>
                {!othersClaim && (
                  <form
                    method="post"
                    action={`/staff/terugbellen/${encodeURIComponent(request.id)}`}
                    class="actions"
                  >
                    <Csrf token={props.viewer.csrf} />
                    {!mine && (
                      <button type="submit" name="actie" value="claim">
                        {text.callbacks.claim}
                      </button>
                    )}
                    <button type="submit" name="actie" value="done">
                      {text.callbacks.done}
                    </button>
                    <button type="submit" name="actie" value="unreachable" class="secondary">
                      {text.callbacks.unreachable}
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </Layout>
  );
}
