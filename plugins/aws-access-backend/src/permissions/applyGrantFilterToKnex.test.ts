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
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { Knex } from 'knex';
import { applyGrantFilterToKnex } from './applyGrantFilterToKnex';
import { grantConditions } from './conditions';
import { AwsAccessGrantResource, GrantFilter } from './resource';
import { grantPermissionRules } from './rules';

jest.setTimeout(60_000);

const GRANTS: AwsAccessGrantResource[] = [
  {
    id: 'g1',
    requester: 'user:default/guest',
    resourceOwner: 'group:default/team-payments',
    state: 'pending',
  },
  {
    id: 'g2',
    requester: 'user:default/guest',
    resourceOwner: 'group:default/team-data',
    state: 'active',
  },
  {
    id: 'g3',
    requester: 'user:default/bob',
    resourceOwner: 'group:default/team-payments',
    state: 'pending',
  },
  {
    id: 'g4',
    requester: 'user:default/bob',
    resourceOwner: undefined,
    state: 'active',
  },
  {
    id: 'g5',
    requester: 'user:default/alice',
    resourceOwner: 'group:default/team-data',
    state: 'revoked',
  },
];

const rules = Object.values(grantPermissionRules);
const ruleset: PermissionRuleset<AwsAccessGrantResource, GrantFilter> = {
  getRuleByName(name) {
    const rule = rules.find(r => r.name === name);
    if (!rule) throw new Error(`no rule ${name}`);
    return rule as any;
  },
};
const toFilter = createConditionTransformer(ruleset);
const isAllowed = createConditionAuthorizer(ruleset);

const guest = grantConditions.isRequester({ claims: ['user:default/guest'] });
const ownedByPayments = grantConditions.isResourceOwner({
  claims: ['user:default/alice', 'group:default/team-payments'],
});
const pending = grantConditions.hasState({ states: ['pending'] });

type Criteria = PermissionCriteria<PermissionCondition<'aws-access-grant'>>;

/** Conditions as a policy would write them, and the grants they allow. */
const CASES: Array<{ name: string; conditions: Criteria; ids: string[] }> = [
  { name: 'requester', conditions: guest, ids: ['g1', 'g2'] },
  { name: 'resource owner', conditions: ownedByPayments, ids: ['g1', 'g3'] },
  { name: 'state', conditions: pending, ids: ['g1', 'g3'] },
  {
    name: 'requester or owner (the demo read rule)',
    conditions: { anyOf: [guest, ownedByPayments] },
    ids: ['g1', 'g2', 'g3'],
  },
  {
    name: 'owner and pending (an approvals inbox)',
    conditions: { allOf: [ownedByPayments, pending] },
    ids: ['g1', 'g3'],
  },
  {
    name: 'not owned by payments keeps grants without an owner',
    conditions: { not: ownedByPayments },
    ids: ['g2', 'g4', 'g5'],
  },
  {
    name: 'not (requester or pending)',
    conditions: { not: { anyOf: [guest, pending] } },
    ids: ['g4', 'g5'],
  },
  {
    name: 'nested: pending and not mine, or mine',
    conditions: {
      anyOf: [{ allOf: [pending, { not: guest }] }, guest],
    },
    ids: ['g1', 'g2', 'g3'],
  },
  {
    name: 'claims in another case still match',
    conditions: grantConditions.isRequester({ claims: ['User:Default/Bob'] }),
    ids: ['g3', 'g4'],
  },
  {
    name: 'no claims match nothing',
    conditions: grantConditions.isResourceOwner({ claims: [] }),
    ids: [],
  },
  {
    name: 'not of no claims matches everything',
    conditions: { not: grantConditions.isRequester({ claims: [] }) },
    ids: ['g1', 'g2', 'g3', 'g4', 'g5'],
  },
];

describe('applyGrantFilterToKnex', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await knex.schema.createTable('grants', table => {
        table.string('id').primary();
        table.string('requester').notNullable();
        table.string('resource_owner').nullable();
        table.string('state').notNullable();
      });
      await knex('grants').insert(
        GRANTS.map(g => ({
          id: g.id,
          requester: g.requester,
          resource_owner: g.resourceOwner ?? null,
          state: g.state,
        })),
      );
    });

    afterAll(async () => {
      await knex.destroy();
    });

    it.each(CASES)('$name', async ({ conditions, ids }) => {
      const rows = await applyGrantFilterToKnex(
        knex('grants').select('id').orderBy('id'),
        toFilter(conditions),
      );
      expect(rows.map(r => r.id)).toEqual(ids);

      // The same decision on one grant in memory (rule `apply`) agrees.
      const decision = {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'aws-access',
        resourceType: 'aws-access-grant',
        conditions,
      } as const;
      expect(GRANTS.filter(g => isAllowed(decision, g)).map(g => g.id)).toEqual(
        ids,
      );
    });

    it('keeps the conditions of the query it narrows', async () => {
      const rows = await applyGrantFilterToKnex(
        knex('grants').select('id').where('state', 'active').orderBy('id'),
        { anyOf: [toFilter(guest), toFilter(ownedByPayments)] },
      );
      expect(rows.map(r => r.id)).toEqual(['g2']);
    });

    it('refuses a column it does not know', () => {
      expect(() =>
        applyGrantFilterToKnex(knex('grants'), {
          property: 'role_arn' as any,
          values: ['x'],
        }),
      ).toThrow("Cannot filter grants on 'role_arn'");
    });
  });
});
