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

import { LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import { listedResourceDiscoverer } from './listedResourceDiscoverer';
import { collectPages, consoleUrl } from './util';

/**
 * Lambda functions: `ListFunctions` (50 a page), tags from the tagging API.
 * Where `ListFunctions` is refused but the tagging API answers, the tagged
 * functions are listed from the tagging API alone. (moto 5.2.1 with IAM
 * enforced, the demo, miscomputes the signature of every Lambda GET; the
 * demo's functions are all tagged.)
 */
export const lambdaFunctionDiscoverer = listedResourceDiscoverer({
  cloudFormationType: 'AWS::Lambda::Function',
  client: config => new LambdaClient(config),
  async list(client, { region, tagsByArn }) {
    let functions: Array<{ arn: string; name: string }>;
    try {
      functions = await collectPages(
        paginateListFunctions({ client, pageSize: 50 }, {}),
        page =>
          (page.Functions ?? []).flatMap(fn =>
            fn.FunctionArn && fn.FunctionName
              ? [{ arn: fn.FunctionArn, name: fn.FunctionName }]
              : [],
          ),
      );
    } catch (error) {
      const tagged = await tagsByArn(region, ['lambda:function']).catch(
        () => undefined,
      );
      if (!tagged || tagged.size === 0) {
        throw error;
      }
      functions = [...tagged.keys()].map(arn => ({
        arn,
        name: arn.split(':function:')[1] ?? arn,
      }));
    }
    return functions.map(({ arn, name }) => ({
      arn,
      name,
      consoleUrl: consoleUrl(
        region,
        'lambda/home',
        `/functions/${encodeURIComponent(name)}`,
      ),
    }));
  },
});
