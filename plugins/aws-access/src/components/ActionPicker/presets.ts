import type { ActionInfo } from '@backstage-aws-access/plugin-aws-access-common';

export {
  ACTION_PRESET_LABELS,
  presetActions,
  type ActionPresetId,
} from '@backstage-aws-access/plugin-aws-access-common';

/** Case-insensitive match on the action name and its description. */
export function matchesSearch(action: ActionInfo, search: string): boolean {
  const needle = search.trim().toLowerCase();
  return (
    !needle ||
    action.action.toLowerCase().includes(needle) ||
    action.description.toLowerCase().includes(needle)
  );
}
