import { BadRequestException, HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '@toolgate/config';
import { toHttpError } from './error-body';

describe('toHttpError', () => {
  it('maps a DomainError to the status of its kind and keeps its code, message and details', () => {
    expect(toHttpError(new NotFoundError('TOOL.NOT_FOUND', 'Tool t1 not found', { toolId: 't1' }))).toEqual({
      status: 404,
      body: { code: 'TOOL.NOT_FOUND', message: 'Tool t1 not found', details: { toolId: 't1' } },
    });
    expect(toHttpError(new ConflictError('TOOL.ALREADY_EXISTS', 'dup')).status).toBe(409);
    expect(toHttpError(new ValidationError('body.name: Required')).status).toBe(400);
    expect(toHttpError(new DomainError('rule_violation', 'APPROVAL.SELF_APPROVAL', 'no')).status).toBe(422);
    expect(toHttpError(new DomainError('unavailable', 'PROVIDER.UNAVAILABLE', 'down')).status).toBe(503);
  });

  it('gives Nest HTTP exceptions a stable HTTP.* code', () => {
    expect(toHttpError(new NotFoundException('Cannot GET /nope'))).toEqual({
      status: 404,
      body: { code: 'HTTP.NOT_FOUND', message: 'Cannot GET /nope', details: {} },
    });
    expect(toHttpError(new PayloadTooLargeException()).body.code).toBe('HTTP.PAYLOAD_TOO_LARGE');
  });

  it('joins the message list of a Nest validation exception', () => {
    expect(toHttpError(new BadRequestException(['a is bad', 'b is bad'])).body.message).toBe('a is bad; b is bad');
  });

  it('hides the cause of an unknown error behind INTERNAL', () => {
    const result = toHttpError(new Error('connection string postgres://u:secret@db failed'));
    expect(result).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'Internal server error', details: {} } });
  });

  it('hides the message of a 5xx HttpException too', () => {
    expect(toHttpError(new HttpException('upstream stack detail', 502)).body).toEqual({
      code: 'INTERNAL',
      message: 'Internal server error',
      details: {},
    });
  });

  it('passes through client errors that mark their message safe to expose (body-parser)', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token } in JSON at position 9'), { status: 400, expose: true });
    expect(toHttpError(parseError)).toEqual({
      status: 400,
      body: { code: 'HTTP.BAD_REQUEST', message: 'Unexpected token } in JSON at position 9', details: {} },
    });
  });

  it('treats a thrown non-Error as INTERNAL', () => {
    expect(toHttpError('boom').status).toBe(500);
  });
});
