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
import { AwsAccessClient } from '@backstage-aws-access/plugin-aws-access-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { validate } from 'jsonschema';
import { createAwsAccessRequestAction } from './actions/requestAccess';

// The example template ships with the plugin; these checks catch a renamed
// input or output before a user meets it as a failed task.
const templatePath = path.resolve(
  __dirname,
  '../../../examples/templates/request-aws-access/template.yaml',
);
const template = yaml.parse(fs.readFileSync(templatePath, 'utf8'));

describe('the request-aws-access template', () => {
  const action = createAwsAccessRequestAction({
    api: new AwsAccessClient({
      discoveryApi: mockServices.discovery(),
    }),
    auth: mockServices.auth(),
    catalog: catalogServiceMock(),
  });

  it('is a scaffolder template named request-aws-access', () => {
    expect(template).toMatchObject({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'request-aws-access', title: 'Request AWS access' },
    });
  });

  it('passes the form’s values to aws:access:request as valid input', () => {
    const [step] = template.spec.steps;
    expect(step.action).toBe('aws:access:request');

    const formValues: Record<string, unknown> = {
      resource: 'resource:default/orders-bucket',
      actions: ['s3:GetObject'],
      durationMinutes:
        template.spec.parameters[1].properties.durationMinutes.default,
      reason: 'debug',
    };
    const input = Object.fromEntries(
      Object.entries(step.input).map(([key, value]) => {
        const match = /^\$\{\{\s*parameters\.(\w+)\s*\}\}$/.exec(String(value));
        return [key, match ? formValues[match[1]] : value];
      }),
    );

    // The check the scaffolder runs on a step's input before the action starts.
    expect(validate(input, action.schema!.input!).errors).toEqual([]);
  });

  it('uses only outputs the action declares', () => {
    const declared = Object.keys(
      (action.schema?.output as { properties: object }).properties,
    );
    const used = [
      ...JSON.stringify(template.spec.output).matchAll(
        /steps\['request-access'\]\.output\.(\w+)/g,
      ),
    ].map(m => m[1]);

    expect(used.length).toBeGreaterThan(0);
    expect(declared).toEqual(expect.arrayContaining(used));
  });
});
