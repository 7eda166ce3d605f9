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

import { DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import { listedResourceDiscoverer } from './listedResourceDiscoverer';
import { collectPages, consoleUrl, regionalArn } from './util';

/** DynamoDB tables: names from `ListTables`, tags from the tagging API. */
export const dynamodbTableDiscoverer = listedResourceDiscoverer({
  cloudFormationType: 'AWS::DynamoDB::Table',
  client: config => new DynamoDBClient(config),
  async list(client, context) {
    const names = await collectPages(
      paginateListTables({ client, pageSize: 100 }, {}),
      page => page.TableNames ?? [],
    );
    return names.map(name => ({
      arn: regionalArn(context, 'dynamodb', `table/${name}`),
      name,
      consoleUrl: consoleUrl(
        context.region,
        'dynamodbv2/home',
        `table?name=${encodeURIComponent(name)}`,
      ),
    }));
  },
});
