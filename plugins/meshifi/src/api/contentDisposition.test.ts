import fc from 'fast-check';
import { fileNameOf } from './contentDisposition';

describe('fileNameOf', () => {
  it('reads a quoted or a bare file name', () => {
    expect(fileNameOf('attachment; filename="orders.odcs.yaml"')).toBe(
      'orders.odcs.yaml',
    );
    expect(fileNameOf('attachment; filename=orders.odps.yaml')).toBe(
      'orders.odps.yaml',
    );
  });

  it('gives none without a header, a name, or for a name with a path', () => {
    expect(fileNameOf(null)).toBeUndefined();
    expect(fileNameOf('attachment')).toBeUndefined();
    expect(fileNameOf('attachment; filename=""')).toBeUndefined();
    expect(
      fileNameOf('attachment; filename="../../etc/passwd"'),
    ).toBeUndefined();
    expect(fileNameOf('attachment; filename="a\\b.yaml"')).toBeUndefined();
  });

  it('never gives a name with a slash, whatever the header says', () => {
    fc.assert(
      fc.property(fc.string(), header => {
        const name = fileNameOf(header);
        expect(name === undefined || !/[\\/]/.test(name)).toBe(true);
      }),
    );
  });
});
