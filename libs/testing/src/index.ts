export { createTestDatabase, testServerUrl, type CreateTestDatabaseOptions, type TestDatabase } from './database';
export * from './fake-providers';
