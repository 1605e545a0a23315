export { LifecycleWarnings, LifecycleWarningsView } from './LifecycleWarnings';
export { GoingAwayNote } from './GoingAwayNote';
export { lifecycleOf } from './productLifecycle';
export { productStatusInWords } from './lifecycleInWords';
