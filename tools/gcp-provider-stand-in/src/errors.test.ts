import { errorMessage, httpStatusOf } from './errors';

describe('errorMessage', () => {
  it('says what the API server said, with the HTTP status', () => {
    const error = Object.assign(new Error('HTTP-Code: 429\nMessage: ...'), {
      code: 429,
      body: JSON.stringify({
        kind: 'Status',
        message: 'storage is (re)initializing',
        code: 429,
      }),
    });
    expect(errorMessage(error)).toBe('storage is (re)initializing (HTTP 429)');
    expect(httpStatusOf(error)).toBe(429);
  });

  it('falls back to the first line of any other error', () => {
    expect(errorMessage(new Error('connect ECONNREFUSED\nmore'))).toBe(
      'connect ECONNREFUSED',
    );
    expect(errorMessage('plain')).toBe('plain');
    expect(httpStatusOf(undefined)).toBeUndefined();
  });
});
