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

/*
 * The core the benches' proxies in front of moto share: they see each AWS
 * call whole, then pass it on unchanged, so the SDK under test cannot tell
 * them from moto.
 */
import {
  Agent,
  IncomingHttpHeaders,
  IncomingMessage,
  request as httpRequest,
  Server,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** The signing name in the SigV4 credential scope: `iam`, `sts`, `s3`, … */
export function signingServiceOf(headers: IncomingHttpHeaders): string {
  const scope = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(
    headers.authorization ?? '',
  );
  return scope?.[1] ?? 'unknown';
}

/** Sends a received request, body included, on to moto over `agent`. */
export function forwardRequest(options: {
  agent: Agent;
  upstream: URL;
  req: IncomingMessage;
  body: Buffer;
  onResponse(upstreamRes: IncomingMessage): void;
  onError(error: Error): void;
}) {
  const { agent, upstream, req } = options;
  const forward = httpRequest(
    {
      agent,
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
    },
    options.onResponse,
  );
  forward.on('error', options.onError);
  forward.end(options.body);
}

/** Listens on the loopback interface; port 0 takes any free one. */
export async function listenOnLoopback(
  server: Server,
  port = 0,
): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Stops a proxy, keep-alive connections included, so the bench can exit. */
export async function closeProxy(server: Server, agent: Agent): Promise<void> {
  server.closeAllConnections();
  await new Promise(resolve => server.close(resolve));
  agent.destroy();
}
