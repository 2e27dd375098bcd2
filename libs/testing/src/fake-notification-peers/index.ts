export { startHttpPeer, type HttpPeer, type PeerFailure, type PeerHandler, type PeerReply, type PeerRequest } from './http-peer';
export { startSlackPeer, SlackWebhookPayload, type SlackPeer } from './slack.peer';
export { startPagerDutyPeer, PagerDutyEventSchema, type PagerDutyEventBody, type PagerDutyIncident, type PagerDutyPeer } from './pagerduty.peer';
export { startWebhookPeer, type WebhookPeer, type WebhookPeerOptions } from './webhook.peer';
export { startSmtpPeer, type ReceivedMail, type SmtpPeer, type SmtpPeerOptions } from './smtp.peer';
export { parseMail, type ParsedMail } from './mime';
