/**
 * Credentials written into a URL (`http://alice:S3cret@host`) must never be echoed: every
 * message, log line, egress record, export and webview text passes through this one
 * function where it is formatted. The whole user-info part becomes `***`, so neither the
 * user name nor the password survives.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;

export function scrubUrlCredentials(text: string): string {
  return text.replace(URL_USERINFO, '$1***@');
}

/** Whether a URL carries a user name or password (a settings value that should use the token command instead). */
export function hasUrlCredentials(url: string): boolean {
  URL_USERINFO.lastIndex = 0;
  const found = URL_USERINFO.test(url);
  URL_USERINFO.lastIndex = 0;
  return found;
}
