import { nameFeatures } from '../lexical';
import type { Finding } from '../model/finding';
import { actionCap, applyCap, routingCap } from './severity-rules';

const cap = (a: string, b: string) => actionCap(nameFeatures(a), nameFeatures(b));
const finding = (stage: Finding['stage'], severity: Finding['severity'], score = 0.8): Finding => ({ stage, type: 't', score, severity, evidence: {} });

describe('severity rules: names that say different things happen', () => {
  it.each([
    ['create_entities', 'delete_entities'],
    ['get_issue', 'update_issue'],
    ['API-retrieve-a-block', 'API-delete-a-block'],
    ['star_repository', 'unstar_repository'],
    ['protect_document', 'unprotect_document'],
    ['enable_rule', 'disable_rule'],
    ['start_server', 'stop_server'],
    ['archive_note', 'unarchive_note'],
    ['upload_file', 'download_file'],
  ])('%s vs %s caps similarity at LOW', (a, b) => {
    expect(cap(a, b)?.cap).toBe('LOW');
  });

  it('caps create vs update (both mutate) only at MEDIUM', () => {
    expect(cap('create_page', 'update_page')).toEqual({ rule: 'distinct-actions', cap: 'MEDIUM' });
  });

  it.each([
    ['create_issue', 'add_issue'],
    ['list_issues', 'search_issues'],
    ['fetch', 'fetch_markdown'],
    ['get_weather', 'forecast'],
  ])('%s vs %s keeps its severity (same action, or no action word)', (a, b) => {
    expect(cap(a, b)).toBeUndefined();
  });

  it('never caps name findings, only semantic and schema ones, and records why', () => {
    const findings = [finding('lexical', 'CRITICAL'), finding('semantic', 'HIGH'), finding('schema', 'MEDIUM')];
    applyCap(findings, { rule: 'distinct-actions', cap: 'LOW' });
    expect(findings.map((f) => f.severity)).toEqual(['CRITICAL', 'LOW', 'LOW']);
    expect(findings[1].evidence).toEqual({ cappedBy: { rule: 'distinct-actions', from: 'HIGH' } });
  });
});

describe('severity rules: the router told the pair apart', () => {
  it('caps similarity at MEDIUM when no probe strayed', () => {
    expect(routingCap([finding('semantic', 'HIGH'), finding('routing', 'INFO', 0)])).toEqual({ rule: 'router-separates', cap: 'MEDIUM' });
  });

  it('does not cap when probes did stray, or when routing did not run', () => {
    expect(routingCap([finding('semantic', 'HIGH'), finding('routing', 'HIGH', 0.4)])).toBeUndefined();
    expect(routingCap([finding('semantic', 'HIGH')])).toBeUndefined();
  });
});
