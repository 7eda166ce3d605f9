import yaml from 'yaml';
import { examples as extendExamples } from './extendAccess.examples';
import { extendAccessInput } from './extendAccess';
import { ActionInputFields, parseActionInput } from './parseActionInput';
import { examples as requestExamples } from './requestAccess.examples';
import { requestAccessInput } from './requestAccess';
import { examples as revokeExamples } from './revokeAccess.examples';
import { revokeAccessInput } from './revokeAccess';

// The examples are what template authors copy from the installed-actions
// page, so each must name its action and pass that action's own input checks.
describe.each([
  ['aws:access:request', requestExamples, requestAccessInput],
  ['aws:access:revoke', revokeExamples, revokeAccessInput],
  ['aws:access:extend', extendExamples, extendAccessInput],
] as const)('examples of %s', (actionId, examples, fields) => {
  it.each(examples.map(e => [e.description, e.example]))('%s', (_, example) => {
    const { steps } = yaml.parse(example);
    expect(steps).toHaveLength(1);
    expect(steps[0].action).toBe(actionId);
    expect(() =>
      parseActionInput(fields as ActionInputFields, steps[0].input),
    ).not.toThrow();
  });
});
