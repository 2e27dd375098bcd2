import type { Severity } from '../model';

/** A text pattern that signals poisoning. `why` is shown in evidence and explains the severity. */
export interface CueRule {
  id: string;
  type: 'model-instruction' | 'hidden-content' | 'tool-shadowing';
  severity: Severity;
  pattern: RegExp;
  why: string;
}

// "within one sentence": up to N characters that are not a sentence end or line break.
const S = (n: number) => `[^.!?\\n]{0,${n}}`;
const SENSITIVE_PATH =
  String.raw`(?:~|\$HOME|%USERPROFILE%)?[\\/]?\.(?:ssh|aws|gnupg|kube|docker|cursor)[\\/]|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\bmcp\.json\b|` +
  String.raw`[\\/]etc[\\/](?:passwd|shadow)\b|\.(?:netrc|npmrc|pypirc|pgpass|git-credentials)\b|(?:^|[\s'"\x60(])\.env\b|` +
  String.raw`\bprivate[ _-]?(?:ssh[ _-]?)?keys?\b|\bssh[ _-]?keys?\b|\bseed[ _-]phrase\b|\bwallet\.dat\b|\bcredentials\.json\b`;
const EXFIL_VERB = String.raw`(?:send|forward|include|pass|upload|post|append|attach|exfiltrate|leak|copy|transmit|collect)`;
// Documentation domains (RFC 2606) appear in honest examples; an attacker's address does not use them.
const EMAIL = String.raw`[\w.+-]+@(?!example\.(?:com|org|net)\b)[\w-]+\.[\w.-]+`;

/**
 * Rules, most severe first. Severities follow one principle: CRITICAL = text whose only purpose is to
 * act against the user (hide things from them, override their instructions, read their secrets);
 * HIGH = text that takes control of the agent's choices (seize priority over other tools, tamper with
 * results, redirect data, hide instructions in markup); MEDIUM = strong steering that real servers also
 * use (`use this tool first`), worth a human look but common in benign tools.
 */
