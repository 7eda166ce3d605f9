import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { awsAccessPlugin } from '../plugin';
import {
  AwsActionsPicker,
  AwsActionsPickerFieldSchema,
  awsActionsPickerValidation,
} from './AwsActionsPicker';

/**
 * The `AwsActionsPicker` scaffolder form field for apps on the old frontend
 * system; add it inside `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const AwsActionsPickerFieldExtension = awsAccessPlugin.provide(
  createScaffolderFieldExtension({
    name: 'AwsActionsPicker',
    component: AwsActionsPicker,
    validation: awsActionsPickerValidation,
    schema: AwsActionsPickerFieldSchema.schema,
  }),
);
