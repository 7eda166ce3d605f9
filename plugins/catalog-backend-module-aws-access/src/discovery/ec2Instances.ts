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

import { EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import type {
  DiscoveredResource,
  ResourceDiscoverer,
} from '@backstage-aws-access/plugin-aws-access-node';
import { consoleUrl, regionalArn, tagsFromList } from './util';

/** EC2 instances that still exist (not terminated); tags come with the list. */
export const ec2InstanceDiscoverer: ResourceDiscoverer = {
  type: 'ec2-instance',
  cloudFormationType: 'AWS::EC2::Instance',
  scope: 'regional',
  async list({ accountId, region, clientConfig }) {
    const client = new EC2Client(await clientConfig(region));
    const found: DiscoveredResource[] = [];
    try {
      for await (const page of paginateDescribeInstances(
        { client, pageSize: 1000 },
        {
          Filters: [
            {
              Name: 'instance-state-name',
              Values: ['pending', 'running', 'stopping', 'stopped'],
            },
          ],
        },
      )) {
        for (const reservation of page.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) {
            const id = instance.InstanceId;
            if (!id) continue;
            const tags = tagsFromList(instance.Tags);
            found.push({
              arn: regionalArn({ accountId, region }, 'ec2', `instance/${id}`),
              name: tags.Name || id,
              region,
              tags,
              consoleUrl: consoleUrl(
                region,
                'ec2/home',
                `InstanceDetails:instanceId=${id}`,
              ),
            });
          }
        }
      }
    } finally {
      client.destroy();
    }
    return found;
  },
};
