import {
  GetBucketLocationCommand,
  S3Client,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import type { DiscoveredResource, ResourceDiscoverer } from './types';
import { mapWithConcurrency, partitionOf } from './util';

/** `GetBucketLocation` answers `''` for us-east-1 and `EU` for the oldest eu-west-1 buckets. */
function regionFromLocation(location: string | undefined): string {
  if (!location) return 'us-east-1';
  return location === 'EU' ? 'eu-west-1' : location;
}

/**
 * S3 buckets. `ListBuckets` is global and, on AWS, names each bucket's region,
 * so the whole account costs one list call (10,000 buckets a page) plus the
 * tagging API. Endpoints that leave `BucketRegion` out (older emulators) cost
 * one `GetBucketLocation` per bucket.
 */
export const s3BucketDiscoverer: ResourceDiscoverer = {
  type: 's3-bucket',
  cloudFormationType: 'AWS::S3::Bucket',
  scope: 'global',
  async list(context) {
    const client = new S3Client(await context.clientConfig(context.region));
    try {
      const buckets: Array<{ name: string; region?: string }> = [];
      for await (const page of paginateListBuckets(
        { client, pageSize: 10000 },
        {},
      )) {
        for (const bucket of page.Buckets ?? []) {
          if (bucket.Name) {
            buckets.push({ name: bucket.Name, region: bucket.BucketRegion });
          }
        }
      }
      const located = await mapWithConcurrency(buckets, 16, async bucket => {
        if (bucket.region) return { ...bucket, region: bucket.region };
        const { LocationConstraint } = await client.send(
          new GetBucketLocationCommand({ Bucket: bucket.name }),
        );
        return { ...bucket, region: regionFromLocation(LocationConstraint) };
      });

      const wanted = located.filter(b => context.regions.includes(b.region));
      const regions = [...new Set(wanted.map(b => b.region))];
      const tagMaps = await Promise.all(
        regions.map(region => context.tagsByArn(region, ['s3:bucket'])),
      );
      return wanted.map((bucket): DiscoveredResource => {
        const arn = `arn:${partitionOf(bucket.region)}:s3:::${bucket.name}`;
        return {
          arn,
          name: bucket.name,
          region: bucket.region,
          tags: tagMaps.find(tags => tags.has(arn))?.get(arn) ?? {},
          consoleUrl: `https://s3.console.aws.amazon.com/s3/buckets/${encodeURIComponent(
            bucket.name,
          )}?region=${bucket.region}`,
        };
      });
    } finally {
      client.destroy();
    }
  },
};
