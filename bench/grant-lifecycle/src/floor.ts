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

import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { ACCOUNT_ID, benchUser } from './backend';
import { mapConcurrent } from './stats';

export interface FloorResult {
  /** Per pair: first byte of CreateRole sent to PutRolePolicy answered. */
  pairMs: number[];
  wallMs: number;
  /** CPU of this process during the burst (SDK signing, XML, HTTP). */
  cpuMs: number;
  roleNames: string[];
}

/**
 * The raw IAM floor of one grant: the same `CreateRole` + `PutRolePolicy`
 * pair the provisioner sends (path, tags, trust and permission policies of
 * the same shape and size), straight from the same SDK to the same endpoint,
 * `count` pairs at once, with no HTTP API, database or engine in between.
 */
export async function measureFloor(options: {
  count: number;
  users: number;
  prefix: string;
  /** Where the SDK sends the calls (the same proxy the engine goes through). */
  endpoint: string;
}): Promise<FloorResult> {
  const iam = new IAMClient({
    region: 'us-east-1',
    endpoint: options.endpoint,
    maxAttempts: 3,
    retryMode: 'standard',
  });
  const expiresAt = new Date(Date.now() + 60 * 60_000)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  const condition = { DateLessThan: { 'aws:CurrentTime': expiresAt } };
  const roleNames = Array.from(
    { length: options.count },
    (_, i) => `${options.prefix}-${i}-${Date.now().toString(36)}`,
  );
  try {
    // One warm-up pair so that credential resolution and the first
    // connection are not part of the figures (the engine's client is warm too).
    await createPair(iam, `${options.prefix}-warmup`, 0);
    await deletePair(iam, `${options.prefix}-warmup`);

    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const pairMs = await Promise.all(
      roleNames.map(async (roleName, i) => {
        const sent = performance.now();
        await createPair(iam, roleName, i);
        return performance.now() - sent;
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - started;
    return {
      pairMs,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      roleNames,
    };
  } finally {
    iam.destroy();
  }

  async function createPair(client: IAMClient, roleName: string, i: number) {
    const user = benchUser(i % options.users);
    await client.send(
      new CreateRoleCommand({
        RoleName: roleName,
        Path: '/bench-floor/',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: {
                AWS: [
                  `arn:aws:iam::${ACCOUNT_ID}:user/dev-${i % options.users}`,
                ],
              },
              Action: 'sts:AssumeRole',
              Condition: condition,
            },
          ],
        }),
        Description: `Backstage AWS access grant floor-${i} for ${user}`,
        MaxSessionDuration: 3600,
        Tags: [
          { Key: 'backstage-access:grant-id', Value: `floor-${i}` },
          { Key: 'backstage-access:requester', Value: user },
          { Key: 'backstage-access:expires-at', Value: expiresAt },
        ],
      }),
    );
    await client.send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: 'backstage-access-grant',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:ListBucket'],
              Resource: [`arn:aws:s3:::bench-floor-${i}`],
              Condition: condition,
            },
            {
              Effect: 'Allow',
              Action: ['s3:GetObject'],
              Resource: [`arn:aws:s3:::bench-floor-${i}/*`],
              Condition: condition,
            },
          ],
        }),
      }),
    );
  }
}

async function deletePair(iam: IAMClient, roleName: string) {
  await iam.send(
    new DeleteRolePolicyCommand({
      RoleName: roleName,
      PolicyName: 'backstage-access-grant',
    }),
  );
  await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
}

/** Removes the floor's roles again (straight at moto, not counted). */
export async function removeFloorRoles(
  endpoint: string,
  roleNames: string[],
): Promise<void> {
  const iam = new IAMClient({ region: 'us-east-1', endpoint });
  try {
    await mapConcurrent(roleNames, 10, name => deletePair(iam, name));
  } finally {
    iam.destroy();
  }
}
