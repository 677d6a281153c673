import { Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  CachedMethods,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import type { WebApi } from './web-api.ts';

/** The path of the content-hashed browser assets (functions/http/pages/assets.ts serves them immutable). */
export const ASSETS_PATH = '/assets/*';

/**
 * A failing answer must not be replayed to other learners from the cache: no error caching for these (CloudFront
 * otherwise keeps an error for 10 s). A 429 is not among the codes CloudFront caches at all.
 */
export const UNCACHED_ERRORS = [500, 502, 503, 504] as const;

/**
 * Viewer-response function: an API Gateway throttle (429) comes without Retry-After; give it one second, the
 * browser's longest polling interval, so every client backs off the same way. An app 429 keeps its own value.
 */
export const RETRY_AFTER_FUNCTION = `function handler(event) {
  var response = event.response;
  if (response.statusCode === 429 && !response.headers['retry-after']) {
    response.headers['retry-after'] = { value: '1' };
  }
  return response;
}`;

export interface SiteCdnProps {
  readonly web: WebApi;
  /** A custom host name (e.g. course.example.org) with its ACM certificate in us-east-1; else the cloudfront.net name. */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
}

/**
 * CloudFront in front of the HTTP API. `/assets/*` (hashed, immutable names) is cached at the edge for as long as
 * the origin's Cache-Control says (a year) and without cookies, so a class loading the same page costs the origin
 * one request per file and edge location; everything else — pages, the API, sign-in — passes through uncached with
 * the viewer's cookies, query and headers (except Host: the API's own host name is sent to it). The app learns the
 * public host from SITE_HOST (`host`) for its callback URL and its form-origin check.
 */
export class SiteCdn extends Construct {
  readonly distribution: Distribution;
  /** The public host name, without scheme. */
  readonly host: string;

  constructor(scope: Construct, id: string, props: SiteCdnProps) {
    super(scope, id);
    const { httpApi } = props.web;
    const origin = new HttpOrigin(`${httpApi.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      readTimeout: Duration.seconds(30),
    });
    const retryAfter = new CloudFrontFunction(this, 'RetryAfter', {
      comment: 'Adds Retry-After: 1 to a 429 that has none',
      code: FunctionCode.fromInline(RETRY_AFTER_FUNCTION),
      runtime: FunctionRuntime.JS_2_0,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'virtlab site: cached /assets, everything else passed to the HTTP API',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
          }
        : {}),
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        functionAssociations: [{ function: retryAfter, eventType: FunctionEventType.VIEWER_RESPONSE }],
      },
      additionalBehaviors: {
        [ASSETS_PATH]: {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachedMethods: CachedMethods.CACHE_GET_HEAD,
          // Managed policy: honours the origin's max-age (up to a year), no cookies or query in the key, gzip/brotli.
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          compress: true,
        },
      },
      errorResponses: UNCACHED_ERRORS.map((httpStatus) => ({ httpStatus, ttl: Duration.seconds(0) })),
    });
    this.host = props.domain?.name ?? this.distribution.distributionDomainName;

    const acknowledge = (id: string, reason: string) => Validations.of(this.distribution).acknowledge({ id, reason });
    acknowledge(
      'AwsSolutions-CFR1',
      'A course open to learners anywhere: no country is to be refused, so there is no geo restriction.',
    );
    acknowledge(
      'AwsSolutions-CFR2',
      'No WAF web ACL (a monthly fee per ACL and per rule, more than the idle stack): requests are bounded by the HTTP API route throttles, the app rate limits and its body-size limits.',
    );
    acknowledge(
      'AwsSolutions-CFR3',
      'Every request that reaches the app is logged in the HTTP API access log; CloudFront standard logs would need an ACL-enabled bucket and would add only the cached asset hits.',
    );
    if (!props.domain)
      acknowledge(
        'AwsSolutions-CFR4',
        'The default *.cloudfront.net certificate cannot pin a minimum TLS version; deploy with -c siteDomain=… -c certificateArn=… for TLS 1.2 (2021 policy) on a custom domain.',
      );
  }

  /** The public base URL, without a trailing slash. */
  get url(): string {
    return Fn.join('', ['https://', this.host]);
  }
}
