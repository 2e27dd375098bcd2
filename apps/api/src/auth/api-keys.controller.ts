import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '@toolgate/db';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { type PageQuery, PageQuerySchema } from '../registry/page.request';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, pageSchema } from '../registry/zod-openapi';
import { type CreateApiKeyRequest, CreateApiKeyRequestSchema } from './api-key.request';
import { type ApiKeyResponse, ApiKeyResponseSchema, type CreatedApiKeyResponse, CreatedApiKeyResponseSchema } from './api-key.response';
import { ApiKeysService } from './api-keys.service';
import { MinRole } from './roles.decorator';

@ApiTags('auth')
@ApiBearerAuth()
@MinRole('admin')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key (admin). The secret is in this response only.' })
  @ApiZodBody(CreateApiKeyRequestSchema)
  @ApiZodResponse(CreatedApiKeyResponseSchema, 'The key, with `secret` shown once.', 201)
  create(@Ctx() ctx: RequestContext, @Body(new ZodValidationPipe(CreateApiKeyRequestSchema)) body: CreateApiKeyRequest): Promise<CreatedApiKeyResponse> {
    return this.keys.create(ctx, body);
  }

  @Get()
  @ApiOperation({ summary: "List the organisation's API keys, revoked ones included (admin)." })
  @ApiZodQuery(PageQuerySchema)
  @ApiZodResponse(pageSchema(ApiKeyResponseSchema), 'A page of keys, oldest first; never the secrets.')
  list(@Ctx() ctx: RequestContext, @Query(new ZodValidationPipe(PageQuerySchema)) page: PageQuery): Promise<Page<ApiKeyResponse>> {
    return this.keys.list(ctx, page);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key (admin): it fails from the next request on.' })
  @ApiZodResponse(ApiKeyResponseSchema, 'The revoked key.')
  @ApiNotFoundResponse({ description: '`API_KEY.NOT_FOUND`' })
  revoke(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyResponse> {
    return this.keys.revoke(ctx, id);
  }
}
