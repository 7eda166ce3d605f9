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
  ActionContext,
  TemplateExample,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  AwsAccessApi,
  RequestOptions,
} from '@backstage-aws-access/plugin-aws-access-common';
import { JsonObject, JsonValue } from '@backstage/types';
import { z } from 'zod/v3';
import {
  ActionInputFields,
  ParsedActionInput,
  parseActionInput,
} from './parseActionInput';
import { sharedField } from './inputFields';
import { AwsAccessActionOptions } from './types';
import { callAsTemplateUser } from './userRequestOptions';

type OutputFields = Record<string, (zImpl: typeof z) => z.ZodType>;

/** Calls the API with the template user's token; failures become action errors. */
export type GrantCall = <T>(
  call: (api: AwsAccessApi, requestOptions: RequestOptions) => Promise<T>,
) => Promise<T>;

/** What sets one grant-changing action apart from another. */
export interface GrantChangeActionSpec<
  TFields extends ActionInputFields & { grantId: GrantIdField },
  TOutput extends OutputFields,
> {
  id: string;
  description: string;
  examples: TemplateExample[];
  input: TFields;
  output: TOutput;
  /** Names the change in the error a failed call ends with, e.g. `extend`. */
  verb: string;
  /** Makes the change through `call`; its result is the action's output. */
  change(
    input: ParsedActionInput<TFields>,
    call: GrantCall,
    ctx: Pick<ActionContext<JsonObject>, 'checkpoint' | 'logger'>,
  ): Promise<{ [K in keyof TOutput]: JsonValue }>;
}

type GrantIdField = (zImpl: typeof z) => z.ZodType<string>;
type ReasonField = (zImpl: typeof z) => z.ZodType<string | undefined>;

/**
 * The input of a grant change: which grant and, optionally, why, described
 * for this change, plus the fields only this change takes.
 */
export function grantChangeInput<TFields extends ActionInputFields>(
  describe: { grantId: string; reason: string },
  fields: TFields,
): TFields & { grantId: GrantIdField; reason: ReasonField } {
  return {
    grantId: sharedField.grantId(describe.grantId),
    ...fields,
    reason: sharedField.optionalReason(describe.reason),
  };
}

/**
 * Declares an action that changes one existing grant, found by the
 * `grantId` input, as the user running the template. The input check,
 * the user's token and the error a refused call ends with are the same for
 * every such action, so they live here and each action only says what it
 * sends and what it outputs.
 */
export function createGrantChangeAction<
  TFields extends ActionInputFields & { grantId: GrantIdField },
  TOutput extends OutputFields,
>(
  options: AwsAccessActionOptions,
  spec: GrantChangeActionSpec<TFields, TOutput>,
) {
  const { api, auth } = options;
  return createTemplateAction({
    id: spec.id,
    description: spec.description,
    examples: spec.examples,
    schema: { input: spec.input, output: spec.output },
    async handler(ctx) {
      const input = parseActionInput(spec.input, ctx.input);
      const call: GrantCall = fn =>
        callAsTemplateUser(
          auth,
          ctx,
          `Could not ${spec.verb} grant ${input.grantId}`,
          requestOptions => fn(api, requestOptions),
        );
      const result = await spec.change(input, call, ctx);
      // The output type is computed from the generic schema, which TypeScript
      // cannot relate to the result's; `change` is typed against TOutput.
      const output = ctx.output as (name: string, value: JsonValue) => void;
      for (const [name, value] of Object.entries(result)) {
        output(name, value);
      }
    },
  });
}
