export { awsAccessApiRef } from './awsAccessApiRef';
