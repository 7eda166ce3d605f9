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

import type { IncomingHttpHeaders } from 'node:http';

/** The signing scope names the service: `Credential=AKID/date/region/service/aws4_request`. */
function serviceOf(headers: IncomingHttpHeaders): string {
  const auth = String(headers.authorization ?? '');
  return (
    /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\/aws4_request/.exec(auth)?.[1] ??
    'unsigned'
  );
}

/** S3 operations by method and sub-resource, for the ones discovery and seeding use. */
function s3Operation(method: string, url: URL): string {
  const bucket = url.pathname.split('/').filter(Boolean)[0];
  const sub = [...url.searchParams.keys()][0];
  if (!bucket) return method === 'GET' ? 'ListBuckets' : `${method} /`;
  const known: Record<string, string> = {
    'GET tagging': 'GetBucketTagging',
    'PUT tagging': 'PutBucketTagging',
    'GET location': 'GetBucketLocation',
    'PUT undefined': 'CreateBucket',
    'HEAD undefined': 'HeadBucket',
    'GET undefined': 'ListObjects',
    'GET list-type': 'ListObjectsV2',
  };
  return known[`${method} ${sub}`] ?? `${method} ?${sub ?? ''}`;
}

/** Lambda is REST-JSON: the operation is in the method and path. */
function lambdaOperation(method: string, url: URL): string {
  const path = url.pathname.replace(/\/+$/, '');
  if (/^\/\d{4}-\d{2}-\d{2}\/functions$/.test(path)) {
    return method === 'GET' ? 'ListFunctions' : 'CreateFunction';
  }
  if (/^\/\d{4}-\d{2}-\d{2}\/tags\//.test(path)) {
    return method === 'GET' ? 'ListTags' : 'TagResource';
  }
  return `${method} ${path.replace(/[^/]+$/, '*')}`;
}

/**
 * Names the AWS operation of one HTTP request, as `service:Operation`:
 * JSON protocols carry it in `X-Amz-Target`, query protocols in the `Action`
 * parameter (form body or query string), REST protocols in method and path.
 */
export function operationOf(
  method: string,
  rawUrl: string,
  headers: IncomingHttpHeaders,
  body: string,
): string {
  const service = serviceOf(headers);
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    return `${service}:${target.slice(target.lastIndexOf('.') + 1)}`;
  }
  const url = new URL(rawUrl, 'http://localhost');
  const action =
    url.searchParams.get('Action') ??
    (String(headers['content-type']).includes('x-www-form-urlencoded')
      ? new URLSearchParams(body).get('Action')
      : null);
  if (action) return `${service}:${action}`;
  if (service === 's3') return `s3:${s3Operation(method, url)}`;
  if (service === 'lambda') return `lambda:${lambdaOperation(method, url)}`;
  return `${service}:${method} ${url.pathname}`;
}
