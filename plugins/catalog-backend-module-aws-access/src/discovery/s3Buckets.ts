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

import { S3Client, paginateListBuckets } from '@aws-sdk/client-s3';
import type { AwsClientConfig } from '@backstage-aws-access/plugin-aws-access-node';
import type {
  DiscoveredResource,
  DiscoveryContext,
  ResourceDiscoverer,
} from '@backstage-aws-access/plugin-aws-access-node';
import { partitionOf } from './util';

/** The most `ListBuckets` returns in one page. */
const PAGE_SIZE = 10000;

interface Bucket {
  name: string;
  region?: string;
}

/** Every bucket of the account, or with `bucketRegion` only those in that region. */
async function listBuckets(
  clientConfig: AwsClientConfig,
  bucketRegion?: string,
): Promise<Bucket[]> {
  const client = new S3Client(clientConfig);
  try {
    const buckets: Bucket[] = [];
    for await (const page of paginateListBuckets(
      { client, pageSize: PAGE_SIZE },
      bucketRegion ? { BucketRegion: bucketRegion } : {},
    )) {
      for (const bucket of page.Buckets ?? []) {
        if (bucket.Name) {
          buckets.push({
            name: bucket.Name,
            region: bucket.BucketRegion ?? bucketRegion,
          });
        }
      }
    }
    return buckets;
  } finally {
    client.destroy();
  }
}

/**
 * The buckets in the account's configured regions, for endpoints whose
 * `ListBuckets` answer leaves `BucketRegion` out but honours it as a request
 * filter (moto 5): one list per region, sent to that region as AWS requires
 * for the filter.
 */
async function listBucketsByRegion(
  context: DiscoveryContext,
): Promise<Bucket[]> {
  const perRegion = await Promise.all(
    [...new Set(context.regions)].map(async region =>
      listBuckets(await context.clientConfig(region), region),
    ),
  );
  const buckets = perRegion.flat();
  // An endpoint that ignored the filter would put every bucket in every
  // region; better to fail the part than to publish made-up regions.
  const names = new Set(buckets.map(bucket => bucket.name));
  if (names.size !== buckets.length) {
    throw new Error(
      'S3 ListBuckets names no bucket regions and ignores the BucketRegion filter at this endpoint',
    );
  }
  return buckets;
}

/**
 * S3 buckets. `ListBuckets` is global and, on AWS, names each bucket's region,
 * so the whole account costs one list call (10,000 buckets a page) plus the
 * tagging API; with one configured region, that region's filtered list.
 * Endpoints that leave `BucketRegion` out cost, with several regions, one
 * more list call per configured region and page, never one call per bucket.
 */
export const s3BucketDiscoverer: ResourceDiscoverer = {
  type: 's3-bucket',
  cloudFormationType: 'AWS::S3::Bucket',
  scope: 'global',
  async list(context) {
    // The tagging API's pages take longest and come one after another, so
    // the discovery region's are asked for while the buckets are listed.
    // Other regions are asked only once buckets are known to be there: an
    // endpoint may answer the S3 tag query of every region with all buckets.
    const early = context.tagsByArn(context.region, ['s3:bucket']);
    // Awaited below when that region holds buckets; a failed list must not
    // leave it an unhandled rejection.
    early.catch(() => {});
    const configuredRegions = [...new Set(context.regions)];
    let buckets: Bucket[];
    if (configuredRegions.length === 1) {
      // One region: its filtered list is the whole answer, on AWS and on
      // endpoints that leave `BucketRegion` out alike, in one call.
      buckets = await listBuckets(
        await context.clientConfig(configuredRegions[0]),
        configuredRegions[0],
      );
    } else {
      buckets = await listBuckets(await context.clientConfig(context.region));
      if (buckets.some(bucket => !bucket.region)) {
        buckets = await listBucketsByRegion(context);
      }
    }

    const wanted = buckets.flatMap(({ name, region }) =>
      region && context.regions.includes(region) ? [{ name, region }] : [],
    );
    const regions = [...new Set(wanted.map(b => b.region))];
    const tagMaps = await Promise.all(
      regions.map(region =>
        region === context.region
          ? early
          : context.tagsByArn(region, ['s3:bucket']),
      ),
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
  },
};
