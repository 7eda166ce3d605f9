export { AwsActionsPicker } from './AwsActionsPicker';
export {
  AwsActionsPickerFieldSchema,
  type AwsActionsPickerProps,
} from './schema';
export { awsActionsPickerValidation } from './validation';
