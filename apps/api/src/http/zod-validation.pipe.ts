import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationError } from '@toolgate/config';
import type { z } from 'zod';

/** One invalid field: where (`body.tools[0].name`) and what is wrong. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * Parses a request part with a zod schema, e.g. `@Body(new ZodValidationPipe(CreateToolRequest))`.
 * On failure it throws ValidationError (400 `VALIDATION.FAILED`) naming every bad field, so the
 * controller only ever sees parsed, typed input.
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    const result = this.schema.safeParse(value, { error: missingAsRequired });
    if (result.success) return result.data;
    const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
      path: formatPath(metadata.type, issue.path),
      message: issue.message,
    }));
    const message = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new ValidationError(message, { issues });
  }
}

// Zod's default for a missing field is "Invalid input: expected string, received undefined".
function missingAsRequired(issue: { code?: string; input?: unknown }): string | undefined {
  return issue.code === 'invalid_type' && issue.input === undefined ? 'Required' : undefined;
}

function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}
