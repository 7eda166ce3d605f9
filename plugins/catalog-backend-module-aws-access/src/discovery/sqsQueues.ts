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

import { SQSClient, paginateListQueues } from '@aws-sdk/client-sqs';
import { listedResourceDiscoverer } from './listedResourceDiscoverer';
import { collectPages, consoleUrl, regionalArn } from './util';

/**
 * SQS queues. A queue URL ends in `/<account>/<name>`, which is all the ARN
 * needs, so no `GetQueueAttributes` per queue; tags from the tagging API.
 */
export const sqsQueueDiscoverer = listedResourceDiscoverer({
  cloudFormationType: 'AWS::SQS::Queue',
  client: config => new SQSClient(config),
  async list(client, { accountId, region }) {
    const urls = await collectPages(
      paginateListQueues({ client, pageSize: 1000 }, {}),
      page => page.QueueUrls ?? [],
    );
    return urls.map(url => {
      const [name, owner] = new URL(url).pathname.split('/').reverse();
      return {
        arn: regionalArn(
          { region, accountId: owner || accountId },
          'sqs',
          name,
        ),
        name,
        consoleUrl: consoleUrl(
          region,
          'sqs/v3/home',
          `/queues/${encodeURIComponent(url)}`,
        ),
      };
    });
  },
});
