/**
 * Our own cases for the kinds added after measuring on third-party fixtures, and for each
 * false-positive rule. Every value is made up here (random-looking, never live).
 */
import type { Hit } from './secretCorpus';
import { pemBody, randomToken } from './leakCases';

const r = (n: number, seed: number): string => randomToken(n, seed);
const hex = (n: number, seed: number): string => randomToken(n, seed, '0123456789abcdef');
const HF_LETTERS = randomToken(34, 11, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
const AZURE = `kT4${'8'}Q~${randomToken(34, 12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-')}`;
const GH = `ghp_${r(36, 13)}`;
const BODY = pemBody(6, 77);
const b64url = (s: string): string => Buffer.from(s).toString('base64url');
const JWT_SIG = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"42","name":"Ada"}')}`;

export const MORE_HITS: Hit[] = [
  { name: 'Hugging Face user token of letters only', kind: 'huggingface-token', text: `login(token="hf_${HF_LETTERS}")`, secrets: [`hf_${HF_LETTERS}`] },
  { name: 'Hugging Face organisation api_org_ token', kind: 'huggingface-token', text: `HUB = 'api_org_${HF_LETTERS}'`, secrets: [`api_org_${HF_LETTERS}`] },
  { name: 'Azure AD client secret', kind: 'azure-ad-secret', text: `az login --service-principal -p ${AZURE} --tenant t`, secrets: [AZURE] },
  { name: 'token in a URL user part', kind: 'url-credentials', text: `git clone https://${GH}@github.com/acme/app.git`, secrets: [GH] },
  { name: 'token with x-oauth-basic', kind: 'url-credentials', text: `"dep": "git+https://${hex(40, 14)}:x-oauth-basic@github.com/acme/dep.git"`, secrets: [hex(40, 14)] },
  { name: '.npmrc scoped _authToken', kind: 'npm-token', text: `@acme:registry=https://npm.acme.dev/\n//npm.acme.dev/:_authToken=${r(28, 15)}\n`, secrets: [r(28, 15)] },
  { name: 'curl -u user:password', kind: 'http-credentials', text: `curl -fsS -u deploy:${r(14, 16)} https://ci.acme.dev/api`, secrets: [r(14, 16)] },
  { name: 'curl -u on a continuation line', kind: 'http-credentials', text: `curl -X POST https://ci.acme.dev/hook \\\n  -H 'Content-Type: application/json' \\\n  --user 'bot:${r(12, 17)}'`, secrets: [r(12, 17)] },
  { name: 'curl Authorization header', kind: 'http-credentials', text: `curl -H 'Authorization: Token ${hex(40, 18)}' https://api.acme.dev`, secrets: [hex(40, 18)] },
  { name: 'X-Api-Key header', kind: 'http-credentials', text: `headers = {"X-Api-Key": "${r(32, 19)}"}`, secrets: [r(32, 19)] },
  { name: 'Discord bot token', kind: 'discord-token', text: `client.login("MTk${r(21, 20)}.${r(6, 21)}.${r(27, 22)}")`, secrets: [`MTk${r(21, 20)}.${r(6, 21)}.${r(27, 22)}`] },
  { name: 'Vault hvs. token', kind: 'vault-token', text: `VAULT_TOKEN=hvs.${r(95, 23)}`, secrets: [`hvs.${r(95, 23)}`] },
  { name: 'Vault hvb. token', kind: 'vault-token', text: `vault login hvb.${r(140, 24)}`, secrets: [`hvb.${r(140, 24)}`] },
  { name: 'Vault legacy s. token', kind: 'vault-token', text: `vault login s.aB3${r(21, 25)}`, secrets: [`s.aB3${r(21, 25)}`] },
  { name: 'Vercel token', kind: 'vendor-token', text: `vercel --token vcp_${r(30, 26)}`, secrets: [`vcp_${r(30, 26)}`] },
  { name: 'Shopify token', kind: 'vendor-token', text: `X_SHOPIFY = "shpat_${hex(32, 27)}"`, secrets: [`shpat_${hex(32, 27)}`] },
  { name: 'Notion token', kind: 'vendor-token', text: `new Client({ auth: "ntn_${'12345678901'}${r(35, 28)}" })`, secrets: [`ntn_12345678901${r(35, 28)}`] },
  { name: 'Sourcegraph token', kind: 'vendor-token', text: `src login --token sgp_${hex(16, 29)}_${hex(40, 30)}`, secrets: [`sgp_${hex(16, 29)}_${hex(40, 30)}`] },
  { name: 'Groq key', kind: 'vendor-token', text: `Groq(api_key="gsk_${r(52, 31)}")`, secrets: [`gsk_${r(52, 31)}`] },
  { name: 'Sentry user token', kind: 'vendor-token', text: `SENTRY="sntryu_${hex(64, 32)}"`, secrets: [`sntryu_${hex(64, 32)}`] },
  { name: 'Cloudflare API token', kind: 'vendor-token', text: `cfut_${r(40, 33)}${hex(8, 34)}`, secrets: [`cfut_${r(40, 33)}${hex(8, 34)}`] },
  { name: 'GitHub app installation token', kind: 'github-token', text: `ghs_12345_${JWT_SIG}.${r(43, 35)}`, secrets: [`ghs_12345_${JWT_SIG}.${r(43, 35)}`] },
  { name: 'JSON-escaped private key cut off before END', kind: 'private-key', text: `{"private_key": "-----BEGIN PRIVATE KEY-----\\n${BODY.slice(0, 3).join('\\n')}\\n-----END PRIV`, secrets: BODY.slice(0, 3) },
  { name: 'WordPress define', kind: 'assigned-secret', text: `define( 'DB_PASSWORD', '${r(16, 36)}' );`, secrets: [r(16, 36)] },
  { name: 'os.environ assignment', kind: 'assigned-secret', text: `os.environ["OPENAI_API_KEY"] = "${r(24, 37)}"`, secrets: [r(24, 37)] },
  { name: 'PHP config array', kind: 'assigned-secret', text: `$config['password'] = '${r(12, 38)}';`, secrets: [r(12, 38)] },
  { name: 'PHP array literal', kind: 'assigned-secret', text: `return ['db_pass' => '${r(12, 39)}'];`, secrets: [r(12, 39)] },
  { name: 'XML password element', kind: 'assigned-secret', text: `<server>\n  <id>nexus</id>\n  <password>${r(14, 40)}</password>\n</server>`, secrets: [r(14, 40)] },
  { name: 'XML key/value attributes', kind: 'assigned-secret', text: `<add key="ClientSecret" value="${r(20, 41)}" />`, secrets: [r(20, 41)] },
  { name: 'setPassword call', kind: 'assigned-secret', text: `ds.setPassword("${r(13, 42)}");`, secrets: [r(13, 42)] },
  { name: 'getenv with a default', kind: 'assigned-secret', text: `token = os.getenv("GITHUB_TOKEN", "${r(20, 43)}")`, secrets: [r(20, 43)] },
  { name: '.netrc', kind: 'assigned-secret', text: `machine api.acme.dev\n  login deploy\n  password ${r(18, 44)}\n`, secrets: [r(18, 44)] },
  { name: 'JWK private fields', kind: 'jwk-private-key', text: `{"kty":"RSA","n":"${r(40, 45)}","e":"AQAB","d":"${r(43, 46)}","p":"${r(43, 47)}","q":"${r(43, 48)}","dp":"${r(43, 49)}","dq":"${r(43, 50)}","qi":"${r(43, 51)}"}`, secrets: [r(43, 46), r(43, 47), r(43, 48), r(43, 49), r(43, 50), r(43, 51)] },
  { name: 'PuTTY .ppk', kind: 'putty-private-key', text: `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me\nPublic-Lines: 2\n${r(64, 52)}\n${r(20, 53)}\nPrivate-Lines: 1\n${r(44, 54)}\nPrivate-MAC: ${hex(64, 55)}\n`, secrets: [r(44, 54), hex(64, 55)] },
  { name: 'key material under an END line only', kind: 'private-key', text: `${BODY.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`, secrets: BODY.slice(0, 5) },
  { name: 'run of key-width base64 lines with neither BEGIN nor END', kind: 'private-key', text: BODY.slice(0, 5).join('\n'), secrets: BODY.slice(0, 4) },
  { name: 'quoted value still being typed', kind: 'assigned-secret', text: `api_key = "${r(10, 56)}\nnext = 1`, secrets: [r(10, 56)] },
  { name: 'Makefile ?= assignment', kind: 'assigned-secret', text: `SNYK_TOKEN ?= "${r(8, 57)}-${r(4, 58)}-${r(12, 59)}"`, secrets: [`${r(8, 57)}-${r(4, 58)}-${r(12, 59)}`] },
  { name: 'unsigned JWT', kind: 'jwt', text: `t = "${JWT_SIG}."`, secrets: [JWT_SIG] },
];

