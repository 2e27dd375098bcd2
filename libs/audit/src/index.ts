/** @toolgate/audit: the audit entry model, the per-organisation hash chain, JSON Lines and CEF. Pure TypeScript. */
export { AUDIT_ACTIONS, AUDIT_ACTION_INFO, actionInfo, isAuditAction, type AuditAction } from './audit-actions';
export { SYSTEM_ACTOR, type AuditActor, type AuditEntry, type AuditEntryInput, type AuditOutcome } from './audit-entry';
export { canonicalJson } from './canonical-json';
export { canonicalEntry, chainEntry, entryHash, type ChainTip } from './hash-chain';
export { ChainVerifier, verifyChain, type ChainBreak, type ChainBreakReason, type ChainVerification } from './chain-verifier';
export { isIpAddress } from './ip-address';
export { toAuditJson, toJsonLine } from './jsonl.format';
export { cefExtension, escapeCefHeader, escapeCefValue, toCefLine, type CefOptions } from './cef.format';
export { CefParseError, parseCef, parseExtension, type CefEvent } from './cef.parser';
