import { Template } from 'aws-cdk-lib/assertions';
import { createVirtlabApp } from '../../cdk/virtlab-app.ts';

/** Context that skips esbuild: unit tests look at the template, not the bundles (bundle.test.ts bundles for real). */
export const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

export function synthTemplate(context: Record<string, unknown> = {}) {
  const { app, stack } = createVirtlabApp({ context: { ...SKIP_BUNDLING, ...context } });
  return { app, stack, template: Template.fromStack(stack) };
}

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

/** The single logical id of a resource type matching `props`; fails loudly if there are none or several. */
export function onlyId(template: Template, type: string, props?: Record<string, unknown>): string {
  const ids = Object.keys(template.findResources(type, props ? { Properties: props } : undefined));
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return ids[0];
}

export const resourcesOf = (template: Template, type: string): Resources => template.findResources(type) as Resources;

export const getAtt = (id: string, attr = 'Arn') => ({ 'Fn::GetAtt': [id, attr] });
