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

import { SNSClient, paginateListTopics } from '@aws-sdk/client-sns';
import { listedResourceDiscoverer } from './listedResourceDiscoverer';
import { collectPages, consoleUrl } from './util';

/** SNS topics: `ListTopics` (100 a page), tags from the tagging API. */
export const snsTopicDiscoverer = listedResourceDiscoverer({
  cloudFormationType: 'AWS::SNS::Topic',
  // The service-wide filter: some endpoints only know `sns`, and topics are
  // the only SNS resources we keep anyway.
  tagFilters: ['sns'],
  client: config => new SNSClient(config),
  async list(client, { region }) {
    const arns = await collectPages(paginateListTopics({ client }, {}), page =>
      (page.Topics ?? []).flatMap(topic =>
        topic.TopicArn ? [topic.TopicArn] : [],
      ),
    );
    return arns.map(arn => ({
      arn,
      name: arn.slice(arn.lastIndexOf(':') + 1),
      consoleUrl: consoleUrl(
        region,
        'sns/v3/home',
        `/topic/${encodeURIComponent(arn)}`,
      ),
    }));
  },
});
