export { scaffolderModuleAwsAccess } from './module';
