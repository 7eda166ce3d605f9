export { AwsCliSnippet } from './AwsCliSnippet';
