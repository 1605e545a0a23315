export { ConsumerAccessCard } from './ConsumerAccessCard';
