// Outbound network policy shared by every feature that connects to user-configured destinations
// (MCP sync, notification channels): see docs/security.md.
export { OutboundUrlError, isOutboundUrlError, type OutboundErrorCode } from './outbound-errors';
export {
  assertOutboundHostAllowed,
  assertOutboundUrlAllowed,
  guardedFetch,
  parseAllowlist,
  DEFAULT_OUTBOUND_URL_POLICY,
  UNRESTRICTED_OUTBOUND_URL_POLICY,
  type AllowlistPattern,
  type OutboundUrlPolicy,
  type ResolvedAddress,
} from './outbound-url.guard';
