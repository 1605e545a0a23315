export { LifecycleWarnings, LifecycleWarningsView } from './LifecycleWarnings';
export { lifecycleOf } from './productLifecycle';
export { productStatusInWords } from './lifecycleInWords';
