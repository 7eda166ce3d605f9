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

import { GRANT_STATES } from '@backstage-aws-access/plugin-aws-access-common';
import { createGrantChangeAction, grantChangeInput } from './grantChangeAction';
import { examples } from './revokeAccess.examples';
import { AwsAccessActionOptions } from './types';

const revokeFields = grantChangeInput(
  {
    grantId:
      'Id of the grant to revoke, e.g. the grantId output of aws:access:request.',
    reason: 'Why the access ends early; kept in the audit.',
  },
  {},
);

/**
 * Creates `aws:access:revoke`, which ends a grant now, as the user running
 * the template. Revoking is idempotent in the API, so a retried task simply
 * revokes again and needs no checkpoint.
 */
export function createAwsAccessRevokeAction(options: AwsAccessActionOptions) {
  return createGrantChangeAction(options, {
    id: 'aws:access:revoke',
    description:
      'Revokes a time-bound AWS access grant before it expires, deleting its IAM role.',
    examples,
    input: revokeFields,
    output: {
      state: z =>
        z.enum(GRANT_STATES, {
          description:
            'State of the grant after the call: revoking while the role is being deleted, then revoked.',
        }),
    },
    verb: 'revoke',
    async change(input, call, ctx) {
      const grant = await call((api, requestOptions) =>
        api.revokeGrant(
          input.grantId,
          input.reason ? { reason: input.reason } : {},
          requestOptions,
        ),
      );
      ctx.logger.info(`Grant ${grant.id} is ${grant.state}`);
      return { state: grant.state };
    },
  });
}
