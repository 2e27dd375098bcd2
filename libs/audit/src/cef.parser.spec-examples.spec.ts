import { CefParseError, parseCef } from './cef.parser';

// Examples in the style of the ArcSight CEF specification, written by hand (not by our formatter).
describe('CEF parser on hand-written spec examples', () => {
  it('reads an escaped pipe in the header and spaces inside extension values', () => {
    const event = parseCef('CEF:0|security|threatmanager|1.0|100|detected a \\| in message|10|src=10.0.0.1 act=blocked a | dst=1.1.1.1');
    expect(event).toMatchObject({ deviceVendor: 'security', name: 'detected a | in message', severity: '10' });
    expect(event.extension).toEqual({ src: '10.0.0.1', act: 'blocked a |', dst: '1.1.1.1' });
  });

  it('reads escaped backslash, equals and line breaks in extension values', () => {
    const event = parseCef('CEF:0|a|b|1|2|n|3|fileName=c:\\\\Program Files\\\\x msg=a\\=b\\nline two\\r end');
    expect(event.extension).toEqual({ fileName: 'c:\\Program Files\\x', msg: 'a=b\nline two\r end' });
  });

  it('reads an empty value and an empty extension', () => {
    expect(parseCef('CEF:0|a|b|1|2|n|3|cs1= cs2=x').extension).toEqual({ cs1: '', cs2: 'x' });
    expect(parseCef('CEF:0|a|b|1|2|n|3|').extension).toEqual({});
  });

  it('rejects lines that are not CEF or have a short header', () => {
    expect(() => parseCef('LEEF:1|a|b')).toThrow(CefParseError);
    expect(() => parseCef('CEF:0|a|b|1|2|n')).toThrow(/of 7 fields/);
    expect(() => parseCef('CEF:0|a|b|1|2|n|3|bad key=1')).toThrow(/text before the first key/);
    expect(() => parseCef('CEF:0|a|b|1|2|n|3|k!y=1')).toThrow(/bad extension key/);
  });
});
