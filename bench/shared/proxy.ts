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
  AgentOptions,
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

/** What a proxy does with moto's answer to one forwarded call. */
export interface ForwardHandlers {
  onResponse(upstreamRes: IncomingMessage): void;
  onError(error: Error): void;
}

/** Moto behind a proxy: one keep-alive agent for every forwarded call. */
export interface Upstream {
  /** Sends a received request, body included, on to moto unchanged. */
  forward(req: IncomingMessage, body: Buffer, handlers: ForwardHandlers): void;
  destroy(): void;
}

export function connectUpstream(
  target: string,
  agentOptions: AgentOptions = {},
): Upstream {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, ...agentOptions });
  return {
    forward(req, body, { onResponse, onError }) {
      const forward = httpRequest(
        {
          agent,
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        onResponse,
      );
      forward.on('error', onError);
      forward.end(body);
    },
    destroy: () => agent.destroy(),
  };
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
export async function closeProxy(
  server: Server,
  upstream: Upstream,
): Promise<void> {
  server.closeAllConnections();
  await new Promise(resolve => server.close(resolve));
  upstream.destroy();
}
