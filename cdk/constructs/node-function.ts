import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  ApplicationLogLevel,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
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
 * Bundles one function into `outputDir` with the local esbuild: `index.mjs` holds what a cold start runs, and every
 * module reached only through a dynamic `import()` goes into its own file under `chunks/`, read when a request first
 * needs it (ESM code splitting, which NodejsFunction's single `--outfile` cannot do). Then the course content, its
 * checked snapshot (`course.json`) and, for the HTTP app, the browser assets are written beside it.
 */
export function bundleFunction(entry: string, outputDir: string, withAssets = false): void {
  buildSync({
    entryPoints: { index: projectPath(entry) },
    outdir: outputDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    mainFields: ['module', 'main'],
    // CommonJS dependencies still call require(); give each ES module file one.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    // The AWS SDK for JavaScript v3 is bundled (minified) like every other dependency, although every Node.js
    // Lambda runtime ships one: loading the runtime's copy means resolving and reading hundreds of CommonJS files
    // (each scanned for ES module interop), ~100 ms of every cold start, while the few clients the functions use
    // minify into one file that parses in a fraction of that. It also pins the SDK version to package-lock.json.
    // Not bundled: esbuild, which only the local in-memory asset build imports; on AWS the assets are prebuilt into
    // ASSETS_DIR, so that path never runs.
    external: ['esbuild'],
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  });
  cpSync(projectPath('content'), join(outputDir, 'content'), { recursive: true, dereference: true });
  const tsx = (script: string, ...args: string[]) =>
    execFileSync('npx', ['--no-install', 'tsx', projectPath(script), ...args], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  tsx('functions/lambda/write-course-snapshot.ts', projectPath('content'), join(outputDir, SNAPSHOT_FILE));
  if (withAssets) tsx('functions/web/build.ts', join(outputDir, 'assets'));
}

/**
 * A Lambda function bundled from TypeScript by the local esbuild (no Docker; see bundleFunction), with the shared
 * defaults: arm64, ESM, JSON logs into its own log group with a retention, the course content copied into the
 * package, and a role that may only write its own logs — callers grant table and queue access explicitly.
 */
export class NodeFunction extends Construct {
  readonly fn: LambdaFunction;
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

    this.fn = new LambdaFunction(this, 'Function', {
      // Hashed by the output, as NodejsFunction does: fingerprinting the project folder would read node_modules.
      code: Code.fromAsset(PROJECT_ROOT, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Image and command are never used (the local bundling below succeeds or throws), but the command names
          // the entry: it is part of the asset cache's key, which cannot see the bundling function, and without it
          // every function of the app would get the first one's bundle.
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
          command: ['bundleFunction', props.entry, ...(props.withAssets ? ['withAssets'] : [])],
          local: {
            tryBundle: (outputDir) => {
              bundleFunction(props.entry, outputDir, props.withAssets);
              return true;
            },
          },
        },
      }),
      handler: 'index.handler',
      description: props.description,
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
    });
  }
}
