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
  ExtendGrantRequest,
  GRANT_STATES,
} from '@backstage-aws-access/plugin-aws-access-common';
import { checkpointKey } from './checkpointKey';
import { examples } from './extendAccess.examples';
import { createGrantChangeAction, grantChangeInput } from './grantChangeAction';
import { sharedField } from './inputFields';
import { AwsAccessActionOptions } from './types';

const extendFields = grantChangeInput(
  {
    grantId:
      'Id of the active grant to extend, e.g. the grantId output of aws:access:request.',
    reason: 'Why more time is needed; kept in the audit.',
  },
  {
    durationMinutes: sharedField.durationMinutes(
      'How much longer the access lasts, in minutes.',
    ),
  },
);

/**
 * Creates `aws:access:extend`, which moves an active grant's expiry, as the
 * user running the template.
 */
export function createAwsAccessExtendAction(options: AwsAccessActionOptions) {
  return createGrantChangeAction(options, {
    id: 'aws:access:extend',
    description:
      'Extends an active time-bound AWS access grant; AWS enforces the new expiry.',
    examples,
    input: extendFields,
    output: {
      expiresAt: z =>
        z.string({ description: 'The new expiry (ISO-8601 UTC).' }),
      state: z => z.enum(GRANT_STATES, { description: 'State of the grant.' }),
    },
    verb: 'extend',
    async change(input, call, ctx) {
      const request: ExtendGrantRequest = {
        durationMinutes: input.durationMinutes,
        ...(input.reason && { reason: input.reason }),
      };
      // Each call moves the expiry again, so a retried task must not repeat
      // one that already succeeded.
      const result = await ctx.checkpoint({
        key: checkpointKey('extend', { grantId: input.grantId, ...request }),
        fn: async () => {
          const grant = await call((api, requestOptions) =>
            api.extendGrant(input.grantId, request, requestOptions),
          );
          return { expiresAt: grant.expiresAt ?? '', state: grant.state };
        },
      });
      ctx.logger.info(
        `Grant ${input.grantId} is ${result.state} until ${result.expiresAt}`,
      );
      return result;
    },
  });
}
