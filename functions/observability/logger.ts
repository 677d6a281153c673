import { Logger } from '@aws-lambda-powertools/logger';
import type { LogItemExtraInput, LogItemMessage } from '@aws-lambda-powertools/logger/types';
import { correlationId } from './correlation.ts';

/** Adds `correlation_id` (from correlation.ts, per async context) to every line; the rest is Powertools' logger. */
export class CorrelatedLogger extends Logger {
  #with(extra: LogItemExtraInput): LogItemExtraInput {
    const id = correlationId();
    // The logger merges each extra item (an error, a string or attributes) into the line, whatever their mix.
    return id === undefined ? extra : ([...extra, { correlation_id: id }] as LogItemExtraInput);
  }
  override debug(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    super.debug(input, ...this.#with(extra));
  }
  override info(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    super.info(input, ...this.#with(extra));
  }
  override warn(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    super.warn(input, ...this.#with(extra));
  }
  override error(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    super.error(input, ...this.#with(extra));
  }
}

/** Structured JSON logs (CloudWatch on AWS, stdout locally). Service name from POWERTOOLS_SERVICE_NAME. */
export const logger = new CorrelatedLogger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'virtlab' });
