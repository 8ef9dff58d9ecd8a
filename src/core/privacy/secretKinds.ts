/** What kind of secret a span is: reported (never the value) in the log and the egress record. */
export type SecretKind =
  | 'private-key'
  | 'aws-access-key-id'
  | 'aws-secret-key'
  | 'gcp-api-key'
  | 'gcp-oauth-secret'
  | 'azure-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'stripe-key'
  | 'openai-key'
  | 'huggingface-token'
  | 'npm-token'
  | 'pypi-token'
  | 'sendgrid-key'
  | 'digitalocean-token'
  | 'jwt'
  | 'bearer-token'
  | 'connection-string-password'
  | 'assigned-secret'
  | 'anthropic-key'
  | 'discord-token'
  | 'vault-token'
  | 'azure-ad-secret'
  | 'vendor-token'
  | 'url-credentials'
  | 'http-credentials'
  | 'jwk-private-key'
  | 'putty-private-key';

export interface SecretSpan {
  start: number;
  end: number;
  kind: SecretKind;
}
