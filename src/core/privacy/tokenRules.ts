/**
 * Tokens recognisable by their own shape, wherever they stand: a vendor prefix and a body
 * of fixed alphabet and length. Lengths are the vendors' own, so a shorter or longer
 * look-alike in a test file is left alone.
 */
import type { SecretKind } from './secretKinds';
import { hasFillerRun, lowDiversity } from './placeholders';

/** Not inside a longer base64/identifier run (with BOUNDARY before): keeps token patterns out of hashes and data URIs. */
export const E = '(?![A-Za-z0-9_+/=-])';

export interface TokenRule {
  kind: SecretKind;
  /** Starts with a literal where possible: V8 then skips ahead instead of trying every offset. */
  re: RegExp;
  /** Extra check on the match (e.g. mixed character classes), to drop look-alikes. */
  accept?: (m: string) => boolean;
  /**
   * What must stand right before the match (tested on the preceding text): for tokens whose
   * distinctive part is in the middle (`…Q~…`, `…-us12`, `…_mmk`). `lead: 'span'` makes it
   * part of the secret, `'context'` leaves it out (a bot's or app's public id).
   */
  before?: { re: RegExp; lead: 'span' | 'context' };
  /** Found even glued to other text (`oopsSG.…`): the shape alone is specific enough. */
  embedded?: true;
  /** Characters that may not stand right before the token (default BOUNDARY). */
  boundary?: RegExp;
}

/** The start boundary is checked by hand (a leading lookbehind would be tried at every offset). */
const BOUNDARY = /[A-Za-z0-9_+/-]/;

const rule = (kind: SecretKind, body: string, accept?: (m: string) => boolean): TokenRule => ({ kind, re: new RegExp(`(?:${body})${E}`, 'g'), ...(accept ? { accept } : {}) });
const inner = (kind: SecretKind, body: string, before: RegExp, lead: 'span' | 'context'): TokenRule => ({ kind, re: new RegExp(`${body}${E}`, 'g'), before: { re: before, lead } });

export const TOKEN_RULES: TokenRule[] = [
  rule('aws-access-key-id', '(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}'),
  rule('gcp-api-key', 'AIza[0-9A-Za-z_-]{35}'),
  rule('gcp-oauth-secret', 'GOCSPX-[0-9A-Za-z_-]{28}'),
  // Installation tokens of GitHub Apps may carry the app id and a JWT: `ghs_12345_eyJ…`.
  rule('github-token', 'gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255}|ghs_\\d+_[A-Za-z0-9_.-]{20,}'),
  rule('gitlab-token', 'glpat-[\\w-]{20}|glpat-[\\w-]{27,300}\\.[0-9a-z]{9}|gldt-[\\w-]{20}|glrt-[\\w-]{20}|glrt-t\\d_[\\w-]{27,300}\\.[0-9a-z]{9}|glcbt-[\\w-]{20,60}|glsoat-[\\w-]{20,50}|glimt-[\\w-]{25}|glptt-[\\w-]{40}|gloas-[\\w-]{64}|glft-[\\w-]{20}|glagent-[\\w-]{50,1024}|GR1348941[\\w-]{20,50}|glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}'),
  rule('slack-token', 'xox[abposre]-(?:\\d+-){1,4}[A-Za-z0-9]{8,}|xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{100,}|xoxe-\\d-[A-Za-z0-9]{100,}|xapp-\\d-[A-Za-z0-9-]{10,}', (m) => /^xox[bpe]-?\d?-[A-Za-z0-9]{40}|^xoxe|^xapp/.test(m) || /\d{6}/.test(m)),
  { kind: 'slack-webhook', re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{20,}/g },
  rule('stripe-key', '(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,}'),
  rule('anthropic-key', 'sk-ant-(?:api|admin)\\d{2}-[\\w-]{93}AA'),
  rule('openai-key', 'sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}', mixedClasses),
  // User tokens may be letters only; organisation tokens start `api_org_`.
  rule('huggingface-token', 'hf_[A-Za-z0-9]{34,}|api_org_[A-Za-z]{34}', randomCase),
  rule('npm-token', 'npm_[A-Za-z0-9]{36}'),
  rule('pypi-token', 'pypi-AgE[A-Za-z0-9_-]{50,}'),
  { kind: 'sendgrid-key', re: /SG\.[\w-]{22}\.[\w-]{43}/g, embedded: true },
  rule('digitalocean-token', 'do[opr]_v1_[a-f0-9]{64}'),
  { kind: 'jwt', re: new RegExp(`eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}(?:\\.[A-Za-z0-9_-]*={0,2})?(?![A-Za-z0-9_+/=-])`, 'g'), accept: wellFormedJwt },
  inner('discord-token', '\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}', /(?:^|[^\w-])([MNOA][\w-]{23,25})$/, 'span'),
  rule('vault-token', 'hvs\\.[\\w-]{90,}|hvb\\.[\\w-]{90,}|s\\.[A-Za-z0-9]{24}', (m) => !m.startsWith('s.') || (/[a-z]/.test(m) && /[A-Z]/.test(m.slice(2)) && /\d/.test(m))),
  { kind: 'azure-ad-secret', re: /Q~[\w.~-]{31,34}(?![\w.~-])/g, before: { re: /(?:^|[^\w.~-])([\w.~-]{3}\d)$/, lead: 'span' } },
  { kind: 'vendor-token', re: new RegExp(`bedrock-api-key-[A-Za-z0-9+/=]{20,}${E}`, 'g'), accept: (m) => decoded(m.slice(16)).startsWith('bedrock.amazonaws.com') },
  rule('vendor-token', [
    'vc[pikar]_[A-Za-z0-9]{24,}', // Vercel
    'shp(?:ss|at|ca|pa)_[A-Za-z0-9]{32,}', // Shopify
    'ntn_\\d{11}[A-Za-z0-9]{35}', // Notion
    'sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}', // Sourcegraph
    'gsk_[A-Za-z0-9]{52}', // Groq
    'sntrys_eyJ[A-Za-z0-9+/=]{40,}_[A-Za-z0-9+/=]{20,}|sntryu_[a-f0-9]{64}', // Sentry
    'cf(?:at|ut|k)_[A-Za-z0-9]{40}[a-f0-9]{8}|v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}', // Cloudflare
    'ATATT3[A-Za-z0-9_=-]{100,}', // Atlassian
    'pplx-[A-Za-z0-9]{48}', // Perplexity
    'ops_eyJ[A-Za-z0-9+/=]{100,}', // 1Password service account
    'A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}', // 1Password secret key
    'fo1_[\\w-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3}', // Fly.io
    'sq0atp-[\\w-]{22}|sq0csp-[\\w-]{43}|EAAA[\\w-]{60}', // Square
    'EAA[CM][A-Za-z0-9]{80,}', // Facebook
    's-s4t2(?:ud|af)-[a-f0-9]{64}', // 42 intra
    'sha256~[\\w-]{43}', // OpenShift
    'sq[pua]_[a-f0-9]{40}', // SonarQube
    'CLOJARS_[a-z0-9]{60}', // Clojars
    'pnu_[A-Za-z0-9]{36}|rdme_[a-z0-9]{70}|dapi[a-f0-9]{32}(?:-\\d)?', // Prefect, ReadMe, Databricks
  ].join('|')),
  // Infracost; `video_box.ico-<hash>.png` is a file name.
  { kind: 'vendor-token', re: new RegExp(`ico-[A-Za-z0-9]{32}${E}`, 'g'), boundary: /[A-Za-z0-9_+/.-]/ },
  inner('vendor-token', '\\|[\\w-]{27}', /(?:^|\D)\d{15,16}$/, 'context'), // Facebook app token after the app id
  inner('vendor-token', ':AA[\\w-]{33}', /(?:^|\D)\d{8,10}$/, 'context'), // Telegram bot token after the bot id
  inner('vendor-token', '-us\\d{1,2}', /(?:^|[^\w-])([0-9a-f]{32})$/, 'span'), // Mailchimp
  inner('vendor-token', '_mmk', /(?:^|[^\w-])([A-Za-z0-9]{6}_[A-Za-z0-9]{29})$/, 'span'), // MaxMind
  // An Ethereum/secp256k1 private key written as hex.
  rule('private-key', '0x[a-fA-F0-9]{64}'),
];

