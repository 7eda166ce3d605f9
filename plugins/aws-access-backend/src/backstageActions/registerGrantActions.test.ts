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
import { DatabaseGrantStore } from '../database/DatabaseGrantStore';
import { RecordingProvisioner } from '../service/__testUtils__/RecordingProvisioner';
import {
  ALICE,
  BOB,
  BUCKET,
  CATALOGUED_BUCKET,
  HOME,
  OTHER,
  PAT,
  TEAM,
} from '../service/__testUtils__/testApp';
import {
  attackConfig,
  expectIamMatchesGrants,
  MALLORY,
  mallory,
  readRequest,
} from '../service/__testUtils__/testFixtures';
import { createActionsTestApp } from './__testUtils__/actionsTestApp';

jest.setTimeout(60_000);

const ask = readRequest;

describe('Backstage actions', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let t: Awaited<ReturnType<typeof createActionsTestApp>>;
    let iam: RecordingProvisioner;
    let store: DatabaseGrantStore;

    beforeEach(async () => {
      iam = new RecordingProvisioner();
      t = await createActionsTestApp({
        provisioner: iam,
        knex: await databases.init(databaseId),
        config: attackConfig,
        entities: [mallory],
      });
      store = t.store;
    });

    // The invariants hold after every test.
    afterEach(() => expectIamMatchesGrants(store, iam));

    it('registers the whole lifecycle with schemas and attributes', async () => {
      const { actions } = await t.registry.list();
      const byName = Object.fromEntries(actions.map(a => [a.name, a]));
      expect(Object.keys(byName).sort()).toEqual([
        'approve-request',
        'cancel-request',
        'extend-grant',
        'get-grant',
        'list-break-glass-reviews',
        'list-iam-actions',
        'list-my-grants',
        'preview-request',
        'reject-request',
        'request-access',
        'review-break-glass',
        'revoke-grant',
      ]);
      for (const name of [
        'get-grant',
        'list-my-grants',
        'list-iam-actions',
        'preview-request',
      ]) {
        expect(byName[name].attributes).toEqual({
          readOnly: true,
          destructive: false,
          idempotent: true,
        });
      }
      expect(byName['revoke-grant'].attributes).toEqual({
        readOnly: false,
        destructive: true,
        idempotent: true,
      });
      expect(byName['request-access'].attributes.readOnly).toBe(false);
      expect(byName['request-access'].schema.input).toMatchObject({
        required: expect.arrayContaining([
          'resourceArn',
          'actions',
          'durationMinutes',
          'reason',
        ]),
      });
      // The registry only keeps options; visibility is on every action.
      for (const options of t.registry.actions.values()) {
        expect(options.visibilityPermission?.name).toBe(
          'aws-access.grant.create',
        );
      }
    });

    it('requests, shows, lists, extends and revokes an auto-approved grant', async () => {
      const { grant } = await t.invoke('request-access', ask(BUCKET), ALICE);
      expect(grant).toMatchObject({
        state: 'active',
        requester: ALICE,
        accountId: HOME,
        actions: ['s3:GetObject'],
        roleArn: expect.stringMatching(/:role\/backstage-access\//),
        expiresAt: expect.any(String),
      });
      expect(grant.awsCli.profile).toMatch(/^aws-access-/);
      expect(grant.awsCli.config).toContain(`role_arn = ${grant.roleArn}`);
      expect(grant.next).toContain(`--profile ${grant.awsCli.profile}`);

      const got = await t.invoke('get-grant', { grantId: grant.id }, ALICE);
      expect(got.grant.id).toBe(grant.id);
      expect(got.events.map((e: any) => e.type)).toContain('requested');

      const mine = await t.invoke('list-my-grants', {}, ALICE);
      expect(mine.items.map((g: any) => g.id)).toEqual([grant.id]);
      expect(
        (await t.invoke('list-my-grants', { state: ['revoked'] }, ALICE)).items,
      ).toEqual([]);
      // Bob's own list does not hold Alice's grant.
      expect((await t.invoke('list-my-grants', {}, BOB)).items).toEqual([]);

      const extended = await t.invoke(
        'extend-grant',
        { grantId: grant.id, durationMinutes: 10 },
        ALICE,
      );
      expect(Date.parse(extended.grant.expiresAt)).toBe(
        Date.parse(grant.expiresAt) + 10 * 60_000,
      );

      const revoked = await t.invoke(
        'revoke-grant',
        { grantId: grant.id, reason: 'done' },
        ALICE,
      );
      expect(revoked.grant.state).toBe('revoked');
      expect(revoked.grant.awsCli).toBeUndefined();
      expect(iam.roles.size).toBe(0);
      // Idempotent.
      const again = await t.invoke(
        'revoke-grant',
        { grantId: grant.id },
        ALICE,
      );
      expect(again.grant.state).toBe('revoked');
    });

    it('says who must approve, lets the owner approve, and never the requester', async () => {
      const { grant } = await t.invoke(
        'request-access',
        ask(CATALOGUED_BUCKET, { actions: ['s3:PutObject'] }),
        MALLORY,
      );
      expect(grant).toMatchObject({
        state: 'pending',
        accountId: OTHER,
        awaitingApproval: {
          approvalsNeeded: 1,
          approverGroups: [TEAM],
          approvedSoFar: [],
        },
      });
      expect(grant.roleArn).toBeUndefined();

      const own = await t.refusal(
        'approve-request',
        { grantId: grant.id },
        MALLORY,
      );
      expect(own.name).toBe('NotAllowedError');
      // Alice is neither owner nor approver.
      const alice = await t.refusal(
        'approve-request',
        { grantId: grant.id },
        ALICE,
      );
      expect(alice.name).toBe('NotAllowedError');

      const inbox = await t.invoke(
        'list-my-grants',
        { scope: 'awaiting-my-approval' },
        BOB,
      );
      expect(inbox.items.map((g: any) => g.id)).toEqual([grant.id]);
      expect(
        (
          await t.invoke(
            'list-my-grants',
            { scope: 'awaiting-my-approval' },
            MALLORY,
          )
        ).items,
      ).toEqual([]);

      const approved = await t.invoke(
        'approve-request',
        { grantId: grant.id, comment: 'ok' },
        BOB,
      );
      expect(approved.grant).toMatchObject({
        state: 'active',
        approvedBy: BOB,
      });
      await t.invoke('revoke-grant', { grantId: grant.id }, MALLORY);
    });

    it('rejects and cancels pending requests', async () => {
      const first = await t.invoke(
        'request-access',
        ask(CATALOGUED_BUCKET, { actions: ['s3:PutObject'] }),
        MALLORY,
      );
      const rejected = await t.invoke(
        'reject-request',
        { grantId: first.grant.id, comment: 'no' },
        BOB,
      );
      expect(rejected.grant.state).toBe('rejected');

      const second = await t.invoke(
        'request-access',
        ask(CATALOGUED_BUCKET, { actions: ['s3:DeleteObject'] }),
        MALLORY,
      );
      const notBobs = await t.refusal(
        'cancel-request',
        { grantId: second.grant.id },
        ALICE,
      );
      expect(notBobs.name).toBe('NotAllowedError');
      const cancelled = await t.invoke(
        'cancel-request',
        { grantId: second.grant.id, reason: 'not needed' },
        MALLORY,
      );
      expect(cancelled.grant.state).toBe('cancelled');
      expect(iam.calls).toEqual([]);
    });

    it('previews the exact policies and approvers, creating nothing', async () => {
      const { preview } = await t.invoke(
        'preview-request',
        ask(CATALOGUED_BUCKET, { actions: ['s3:PutObject'] }),
        MALLORY,
      );
      expect(preview.approval).toEqual({
        mode: 'owner',
        count: 1,
        approverGroups: [TEAM],
      });
      expect(JSON.stringify(preview.permissionPolicy)).toContain(
        's3:PutObject',
      );
      expect(JSON.stringify(preview.trustPolicy)).toContain(
        `arn:aws:iam::${HOME}:user/mallory`,
      );
      expect((await store.listGrants({ limit: 10 })).items).toHaveLength(0);

      const { items } = await t.invoke(
        'list-iam-actions',
        { resourceArn: BUCKET },
        ALICE,
      );
      expect(items.map((a: any) => a.action)).toContain('s3:GetObject');
    });

    it("keeps other users' grants out of reach", async () => {
      const { grant } = await t.invoke('request-access', ask(BUCKET), ALICE);
      for (const [name, input] of [
        ['get-grant', { grantId: grant.id }],
        ['revoke-grant', { grantId: grant.id }],
        ['extend-grant', { grantId: grant.id, durationMinutes: 5 }],
        ['cancel-request', { grantId: grant.id }],
      ] as const) {
        const error = await t.refusal(name, input, MALLORY);
        expect([name, error.name]).toEqual([name, 'NotAllowedError']);
      }
      const missing = await t.refusal(
        'get-grant',
        { grantId: '00000000-0000-4000-8000-000000000000' },
        ALICE,
      );
      expect(missing.name).toBe('NotFoundError');
      expect(
        (await t.invoke('get-grant', { grantId: grant.id }, ALICE)).grant.state,
      ).toBe('active');
      await t.invoke('revoke-grant', { grantId: grant.id }, ALICE);
    });

    it('acts for users only, never for a service or the body', async () => {
      const service = await t
        .invoke('request-access', ask(BUCKET), 'service')
        .catch(e => e);
      expect(service.name).toBe('NotAllowedError');
      // A requester field is not part of the input; the registry strips it
      // and the grant is the caller's.
      const { grant } = await t.invoke(
        'request-access',
        { ...ask(BUCKET), requester: ALICE },
        MALLORY,
      );
      expect(grant.requester).toBe(MALLORY);
      await t.invoke('revoke-grant', { grantId: grant.id }, MALLORY);
    });

    it.each([
      ['no actions', { actions: [] }, /Invalid input/],
      ['a string for actions', { actions: 's3:GetObject' }, /Invalid input/],
      ['a duration too long', { durationMinutes: 600 }, /at most 60/],
      ['a fractional duration', { durationMinutes: 1.5 }, /Invalid input/],
      [
        'a bidi override in the reason',
        { reason: 'ok \u202Edevorppa' },
        /^reason /,
      ],
      ['a NUL in the reason', { reason: 'ok\u0000' }, /^reason /],
      ['a bad accountId', { accountId: '12' }, /accountId/],
    ])('answers %s with an InputError', async (_, patch, message) => {
      const error = await t.refusal(
        'request-access',
        ask(BUCKET, patch),
        MALLORY,
      );
      expect(error.name).toBe('InputError');
      expect(error.message).toMatch(message);
      expect(iam.calls).toEqual([]);
    });

    it.each([
      [
        'a policy variable',
        'arn:aws:s3:::${aws:UserAgent}',
        /policy variables/,
      ],
      ['path traversal', `${BUCKET}/../catalogued-bucket`, /path segment/],
      ['a regex-like pipe', `${BUCKET}|catalogued-bucket`, /separators/],
      [
        'a case variant',
        'arn:aws:s3:::GRANTED-BUCKET',
        /not a resource the catalog knows/,
      ],
      ['a zero-width space', `arn:aws:s3:::granted\u200B-bucket`, /U\+200B/],
      ['a wildcard bucket', 'arn:aws:s3:::granted-*', /wildcards/],
      ['a look-alike', `${BUCKET}-backup`, /not a resource the catalog knows/],
      [
        'the manager role',
        `arn:aws:iam::${HOME}:role/BackstageAccessManager`,
        /cannot be granted on/,
      ],
      [
        'the boundary',
        `arn:aws:iam::${HOME}:policy/BackstageAccessGrantBoundary`,
        /cannot be granted on/,
      ],
      ['not an ARN', 'granted-bucket', /resourceArn/],
    ])(
      'refuses %s through request, preview and list-iam-actions, before any IAM call',
      async (_, arn, why) => {
        for (const name of ['request-access', 'preview-request']) {
          const error = await t.refusal(name, ask(arn), MALLORY);
          expect([name, error.name]).toEqual([name, 'InputError']);
          expect(error.message).toMatch(/^resourceArn: /);
          expect(error.message).toMatch(why);
        }
        // Like GET /actions, the action list needs a well-formed ARN that is
        // not part of the access system; it does not ask the inventory.
        const listed = await t
          .invoke('list-iam-actions', { resourceArn: arn }, MALLORY)
          .then(
            () => 'listed',
            (e: Error) => e.name,
          );
        expect(listed).toBe(
          /catalog knows/.test(why.source) ? 'listed' : 'InputError',
        );
        expect(iam.calls).toEqual([]);
      },
    );

    it("cannot be granted IAM writes on another user's grant role", async () => {
      const { grant } = await t.invoke('request-access', ask(BUCKET), ALICE);
      const error = await t.refusal(
        'request-access',
        ask(grant.roleArn, { actions: ['iam:PutRolePolicy'] }),
        MALLORY,
      );
      expect(error.name).toBe('InputError');
      expect(error.message).toMatch(/grant roles cannot be granted on/);
      expect(iam.callsOf('createRole')).toBe(1);
      await t.invoke('revoke-grant', { grantId: grant.id }, ALICE);
    });

    it('cannot move a production bucket into the sandbox with accountId', async () => {
      const error = await t.refusal(
        'request-access',
        ask(CATALOGUED_BUCKET, { accountId: HOME }),
        MALLORY,
      );
      expect(error.message).toBe(
        `accountId: ${CATALOGUED_BUCKET} does not exist in account ${HOME}; it exists in ${OTHER}`,
      );
    });

    it('refuses users without an AWS principal, or without the permission', async () => {
      const gone = await t.refusal(
        'request-access',
        ask(BUCKET),
        'user:default/deleted',
      );
      expect(gone.name).toBe('NotAllowedError');
      expect(gone.message).toMatch(/^no AWS principal is known for you/);
      expect((await t.refusal('request-access', ask(BUCKET), PAT)).name).toBe(
        'NotAllowedError',
      );
      const denied = await createActionsTestApp({
        provisioner: iam,
        knex: await databases.init(databaseId),
        config: attackConfig,
        entities: [mallory],
        deniedPermissions: ['aws-access.grant.create'],
      });
      for (const name of ['request-access', 'preview-request']) {
        const error = await denied.refusal(name, ask(BUCKET), MALLORY);
        expect(error.name).toBe('NotAllowedError');
      }
      expect(iam.calls).toEqual([]);
    });

    it('decides extend by aws-access.grant.extend, apart from revoke, as the REST API does', async () => {
      const denied = await createActionsTestApp({
        provisioner: iam,
        knex: await databases.init(databaseId),
        config: attackConfig,
        entities: [mallory],
        deniedPermissions: ['aws-access.grant.extend'],
      });
      const { grant } = await denied.invoke(
        'request-access',
        ask(BUCKET),
        MALLORY,
      );
      const error = await denied.refusal(
        'extend-grant',
        { grantId: grant.id, durationMinutes: 30 },
        MALLORY,
      );
      expect(error.name).toBe('NotAllowedError');
      const revoked = await denied.invoke(
        'revoke-grant',
        { grantId: grant.id },
        MALLORY,
      );
      expect(revoked.grant.state).toBe('revoked');
    });

    it('caps waiting requests and duplicates as the REST API does', async () => {
      for (const action of [
        's3:PutObject',
        's3:DeleteObject',
        's3:PutObjectTagging',
      ]) {
        await t.invoke(
          'request-access',
          ask(CATALOGUED_BUCKET, { actions: [action] }),
          MALLORY,
        );
      }
      const fourth = await t.refusal(
        'request-access',
        ask(CATALOGUED_BUCKET, { actions: ['s3:AbortMultipartUpload'] }),
        MALLORY,
      );
      expect(fourth.name).toBe('ConflictError');
      expect(fourth.message).toMatch(/already have 3 requests waiting/);

      const { grant } = await t.invoke('request-access', ask(BUCKET), ALICE);
      const duplicate = await t.refusal('request-access', ask(BUCKET), ALICE);
      expect(duplicate.name).toBe('ConflictError');
      await t.invoke('revoke-grant', { grantId: grant.id }, ALICE);
    });

    it('takes break-glass only where a rule allows it, with the same refusals', async () => {
      const bg = await createActionsTestApp({
        provisioner: iam,
        knex: await databases.init(databaseId),
        config: {
          awsAccess: {
            ...attackConfig.awsAccess,
            approval: {
              rules: [
                { accountIds: [OTHER], approvers: 'owner', breakGlass: true },
                ...attackConfig.awsAccess.approval.rules,
              ],
            },
          },
        },
        entities: [mallory],
      });
      const emergency = ask(CATALOGUED_BUCKET, {
        actions: ['s3:PutObject'],
        reason: 'payments are failing, incident INC-4711',
        breakGlass: { confirmed: true },
      });
      const { preview } = await bg.invoke('preview-request', emergency, ALICE);
      expect(preview.breakGlass).toEqual({
        allowed: true,
        maxDurationMinutes: 60,
      });
      const short = await bg.refusal(
        'request-access',
        { ...emergency, reason: 'urgent' },
        ALICE,
      );
      expect(short.name).toBe('InputError');
      expect(short.message).toMatch(/at least 20 characters/);
      const unconfirmed = await bg.refusal(
        'request-access',
        { ...emergency, breakGlass: { confirmed: false } },
        ALICE,
      );
      expect(unconfirmed.name).toBe('InputError');
      const sandbox = await bg.refusal(
        'request-access',
        { ...emergency, resourceArn: BUCKET },
        ALICE,
      );
      expect(sandbox.message).toMatch(/no approval rule allows break-glass/);

      const { grant } = await bg.invoke('request-access', emergency, ALICE);
      expect(grant).toMatchObject({ state: 'active', breakGlass: true });

      // The owner reviews it through the actions too; never the requester.
      const own = await bg.refusal(
        'review-break-glass',
        { grantId: grant.id, decision: 'confirm' },
        ALICE,
      );
      expect(own.name).toBe('NotAllowedError');
      expect(
        (await bg.invoke('list-break-glass-reviews', {}, ALICE)).items,
      ).toEqual([]);
      const queue = await bg.invoke('list-break-glass-reviews', {}, BOB);
      expect(queue.items.map((i: any) => i.grant.id)).toEqual([grant.id]);
      const flagged = await bg.invoke(
        'review-break-glass',
        { grantId: grant.id, decision: 'flag', comment: 'no such incident' },
        BOB,
      );
      expect(flagged.review).toMatchObject({
        state: 'flagged',
        reviewedBy: BOB,
      });
      const twice = await bg.refusal(
        'review-break-glass',
        { grantId: grant.id, decision: 'confirm' },
        BOB,
      );
      expect(twice.name).toBe('ConflictError');
      const bad = await bg.refusal(
        'review-break-glass',
        { grantId: grant.id, decision: 'maybe' },
        BOB,
      );
      expect(bad.name).toBe('InputError');
      await bg.invoke('revoke-grant', { grantId: grant.id }, ALICE);
    });

    it('cannot chain extensions past the total lifetime', async () => {
      const { grant } = await t.invoke('request-access', ask(BUCKET), MALLORY);
      await t.invoke(
        'extend-grant',
        { grantId: grant.id, durationMinutes: 60 },
        MALLORY,
      );
      const refused = await t.refusal(
        'extend-grant',
        { grantId: grant.id, durationMinutes: 60 },
        MALLORY,
      );
      expect(refused.name).toBe('ConflictError');
      expect(refused.message).toMatch(/longest allowed/);
      await t.invoke('revoke-grant', { grantId: grant.id }, MALLORY);
    });
  });
});
