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

import { Config } from '@backstage/config';

/**
 * Who the onboarding roles trust: the identity the Backstage backend runs
 * as. There are no static keys anywhere; the backend gets its identity from
 * where it runs (seeds 002/003).
 */
export type BackendTrust =
  /**
   * An IAM role (ECS task role, EC2 instance role, any role or user) that
   * assumes the roles with `sts:AssumeRole` and the account's external id.
   */
  | { type: 'iam-principal'; principalArn: string }
  /**
   * A Kubernetes service account of an EKS cluster (IRSA): the roles trust
   * the cluster's OIDC issuer, registered as an identity provider in each
   * onboarded account, for exactly that service account.
   */
  | {
      type: 'eks-oidc';
      /** Issuer without scheme, e.g. `oidc.eks.eu-west-1.amazonaws.com/id/ABC`. */
      issuer: string;
      /** `system:serviceaccount:<namespace>:<name>`. */
      subject: string;
      /** Create the account's OIDC provider in the stack (default true). */
      createProvider: boolean;
    };

export interface OnboardingConfig {
  /** Undefined when `awsAccess.onboarding` names no backend identity. */
  trust?: BackendTrust;
  stackName: string;
  /**
   * Where CloudFormation fetches the template. The console only accepts
   * templates it can download (in practice an S3 object URL), so a backend
   * on a private network needs this; `{accountId}` is replaced.
   */
  templateUrl?: string;
}

const PRINCIPAL_ARN = /^arn:aws[\w-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;
const SERVICE_ACCOUNT = /^system:serviceaccount:[a-z0-9-.]+:[a-z0-9-.]+$/;

/** Reads `awsAccess.onboarding`; bad values fail the start, naming the key. */
export function readOnboardingConfig(root: Config): OnboardingConfig {
  const config = root.getOptionalConfig('awsAccess.onboarding');
  const principalArn = config?.getOptionalString('backendPrincipalArn');
  const eks = config?.getOptionalConfig('eks');
  if (principalArn && eks) {
    throw new Error(
      'awsAccess.onboarding: set either backendPrincipalArn or eks, not both',
    );
  }
  let trust: BackendTrust | undefined;
  if (principalArn) {
    if (!PRINCIPAL_ARN.test(principalArn)) {
      throw new Error(
        `awsAccess.onboarding.backendPrincipalArn '${principalArn}' must be an IAM role or user ARN`,
      );
    }
    trust = { type: 'iam-principal', principalArn };
  } else if (eks) {
    const issuer = eks.getString('oidcIssuer').replace(/^https:\/\//, '');
    const serviceAccount = eks.getString('serviceAccount');
    const subject = serviceAccount.startsWith('system:serviceaccount:')
      ? serviceAccount
      : `system:serviceaccount:${serviceAccount.replace('/', ':')}`;
    if (!/^[\w.-]+(\/[\w.-]+)*$/.test(issuer)) {
      throw new Error(
        `awsAccess.onboarding.eks.oidcIssuer '${issuer}' is not an issuer URL`,
      );
    }
    if (!SERVICE_ACCOUNT.test(subject)) {
      throw new Error(
        `awsAccess.onboarding.eks.serviceAccount '${serviceAccount}' must be 'namespace/name'`,
      );
    }
    trust = {
      type: 'eks-oidc',
      issuer,
      subject,
      createProvider: eks.getOptionalBoolean('createOidcProvider') ?? true,
    };
  }
  return {
    trust,
    stackName: config?.getOptionalString('stackName') ?? 'backstage-access',
    templateUrl: config?.getOptionalString('templateUrl'),
  };
}
