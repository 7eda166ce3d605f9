import { ResponseError } from '@backstage/errors';
import { forwardApiError } from './forwardApiError';

/** The error the API client throws for an error body, as a development backend sends it. */
async function apiErrorWithStack(): Promise<ResponseError> {
  const body = JSON.stringify({
    error: {
      name: 'ConflictError',
      message: 'grant g1 is active',
      stack:
        'ConflictError: grant g1 is active\n    at GrantService.cancelGrant (/srv/backstage/plugins/aws-access-backend/src/service/GrantService.ts:457:17)',
    },
    response: { statusCode: 409 },
  });
  return ResponseError.fromResponse({
    ok: false,
    status: 409,
    statusText: 'Conflict',
    headers: new Map([['content-type', 'application/json']]) as any,
    redirected: false,
    type: 'basic',
    url: 'http://localhost/api/aws-access/grants/g1/cancel',
    text: async () => body,
  } as any);
}

describe('forwardApiError', () => {
  it("gives the task log the API's words and type, never the backend's stack", async () => {
    const error = await apiErrorWithStack();

    let thrown: Error | undefined;
    try {
      forwardApiError('Could not cancel grant g1', error);
    } catch (e) {
      thrown = e as Error;
    }

    expect(thrown?.name).toBe('ConflictError');
    expect(thrown?.message).toBe(
      'Could not cancel grant g1: grant g1 is active',
    );
    expect(
      JSON.stringify({
        ...thrown,
        message: thrown?.message,
        stack: thrown?.stack,
      }),
    ).not.toContain('/srv/backstage');
  });
});
