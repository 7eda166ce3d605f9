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
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { auditorServiceFactory } from '@backstage/backend-defaults/auditor';
import {
  ServiceFactoryTester,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import request from 'supertest';
import { RecordingProvisioner } from '../service/__testUtils__/RecordingProvisioner';
import {
  as,
  accessConfig,
  ALICE,
  BOB,
  CATALOGUED_BUCKET,
  createTestApp,
  OTHER,
} from '../service/__testUtils__/testApp';

jest.setTimeout(60_000);

interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  meta: Record<string, any>;
}

/** A logger that keeps what it is given, as a log shipper would see it. */
function capturingLogger(
  lines: LogLine[],
  fields: Record<string, any> = {},
): LoggerService {
  const at = (level: LogLine['level']) => (message: string, meta?: any) =>
    lines.push({ level, message, meta: { ...fields, ...meta } });
  return {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    child: meta => capturingLogger(lines, { ...fields, ...meta }),
  };
}

/** Reads are granted at once; anything more waits for the bucket's owner. */
const config = {
  awsAccess: {
    ...accessConfig.awsAccess,
    approval: {
      rules: [
        {
          accountIds: [OTHER],
          accessLevels: ['List', 'Read'],
          approvers: 'auto',
        },
        { accountIds: [OTHER], approvers: 'owner' },
      ],
    },
  },
};

describe('the audit log at its default level', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('shows every decision on a grant, who made it, and why', async () => {
    const lines: LogLine[] = [];
    const auditor = await ServiceFactoryTester.from(auditorServiceFactory, {
      dependencies: [
        createServiceFactory({
          service: coreServices.logger,
          deps: {},
          factory: () => capturingLogger(lines),
        }),
      ],
    }).getSubject('aws-access');
    const { app } = await createTestApp({
      provisioner: new RecordingProvisioner(),
      knex: await databases.init('SQLITE_3'),
      config,
      auditor,
    });
    const post = async (path: string, user: string, body: object) => {
      const res = await request(app)
        .post(path)
        .set('authorization', as(user))
        .send(body);
      expect(res.body.error?.message).toBeUndefined();
      return res.body as Grant;
    };
    const ask = (actions: string[], reason: string) =>
      post('/grants', ALICE, {
        resourceArn: CATALOGUED_BUCKET,
        actions,
        durationMinutes: 60,
        reason,
      });

    const read = await ask(['s3:GetObject'], 'reason: read invoices');
    await post(`/grants/${read.id}/extend`, ALICE, {
      durationMinutes: 90,
      reason: 'reason: still reading',
    });
    await post(`/grants/${read.id}/revoke`, ALICE, {
      reason: 'reason: done reading',
    });
    const write = await ask(['s3:PutObject'], 'reason: backfill');
    await post(`/grants/${write.id}/approve`, BOB, {
      comment: 'reason: backfill is fine',
    });
    const remove = await ask(['s3:DeleteObject'], 'reason: clean up');
    await post(`/grants/${remove.id}/reject`, BOB, {
      comment: 'reason: not today',
    });
    const acl = await ask(['s3:PutObjectAcl'], 'reason: share a file');
    await post(`/grants/${acl.id}/cancel`, ALICE, {
      reason: 'reason: found another way',
    });

    // What an operator sees with the default `info` level: debug is hidden.
    const shown = lines.filter(l => l.level !== 'debug' && l.meta.isAuditEvent);
    const decisions = shown
      .filter(l => l.meta.status === 'succeeded')
      .map(l => [
        l.message,
        l.meta.meta?.actor,
        l.meta.meta?.reason ?? l.meta.meta?.comment,
      ]);
    expect(decisions).toEqual(
      expect.arrayContaining([
        ['aws-access.grant-request', ALICE, 'reason: read invoices'],
        ['aws-access.grant-extend', ALICE, 'reason: still reading'],
        ['aws-access.grant-revoke', ALICE, 'reason: done reading'],
        ['aws-access.grant-approve', BOB, 'reason: backfill is fine'],
        ['aws-access.grant-reject', BOB, 'reason: not today'],
        ['aws-access.grant-cancel', ALICE, 'reason: found another way'],
      ]),
    );
  });
});
