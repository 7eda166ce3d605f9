export { RequestAccessForm } from './RequestAccessForm';
