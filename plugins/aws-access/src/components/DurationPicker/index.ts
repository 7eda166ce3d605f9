export { DurationPicker, DURATION_PRESETS } from './DurationPicker';
