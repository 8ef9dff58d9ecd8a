import type { ChatMessage } from '../llm/types';
import type { BuiltPrompt, CodeSelection, PromptBudget } from './explainPrompt';
import { contextBlocks, fence } from './explainPrompt';
import { estimateTokens } from '../llm/estimate';

/** The instructions offered in the refactor input box; free text is always allowed too. */
export const REFACTOR_PRESETS = [
  { id: 'simplify', label: 'Simplify', instruction: 'Simplify this code: remove duplication and needless complexity, keep the behaviour identical.' },
  { id: 'addTypes', label: 'Add types', instruction: 'Add precise type annotations (parameters, return types, variables where it helps) without changing behaviour.' },
  { id: 'extractFunction', label: 'Extract function', instruction: 'Extract the core logic into a well-named helper function defined within the replacement and call it; keep the behaviour identical.' },
  { id: 'errorHandling', label: 'Add error handling', instruction: 'Add appropriate error handling (invalid input, failed I/O, exceptions) with clear messages, keeping the happy path unchanged.' },
  { id: 'modernize', label: 'Modernize', instruction: 'Rewrite this code using modern idioms and language features of its language, keeping the behaviour identical.' },
  { id: 'docComments', label: 'Add doc comments', instruction: "Add documentation comments in the language's standard style (JSDoc, docstrings, ...) for the functions, classes and non-obvious parts. Do not change the code itself." },
] as const;

export type RefactorPresetId = (typeof REFACTOR_PRESETS)[number]['id'];

/** A preset id or label ("simplify", "Add types") becomes its full instruction; anything else is free text. */
export function resolveInstruction(input: string): string {
  const t = input.trim();
  const preset = REFACTOR_PRESETS.find((p) => p.id.toLowerCase() === t.toLowerCase() || p.label.toLowerCase() === t.toLowerCase());
  return preset ? preset.instruction : t;
}

const REFACTOR_SYSTEM = [
  'You are a careful senior engineer refactoring code inside an editor.',
  'Apply the instruction to the selected code only.',
  'Reply with ONLY the complete replacement for the selected code, in exactly one fenced code block, with no explanation before or after.',
  'The replacement must be complete (never elide parts with "..." or comments like "rest unchanged"), keep the same language, and be ready to paste in place of the selection.',
  'Keep the original indentation style.',
].join(' ');

export interface RefactorSelection extends CodeSelection {
  /** The selection is the whole document: the answer is the whole file. */
  wholeFile: boolean;
}

/**
 * The chat messages asking for a refactor. The selection is never truncated:
 * a replacement computed from part of it would delete the rest, so an
 * oversized selection is refused (`undefined` with the reason in notes).
 */
export function buildRefactorPrompt(sel: RefactorSelection, instruction: string, budget: PromptBudget): BuiltPrompt | { refused: string } {
  const fullInstruction = resolveInstruction(instruction);
  const fixed = estimateTokens(REFACTOR_SYSTEM) + estimateTokens(fullInstruction) + 80;
  const codeTokens = estimateTokens(sel.code);
  // The answer is about as long as the code and shares the window with it in many servers.
  if (fixed + codeTokens > budget.maxInputTokens) {
    return { refused: `The selection (about ${codeTokens} tokens) is too large for the model's budget of ${budget.maxInputTokens} tokens; select a smaller part.` };
  }
  const notes: string[] = [];
  const parts: string[] = [`File: ${sel.fileName} (language: ${sel.languageId})`];
  if (!sel.wholeFile) parts.push(...contextBlocks(sel, sel.code, budget.maxInputTokens - fixed - codeTokens, notes));
  parts.push(`Instruction: ${fullInstruction}`);
  parts.push(`${sel.wholeFile ? 'The selection is the whole file' : 'Selected code'}:\n${fence(sel.code, sel.languageId)}`);
  parts.push(`Answer with the replacement${sel.wholeFile ? ' (the whole file)' : ''} in one \`\`\`${sel.languageId} fenced block and nothing else.`);
  const messages: ChatMessage[] = [
    { role: 'system', content: REFACTOR_SYSTEM },
    { role: 'user', content: parts.join('\n\n') },
  ];
  return { messages, notes };
}
