import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodBody, ApiZodResponse } from '../registry/zod-openapi';
import { type LoginRequest, LoginRequestSchema, type LoginResponse, LoginResponseSchema, type WhoAmIResponse, WhoAmIResponseSchema } from './login.request';
import { LoginService } from './login.service';
import { MinRole, Public } from './roles.decorator';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly login: LoginService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Email and password → a JWT (HS256, JWT_EXPIRES_IN). Failed logins are limited per account and IP.' })
  @ApiZodBody(LoginRequestSchema)
  @ApiZodResponse(LoginResponseSchema, 'The access token.')
  @ApiUnauthorizedResponse({ description: '`AUTH.INVALID_CREDENTIALS`' })
  @ApiTooManyRequestsResponse({ description: '`AUTH.TOO_MANY_ATTEMPTS`, `details.retryAfterSeconds`' })
  logIn(@Body(new ZodValidationPipe(LoginRequestSchema)) body: LoginRequest, @Req() req: { ip?: string; id?: unknown }): Promise<LoginResponse> {
    return this.login.login(body, { sourceIp: req.ip ?? null, requestId: typeof req.id === 'string' ? req.id : null });
  }

  @Get('me')
  @MinRole('viewer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the credentials belong to: organisation and actor (any role, ci-agent included).' })
  @ApiZodResponse(WhoAmIResponseSchema, 'The caller.')
  whoAmI(@Ctx() ctx: RequestContext): WhoAmIResponse {
    return { organisationId: ctx.organisationId, actor: ctx.actor };
  }
}
