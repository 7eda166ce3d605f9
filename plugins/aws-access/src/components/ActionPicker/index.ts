export { ActionPicker } from './ActionPicker';
export { ACTION_PRESET_LABELS, presetActions } from './presets';
