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

import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { AwsAccessClient } from '@backstage-aws-access/plugin-aws-access-common';
import { validate } from 'jsonschema';
import yaml from 'yaml';
import { createAwsAccessExtendAction } from './extendAccess';
import { examples as extendExamples } from './extendAccess.examples';
import { createAwsAccessRequestAction } from './requestAccess';
import { examples as requestExamples } from './requestAccess.examples';
import { createAwsAccessRequestBundleAction } from './requestBundle';
import { examples as bundleExamples } from './requestBundle.examples';
import { createAwsAccessRevokeAction } from './revokeAccess';
import { examples as revokeExamples } from './revokeAccess.examples';

const options = {
  api: new AwsAccessClient({ discoveryApi: mockServices.discovery() }),
  auth: mockServices.auth(),
  catalog: catalogServiceMock(),
};

/** The check the scaffolder runs on a step's input before the action starts. */
function inputErrors(action: TemplateAction<any, any, any>, input: unknown) {
  return validate(input, action.schema!.input!).errors.map(e => e.stack);
}

// The examples are what template authors copy from the installed-actions
// page, so each must name its action and pass that action's input checks.
describe.each([
  ['aws:access:request', requestExamples, createAwsAccessRequestAction],
  ['aws:access:revoke', revokeExamples, createAwsAccessRevokeAction],
  ['aws:access:extend', extendExamples, createAwsAccessExtendAction],
  [
    'aws:access:request-bundle',
    bundleExamples,
    createAwsAccessRequestBundleAction,
  ],
] as const)('examples of %s', (actionId, examples, createAction) => {
  const action = createAction(options);

  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) => {
    const { steps } = yaml.parse(example);
    expect(steps).toHaveLength(1);
    expect(steps[0].action).toBe(actionId);
    expect(inputErrors(action, steps[0].input)).toEqual([]);
  });

  it('would be refused by the scaffolder with a field missing or misspelt', () => {
    const { input } = yaml.parse(examples[0].example).steps[0];
    const required = (action.schema!.input! as { required: string[] }).required;
    const { [required[0]]: value, ...rest } = input;
    expect(inputErrors(action, rest)).toEqual([
      expect.stringContaining(required[0]),
    ]);
    expect(
      inputErrors(action, { ...rest, [`${required[0]}s`]: value }),
    ).toEqual([
      expect.stringContaining(required[0]),
      expect.stringContaining('additional'),
    ]);
  });
});
