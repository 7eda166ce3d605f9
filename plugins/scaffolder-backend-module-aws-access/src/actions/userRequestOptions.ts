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

import { AuthService } from '@backstage/backend-plugin-api';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  AWS_ACCESS_PLUGIN_ID,
  RequestOptions,
} from '@backstage-aws-access/plugin-aws-access-common';
import { JsonObject } from '@backstage/types';
import { forwardApiError } from './forwardApiError';

/**
 * Options for an aws-access API call made on behalf of the user who runs the
 * template, so the API applies that user's identity, permissions and limits,
 * exactly as if they had used the entity page. Called per request: a token is
 * cheap, and a fresh one cannot expire during a long wait.
 */
export async function userRequestOptions(
  auth: AuthService,
  ctx: Pick<ActionContext<JsonObject>, 'getInitiatorCredentials'>,
): Promise<RequestOptions> {
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await ctx.getInitiatorCredentials(),
    targetPluginId: AWS_ACCESS_PLUGIN_ID,
  });
  return { token };
}

/**
 * Makes one aws-access API call as the template's user. A refusal becomes an
 * error that starts with `failure` and gives the API's reason.
 */
export async function callAsTemplateUser<T>(
  auth: AuthService,
  ctx: Pick<ActionContext<JsonObject>, 'getInitiatorCredentials'>,
  failure: string,
  call: (requestOptions: RequestOptions) => Promise<T>,
): Promise<T> {
  const requestOptions = await userRequestOptions(auth, ctx);
  try {
    return await call(requestOptions);
  } catch (error) {
    return forwardApiError(failure, error);
  }
}
