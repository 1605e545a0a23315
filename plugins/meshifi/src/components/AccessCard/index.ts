export { AccessCard } from './AccessCard';
export { AccessStateChip } from './AccessStateChip';
export { grantKey } from './AccessGrantsTable';
export { dayInWords, layerInWords } from './accessInWords';
