import { SQSClient, paginateListQueues } from '@aws-sdk/client-sqs';
import type { ResourceDiscoverer } from '@backstage-aws-access/plugin-aws-access-node';
import {
  collectPages,
  consoleHost,
  partitionOf,
  withTaggingApiTags,
} from './util';

/**
 * SQS queues. A queue URL ends in `/<account>/<name>`, which is all the ARN
 * needs, so no `GetQueueAttributes` per queue; tags from the tagging API.
 */
export const sqsQueueDiscoverer: ResourceDiscoverer = {
  type: 'sqs-queue',
  cloudFormationType: 'AWS::SQS::Queue',
  scope: 'regional',
  async list(context) {
    const { accountId, region, clientConfig } = context;
    const client = new SQSClient(await clientConfig(region));
    const urls = await collectPages(
      client,
      paginateListQueues({ client, pageSize: 1000 }, {}),
      page => page.QueueUrls ?? [],
    );
    return withTaggingApiTags(
      context,
      ['sqs:queue'],
      urls.map(url => {
        const [name, owner] = new URL(url).pathname.split('/').reverse();
        return {
          arn: `arn:${partitionOf(region)}:sqs:${region}:${
            owner || accountId
          }:${name}`,
          name,
          consoleUrl: `https://${consoleHost(
            region,
          )}/sqs/v3/home?region=${region}#/queues/${encodeURIComponent(url)}`,
        };
      }),
    );
  },
};
