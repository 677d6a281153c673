import { html, raw } from 'hono/html';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { description?: string }>;
}

interface Document {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * The API reference as one self-contained HTML page, rendered from the OpenAPI document: no scripts, no external
 * stylesheet or CDN, so it works offline and under a strict Content-Security-Policy.
 */
export function renderDocs(doc: Document): string {
  const byTag = new Map<string, Array<{ method: string; path: string; op: Operation }>>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const sections = [...byTag].map(
    ([tag, ops]) =>
      html`<section>
        <h2 id="${tag}">${tag}</h2>
        ${ops.map(
          ({ method, path, op }) =>
            html`<article>
              <h3>
                <span class="m ${method}">${method.toUpperCase()}</span>
                <code>/api${path}</code
                >${op.security?.length ? html` <span class="lock" title="Sign-in required">🔒</span>` : ''}
              </h3>
              <p>${op.summary ?? ''}</p>
              ${op.description ? html`<p class="d">${op.description}</p>` : ''}
              ${
                op.parameters?.length
                  ? html`<p>
                      <b>Parameters:</b>
                      ${op.parameters.map((p) => html`<code>${p.name}</code> (${p.in}${p.required ? ', required' : ''}) `)}
                    </p>`
                  : ''
              }
              ${op.requestBody?.content ? html`<p><b>Body:</b> ${Object.keys(op.requestBody.content).map((t) => html`<code>${t}</code> `)}</p>` : ''}
              <p>
                <b>Responses:</b>
                ${Object.entries(op.responses ?? {}).map(([code, r]) => html`<code title="${r.description ?? ''}">${code}</code> `)}
              </p>
            </article>`,
        )}
      </section>`,
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${doc.info.title} ${doc.info.version}</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <main>
          <h1>${doc.info.title} <small>${doc.info.version}</small></h1>
          <p>${doc.info.description ?? ''}</p>
          <p>
            Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>. 🔒 = send
            <code>Authorization: Bearer &lt;token&gt;</code> (or the <code>virtlab_session</code> cookie). Errors are
            always <code>{"error": {"code", "message", "details": [{"path", "message", "line"}]}}</code>, in the
            language of <code>?lang</code> or <code>Accept-Language</code>.
          </p>
          <nav>${[...byTag.keys()].map((t) => html`<a href="#${t}">${t}</a> `)}</nav>
          ${sections}
        </main>
      </body>
    </html>`.toString();
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#fafafa;color:#222}main{max-width:960px;margin:auto;padding:1rem 2rem}
article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}h3{margin:.3rem 0;font-size:1rem}
.m{display:inline-block;min-width:4em;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;padding:.1rem .3rem}
.get{background:#2b7a3d}.post{background:#1f5fa8}.put{background:#a86a1f}.delete{background:#a82b1f}.patch{background:#6a1fa8}
code{background:#f0f0f0;padding:0 .2rem;border-radius:3px}.d{color:#555}nav a{margin-right:.75rem}`;
