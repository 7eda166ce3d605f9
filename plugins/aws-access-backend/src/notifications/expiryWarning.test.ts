import { ConfigReader } from '@backstage/config';
import { expiryWarningDue, readExpiryWarningMinutes } from './expiryWarning';

describe('readExpiryWarningMinutes', () => {
  it('defaults to 15 minutes and accepts 0 (off)', () => {
    expect(readExpiryWarningMinutes(new ConfigReader({}))).toBe(15);
    expect(
      readExpiryWarningMinutes(
        new ConfigReader({
          awsAccess: { notifications: { expiryWarningMinutes: 0 } },
        }),
      ),
    ).toBe(0);
  });

  it('refuses a negative lead time', () => {
    expect(() =>
      readExpiryWarningMinutes(
        new ConfigReader({
          awsAccess: { notifications: { expiryWarningMinutes: -5 } },
        }),
      ),
    ).toThrow('awsAccess.notifications.expiryWarningMinutes');
  });
});

describe('expiryWarningDue', () => {
  const expiresAt = new Date('2026-01-01T11:00:00Z');
  it.each([
    ['10:44:59', 15, { due: false }],
    ['10:45:00', 15, { due: true, minutesLeft: 15 }],
    ['10:59:30', 15, { due: true, minutesLeft: 1 }],
    ['11:00:00', 15, { due: false }],
    ['10:59:00', 0, { due: false }],
  ])('at %s with %i minutes lead: %j', (time, lead, expected) => {
    expect(
      expiryWarningDue(expiresAt, new Date(`2026-01-01T${time}Z`), lead),
    ).toEqual(expected);
  });
});
