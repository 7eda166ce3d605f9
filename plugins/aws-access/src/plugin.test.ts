import { awsAccessPlugin } from './plugin';

describe('aws-access', () => {
  it('should export plugin', () => {
    expect(awsAccessPlugin).toBeDefined();
  });
});
