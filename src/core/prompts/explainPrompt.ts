import type { ChatMessage } from '../llm/types';
import { extractImports, windowAround } from './context';
import { estimateTokens } from '../llm/estimate';

export interface CodeSelection {
  /** The selected code (or the enclosing block / line picked for an empty selection). */
  code: string;
  /** VS Code language id (`typescript`, `python`, ...). */
  languageId: string;
  /** Workspace-relative path, for the model's orientation only. */
  fileName: string;
  /** The whole document text, for imports. Omit to send no imports. */
  fileText?: string;
  /** The declaration enclosing the selection (function, class), when it is larger than the selection. */
  enclosing?: { name: string; text: string };
}

export interface PromptBudget {
  /** Tokens the whole prompt may use (the model's input window minus the answer's share). */
  maxInputTokens: number;
}

export interface BuiltPrompt {
  messages: ChatMessage[];
  /** What was cut to fit the budget, for the log and the panel ("selection truncated"). */
  notes: string[];
}

const EXPLAIN_SYSTEM = [
  'You are a senior engineer explaining code to a colleague inside their editor.',
  'Explain what the selected code does, how it works, and anything surprising: edge cases, bugs, performance or security concerns.',
  'Be concise and concrete. Use Markdown: short paragraphs, bullet lists, `inline code` for identifiers, fenced code blocks with a language for code.',
  'Explain only the selected code; the context is there to help you understand it.',
].join(' ');

/** Share of the budget the optional context may take, so the selection itself always fits first. */
const CONTEXT_SHARE = 0.4;

/** The chat messages asking for an explanation of a selection, within the budget. */
export function buildExplainPrompt(sel: CodeSelection, budget: PromptBudget): BuiltPrompt {
  const notes: string[] = [];
  const fixed = estimateTokens(EXPLAIN_SYSTEM) + 60;
  const codeBudget = Math.max(64, budget.maxInputTokens - fixed);
  const code = truncateCode(sel.code, Math.floor(codeBudget * (sel.enclosing || sel.fileText ? 1 - CONTEXT_SHARE : 1)), notes);
  const contextBudget = Math.max(0, budget.maxInputTokens - fixed - estimateTokens(code));

  const parts: string[] = [`File: ${sel.fileName} (language: ${sel.languageId})`];
  const ctx = contextBlocks(sel, code, contextBudget, notes);
  parts.push(...ctx);
  parts.push(`Selected code to explain:\n${fence(code, sel.languageId)}`);
  return {
    messages: [
      { role: 'system', content: EXPLAIN_SYSTEM },
      { role: 'user', content: parts.join('\n\n') },
    ],
    notes,
  };
}

/** Imports and the enclosing declaration, in that order of priority reversed: the declaration says more. */
export function contextBlocks(sel: CodeSelection, code: string, budget: number, notes: string[]): string[] {
  const out: string[] = [];
  let left = budget;
  if (sel.enclosing && sel.enclosing.text.trim() !== code.trim() && left > 32) {
    const w = windowAround(sel.enclosing.text, code, Math.floor(left * 0.7));
    if (estimateTokens(w.text) <= left) {
      if (w.truncated) notes.push(`enclosing ${sel.enclosing.name} shortened to fit the budget`);
      out.push(`Enclosing declaration \`${sel.enclosing.name}\`${w.truncated ? ' (excerpt)' : ''}:\n${fence(w.text, sel.languageId)}`);
      left -= estimateTokens(w.text) + 16;
    }
  }
  if (sel.fileText && left > 16) {
    const imports = extractImports(sel.fileText, left - 16);
    if (imports.trim() && !code.includes(imports.trim())) out.unshift(`Imports of the file:\n${fence(imports, sel.languageId)}`);
  }
  return out;
}

/** Keeps the head of an oversized selection; the model is told it was cut. */
export function truncateCode(code: string, maxTokens: number, notes: string[]): string {
  if (estimateTokens(code) <= maxTokens) return code;
  const keep = code.slice(0, maxTokens * 3);
  const cut = keep.slice(0, Math.max(keep.lastIndexOf('\n'), 0)) || keep;
  notes.push(`selection truncated to about ${maxTokens} tokens`);
  return `${cut}\n… (truncated: the selection is longer than the model's budget)`;
}

/** A fence longer than any backtick run inside the code, so code holding ``` cannot break out. */
export function fence(code: string, languageId: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${languageId}\n${code}\n${ticks}`;
}
