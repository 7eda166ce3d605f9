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
 * Matching ARNs against the patterns of the IAM service authorization
 * reference, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
 */

const VARIABLE = /\$\{[^}]+\}/g;

export interface CompiledArnPattern {
  regex: RegExp;
  /**
   * How many literal characters the pattern fixes. When several patterns
   * match one ARN (a bucket's `${BucketName}` would also swallow
   * `bucket/key`), the one that fixes more is the right one.
   */
  specificity: number;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
}

export function compileArnPattern(pattern: string): CompiledArnPattern {
  const literals = pattern.split(VARIABLE);
  let source = '';
  literals.forEach((literal, index) => {
    source += escapeRegex(literal);
    if (index < literals.length - 1) {
      // A variable inside the ARN is one path segment; the last one may hold
      // anything, since object keys and role paths contain `/` and `:`.
      const isLast =
        index === literals.length - 2 && literals[index + 1] === '';
      source += isLast ? '.+' : '[^:/]+';
    }
  });
  return {
    regex: new RegExp(`^${source}$`),
    specificity: literals.join('').length,
  };
}

/**
 * When `child` is a sub-resource of `parent` under a `/` (an S3 object in a
 * bucket, an index of a DynamoDB table), the suffix that turns a parent ARN
 * into a policy resource covering all such children: `/*`, `/index/*`.
 */
export function childResourceSuffix(
  parentPattern: string,
  childPattern: string,
): string | undefined {
  if (!childPattern.startsWith(`${parentPattern}/`)) {
    return undefined;
  }
  const rest = childPattern.slice(parentPattern.length);
  if (rest.includes(':')) {
    return undefined;
  }
  return rest.replace(VARIABLE, '*');
}
