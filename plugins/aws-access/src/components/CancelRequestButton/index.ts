export { CancelRequestButton } from './CancelRequestButton';
