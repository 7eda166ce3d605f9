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

import { ConfigReader } from '@backstage/config';
import { readOnboardingConfig } from './onboardingConfig';

const read = (onboarding?: object) =>
  readOnboardingConfig(new ConfigReader({ awsAccess: { onboarding } }));

describe('readOnboardingConfig', () => {
  it('has no trust and default names when nothing is set', () => {
    expect(read()).toEqual({ stackName: 'backstage-access' });
  });

  it('reads an IAM principal (ECS task role, EC2 instance role)', () => {
    expect(
      read({
        backendPrincipalArn: 'arn:aws:iam::111122223333:role/ecs/backstage',
      }).trust,
    ).toEqual({
      type: 'iam-principal',
      principalArn: 'arn:aws:iam::111122223333:role/ecs/backstage',
    });
  });

  it('reads an EKS service account and normalises issuer and subject', () => {
    expect(
      read({
        eks: {
          oidcIssuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
          serviceAccount: 'backstage/backend',
        },
      }).trust,
    ).toEqual({
      type: 'eks-oidc',
      issuer: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC',
      subject: 'system:serviceaccount:backstage:backend',
      createProvider: true,
    });
  });

  it('fails the start on bad values, naming the key', () => {
    expect(() => read({ backendPrincipalArn: 'arn:aws:iam::1:root' })).toThrow(
      /backendPrincipalArn/,
    );
    expect(() =>
      read({ eks: { oidcIssuer: 'x', serviceAccount: 'Not Valid' } }),
    ).toThrow(/serviceAccount/);
    expect(() =>
      read({
        backendPrincipalArn: 'arn:aws:iam::111122223333:role/b',
        eks: { oidcIssuer: 'x', serviceAccount: 'a/b' },
      }),
    ).toThrow(/either/);
  });
});
