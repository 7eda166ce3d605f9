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
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  AccessBundle,
  Grant,
  GRANT_LIMITS,
  grantCreatePermission,
  grantReadPermission,
} from '@backstage-aws-access/plugin-aws-access-common';
import { z } from 'zod/v3';
import { GrantRecord } from '../database/types';
import { authorizeBundle } from '../bundles/bundleAuthorization';
import { BundleService, BundleWithParts } from '../bundles/BundleService';
import { toApiBundle } from '../bundles/bundleView';
import {
  GrantAuthorization,
  getCallerFromCredentials,
} from '../permissions/grantAuthorization';
import { InventoryReadiness } from '../resources/inventoryReadiness';
import { applyBundleChange } from '../bundles/bundleChanges';
import { changeActionRegistrar, ChangeActionSpec } from './changeActions';
import { GrantChangeVerb } from '../grantApi/grantRequests';
import {
  describeGrant,
  grantSchema,
  readOnlyAttributes,
} from './grantActionSchemas';

/**
 * Bundles as Backstage actions (`aws-access:<name>`), beside the grant
 * actions: the same service as `POST /bundles` and the same permission on
 * every part, for the signed-in user whose credentials invoke them.
 * `visibilityPermission` is `aws-access.grant.create`, as for the grant
 * actions; the decision on a bundle is checked when the action runs.
 */
export function registerBundleActions(options: {
  actionsRegistry: ActionsRegistryService;
  bundles: BundleService;
  present: (grant: GrantRecord) => Grant;
  authorization: GrantAuthorization;
  auth: AuthService;
  userInfo: UserInfoService;
  inventoryReadiness?: InventoryReadiness;
}): void {
  const { actionsRegistry: registry, bundles, authorization } = options;
  const callerOf = (credentials: BackstageCredentials) =>
    getCallerFromCredentials(credentials, options);
  const visibilityPermission = grantCreatePermission;
  const out = ({ bundle, parts }: BundleWithParts) => ({
    output: {
      bundle: describeBundle(toApiBundle(bundle, parts.map(options.present))),
    },
  });
  const bundleOutput = (zod: typeof z) =>
    zod.object({ bundle: bundleSchema(zod) });
  const bundleIdInput = (zod: typeof z) =>
    zod.string().min(1).max(64).describe('The bundle id');

  registry.register({
    name: 'request-bundle',
    title: 'Request AWS access to several resources at once',
    description:
      'Requests time-bound access for yourself to several AWS resources, in one or several accounts, each with its own IAM actions, with one reason for one duration. ' +
      'Each target is checked exactly like request-access; a bad one is refused naming it (targets.N). ' +
      'Approval is one decision over the whole bundle by every owner concerned; nothing is provisioned before it. It makes one IAM role per account, all expiring together.',
    visibilityPermission,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: zod =>
        zod.object({
          targets: zod
            .array(
              zod.object({
                resourceArn: zod.string().describe('ARN of the AWS resource'),
                actions: zod
                  .array(zod.string())
                  .min(1)
                  .max(GRANT_LIMITS.maxActions)
                  .describe('IAM actions to allow on this resource'),
                accountId: zod
                  .string()
                  .optional()
                  .describe(
                    'Only for ARNs without an account (S3) that exist in several accounts',
                  ),
              }),
            )
            .min(1)
            .max(GRANT_LIMITS.maxBundleTargets)
            .describe('The resources, each with its actions'),
          durationMinutes: zod
            .number()
            .int()
            .positive()
            .describe('How long the access lasts once approved, in minutes'),
          reason: zod
            .string()
            .describe('Why the access is needed (kept on record)'),
        }),
      output: bundleOutput,
    },
    action: async ({ input, credentials }) => {
      const caller = await callerOf(credentials);
      await authorization.authorizeBasic(credentials, grantCreatePermission);
      await options.inventoryReadiness?.assertReady();
      return out(await bundles.create(input, caller));
    },
  });

  registry.register({
    name: 'get-bundle',
    title: 'Get an AWS access bundle',
    description:
      'One bundle: its state, who must still approve it, and each account’s grant with its role, expiry and AWS CLI profile.',
    visibilityPermission,
    attributes: readOnlyAttributes,
    schema: {
      input: zod => zod.object({ bundleId: bundleIdInput(zod) }),
      output: bundleOutput,
    },
    action: async ({ input, credentials }) =>
      out(
        await authorizeBundle(
          authorization,
          bundles,
          credentials,
          grantReadPermission,
          input.bundleId,
          'see',
        ),
      ),
  });

  const bundleAction = changeActionRegistrar<BundleWithParts, BundleWithParts>({
    registry,
    visibilityPermission,
    idField: 'bundleId',
    idInput: bundleIdInput,
    output: bundleOutput,
    callerOf,
    authorize: (credentials, permission, id, verb) =>
      authorizeBundle(
        authorization,
        bundles,
        credentials,
        permission,
        id,
        verb,
      ),
    present: current => out(current).output,
  });
  const bundleChange = (
    spec: Omit<
      ChangeActionSpec<BundleWithParts, BundleWithParts, GrantChangeVerb>,
      'run'
    >,
  ) =>
    bundleAction({
      ...spec,
      run: (current, request, caller) =>
        applyBundleChange(bundles, spec.verb, current, request, caller),
    });

  bundleChange({
    verb: 'approve',
    name: 'approve-bundle',
    title: 'Approve a pending AWS access bundle',
    description:
      'Records your approval of someone else’s bundle (never your own); it counts for every owner or group you belong to. The approval that completes every requirement provisions all parts, with one expiry.',
  });
  bundleChange({
    verb: 'reject',
    name: 'reject-bundle',
    title: 'Reject a pending AWS access bundle',
    description:
      'Rejects someone else’s pending bundle; every part ends rejected. One approver’s rejection is enough.',
  });
  bundleChange({
    verb: 'cancel',
    name: 'cancel-bundle',
    title: 'Cancel a pending AWS access bundle',
    description:
      'Withdraws your bundle while it waits for approval; every part ends cancelled.',
  });
  bundleChange({
    verb: 'revoke',
    name: 'revoke-bundle',
    title: 'Revoke an AWS access bundle',
    description:
      'Ends every part of a bundle now: each account’s role loses its policy and is deleted. A pending bundle is cancelled.',
  });
  bundleChange({
    verb: 'extend',
    name: 'extend-bundle',
    title: 'Extend an AWS access bundle',
    description:
      'Moves every part of an active bundle to one later expiry (durationMinutes more), within the configured limits; every role is rewritten first. Refused where the bundle needed approval.',
  });
}

