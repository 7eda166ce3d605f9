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

import { parse } from 'yaml';
import { TAG_TEMPLATE_VERSION, TEMPLATE_VERSION } from './accessRoles';
import {
  quickCreateUrl,
  renderCloudFormationTemplate,
} from './cloudFormationTemplate';

const eks = {
  type: 'eks-oidc' as const,
  issuer: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC',
  subject: 'system:serviceaccount:backstage:backend',
  createProvider: true,
};

describe('renderCloudFormationTemplate', () => {
  it('scopes the manager to the role path of the account it is deployed in', () => {
    const template = parse(
      renderCloudFormationTemplate({
        rolePath: '/grants/',
        trust: {
          type: 'iam-principal',
          principalArn: 'arn:aws:iam::111122223333:role/backstage',
        },
      }),
    );
    const manager = template.Resources.BackstageAccessManager.Properties;
    const statements = manager.Policies[0].PolicyDocument.Statement;
    expect(statements[0].Resource).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/grants/*',
    });
    expect(manager.Path).toBe('/');
    expect(manager.Tags).toContainEqual({
      Key: TAG_TEMPLATE_VERSION,
      Value: String(TEMPLATE_VERSION),
    });
    expect(template.Parameters.ExternalId).toMatchObject({ NoEcho: true });
  });

  it('creates the OIDC provider and trusts only the service account on EKS', () => {
    const template = parse(
      renderCloudFormationTemplate({
        rolePath: '/backstage-access/',
        trust: eks,
      }),
    );
    expect(template.Parameters).toBeUndefined();
    expect(template.Resources.BackstageAccessOidcProvider).toEqual({
      Type: 'AWS::IAM::OIDCProvider',
      Properties: {
        Url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
        ClientIdList: ['sts.amazonaws.com'],
      },
    });
    const reader = template.Resources.BackstageAccessReader;
    expect(reader.DependsOn).toBe('BackstageAccessOidcProvider');
    expect(
      reader.Properties.AssumeRolePolicyDocument.Statement[0].Condition,
    ).toEqual({
      StringEquals: {
        'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub':
          'system:serviceaccount:backstage:backend',
        'oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com',
      },
    });
    const existing = parse(
      renderCloudFormationTemplate({
        rolePath: '/backstage-access/',
        trust: { ...eks, createProvider: false },
      }),
    );
    expect(existing.Resources.BackstageAccessOidcProvider).toBeUndefined();
  });

  it('refuses the root path, which would put every role in scope', () => {
    expect(() =>
      renderCloudFormationTemplate({ rolePath: '/', trust: eks }),
    ).toThrow(/dedicated path/);
  });
});

describe('quickCreateUrl', () => {
  it('encodes the template URL and parameters in the console fragment', () => {
    expect(
      quickCreateUrl({
        region: 'us-east-1',
        templateUrl: 'https://b.s3.amazonaws.com/t.yaml?x=1&y=2',
        stackName: 'backstage-access',
        parameters: { ExternalId: 'a b&c' },
      }),
    ).toBe(
      'https://console.aws.amazon.com/cloudformation/home?region=us-east-1#/stacks/quickcreate?templateURL=https%3A%2F%2Fb.s3.amazonaws.com%2Ft.yaml%3Fx%3D1%26y%3D2&stackName=backstage-access&param_ExternalId=a+b%26c',
    );
  });
});

describe('renderCloudFormationTemplate as YAML', () => {
  it('quotes policy versions, which YAML 1.1 parsers would read as dates', () => {
    const yaml = renderCloudFormationTemplate({
      rolePath: '/backstage-access/',
      trust: eks,
    });
    expect(yaml).not.toMatch(/Version: 2012-10-17/);
    expect(yaml).toMatch(/Version: "2012-10-17"/);
    const template = parse(yaml, { version: '1.1' });
    expect(
      template.Resources.BackstageAccessGrantBoundary.Properties.PolicyDocument
        .Version,
    ).toBe('2012-10-17');
  });
});
