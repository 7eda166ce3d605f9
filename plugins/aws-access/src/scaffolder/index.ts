export { AwsActionsPickerFieldExtension } from './extensions';
export { awsActionsPickerFormField } from './alpha';
export {
  AwsActionsPicker,
  AwsActionsPickerFieldSchema,
  type AwsActionsPickerProps,
} from './AwsActionsPicker';
