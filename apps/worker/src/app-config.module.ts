import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, type Config } from '@toolgate/config';

/** Makes the configuration loaded in main.ts injectable everywhere as `AppConfig`. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: Config): DynamicModule {
    return { module: AppConfigModule, providers: [{ provide: AppConfig, useValue: new AppConfig(config) }], exports: [AppConfig] };
  }
}
