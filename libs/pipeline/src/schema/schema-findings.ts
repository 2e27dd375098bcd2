import type { Finding, Severity } from '../model';
import { type ParamFeature, typesCompatible } from './schema-features';
import type { SchemaContext, SchemaTool } from './schema-tool';
import {
  REQUIRED_OVERLAP_MEDIUM_INTENT,
  REQUIRED_OVERLAP_MIN,
  SCHEMA_RELATED_MIN,
  SCHEMA_SAME_INTENT,
  SCORE_WEIGHTS,
} from './thresholds';

type Side = { name: string; types?: string[]; enum?: string[]; required?: boolean };
interface Clash {
  concept: string;
  a: Side;
  b: Side;
}

/**
 * Stage 2 (schema) on one pair: parameters that mean the same thing but disagree. Judged in the context of
 * intent similarity: unrelated tools sharing `id`/`limit`/`query` are not a conflict, and schema findings
 * alone never exceed MEDIUM (a schema difference misleads an agent only once it has picked the wrong tool).
 * Findings are aggregated per type: one `param-type-clash` lists every clashing concept.
 */
export function schemaFindings(a: SchemaTool, b: SchemaTool, context: SchemaContext): Finding[] {
  const intent = clamp01(context.intentSimilarity);
  if (intent < SCHEMA_RELATED_MIN) return [];
  const sameIntent = intent >= SCHEMA_SAME_INTENT;
  const pairs = matchByConcept(a.schema.params, b.schema.params, sameIntent);

  const typeClashes: Clash[] = [];
  const enumClashes: (Clash & { onlyA: string[]; onlyB: string[] })[] = [];
  const nameMismatches: Clash[] = [];
  for (const [pa, pb] of pairs) {
    if (!typesCompatible(pa.types, pb.types)) {
      typeClashes.push({ concept: pa.concept, a: { name: pa.name, types: pa.types }, b: { name: pb.name, types: pb.types } });
    } else if (pa.enum && pb.enum) {
      const setB = new Set(pb.enum);
      const setA = new Set(pa.enum);
      const onlyA = pa.enum.filter((v) => !setB.has(v));
      const onlyB = pb.enum.filter((v) => !setA.has(v));
      if (onlyA.length + onlyB.length > 0) {
        enumClashes.push({ concept: pa.concept, a: { name: pa.name, enum: pa.enum }, b: { name: pb.name, enum: pb.enum }, onlyA, onlyB });
      }
    }
    if (sameIntent && pa.name !== pb.name) {
      nameMismatches.push({ concept: pa.concept, a: { name: pa.name, required: pa.required }, b: { name: pb.name, required: pb.required } });
    }
  }

  const out: Finding[] = [];
  const level: Severity = sameIntent ? 'MEDIUM' : 'LOW';
  if (typeClashes.length > 0) out.push(finding('param-type-clash', level, intent * SCORE_WEIGHTS.typeClash, { intentSimilarity: intent, clashes: typeClashes }));
  if (enumClashes.length > 0) {
    // Disjoint value sets (or case-only differences like `open`/`OPEN`) break every call routed to the other tool.
    const hard = enumClashes.some((c) => isDisjointOrCaseOnly(c.a.enum ?? [], c.b.enum ?? []));
    out.push(finding('param-enum-clash', sameIntent && hard ? 'MEDIUM' : 'LOW', intent * SCORE_WEIGHTS.enumClash, { intentSimilarity: intent, clashes: enumClashes }));
  }
  if (nameMismatches.length > 0) {
    out.push(finding('param-name-mismatch', 'LOW', intent * SCORE_WEIGHTS.nameMismatch, { intentSimilarity: intent, mismatches: nameMismatches }));
  }
  const overlap = requiredOverlap(a.schema.requiredConcepts, b.schema.requiredConcepts);
  if (sameIntent && overlap && overlap.jaccard >= REQUIRED_OVERLAP_MIN) {
    const identical = overlap.jaccard === 1;
    const severity: Severity = identical && intent >= REQUIRED_OVERLAP_MEDIUM_INTENT ? 'MEDIUM' : 'LOW';
    out.push(finding('required-overlap', severity, intent * overlap.jaccard * SCORE_WEIGHTS.requiredOverlap, { intentSimilarity: intent, ...overlap }));
  }
  return out;
}

/** Top-level parameters of both tools that share a concept. Generic concepts only count for same-intent tools. */
function matchByConcept(a: ParamFeature[], b: ParamFeature[], includeGeneric: boolean): [ParamFeature, ParamFeature][] {
  const byConcept = new Map<string, ParamFeature>();
  for (const p of b) if (p.depth === 0 && !byConcept.has(p.concept)) byConcept.set(p.concept, p);
  const out: [ParamFeature, ParamFeature][] = [];
  const seen = new Set<string>();
  for (const p of a) {
    if (p.depth !== 0 || seen.has(p.concept) || (p.generic && !includeGeneric)) continue;
    const other = byConcept.get(p.concept);
    if (other) out.push([p, other]);
    seen.add(p.concept);
  }
  return out;
}

/** Overlap of required concepts; undefined when either side requires only generic plumbing or nothing. */
function requiredOverlap(a: string[], b: string[]) {
  if (a.length === 0 || b.length === 0) return undefined;
  const setB = new Set(b);
  const shared = a.filter((c) => setB.has(c));
  if (shared.length === 0) return undefined;
  return { shared, onlyA: a.filter((c) => !setB.has(c)), onlyB: b.filter((c) => !a.includes(c)), jaccard: round(shared.length / (a.length + b.length - shared.length)) };
}

function isDisjointOrCaseOnly(a: string[], b: string[]): boolean {
  const setB = new Set(b);
  if (!a.some((v) => setB.has(v))) return true;
  const lower = (xs: string[]) => [...new Set(xs.map((x) => x.toLowerCase()))].sort().join('\u0000');
  return lower(a) === lower(b);
}

function finding(type: string, severity: Severity, score: number, evidence: Record<string, unknown>): Finding {
  return { stage: 'schema', type, severity, score: round(clamp01(score)), evidence };
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