/** Every match of every token rule that is not a placeholder in token shape. */
export function tokenSpans(text: string, add: (start: number, end: number, kind: SecretKind) => void): void {
  for (const r of TOKEN_RULES) {
    for (const m of text.matchAll(r.re)) {
      let start = m.index;
      let token = m[0];
      if (r.before) {
        const lead = r.before.re.exec(text.slice(Math.max(0, start - 40), start));
        if (!lead) continue;
        if (r.before.lead === 'span') {
          const own = lead[1] ?? lead[0];
          start -= own.length;
          token = own + token;
        } else {
          start += 1;
          token = token.slice(1);
        }
      } else if (!r.embedded && start > 0 && (r.boundary ?? BOUNDARY).test(text[start - 1])) continue;
      if (r.accept && !r.accept(token)) continue;
      if (hasFillerRun(token) || lowDiversity(bodyOf(token))) continue;
      add(start, start + token.length, r.kind);
    }
  }
}

/** The token without its vendor prefix, for the diversity check. */
function bodyOf(token: string): string {
  return token.replace(/^[A-Za-z]{1,8}[-_.](?:(?:proj|svcacct|admin|ant)-)?/, '');
}

function mixedClasses(token: string): boolean {
  const body = token.replace(/^[a-z]+[-_](?:(?:proj|svcacct|admin)-)?/, '');
  return /[a-z]/.test(body) && /[A-Z]/.test(body) && /[0-9]/.test(body);
}

/** Letters-only tokens are random in case; `hf_requiredCharacteristicTypes` is an identifier. */
function randomCase(token: string): boolean {
  const body = token.replace(/^(?:hf|api_org)_/, '');
  const upper = body.replace(/[^A-Z]/g, '').length / body.length;
  return /[a-z]/.test(body) && /[A-Z]/.test(body) && (/\d/.test(body) || (upper > 0.25 && upper < 0.75));
}

function decoded(base64: string): string {
  try {
    return atob(base64.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64.length / 4) * 4, '='));
  } catch {
    return '';
  }
}

/** Header and payload must decode to JSON objects' outline: a broken base64 is a test string, not a token. */
function wellFormedJwt(token: string): boolean {
  const [header, payload] = token.split('.');
  return [header, payload].every((part) => {
    const text = decoded(part);
    return /^\{\s*"/.test(text) && /\}\s*$/.test(text);
  }) && /"(?:alg|typ|kid|enc)"/.test(decoded(header));
}
