export {
  mcpFixtureStdio,
  referenceServerStdio,
  startMcpFixtureHttp,
  startEverythingServer,
  freeTcpPort,
  type McpFixtureOptions,
  type RunningMcpServer,
  type StdioCommand,
} from './mcp-server.launcher';
export { DEFAULT_FIXTURE_TOOLS } from './mcp-fixture.tools';
