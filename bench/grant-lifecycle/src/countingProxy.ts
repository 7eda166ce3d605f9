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

import { createServer, IncomingHttpHeaders } from 'node:http';
import {
  closeProxy,
  connectUpstream,
  listenOnLoopback,
  signingServiceOf,
} from '../../shared/proxy';

/** One AWS API call seen on its way to moto. */
export interface AwsCall {
  /** `performance.now()` when the request was received. */
  at: number;
  /** Signing name from the SigV4 credential scope, e.g. `iam`, `sts`. */
  service: string;
  operation: string;
  /** The `RoleName` parameter, when the call names one. */
  roleName?: string;
  status: number;
  /** `performance.now()` when moto's answer was fully relayed. */
  doneAt?: number;
}

export interface CountingProxy {
  endpoint: string;
  readonly calls: readonly AwsCall[];
  close(): Promise<void>;
}

/** IAM operations that change something; everything else is a read. */
export function isWrite(call: AwsCall): boolean {
  return (
    call.service === 'iam' &&
    /^(Create|Put|Delete|Update|Tag|Untag|Attach|Detach|Add|Remove|Set)/.test(
      call.operation,
    )
  );
}

/** `{ "iam:CreateRole": 200, ... }` for the given calls. */
export function countByOperation(
  calls: readonly AwsCall[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) {
    const key = `${call.service}:${call.operation}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * IAM and STS speak the AWS query protocol (a form body with `Action=`);
 * JSON-protocol services name the operation in `X-Amz-Target`.
 */
function operationOf(
  headers: IncomingHttpHeaders,
  body: string,
  method: string,
  path: string,
): { operation: string; roleName?: string } {
  const contentType = headers['content-type'] ?? '';
  if (contentType.includes('x-www-form-urlencoded')) {
    const params = new URLSearchParams(body);
    return {
      operation: params.get('Action') ?? 'unknown',
      roleName: params.get('RoleName') ?? undefined,
    };
  }
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    let roleName: string | undefined;
    try {
      roleName = JSON.parse(body).RoleName;
    } catch {
      // not JSON; the operation alone is enough
    }
    return { operation: target.split('.').pop()!, roleName };
  }
  return { operation: `${method} ${path.split('?')[0]}` };
}

/**
 * A loopback HTTP proxy in front of moto that records every AWS call by
 * service, operation and role, so the bench counts IAM writes as AWS would
 * bill them: retries by the SDK show up as extra calls.
 */
export async function startCountingProxy(
  target: string,
): Promise<CountingProxy> {
  const moto = connectUpstream(target);
  const calls: AwsCall[] = [];

  const server = createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const call: AwsCall = {
        at,
        service: signingServiceOf(req.headers),
        ...operationOf(
          req.headers,
          body.toString('utf8'),
          req.method ?? 'GET',
          req.url ?? '/',
        ),
        status: 0,
      };
      calls.push(call);
      moto.forward(req, body, {
        onResponse: upstreamRes => {
          call.status = upstreamRes.statusCode ?? 0;
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.on('end', () => {
            call.doneAt = performance.now();
          });
          upstreamRes.pipe(res);
        },
        onError: error => {
          call.status = 502;
          res.writeHead(502).end(String(error));
        },
      });
    });
  });

  return {
    endpoint: await listenOnLoopback(server),
    calls,
    close: () => closeProxy(server, moto),
  };
}
