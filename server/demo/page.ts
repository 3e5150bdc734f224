// The demo pages at /demo: a tiny shop that carries the demo site's snippet, and /demo/sink.gif,
// the stand-in for a vendor's pixel endpoint so fires show in the browser's network panel.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/types';
import { TRANSPARENT_GIF } from '../collect';
import { findDemoSite } from './seed';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function page(title: string, siteKey: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Pixeltag demo shop</title>
<script async src="/c/${escapeHtml(siteKey)}.js"></script>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2933}
nav a{margin-right:1rem}code{background:#f1f3f5;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><nav><a href="/demo">Shop</a><a href="/demo/checkout/thank-you">Checkout</a><a href="/">Console</a></nav>
${body}</body></html>`;
}

export function demoRoutes(app: FastifyInstance, store: Store): void {
  app.get('/demo/sink.gif', async (_req, reply) =>
    reply.header('content-type', 'image/gif').header('cache-control', 'no-store').send(TRANSPARENT_GIF),
  );

  const serve = async (title: string, body: string, reply: import('fastify').FastifyReply) => {
    const site = await findDemoSite(store);
    if (!site) return reply.code(404).type('text/plain').send('The demo is not set up on this server (DEMO is off).');
    return reply.type('text/html; charset=utf-8').send(page(title, site.siteKey, body));
  };

  app.get('/demo', async (_req, reply) =>
    serve(
      'Shop',
      `<h1>Demo shop</h1><p>This page carries the demo site's snippet. Open the network panel: the
      <code>Page view pixel</code> tag fires <code>/demo/sink.gif?tag=pageview</code> and reports to
      <code>/p.gif</code>. Go to <a href="/demo/checkout/thank-you">checkout</a> to fire the conversion tag too.</p>`,
      reply,
    ),
  );

  app.get('/demo/checkout/thank-you', async (_req, reply) =>
    serve('Thank you', `<h1>Thank you for your order</h1><p>The <code>Checkout conversion</code> tag fired on this page.</p>`, reply),
  );
}
