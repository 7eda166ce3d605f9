export { AwsAccessPage } from './AwsAccessPage';
