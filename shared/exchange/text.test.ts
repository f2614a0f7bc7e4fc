import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from './limits';
import { checkInputSize, printable, stripBom, utf8Length, wellFormed } from './text';

describe('text helpers', () => {
  it('counts UTF-8 bytes of 1-, 2-, 3- and 4-byte characters', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('\u{1F680}')).toBe(4);
    expect(utf8Length('a€\u{1F680}')).toBe(8);
  });

  it('[F1] refuses input over MAX_IMPORT_BYTES in UTF-8, even when its length is under it', () => {
    const euros = '€'.repeat(Math.floor(MAX_IMPORT_BYTES / 3) + 1); // length < limit, bytes > limit
    const result = checkInputSize(euros, 'file');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('bad_request.import_too_large');
    expect(checkInputSize('€'.repeat(1000), 'file').ok).toBe(true);
  });

  it('drops a byte-order mark', () => {
    expect(stripBom('\uFEFF{}')).toBe('{}');
    expect(stripBom('{}')).toBe('{}');
  });

  it('replaces lone surrogates and drops control characters XML cannot hold', () => {
    expect(wellFormed('a\uD800b\uDC00c\u{1F680}')).toBe('a\uFFFDb\uFFFDc\u{1F680}');
    expect(printable('a\u0000b\u0007c\td\ne\rf\uFFFF')).toBe('abc\td\ne\rf');
  });
});
