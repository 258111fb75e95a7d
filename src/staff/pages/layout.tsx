import { outboxText } from '../outboxText.js';
import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { may, type Permission, type StaffRole } from '../../domain/staffRoles.js';
import { text } from '../text.js';

/** What every page knows about who is looking. */
export interface Viewer {
  name: string;
  roles: StaffRole[];
  csrf: string;
  local: boolean;
}

const navigation: { href: string; label: string; needs: Permission }[] = [
  { href: '/staff/afspraken', label: text.nav.meetings, needs: 'ownMeetings' },
  { href: '/staff/terugbellen', label: text.nav.callbacks, needs: 'callbacks' },
  { href: '/staff/agenda', label: outboxText.nav, needs: 'callbacks' },
  { href: '/staff/gesprekken', label: text.nav.reviews, needs: 'reviews' },
  { href: '/staff/cijfers', label: text.nav.funnel, needs: 'funnel' },
  { href: '/staff/logboek', label: text.nav.audit, needs: 'teamAudit' },
  { href: '/staff/wissen', label: text.nav.erase, needs: 'callbacks' },
  { href: '/staff/beheer', label: text.nav.admin, needs: 'admin' },
];

/** The hidden CSRF field every form carries. */
export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function LocalBanner() {
  return (
    <p class="banner" role="note">
      {text.localBanner}
    </p>
  );
}

/**
 * The page around every staff view: skip link, the local-login banner, navigation for the
 * viewer's roles (the current page marked for screen readers), log out, and one `h1`.
 */
export function Layout(props: {
  title: string;
  viewer?: Viewer | undefined;
  /** Path of this page, to mark it in the navigation. */
  current?: string;
  /** Shown without a viewer (the login page) when the local login is on. */
  localLogin?: boolean;
  children: ComponentChildren;
}) {
  const { viewer } = props;
  const links = viewer
    ? navigation.filter((item) =>
        item.needs === 'ownMeetings'
          ? viewer.roles.includes('coach')
          : may(viewer.roles, item.needs),
      )
    : [];
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} – ${text.product}`}</title>
        <link rel="stylesheet" href="/staff/staff.css" />
        <link rel="icon" href="/staff/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip" href="#inhoud">
          {text.skipToContent}
        </a>
        {(viewer?.local || props.localLogin) && <LocalBanner />}
        <header class="top">
          <p class="brand">{text.product}</p>
          {viewer && (
            <nav aria-label={text.menu}>
              <ul>
                {links.map((item) => (
                  <li key={item.href}>
                    <a
                      href={item.href}
                      aria-current={props.current === item.href ? 'page' : undefined}
                    >
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {viewer && (
            <form method="post" action="/staff/uitloggen" class="logout">
              <Csrf token={viewer.csrf} />
              <span class="who">{viewer.name}</span> <button type="submit">{text.logout}</button>
            </form>
          )}
        </header>
        <main id="inhoud" tabIndex={-1}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A whole HTML document. */
export function htmlDocument(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}

/** A short page that says what went wrong, with a way back. */
export function MessagePage(props: {
  title: string;
  message: string;
  viewer?: Viewer | undefined;
}) {
  return (
    <Layout title={props.title} viewer={props.viewer}>
      <p>{props.message}</p>
      <p>
        <a href="/staff">{text.errors.back}</a>
      </p>
    </Layout>
  );
}
