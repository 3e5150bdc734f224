// The ceiling for one Node.js process: node:http alone answering every request with the same
// gzipped container bytes and headers, no framework. `node --import tsx bare-node.ts FILE PORT`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [file, port] = process.argv.slice(2);
const body = readFileSync(file!);
const headers = {
  'content-type': 'application/javascript; charset=utf-8',
  'content-length': String(body.length),
  'content-encoding': 'gzip',
  etag: '"bare-node-reference-gz"',
  'cache-control': 'public, max-age=60, stale-while-revalidate=300',
  vary: 'Accept-Encoding',
};
createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
}).listen(Number(port), '127.0.0.1', () => console.log('listening'));
