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

import { stringify } from 'yaml';
import {
  ACCESS_ROLES,
  AccessRoleDefinition,
  GRANT_BOUNDARY,
  GRANT_BOUNDARY_NAME,
  GRANT_BOUNDARY_PATH,
  MANAGER_ROLE_NAME,
  READER_ROLE_NAME,
  TAG_TEMPLATE_VERSION,
  TEMPLATE_VERSION,
  rolePolicyDocument,
} from './accessRoles';
import type { BackendTrust } from './onboardingConfig';

export interface TemplateOptions {
  trust: BackendTrust;
  /** IAM path of the grant roles, e.g. `/backstage-access/`. */
  rolePath: string;
}

const OIDC_PROVIDER = 'BackstageAccessOidcProvider';

/** CloudFormation references, substituted by `Fn::Sub` in the account. */
const CFN_TARGET = {
  partition: '${AWS::Partition}',
  accountId: '${AWS::AccountId}',
};

/** Wraps every string that references `${AWS::...}` in `Fn::Sub`, deeply. */
function substitute(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.includes('${AWS::') ? { 'Fn::Sub': value } : value;
  }
  if (Array.isArray(value)) {
    return value.map(substitute);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v)]),
    );
  }
  return value;
}

function trustPolicy(trust: BackendTrust) {
  if (trust.type === 'iam-principal') {
    return {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: trust.principalArn },
          Action: 'sts:AssumeRole',
          // Confused-deputy protection: only a caller that knows this
          // account's external id (kept in the backend's config) gets in.
          Condition: {
            StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } },
          },
        },
      ],
    };
  }
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          // The provider's ARN is known from the issuer; the role waits for
          // the provider through DependsOn when the stack creates it.
          Federated: {
            'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${trust.issuer}`,
          },
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        // Only the backend's own service account, and only tokens minted for STS.
        Condition: {
          StringEquals: {
            [`${trust.issuer}:sub`]: trust.subject,
            [`${trust.issuer}:aud`]: 'sts.amazonaws.com',
          },
        },
      },
    ],
  };
}

function roleResource(
  role: AccessRoleDefinition,
  options: TemplateOptions,
): Record<string, unknown> {
  const policy = rolePolicyDocument(role, { ...CFN_TARGET, ...options });
  const { trust } = options;
  return {
    Type: 'AWS::IAM::Role',
    ...(trust.type === 'eks-oidc' && trust.createProvider
      ? { DependsOn: OIDC_PROVIDER }
      : {}),
    Properties: {
      RoleName: role.name,
      // Outside the grant role path, so the engine and reconciler never see it.
      Path: '/',
      Description: role.summary.slice(0, 1000),
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: trustPolicy(options.trust),
      Policies: [{ PolicyName: role.name, PolicyDocument: substitute(policy) }],
      Tags: [
        { Key: TAG_TEMPLATE_VERSION, Value: String(TEMPLATE_VERSION) },
        { Key: 'backstage-access:purpose', Value: role.purpose },
      ],
    },
  };
}

/**
 * The grant boundary as a customer managed policy. The stack owns it: the
 * manager role may neither rewrite nor delete it, so only whoever may
 * update the stack can change the cap on grant roles.
 */
function boundaryResource(options: TemplateOptions): Record<string, unknown> {
  return {
    Type: 'AWS::IAM::ManagedPolicy',
    Properties: {
      ManagedPolicyName: GRANT_BOUNDARY_NAME,
      Path: GRANT_BOUNDARY_PATH,
      Description: GRANT_BOUNDARY.summary.slice(0, 1000),
      PolicyDocument: substitute(
        rolePolicyDocument(GRANT_BOUNDARY, { ...CFN_TARGET, ...options }),
      ),
    },
  };
}

/**
 * The template as an object: one manager and one reader role, the grant
 * boundary policy (and an OIDC provider for EKS).
 */
export function buildCloudFormationTemplate(
  options: TemplateOptions,
): Record<string, unknown> {
  if (options.rolePath === '/') {
    // The manager may create and delete any role under the path: it must be
    // a path of its own, or every role of the account would be in scope.
    throw new Error(
      'awsAccess.rolePath must not be "/" for onboarding: grant roles need a dedicated path',
    );
  }
  const { trust } = options;
  const parameters: Record<string, unknown> = {};
  const resources: Record<string, unknown> = {};
  if (trust.type === 'iam-principal') {
    parameters.ExternalId = {
      Type: 'String',
      NoEcho: true,
      MinLength: 2,
      MaxLength: 1224,
      AllowedPattern: '[\\w+=,.@:/-]+',
      Description:
        'The external id from awsAccess.accounts[].externalId in the Backstage config.',
    };
  } else if (trust.createProvider) {
    resources[OIDC_PROVIDER] = {
      Type: 'AWS::IAM::OIDCProvider',
      Properties: {
        Url: `https://${trust.issuer}`,
        ClientIdList: ['sts.amazonaws.com'],
      },
    };
  }
  resources[GRANT_BOUNDARY_NAME] = boundaryResource(options);
  for (const role of ACCESS_ROLES) {
    resources[role.name] = roleResource(role, options);
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Backstage AWS access: ${MANAGER_ROLE_NAME} (manages short-lived grant roles under ${options.rolePath}), ${READER_ROLE_NAME} (read-only discovery) and ${GRANT_BOUNDARY_NAME} (the permissions boundary of every grant role). Template version ${TEMPLATE_VERSION}. Delete this stack to revoke Backstage's access.`,
    Metadata: { BackstageAccessTemplateVersion: TEMPLATE_VERSION },
    ...(Object.keys(parameters).length ? { Parameters: parameters } : {}),
    Resources: resources,
    Outputs: {
      ManagerRoleArn: {
        Description: 'awsAccess.accounts[].managerRoleArn',
        Value: { 'Fn::GetAtt': [MANAGER_ROLE_NAME, 'Arn'] },
      },
      ReaderRoleArn: {
        Description: 'awsAccess.accounts[].readerRoleArn',
        Value: { 'Fn::GetAtt': [READER_ROLE_NAME, 'Arn'] },
      },
      GrantBoundaryArn: {
        Description: 'The permissions boundary of every grant role',
        // `Ref` of a managed policy is its ARN.
        Value: { Ref: GRANT_BOUNDARY_NAME },
      },
    },
  };
}

/**
 * The template as YAML. Only long-form intrinsic functions (`Fn::Sub:`),
 * no `!Sub` tags, so any YAML parser reads it. Written for YAML 1.1, so
 * strings a 1.1 parser would read as something else (`2012-10-17` as a
 * date, `yes` as a boolean) are quoted: parsers of that age read policy
 * versions as dates and produce documents IAM refuses.
 */
export function renderCloudFormationTemplate(options: TemplateOptions): string {
  return stringify(buildCloudFormationTemplate(options), {
    version: '1.1',
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
}

/**
 * The console's quick-create link: it opens the "create stack" page with
 * the template and parameters filled in; the admin ticks the IAM
 * acknowledgement and creates the stack.
 */
export function quickCreateUrl(options: {
  region: string;
  templateUrl: string;
  stackName: string;
  parameters?: Record<string, string>;
}): string {
  const query = new URLSearchParams({
    templateURL: options.templateUrl,
    stackName: options.stackName,
  });
  for (const [name, value] of Object.entries(options.parameters ?? {})) {
    query.set(`param_${name}`, value);
  }
  const region = encodeURIComponent(options.region);
  return `https://console.aws.amazon.com/cloudformation/home?region=${region}#/stacks/quickcreate?${query}`;
}
