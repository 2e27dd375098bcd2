// Unit and repository specs live next to the code; e2e specs live in test/ (see jest.e2e.config.js).
const { pathsToModuleNameMapper } = require('./jest.paths');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/prisma', '<rootDir>/bench'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', require('./jest.swc')] },
  moduleNameMapper: pathsToModuleNameMapper(),
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
};
