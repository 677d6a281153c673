import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs (CloudWatch on AWS, stdout locally). Service name from POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'virtlab' });
