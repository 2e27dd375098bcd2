import { applyDecorators } from '@nestjs/common';
import { ApiBody, type ApiBodyOptions, ApiCreatedResponse, ApiOkResponse, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

/** Swagger's SchemaObject (not exported from the package root). */
export type SchemaObject = NonNullable<Extract<ApiBodyOptions, { schema: unknown }>['schema']>;

/** The OpenAPI 3.0 schema of a zod request schema: the zod schema stays the one source of truth. */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): SchemaObject {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json['$schema'];
  return json as SchemaObject;
}

/** Documents a JSON body validated by `schema`. */
export function ApiZodBody(schema: z.ZodType, description?: string): MethodDecorator {
  return ApiBody({ schema: openApiSchema(schema), description });
}

/** Documents each field of a zod object schema as an optional query parameter. */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...Object.entries(schema.shape).map(([name, field]) =>
      ApiQuery({ name, required: false, schema: openApiSchema(field as z.ZodType) }),
    ),
  );
}

/** Documents a response body by the zod schema its type is inferred from (`status` 200 or 201). */
export function ApiZodResponse(schema: z.ZodType, description: string, status: 200 | 201 = 200): MethodDecorator & ClassDecorator {
  const options = { schema: openApiSchema(schema, 'output'), description };
  return status === 201 ? ApiCreatedResponse(options) : ApiOkResponse(options);
}

/** The schema of a cursor page of `item`: `{ items, nextCursor }`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.uuid().nullable() });
}
