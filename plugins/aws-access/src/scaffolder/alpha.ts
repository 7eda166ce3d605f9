import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * The `AwsActionsPicker` scaffolder form field for the new frontend system:
 * templates use it with `ui:field: AwsActionsPicker`.
 *
 * @alpha
 */
export const awsActionsPickerFormField = FormFieldBlueprint.make({
  name: 'aws-actions-picker',
  params: {
    field: () => import('./formField').then(m => m.awsActionsPickerField),
  },
});
