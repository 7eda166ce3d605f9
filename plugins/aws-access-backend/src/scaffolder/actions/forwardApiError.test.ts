import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describeExpiry, oneLineError } from './forwardApiError';

describe('oneLineError', () => {
  it('gives the person one line of the same type, and the log the stack', () => {
    const logger = mockServices.logger.mock();
    const cause = new InputError(
      'Could not request AWS access: Reason is required\n    at handler (/srv/app/x.js:1:1)',
    );
    const shown = oneLineError(cause, logger);
    expect(shown.name).toBe('InputError');
    expect(shown.message).toBe(
      'Could not request AWS access: Reason is required',
    );
    expect(shown.stack).toBe(
      'InputError: Could not request AWS access: Reason is required',
    );
    expect(logger.error).toHaveBeenCalledWith(cause.stack);
  });
});

describe('describeExpiry', () => {
  it('says when, relative first', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(describeExpiry('2026-12-01T10:59:00Z', now)).toBe(
      'in 59 minutes (Tue, 01 Dec 2026 10:59:00 GMT)',
    );
    expect(describeExpiry('2026-12-01T12:30:00Z', now)).toMatch(
      /^in 2 h 30 min/,
    );
  });
});

describe('the template checks the reason as the API does', () => {
  const template = YAML.parse(
    readFileSync(
      path.resolve(
        __dirname,
        '../../../../../examples/templates/request-aws-access/template.yaml',
      ),
      'utf8',
    ),
  );
  const reason = template.spec.parameters
    .flatMap((p: { properties?: object }) => Object.entries(p.properties ?? {}))
    .find(([name]: [string]) => name === 'reason')[1];
  const pattern = new RegExp(reason.pattern);

  it.each([
    ['   ', false],
    [' leading space', false],
    ['trailing space ', false],
    ['zero\u200Bwidth', false],
    ['bom\uFEFF', false],
    ['Debug the nightly report', true],
    ['two\nlines', true],
  ])('%j passes: %s', (value, ok) => {
    expect(pattern.test(value)).toBe(ok);
  });

  it('shows the same snippet blocks as the grant page', () => {
    const text = JSON.stringify(template.spec.output.text);
    expect(text).toContain("steps['request-access'].output.cliConfig");
    expect(text).toContain("steps['request-access'].output.cliCommands");
  });
});
