import { SQSClient, paginateListQueues } from '@aws-sdk/client-sqs';
import type { DiscoveredResource, ResourceDiscoverer } from './types';
import { consoleHost, partitionOf } from './util';

/**
 * SQS queues. A queue URL ends in `/<account>/<name>`, which is all the ARN
 * needs, so no `GetQueueAttributes` per queue; tags from the tagging API.
 */
export const sqsQueueDiscoverer: ResourceDiscoverer = {
  type: 'sqs-queue',
  cloudFormationType: 'AWS::SQS::Queue',
  scope: 'regional',
  async list({ accountId, region, clientConfig, tagsByArn }) {
    const client = new SQSClient(await clientConfig(region));
    const urls: string[] = [];
    try {
      for await (const page of paginateListQueues(
        { client, pageSize: 1000 },
        {},
      )) {
        urls.push(...(page.QueueUrls ?? []));
      }
    } finally {
      client.destroy();
    }
    const tags = urls.length
      ? await tagsByArn(region, ['sqs:queue'])
      : new Map();
    return urls.map((url): DiscoveredResource => {
      const [name, owner] = new URL(url).pathname.split('/').reverse();
      const arn = `arn:${partitionOf(region)}:sqs:${region}:${
        owner || accountId
      }:${name}`;
      return {
        arn,
        name,
        region,
        tags: tags.get(arn) ?? {},
        consoleUrl: `https://${consoleHost(
          region,
        )}/sqs/v3/home?region=${region}#/queues/${encodeURIComponent(url)}`,
      };
    });
  },
};
