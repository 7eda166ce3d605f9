export * from './fakes';
export { renderWithApi } from './render';
