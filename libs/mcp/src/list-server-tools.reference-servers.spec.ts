// The real reference servers from npm (dev dependencies), over every transport they serve.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { referenceServerStdio, startEverythingServer, type RunningMcpServer } from '@toolgate/testing';
import { listServerTools } from './list-server-tools';
import { UNRESTRICTED_OUTBOUND_URL_POLICY } from './outbound-url.guard';

const LOCAL = { urlPolicy: UNRESTRICTED_OUTBOUND_URL_POLICY };

function expectEverything(listing: Awaited<ReturnType<typeof listServerTools>>): void {
  expect(listing.serverInfo).toMatchObject({ name: 'mcp-servers/everything', protocolVersion: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  expect(listing.serverInfo.capabilities).toHaveProperty('tools');
  const names = listing.tools.map((t) => t.name);
  expect(names).toEqual(expect.arrayContaining(['echo', 'get-sum']));
  for (const tool of listing.tools) expect(tool.inputSchema['type']).toBe('object');
}

describe('listServerTools against @modelcontextprotocol/server-everything', () => {
  it('lists its tools over stdio', async () => {
    expectEverything(await listServerTools({ transport: 'stdio', ...referenceServerStdio('server-everything') }));
  });

  for (const kind of ['sse', 'streamableHttp'] as const) {
    describe(`over ${kind}`, () => {
      let server: RunningMcpServer;
      beforeAll(async () => void (server = await startEverythingServer(kind)));
      afterAll(() => server.stop());

      it('lists its tools, the same ones as over stdio', async () => {
        const listing = await listServerTools({ transport: kind === 'sse' ? 'sse' : 'streamable_http', url: server.url }, LOCAL);
        expectEverything(listing);
        const viaStdio = await listServerTools({ transport: 'stdio', ...referenceServerStdio('server-everything') });
        expect(listing.tools.map((t) => t.name).sort()).toEqual(viaStdio.tools.map((t) => t.name).sort());
      });
    });
  }
});

describe('listServerTools against server-filesystem and server-memory (stdio)', () => {
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(path.join(tmpdir(), 'toolgate-mcp-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the filesystem server tools for an allowed directory', async () => {
    const listing = await listServerTools({ transport: 'stdio', ...referenceServerStdio('server-filesystem', [dir]) });
    expect(listing.serverInfo.name).toMatch(/filesystem/i);
    expect(listing.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['read_text_file', 'write_file', 'list_directory']));
    expect(listing.tools.find((t) => t.name === 'read_text_file')?.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('lists the memory server tools', async () => {
    const listing = await listServerTools({ transport: 'stdio', ...referenceServerStdio('server-memory', [], { MEMORY_FILE_PATH: path.join(dir, 'memory.jsonl') }) });
    expect(listing.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['create_entities', 'read_graph', 'search_nodes']));
  });
});
