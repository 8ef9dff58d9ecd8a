/**
 * The one local token estimate: characters divided by CHARS_PER_TOKEN. It sizes prompts
 * against an endpoint's limits when the server cannot count for us (OpenAI, vLLM,
 * llama.cpp, Ollama; TGI counts exactly through /tokenize, see tokenCounter.ts) and stands
 * in for usage when a server reported none (the record is then flagged `estimated`).
 *
 * Why 3: measured with OpenAI's o200k tokenizer, TypeScript runs at about 3.9 characters
 * per token, deeply indented Python at 2.9, English prose at 5. Code tokenizers of the
 * private models are in the same range. Dividing by 3 overestimates most code, so a prompt
 * that fits the estimate fits the model; an estimated usage record errs towards more.
 */
export const CHARS_PER_TOKEN = 3;

export function estimateTokens(text: string): number {
  return text ? Math.max(1, Math.ceil(text.length / CHARS_PER_TOKEN)) : 0;
}
