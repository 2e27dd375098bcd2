import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfigOrExit, type Config } from '@toolgate/config';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { isClusterPrimary, runPrimary } from './cluster';
import { setupOpenApi } from './openapi';

async function bootstrap(config: Config): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT });
  // On SIGTERM/SIGINT: stop accepting connections, run shutdown hooks (Redis, Prisma), exit 0.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  setupOpenApi(app);
  await app.listen(config.PORT, config.HOST);
}


const config = loadConfigOrExit();
if (config.API_PROCESSES > 1 && isClusterPrimary()) {
  runPrimary(config.API_PROCESSES);
} else {
  bootstrap(config).catch((error: unknown) => {
    process.stderr.write(`API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
