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

import { RDSClient, paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import type {
  DiscoveredResource,
  ResourceDiscoverer,
} from '@backstage-aws-access/plugin-aws-access-node';
import { consoleUrl, tagsFromList } from './util';

/** RDS DB instances; `DescribeDBInstances` carries the tags. */
export const rdsDbInstanceDiscoverer: ResourceDiscoverer = {
  type: 'rds-db-instance',
  cloudFormationType: 'AWS::RDS::DBInstance',
  scope: 'regional',
  async list({ region, clientConfig }) {
    const client = new RDSClient(await clientConfig(region));
    const found: DiscoveredResource[] = [];
    try {
      for await (const page of paginateDescribeDBInstances(
        { client, pageSize: 100 },
        {},
      )) {
        for (const db of page.DBInstances ?? []) {
          if (!db.DBInstanceArn || !db.DBInstanceIdentifier) continue;
          found.push({
            arn: db.DBInstanceArn,
            name: db.DBInstanceIdentifier,
            region,
            tags: tagsFromList(db.TagList),
            consoleUrl: consoleUrl(
              region,
              'rds/home',
              `database:id=${encodeURIComponent(db.DBInstanceIdentifier)}`,
            ),
          });
        }
      }
    } finally {
      client.destroy();
    }
    return found;
  },
};
