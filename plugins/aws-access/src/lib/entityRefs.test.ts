import { isSameEntityRef } from './entityRefs';

describe('isSameEntityRef', () => {
  it('matches refs that name the same entity', () => {
    expect(isSameEntityRef('user:default/guest', 'user:default/guest')).toBe(
      true,
    );
    expect(isSameEntityRef('User:Default/Guest', 'user:default/guest')).toBe(
      true,
    );
    expect(isSameEntityRef('guest', 'user:default/guest')).toBe(true);
  });

  it('tells different entities apart', () => {
    expect(
      isSameEntityRef('user:development/guest', 'user:default/guest'),
    ).toBe(false);
    expect(isSameEntityRef('group:default/guest', 'user:default/guest')).toBe(
      false,
    );
    expect(isSameEntityRef(undefined, 'user:default/guest')).toBe(false);
    expect(isSameEntityRef('', '')).toBe(false);
  });
});
