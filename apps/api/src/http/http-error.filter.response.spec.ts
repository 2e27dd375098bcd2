import { type ArgumentsHost, Logger } from '@nestjs/common';
import { NotFoundError } from '@toolgate/config';
import { HttpErrorFilter } from './http-error.filter';

function fakeHost(headersSent = false) {
  const sent: { status?: number; body?: unknown } = {};
  const response = {
    headersSent,
    status(code: number) {
      sent.status = code;
      return response;
    },
    json(body: unknown) {
      sent.body = body;
      return response;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('HttpErrorFilter', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it('writes the mapped status and JSON body', () => {
    const { host, sent } = fakeHost();
    new HttpErrorFilter().catch(new NotFoundError('TOOL.NOT_FOUND', 'Tool t1 not found'), host);
    expect(sent).toEqual({ status: 404, body: { code: 'TOOL.NOT_FOUND', message: 'Tool t1 not found', details: {} } });
    expect(logged).not.toHaveBeenCalled();
  });

  it('logs the stack of a server error but sends only INTERNAL', () => {
    const { host, sent } = fakeHost();
    new HttpErrorFilter().catch(new Error('pool exhausted at db-7'), host);
    expect(sent.body).toEqual({ code: 'INTERNAL', message: 'Internal server error', details: {} });
    expect(String(logged.mock.calls[0]?.[0])).toContain('pool exhausted at db-7');
  });

  it('does not write twice when the response already started', () => {
    const { host, sent } = fakeHost(true);
    new HttpErrorFilter().catch(new Error('late failure'), host);
    expect(sent).toEqual({});
  });
});
