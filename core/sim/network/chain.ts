import { matches, type Match, type Packet } from './packet.ts';

/**
 * Service function chaining (RFC 7665): the classifier maps each packet to a service function path (SFP), the
 * ordered list of service functions the forwarder then steers it through. First match wins.
 */
export interface ClassifierRule {
  name?: string;
  match: Match;
  path: string;
}

export interface Classification {
  /** The rule's name, or `rules[i]` when it has none. */
  rule: string;
  path: string;
}

export function classify(rules: readonly ClassifierRule[], packet: Packet): Classification | undefined {
  const i = rules.findIndex((r) => matches(packet, r.match));
  return i < 0 ? undefined : { rule: rules[i].name ?? `rules[${i}]`, path: rules[i].path };
}
