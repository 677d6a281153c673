import { runInNewContext } from 'node:vm';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { RETRY_AFTER_FUNCTION } from '../../cdk/constructs/site-cdn.ts';
import { getAtt, onlyId, resourcesOf, synthTemplate } from './synth.ts';

/** CloudFront's managed policies (ids fixed by AWS). */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe('CloudFront in front of the HTTP API', () => {
  const { template } = synthTemplate();
  const distId = onlyId(template, 'AWS::CloudFront::Distribution');
  const config = resourcesOf(template, 'AWS::CloudFront::Distribution')[distId].Properties.DistributionConfig;
  const domainName = getAtt(distId, 'DomainName');

  it('passes pages and the API through uncached, with cookies and query, on HTTPS only', () => {
    expect(config.DefaultCacheBehavior).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']),
    });
  });

  it('caches /assets/* (hashed names, immutable) without cookies, GET and HEAD only', () => {
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: '/assets/*',
        CachePolicyId: CACHING_OPTIMIZED,
        AllowedMethods: ['GET', 'HEAD'],
        Compress: true,
      }),
    ]);
    expect(config.CacheBehaviors[0].OriginRequestPolicyId).toBeUndefined();
  });

  it('has the HTTP API as its one origin, over TLS 1.2 only', () => {
    expect(config.Origins).toHaveLength(1);
    expect(JSON.stringify(config.Origins[0].DomainName)).toContain('execute-api');
    expect(config.Origins[0].CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
  });

  it('does not cache 5xx answers', () => {
    expect(config.CustomErrorResponses.map((r: { ErrorCode: number }) => r.ErrorCode)).toEqual([500, 502, 503, 504]);
    for (const r of config.CustomErrorResponses) expect(r.ErrorCachingMinTTL).toBe(0);
  });

  it('adds Retry-After to a 429 on the way out (viewer response)', () => {
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-response', FunctionARN: expect.anything() },
    ]);
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
  });

  it('tells the app its public host, and Cognito calls back to it', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SITE_HOST: domainName }) },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', domainName, '/auth/callback']] }],
    });
  });
});

describe('the Retry-After function', () => {
  const run = (statusCode: number, headers: Record<string, { value: string }> = {}) =>
    runInNewContext(`${RETRY_AFTER_FUNCTION}; handler(event)`, { event: { response: { statusCode, headers } } }) as {
      headers: Record<string, { value: string }>;
    };

  it('gives a 429 without one a second', () => {
    expect(run(429).headers['retry-after']).toEqual({ value: '1' });
  });
  it("keeps the app's own value and leaves other answers alone", () => {
    expect(run(429, { 'retry-after': { value: '37' } }).headers['retry-after']).toEqual({ value: '37' });
    expect(run(200).headers['retry-after']).toBeUndefined();
  });
});

describe('on a custom domain (-c siteDomain -c certificateArn)', () => {
  const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
  it('serves that host with TLS 1.2 (2021 policy), and the app uses it', () => {
    const { template } = synthTemplate({ siteDomain: 'course.example.org', certificateArn: arn });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['course.example.org'],
        ViewerCertificate: Match.objectLike({ AcmCertificateArn: arn, MinimumProtocolVersion: 'TLSv1.2_2021' }),
      }),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SITE_HOST: 'course.example.org' }) },
    });
  });

  it('refuses one without the other', () => {
    expect(() => synthTemplate({ siteDomain: 'course.example.org' })).toThrow(/siteDomain and certificateArn/);
  });
});
