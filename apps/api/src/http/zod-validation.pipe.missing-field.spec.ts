import { DomainError, ValidationError } from '@toolgate/config';
import { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe';

const CreateTool = z.object({
  name: z.string().min(1),
  tags: z.array(z.string()).default([]),
  server: z.object({ url: z.url() }),
});

function failure(pipe: ZodValidationPipe<z.ZodType>, value: unknown, type: 'body' | 'query' = 'body'): ValidationError {
  try {
    pipe.transform(value, { type });
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected the pipe to throw');
}

describe('ZodValidationPipe', () => {
  const pipe = new ZodValidationPipe(CreateTool);

  it('returns the parsed value, defaults applied, when the input is valid', () => {
    expect(pipe.transform({ name: 'search', server: { url: 'https://mcp.example.com' } }, { type: 'body' })).toEqual({
      name: 'search',
      tags: [],
      server: { url: 'https://mcp.example.com' },
    });
  });

  it('names a missing field as "Required" under the request part', () => {
    const error = failure(pipe, { server: { url: 'https://mcp.example.com' } });
    expect(error.code).toBe('VALIDATION.FAILED');
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe('body.name: Required');
    expect(error.details).toEqual({ issues: [{ path: 'body.name', message: 'Required' }] });
  });

  it('reports every bad field, with array indices and nested paths', () => {
    const error = failure(pipe, { name: 'x', tags: ['a', 7], server: { url: 'not a url' } });
    const paths = (error.details['issues'] as { path: string }[]).map((issue) => issue.path);
    expect(paths).toEqual(['body.tags[1]', 'body.server.url']);
    expect(error.message.split('; ')).toHaveLength(2);
  });

  it('keeps zod\'s message for a present but wrong value', () => {
    const error = failure(pipe, { name: 42, server: { url: 'https://x.example' } });
    expect(error.message).toMatch(/^body\.name: Invalid input: expected string, received number$/);
  });

  it('prefixes the path with the request part it validates', () => {
    const error = failure(new ZodValidationPipe(z.object({ limit: z.coerce.number().int() })), { limit: 'ten' }, 'query');
    expect(error.message).toMatch(/^query\.limit: /);
    expect(error).toBeInstanceOf(DomainError);
  });
});
