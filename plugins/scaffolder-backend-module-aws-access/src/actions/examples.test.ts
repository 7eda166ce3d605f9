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

import yaml from 'yaml';
import { examples as extendExamples } from './extendAccess.examples';
import { extendAccessInput } from './extendAccess';
import { ActionInputFields, parseActionInput } from './parseActionInput';
import { examples as requestExamples } from './requestAccess.examples';
import { requestAccessInput } from './requestAccess';
import { examples as revokeExamples } from './revokeAccess.examples';
import { revokeAccessInput } from './revokeAccess';
import { examples as bundleExamples } from './requestBundle.examples';
import { requestBundleInput } from './requestBundle';

// The examples are what template authors copy from the installed-actions
// page, so each must name its action and pass that action's own input checks.
describe.each([
  ['aws:access:request', requestExamples, requestAccessInput],
  ['aws:access:revoke', revokeExamples, revokeAccessInput],
  ['aws:access:extend', extendExamples, extendAccessInput],
  ['aws:access:request-bundle', bundleExamples, requestBundleInput],
] as const)('examples of %s', (actionId, examples, fields) => {
  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) => {
    const { steps } = yaml.parse(example);
    expect(steps).toHaveLength(1);
    expect(steps[0].action).toBe(actionId);
    expect(() =>
      parseActionInput(fields as ActionInputFields, steps[0].input),
    ).not.toThrow();
  });
});
