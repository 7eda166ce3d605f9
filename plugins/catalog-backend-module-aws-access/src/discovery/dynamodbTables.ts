import { DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import type { ResourceDiscoverer } from '@backstage-aws-access/plugin-aws-access-node';
import {
  collectPages,
  consoleHost,
  partitionOf,
  withTaggingApiTags,
} from './util';

/** DynamoDB tables: names from `ListTables`, tags from the tagging API. */
export const dynamodbTableDiscoverer: ResourceDiscoverer = {
  type: 'dynamodb-table',
  cloudFormationType: 'AWS::DynamoDB::Table',
  scope: 'regional',
  async list(context) {
    const { accountId, region, clientConfig } = context;
    const client = new DynamoDBClient(await clientConfig(region));
    const names = await collectPages(
      client,
      paginateListTables({ client, pageSize: 100 }, {}),
      page => page.TableNames ?? [],
    );
    return withTaggingApiTags(
      context,
      ['dynamodb:table'],
      names.map(name => ({
        arn: `arn:${partitionOf(
          region,
        )}:dynamodb:${region}:${accountId}:table/${name}`,
        name,
        consoleUrl: `https://${consoleHost(
          region,
        )}/dynamodbv2/home?region=${region}#table?name=${encodeURIComponent(
          name,
        )}`,
      })),
    );
  },
};
