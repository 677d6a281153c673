import { handle } from 'hono/aws-lambda';
import { createApp } from '../http/app.ts';
import { awsDeps } from './aws-deps.ts';

/** API Gateway (HTTP API) → the Hono app. Content is loaded at cold start (top-level await). */
const app = createApp(await awsDeps());
export const handler = handle(app);
