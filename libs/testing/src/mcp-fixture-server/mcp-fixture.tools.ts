/** The fixture server's tools when no MCP_FIXTURE_TOOLS_FILE is given: three valid MCP tool definitions. */
export const DEFAULT_FIXTURE_TOOLS: Array<Record<string, unknown>> = [
  {
    name: 'get_weather',
    title: 'Weather',
    description: 'Returns the current weather for a city.',
    inputSchema: { type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'] },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'send_email',
    description: 'Sends an email to one recipient.',
    inputSchema: { type: 'object', properties: { to: { type: 'string' }, subject: { type: 'string' }, body: { type: 'string' } }, required: ['to', 'body'] },
    outputSchema: { type: 'object', properties: { messageId: { type: 'string' } } },
  },
  {
    name: 'list_files',
    description: 'Lists the files in a directory.',
    inputSchema: { type: 'object', properties: { path: { type: 'string' } } },
  },
];
