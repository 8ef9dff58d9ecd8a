import assert from 'node:assert/strict';
import type { Emulator } from '../../servers/common';
import { startOpenAIEmulator } from '../../servers/openai';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { InlineCompleter } from '../../../src/core/inline/completer';
import { Engine } from '../../../src/core/engine/engine';
import { engineTarget } from './engineTarget';

/**
 * Typing (not an explicit trigger) on the OpenAI chat-prompted path, through the real
 * completer, engine and provider: a chat model that answers with the bare continuation, streamed
 * in small pieces, must give ghost text, on a fresh line and at the end of a statement.
 */
const timeouts = { firstByteChatMs: 2000, firstByteInlineMs: 2000, gapMs: 2000 };
const FILE = '# editor benchmark: chat, correct\nimport os\n\n\ndef main(argv):\n    ';

function pieces(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 4) out.push(text.slice(i, i + 4));
  return out;
}

describe('OpenAI inline completion while typing', () => {
  let emu: Emulator;
  afterEach(() => emu?.close());

  for (const [what, prefix, reply, shown] of [
    ['on a fresh indented line', FILE, 'return 0\n\n\nif __name__ == "__main__":\n', 'return 0'],
    ['after "def main("', '# editor benchmark: chat, correct\nimport os\n\n\ndef main(', 'argv):\n    return 0\n', 'argv):'],
  ] as const) {
    it(`shows the continuation the model streams, ${what}`, async () => {
      emu = await startOpenAIEmulator();
      emu.setReply({ pieces: pieces(reply) });
      const config = { ...DEFAULT_CONFIG, openai: { ...DEFAULT_CONFIG.openai, baseUrl: `${emu.url}/v1`, completionModel: 'gpt-4.1-nano' } };
      const engine = new Engine({ config: () => config, getKey: async () => 'sk-test-fake', onUsage: () => undefined, timeouts });
      const backend = engineTarget(engine, config);
      const completer = new InlineCompleter({ debounceMs: () => 0, maxTokens: () => 64 });
      const lines = prefix.split('\n');
      const outcome = await completer.complete(
        { documentId: 'file:///w/chat-correct.py', doc: { lineCount: lines.length, lineText: (l) => lines[l] }, position: { line: lines.length - 1, character: lines[lines.length - 1].length }, languageId: 'python', filePath: 'w/chat-correct.py', explicit: false },
        backend,
      );
      assert.equal(emu.requests.length, 1);
      assert.equal(outcome.kind, 'completion', JSON.stringify(outcome));
      assert.equal(outcome.kind === 'completion' ? outcome.text.split('\n')[0] : '', shown);
    });
  }
});
