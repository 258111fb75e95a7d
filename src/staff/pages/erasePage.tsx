import { text } from '../text.js';
import { Csrf, Layout, type Viewer } from './layout.js';

/**
 * Erasing a resident's data for a request that came by phone or letter: the number they gave
 * finds their meeting and call-back requests; the erasure is the same as in the chat.
 */
export function ErasePage(props: {
  viewer: Viewer;
  /** After a request: how many conversations were erased, or a problem with the input. */
  outcome?: { kind: 'erased'; count: number } | { kind: 'notFound' } | { kind: 'invalid' };
}) {
  const { outcome } = props;
  return (
    <Layout title={text.erase.title} viewer={props.viewer} current="/staff/wissen">
      {outcome?.kind === 'erased' && (
        <p role="status" class="notice">
          {text.erase.erased(outcome.count)}
        </p>
      )}
      {outcome?.kind === 'notFound' && (
        <p role="status" class="notice">
          {text.erase.notFound}
        </p>
      )}
      {outcome?.kind === 'invalid' && (
        <p role="alert" class="error">
          {text.erase.invalid}
        </p>
      )}
      <p>{text.erase.intro}</p>
      <ul>
        {text.erase.what.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <form method="post" action="/staff/wissen">
        <Csrf token={props.viewer.csrf} />
        <div class="field">
          <label for="telefoon">{text.erase.phone}</label>
          <input id="telefoon" name="telefoon" type="tel" autocomplete="off" required size={16} />
        </div>
        <div class="field">
          <input id="zeker" name="zeker" type="checkbox" value="ja" required />
          <label for="zeker">{text.erase.confirm}</label>
        </div>
        <button type="submit">{text.erase.submit}</button>
      </form>
      <p>{text.erase.noNumber}</p>
    </Layout>
  );
}
