import type { Coach } from '../../domain/coach.js';
import { meetingOutcomes } from '../../domain/meetingOutcome.js';
import type { Booking } from '../../ports/bookings.js';
import type { MeetingNote } from '../../ports/meetingNotes.js';
import { channelName, dayAndTime, languageName, text, timeOfDay } from '../text.js';
import { Csrf, Layout, type Viewer } from './layout.js';

export interface MeetingGroups {
  past: Booking[];
  today: Booking[];
  thisWeek: Booking[];
  later: Booking[];
}

function Field(props: { label: string; value: string | undefined }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.value ?? <span class="muted">{text.meetings.notGiven}</span>}</dd>
    </>
  );
}

function residenceOf(note: MeetingNote | undefined): string | undefined {
  const residence = note?.residence;
  if (!residence) return undefined;
  return [residence.postcode, residence.place].filter(Boolean).join(', ') || undefined;
}

/** One first meeting: when, the handoff, and the form to say how it went. */
function MeetingCard(props: {
  booking: Booking;
  coach: Coach;
  note: MeetingNote | undefined;
  csrf: string;
  saved: boolean;
  past: boolean;
}) {
  const { booking, note } = props;
  const summary = booking.summary;
  const place = props.coach.places.find((p) => p.id === booking.placeId);
  const anchor = `afspraak-${booking.id}`;
  const headingId = `${anchor}-titel`;
  return (
    <article class="card" id={anchor} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {dayAndTime(booking.start)}–{timeOfDay(booking.end)}
      </h3>
      <dl class="facts">
        <Field label={text.meetings.intent} value={text.intents[summary.intent]} />
        <Field label={text.meetings.wishes} value={summary.wishes} />
        <Field label={text.meetings.doesAlready} value={summary.doesAlready} />
        <Field label={text.meetings.wouldHelp} value={summary.wouldHelp} />
        <Field label={text.meetings.residence} value={residenceOf(note)} />
        <Field label={text.meetings.how} value={text.forms[booking.form]} />
        {place && <Field label={text.meetings.where} value={`${place.name}, ${place.address}`} />}
        <Field label={text.meetings.language} value={languageName(summary.language)} />
        {/* The number is only there when the resident agreed to give it for this meeting. */}
        {summary.phone && <Field label={text.meetings.phone} value={summary.phone} />}
        <Field label={text.meetings.preferredTimes} value={summary.preferredTimes} />
        <Field label={text.meetings.channel} value={channelName(summary.channel)} />
        {note?.outcome && (
          <Field label={text.meetings.currentOutcome} value={text.outcomes[note.outcome]} />
        )}
      </dl>
      <form
        method="post"
        action={`/staff/afspraken/${encodeURIComponent(booking.id)}`}
        class="stack"
      >
        <Csrf token={props.csrf} />
        <fieldset>
          <legend>{text.meetings.outcomeLegend}</legend>
          {meetingOutcomes.map((outcome) => (
            <label class="choice" key={outcome}>
              <input
                type="radio"
                name="uitkomst"
                value={outcome}
                checked={note?.outcome === outcome}
                disabled={!props.past && outcome !== 'moved'}
              />{' '}
              {text.outcomes[outcome]}
            </label>
          ))}
        </fieldset>
        <label for={`${anchor}-notitie`}>{text.meetings.note}</label>
        <textarea
          id={`${anchor}-notitie`}
          name="notitie"
          rows={2}
          maxLength={500}
          aria-describedby={`${anchor}-hint`}
        >
          {note?.note ?? ''}
        </textarea>
        <p class="hint" id={`${anchor}-hint`}>
          {text.meetings.noteHint}
        </p>
        <button type="submit">{text.meetings.save}</button>
        {props.saved && (
          <p class="notice" role="status">
            {text.meetings.saved}
          </p>
        )}
      </form>
    </article>
  );
}

function Section(props: {
  id: string;
  title: string;
  hint?: string;
  bookings: Booking[];
  render: (booking: Booking) => preact.JSX.Element;
}) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>
        {props.title} <span class="count">({props.bookings.length})</span>
      </h2>
      {props.hint && <p class="hint">{props.hint}</p>}
      {props.bookings.length === 0 ? (
        <p class="muted">{text.meetings.none}</p>
      ) : (
        props.bookings.map(props.render)
      )}
    </section>
  );
}

export function MeetingsPage(props: {
  viewer: Viewer;
  coach: Coach | undefined;
  groups: MeetingGroups;
  notes: Map<string, MeetingNote>;
  savedId: string | undefined;
}) {
  const { coach } = props;
  return (
    <Layout title={text.meetings.title} viewer={props.viewer} current="/staff/afspraken">
      {!coach ? (
        <p>{text.meetings.notLinked}</p>
      ) : (
        <>
          <nav aria-label={text.meetings.summary} class="glance">
            <ul>
              {(
                [
                  ['vandaag', text.meetings.today, props.groups.today.length],
                  ['deze-week', text.meetings.thisWeek, props.groups.thisWeek.length],
                  ['later', text.meetings.later, props.groups.later.length],
                  [
                    'afgelopen',
                    text.meetings.toFill,
                    props.groups.past.filter((b) => !props.notes.get(b.id)?.outcome).length,
                  ],
                ] as const
              ).map(([id, title, count]) => (
                <li key={id}>
                  <a href={`#${id}`}>
                    <strong>{count}</strong> {title.toLowerCase()}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {(
            [
              ['vandaag', text.meetings.today, props.groups.today, false],
              ['deze-week', text.meetings.thisWeek, props.groups.thisWeek, false],
              ['later', text.meetings.later, props.groups.later, false],
              ['afgelopen', text.meetings.toFill, props.groups.past, true],
            ] as const
          ).map(([id, title, bookings, past]) => (
            <Section
              key={id}
              id={id}
              title={title}
              {...(past ? { hint: text.meetings.toFillHint } : {})}
              bookings={bookings}
              render={(booking) => (
                <MeetingCard
                  key={booking.id}
                  booking={booking}
                  coach={coach}
                  note={props.notes.get(booking.id)}
                  csrf={props.viewer.csrf}
                  saved={props.savedId === booking.id}
                  past={past}
                />
              )}
            />
          ))}
        </>
      )}
    </Layout>
  );
}
