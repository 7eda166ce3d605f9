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

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  decisionRequestSchema,
  extendGrantRequestSchema,
  grantApprovePermission,
  grantExtendPermission,
  grantRevokePermission,
  revokeGrantRequestSchema,
} from '@backstage-aws-access/plugin-aws-access-common';
import { z as zodV4 } from 'zod';
import { z } from 'zod/v3';
import { Caller } from '../service/authorization';
import { parseInput } from '../service/parseInput';

type ActionInput = (zod: typeof z) => z.AnyZodObject;

const reasonInput: ActionInput = zod =>
  zod.object({ reason: zod.string().optional() });
const commentInput: ActionInput = zod =>
  zod.object({ comment: zod.string().optional() });
const extensionInput: ActionInput = zod =>
  zod.object({
    durationMinutes: zod.number().int().positive(),
    reason: zod.string().optional(),
  });

const endsIt = { destructive: true, idempotent: true };
const decides = { destructive: false, idempotent: false };

/**
 * The changes a grant or a bundle takes, each the same whatever it
 * changes: the permission it needs on every grant concerned, the REST
 * body it takes (the action input is that body in the registry's zod),
 * and how an agent should treat it. Rejecting ends a request, but a second
 * rejection is refused, so it is destructive without being idempotent.
 */
const CHANGE_VERBS = {
  revoke: change(grantRevokePermission, revokeGrantRequestSchema, reasonInput),
  cancel: change(grantRevokePermission, revokeGrantRequestSchema, reasonInput),
  extend: change(
    grantExtendPermission,
    extendGrantRequestSchema,
    extensionInput,
    decides,
  ),
  approve: change(
    grantApprovePermission,
    decisionRequestSchema,
    commentInput,
    decides,
  ),
  reject: change(grantApprovePermission, decisionRequestSchema, commentInput, {
    destructive: true,
    idempotent: false,
  }),
};

function change<TRequest extends zodV4.ZodType>(
  permission: ResourcePermission<'aws-access-grant'>,
  request: TRequest,
  input: ActionInput,
  attributes = endsIt,
) {
  return { permission, request, input, attributes };
}

/** A change to a grant or a bundle, by its verb. */
export type ChangeVerb = keyof typeof CHANGE_VERBS;

/** The validated REST body of a change. */
export type ChangeRequest<V extends ChangeVerb> = zodV4.output<
  (typeof CHANGE_VERBS)[V]['request']
>;

/** One action that changes a grant or a bundle, named by its id. */
export interface ChangeActionSpec<TTarget, TRecord, V extends ChangeVerb> {
  verb: V;
  name: string;
  title: string;
  description: string;
  run: (
    target: TTarget,
    request: ChangeRequest<V>,
    caller: Caller,
  ) => Promise<TRecord>;
}

/**
 * Registers actions that change one thing (a grant, a bundle) for the
 * signed-in caller: the id field is added to each action's input, the
 * verb's permission on that thing is checked before the change runs, the
 * body is validated with the REST API's schema, and the result is
 * presented the same way for every action of the kind.
 */
export function changeActionRegistrar<TTarget, TRecord>(options: {
  registry: ActionsRegistryService;
  visibilityPermission: BasicPermission;
  /** The input field naming the thing, e.g. `grantId`. */
  idField: string;
  idInput: (zod: typeof z) => z.ZodString;
  output: (zod: typeof z) => z.AnyZodObject;
  callerOf: (credentials: BackstageCredentials) => Promise<Caller>;
  /** Loads the thing, or refuses the verb on it. */
  authorize: (
    credentials: BackstageCredentials,
    permission: ResourcePermission<'aws-access-grant'>,
    id: string,
    verb: ChangeVerb,
  ) => Promise<TTarget>;
  present: (record: TRecord) => Record<string, unknown>;
}) {
  const { idField } = options;
  return <V extends ChangeVerb>(
    spec: ChangeActionSpec<TTarget, TRecord, V>,
  ) => {
    const verb = CHANGE_VERBS[spec.verb];
    options.registry.register({
      name: spec.name,
      title: spec.title,
      description: spec.description,
      visibilityPermission: options.visibilityPermission,
      attributes: { readOnly: false, ...verb.attributes },
      schema: {
        input: zod =>
          verb.input(zod).extend({ [idField]: options.idInput(zod) }),
        output: options.output,
      },
      action: async ({ input, credentials }) => {
        const caller = await options.callerOf(credentials);
        const { [idField]: id, ...body } = input as Record<string, unknown>;
        const target = await options.authorize(
          credentials,
          verb.permission,
          id as string,
          spec.verb,
        );
        const request = parseInput(verb.request, body) as ChangeRequest<V>;
        return {
          output: options.present(await spec.run(target, request, caller)),
        };
      },
    });
  };
}
