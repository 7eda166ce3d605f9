import { tagsToLabels, tagToEntityRef } from './resourceEntity';

describe('tagsToLabels', () => {
  it('keeps the tags the catalog accepts as labels, so rules and filters can use them', () => {
    expect(
      tagsToLabels({
        owner: 'team-payments',
        'data-classification': 'restricted',
        'cost center': 'R&D 42',
        'aws:cloudformation:stack-name': 'prod',
        note: 'x'.repeat(64),
      }),
    ).toEqual({ owner: 'team-payments', 'data-classification': 'restricted' });
  });

  it('gives no labels for an untagged resource', () => {
    expect(tagsToLabels({})).toBeUndefined();
  });
});

describe('tagToEntityRef', () => {
  it('reads a bare tag value as an entity of the default kind', () => {
    expect(tagToEntityRef('team-a', 'group')).toBe('group:default/team-a');
    expect(tagToEntityRef('user:jane', 'group')).toBe('user:default/jane');
  });

  it('ignores values the catalog would refuse', () => {
    expect(tagToEntityRef('Team A!', 'group')).toBeUndefined();
  });
});
