// ArcSight Common Event Format (CEF) rev 25: "CEF:Version|Device Vendor|Device Product|Device Version|
// Device Event Class ID|Name|Severity|Extension". The mapping is documented in docs/audit.md.
import { actionInfo } from './audit-actions';
import type { AuditEntry } from './audit-entry';
import { canonicalJson } from './canonical-json';
import { isIpAddress } from './ip-address';

export interface CefOptions {
  /** The Device Version header field: the Toolgate version. */
  productVersion: string;
}

/**
 * Header fields escape `\` and `|`. The spec allows no line breaks in the header; the action and name
 * come from our own table, so a CR or LF there can only come from a bug, and becomes a space to keep one line per event.
 */
export function escapeCefHeader(value: string): string {
  return value.replace(/[\\|]/g, (c) => `\\${c}`).replace(/[\r\n]/g, ' ');
}

/** Extension values escape `\` and `=`, and encode CR and LF as `\r` and `\n`. `|` needs no escape there. */
export function escapeCefValue(value: string): string {
  return value.replace(/[\\=\r\n]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`));
}

/** The extension key/value pairs of an entry, in output order; null values are left out. */
export function cefExtension(entry: AuditEntry): [string, string][] {
  const userAgent = entry.details['userAgent'];
  const pairs: [string, string | null][] = [
    ['rt', String(entry.time.getTime())],
    ['suser', entry.actor.display ?? entry.actor.id],
    ['suid', entry.actor.id],
    ['src', entry.sourceIp !== null && isIpAddress(entry.sourceIp) ? entry.sourceIp : null],
    ['requestClientApplication', typeof userAgent === 'string' ? userAgent : null],
    ['outcome', entry.outcome],
    ['externalId', entry.id],
    ['deviceExternalId', entry.organisationId],
    ['cn1Label', 'sequence'],
    ['cn1', String(entry.seq)],
    ['flexString1Label', 'actorType'],
    ['flexString1', entry.actor.type],
    ['cs1Label', 'resourceType'],
    ['cs1', entry.resource.type],
    ['cs2Label', 'resourceId'],
    ['cs2', entry.resource.id],
    ['cs3Label', 'environmentId'],
    ['cs3', entry.environmentId],
    ['cs4Label', 'requestId'],
    ['cs4', entry.requestId],
    ['cs5Label', 'details'],
    ['cs5', canonicalJson(entry.details)],
    ['cs6Label', 'hash'],
    ['cs6', entry.hash],
    ['flexString2Label', 'prevHash'],
    ['flexString2', entry.prevHash],
  ];
  return pairs.filter((pair): pair is [string, string] => pair[1] !== null);
}

/** One CEF line (with a trailing `\n`) for an entry. */
export function toCefLine(entry: AuditEntry, options: CefOptions): string {
  const { name, severity } = actionInfo(entry.action, entry.outcome);
  const header = ['CEF:0', 'Toolgate', 'Toolgate', options.productVersion, entry.action, name, String(severity)].map((field, i) => (i === 0 ? field : escapeCefHeader(field)));
  const extension = cefExtension(entry)
    .map(([key, value]) => `${key}=${escapeCefValue(value)}`)
    .join(' ');
  return `${header.join('|')}|${extension}\n`;
}
