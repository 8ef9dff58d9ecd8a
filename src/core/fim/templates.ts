import type { FimTemplateId, FimTemplateSetting } from '../config';

/**
 * FIM prompt formats as data (each checked byte for byte in test/unit/fim/). Several open-source extensions ship
 * wrong tokens here (ASCII `|` for DeepSeek's full-width bar, CodeGemma with StarCoder's
 * tokens), so every token is spelled out once and tested byte for byte.
 */
export interface FimTemplate {
  id: FimTemplateId;
  /** Builds the raw prompt; Codestral puts the suffix first. */
  build(prefix: string, suffix: string): string;
  /** Stop sequences, most important first (servers cap the list, TGI at 4). */
  stop: readonly string[];
  /** Special tokens that must never reach the editor (stops plus the FIM markers). */
  special: readonly string[];
}

// DeepSeek uses U+FF5C FULLWIDTH VERTICAL LINE and U+2581 LOWER ONE EIGHTH BLOCK.
const DS_BAR = '\uFF5C';
const DS_SP = '\u2581';
const ds = (name: string) => `<${DS_BAR}${name.replace(/ /g, DS_SP)}${DS_BAR}>`;

const STARCODER: FimTemplate = {
  id: 'starcoder',
  build: (pre, suf) => `<fim_prefix>${pre}<fim_suffix>${suf}<fim_middle>`,
  stop: ['<|endoftext|>', '<file_sep>', '<fim_prefix>'],
  special: ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<fim_pad>', '<repo_name>'],
};

const CODELLAMA: FimTemplate = {
  id: 'codellama',
  build: (pre, suf) => `<PRE> ${pre} <SUF>${suf} <MID>`,
  stop: ['<EOT>'],
  special: ['<EOT>', '<PRE>', '<SUF>', '<MID>', '</s>'],
};

const DEEPSEEK: FimTemplate = {
  id: 'deepseek',
  build: (pre, suf) => `${ds('fim begin')}${pre}${ds('fim hole')}${suf}${ds('fim end')}`,
  stop: [ds('end of sentence')],
  special: [ds('end of sentence'), ds('begin of sentence'), ds('fim begin'), ds('fim hole'), ds('fim end'), '<|EOT|>'],
};

const QWEN: FimTemplate = {
  id: 'qwen',
  build: (pre, suf) => `<|fim_prefix|>${pre}<|fim_suffix|>${suf}<|fim_middle|>`,
  stop: ['<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>'],
  special: ['<|endoftext|>', '<|fim_pad|>', '<|file_sep|>', '<|im_end|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|repo_name|>'],
};

const CODESTRAL: FimTemplate = {
  id: 'codestral',
  // The server adds BOS; suffix first is how Codestral was trained.
  build: (pre, suf) => `[SUFFIX]${suf}[PREFIX]${pre}`,
  // A model that starts another FIM block has finished the middle.
  stop: ['</s>', '[PREFIX]', '[SUFFIX]'],
  special: ['</s>', '<s>', '[SUFFIX]', '[PREFIX]', '[MIDDLE]'],
};

const CODEGEMMA: FimTemplate = {
  id: 'codegemma',
  build: (pre, suf) => `<|fim_prefix|>${pre}<|fim_suffix|>${suf}<|fim_middle|>`,
  stop: ['<|file_separator|>', '<|fim_prefix|>', '<eos>'],
  special: ['<|file_separator|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<eos>', '<bos>'],
};

// CodeQwen1.5 spells its FIM tokens like StarCoder (no bars), unlike Qwen2.5-Coder's `<|fim_prefix|>`.
const CODEQWEN: FimTemplate = {
  id: 'codeqwen',
  build: (pre, suf) => `<fim_prefix>${pre}<fim_suffix>${suf}<fim_middle>`,
  stop: ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<|im_end|>'],
  special: ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<|im_end|>', '<fim_suffix>', '<fim_middle>', '<fim_pad>', '<reponame>'],
};

/** Granite 4.x: barred FIM tokens and `<|end_of_text|>` as EOS. */
const GRANITE: FimTemplate = {
  id: 'granite',
  build: (pre, suf) => `<|fim_prefix|>${pre}<|fim_suffix|>${suf}<|fim_middle|>`,
  stop: ['<|end_of_text|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'],
  special: ['<|end_of_text|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>', '<|start_of_role|>', '<|end_of_role|>'],
};

/** The Granite code models (granite-*-code-*) were trained on StarCoder's tokenizer and tokens. */
export const GRANITE_CODE: FimTemplate = {
  id: 'granite',
  build: (pre, suf) => `<fim_prefix>${pre}<fim_suffix>${suf}<fim_middle>`,
  stop: ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<fim_middle>'],
  special: ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<fim_pad>', '<reponame>', '<filename>'],
};

