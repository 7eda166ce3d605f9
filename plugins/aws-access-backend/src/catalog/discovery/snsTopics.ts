import { SNSClient, paginateListTopics } from '@aws-sdk/client-sns';
import type { DiscoveredResource, ResourceDiscoverer } from './types';
import { consoleHost } from './util';

/** SNS topics: `ListTopics` (100 a page), tags from the tagging API. */
export const snsTopicDiscoverer: ResourceDiscoverer = {
  type: 'sns-topic',
  cloudFormationType: 'AWS::SNS::Topic',
  scope: 'regional',
  async list({ region, clientConfig, tagsByArn }) {
    const client = new SNSClient(await clientConfig(region));
    const arns: string[] = [];
    try {
      for await (const page of paginateListTopics({ client }, {})) {
        for (const topic of page.Topics ?? []) {
          if (topic.TopicArn) arns.push(topic.TopicArn);
        }
      }
    } finally {
      client.destroy();
    }
    // The service-wide filter: some endpoints only know `sns`, and topics are
    // the only SNS resources we keep anyway.
    const tags = arns.length ? await tagsByArn(region, ['sns']) : new Map();
    return arns.map(
      (arn): DiscoveredResource => ({
        arn,
        name: arn.slice(arn.lastIndexOf(':') + 1),
        region,
        tags: tags.get(arn) ?? {},
        consoleUrl: `https://${consoleHost(
          region,
        )}/sns/v3/home?region=${region}#/topic/${encodeURIComponent(arn)}`,
      }),
    );
  },
};
