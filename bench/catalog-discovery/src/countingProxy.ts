/*
 * Copyright 2026 The Backstage AWS Access Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/**
 * A small HTTP proxy in front of moto that counts AWS calls by operation.
 * It runs in its own process (forked by the bench) so that its CPU and
 * memory do not show up in the figures of the provider being measured.
 *
 * `GET /__bench/calls` answers the counts since the last read and resets
 * them. Sends `{ bench: { port } }` to the parent once listening.
 */
import { Agent, createServer, request } from 'node:http';
import { operationOf } from './operations';

const target = new URL(process.argv[2]);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
let calls = new Map<string, number>();

const server = createServer((req, res) => {
  if (req.url === '/__bench/calls') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(Object.fromEntries(calls)));
    calls = new Map();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', chunk => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const operation = operationOf(
      req.method ?? 'GET',
      req.url ?? '/',
      req.headers,
      body.length < 65536 ? body.toString('utf8') : '',
    );
    calls.set(operation, (calls.get(operation) ?? 0) + 1);
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        agent,
      },
      upstreamRes => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', error => {
      res.writeHead(502);
      res.end(String(error));
    });
    upstream.end(body);
  });
});

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({
    bench: { port: typeof address === 'object' && address?.port },
  });
});
process.on('disconnect', () => process.exit(0));
