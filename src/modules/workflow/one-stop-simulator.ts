// A one-stop system, simulated (tests and the demo; issue #7 item 5): a small HTTP server
// that receives the status webhooks and checks their signatures (a delivery seen before is
// acknowledged and not counted twice), can be told to fail the next deliveries, and calls
// the inbound API with signed requests through the transport it is given (app.inject in
// tests, fetch against a running server otherwise).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../webhooks/index.js';
import { signExchangeCall } from './tax-exchange.js';

export interface ReceivedWebhook {
  delivery: string;
  event: string;
  verified: boolean;
  body: { id: string; event: string; sequence: number; occurredAt: string; data: Record<string, unknown> };
}

export type Transport = (request: { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body: string | undefined }) => Promise<{ status: number; body: string }>;

export interface OneStopSimulator {
  /** where the LIS pushes webhooks */
  readonly url: string;
  /** accepted deliveries, once each, in arrival order */
  readonly received: ReceivedWebhook[];
  /** every HTTP attempt, answered or not */
  readonly attempts: Array<{ delivery: string; status: number }>;
  /** the next n deliveries are answered 503 */
  failNext(n: number): void;
  /** answers every delivery 503 until called with false */
  failAlways(on: boolean): void;
  /** a signed call to the inbound API */
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

export async function startOneStopSimulator(options: { secret: string; transport: Transport; now(): Date; system?: string }): Promise<OneStopSimulator> {
  const received: ReceivedWebhook[] = [];
  const attempts: Array<{ delivery: string; status: number }> = [];
  const seen = new Set<string>();
  let failures = 0;
  let always = false;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : undefined);
      const delivery = header('x-lis-delivery') ?? '';
      const verified = verifyWebhook(options.secret, { timestamp: header('x-lis-timestamp'), signature: header('x-lis-signature') }, body, options.now());
      let status = 200;
      if (!verified) status = 401;
      else if (always || failures > 0) {
        failures = Math.max(0, failures - 1);
        status = 503;
      } else if (!seen.has(delivery)) {
        seen.add(delivery);
        received.push({ delivery, event: header('x-lis-event') ?? '', verified, body: JSON.parse(body) });
      }
      attempts.push({ delivery, status });
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status === 200 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/lis-webhooks`,
    received,
    attempts,
    failNext(n) {
      failures = n;
    },
    failAlways(on) {
      always = on;
    },
    async call(method, path, body) {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const timestamp = String(Math.floor(options.now().getTime() / 1000));
      const headers: Record<string, string> = {
        'x-lis-timestamp': timestamp,
        'x-lis-signature': signExchangeCall(options.secret, timestamp, method, path, text ?? ''),
        ...(text === undefined ? {} : { 'content-type': 'application/json' }),
      };
      const answer = await options.transport({ method, path, headers, body: text });
      return { status: answer.status, json: answer.body ? JSON.parse(answer.body) : null };
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
