import { contractOfForm } from './contractOfForm';

const dataUrl = (text: string) =>
  `data:application/x-yaml;name=orders.odcs.yaml;base64,${btoa(
    String.fromCharCode(...new TextEncoder().encode(text)),
  )}`;

const contract = `apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    physicalType: table
    properties:
      - name: order_id
        physicalType: STRING
        required: true
        primaryKey: true
      - name: kunde_é
        physicalType: STRING
        description: Café — the customer's name
`;

describe('contractOfForm', () => {
  it("reads the file's first table as the output port the plan shows, text in any script", () => {
    const { outputPorts, problems } = contractOfForm(
      dataUrl(contract.replace('kunde_é', 'customer')),
    );
    expect(problems).toEqual([]);
    expect(outputPorts).toHaveLength(1);
    expect(outputPorts[0].name).toBe('orders');
    expect(outputPorts[0].contract.columns.map(c => c.name)).toEqual([
      'order_id',
      'customer',
    ]);
    expect(outputPorts[0].contract.columns[1].description).toBe(
      "Café — the customer's name",
    );
  });

  it('says why a file cannot be read, and plans no table from it', () => {
    for (const file of [
      'not a data url',
      dataUrl('kind: Nothing'),
      dataUrl(contract),
    ]) {
      const { outputPorts, problems } = contractOfForm(file);
      expect(outputPorts).toEqual([]);
      expect(problems.length).toBeGreaterThan(0);
    }
  });

  it('has nothing to say before a file is chosen', () => {
    for (const file of [undefined, '', 42]) {
      expect(contractOfForm(file)).toEqual({ outputPorts: [], problems: [] });
    }
  });
});
