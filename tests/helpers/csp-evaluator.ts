/*
 * The checks of Google's CSP Evaluator (csp-evaluator.withgoogle.com) that it
 * rates HIGH, written out for the directives this portal uses: a policy with
 * none of these findings passes it without a HIGH finding.
 */

export type Finding = { directive: string; problem: string };

function directivesOf(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources.map((source) => source.toLowerCase()));
  }
  return directives;
}

const HASH_OR_NONCE = /^'(?:nonce-[A-Za-z0-9+/_-]+={0,2}|sha(?:256|384|512)-[A-Za-z0-9+/_-]+={0,2})'$/i;

/** Every HIGH finding of CSP Evaluator's rules for this policy (an empty list passes). */
export function highFindings(policy: string): Finding[] {
  const directives = directivesOf(policy);
  const findings: Finding[] = [];
  const scriptDirective = directives.has('script-src') ? 'script-src' : 'default-src';
  const scripts = directives.get(scriptDirective);
  if (!scripts) {
    findings.push({ directive: 'script-src', problem: 'missing: any script may run' });
  } else {
    const hashedOrNonced = scripts.some((source) => HASH_OR_NONCE.test(source));
    const strictDynamic = scripts.includes("'strict-dynamic'");
    // Browsers that know hashes, nonces or 'strict-dynamic' ignore 'unsafe-inline' next to them.
    if (scripts.includes("'unsafe-inline'") && !hashedOrNonced && !strictDynamic) {
      findings.push({ directive: scriptDirective, problem: "'unsafe-inline' without a nonce or hash runs any inline script" });
    }
    if (scripts.includes("'unsafe-eval'")) findings.push({ directive: scriptDirective, problem: "'unsafe-eval' runs code made from strings" });
    for (const source of scripts) {
      if (source === '*' || /^(?:https?:|data:|blob:|\*\.)/.test(source) || source === 'http:' || source === 'https:') {
        findings.push({ directive: scriptDirective, problem: `${source} lets scripts come from anywhere of that kind` });
      }
    }
  }
  const objects = directives.get('object-src') ?? (directives.has('default-src') ? directives.get('default-src') : undefined);
  if (!objects || objects.length !== 1 || objects[0] !== "'none'") {
    findings.push({ directive: 'object-src', problem: "not 'none': plugins can run scripts" });
  }
  const base = directives.get('base-uri');
  if (!base || !(base.length === 1 && (base[0] === "'none'" || base[0] === "'self'"))) {
    findings.push({ directive: 'base-uri', problem: "missing or open: a <base> element can redirect relative script addresses" });
  }
  return findings;
}
