import { isDigest, type NotificationDigest, type NotificationEvent, type NotificationMessage } from '../model';
import { describeEvent, digestHeadline, headlineOf } from './describe-event';

/** Subject and the two MIME parts of a notification email. */
export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Only http(s) links become anchors: a `javascript:` URL in an event must not reach a mail client. */
function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : undefined;
}

/** Subject lines must be one line: strip CR/LF (header injection) and keep them short. */
function subjectOf(text: string): string {
  const line = text.replace(/[\r\n]+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export function formatEmail(message: NotificationMessage): EmailMessage {
  return isDigest(message) ? formatEmailDigest(message) : formatEmailEvent(message);
}

const LINK_LABELS = { approve: 'Approve', reject: 'Reject', details: 'Details' } as const;

function formatEmailEvent(event: NotificationEvent): EmailMessage {
  const d = describeEvent(event);
  const links = (Object.keys(LINK_LABELS) as Array<keyof typeof LINK_LABELS>).flatMap((key) => {
    const url = d.links[key];
    return url ? [{ label: LINK_LABELS[key], url }] : [];
  });

  const text = [
    d.headline,
    '',
    ...d.fields.map((f) => `${f.label}: ${f.value}`),
    ...d.sections.flatMap((s) => ['', `${s.label}:`, s.text]),
    ...(links.length > 0 ? ['', ...links.map((l) => `${l.label}: ${l.url}`)] : []),
    '',
    `-- Toolgate · ${event.type} · ${event.occurredAt}`,
    '',
  ].join('\n');

  const rows = d.fields
    .map((f) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(f.label)}</th><td>${f.code ? `<code>${escapeHtml(f.value)}</code>` : escapeHtml(f.value)}</td></tr>`)
    .join('\n');
  const sections = d.sections.map((s) => `<h3 style="margin:16px 0 4px">${escapeHtml(s.label)}</h3>\n<p style="margin:0;white-space:pre-line">${escapeHtml(s.text)}</p>`).join('\n');
  const anchors = links
    .flatMap((l) => {
      const href = safeHref(l.url);
      return href ? [`<a href="${href}" style="margin-right:16px">${escapeHtml(l.label)}</a>`] : [];
    })
    .join('\n');
  const html = page(
    d.headline,
    [`<table>\n${rows}\n</table>`, sections, anchors ? `<p style="margin-top:16px">\n${anchors}\n</p>` : '', footer(`Toolgate · ${event.type} · ${event.occurredAt}`)]
      .filter(Boolean)
      .join('\n'),
  );
  return { subject: subjectOf(d.headline), text, html };
}

function formatEmailDigest(digest: NotificationDigest): EmailMessage {
  const headline = digestHeadline(digest);
  const period = `${digest.periodStart} – ${digest.periodEnd}`;
  const lines = digest.events.map((e) => {
    const rec = e.recommendation ? `\n    Recommendation: ${e.recommendation.title}` : '';
    const link = e.links?.details ? `\n    ${e.links.details}` : '';
    return `* ${headlineOf(e)}${rec}${link}`;
  });
  const text = [headline, period, '', ...lines, ...(digest.detailsUrl ? ['', `Details: ${digest.detailsUrl}`] : []), ''].join('\n');
  const items = digest.events
    .map((e) => {
      const href = e.links?.details ? safeHref(e.links.details) : undefined;
      const title = href ? `<a href="${href}">${escapeHtml(headlineOf(e))}</a>` : escapeHtml(headlineOf(e));
      const rec = e.recommendation ? `<br><em>${escapeHtml(e.recommendation.title)}</em>` : '';
      return `<li>${title}${rec}</li>`;
    })
    .join('\n');
  const detailsHref = digest.detailsUrl ? safeHref(digest.detailsUrl) : undefined;
  const html = page(
    headline,
    [`<p>${escapeHtml(period)}</p>`, `<ul>\n${items}\n</ul>`, detailsHref ? `<p><a href="${detailsHref}">Open in Toolgate</a></p>` : '', footer('Toolgate digest')].filter(Boolean).join('\n'),
  );
  return { subject: subjectOf(headline), text, html };
}

function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>' + escapeHtml(title) + '</title></head>',
    '<body style="font-family:sans-serif;font-size:14px">',
    `<h2 style="margin:0 0 12px">${escapeHtml(title)}</h2>`,
    body,
    '</body></html>',
    '',
  ].join('\n');
}

function footer(text: string): string {
  return `<p style="color:#777;font-size:12px;margin-top:24px">${escapeHtml(text)}</p>`;
}
