/**
 * Fake secrets in the shapes real ones have (every value here is random or a published
 * example, none is live), and look-alikes that must survive redaction untouched.
 */
import type { SecretKind } from '../../../src/core/privacy/secretPatterns';

export interface Hit {
  name: string;
  text: string;
  /** Every value that must not appear in the redacted text. */
  secrets: string[];
  kind: SecretKind;
}

const PEM_BODY = 'MIIEpAIBAAKCAQEAaCkZ0uZGkvgZQVfx1K+QmIKFz3qa98k9VVImav5w56rm2kdi\nfC5Zry6jeryEZwrTxNNrwIqtH/+OuEBuL4p/xMzk3Z8LQRDZ8voAJcjv5X83ck9N\nN+orFABAdxObQYDf==';
const pem = (label: string): string => `-----BEGIN ${label}-----\n${PEM_BODY}\n-----END ${label}-----`;

export const HITS: Hit[] = [
  { name: 'RSA private key', kind: 'private-key', text: `const key = \`${pem('RSA PRIVATE KEY')}\`;\nconst next = 1;`, secrets: [PEM_BODY.split('\n')[0], '-----BEGIN RSA PRIVATE KEY-----'] },
  { name: 'EC private key', kind: 'private-key', text: pem('EC PRIVATE KEY'), secrets: [PEM_BODY.split('\n')[1]] },
  { name: 'DSA private key', kind: 'private-key', text: pem('DSA PRIVATE KEY'), secrets: [PEM_BODY.split('\n')[2]] },
  { name: 'PKCS#8 private key', kind: 'private-key', text: pem('PRIVATE KEY'), secrets: [PEM_BODY.split('\n')[0]] },
  { name: 'encrypted private key', kind: 'private-key', text: pem('ENCRYPTED PRIVATE KEY'), secrets: [PEM_BODY.split('\n')[0]] },
  { name: 'OpenSSH private key', kind: 'private-key', text: pem('OPENSSH PRIVATE KEY'), secrets: [PEM_BODY.split('\n')[1]] },
  { name: 'PGP private key block', kind: 'private-key', text: pem('PGP PRIVATE KEY BLOCK'), secrets: [PEM_BODY.split('\n')[1]] },
  { name: 'legacy encrypted RSA key with headers', kind: 'private-key', text: `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`, secrets: ['3F17F5316E2BAC89', PEM_BODY.split('\n')[1]] },
  { name: 'private key cut off by the selection', kind: 'private-key', text: `-----BEGIN OPENSSH PRIVATE KEY-----\n${PEM_BODY.split('\n').slice(0, 2).join('\n')}`, secrets: [PEM_BODY.split('\n')[0], PEM_BODY.split('\n')[1]] },
  {
    name: 'GCP service account JSON', kind: 'private-key',
    text: `{\n  "type": "service_account",\n  "private_key_id": "c2f91624a8940f1f836f99eee3692f09e2e8c662",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${PEM_BODY.replace(/\n/g, '\\n')}\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "bot@proj.iam.gserviceaccount.com"\n}`,
    secrets: ['c2f91624a8940f1f836f99eee3692f09e2e8c662', PEM_BODY.split('\n')[0], PEM_BODY.split('\n')[2]],
  },
  { name: 'AWS access key id', kind: 'aws-access-key-id', text: 'const accessKeyId = "AKIAZ7VQ4MLP2XH6TR3N";', secrets: ['AKIAZ7VQ4MLP2XH6TR3N'] },
  { name: 'AWS temporary key id in .env', kind: 'aws-access-key-id', text: 'AWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A', secrets: ['ASIAY34FZKBOKMUTVV7A'] },
  { name: 'AWS secret key in credentials file', kind: 'aws-secret-key', text: '[default]\naws_access_key_id = AKIAZ7VQ4MLP2XH6TR3N\naws_secret_access_key = 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\n', secrets: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8RTb5VKj', 'AKIAZ7VQ4MLP2XH6TR3N'] },
  { name: 'AWS secret key in JS', kind: 'aws-secret-key', text: 'new S3Client({ credentials: { accessKeyId: "AKIAZ7VQ4MLP2XH6TR3N", secretAccessKey: "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" } })', secrets: ['Ms1SWOpQaPRYpzbLGViYXjU2JgJngKtFI3OyV2dZ'] },
  { name: 'GCP API key', kind: 'gcp-api-key', text: 'const maps = new Maps({ key: "AIzaRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3" });', secrets: ['AIzaRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3'] },
  { name: 'GCP API key in a URL', kind: 'gcp-api-key', text: 'fetch(`https://maps.googleapis.com/maps/api/geocode/json?key=AIzaRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3&address=x`)', secrets: ['AIzaRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3'] },
  { name: 'Google OAuth client secret', kind: 'gcp-oauth-secret', text: 'client = OAuth(client_id, "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")', secrets: ['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'] },
  {
    name: 'Azure storage connection string', kind: 'azure-key',
    text: 'const conn = "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Nh1/YY0VMucOIOKmZo3n9H6EZ+VG1T7I4qEle9slbJs+T7tJgUbvcDDL+VNyUtzOrddktqMvuwmt6uEJxKmXIA==;EndpointSuffix=core.windows.net";',
    secrets: ['Nh1/YY0VMucOIOKmZo3n9H6EZ+VG1T7I4qEle9slbJs+T7tJgUbvcDDL+VNyUtzOrddktqMvuwmt6uEJxKmXIA=='],
  },
  { name: 'Azure Service Bus shared access key', kind: 'azure-key', text: 'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=nm+2XQCrwyrzjmZ/Ai6HLUnMFckLmZt3K0/Hpv1MkUo=', secrets: ['nm+2XQCrwyrzjmZ/Ai6HLUnMFckLmZt3K0/Hpv1MkUo='] },
  { name: 'Azure SAS signature', kind: 'azure-key', text: 'url = "https://acme.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=b&sp=r&sig=Xk4%2Fq8Zt1QwErTy7UiOpAsDfGhJkL%3D"', secrets: ['Xk4%2Fq8Zt1QwErTy7UiOpAsDfGhJkL%3D'] },
  { name: 'GitHub personal access token', kind: 'github-token', text: 'const octokit = new Octokit({ auth: "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d" });', secrets: ['ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d'] },
  { name: 'GitHub OAuth token', kind: 'github-token', text: 'gho_KLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFR', secrets: ['gho_KLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFR'] },
  { name: 'GitHub user-to-server, server and refresh tokens', kind: 'github-token', text: 'a = "ghu_KLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFR"\nb = "ghs_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d"\nc = "ghr_KLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFR"', secrets: ['ghu_KLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFR', 'ghs_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d', 'ghr_KLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFR'] },
  { name: 'GitHub fine-grained token', kind: 'github-token', text: 'export GH=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', secrets: ['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'] },
  { name: 'GitLab token', kind: 'gitlab-token', text: 'headers = {"PRIVATE-TOKEN": "glpat-b8DwkNhFdnXsiVpzz63F"}', secrets: ['glpat-b8DwkNhFdnXsiVpzz63F'] },
  { name: 'Slack bot token', kind: 'slack-token', text: 'const slack = new WebClient("xoxb-2048823409-4098711233-fkCzJr4i0B3JrTAwR4y9ojfl");', secrets: ['xoxb-2048823409-4098711233-fkCzJr4i0B3JrTAwR4y9ojfl'] },
  { name: 'Slack user token', kind: 'slack-token', text: 'SLACK_USER=xoxp-2048823409-4098711233-4098711299-fkCzJr4i0B3JrTAwR4y9', secrets: ['xoxp-2048823409-4098711233-4098711299-fkCzJr4i0B3JrTAwR4y9'] },
  { name: 'Slack webhook', kind: 'slack-webhook', text: 'requests.post("https://hooks.slack.com/services/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", json=msg)', secrets: ['T024BE7LD/B08PQR1234X/fkCzJr4i0B3JrTAwR4y9ojfl'] },
  { name: 'Stripe live secret key', kind: 'stripe-key', text: "const stripe = require('stripe')('sk_live_bbYrEqmSM9wCZ7Uw9xfogoEm');", secrets: ['sk_live_bbYrEqmSM9wCZ7Uw9xfogoEm'] },
  { name: 'Stripe restricted key', kind: 'stripe-key', text: 'stripe.api_key = "rk_live_bbYrEqmSM9wCZ7Uw9xfogoEm"', secrets: ['rk_live_bbYrEqmSM9wCZ7Uw9xfogoEm'] },
  { name: 'Stripe webhook secret', kind: 'stripe-key', text: 'endpointSecret := "whsec_bbYrEqmSM9wCZ7Uw9xfogoEm"', secrets: ['whsec_bbYrEqmSM9wCZ7Uw9xfogoEm'] },
  { name: 'OpenAI legacy key', kind: 'openai-key', text: 'openai.api_key = "sk-sajAIxNKu8iS2G8NPRVdD53X83RZJzzzzgEOzdmenCkhvMdg"', secrets: ['sk-sajAIxNKu8iS2G8NPRVdD53X83RZJzzzzgEOzdmenCkhvMdg'] },
  { name: 'OpenAI project key', kind: 'openai-key', text: 'const client = new OpenAI({ apiKey: "sk-proj-aKjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjgVvVqE1SkHbn88HxjSI6bWHtP3fS2qHx6kwXoIIXGv_OoNZYW2mZp0zVZomHFwU" });', secrets: ['sk-proj-aKjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjgVvVqE1SkHbn88HxjSI6bWHtP3fS2qHx6kwXoIIXGv_OoNZYW2mZp0zVZomHFwU'] },
  { name: 'Hugging Face token', kind: 'huggingface-token', text: 'login(token="hf_fkCzJr4i0B3JrTAwR4y9ojfljoQoaF1Llq")', secrets: ['hf_fkCzJr4i0B3JrTAwR4y9ojfljoQoaF1Llq'] },
  { name: 'npm token', kind: 'npm-token', text: '//registry.npmjs.org/:_authToken=npm_5HA064GiIjHGb3CXlMaXZjljENUhJduRHHJE', secrets: ['npm_5HA064GiIjHGb3CXlMaXZjljENUhJduRHHJE'] },
  { name: 'SendGrid key', kind: 'sendgrid-key', text: 'sg = SendGridAPIClient("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")', secrets: ['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'] },
  { name: 'DigitalOcean token', kind: 'digitalocean-token', text: 'DO = "dop_v1_4173581569969e58b081006f7e3dfc967a64cb14028d512c9791e558e08baa71"', secrets: ['dop_v1_4173581569969e58b081006f7e3dfc967a64cb14028d512c9791e558e08baa71'] },
  {
    name: 'JWT in a header', kind: 'jwt',
    text: "fetch(url, { headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c' } })",
    secrets: ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'],
  },
  { name: 'opaque bearer token', kind: 'bearer-token', text: 'curl -H "Authorization: Bearer LfjVHq8xiM0OGr4hTxoF54Fzbka8FRCz" https://api.example.com', secrets: ['LfjVHq8xiM0OGr4hTxoF54Fzbka8FRCz'] },
  { name: 'postgres URL', kind: 'connection-string-password', text: 'DATABASE_URL = "postgres://app_user:Tr0ub4dor&3x@db.internal:5432/app"', secrets: ['Tr0ub4dor&3x'] },
  { name: 'mongodb+srv URL', kind: 'connection-string-password', text: "mongoose.connect('mongodb+srv://admin:pZ8qL2vX9w@cluster0.ab1cd.mongodb.net/prod?retryWrites=true')", secrets: ['pZ8qL2vX9w'] },
  { name: 'redis URL without a user', kind: 'connection-string-password', text: 'const redis = new Redis("redis://:r3disS3cret@cache:6379/0")', secrets: ['r3disS3cret'] },
  { name: 'amqp URL', kind: 'connection-string-password', text: 'amqp_url: amqps://rabbit:B7xq9mZp2w@mq.internal:5671/vhost', secrets: ['B7xq9mZp2w'] },
  { name: 'mysql URL in YAML', kind: 'connection-string-password', text: 'db:\n  url: mysql://root:hunter22@localhost:3306/shop\n', secrets: ['hunter22'] },
  { name: 'ADO.NET connection string', kind: 'connection-string-password', text: '"Server=tcp:sql.acme.net,1433;Database=shop;User ID=app;Password=S3cure!Pass;Encrypt=True;"', secrets: ['S3cure!Pass'] },
  { name: 'JS password assignment', kind: 'assigned-secret', text: 'const password = "hunter2";', secrets: ['hunter2'] },
  { name: 'TS object literal', kind: 'assigned-secret', text: 'const cfg = { user: "app", password: \'correct-horse\', port: 5432 };', secrets: ['correct-horse'] },
  { name: 'Python kwarg', kind: 'assigned-secret', text: 'conn = psycopg2.connect(host="db", user="app", password="pa55word!")', secrets: ['pa55word!'] },
  { name: 'Python annotated', kind: 'assigned-secret', text: 'API_TOKEN: str = "q8Z2mP4xL9wN"', secrets: ['q8Z2mP4xL9wN'] },
  { name: 'Go short declaration', kind: 'assigned-secret', text: 'dbPassword := "m0nkey-bus1ness"', secrets: ['m0nkey-bus1ness'] },
  { name: 'Go typed var and struct field', kind: 'assigned-secret', text: 'var clientSecret string = "s3cr3t-v4lue"\ncfg := Config{APIKey: `k3y-in-backticks`}', secrets: ['s3cr3t-v4lue', 'k3y-in-backticks'] },
  { name: 'JSON keys', kind: 'assigned-secret', text: '{ "db_password": "Zq8!pL2x", "apiKey": "4f8e2a9c7b1d3e5f", "client_secret": "abc123def456" }', secrets: ['Zq8!pL2x', '4f8e2a9c7b1d3e5f', 'abc123def456'] },
  { name: 'YAML values', kind: 'assigned-secret', text: 'database:\n  password: "s3cret-pw"\n  auth_token: Xy7pQ2mN8vL4kR\nsmtp:\n  passwd: \'mailP4ss\'\n', secrets: ['s3cret-pw', 'Xy7pQ2mN8vL4kR', 'mailP4ss'] },
  { name: '.env file', kind: 'assigned-secret', text: 'DB_HOST=localhost\nDB_PASSWORD=hunter\nexport SESSION_SECRET="keyboard-cat-42"\nSTRIPE_KEY=LfjVHq8xiM0OGr4hTxoF54Fzbka8FRCz\n', secrets: ['hunter', 'keyboard-cat-42', 'LfjVHq8xiM0OGr4hTxoF54Fzbka8FRCz'] },
  { name: 'INI', kind: 'assigned-secret', text: '[smtp]\nuser = mailer\npassword = s3cr3t99\n', secrets: ['s3cr3t99'] },
  { name: 'high-entropy value under a generic key name', kind: 'assigned-secret', text: 'const signingKey = "9c1f3b7e8a2d4c6f0b5e7a9d1c3f5e7b";\nmapsKey: "LfjVHq8xiM0OGr4hTxoF54Fzbka8FRCz"', secrets: ['9c1f3b7e8a2d4c6f0b5e7a9d1c3f5e7b', 'LfjVHq8xiM0OGr4hTxoF54Fzbka8FRCz'] },
  { name: 'this.field assignment', kind: 'assigned-secret', text: 'this.accessToken = "ya29.a0AfH6SMBx7Kq2pL9";', secrets: ['ya29.a0AfH6SMBx7Kq2pL9'] },
];

/** Text that looks secret-ish but is not: must come back from redact() unchanged. */
export const LOOK_ALIKES: { name: string; text: string }[] = [
  {
    name: 'package-lock.json integrity hashes',
    text: '"node_modules/left-pad": {\n  "version": "1.3.0",\n  "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",\n  "integrity": "sha512-nm+2XQCrwyrzjmZ/Ai6HLUnMFckLmZt3K0/Hpv1MkUoW20cIdSsPFUS4NcDnGQl9+ocB6SMvIfKBJod4aXbr/A==",\n  "license": "WTFPL"\n}',
  },
  { name: 'package-lock sha1 integrity', text: '"integrity": "sha1-l6ERlkmyEa0zaR2fn0hqjsn74KM="' },
  {
    name: 'yarn.lock entry',
    text: 'left-pad@^1.3.0:\n  version "1.3.0"\n  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz#5b8a3a7765dfe001261dde915589e782f8c94d1e"\n  integrity sha512-nm+2XQCrwyrzjmZ/Ai6HLUnMFckLmZt3K0/Hpv1MkUoW20cIdSsPFUS4NcDnGQl9+ocB6SMvIfKBJod4aXbr/A==\n',
  },
  { name: 'pnpm lock resolution', text: '  /left-pad@1.3.0:\n    resolution: {integrity: sha512-nm+2XQCrwyrzjmZ/Ai6HLUnMFckLmZt3K0/Hpv1MkUoW20cIdSsPFUS4NcDnGQl9+ocB6SMvIfKBJod4aXbr/A==}\n' },
  { name: 'Subresource integrity in HTML', text: '<script src="https://cdn.example.com/x.js" integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC" crossorigin="anonymous"></script>' },
  { name: 'git commit hashes', text: 'commit c2f91624a8940f1f836f99eee3692f09e2e8c662\nMerge: 5b8a3a7 e001261\nconst sha = "5b8a3a7765dfe001261dde915589e782f8c94d1e";\n"commit": "c2f91624a8940f1f836f99eee3692f09e2e8c662"' },
  { name: 'sha256 checksums', text: 'checksum = "sha256:4173581569969e58b081006f7e3dfc967a64cb14028d512c9791e558e08baa71"\n4173581569969e58b081006f7e3dfc967a64cb14028d512c9791e558e08baa71  dist/app.tgz' },
  { name: 'UUIDs', text: 'const id = "123e4567-e89b-12d3-a456-426614174000";\nrequestId: \'9f1c2b3a-4d5e-6f70-8192-a3b4c5d6e7f8\',\n{ "uuid": "c9bf9e57-1685-4c89-bafb-ff5af830be8a" }' },
  {
    name: 'base64 data-URI image',
    text: 'const logo = "data:image/png;base64,OTIkmWLGhXIABZrrjqF883h+DtKdHAtj/9cpg3TZvXT8Ea3XucplA5Uiaf1mn2N27nGHlzf9X3L41RxKyRttDEjUGh5eyeagOShUqGFe7xCfwb+p4lY3ASiPKbPXP2rCtp7dLBnyZL7kYqW68g/Sfs8UwBHtIB+DYyCtuYurFoaijZgBIQx3NvPuxYDc/EP+XQSbTXino+u5KGXIUX7QIRH2plLaNSSHK2ox1//kWHdE1et4PpaWj4m+goVl4H5ffXhOkGCnIcqAfXYz7RI0AvN25b8Ulnc9GWFjJr5b5YUDNrNvE7yuSBZoghNoBafRvl6fJ2gQ/fcg0DPKTy5Ty4rRkZ3VGp+21NUJumTIz2gD3lDYOi7PuutTQgcaSMstvVdKspFSVyI3xPtl";\nbackground: url(data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=);',
  },
  { name: 'CSS colours', text: '.btn { color: #ff00aa; background-color: #1e1e1e; border: 1px solid #abcdef80; --secret-color: #c0ffee; }' },
  { name: 'ordinary long identifiers', text: 'const accessTokenExpirationTimeInMilliseconds = 3600000;\nfunction getAccessTokenFromRefreshToken(refreshToken: string): Promise<string> { return exchange(refreshToken); }\nconst PASSWORD_MIN_LENGTH = 12;\nmax_tokens = 256\ntokenizer = "bert-base-uncased"\ntoken_type = "bearer"\nsecretName = "db-credentials"\npassword_hint = "your first pet"' },
  { name: 'empty and templated values', text: 'password = ""\ntoken = \'\'\nsecret: "${{ secrets.DEPLOY_KEY }}"\napi_key = "<YOUR_API_KEY>"\nDB_PASSWORD=\nAPI_KEY=${API_KEY}\npassword: "{{ .Values.db.password }}"\nclient_secret = "changeme"\napiKey: "your-api-key-here"\ntoken = "xxxxxxxx"\npassword = "********"' },
  { name: 'values read from the environment or config', text: 'password = os.environ["X"]\npassword = os.getenv("DB_PASSWORD")\nconst token = process.env.GITHUB_TOKEN;\napiKey: config.apiKey,\nsecret = settings.SECRET_KEY\ntoken := os.Getenv("TOKEN")\npassword = get_password()\nconst secretKey = "DJANGO_SECRET_KEY";\nsecret = None\npassword: null' },
  { name: 'type annotations', text: 'interface Creds { token: string; password?: string | undefined; apiKey: string }\ndef login(user: str, password: str) -> Token: ...\nfunction f(token: string, secret: Buffer) {}\ntype Auth = { accessToken: string };\nclass U:\n    password: str\n    token: Optional[str] = None' },
  { name: 'comparisons and arrows', text: 'if (password === confirmPassword) ok();\nif token == "" { return }\nconst isSecret = (key) => key.startsWith("sk");\nconst passwordsMatch = password != other;' },
  { name: 'i18n strings', text: '{ "password": "Password", "token": "Token", "passwordPlaceholder": "Enter your password", "secret": "Secret", "forgotPassword": "Forgot password?" }' },
  { name: 'URLs without passwords', text: 'const api = "https://api.example.com:8443/v1/users/@me";\nremote = "ssh://git@github.com:22/org/repo.git"\ngit@github.com:org/repo.git\npostgres://localhost:5432/app\nhttp://localhost:3000/@scope/pkg' },
  { name: 'placeholder passwords in URLs', text: 'postgres://user:password@localhost/db\nmongodb://admin:<password>@cluster/db\nredis://:${REDIS_PASSWORD}@cache:6379' },
  { name: 'sk- and hf_ look-alikes', text: 'className="sk-button-primary-large-outline"\nconst hf_model_name_for_tests_only = 1;\nimport sklearn' },
  { name: 'prose about keys', text: '// Set the API key with Tandem: Set OpenAI API Key. The token is read from SecretStorage.\n# Basic configuration for the token bucket rate limiter' },
  { name: 'documentation examples', text: "myURL.password = '123';\nnew URL('https://abc:xyz@example.com');\nNO_CACHED_ACCESS_TOKEN: \"2\",\nenv: { PWD: '/Users/maciej', HOME: '/home/u' }\n// Without an access token allowLoggingAccountIdentifiers is not used\n * @param key - PEM encoded private key (-----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----)" },
  { name: 'protocol constants named like secrets', text: 'export const ACCESS_TOKEN = "access_token";\nexport const CLIENT_SECRET = "client_secret";\nID_TOKEN: "IdToken",\ncredentials = "include";\nconst invalidSecret = "invalid_secret";\ndata.accessToken = "[REDACTED]";\nconst kind = token.startsWith("hf_") ? "hf-token" : "provider-key";\nexports.colors = {\n  pass: 90,\n  fail: 31,\n};\ntype ArrowToken = ArrowToken$1;\n    IdToken: Record<string, SerializedIdTokenEntity>;\n  - Release GPG key: 9554F04D7259F04124DE6B476D5A82AC7E37093B' },
  { name: 'a placeholder already in the text', text: 'const x = "TANDEM_SECRET_1";' },
  { name: 'PEM public key and certificate', text: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----' },
];
