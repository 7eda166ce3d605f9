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
 * A counting, fault-injecting HTTP proxy in front of moto. Every AWS call of
 * the replicas goes through it (AWS_ENDPOINT_URL). It records each call
 * (service, operation, role name, which replica sent it, moto's answer), and
 * can answer instead of moto: throttling, 5xx, connection resets (before or
 * after moto executed the call), latency, and `AccessDenied` to
 * `sts:AssumeRole` for a while after the role's `CreateRole`, as IAM's
 * eventual consistency does on AWS.
 */
import { EventEmitter } from 'node:events';
import {
  createServer,
  IncomingHttpHeaders,
  Server,
  ServerResponse,
} from 'node:http';
import {
  closeProxy,
  connectUpstream,
  listenOnLoopback,
  signingServiceOf,
} from '../../shared/proxy';

export interface FaultConfig {
  /** Share of IAM/STS calls answered `Throttling` (HTTP 400) instead of moto. */
  throttleRate: number;
  /** Share answered HTTP 503 `ServiceUnavailable`. */
  serverErrorRate: number;
  /** Share whose connection is reset (half before moto saw the call, half after it answered). */
  resetRate: number;
  /** Share delayed by a random latency up to `maxLatencyMs`. */
  latencyRate: number;
  maxLatencyMs: number;
  /** `AccessDenied` to AssumeRole for this long after CreateRole of that role (0: off). */
  assumeRoleDeniedMs: number;
  /**
   * From when that time counts: the role's `CreateRole` (as on AWS), or the
   * first `AssumeRole` of it, so that a slow client's first call is refused
   * however long it took to start (the CLI snippet test).
   */
  assumeRoleDeniedFrom?: 'create' | 'first-assume';
  /**
   * The harness's self-test (`--break skip-delete-role`): `DeleteRole` is
   * answered success without reaching moto, as if the engine never deleted
   * the role. The checks must fail the run.
   */
  swallowDeleteRole?: boolean;
  /** Services the faults apply to (signing names). */
  services: string[];
}

export const NO_FAULTS: FaultConfig = {
  throttleRate: 0,
  serverErrorRate: 0,
  resetRate: 0,
  latencyRate: 0,
  maxLatencyMs: 0,
  assumeRoleDeniedMs: 0,
  services: ['iam', 'sts'],
};

export type Fault =
  | 'throttle'
  | '5xx'
  | 'reset-before'
  | 'reset-after'
  | 'latency'
  | 'assume-denied'
  | 'swallowed';

export interface ProxiedCall {
  at: number;
  service: string;
  operation: string;
  roleName?: string;
  /** The access key id of the signature: each replica signs with its own. */
  accessKeyId: string;
  /** Moto's status; undefined when moto never saw the call. */
  motoStatus?: number;
  /** Moto's error code (`EntityAlreadyExists`, ...), from the XML body. */
  motoError?: string;
  /** The fault injected, if any. */
  fault?: Fault;
  latencyMs?: number;
  doneAt?: number;
}

export interface FaultProxy {
  endpoint: string;
  readonly calls: readonly ProxiedCall[];
  /** Emits `call` (a ProxiedCall) when a call arrives, `answered` when moto answered. */
  readonly events: EventEmitter;
  setFaults(faults: FaultConfig): void;
  close(): Promise<void>;
}

function accessKeyOf(headers: IncomingHttpHeaders): string {
  return /Credential=([^/]+)\//.exec(headers.authorization ?? '')?.[1] ?? '';
}
function parseCall(
  headers: IncomingHttpHeaders,
  body: string,
  method: string,
  path: string,
): { operation: string; roleName?: string } {
  if ((headers['content-type'] ?? '').includes('x-www-form-urlencoded')) {
    const params = new URLSearchParams(body);
    const roleArn = params.get('RoleArn');
    return {
      operation: params.get('Action') ?? 'unknown',
      roleName:
        params.get('RoleName') ?? roleArn?.split('/').pop() ?? undefined,
    };
  }
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    return { operation: target.split('.').pop()! };
  }
  return { operation: `${method} ${path.split('?')[0]}` };
}

function errorXml(type: string, code: string, message: string): string {
  return `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>chaos-${Math.random()
    .toString(16)
    .slice(2)}</RequestId></ErrorResponse>`;
}

function answer(res: ServerResponse, status: number, xml: string) {
  res.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(xml),
  });
  res.end(xml);
}

