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
import { templateExample } from './templateExample';

export const examples: TemplateExample[] = [
  templateExample(
    'Read two buckets in two accounts with one request and one approval.',
    {
      id: 'request-bundle',
      name: 'Request AWS access to both buckets',
      action: 'aws:access:request-bundle',
      input: {
        targets: [
          {
            entityRef: 'resource:default/orders-bucket',
            actions: ['s3:GetObject', 's3:ListBucket'],
          },
          {
            resourceArn: 'arn:aws:s3:::invoices',
            actions: ['s3:GetObject'],
            accountId: '123456789012',
          },
        ],
        durationMinutes: 60,
        reason: 'Reconciling orders with invoices',
      },
    },
  ),
];
