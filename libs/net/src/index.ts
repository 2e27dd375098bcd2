// Outbound network policy shared by every feature that connects to user-configured destinations
// (MCP sync, notification channels): see docs/security.md.
export { OutboundUrlError, isOutboundUrlError, type OutboundErrorCode } from './outbound-errors';
export {
  assertOutboundHostAllowed,
  assertOutboundUrlAllowed,
  parseAllowlist,
  DEFAULT_OUTBOUND_URL_POLICY,
  UNRESTRICTED_OUTBOUND_URL_POLICY,
  type AllowlistPattern,
  type OutboundUrlPolicy,
  type ResolvedAddress,
  assertConnectAddressesAllowed,
} from './outbound-url.guard';
export { connectionGuardedFetch, guardedFetch, guardedLookup } from './guarded-fetch';
