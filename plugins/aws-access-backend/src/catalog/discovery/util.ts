import type { Tag as TaggingTag } from '@aws-sdk/client-resource-groups-tagging-api';
import type { ResourceTags } from './types';

/** The ARN partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The console host of a region, e.g. `us-east-1.console.aws.amazon.com`. */
export function consoleHost(region: string): string {
  switch (partitionOf(region)) {
    case 'aws-cn':
      return 'console.amazonaws.cn';
    case 'aws-us-gov':
      return 'console.amazonaws-us-gov.com';
    default:
      return `${region}.console.aws.amazon.com`;
  }
}

/** Turns the SDKs' `[{ Key, Value }]` tag lists into a plain object. */
export function tagsFromList(
  list: ReadonlyArray<Partial<TaggingTag>> | undefined,
): ResourceTags {
  const tags: ResourceTags = {};
  for (const { Key, Value } of list ?? []) {
    if (Key !== undefined) tags[Key] = Value ?? '';
  }
  return tags;
}
