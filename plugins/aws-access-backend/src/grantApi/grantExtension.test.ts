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

import { TestDatabases } from '@backstage/backend-test-utils';
import { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import express from 'express';
import request from 'supertest';
import { GrantRecord } from '../database/types';
import { RecordingProvisioner } from '../service/__testUtils__/RecordingProvisioner';
import {
  accessConfig,
  BUCKET,
  createTestApp,
  HOME,
} from '../service/__testUtils__/testApp';
import { describeExtension, extendedExpiry } from './grantExtension';

jest.setTimeout(60_000);

const NOW = new Date('2026-12-01T10:00:00Z');
const minutes = (n: number) => n * 60_000;
const at = (n: number) => new Date(NOW.getTime() + minutes(n));

describe('extendedExpiry', () => {
  const grant = { createdAt: at(-30), activatedAt: at(-30), expiresAt: at(30) };

  it('adds N to the current expiry', () => {
    expect(extendedExpiry(grant, 15, { maxDurationMinutes: 720 }, NOW)).toEqual(
      at(45),
    );
  });

  it('is capped by the maximum duration from now', () => {
    expect(
      extendedExpiry(grant, 700, { maxDurationMinutes: 720 }, NOW),
    ).toEqual(at(720));
  });

  it('is capped by the total lifetime from activation', () => {
    expect(
      extendedExpiry(
        grant,
        120,
        { maxDurationMinutes: 720, maxTotalLifetimeMinutes: 120 },
        NOW,
      ),
    ).toEqual(at(90));
  });
});

describe('describeExtension', () => {
  const record = {
    state: 'active',
    createdAt: at(-30),
    activatedAt: at(-30),
    expiresAt: at(30),
  } as GrantRecord;

  it('says who must approve instead of naming rules or ids', () => {
    const result = describeExtension(
      record,
      {
        mode: 'groups',
        approverGroups: ['group:default/team-data'],
        count: 1,
        ruleIndex: 2,
      },
      { maxDurationMinutes: 720 },
      NOW,
    );
    expect(result?.allowed).toBe(false);
    expect(result?.reason).toMatch(/needs approval by team-data/);
    expect(result?.reason).not.toMatch(/rule|group:|3/);
  });

  it('refuses, with the reason, once the total lifetime is used up', () => {
    expect(
      describeExtension(
        record,
        { mode: 'auto' },
        { maxDurationMinutes: 720, maxTotalLifetimeMinutes: 60 },
        NOW,
      ),
    ).toEqual({
      allowed: false,
      reason: expect.stringMatching(/longest a grant may last in all/),
    });
  });

  it('allows it, with the limits the dialog shows', () => {
    expect(
      describeExtension(
        record,
        { mode: 'auto' },
        { maxDurationMinutes: 720 },
        NOW,
      ),
    ).toEqual({ allowed: true, maxDurationMinutes: 720 });
    expect(
      describeExtension(
        { ...record, state: 'expired' } as GrantRecord,
        { mode: 'auto' },
        { maxDurationMinutes: 720 },
        NOW,
      ),
    ).toBeUndefined();
  });
});

describe('POST /grants/:id/extend', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let app: express.Express;

  async function start(config: object = accessConfig) {
    ({ app } = await createTestApp({
      provisioner: new RecordingProvisioner(),
      knex: await databases.init('SQLITE_3'),
      config,
    }));
    const created = await request(app)
      .post('/grants')
      .send({
        resourceArn: BUCKET,
        actions: ['s3:GetObject'],
        durationMinutes: 15,
        reason: 'reading',
        accountId: HOME,
      });
    expect(created.status).toBe(201);
    return created.body as Grant;
  }

  const extend = (grant: Grant, durationMinutes: number) =>
    request(app).post(`/grants/${grant.id}/extend`).send({ durationMinutes });

  it('adds the minutes to the current expiry, and the API says so', async () => {
    const grant = await start();
    expect(grant.extension).toEqual({
      allowed: true,
      maxDurationMinutes: 720,
      lifetimeEndsAt: expect.any(String),
    });
    const extended = await extend(grant, 15);
    expect(extended.status).toBe(200);
    expect(
      Date.parse(extended.body.expiresAt) - Date.parse(grant.expiresAt!),
    ).toBe(minutes(15));
    const again = await extend(grant, 15);
    expect(
      Date.parse(again.body.expiresAt) - Date.parse(grant.expiresAt!),
    ).toBe(minutes(30));
  });

  it('stops at the total lifetime, then refuses in words', async () => {
    const grant = await start({
      awsAccess: {
        ...accessConfig.awsAccess,
        limits: { maxTotalLifetime: { minutes: 20 } },
      },
    });
    const extended = await extend(grant, 60);
    expect(extended.status).toBe(200);
    expect(
      Date.parse(extended.body.expiresAt) - Date.parse(grant.activatedAt!),
    ).toBeLessThanOrEqual(minutes(20));
    expect(extended.body.extension).toMatchObject({ allowed: false });
    const refused = await extend(grant, 60);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/longest allowed/);
  });
});
