import { OutputPort } from '../../model/types';

/** An output port with a key, a nullable and a repeated column: what the contract rules' tests change. */
export const orders = (): OutputPort => ({
  name: 'orders',
  description: 'One row per order.',
  contract: {
    columns: [
      { name: 'order_id', type: 'STRING', mode: 'REQUIRED' },
      { name: 'amount', type: 'NUMERIC' },
      { name: 'tags', type: 'STRING', mode: 'REPEATED' },
    ],
    primaryKey: ['order_id'],
  },
});

/** The ports after one change of {@link orders}. */
export const edited = (change: (port: OutputPort) => void): OutputPort[] => {
  const port = orders();
  change(port);
  return [port];
};
