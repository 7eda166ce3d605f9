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

import { mockCredentials } from '@backstage/backend-test-utils';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AddressInfo } from 'node:net';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  policyPermissions,
  testPolicy,
} from '../service/__testUtils__/testPermissions';
import {
  describeMoto,
  type MotoBackend,
  startMotoBackend,
} from '../service/__testUtils__/motoBackend';
import { ALL_ACTION_NAMES } from './__testUtils__/actionsTestApp';

/**
 * An MCP client (the SDK's Streamable HTTP transport) against a started
 * backend with the MCP actions backend, the real actions registry and
 * actions service, and aws-access provisioning in moto: what an AI agent
 * does with a user's token.
 */
jest.setTimeout(120_000);

const BUCKET = 'mcp-bucket';
const ALICE = 'user:default/alice';

describeMoto('aws-access over MCP', () => {
  let moto: MotoBackend['moto'];
  let backend: Awaited<ReturnType<typeof startMotoBackend>>['backend'];
  let url: URL;

  beforeAll(async () => {
    ({ moto, backend } = await startMotoBackend({
      buckets: [BUCKET],
      users: ['alice'],
      config: {
        backend: { actions: { pluginSources: ['aws-access'] } },
        mcpActions: {
          servers: {
            'aws-access': {
              name: 'aws-access',
              description: 'Time-bound AWS access',
              filter: { include: [{ id: 'aws-access:*' }] },
            },
          },
        },
      },
      features: [
        mcpActionsPlugin,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        // The adopters' default policy: requesters and owners act on their grants.
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () =>
            policyPermissions(
              testPolicy({ adminGroup: 'group:default/aws-admins' }),
              {
                async getUserInfo(credentials: any) {
                  const ref = credentials.principal.userEntityRef;
                  return { userEntityRef: ref, ownershipEntityRefs: [ref] };
                },
              },
            ),
        }),
      ],
    }));
    const { port } = backend.server.address() as AddressInfo;
    url = new URL(`http://localhost:${port}/api/mcp-actions/v1/aws-access`);
  });

  afterAll(async () => {
    await backend?.stop();
    await moto?.stop();
  });

  async function connect(token: string) {
    const client = new Client({ name: 'aws-access-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(url, {
        requestInit: { headers: { Authorization: token } },
      }),
    );
    return client;
  }

  const json = (result: any) => JSON.parse(result.content[0].text);

  it('lists the tools, requests access, sees it active, revokes it; bad input is a tool error', async () => {
    const client = await connect(mockCredentials.user.header(ALICE));
    try {
      const { tools } = await client.listTools();
      const names = tools.map(t => t.name).sort();
      expect(names).toEqual(ALL_ACTION_NAMES.map(n => `aws-access.${n}`));
      const requestTool = tools.find(
        t => t.name === 'aws-access.request-access',
      )!;
      expect(requestTool.inputSchema.required).toEqual(
        expect.arrayContaining([
          'resourceArn',
          'actions',
          'durationMinutes',
          'reason',
        ]),
      );
      expect(requestTool.annotations).toMatchObject({ readOnlyHint: false });

      const requested = await client.callTool({
        name: 'aws-access.request-access',
        arguments: {
          resourceArn: `arn:aws:s3:::${BUCKET}`,
          actions: ['s3:GetObject', 's3:ListBucket'],
          durationMinutes: 15,
          reason: 'debugging an MCP agent',
        },
      });
      expect(requested.isError).toBeFalsy();
      const { grant } = json(requested);
      expect(grant).toMatchObject({
        state: 'active',
        requester: ALICE,
        roleArn: expect.stringContaining(':role/backstage-access/'),
        awsCli: { profile: expect.stringMatching(/^aws-access-/) },
      });
      // The role really exists in (emulated) AWS.
      const iam = new IAMClient({ region: 'us-east-1' });
      await expect(
        iam.send(new GetRoleCommand({ RoleName: grant.roleName })),
      ).resolves.toBeDefined();

      const mine = json(
        await client.callTool({
          name: 'aws-access.list-my-grants',
          arguments: { state: ['active'] },
        }),
      );
      expect(mine.items.map((g: any) => g.id)).toEqual([grant.id]);

      const revoked = json(
        await client.callTool({
          name: 'aws-access.revoke-grant',
          arguments: { grantId: grant.id, reason: 'done' },
        }),
      );
      expect(revoked.grant.state).toBe('revoked');
      await expect(
        iam.send(new GetRoleCommand({ RoleName: grant.roleName })),
      ).rejects.toMatchObject({ name: expect.stringMatching(/^NoSuchEntity/) });

      // Bad input: a clear tool error, the session goes on.
      const missing = await client.callTool({
        name: 'aws-access.request-access',
        arguments: { resourceArn: `arn:aws:s3:::${BUCKET}` },
      });
      expect(missing.isError).toBe(true);
      expect((missing.content as any)[0].text).toMatch(/^InputError: /);

      const hostile = await client.callTool({
        name: 'aws-access.request-access',
        arguments: {
          resourceArn: 'arn:aws:s3:::${aws:username}',
          actions: ['s3:GetObject'],
          durationMinutes: 15,
          reason: 'x',
        },
      });
      expect(hostile.isError).toBe(true);
      expect((hostile.content as any)[0].text).toMatch(
        /^InputError: resourceArn: .*policy variables/,
      );

      const unknown = await client.callTool({
        name: 'aws-access.get-grant',
        arguments: { grantId: 'nope' },
      });
      expect(unknown.isError).toBe(true);
      expect((unknown.content as any)[0].text).toMatch(/^NotFoundError: /);
    } finally {
      await client.close();
    }
  });

  it("refuses another user's grant and a connection without a token", async () => {
    const alice = await connect(mockCredentials.user.header(ALICE));
    const { grant } = json(
      await alice.callTool({
        name: 'aws-access.request-access',
        arguments: {
          resourceArn: `arn:aws:s3:::${BUCKET}`,
          actions: ['s3:GetObject'],
          durationMinutes: 15,
          reason: 'mine only',
        },
      }),
    );
    const mallory = await connect(
      mockCredentials.user.header('user:default/mallory'),
    );
    try {
      const stolen = await mallory.callTool({
        name: 'aws-access.revoke-grant',
        arguments: { grantId: grant.id },
      });
      expect(stolen.isError).toBe(true);
      expect((stolen.content as any)[0].text).toMatch(/^NotAllowedError: /);
      await alice.callTool({
        name: 'aws-access.revoke-grant',
        arguments: { grantId: grant.id },
      });
    } finally {
      await mallory.close();
      await alice.close();
    }
    await expect(connect('Bearer not-a-token')).rejects.toThrow();
  });
});
