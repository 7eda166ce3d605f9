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
  CreateBundleRequest,
  GRANT_LIMITS,
} from '@backstage-aws-access/plugin-aws-access-common';
import { checkpointKey } from './checkpointKey';
import { sharedField } from './inputFields';
import { ActionInputFields, parseActionInput } from './parseActionInput';
import { examples } from './requestBundle.examples';
import { resolveResourceTarget } from './resolveAwsResource';
import { AwsAccessActionOptions } from './types';
import { callAsTemplateUser } from './userRequestOptions';

const bundleFields = {
  targets: z =>
    z
      .array(
        z
          .object({
            resourceArn: z
              .string({
                description: 'ARN of the AWS resource. Give this or entityRef.',
              })
              .min(1)
              .optional(),
            entityRef: z
              .string({
                description:
                  'Catalog entity of the AWS resource, e.g. resource:default/my-bucket. Give this or resourceArn.',
              })
              .min(1)
              .optional(),
            actions: sharedField.actions(
              'IAM actions to allow on this resource.',
            )(z),
            accountId: sharedField.accountId(
              'AWS account of the resource, for ARNs that carry none (S3), when the catalog does not say.',
            )(z),
          })
          .strict(),
        {
          description:
            'The resources, in one or several accounts, each with its own actions.',
        },
      )
      .min(1)
      .max(GRANT_LIMITS.maxBundleTargets),
  durationMinutes: sharedField.durationMinutes(
    'How long the access lasts, in minutes.',
  ),
  reason: sharedField.reason('Why the access is needed; kept in the audit.'),
} satisfies ActionInputFields;

/**
 * Creates `aws:access:request-bundle`: one request over several resources
 * for the user running the template, approved as one decision by every
 * owner concerned, one role per account, all expiring together. The step
 * ends once the bundle is recorded (approval can take hours); its outputs
 * name the bundle and its grants.
 */
export function createAwsAccessRequestBundleAction(
  options: AwsAccessActionOptions & { catalog: CatalogService },
) {
  const { api, auth, catalog } = options;

  return createTemplateAction({
    id: 'aws:access:request-bundle',
    description:
      'Requests time-bound AWS access to several resources at once (one or several accounts) for the user running the template; approved as a whole, one IAM role per account, one shared expiry.',
    examples,
    schema: {
      input: bundleFields,
      output: {
        bundleId: z => z.string({ description: 'Id of the bundle.' }),
        state: z =>
          z.string({
            description:
              'State of the bundle: pending while it waits for approval, active once every role exists.',
          }),
        grantIds: z =>
          z.array(z.string(), {
            description: 'The bundle’s grants, one per account.',
          }),
        roleArns: z =>
          z.array(z.string(), {
            description: 'ARNs of the roles, once active.',
          }),
        expiresAt: z =>
          z
            .string({ description: 'The shared expiry, once approved.' })
            .optional(),
      },
    },
    async handler(ctx) {
      const input = parseActionInput(bundleFields, ctx.input);
      const targets = [];
      for (const [index, target] of input.targets.entries()) {
        const resource = await resolveResourceTarget({
          target,
          path: `targets.${index}`,
          catalog,
          credentials: () => ctx.getInitiatorCredentials(),
        });
        targets.push({ ...resource, actions: target.actions });
      }
      const request: CreateBundleRequest = {
        targets,
        durationMinutes: input.durationMinutes,
        reason: input.reason,
      };

      // A retried task must not ask twice: the checkpoint keeps the bundle
      // of the first successful request.
      const bundle = await ctx.checkpoint({
        key: checkpointKey('bundle', request),
        fn: async () => {
          if (!api.createBundle) {
            throw new Error('this aws-access client cannot request bundles');
          }
          const createBundle = api.createBundle.bind(api);
          const created = await callAsTemplateUser(
            auth,
            ctx,
            'Could not request the AWS access bundle',
            requestOptions => createBundle(request, requestOptions),
          );
          return {
            id: created.id,
            state: created.state as string,
            grantIds: created.grants.map(g => g.id),
            roleArns: created.grants.flatMap(g =>
              g.roleArn ? [g.roleArn] : [],
            ),
            ...(created.expiresAt && { expiresAt: created.expiresAt }),
          };
        },
      });

      ctx.logger.info(
        `Bundle ${bundle.id} over ${targets.length} resources is ${bundle.state}`,
      );
      ctx.output('bundleId', bundle.id);
      ctx.output('state', bundle.state);
      ctx.output('grantIds', bundle.grantIds);
      ctx.output('roleArns', bundle.roleArns);
      if (bundle.expiresAt) {
        ctx.output('expiresAt', bundle.expiresAt);
      }
    },
  });
}
