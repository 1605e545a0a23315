import fc from 'fast-check';
import { ValidationError } from '../../validation/Problem';
import { fivetranFormPage, fivetranFromAnswers } from './fivetranForm';
import { settings } from './testing/fixtures';

const answer = {
  name: ' shop ',
  connector: 'google_sheets',
  syncFrequency: '60',
  credentialsSecret: 'shop-sheet',
};

describe('the Fivetran page of the Create form', () => {
  it('offers every sync frequency in words', () => {
    const connections = (fivetranFormPage.schema as any).dependencies.enabled
      .oneOf[1].properties.connections;
    expect(
      connections.items.properties.syncFrequency.oneOf.map((o: any) => o.const),
    ).toEqual([5, 15, 30, 60, 120, 180, 360, 480, 720, 1440]);
  });

  it('gives no spec when Fivetran is not turned on', () => {
    expect(fivetranFromAnswers(undefined, {})).toBeUndefined();
    expect(
      fivetranFromAnswers({ enabled: false, connections: [answer] }, {}),
    ).toBeUndefined();
  });

  it('gives the connections answered, trimmed, the frequency a number', () => {
    expect(
      fivetranFromAnswers(
        { enabled: true, connections: [answer] },
        { settings },
      ),
    ).toEqual({
      connections: [
        {
          name: 'shop',
          connector: 'google_sheets',
          syncFrequency: 60,
          credentialsSecret: 'shop-sheet',
        },
      ],
    });
  });

  it('refuses a connector the platform does not offer, naming those it does', () => {
    expect(() =>
      fivetranFromAnswers(
        { enabled: true, connections: [{ ...answer, connector: 'postgres' }] },
        { settings },
      ),
    ).toThrow(/pick one of google_sheets \(Google Sheets\)/);
  });

  it('refuses no connections', () => {
    expect(() => fivetranFromAnswers({ enabled: true }, {})).toThrow(
      'List between 1 and 20 connections, or turn Fivetran off.',
    );
  });

  it('gives a spec with only the four fields, or a ValidationError, for any answers (fast-check)', () => {
    const connection = fc.record(
      {
        name: fc.oneof(fc.constant('shop'), fc.string()),
        connector: fc.oneof(fc.constant('stripe'), fc.string()),
        syncFrequency: fc.oneof(
          fc.constantFrom(60, '60', '1440'),
          fc.anything(),
        ),
        credentialsSecret: fc.oneof(fc.constant('shop'), fc.string()),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    );
    const answers = fc.oneof(
      fc.anything(),
      fc.record({
        enabled: fc.oneof(fc.constant(true), fc.anything()),
        connections: fc.oneof(
          fc.array(connection, { maxLength: 3 }),
          fc.anything(),
        ),
      }),
    );
    fc.assert(
      fc.property(answers, value => {
        let refusal: unknown;
        let spec: ReturnType<typeof fivetranFromAnswers> = undefined;
        try {
          spec = fivetranFromAnswers(value, { settings });
        } catch (error) {
          refusal = error;
        }
        expect(
          refusal === undefined || refusal instanceof ValidationError,
        ).toBe(true);
        expect(
          (spec?.connections ?? []).map(c => Object.keys(c).sort()),
        ).toEqual(
          (spec?.connections ?? []).map(() => [
            'connector',
            'credentialsSecret',
            'name',
            'syncFrequency',
          ]),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
