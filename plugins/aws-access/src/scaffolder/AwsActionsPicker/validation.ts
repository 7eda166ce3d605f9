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

import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { GRANT_LIMITS } from '@backstage-aws-access/plugin-aws-access-common';

type FieldValidation = Parameters<CustomFieldValidator<string[]>>[1];

/**
 * Checked when the user moves on: the API refuses an empty list and more
 * than `GRANT_LIMITS.maxActions`, so the form says so first. The value is
 * undefined until the user picks something.
 */
export function awsActionsPickerValidation(
  value: string[] | undefined,
  validation: FieldValidation,
) {
  if (!value || value.length === 0) {
    validation.addError('Choose at least one action');
  } else if (value.length > GRANT_LIMITS.maxActions) {
    validation.addError(
      `Choose at most ${GRANT_LIMITS.maxActions} actions; ${value.length} are chosen`,
    );
  }
}
