import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import dart from 'highlight.js/lib/languages/dart';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import lua from 'highlight.js/lib/languages/lua';
import makefile from 'highlight.js/lib/languages/makefile';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import plaintext from 'highlight.js/lib/languages/plaintext';
import powershell from 'highlight.js/lib/languages/powershell';
import python from 'highlight.js/lib/languages/python';
import r from 'highlight.js/lib/languages/r';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import scala from 'highlight.js/lib/languages/scala';
import scss from 'highlight.js/lib/languages/scss';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

/**
 * highlight.js with a chosen set of languages (the ones explanations quote most), not the
 * whole library: each grammar costs bundle size, and a fence naming another language
 * still renders, unhighlighted. highlight.js emits `hljs-*` classes only (no inline
 * styles, which the panel's CSP forbids); the panel's CSS colours them from the theme.
 */
const LANGUAGES = {
  bash, c, cpp, csharp, css, dart, diff, dockerfile, go, ini, java, javascript, json, kotlin, lua, makefile,
  markdown, php, plaintext, powershell, python, r, ruby, rust, scala, scss, shell, sql, swift, typescript, xml, yaml,
};
for (const [name, grammar] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, grammar);
// VS Code language ids and fence names that the grammars do not list as aliases.
hljs.registerAliases(['shellscript', 'zsh'], { languageName: 'bash' });
hljs.registerAliases(['toml', 'properties'], { languageName: 'ini' });
hljs.registerAliases(['typescriptreact'], { languageName: 'typescript' });
hljs.registerAliases(['javascriptreact'], { languageName: 'javascript' });
hljs.registerAliases(['jsonc'], { languageName: 'json' });

/** The grammar's name for a fence's language (`ts` → `typescript`), or undefined when we have none. */
export function knownLanguage(lang: string): string | undefined {
  if (!lang) return undefined;
  const l = hljs.getLanguage(lang.toLowerCase());
  if (!l) return undefined;
  return Object.keys(LANGUAGES).find((n) => hljs.getLanguage(n) === l);
}

/** Highlighted HTML (escaped by highlight.js), or undefined for a language we have no grammar for. */
export function highlightCode(code: string, lang: string): string | undefined {
  const language = knownLanguage(lang);
  if (!language) return undefined;
  // ignoreIllegals: a half-streamed block or sloppy model code must still render.
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}

/** How many grammars the panel bundles (for tests and the README). */
export const LANGUAGE_COUNT = Object.keys(LANGUAGES).length;
