import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, ApplicationLogLevel, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SNAPSHOT_FILE } from '../../functions/lambda/course-snapshot.ts';
import { PROJECT_ROOT, projectPath } from '../paths.ts';

/** One runtime for every function; the newest Node.js line Lambda offers (cdk-nag AwsSolutions-L1). */
export const NODE_RUNTIME = Runtime.NODEJS_24_X;

/** Where the bundling hooks put the course content and the browser assets inside the function package. */
export const BUNDLE_CONTENT_DIR = '/var/task/content';
export const BUNDLE_ASSETS_DIR = '/var/task/assets';

export interface NodeFunctionProps {
  /** Handler module, relative to the repository root (it exports `handler`). */
  readonly entry: string;
  readonly description: string;
  /** Value of POWERTOOLS_SERVICE_NAME: names the function in every structured log line. */
  readonly serviceName: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly environment: Record<string, string>;
  /** Build the browser assets into the package (only the HTTP app serves them). */
  readonly withAssets?: boolean;
  readonly logRetention?: RetentionDays;
}

/**
 * A Lambda function bundled from TypeScript by the local esbuild (no Docker), with the shared defaults: arm64, ESM,
 * JSON logs into its own log group with a retention, the course content copied into the package, and a role that may
 * only write its own logs — callers grant table and queue access explicitly.
 */
export class NodeFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any log group.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.description}`,
    });
    this.logGroup.grantWrite(role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: projectPath(props.entry),
      handler: 'handler',
      description: props.description,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: projectPath('package-lock.json'),
      runtime: NODE_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        ...props.environment,
        APP_MODE: 'aws',
        CONTENT_DIR: BUNDLE_CONTENT_DIR,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        ...(props.withAssets ? { ASSETS_DIR: BUNDLE_ASSETS_DIR } : {}),
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        // CommonJS dependencies still call require(); give the ES module one.
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        // The AWS SDK for JavaScript v3 is bundled (minified) like every other dependency, although every Node.js
        // Lambda runtime ships one: loading the runtime's copy means resolving and reading hundreds of CommonJS files
        // (each scanned for ES module interop), ~100 ms of every cold start, while the few clients the functions use
        // minify into one file that parses in a fraction of that. It also pins the SDK version to package-lock.json.
        // Not bundled: esbuild, which only the local in-memory asset build imports; on AWS the assets are prebuilt into
        // ASSETS_DIR, so that path never runs.
        externalModules: ['esbuild'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [
            `cp -RL "${inputDir}/content" "${outputDir}/content"`,
            `npx --no-install tsx "${inputDir}/functions/lambda/write-course-snapshot.ts" "${inputDir}/content" "${outputDir}/${SNAPSHOT_FILE}"`,
            ...(props.withAssets
              ? [`npx --no-install tsx "${inputDir}/functions/web/build.ts" "${outputDir}/assets"`]
              : []),
          ],
        },
      },
    });
  }
}
