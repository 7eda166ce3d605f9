export { UserText, neutralizeUserText } from './UserText';
