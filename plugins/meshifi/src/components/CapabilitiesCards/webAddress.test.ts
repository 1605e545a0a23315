import fc from 'fast-check';
import { webAddressOf } from './webAddress';

describe('webAddressOf', () => {
  it('gives a web address back, as the browser would read it', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true }), url => {
        expect(webAddressOf(url)).toBe(new URL(url).href);
      }),
    );
  });

  it('gives nothing a link could run or open outside the web', () => {
    const schemes = fc.constantFrom(
      // eslint-disable-next-line no-script-url
      'javascript:',
      // eslint-disable-next-line no-script-url
      'JavaScript:',
      ' javascript:',
      'data:',
      'file:',
      'vbscript:',
      'mailto:',
      'ftp:',
    );
    fc.assert(
      fc.property(schemes, fc.string(), (scheme, rest) => {
        expect(webAddressOf(scheme + rest)).toBeUndefined();
      }),
    );
    expect(webAddressOf(undefined)).toBeUndefined();
    expect(webAddressOf('')).toBeUndefined();
    expect(webAddressOf('not a url')).toBeUndefined();
  });

  it('gives only a web address or nothing, whatever the string', () => {
    fc.assert(
      fc.property(fc.string(), href => {
        const address = webAddressOf(href);
        const protocol = address && new URL(address).protocol;
        expect([undefined, 'http:', 'https:']).toContain(protocol);
      }),
    );
  });
});
