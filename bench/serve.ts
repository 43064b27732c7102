/** A page on 127.0.0.1 that loads one benchmark bundle: WebGPU needs a secure context, which about:blank is not. */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export function serveBenchPage(script: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if (request.url === '/bench.js') response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    else response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><script src="/bench.js"></script>');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })),
  );
}
