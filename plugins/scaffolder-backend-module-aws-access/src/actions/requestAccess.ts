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

import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  buildAwsCliSnippet,
  CreateGrantRequest,
  GRANT_STATES,
  Grant,
} from '@backstage-aws-access/plugin-aws-access-common';
import { grantEntityName } from '@backstage-aws-access/plugin-aws-access-node';
import { describeExpiry, oneLineError } from './forwardApiError';
import { ActionInputFields, parseActionInput } from './parseActionInput';
import { sharedField } from './inputFields';
import { examples } from './requestAccess.examples';
import { checkpointKey } from './checkpointKey';
import { resolveResourceTarget } from './resolveAwsResource';
import { AwsAccessActionOptions } from './types';
import { callAsTemplateUser, userRequestOptions } from './userRequestOptions';
import { PollingOptions, waitForActiveGrant } from './waitForActiveGrant';

/** The longest a task step may wait for a grant to become active. */
export const MAX_WAIT_SECONDS = 600;

const requestFields = {
  resourceArn: z =>
    z
      .string({
        description:
          'ARN of the AWS resource to access, e.g. arn:aws:s3:::my-bucket. Give this or entityRef.',
      })
      .min(1)
      .optional(),
  entityRef: z =>
    z
      .string({
        description:
          'Catalog entity of the AWS resource (a Resource with the aws.amazon.com/arn annotation), e.g. resource:default/my-bucket. Give this or resourceArn.',
      })
      .min(1)
      .optional(),
  actions: sharedField.actions(
    'IAM actions to allow on the resource, e.g. s3:GetObject.',
  ),
  durationMinutes: sharedField.durationMinutes(
    'How long the access lasts, in minutes.',
  ),
  reason: sharedField.reason('Why the access is needed; kept in the audit.'),
  accountId: sharedField.accountId(
    'AWS account of the resource, for ARNs that carry none (S3 buckets) when the catalog does not say. Defaults to the entity’s aws.amazon.com/account-id annotation.',
  ),
  waitForActive: z =>
    z
      .boolean({
        description:
          'Wait until the role exists (or the request fails) before the step ends. When false, the step ends as soon as the request is recorded, e.g. pending approval.',
      })
      .default(true),
  timeoutSeconds: z =>
    z
      .number({
        description: `How long to wait for the grant to become active, at most ${MAX_WAIT_SECONDS} seconds; the step fails after that, leaving the request in place.`,
      })
      .int()
      .min(1)
      .max(MAX_WAIT_SECONDS)
      .default(120),
} satisfies ActionInputFields;

/**
 * Creates `aws:access:request`, which asks the aws-access backend for a
 * time-bound IAM role as the user running the template, and by default waits
 * until the role is ready to use.
 */
export function createAwsAccessRequestAction(
  options: AwsAccessActionOptions & {
    catalog: CatalogService;
    /** Overrides how often the grant is polled while waiting; for tests. */
    polling?: PollingOptions;
  },
) {
  const { api, auth, catalog, polling } = options;

  return createTemplateAction({
    id: 'aws:access:request',
    description:
      'Requests time-bound, least-privilege AWS access to one resource for the user running the template, and waits until the IAM role is ready.',
    examples,
    schema: {
      input: requestFields,
      output: {
        grantId: z => z.string({ description: 'Id of the grant.' }),
        state: z =>
          z.enum(GRANT_STATES, {
            description:
              'State of the grant when the step ended: active, or pending when waiting for approval was not asked for.',
          }),
        roleArn: z =>
          z
            .string({ description: 'ARN of the IAM role to assume.' })
            .optional(),
        signInUrl: z =>
          z
            .string({
              description: 'AWS console link that switches to the role.',
            })
            .optional(),
        expiresAt: z =>
          z
            .string({ description: 'When the access ends (ISO-8601 UTC).' })
            .optional(),
        grantEntityRef: z =>
          z
            .string({
              description:
                'Catalog entity of the active grant, for an output link; it appears within seconds of activation.',
            })
            .optional(),
        expiresIn: z =>
          z
            .string({
              description:
                'When the access ends, for people: "in 59 minutes (2026-12-01 10:59 UTC)".',
            })
            .optional(),
        cliConfig: z =>
          z
            .string({
              description:
                'The AWS CLI profile for ~/.aws/config (the same snippet as the grant page).',
            })
            .optional(),
        cliCommands: z =>
          z
            .string({
              description: 'The AWS CLI commands that use that profile.',
            })
            .optional(),
      },
    },
    async handler(ctx) {
      try {
        const input = parseActionInput(requestFields, ctx.input);
        const { resourceArn, accountId } = await resolveResourceTarget({
          target: input,
          catalog,
          credentials: () => ctx.getInitiatorCredentials(),
        });
        const request: CreateGrantRequest = {
          resourceArn,
          actions: input.actions,
          durationMinutes: input.durationMinutes,
          reason: input.reason,
          ...(accountId && { accountId }),
        };
        const requestOptions = () => userRequestOptions(auth, ctx);

        // A retried task must not ask twice: the checkpoint keeps the grant id
        // of the first successful request. The key covers the request itself,
        // so each iteration of a step with `each` gets a grant of its own.
        const thisAttempt: { created?: Grant } = {};
        const grantId = await ctx.checkpoint({
          key: checkpointKey('grant', request),
          fn: async () => {
            const created = await callAsTemplateUser(
              auth,
              ctx,
              'Could not request AWS access',
              userOptions => api.createGrant(request, userOptions),
            );
            thisAttempt.created = created;
            return created.id;
          },
        });

        let grant: Grant;
        if (thisAttempt.created) {
          grant = thisAttempt.created;
          ctx.logger.info(
            `Requested ${request.actions.join(', ')} on ${
              request.resourceArn
            } for ${request.durationMinutes} minutes: grant ${grant.id} is ${
              grant.state
            }`,
          );
        } else {
          ctx.logger.info(
            `Grant ${grantId} was requested by an earlier attempt of this task; not requesting again`,
          );
          grant = await callAsTemplateUser(
            auth,
            ctx,
            `Could not read grant ${grantId}`,
            userOptions => api.getGrant(grantId, userOptions),
          );
        }

        if (input.waitForActive) {
          grant = await waitForActiveGrant({
            api,
            grant,
            requestOptions,
            timeoutMs: input.timeoutSeconds * 1000,
            logger: ctx.logger,
            polling,
            signal: ctx.signal,
          });
        }

        ctx.output('grantId', grant.id);
        ctx.output('state', grant.state);
        if (grant.roleArn) ctx.output('roleArn', grant.roleArn);
        if (grant.signInUrl) ctx.output('signInUrl', grant.signInUrl);
        if (grant.expiresAt) ctx.output('expiresAt', grant.expiresAt);
        if (grant.state === 'active') {
          ctx.output(
            'grantEntityRef',
            `resource:default/${grantEntityName(grant.id)}`,
          );
        }
        if (grant.expiresAt) {
          ctx.output('expiresIn', describeExpiry(grant.expiresAt));
        }
        // The same snippet as the grant page and the README (-common).
        const snippet = buildAwsCliSnippet(grant);
        if (snippet) {
          ctx.output('cliConfig', snippet.config);
          ctx.output('cliCommands', snippet.commands);
        }
      } catch (error) {
        // The task log gets the whole story; the person one clear line.
        throw oneLineError(error, ctx.logger);
      }
    },
  });
}
