import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ApiKeyRepository, OrganisationRepository, UserRepository } from '@toolgate/db';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { AuthenticationGuard } from './authentication.guard';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottle } from './login-throttle';
import { LoginService } from './login.service';
import { TokenService } from './token.service';

/** Identity: login, JWT and API-key authentication, the global guard, the bootstrap admin. */
@Global()
@Module({
  imports: [PassportModule],
  controllers: [AuthController, ApiKeysController],
  providers: [
    UserRepository,
    ApiKeyRepository,
    OrganisationRepository,
    JwtStrategy,
    TokenService,
    LoginThrottle,
    LoginService,
    ApiKeysService,
    BootstrapAdminService,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
  exports: [OrganisationRepository, UserRepository],
})
export class AuthModule {}
