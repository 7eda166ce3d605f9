import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

function normalize(ref: string, defaultKind: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Whether two entity refs name the same entity. The catalog compares refs
 * case-insensitively, and a ref may leave out the default namespace, so a
 * plain `===` would tell a user their own request is someone else's.
 */
export function isSameEntityRef(
  a: string | undefined,
  b: string | undefined,
  defaultKind = 'user',
): boolean {
  if (!a || !b) {
    return false;
  }
  const left = normalize(a, defaultKind);
  return left !== undefined && left === normalize(b, defaultKind);
}