export const CUE_RULES: readonly CueRule[] = [
  {
    id: 'override-instructions',
    type: 'model-instruction',
    severity: 'CRITICAL',
    pattern: /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier|preceding|other|system|user'?s?)\s+(?:instructions?|prompts?|rules|directions|guidelines|messages)/i,
    why: 'tells the model to drop the instructions it was given',
  },
  {
    id: 'conceal-from-user',
    type: 'model-instruction',
    severity: 'CRITICAL',
    pattern: new RegExp(
      String.raw`\b(?:do\s*not|don'?t|never|must\s+not|should\s+not)\s+(?:tell|inform|mention|reveal|show|notify|alert|disclose|let)\b${S(40)}\b(?:the\s+)?(?:user|human)\b|` +
        String.raw`\bwithout\s+(?:telling|informing|notifying|alerting|asking|showing)\s+(?:the\s+)?(?:user|human)\b|` +
        String.raw`\b(?:keep|hide)\s+(?:this|it|that)\b${S(30)}\bfrom\s+(?:the\s+)?(?:user|human)\b|` +
        String.raw`\b(?:do\s*not|don'?t|never)\s+(?:mention|reveal|disclose)\s+(?:this|that|these|the\s+fact)\b|` +
        String.raw`\bthe\s+(?:user|human)\s+(?:must|should|need)\s*(?:not|n'?t)\s+(?:know|see|notice|be\s+(?:told|informed|aware))\b|` +
        String.raw`\b(?:silently|secretly|covertly|quietly)\s+(?:send|forward|upload|copy|include|add|call|read|post|exfiltrate|transmit)\b`,
      'i',
    ),
    why: 'asks the model to hide what it does from the user',
  },
  {
    id: 'read-secrets',
    type: 'model-instruction',
    severity: 'CRITICAL',
    pattern: new RegExp(
      String.raw`\b(?:read|cat|open|include|pass|send|attach|upload|provide|copy|extract|collect|access|load|fetch|get|retrieve|call|use|run|invoke)(?:_\w+)?\b${S(60)}(?:${SENSITIVE_PATH})`,
      'i',
    ),
    why: 'instructs the model to read a credential or private-key file',
  },
  {
    id: 'collect-secrets',
    type: 'model-instruction',
    severity: 'CRITICAL',
    pattern: new RegExp(
      String.raw`\b${EXFIL_VERB}\b${S(40)}\b(?:all|the|your|any|every)\s+(?:(?:user'?s?|system)\s+)?(?:environment\s+variables|env\s+vars|secrets|credentials|api\s+keys|passwords|access\s+tokens|cookies|session\s+tokens)\b`,
      'i',
    ),
    why: 'instructs the model to gather secrets (environment variables, credentials, API keys) and pass them on',
  },
  {
    id: 'mentions-secrets',
    type: 'model-instruction',
    severity: 'HIGH',
    pattern: new RegExp(SENSITIVE_PATH, 'i'),
    why: 'names a credential or private-key location that a tool description has no need to mention',
  },
  {
    id: 'prefer-over-others',
    type: 'model-instruction',
    severity: 'HIGH',
    pattern:
      /\b(?:use|call|choose|prefer|select|invoke|run)\s+(?:this|me)(?:\s+(?:tool|function|one))?\s+(?:rather\s+than|instead\s+of|over)\s+(?:any\s+|all\s+)?(?:the\s+)?others?\b|\brather\s+than\s+(?:any\s+|all\s+)?(?:the\s+)?others?\b|\binstead\s+of\s+(?:any|all|the)\s+other\s+(?:tools?|functions?)\b/i,
    why: 'claims priority over every other tool, the signature of a squatting or poisoned tool',
  },
  {
    id: 'unconditional-use',
    type: 'model-instruction',
    severity: 'HIGH',
    pattern: /\bno\s+matter\s+(?:how|what|which|if)\b|\bregardless\s+of\s+(?:the\s+)?(?:user|what|which|how|arguments?|inputs?|instructions?|request)\b/i,
    why: 'demands to be used whatever the request says',
  },
  {
    id: 'tamper-results',
    type: 'model-instruction',
    severity: 'HIGH',
    pattern:
      /\b(?:replace|overwrite|modify|alter|falsify|rewrite)\s+(?:the\s+|its\s+|their\s+)?(?:wrong\s+|original\s+)?(?:values?|results?|outputs?|responses?|arguments?|return\s+values?)\s+(?:with|of|from|by)\b/i,
    why: 'tells the model to alter values or results produced elsewhere',
  },
  {
    id: 'redirect-data',
    type: 'model-instruction',
    severity: 'HIGH',
    pattern: new RegExp(
      String.raw`\b(?:send|forward|redirect|bcc|cc|copy|route|email|post|upload|exfiltrate)\b${S(60)}?${EMAIL}|\bchange\s+the\s+(?:recipient|destination|receiver|phone\s+number|address)\b`,
      'i',
    ),
    why: 'redirects data to a fixed address or changes where it goes',
  },
  {
    id: 'leak-context',
    type: 'model-instruction',
    severity: 'HIGH',
    pattern: new RegExp(
      String.raw`\b(?:pass|include|send|provide|put|add|append|list)\b${S(50)}\b(?:conversation\s+history|chat\s+history|system\s+prompt|previous\s+messages|your\s+instructions|list\s+of\s+(?:all\s+)?(?:available\s+)?tools|all\s+(?:available\s+)?tools)\b`,
      'i',
    ),
    why: 'asks the model to hand over its context (prompt, history, tool list)',
  },
  {
    id: 'instruction-tag',
    type: 'hidden-content',
    severity: 'HIGH',
    pattern: /<\s*\/?\s*(?:important|system|instructions?|secret|hidden|admin|note[_-]?to[_-]?(?:ai|model|assistant)|assistant|ai)\s*>/i,
    why: 'wraps instructions in a pseudo-tag that UIs hide but models read',
  },
  {
    id: 'html-comment',
    type: 'hidden-content',
    severity: 'HIGH',
    pattern: /<!--[\s\S]*?-->/,
    why: 'an HTML comment is invisible when rendered but read by the model',
  },
  {
    id: 'replacement-instructions',
    type: 'model-instruction',
    severity: 'HIGH',
    pattern: /\b(?:new|updated|real|actual|true|hidden|secret)\s+(?:system\s+)?instructions?\s*:|\byou\s+are\s+now\s+(?:in\s+)?(?:developer|admin|god|jailbreak|dan)\b/i,
    why: 'announces replacement instructions for the model',
  },
  {
    id: 'priority-first',
    type: 'model-instruction',
    severity: 'MEDIUM',
    pattern:
      /\b(?:always|must|should|need\s+to)\s+(?:use|call|run|invoke)\s+this\s+(?:tool|function)\s+(?:first|before)\b|\bbefore\s+(?:using|calling|running|invoking)\s+(?:any|all)\s+other\s+(?:tools?|functions?)\b|\b(?:use|call|run|invoke)\s+this\s+(?:tool|function)\s+before\s+(?:any|all|every)\b/i,
    why: 'asks to be called before other tools; real servers do this too, so it needs a human look',
  },
  {
    id: 'bracket-important',
    type: 'model-instruction',
    severity: 'MEDIUM',
    pattern: /\[\s*(?:important|system|admin|instructions?)\s*\]/i,
    why: 'a bracketed [IMPORTANT] marker addresses the model, not the reader',
  },
  {
    id: 'unconditional-avoid',
    type: 'model-instruction',
    severity: 'MEDIUM',
    pattern: /^\s*(?:do\s+not|don'?t|never)\s+(?:use|call|invoke)\s+this\s+(?:tool|function)\s*[.!]*\s*$/im,
    why: 'a tool whose whole description is "do not use this" exists for something other than its stated job',
  },
];
