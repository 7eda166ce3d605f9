import '@testing-library/jest-dom';

// Form tests type and click through Material UI dialogs; on a busy CI
// machine that takes longer than jest's default five seconds.
jest.setTimeout(30_000);
