/**
 * OpenAI inline completions come from a chat model asked for "exactly the text to insert
 * at the cursor". Chat models still wrap code in fences and often repeat the code before
 * the cursor; this turns such an answer into the bare insertion.
 */
export interface ChatAnswerContext {
  /** Code before the cursor (the window). */
  prefix: string;
  /** Cursor markers the prompt used, which a model may copy into its answer. */
  markers?: readonly string[];
}

const FENCE = /^[ \t]*(```+|~~~+)[^\n]*\n/m;

export function parseChatAnswer(answer: string, ctx: ChatAnswerContext): string {
  let text = answer.replace(/\r\n/g, '\n');
  text = unfence(text);
  for (const m of ctx.markers ?? []) if (m) text = text.split(m).join('');
  return stripEchoedPrefix(text, ctx.prefix);
}

/** The inside of the first fenced block; a prose line before it goes with the fence. */
function unfence(text: string): string {
  const open = FENCE.exec(text);
  if (!open) return text;
  const fence = open[1];
  const bodyStart = open.index + open[0].length;
  const close = text.indexOf(`\n${fence}`, bodyStart - 1);
  if (close < 0) return text.slice(bodyStart);
  // A code block of a single line closes right after it.
  return text.slice(bodyStart, close >= bodyStart ? close : bodyStart);
}

/**
 * A model that echoes the cursor line (`const total = ` + `items.reduce(...)`) or the
 * last few lines before it: drop the longest echoed tail of the prefix.
 */
function stripEchoedPrefix(text: string, prefix: string): string {
  const lines = prefix.split('\n');
  for (let n = Math.min(5, lines.length); n >= 1; n--) {
    const echo = lines.slice(lines.length - n).join('\n');
    if (echo.trim().length < 3) continue;
    if (text.startsWith(echo)) return text.slice(echo.length);
    // Indentation is often lost in the echo.
    const loose = echo.trimStart();
    const body = text.trimStart();
    if (n === 1 && loose.length >= 3 && body.startsWith(loose)) return body.slice(loose.length);
  }
  return text;
}
