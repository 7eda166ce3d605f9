import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  AwsActionsPicker,
  AwsActionsPickerFieldSchema,
  awsActionsPickerValidation,
} from './AwsActionsPicker';

/** The `AwsActionsPicker` field, loaded lazily by the new frontend system. */
export const awsActionsPickerField = createFormField({
  name: 'AwsActionsPicker',
  component: AwsActionsPicker,
  validation: awsActionsPickerValidation,
  schema: AwsActionsPickerFieldSchema,
});
