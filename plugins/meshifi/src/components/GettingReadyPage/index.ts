export { GettingReadyPage } from './GettingReadyPage';
