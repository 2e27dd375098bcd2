import { words } from './fake-embedding';

/** What a fake model answers: a tool call (by the name it was given), or text. */
export interface FakeReply {
  tool?: string;
  /** The tool call's arguments as sent on the wire (OpenAI: a JSON string). Default `{}`. */
  arguments?: string;
  content?: string;
}

export interface FakeTool {
  name: string;
  description: string;
}

/** The default fake model: the tool sharing most words with the request, or no call when none shares any. */
export function overlapChooser(query: string, tools: readonly FakeTool[]): FakeReply {
  const q = words(query);
  let best: { tool: string; score: number } | undefined;
  for (const tool of tools) {
    const w = words(`${tool.name.replace(/[_-]/g, ' ')} ${tool.description}`);
    let score = 0;
    for (const x of q) if (w.has(x)) score++;
    if (score > 0 && (!best || score > best.score)) best = { tool: tool.name, score };
  }
  return best ? { tool: best.tool, arguments: '{}' } : { content: 'None of the tools fits this request.' };
}
