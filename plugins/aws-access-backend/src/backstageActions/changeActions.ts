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
import { Caller } from '../service/authorization';

/** One action that changes a grant or a bundle, named by its id. */
export interface ChangeActionSpec<TRecord> {
  name: string;
  title: string;
  description: string;
  attributes: { destructive: boolean; idempotent: boolean };
  permission: ResourcePermission<'aws-access-grant'>;
  verb: string;
  input: (zod: typeof z) => z.AnyZodObject;
  run: (
    id: string,
    body: Record<string, unknown>,
    caller: Caller,
  ) => Promise<TRecord>;
}

export const reasonInput = (zod: typeof z) =>
  zod.object({ reason: zod.string().optional() });
export const commentInput = (zod: typeof z) =>
  zod.object({ comment: zod.string().optional() });

/**
 * Registers actions that change one thing (a grant, a bundle) for the
 * signed-in caller: the id field is added to each action's input, the
 * permission on that thing is checked before the change runs, and the
 * result is presented the same way for every action of the kind.
 */
export function changeActionRegistrar<TRecord>(options: {
  registry: ActionsRegistryService;
  visibilityPermission: BasicPermission;
  /** The input field naming the thing, e.g. `grantId`. */
  idField: string;
  idInput: (zod: typeof z) => z.ZodString;
  output: (zod: typeof z) => z.AnyZodObject;
  callerOf: (credentials: BackstageCredentials) => Promise<Caller>;
  authorize: (
    credentials: BackstageCredentials,
    permission: ResourcePermission<'aws-access-grant'>,
    id: string,
    verb: string,
  ) => Promise<unknown>;
  present: (record: TRecord) => Record<string, unknown>;
}) {
  const { idField } = options;
  return (spec: ChangeActionSpec<TRecord>) =>
    options.registry.register({
      name: spec.name,
      title: spec.title,
      description: spec.description,
      visibilityPermission: options.visibilityPermission,
      attributes: { readOnly: false, ...spec.attributes },
      schema: {
        input: zod =>
          spec.input(zod).extend({ [idField]: options.idInput(zod) }),
        output: options.output,
      },
      action: async ({ input, credentials }) => {
        const caller = await options.callerOf(credentials);
        const { [idField]: id, ...body } = input as Record<string, unknown>;
        await options.authorize(
          credentials,
          spec.permission,
          id as string,
          spec.verb,
        );
        return {
          output: options.present(await spec.run(id as string, body, caller)),
        };
      },
    });
}
