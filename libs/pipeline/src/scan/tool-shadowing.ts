import type { Severity } from '../model';

/** A sentence that tries to change how another tool behaves or when it runs. */
export interface ShadowingMatch {
  severity: Severity;
  rule: string;
  sentence: string;
  index: number;
  mentions: string[];
}

// `the send_email tool`, `'think' tool`, `check function`, `send_message is invoked`, `whenever you use send_email`.
const TOOL_MENTION =
  /(?:[`'"]([A-Za-z][\w./-]*)[`'"]|\b([A-Za-z][\w./-]*))\s+(?:tool|function)\b|\b([A-Za-z]\w*_\w+)\s+(?:is|gets|are)\s+(?:used|called|invoked|executed|run)\b|\b(?:use|using|uses|call|calling|calls|invoke|invoking|run|running)\s+[`'"]?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b/g;
const NOT_A_TOOL = new Set(
  ('this that the a an any other each every which same one another all some of mcp your its their following specific available ' +
    'relevant appropriate right correct first next previous second separate dedicated given corresponding additional new main ' +
    'selected chosen said helper utility useful powerful best primary').split(' '),
);
const TAKEOVER =
  /\bside[\s-]effects?\b|\b(?:must|should|will|needs?\s+to)\s+(?:always\s+)?(?:send|forward|be\s+sent|be\s+redirected|bcc|cc)\b|\balso\s+(?:bcc|cc|send|forward|copy)\b|\b(?:modify|override|overwrite|replace|redirect|intercept|hijack)\b|\bchange\s+the\b|\bwrong\s+results?\b|\bwhen\s+this\s+tool\s+is\s+(?:available|present|loaded|enabled|installed)\b/i;
const SEQUENCING = /\b(?:after|before|when|whenever|once)\b[^.!?\n]{0,80}\b(?:run|call|execute|use|invoke)\s+(?:this|me)\b/i;
const AVOID_OTHER = /\b(?:never|do\s+not|don'?t)\s+use\s+(?:the\s+)?(?!(?:this|that|these|any)\b)[`'"]?[\w./-]+[`'"]?\s+tools?\b/i;
// `before execute minus operation, execute this tool`: hooks itself onto another operation.
const HOOK_OPERATION = /\b(?:before|after)\s+(?:execut\w*|using|calling|running|any)\s+[\w\s'"`-]{1,30}?\s*(?:operations?|tools?|functions?|calls?)\b[^.!?\n]{0,60}\b(?:run|call|execute|use|invoke)\s+this\b/i;

/**
 * Finds sentences that mention another tool and instruct the model about it (tool shadowing):
 * HIGH when they change what the other tool does or where its data goes; MEDIUM when they hook this tool
 * before/after another one or steer the model away from it. Mentions of `selfName` do not count, and
 * mentions of `siblings` (tools of the same server, when known) lower HIGH to MEDIUM and drop MEDIUM,
 * because a server documenting its own workflow is normal.
 */
export function findShadowing(text: string, selfName: string, siblings: ReadonlySet<string>): ShadowingMatch[] {
  const out: ShadowingMatch[] = [];
  const self = selfName.toLowerCase();
  for (const { sentence, index } of sentences(text)) {
    const mentions = mentionedTools(sentence).filter((m) => m.toLowerCase() !== self);
    const hooked = HOOK_OPERATION.test(sentence);
    if (mentions.length === 0 && !hooked) continue;
    let severity: Severity | undefined;
    let rule = '';
    if (mentions.length > 0 && TAKEOVER.test(sentence)) [severity, rule] = ['HIGH', 'changes-other-tool'];
    else if (hooked || (mentions.length > 0 && SEQUENCING.test(sentence))) [severity, rule] = ['MEDIUM', 'hooks-other-tool'];
    else if (AVOID_OTHER.test(sentence)) [severity, rule] = ['MEDIUM', 'steers-away-from-other-tool'];
    if (!severity) continue;
    const onlySiblings = mentions.length > 0 && mentions.every((m) => siblings.has(m));
    if (onlySiblings) {
      if (severity !== 'HIGH') continue;
      severity = 'MEDIUM';
    }
    out.push({ severity, rule, sentence: sentence.trim(), index, mentions });
  }
  return out;
}

function mentionedTools(sentence: string): string[] {
  const out = new Set<string>();
  for (const m of sentence.matchAll(TOOL_MENTION)) {
    const name = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (name && !NOT_A_TOOL.has(name.toLowerCase())) out.add(name);
  }
  return [...out];
}

function sentences(text: string): { sentence: string; index: number }[] {
  const out: { sentence: string; index: number }[] = [];
  const re = /[^.!?\n]+(?:[.!?]+|\n|$)/g;
  for (const m of text.matchAll(re)) if (m[0].trim()) out.push({ sentence: m[0], index: m.index ?? 0 });
  return out;
}
