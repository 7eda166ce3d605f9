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

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { templateExample } from './templateExample';

const requestStep = (input: JsonObject) => ({
  id: 'request-access',
  name: 'Request AWS access',
  action: 'aws:access:request',
  input,
});

export const examples: TemplateExample[] = [
  templateExample(
    'Request read access to the S3 bucket picked in the form, and wait until the role is ready.',
    requestStep({
      entityRef: 'resource:default/orders-bucket',
      actions: ['s3:ListBucket', 's3:GetObject'],
      durationMinutes: 60,
      reason: 'Investigate missing order exports (INC-1234)',
    }),
  ),
  templateExample(
    'Request access by ARN, naming the account because S3 bucket ARNs carry none.',
    requestStep({
      resourceArn: 'arn:aws:s3:::orders-exports',
      accountId: '123456789012',
      actions: ['s3:PutObject'],
      durationMinutes: 240,
      reason: 'Backfill the March exports',
      timeoutSeconds: 300,
    }),
  ),
  templateExample(
    'Record a request that needs approval and end the step at once, without waiting for the approver.',
    requestStep({
      resourceArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/payments',
      actions: ['dynamodb:GetItem', 'dynamodb:Query'],
      durationMinutes: 30,
      reason: 'Check a disputed payment',
      waitForActive: false,
    }),
  ),
];
