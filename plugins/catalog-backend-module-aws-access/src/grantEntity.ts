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

import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_REGION,
  ANNOTATION_GRANT_EXPIRES_AT,
  ANNOTATION_GRANT_ID,
  ANNOTATION_GRANT_ROLE_ARN,
  GRANT_ENTITY_TYPE,
  Grant,
  formatArn,
  parseArn,
  readableTime,
} from '@backstage-aws-access/plugin-aws-access-common';
import {
  grantEntityName,
  resourceEntityName,
} from '@backstage-aws-access/plugin-aws-access-node';

/** Characters that survive every renderer (markdown, HTML, plain) as themselves. */
const INERT = /^[A-Za-z0-9._:-]+$/;
/** An IAM action as the IAM catalog spells it, with nothing a renderer could read as markup. */
const PLAIN_ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
/** How much of the grant id makes each title distinct. */
const SHORT_ID_LENGTH = 8;

function requesterName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return 'someone';
  }
}

/**
 * The ARN of the catalogued resource a grant is on. A grant on an S3 object
 * prefix (`bucket/reports/*`) is a grant on the bucket's entity: the path
 * after the bucket is the requester's own text, and must not decide what the
 * catalog says the grant is about.
 */
export function cataloguedResourceArn(resourceArn: string): string {
  // Not parseArn: it refuses the `*` that object-prefix grants end with.
  const s3Object = /^arn:([a-z-]+):s3:::([^/]+)\//.exec(resourceArn);
  if (s3Object) {
    const [, partition, bucket] = s3Object;
    return formatArn({
      partition,
      service: 's3',
      region: '',
      accountId: '',
      resource: bucket,
    });
  }
  return resourceArn;
}

/** A readable name for the catalogued resource, from its ARN. */
function resourceLabel(arn: string): string {
  const parsed = parseArn(arn);
  const last = parsed?.resource.split(/[:/]/).filter(Boolean).pop();
  return last && INERT.test(last) ? last : 'an AWS resource';
}

function describe(grant: Grant): string {
  const actions = grant.actions.every(action => PLAIN_ACTION.test(action))
    ? grant.actions.join(', ')
    : `${grant.actions.length} IAM action(s)`;
  const until =
    grant.expiresAt && !Number.isNaN(Date.parse(grant.expiresAt))
      ? ` until ${readableTime(grant.expiresAt)}`
      : '';
  return `Temporary AWS access: ${actions}${until}. Details, for those allowed to read them, are in aws-access.`;
}

/**
 * The entity of an active grant (DESIGN.md, "Catalog contract"). The catalog
 * and search show it to every signed-in user, past `aws-access.grant.read`,
 * so it says who, what and until when, and nothing a requester typed: no
 * reason, no object path, no sign-in link. Everything in it is generated.
 */
export function toGrantEntity(grant: Grant, location: string): Entity {
  const resourceArn = cataloguedResourceArn(grant.resourceArn);
  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [ANNOTATION_GRANT_ID]: grant.id,
    [ANNOTATION_AWS_ACCOUNT_ID]: grant.accountId,
  };
  if (grant.roleArn) annotations[ANNOTATION_GRANT_ROLE_ARN] = grant.roleArn;
  if (grant.expiresAt)
    annotations[ANNOTATION_GRANT_EXPIRES_AT] = grant.expiresAt;
  if (grant.region) annotations[ANNOTATION_AWS_REGION] = grant.region;

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: grantEntityName(grant.id),
      // The short id keeps two grants of one person on one resource apart.
      title: `${requesterName(grant.requester)} on ${resourceLabel(
        resourceArn,
      )} · ${grant.id.slice(0, SHORT_ID_LENGTH)}`,
      description: describe(grant),
      annotations,
    },
    spec: {
      type: GRANT_ENTITY_TYPE,
      owner: grant.requester,
      dependsOn: [
        grant.resourceRef ??
          `resource:default/${resourceEntityName(resourceArn)}`,
      ],
    },
  };
}
