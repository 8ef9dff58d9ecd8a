import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A loopback TGI `/v1/completions` stream with a fixed model latency: the first token
 * after `latencyMs`, the rest in small chunks 2 ms apart, TGI's framing (`data:` without
 * a space, `finish_reason: ""` until the last chunk, usage on the last chunk).
 */
export interface Arrival {
  at: number;
  prompt: string;
  closedEarly: boolean;
}

export interface BenchServer {
  url: string;
  arrivals: Arrival[];
  setModel(model: (prompt: string) => string): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const arrivals: Arrival[] = [];
  let model: (prompt: string) => string = () => 'x';
  let latency = 0;
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const at = performance.now();
      let prompt = '';
      try {
        const body: unknown = JSON.parse(Buffer.concat(parts).toString('utf8'));
        if (body && typeof body === 'object' && 'prompt' in body && typeof body.prompt === 'string') prompt = body.prompt;
      } catch {
        res.writeHead(400).end();
        return;
      }
      const arrival: Arrival = { at, prompt, closedEarly: false };
      arrivals.push(arrival);
      res.on('close', () => {
        if (!res.writableEnded) arrival.closedEarly = true;
      });
      const text = model(prompt);
      const chunks = text.match(/[\s\S]{1,6}/g) ?? [];
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let i = 0;
      const send = () => {
        if (res.destroyed) return;
        if (i < chunks.length) {
          res.write(`data:${JSON.stringify({ id: '', object: 'text_completion', choices: [{ index: 0, text: chunks[i], finish_reason: '' }] })}\n\n`);
          i++;
          setTimeout(send, 2);
          return;
        }
        res.write(`data:${JSON.stringify({ id: '', object: 'text_completion', choices: [{ index: 0, text: '', finish_reason: 'eos_token' }], usage: { prompt_tokens: Math.ceil(prompt.length / 4), completion_tokens: chunks.length } })}\n\n`);
        res.end('data: [DONE]\n\n');
      };
      setTimeout(send, latency);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    setModel: (m) => (model = m),
    setLatency: (ms) => (latency = ms),
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
