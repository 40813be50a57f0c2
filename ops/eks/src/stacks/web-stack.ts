import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { apiHost } from '../deployment.ts';

export interface WebStackProps extends StackProps {
  /** The product's domain: the web app at https://<publicHost>, the API at https://<publicHost>/v1. */
  publicHost: string;
  /** The web app's bucket (`SiteStack`, in the home region). */
  site: { bucketName: string; region: string };
  /** Requests per five minutes from one client address above which the WAF blocks it. */
  rateLimitPer5Minutes?: number;
}

/** Paths CloudFront forwards to the platform API (its ingress at api.<host>) instead of the web bucket. */
export const apiPathPatterns = ['/v1/*', '/.well-known/*'] as const;

/**
 * The product's front door, in us-east-1 because CloudFront takes its certificate and web ACL only from
 * there, and nothing else: no data. The web app comes from its private S3 bucket in the home region
 * (`SiteStack`) through Origin Access Control, the API behind the same
 * domain (no caching, every method, the client's headers and query), an ACM certificate validated by DNS
 * (the stack waits until the record shown in the console exists) and a WAF web ACL with AWS's managed
 * rule groups and a per-address rate rule. Files are uploaded by the delivery pipeline with `aws s3
 * sync`: CDK's BucketDeployment would run on Lambda.
 */
export class WebStack extends Stack {
  readonly bucket: s3.IBucket;
  readonly distribution: cloudfront.Distribution;
  readonly certificate: acm.Certificate;
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    // By name and region: a cross-region stack reference would need a Lambda-backed custom resource.
    this.bucket = s3.Bucket.fromBucketAttributes(this, 'Site', {
      bucketName: props.site.bucketName,
      region: props.site.region,
    });
    this.certificate = new acm.Certificate(this, 'Certificate', {
      domainName: props.publicHost,
      validation: acm.CertificateValidation.fromDns(),
    });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('pocdojo-web'),
      rules: [
        managedRuleGroup('AWSManagedRulesAmazonIpReputationList', 0),
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 1),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          name: 'rate-per-address',
          priority: 3,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: props.rateLimitPer5Minutes ?? 3000, aggregateKeyType: 'IP' },
          },
          visibilityConfig: visibility('rate-per-address'),
        },
      ],
    });
    const api = new origins.HttpOrigin(apiHost(props.publicHost), {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    });
    const apiBehavior: cloudfront.BehaviorOptions = {
      origin: api,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    // The bucket's policy (SiteStack) admits this account's distributions; none is added from here.
    const site = origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessLevels: [cloudfront.AccessLevel.READ],
    });
    // Vite's hashed file names change with their content: a year, immutable, whatever the upload set.
    const immutableAssets = new cloudfront.ResponseHeadersPolicy(this, 'ImmutableAssets', {
      comment: 'PocDojo hashed assets: security headers and a year of immutable caching',
      securityHeadersBehavior: {
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Cache-Control', value: 'public, max-age=31536000, immutable', override: true }],
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'PocDojo web app and API',
      domainNames: [props.publicHost],
      certificate: this.certificate,
      webAclId: this.webAcl.attrArn,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      // CloudFront compresses (brotli or gzip, as the viewer accepts) and CachingOptimized keys on the encoding.
      defaultBehavior: {
        origin: site,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
      },
      additionalBehaviors: {
        ...Object.fromEntries(apiPathPatterns.map((path) => [path, apiBehavior])),
        '/assets/*': {
          origin: site,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: immutableAssets,
          compress: true,
        },
      },
      // The web app routes on the client: unknown paths serve the shell. (API errors pass through: these
      // replace only the bucket's 403/404, since CloudFront applies them to the origin that answered.)
      errorResponses: [
        { httpStatus: 403, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) },
        { httpStatus: 404, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) },
      ],
    });
  }
}

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

function managedRuleGroup(name: string, priority: number): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
    visibilityConfig: visibility(name),
  };
}
