export * from './fakes';
export { catalogRoutes, renderWithApi, TEST_APP_USER } from './render';
export { myPendingRequest, renderOnResourcePage } from './entityPage';
