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

import { managedResourceProblem } from './managedResources';
import { parseResourceArn } from './strictArn';

const names = {
  rolePath: '/backstage-access/',
  serviceRoleNames: ['BackstageAccessManager', 'BackstageAccessReader'],
  policyNames: ['BackstageAccessGrantBoundary'],
};
const problem = (arn: string) =>
  managedResourceProblem(parseResourceArn(arn), names);

describe('managedResourceProblem', () => {
  it.each([
    // Another user's grant role: granting iam:PutRolePolicy on it was the escalation.
    'arn:aws:iam::123456789012:role/backstage-access/sandbox-payments-abc123',
    'arn:aws:iam::123456789012:role/BACKSTAGE-ACCESS/x',
    'arn:aws:iam::123456789012:role/backstage-access/nested/x',
    'arn:aws:iam::123456789012:role/BackstageAccessManager',
    'arn:aws:iam::123456789012:role/backstageaccessreader',
    'arn:aws:iam::123456789012:policy/BackstageAccessGrantBoundary',
    'arn:aws:iam::123456789012:policy/some/path/BackstageAccessGrantBoundary',
    'arn:aws:sts::123456789012:assumed-role/sandbox-payments-abc123/alice',
    'arn:aws:iam::123456789012:role/*',
  ])('refuses %s', arn => {
    expect(problem(arn)).toMatch(/cannot be granted on/);
  });

  it.each([
    'arn:aws:iam::123456789012:role/team/deployer',
    'arn:aws:iam::123456789012:role/backstage-accessory',
    'arn:aws:iam::123456789012:policy/ReadOnly',
    'arn:aws:s3:::backstage-access',
    'arn:aws:s3:::BackstageAccessManager',
  ])('lets %s through', arn => {
    expect(problem(arn)).toBeUndefined();
  });
});
