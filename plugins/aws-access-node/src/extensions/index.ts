export * from './extensionPoints';
export { awsClientFactoryServiceRef } from './serviceRefs';
