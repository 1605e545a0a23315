import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fc from 'fast-check';
import { DATA_URL_MAX_BYTES } from '@meshifi/common';
import { importContractAction } from './importContract';
import { dataUrlOf, ORDERS_CONTRACT } from './importContract.examples';

const action = importContractAction();

async function run(contract: unknown) {
  const ctx = createMockActionContext({ input: { contract } as any });
  await action.handler(ctx);
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

/** The refusal of a contract, which must be an InputError. */
async function refusal(contract: unknown): Promise<string> {
  const error = await run(contract).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error!.message;
}

describe('meshifi:contract:import', () => {
  it('reads a data URL that is not base64, and a file that starts with a byte order mark', async () => {
    const plain = `data:text/yaml,${encodeURIComponent(ORDERS_CONTRACT)}`;
    expect((await run(plain)).outputPort.name).toBe('orders');
    const bom = dataUrlOf(`\uFEFF${ORDERS_CONTRACT}`);
    expect((await run(bom)).outputPort.name).toBe('orders');
  });

  it('outputs only what the contract says of its product', async () => {
    const bare = ORDERS_CONTRACT.replace(/^(version|dataProduct): .*\n/gm, '');
    const outputs = await run(dataUrlOf(bare));
    expect(outputs.name).toBeUndefined();
    expect(outputs.version).toBeUndefined();
    expect(outputs.outputPort.name).toBe('orders');
  });

  it.each([
    ['', 'Choose a file'],
    [undefined, 'Choose a file'],
    ['orders.yaml', 'could not be read from the form'],
    ['data:text/yaml;base64,not base64!', 'could not be read from the form'],
    ['data:text/yaml,%E0%A4%A', 'could not be read from the form'],
    [
      `data:text/plain;base64,${Buffer.from([0xff, 0xfe, 0x00, 0x41]).toString(
        'base64',
      )}`,
      'not text in UTF-8',
    ],
    [
      `data:text/yaml;base64,${'A'.repeat(
        Math.ceil((DATA_URL_MAX_BYTES * 4) / 3) + 8,
      )}`,
      'too large',
    ],
  ])('refuses %p, saying what to do', async (contract, words) => {
    expect(await refusal(contract)).toContain(words);
  });

  it("refuses a file that is no data contract, with the model's words", async () => {
    expect(await refusal(dataUrlOf('kind: DataProduct\n'))).toContain(
      'not a data contract',
    );
    expect(await refusal(dataUrlOf('   '))).toContain('The file is empty');
  });

  it('refuses a contract meshifi cannot keep, with every problem', async () => {
    const broken = ORDERS_CONTRACT.replace(
      'physicalType: NUMERIC',
      'physicalType: MONEY',
    ).replace('- name: orders\n', '- name: Orders by day\n');
    const message = await refusal(dataUrlOf(broken));
    expect(message).toContain('MONEY');
    expect(message).toContain('orders_by_day');
  });

  it('refuses any text or data URL with an InputError, or reads a port, never crashing', async () => {
    const dataUrls = fc.oneof(
      fc.string(),
      fc.string().map(text => dataUrlOf(text)),
      fc
        .uint8Array({ maxLength: 200 })
        .map(bytes => `data:;base64,${Buffer.from(bytes).toString('base64')}`),
      fc
        .tuple(fc.nat(ORDERS_CONTRACT.length), fc.string())
        .map(([at, text]) =>
          dataUrlOf(
            ORDERS_CONTRACT.slice(0, at) + text + ORDERS_CONTRACT.slice(at),
          ),
        ),
    );
    await fc.assert(
      fc.asyncProperty(dataUrls, async contract => {
        const outcome = await run(contract).then(
          outputs => outputs,
          (error: Error) => error,
        );
        const refusedInWords =
          outcome instanceof InputError && outcome.message.length > 0;
        const readAsPort =
          !(outcome instanceof Error) &&
          typeof outcome.outputPort?.name === 'string' &&
          JSON.stringify(outcome.outputPorts) ===
            JSON.stringify([outcome.outputPort]);
        // The outcome itself is shown when it is neither.
        expect(refusedInWords || readAsPort ? 'as expected' : outcome).toBe(
          'as expected',
        );
      }),
      { numRuns: 1000 },
    );
  });
});
