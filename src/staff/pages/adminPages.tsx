import type { Coach } from '../../domain/coach.js';
import type { AuditEntry } from '../../ports/auditLog.js';
import type { StaffListing } from '../../ports/staffDirectory.js';
import { shortDateTime, text } from '../text.js';
import { Csrf, Layout, type Viewer } from './layout.js';

export function AuditPage(props: {
  viewer: Viewer;
  month: string;
  entries: AuditEntry[];
  ownOnly: boolean;
}) {
  return (
    <Layout title={text.audit.title} viewer={props.viewer} current="/staff/logboek">
      <p>{text.audit.intro}</p>
      {props.ownOnly && <p>{text.audit.own}</p>}
      <form method="get" action="/staff/logboek" class="filters">
        <div class="field">
          <label for="maand">{text.audit.month}</label>
          <input
            id="maand"
            name="maand"
            value={props.month}
            pattern="\d{4}-\d{2}"
            size={7}
            required
          />
        </div>
        <button type="submit">{text.reviews.apply}</button>
      </form>
      {props.entries.length === 0 ? (
        <p>{text.audit.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{`${text.audit.title} ${props.month}`}</caption>
            <thead>
              <tr>
                <th scope="col">{text.audit.at}</th>
                <th scope="col">{text.audit.who}</th>
                <th scope="col">{text.audit.what}</th>
                <th scope="col">{text.audit.about}</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{shortDateTime(entry.at)}</td>
                  <td>{entry.actorName}</td>
                  <td>{text.auditActions[entry.action]}</td>
                  <td>{entry.subject ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function AdminPage(props: {
  viewer: Viewer;
  staff: StaffListing[];
  coaches: Coach[];
  saved: boolean;
}) {
  return (
    <Layout title={text.admin.title} viewer={props.viewer} current="/staff/beheer">
      <p>{text.admin.intro}</p>
      {props.saved && (
        <p class="notice" role="status">
          {text.admin.saved}
        </p>
      )}
      {props.staff.length === 0 ? (
        <p>{text.admin.none}</p>
      ) : (
        <ul class="cards">
          {props.staff.map((member, index) => (
            <li class="card" key={member.id}>
              <h2 class="h3">{member.name}</h2>
              <dl class="facts">
                <dt>{text.admin.roles}</dt>
                <dd>{member.roles.map((role) => text.roles[role]).join(', ') || '—'}</dd>
                <dt>{text.admin.lastLogin}</dt>
                <dd>{shortDateTime(member.lastLoginAt)}</dd>
              </dl>
              {member.roles.includes('coach') && (
                <form method="post" action="/staff/beheer/koppel" class="actions">
                  <Csrf token={props.viewer.csrf} />
                  <input type="hidden" name="login" value={member.id} />
                  <label for={`coach-${index}`}>{text.admin.coach}</label>
                  <select id={`coach-${index}`} name="coach">
                    <option value="">{text.login.noCoach}</option>
                    {props.coaches.map((coach) => (
                      <option
                        value={coach.id}
                        selected={member.coachId === coach.id}
                        key={coach.id}
                      >
                        {coach.name}
                      </option>
                    ))}
                  </select>
                  <button type="submit">{text.admin.link}</button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
