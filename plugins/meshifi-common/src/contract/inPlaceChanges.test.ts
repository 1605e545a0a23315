import { OutputPort } from '../model/types';
import { changesBigQueryCannotMake } from './inPlaceChanges';
import { versionRuleProblems } from './versionRule';
import { edited, orders } from './__testUtils__/ordersPort';

describe('changesBigQueryCannotMake', () => {
  it.each<[string, (port: OutputPort) => void]>([
    [
      'a nullable column added',
      port => port.contract.columns.push({ name: 'note', type: 'STRING' }),
    ],
    [
      'a repeated column added',
      port =>
        port.contract.columns.push({
          name: 'notes',
          type: 'STRING',
          mode: 'REPEATED',
        }),
    ],
    ['a column removed', port => port.contract.columns.splice(1, 1)],
    [
      'a required column relaxed to nullable',
      port => {
        port.contract.columns[0].mode = 'NULLABLE';
      },
    ],
    [
      'a column renamed in case only',
      port => {
        port.contract.columns[1].name = 'AMOUNT';
      },
    ],
    ['the key changed', port => (port.contract.primaryKey = ['amount'])],
  ])('lets BigQuery make %s in place', (_, edit) => {
    expect(changesBigQueryCannotMake([orders()], edited(edit))).toEqual([]);
  });

  it.each<[string, (port: OutputPort) => void, string]>([
    [
      'a required column added',
      port =>
        port.contract.columns.push({
          name: 'currency',
          type: 'STRING',
          mode: 'REQUIRED',
        }),
      'add it as NULLABLE',
    ],
    [
      'a column retyped',
      port => {
        port.contract.columns[1].type = 'FLOAT64';
      },
      'from NUMERIC to FLOAT64',
    ],
    [
      'a nullable column made required',
      port => {
        port.contract.columns[1].mode = 'REQUIRED';
      },
      'from NULLABLE to REQUIRED',
    ],
    [
      'a repeated column made single',
      port => {
        port.contract.columns[2].mode = 'NULLABLE';
      },
      'from REPEATED to NULLABLE',
    ],
  ])('refuses %s, and says what to do instead', (_, edit, words) => {
    const changes = changesBigQueryCannotMake([orders()], edited(edit));
    expect(changes).toHaveLength(1);
    expect(changes[0].port).toBe('orders');
    expect(changes[0].change).toContain('BigQuery cannot');
    expect(changes[0].change).toContain(words);
  });

  it('lets a new table have required columns: it does not exist yet', () => {
    const refunds: OutputPort = { ...orders(), name: 'refunds' };
    expect(changesBigQueryCannotMake([orders()], [orders(), refunds])).toEqual(
      [],
    );
  });

  it('holds a change BigQuery cannot make whatever the version, and says it once', () => {
    const retyped = edited(port => {
      port.contract.columns[1].type = 'FLOAT64';
    });
    const before = { version: '1.4.0', ports: [orders()] };
    for (const version of ['1.5.0', '2.0.0', '7.0.0']) {
      const problems = versionRuleProblems(before, {
        version,
        ports: retyped,
      });
      expect(problems).toHaveLength(1);
      expect(problems[0].message).toContain('BigQuery cannot change the type');
    }
    expect(
      versionRuleProblems(
        { ...before, status: 'proposed' },
        { version: '1.5.0', ports: retyped },
      ),
    ).toHaveLength(1);
  });
});
