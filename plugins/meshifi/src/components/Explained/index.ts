export { ExplainedFailure } from './ExplainedFailure';
export { EventsThatMatterList } from './EventsThatMatterList';
export { ProductHeadlineLine } from './ProductHeadlineLine';