export async function startFaultProxy(options: {
  target: string;
  port: number;
  faults?: FaultConfig;
  random?: () => number;
}): Promise<FaultProxy> {
  const moto = connectUpstream(options.target, { maxSockets: 64 });
  const random = options.random ?? Math.random;
  let faults = options.faults ?? NO_FAULTS;
  const calls: ProxiedCall[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(100);
  /** Role name → when CreateRole for it was answered by moto. */
  const roleCreatedAt = new Map<string, number>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const call: ProxiedCall = {
        at: Date.now(),
        service: signingServiceOf(req.headers),
        accessKeyId: accessKeyOf(req.headers),
        ...parseCall(
          req.headers,
          body.toString('utf8'),
          req.method ?? 'GET',
          req.url ?? '/',
        ),
      };
      calls.push(call);
      events.emit('call', call);

      const faulty = faults.services.includes(call.service);
      if (
        faulty &&
        faults.assumeRoleDeniedMs > 0 &&
        call.operation === 'AssumeRole' &&
        call.roleName
      ) {
        if (
          faults.assumeRoleDeniedFrom === 'first-assume' &&
          !roleCreatedAt.has(call.roleName)
        ) {
          roleCreatedAt.set(call.roleName, call.at);
        }
        const created = roleCreatedAt.get(call.roleName);
        if (
          created !== undefined &&
          call.at - created < faults.assumeRoleDeniedMs
        ) {
          call.fault = 'assume-denied';
          call.doneAt = Date.now();
          answer(
            res,
            403,
            errorXml(
              'Sender',
              'AccessDenied',
              `User is not authorized to perform: sts:AssumeRole on resource: ${call.roleName}`,
            ),
          );
          return;
        }
      }
      if (faults.swallowDeleteRole && call.operation === 'DeleteRole') {
        call.fault = 'swallowed';
        call.doneAt = Date.now();
        answer(
          res,
          200,
          '<DeleteRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>chaos-swallowed</RequestId></ResponseMetadata></DeleteRoleResponse>',
        );
        return;
      }
      if (faulty) {
        const roll = random();
        let edge = faults.throttleRate;
        if (roll < edge) {
          call.fault = 'throttle';
          call.doneAt = Date.now();
          answer(res, 400, errorXml('Sender', 'Throttling', 'Rate exceeded'));
          return;
        }
        edge += faults.serverErrorRate;
        if (roll < edge) {
          call.fault = '5xx';
          call.doneAt = Date.now();
          answer(
            res,
            503,
            errorXml('Receiver', 'ServiceUnavailable', 'Service unavailable'),
          );
          return;
        }
        edge += faults.resetRate / 2;
        if (roll < edge) {
          call.fault = 'reset-before';
          call.doneAt = Date.now();
          req.socket.destroy();
          return;
        }
        edge += faults.resetRate / 2;
        if (roll < edge) {
          call.fault = 'reset-after';
        } else if (roll < edge + faults.latencyRate) {
          call.fault = 'latency';
          call.latencyMs = Math.round(random() * faults.maxLatencyMs);
          await new Promise(r => setTimeout(r, call.latencyMs));
        }
      }

      moto.forward(req, body, {
        onResponse: upstreamRes => {
          const parts: Buffer[] = [];
          upstreamRes.on('data', part => parts.push(part));
          upstreamRes.on('end', () => {
            const payload = Buffer.concat(parts);
            call.motoStatus = upstreamRes.statusCode ?? 0;
            if (call.motoStatus >= 300) {
              call.motoError = /<Code>([^<]+)<\/Code>/.exec(
                payload.toString('utf8'),
              )?.[1];
            }
            if (
              call.operation === 'CreateRole' &&
              call.motoStatus === 200 &&
              call.roleName
            ) {
              if (faults.assumeRoleDeniedFrom !== 'first-assume')
                roleCreatedAt.set(call.roleName, Date.now());
            }
            call.doneAt = Date.now();
            events.emit('answered', call);
            if (call.fault === 'reset-after') {
              // Moto did it, but the caller never hears so.
              req.socket.destroy();
              return;
            }
            res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
            res.end(payload);
          });
        },
        onError: error => {
          call.motoStatus = 0;
          call.doneAt = Date.now();
          if (!res.headersSent) res.writeHead(502).end(String(error));
        },
      });
    });
  });

  return {
    endpoint: await listenOnLoopback(server, options.port),
    calls,
    events,
    setFaults(next) {
      faults = next;
    },
    close: () => closeProxy(server, moto),
  };
}
