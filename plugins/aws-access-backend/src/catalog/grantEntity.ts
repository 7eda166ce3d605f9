import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_REGION,
  ANNOTATION_GRANT_EXPIRES_AT,
  ANNOTATION_GRANT_ID,
  GRANT_ENTITY_TYPE,
  Grant,
} from 'backstage-plugin-aws-access-common';
import { grantEntityName, resourceEntityName } from './naming';

function requesterName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/**
 * The entity of an active grant (DESIGN.md, "Catalog contract"). It depends
 * on the resource entity, found by name from the ARN alone, the same way
 * the resource provider names it.
 */
export function toGrantEntity(grant: Grant, location: string): Entity {
  const resourceName =
    grant.resourceArn.split(/[:/]/).filter(Boolean).pop() ?? grant.resourceArn;
  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [ANNOTATION_GRANT_ID]: grant.id,
    [ANNOTATION_AWS_ACCOUNT_ID]: grant.accountId,
  };
  if (grant.roleArn) annotations[ANNOTATION_AWS_ARN] = grant.roleArn;
  if (grant.expiresAt)
    annotations[ANNOTATION_GRANT_EXPIRES_AT] = grant.expiresAt;
  if (grant.region) annotations[ANNOTATION_AWS_REGION] = grant.region;

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: grantEntityName(grant.id),
      title: `${requesterName(grant.requester)} on ${resourceName}`,
      description: `${grant.actions.join(', ')} on ${grant.resourceArn}${
        grant.expiresAt ? ` until ${grant.expiresAt}` : ''
      }. Reason: ${grant.reason}`,
      annotations,
      ...(grant.signInUrl
        ? {
            links: [
              {
                url: grant.signInUrl,
                title: 'Switch to the grant role in the AWS console',
                icon: 'cloud',
              },
            ],
          }
        : {}),
    },
    spec: {
      type: GRANT_ENTITY_TYPE,
      owner: grant.requester,
      dependsOn: [`resource:default/${resourceEntityName(grant.resourceArn)}`],
    },
  };
}
