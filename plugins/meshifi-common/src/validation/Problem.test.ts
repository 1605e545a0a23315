import { InputError, serializeError } from '@backstage/errors';
import { assertValidName } from '../naming/productName';
import { ValidationError } from './Problem';

describe('ValidationError', () => {
  const problems = [
    { path: 'metadata.name', message: 'The product name "X" is invalid.' },
    { path: 'spec.access.owners.0', message: 'Give each owner as an email.' },
  ];

  it('is an InputError, by name too, so that a route answers 400 with every problem', () => {
    const error = new ValidationError(problems);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toBeInstanceOf(ValidationError);
    // Backstage's error handler picks the status by the name.
    expect(serializeError(error)).toMatchObject({
      name: 'InputError',
      message: 'The product name "X" is invalid. Give each owner as an email.',
    });
    expect(error.problems).toEqual(problems);
  });
});

describe('assertValidName', () => {
  it('refuses a name with an InputError that says what to use', () => {
    expect(() => assertValidName('Orders!', 'product name')).toThrow(
      InputError,
    );
    expect(() => assertValidName('Orders!', 'product name')).toThrow(
      'The product name "Orders!" can only use lower-case letters (a-z), digits and dashes',
    );
    expect(() => assertValidName('orders')).not.toThrow();
  });
});
