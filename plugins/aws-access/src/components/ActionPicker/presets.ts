import type {
  AccessLevel,
  ActionInfo,
} from 'backstage-plugin-aws-access-common';

/** Access levels each preset selects. */
export const ACTION_PRESETS: Record<
  'read-only' | 'read-write',
  { label: string; levels: readonly AccessLevel[] }
> = {
  'read-only': { label: 'Read-only', levels: ['List', 'Read'] },
  'read-write': { label: 'Read-write', levels: ['List', 'Read', 'Write'] },
};

export function presetActions(
  actions: ActionInfo[],
  preset: keyof typeof ACTION_PRESETS,
): string[] {
  const levels = ACTION_PRESETS[preset].levels;
  return actions.filter(a => levels.includes(a.accessLevel)).map(a => a.action);
}

/** Case-insensitive match on the action name and its description. */
export function matchesSearch(action: ActionInfo, search: string): boolean {
  const needle = search.trim().toLowerCase();
  return (
    !needle ||
    action.action.toLowerCase().includes(needle) ||
    action.description.toLowerCase().includes(needle)
  );
}
