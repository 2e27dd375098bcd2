import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the OpenAPI document at /docs-json and Swagger UI at /docs. */
export function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Toolgate API')
      .setDescription('Governance for MCP tool registries: catch ambiguous, overlapping and poisoned tools.')
      .setVersion('0.1.0')
      // `bearer` (the default name @ApiBearerAuth refers to): a login JWT, an external JWT, or a tg_ API key.
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A JWT from POST /v1/auth/login (or your identity provider), or a tg_ API key' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
