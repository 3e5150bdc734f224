// A local stand-in for the world outside Pixeltag in browser tests: it serves the site's host
// pages and lets each suite answer its own paths (vendor pixels, vendor scripts, held requests).
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRANSPARENT_GIF } from '../../server/collect';

export interface SiteServer {
  origin: string;
  /** Host pages by path. */
  pages: Map<string, string>;
  close(): Promise<void>;
}

/** Answers a request the suite handles itself and returns true, or returns false to fall through to the pages. */
export type Handler = (path: string, target: string, res: ServerResponse, req: IncomingMessage) => boolean;

export async function startSiteServer(handle: Handler = () => false): Promise<SiteServer> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const target = req.url ?? '/';
    const path = target.split('?')[0] ?? '';
    if (handle(path, target, res, req)) return;
    const html = pages.get(path);
    if (html === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    pages,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const answerGif = (res: ServerResponse) =>
  res.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' }).end(TRANSPARENT_GIF);

/** A value as a JavaScript literal that cannot end the inline <script> it is written into. */
export const jsLiteral = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
