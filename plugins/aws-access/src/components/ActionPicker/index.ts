export { ActionPicker } from './ActionPicker';
export { ACTION_PRESETS, presetActions } from './presets';
