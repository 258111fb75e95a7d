import type { Coach } from '../../domain/coach.js';
import {
  reviewStatuses,
  statusAt,
  type ConversationReview,
} from '../../domain/conversationReview.js';
import type { ReviewFilter } from '../../ports/conversationReviews.js';
import { filterQuery } from '../reviewFilter.js';
import {
  channelName,
  channelNames,
  dayAndTime,
  fill,
  languageName,
  languageNames,
  shortDateTime,
  text,
} from '../text.js';
import { Layout, type Viewer } from './layout.js';

function Select(props: {
  id: string;
  label: string;
  value: string | undefined;
  options: [string, string][];
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id}>
        <option value="">{text.reviews.all}</option>
        {props.options.map(([value, label]) => (
          <option value={value} selected={props.value === value} key={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

const channelOptions = Object.entries(channelNames).filter(([code]) => code !== 'directline');

export function ReviewsPage(props: {
  viewer: Viewer;
  filter: ReviewFilter;
  coaches: Coach[];
  reviews: ConversationReview[];
  next: string | undefined;
  paged: boolean;
  now: Date;
}) {
  const { filter } = props;
  const coachName = (id: string | undefined) =>
    props.coaches.find((c) => c.id === id)?.name ?? id ?? '';
  return (
    <Layout title={text.reviews.title} viewer={props.viewer} current="/staff/gesprekken">
      <form
        method="get"
        action="/staff/gesprekken"
        class="filters"
        aria-label={text.reviews.filter}
      >
        <div class="field">
          <label for="week">{text.reviews.week}</label>
          <input
            id="week"
            name="week"
            value={filter.week}
            pattern="\d{4}-W\d{2}"
            required
            size={9}
          />
        </div>
        <Select
          id="stand"
          label={text.reviews.status}
          value={filter.status}
          options={reviewStatuses.map((s) => [s, text.statuses[s]])}
        />
        <Select
          id="coach"
          label={text.reviews.coach}
          value={filter.coachId}
          options={props.coaches.map((c) => [c.id, c.name])}
        />
        <Select
          id="kanaal"
          label={text.reviews.channel}
          value={filter.channel}
          options={channelOptions}
        />
        <Select
          id="taal"
          label={text.reviews.language}
          value={filter.language}
          options={Object.entries(languageNames)}
        />
        <button type="submit">{text.reviews.apply}</button>
      </form>
      <p>
        <a href={`/staff/export/gesprekken.csv?${filterQuery(filter)}`} download>
          {text.reviews.export}
        </a>
      </p>
      {props.reviews.length === 0 ? (
        <p>{text.reviews.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{fill(text.reviews.count, { count: props.reviews.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{text.reviews.started}</th>
                <th scope="col">{text.reviews.status}</th>
                <th scope="col">{text.reviews.channel}</th>
                <th scope="col">{text.reviews.language}</th>
                <th scope="col">{text.reviews.coach}</th>
                <th scope="col">{text.reviews.steps}</th>
              </tr>
            </thead>
            <tbody>
              {props.reviews.map((review) => (
                <tr key={review.id}>
                  <th scope="row">
                    <a href={`/staff/gesprekken/${review.id}`}>{shortDateTime(review.startedAt)}</a>
                  </th>
                  <td>{text.statuses[statusAt(review, props.now)]}</td>
                  <td>{channelName(review.channel)}</td>
                  <td>{languageName(review.language)}</td>
                  <td>{coachName(review.coachId)}</td>
                  <td>{review.steps.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pagina's" class="pager">
        {props.paged && (
          <a href={`/staff/gesprekken?${filterQuery(filter)}`}>{text.reviews.first}</a>
        )}
        {props.next && (
          <a href={`/staff/gesprekken?${filterQuery(filter, { na: props.next })}`} rel="next">
            {text.reviews.next}
          </a>
        )}
      </nav>
    </Layout>
  );
}

export function ReviewDetailPage(props: {
  viewer: Viewer;
  review: ConversationReview;
  coachName: string | undefined;
  now: Date;
}) {
  const { review } = props;
  return (
    <Layout title={text.reviews.detail} viewer={props.viewer} current="/staff/gesprekken">
      <p class="hint">{text.reviews.privacy}</p>
      <dl class="facts">
        <dt>{text.reviews.week}</dt>
        <dd>{review.week}</dd>
        <dt>{text.reviews.started}</dt>
        <dd>{dayAndTime(review.startedAt)}</dd>
        <dt>{text.reviews.lastActive}</dt>
        <dd>{dayAndTime(review.lastAt)}</dd>
        <dt>{text.reviews.status}</dt>
        <dd>{text.statuses[statusAt(review, props.now)]}</dd>
        <dt>{text.reviews.channel}</dt>
        <dd>{channelName(review.channel)}</dd>
        <dt>{text.reviews.language}</dt>
        <dd>{languageName(review.language)}</dd>
        {review.intent && (
          <>
            <dt>{text.meetings.intent}</dt>
            <dd>{text.intents[review.intent]}</dd>
          </>
        )}
        {props.coachName && (
          <>
            <dt>{text.reviews.coach}</dt>
            <dd>{props.coachName}</dd>
          </>
        )}
        {review.booking && (
          <>
            <dt>{text.reviews.booking}</dt>
            <dd>
              {dayAndTime(review.booking.start)}
              {review.form ? ` (${text.forms[review.form]})` : ''}
            </dd>
          </>
        )}
        <dt>{text.reviews.callbackAsked}</dt>
        <dd>{review.callbackId ? text.reviews.yes : text.reviews.no}</dd>
      </dl>
      <h2>{text.reviews.steps}</h2>
      <ol class="steps">
        {review.steps.map((step, index) => (
          <li key={index}>{text.steps[step]}</li>
        ))}
      </ol>
      <p>
        <a href={`/staff/gesprekken?week=${review.week}`}>{text.reviews.title}</a>
      </p>
    </Layout>
  );
}