/** Each false-positive rule: nothing here may be redacted. */
export const MORE_LOOKALIKES: { name: string; text: string }[] = [
  { name: 'token-shaped placeholder of x', text: 'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
  { name: 'run of one character', text: 'STRIPE_KEY = "sk_live_AAAAAAAAAAAAAAAAAAAAAAAA"' },
  { name: 'EXAMPLE in the value (AWS documentation keys)', text: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE' },
  { name: 'your_..._here', text: 'OPENAI_API_KEY=your_api_key_here' },
  { name: '${...} template', text: 'password: ${DB_PASSWORD}' },
  { name: '{...} template in a URL', text: 'const url = "https://{USER}:{PASS}@example.com";' },
  { name: '$(...) in a URL', text: 'DB_URL = postgres://$(PGUSER):$(PGPASSWORD)@$(PGHOST)/db' },
  { name: 'changeme', text: 'admin_password = "changeme"' },
  { name: 'lockfile name: version line', text: '  registry-auth-token: 5.1.1\n  /secret-handshake@1.2.0:\n    resolution: {integrity: sha512-abc}' },
  { name: 'package.json dependency on a token package', text: '"registry-auth-token": "^5.1.1",' },
  { name: 'public key under a key name', text: 'DOTENV_PUBLIC_KEY="037cfbfc90234cfdab7eb54050566293789efaa1a35dc420749662db400dc9c4b2"' },
  { name: 'publishable token', text: 'publicToken = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"' },
  { name: 'identical user and password (local default)', text: 'MONGO = "mongodb://mongodb:mongodb@localhost:27017/db"' },
  { name: 'curl with placeholder credentials', text: 'curl -u username:password https://example.com\ncurl --user "$USER:$PASS" https://example.com\ncurl -u <user:password> https://example.com' },
  { name: 'Authorization header built from a variable', text: 'headers: { Authorization: `Bearer ${this.apiKey}` }' },
  { name: 'low-diversity token body', text: 'hf_FakeFakeFake1FakeFakeFakeFakeFakeFa' },
  { name: 'camel-case identifier after hf_', text: '- (id)hf_requiredCharacteristicTypesForDisplayMetadata;' },
  { name: 'too little key material between BEGIN and END', text: '-----BEGIN PRIVATE KEY-----\nYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=\n-----END PRIVATE KEY-----' },
  { name: 'a certificate body', text: `-----BEGIN CERTIFICATE-----\n${BODY.join('\n')}\n-----END CERTIFICATE-----` },
  { name: 'dotted identifier under a weak name', text: '<entry key="jetbrains.mps.v8_elimination" value="executed" />' },
  { name: 'base64 of prose under a weak name', text: 'ANY_KEY = ZHVtbXkgdGV4dCBkYXRhIGRhdGEgZGF0YQ==' },
  { name: 'not a real token', text: 'DOCKER_TOKEN=not_a_real_token' },
  { name: 'file name with an Infracost-like hash', text: '<img src="assets/video_box.ico-7a388b69018576d24b59331fd60aab0c.png">' },
  { name: 'JWT-shaped string that does not decode', text: 'eyJhbasdGciOiJIUaddasdasfsasdasd.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fw' },
  { name: 'host name after an X-...-Auth header', text: 'X-MS-Exchange-Organization-AuthSource: sm02915.int.contoso.com' },
  { name: 'a call that is no setter or look-up, with a secret-like first argument', text: "rule('npm-token', 'npm_[A-Za-z0-9]{36}'),\nt('password', 'Passwort')" },
  { name: 'prose after a secret-like name and an unclosed quote', text: '// Generic names (`Token:`, `apikey:`) are headers only in a curl command' },
  { name: 'a redacted header in a log message', text: 'headers: { Authorization: `Bearer [redacted]` }' },
];