// Seed-Coder: suffix first (SPM), square-bracket tokens, U+2581 in its EOS like DeepSeek.
const SEED_SP = '\u2581';
const SEEDCODER: FimTemplate = {
  id: 'seedcoder',
  build: (pre, suf) => `<[fim-suffix]>${suf}<[fim-prefix]>${pre}<[fim-middle]>`,
  stop: [`<[end${SEED_SP}of${SEED_SP}sentence]>`, '<[fim-prefix]>', '<[fim-suffix]>', '<[fim-middle]>'],
  special: [`<[end${SEED_SP}of${SEED_SP}sentence]>`, `<[begin${SEED_SP}of${SEED_SP}sentence]>`, '<[fim-prefix]>', '<[fim-suffix]>', '<[fim-middle]>', `<[PAD${SEED_SP}TOKEN]>`],
};

export const FIM_TEMPLATES: Readonly<Record<FimTemplateId, FimTemplate>> = {
  starcoder: STARCODER,
  codellama: CODELLAMA,
  deepseek: DEEPSEEK,
  qwen: QWEN,
  codestral: CODESTRAL,
  codegemma: CODEGEMMA,
  codeqwen: CODEQWEN,
  granite: GRANITE,
  seedcoder: SEEDCODER,
};

const GRANITE_CODE_MODEL = /granite[^/]*code|code[^/]*granite/i;

/** The template for an id; Granite's code models and 4.x share the id but not the tokens. */
function templateFor(id: FimTemplateId, model: string): FimTemplate {
  return id === 'granite' && GRANITE_CODE_MODEL.test(model) ? GRANITE_CODE : FIM_TEMPLATES[id];
}

/** Model-id patterns, checked in order (more specific first: CodeQwen before Qwen). */
const DETECT: readonly [RegExp, FimTemplateId][] = [
  [/codeqwen/i, 'codeqwen'],
  [/qwen/i, 'qwen'],
  [/seed-?coder/i, 'seedcoder'],
  [/granite/i, 'granite'],
  [/deepseek/i, 'deepseek'],
  [/codestral/i, 'codestral'],
  [/codegemma/i, 'codegemma'],
  [/codellama|code-llama/i, 'codellama'],
  [/starcoder|santacoder|bigcode/i, 'starcoder'],
];

/** StableCode was trained with StarCoder's FIM tokens, so it has no template of its own. */
const STABLECODE = /stable-?code/i;

export interface TemplateChoice {
  template: FimTemplate;
  /** Why this template, for the log ("detected from model ...", or a note on the fallback). */
  note: string;
}

export function chooseFimTemplate(setting: FimTemplateSetting, model: string): TemplateChoice {
  if (setting !== 'auto') return { template: templateFor(setting, model), note: `tandem.huggingface.fimTemplate is "${setting}"` };
  for (const [pattern, id] of DETECT) {
    if (pattern.test(model)) return { template: templateFor(id, model), note: `detected "${id}" from model "${model}"` };
  }
  if (STABLECODE.test(model)) return { template: STARCODER, note: `detected StableCode from model "${model}": it uses StarCoder's FIM tokens ("starcoder")` };
  return {
    template: STARCODER,
    note: `could not tell the FIM format of model "${model || '(none set)'}"; using StarCoder's. Set tandem.huggingface.fimTemplate if completions look wrong.`,
  };
}

/** The stop list a server accepts: at most `max` (TGI's `max_stop_sequences`, default 4), most important first. */
export function stopSequences(template: FimTemplate, max = 4): string[] {
  return template.stop.slice(0, Math.max(0, max));
}

/** Removes special tokens from model output (TGI may send the EOS text itself). */
export function stripSpecialTokens(text: string, template: FimTemplate): string {
  let out = text;
  for (const tok of template.special) out = out.split(tok).join('');
  return out;
}

/**
 * Streaming version of `stripSpecialTokens`: a token may be split across chunks, so the
 * tail that could still become a special token is held back until the next chunk. Text
 * after a stop token is dropped (a server that ignored the stop list must not leak it).
 */
export function createSpecialTokenFilter(template: FimTemplate): { push(text: string): string; flush(): string; stopped(): boolean } {
  let held = '';
  let stopped = false;
  const cut = (s: string): string => {
    let end = s.length;
    for (const stop of template.stop) {
      const i = s.indexOf(stop);
      if (i >= 0 && i < end) end = i;
    }
    if (end < s.length) stopped = true;
    return stripSpecialTokens(s.slice(0, end), template);
  };
  return {
    push(text) {
      if (stopped) return '';
      const all = held + text;
      // Hold back the longest tail that is a proper prefix of a special token.
      let keep = 0;
      for (const tok of template.special) {
        for (let n = Math.min(tok.length - 1, all.length); n > keep; n--) {
          if (all.endsWith(tok.slice(0, n))) { keep = n; break; }
        }
      }
      const ready = all.slice(0, all.length - keep);
      held = all.slice(all.length - keep);
      const out = cut(ready);
      if (stopped) held = '';
      return out;
    },
    flush() {
      if (stopped) return '';
      const out = cut(held);
      held = '';
      return out;
    },
    stopped: () => stopped,
  };
}
