export { HomePage, HomePageView, DATA_PRODUCT_TEMPLATE } from './HomePage';
