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
import { z } from 'zod/v3';
import {
  GRANT_CHANGES,
  GrantChangeBody,
  GrantChangeVerb,
  parseChangeBody,
} from '../grantApi/grantRequests';
import { Caller } from '../permissions/caller';

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

/**
 * What an action adds to each change (see {@link GRANT_CHANGES}): its body
 * in the registry's zod, and how an agent should treat it. Rejecting ends
 * a request, but a second rejection is refused: destructive, not idempotent.
 */
const ACTION_OF_CHANGE: Record<
  GrantChangeVerb,
  { input: ActionInput; destructive: boolean; idempotent: boolean }
> = {
  revoke: { input: reasonInput, destructive: true, idempotent: true },
  cancel: { input: reasonInput, destructive: true, idempotent: true },
  extend: { input: extensionInput, destructive: false, idempotent: false },
  approve: { input: commentInput, destructive: false, idempotent: false },
  reject: { input: commentInput, destructive: true, idempotent: false },
};

/** One action that changes a grant or a bundle, named by its id. */
export interface ChangeActionSpec<TTarget, TRecord, V extends GrantChangeVerb> {
  verb: V;
  name: string;
  title: string;
  description: string;
  run: (
    target: TTarget,
    request: GrantChangeBody<V>,
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
    verb: GrantChangeVerb,
  ) => Promise<TTarget>;
  present: (record: TRecord) => Record<string, unknown>;
}) {
  const { idField } = options;
  return <V extends GrantChangeVerb>(
    spec: ChangeActionSpec<TTarget, TRecord, V>,
  ) => {
    const { permission } = GRANT_CHANGES[spec.verb];
    const { input: verbInput, ...attributes } = ACTION_OF_CHANGE[spec.verb];
    options.registry.register({
      name: spec.name,
      title: spec.title,
      description: spec.description,
      visibilityPermission: options.visibilityPermission,
      attributes: { readOnly: false, ...attributes },
      schema: {
        input: zod =>
          verbInput(zod).extend({ [idField]: options.idInput(zod) }),
        output: options.output,
      },
      action: async ({ input, credentials }) => {
        const caller = await options.callerOf(credentials);
        const { [idField]: id, ...body } = input as Record<string, unknown>;
        const target = await options.authorize(
          credentials,
          permission,
          id as string,
          spec.verb,
        );
        const request = parseChangeBody(spec.verb, body);
        return {
          output: options.present(await spec.run(target, request, caller)),
        };
      },
    });
  };
}
