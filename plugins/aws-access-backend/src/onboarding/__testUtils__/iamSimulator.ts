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

// @cloud-copilot/iam-simulate is AGPL: used here, in tests only, never shipped.
import { runSimulation } from '@cloud-copilot/iam-simulate';

/**
 * IAM's decision on one request in `accountId`, by a principal holding
 * only `policy` (and, when given, the permissions boundary), as IAM's
 * evaluation logic gives it: `Allowed`, `ExplicitlyDenied` or
 * `ImplicitlyDenied`. Throws when the simulator cannot evaluate it.
 */
export async function simulate(request: {
  accountId: string;
  principal: string;
  policy: object;
  boundary?: { name: string; policy: object };
  action: string;
  resource: string;
  contextVariables?: Record<string, string | string[]>;
}): Promise<string> {
  const { accountId, principal, policy, boundary, action, resource } = request;
  const response = await runSimulation(
    {
      identityPolicies: [{ name: 'policy', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(boundary && { permissionBoundaryPolicies: [boundary] }),
      request: {
        action,
        principal,
        resource: { accountId, resource },
        contextVariables: request.contextVariables ?? {},
      },
    },
    {},
  );
  if (response.resultType === 'error') {
    throw new Error(
      `simulation of ${action} on ${resource} failed: ${JSON.stringify(
        response.errors,
      )}`,
    );
  }
  return response.overallResult;
}

/**
 * What would rewrite a managed policy or its tags: none of it may reach
 * the grant boundary, from a grant role or from the manager role.
 */
export const POLICY_REWRITES = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:DeletePolicyVersion',
  'iam:DeletePolicy',
  'iam:TagPolicy',
  'iam:UntagPolicy',
];
