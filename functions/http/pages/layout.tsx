import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Lang } from '../../../core/i18n.ts';
import { isTeacher, type User } from '../../auth/user.ts';
import type { AssetManifest } from '../../web/asset-manifest.ts';
import type { T } from './i18n.ts';

/** What every page knows about the request it answers. */
export interface PageContext {
  lang: Lang;
  t: T;
  user: User | undefined;
  /** The path and query of this page (for the language switch and login redirects). */
  path: string;
  nonce: string;
  assets: AssetManifest;
  mode: 'aws' | 'local';
}

export const isTeacherUser = (u: User | undefined): boolean => !!u && isTeacher(u);

/** JSON for a `<script type="application/json">` block: `<` is escaped so no text can close the element. */
export const jsonForScript = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

interface LayoutProps {
  ctx: PageContext;
  title: string;
  /** Browser scripts this page needs, by logical name (`editor.js`). */
  scripts?: string[];
  /** UI strings the page's scripts need. */
  clientStrings?: Partial<Record<string, string>>;
  /** Which navigation item is current. */
  section?: 'home' | 'glossary' | 'history' | 'gradebook' | 'admin' | 'analytics' | 'lti' | 'login';
  children?: Child;
}

function Nav({ ctx, section }: Pick<LayoutProps, 'ctx' | 'section'>) {
  const { t, user } = ctx;
  const items: [LayoutProps['section'], string, string][] = [
    ['home', '/', t.navHome],
    ['glossary', '/glossary', t.glossaryTitle],
  ];
  if (user?.roles.includes('learner')) items.push(['history', '/me/submissions', t.navHistory]);
  if (isTeacherUser(user))
    items.push(
      ['gradebook', '/teach', t.navGradebook],
      ['admin', '/teach/regrade-requests', t.courseAdmin],
      ['analytics', '/teach/analytics', t.navAnalytics],
      ['lti', '/teach/lti', t.navLti],
    );
  return (
    <nav class="site-nav" aria-label={t.appName}>
      {items.map(([key, href, label]) => (
        <a href={href} aria-current={section === key ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

/** The frame of every page: header with navigation, language switch and session, then the page's main content. */
export function Layout({ ctx, title, scripts = [], clientStrings, section, children }: LayoutProps) {
  const { t, user, lang } = ctx;
  const other: Lang = lang === 'ko' ? 'en' : 'ko';
  const switchHref = `/lang/${other}?next=${encodeURIComponent(ctx.path)}`;
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="csp-nonce" content={ctx.nonce} />
          <link rel="icon" href="data:," />
          <title>{`${title} · virtlab`}</title>
          <link rel="stylesheet" href={`/assets/${ctx.assets['styles.css']}`} />
          {scripts.map((s) => (
            <script type="module" src={`/assets/${ctx.assets[s]}`}></script>
          ))}
        </head>
        <body>
          <a class="skip-link" href="#main">
            {t.skipToContent}
          </a>
          <header class="site-header">
            <div class="bar">
              <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">
                  VL
                </span>
                {t.appName}
              </a>
              <Nav ctx={ctx} section={section} />
              <div class="session">
                <a
                  href={switchHref}
                  lang={other}
                  hreflang={other}
                  aria-label={t.switchLangLabel}
                  data-testid="lang-switch"
                >
                  {t.switchLang}
                </a>
                {user ? (
                  <>
                    <span>
                      <span class="visually-hidden">{t.signedInAs} </span>
                      <strong data-testid="user-name">{user.name}</strong>
                    </span>
                    <form method="post" action="/auth/logout">
                      <button type="submit" class="link-button">
                        {t.navLogout}
                      </button>
                    </form>
                  </>
                ) : (
                  <a href={`/login?next=${encodeURIComponent(ctx.path)}`}>{t.navLogin}</a>
                )}
              </div>
            </div>
          </header>
          <main id="main" tabindex={-1}>
            {children}
          </main>
          <footer class="site-footer">virtlab · {t.appName}</footer>
          {clientStrings ? (
            <script type="application/json" id="ui-strings">
              {raw(jsonForScript(clientStrings))}
            </script>
          ) : null}
        </body>
      </html>
    </>
  );
}

/** A page that only says something: not found, forbidden, please log in. */
export function MessagePage({
  ctx,
  title,
  text,
  action,
}: {
  ctx: PageContext;
  title: string;
  text: string;
  action?: Child;
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <div class="card">
        <h1>{title}</h1>
        <p>{text}</p>
        {action}
      </div>
    </Layout>
  );
}
