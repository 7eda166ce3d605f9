export { awsAccessPlugin as default } from './plugin';
