import { DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import type { ResourceDiscoverer } from './types';
import { consoleHost, partitionOf } from './util';

/** DynamoDB tables: names from `ListTables`, tags from the tagging API. */
export const dynamodbTableDiscoverer: ResourceDiscoverer = {
  type: 'dynamodb-table',
  cloudFormationType: 'AWS::DynamoDB::Table',
  scope: 'regional',
  async list({ accountId, region, clientConfig, tagsByArn }) {
    const client = new DynamoDBClient(await clientConfig(region));
    const names: string[] = [];
    try {
      for await (const page of paginateListTables(
        { client, pageSize: 100 },
        {},
      )) {
        names.push(...(page.TableNames ?? []));
      }
    } finally {
      client.destroy();
    }
    const tags = names.length
      ? await tagsByArn(region, ['dynamodb:table'])
      : new Map();
    return names.map(name => {
      const arn = `arn:${partitionOf(
        region,
      )}:dynamodb:${region}:${accountId}:table/${name}`;
      return {
        arn,
        name,
        region,
        tags: tags.get(arn) ?? {},
        consoleUrl: `https://${consoleHost(
          region,
        )}/dynamodbv2/home?region=${region}#table?name=${encodeURIComponent(
          name,
        )}`,
      };
    });
  },
};
