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

import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/** The default name of the form field that holds the chosen resource. */
export const DEFAULT_RESOURCE_FIELD = 'resource';

/**
 * `AwsActionsPicker` returns the chosen IAM actions; `resourceField` names
 * the sibling field (usually an `EntityPicker`) whose entity's actions to
 * offer.
 *
 * @public
 */
export const AwsActionsPickerFieldSchema = makeFieldSchema({
  output: z => z.array(z.string()),
  uiOptions: z =>
    z.object({
      resourceField: z
        .string()
        .optional()
        .describe(
          `Name of the form field holding the AWS resource's entity ref, e.g. an EntityPicker. Defaults to "${DEFAULT_RESOURCE_FIELD}".`,
        ),
    }),
});

/** @public */
export type AwsActionsPickerProps = typeof AwsActionsPickerFieldSchema.TProps;