function bundleSchema(zod: typeof z) {
  return zod.object({
    id: zod.string(),
    state: zod.string(),
    requester: zod.string(),
    reason: zod.string(),
    durationMinutes: zod.number(),
    createdAt: zod.string(),
    expiresAt: zod
      .string()
      .optional()
      .describe('The expiry every part shares, once approved'),
    awaitingApproval: zod
      .array(
        zod.object({
          approverGroups: zod.array(zod.string()),
          approvalsNeeded: zod.number(),
        }),
      )
      .optional()
      .describe('While pending: each approval still missing'),
    approvedBy: zod.array(zod.string()).optional(),
    grants: zod.array(grantSchema(zod)).describe('One grant per account'),
  });
}

/**
 * The API view of a bundle: its own fields as they are, and its approval
 * progress said as what is still missing and who gave it.
 */
function describeBundle(bundle: AccessBundle) {
  const {
    requiredApprovals,
    approverGroups,
    approvals,
    requirements,
    grants,
    ...summary
  } = bundle;
  return {
    ...summary,
    ...(bundle.state === 'pending' &&
      requirements && {
        awaitingApproval: requirements
          .filter(r => r.approvals < r.count)
          .map(r => ({
            approverGroups: r.approverGroups,
            approvalsNeeded: r.count - r.approvals,
          })),
      }),
    ...(approvals?.length && {
      approvedBy: approvals.map(a => a.approver),
    }),
    grants: grants.map(describeGrant),
  };
}
