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

/**
 * The floor for the S3-only run: what any discovery of these buckets has to
 * ask AWS, with the same SDK, through the same proxy, and nothing else. Per
 * account, concurrently: the reader role's credentials for account B, one
 * `ListBuckets`, and the tagging API's pages of tagged buckets; the entities
 * are only the names and owners joined in a Map, no catalog code at all.
 */
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { ACCOUNTS, S3_REGION, readerRoleArn } from './accounts';

async function credentialsFor(index: number) {
  if (index === 0) {
    return undefined;
  }
  const sts = new STSClient({ region: S3_REGION });
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: readerRoleArn(ACCOUNTS[index].id),
      RoleSessionName: 'bench-floor',
    }),
  );
  return {
    accessKeyId: Credentials!.AccessKeyId!,
    secretAccessKey: Credentials!.SecretAccessKey!,
    sessionToken: Credentials!.SessionToken,
  };
}

/** Bucket name to owner tag (or undefined), for one account. */
async function listAccount(
  index: number,
): Promise<Map<string, string | undefined>> {
  const credentials = await credentialsFor(index);
  const s3 = new S3Client({
    region: S3_REGION,
    credentials,
    forcePathStyle: true,
  });
  const tagging = new ResourceGroupsTaggingAPIClient({
    region: S3_REGION,
    credentials,
  });
  const [buckets, owners] = await Promise.all([
    s3.send(new ListBucketsCommand({})),
    (async () => {
      const found = new Map<string, string>();
      let token: string | undefined;
      do {
        const page = await tagging.send(
          new GetResourcesCommand({
            ResourceTypeFilters: ['s3'],
            ResourcesPerPage: 100,
            PaginationToken: token || undefined,
          }),
        );
        for (const r of page.ResourceTagMappingList ?? []) {
          const owner = r.Tags?.find(t => t.Key === 'owner')?.Value;
          if (owner)
            found.set(r.ResourceARN!.replace('arn:aws:s3:::', ''), owner);
        }
        token = page.PaginationToken;
      } while (token);
      return found;
    })(),
  ]);
  return new Map(
    (buckets.Buckets ?? []).map(b => [b.Name!, owners.get(b.Name!)]),
  );
}

/** The buckets of both accounts with their owners: the floor's whole answer. */
export async function floorS3(): Promise<
  Array<Map<string, string | undefined>>
> {
  return Promise.all(ACCOUNTS.map((_, index) => listAccount(index)));
}
