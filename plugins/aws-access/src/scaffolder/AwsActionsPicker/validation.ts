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
