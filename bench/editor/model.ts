import http from 'node:http';
import { hashString } from '../inline/rng';

/**
 * The loopback model of the editor benchmark: TGI (`/info`, `/v1/completions` with a FIM
 * prompt) and OpenAI (`/v1/chat/completions`) on one port, with a fixed latency (first
 * token after `firstTokenMs`, then one 4-character token every `perTokenMs`). It knows
 * the file being typed: it answers with the true continuation, or, in the 70% mode, with
 * a wrong line at a deterministic 30% of positions.
 */
export interface ModelRequest {
  arrivedAt: number;
  /** When the answer's first line (with code) had been written; undefined when it never was. */
  firstLineAt?: number;
  closedAt?: number;
  ended: boolean;
  answer: string;
}

export interface BenchModel {
  url: string;
  requests: ModelRequest[];
  /** The file as it will be once typed, and how much of it is typed now. */
  setFile(text: string, typed: () => number): void;
  setMode(mode: 'correct' | 'seventy', seed: number): void;
  close(): Promise<void>;
}

const LINES_AHEAD = 3;

/** The rest of the cursor's line and the next few lines (at a line end: the next lines). */
function continuation(full: string, at: number): string {
  let end = at;
  for (let n = 0; n <= LINES_AHEAD && end < full.length; n++) {
    const nl = full.indexOf('\n', end);
    end = nl < 0 ? full.length : nl + 1;
  }
  return full.slice(at, end);
}

/** The position in `full` whose text before it ends with `prefix`, nearest to `near`. */
function locate(full: string, prefix: string, near: number): number | undefined {
  const tail = prefix.slice(-160);
  if (tail === '') return 0;
  let best: number | undefined;
  for (let i = full.indexOf(tail); i >= 0; i = full.indexOf(tail, i + 1)) {
    const at = i + tail.length;
    if (best === undefined || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best;
}

export function prefixOf(path: string, body: Record<string, unknown>): string | undefined {
  if (path.startsWith('/v1/chat/completions')) {
    const msgs = Array.isArray(body.messages) ? body.messages : [];
    const last: unknown = msgs[msgs.length - 1];
    const content = typeof last === 'object' && last !== null && 'content' in last && typeof last.content === 'string' ? last.content : '';
    const i = content.lastIndexOf('<CURSOR>');
    if (i < 0) return undefined;
    // The extension's chat prompt puts related code and a `File: <path> (<language>)` line
    // before the file's text; only what follows that line is in the file being typed.
    const before = content.slice(0, i);
    let start = 0;
    for (const m of before.matchAll(/(?:^|\n)File: [^\n]*\n/g)) start = m.index + m[0].length;
    return before.slice(start);
  }
  const prompt = typeof body.prompt === 'string' ? body.prompt : '';
  const a = prompt.lastIndexOf('<fim_prefix>');
  const b = prompt.lastIndexOf('<fim_suffix>');
  if (a < 0 || b < a) return undefined;
  const pre = prompt.slice(a + '<fim_prefix>'.length, b);
  // StarCoder2's repository-level prompt (sent once context files are found) names the
  // current file on the first line after `<file_sep><fim_prefix>`: that line is not in the file.
  if (prompt.slice(0, a).endsWith('<file_sep>')) {
    const nl = pre.indexOf('\n');
    return nl < 0 ? '' : pre.slice(nl + 1);
  }
  return pre;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startBenchModel(opts: { firstTokenMs: number; perTokenMs: number }): Promise<BenchModel> {
  const requests: ModelRequest[] = [];
  let full = '';
  let typed = () => 0;
  let mode: 'correct' | 'seventy' = 'correct';
  let seed = 1;

  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      if (req.method === 'GET' && path === '/info') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ model_id: 'bigcode/starcoder2-15b', max_input_tokens: 8000, max_total_tokens: 8192, max_stop_sequences: 4, version: '3.3.4', router: 'text-generation-router' }));
        return;
      }
      if (req.method !== 'POST') {
        res.writeHead(404);
        res.end();
        return;
      }
      let body: Record<string, unknown> = {};
      try {
        const parsed: unknown = JSON.parse(Buffer.concat(parts).toString('utf8'));
        if (typeof parsed === 'object' && parsed !== null) body = Object.fromEntries(Object.entries(parsed));
      } catch {
        /* an empty answer below */
      }
      const chat = path.startsWith('/v1/chat/completions');
      const prefix = prefixOf(path, body);
      const at = prefix === undefined ? undefined : locate(full, prefix, typed());
      let answer = at === undefined ? '' : continuation(full, at);
      if (at !== undefined && mode === 'seventy' && hashString(`${seed}:${at}`) % 100 < 30) answer = 'wrong_guess(0)\n';
      const rec: ModelRequest = { arrivedAt: Date.now(), ended: false, answer };
      requests.push(rec);
      res.on('close', () => {
        rec.closedAt ??= Date.now();
      });
      void (async () => {
        await sleep(opts.firstTokenMs);
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const model = chat ? 'gpt-4.1-nano' : 'bigcode/starcoder2-15b';
        let sent = '';
        for (let i = 0; i < answer.length; i += 4) {
          if (res.destroyed) return;
          const t = answer.slice(i, i + 4);
          const choice = chat ? { index: 0, delta: { content: t }, finish_reason: null } : { index: 0, text: t, finish_reason: null };
          res.write(`data: ${JSON.stringify({ id: 'b', object: chat ? 'chat.completion.chunk' : 'text_completion', created: 0, model, choices: [choice] })}\n\n`);
          sent += t;
          if (rec.firstLineAt === undefined && /\S[^\n]*\n/.test(sent)) rec.firstLineAt = Date.now();
          await sleep(opts.perTokenMs);
        }
        if (res.destroyed) return;
        const last = chat ? { index: 0, delta: {}, finish_reason: 'stop' } : { index: 0, text: '', finish_reason: 'stop' };
        res.write(`data: ${JSON.stringify({ id: 'b', object: chat ? 'chat.completion.chunk' : 'text_completion', created: 0, model, choices: [last] })}\n\n`);
        res.write('data: [DONE]\n\n');
        rec.firstLineAt ??= Date.now();
        rec.ended = true;
        res.end();
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFile(text, now) {
      full = text;
      typed = now;
    },
    setMode(m, s) {
      mode = m;
      seed = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
