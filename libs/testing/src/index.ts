export { createTestDatabase, testServerUrl, type CreateTestDatabaseOptions, type TestDatabase } from './database';
export * from './fake-providers';
export * from './mcp-fixture-server';
export * from './fake-notification-peers';
