export { AccessCard } from './AccessCard';
export { AccessStateChip } from './AccessStateChip';
export { dayInWords, layerInWords } from './accessInWords';
