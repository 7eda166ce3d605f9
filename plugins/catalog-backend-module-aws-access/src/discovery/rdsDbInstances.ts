import { RDSClient, paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import type {
  DiscoveredResource,
  ResourceDiscoverer,
} from '@backstage-aws-access/plugin-aws-access-node';
import { consoleHost, tagsFromList } from './util';

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
            consoleUrl: `https://${consoleHost(
              region,
            )}/rds/home?region=${region}#database:id=${encodeURIComponent(
              db.DBInstanceIdentifier,
            )}`,
          });
        }
      }
    } finally {
      client.destroy();
    }
    return found;
  },
};
