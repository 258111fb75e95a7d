import type { Coach } from '../../domain/coach.js';
import { staffRoles } from '../../domain/staffRoles.js';
import { text } from '../text.js';
import { Layout } from './layout.js';

export function LoginPage(props: {
  entra: boolean;
  /** The local login form, when it is on and the request came from this computer. */
  local: { csrf: string; coaches: Coach[] } | undefined;
  localRefused: boolean;
  returnTo: string;
  failed?: boolean;
  /** Just logged out; `microsoft`: where the Microsoft sign-in ends too (a link: see below). */
  signedOut?: { microsoft: string | undefined };
}) {
  const entraHref = `/staff/inloggen/entra?terug=${encodeURIComponent(props.returnTo)}`;
  return (
    <Layout title={text.login.title} localLogin={props.local !== undefined}>
      {props.failed && (
        <p class="notice error" role="alert">
          {text.login.failed}
        </p>
      )}
      {props.signedOut && (
        <section class="notice" role="status">
          <p>{text.login.signedOut}</p>
          {/* A link, not a redirect after the logout form: the pages' CSP lets forms go to this
              server only (form-action 'self'), and a redirect chain after a form counts too. */}
          {props.signedOut.microsoft && (
            <p>
              {text.login.signOutMicrosoftWhy}{' '}
              <a href={props.signedOut.microsoft}>{text.login.signOutMicrosoft}</a>
            </p>
          )}
        </section>
      )}
      <p>{text.login.intro}</p>
      {props.entra ? (
        <p>
          <a class="button" href={entraHref}>
            {text.login.entra}
          </a>
        </p>
      ) : (
        !props.local && <p>{text.login.noLogin}</p>
      )}
      {props.localRefused && <p>{text.login.localOnly}</p>}
      {props.local && (
        <section aria-labelledby="lokaal">
          <h2 id="lokaal">{text.login.localTitle}</h2>
          <form method="post" action="/staff/inloggen/lokaal" class="stack">
            <input type="hidden" name="_csrf" value={props.local.csrf} />
            <input type="hidden" name="terug" value={props.returnTo} />
            <label for="naam">{text.login.name}</label>
            <input id="naam" name="naam" required maxLength={60} autoComplete="name" />
            <fieldset>
              <legend>{text.login.role}</legend>
              {staffRoles.map((role, index) => (
                <label class="choice" key={role}>
                  <input type="radio" name="rol" value={role} required checked={index === 0} />{' '}
                  {text.roles[role]}
                </label>
              ))}
            </fieldset>
            <label for="coach">{text.login.coach}</label>
            <select id="coach" name="coach">
              <option value="">{text.login.noCoach}</option>
              {props.local.coaches.map((coach) => (
                <option value={coach.id} key={coach.id}>
                  {coach.name}
                </option>
              ))}
            </select>
            <button type="submit">{text.login.submit}</button>
          </form>
        </section>
      )}
    </Layout>
  );
}
