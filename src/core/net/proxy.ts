/**
 * Which proxy (if any) a request to a URL goes through: VS Code's `http.proxy` first, then
 * HTTPS_PROXY / HTTP_PROXY, minus NO_PROXY. Loopback never goes through a proxy, and the
 * caller never asks for the private endpoint (code for it must not cross a proxy).
 */
export interface ProxySettings {
  /** VS Code's `http.proxy` setting ('' when unset). */
  httpProxy?: string;
  /** The extension host's environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, lower-case too). */
  env: Readonly<Record<string, string | undefined>>;
}

export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '0.0.0.0';
}

function envVar(env: ProxySettings['env'], name: string): string | undefined {
  const v = env[name] ?? env[name.toLowerCase()];
  return v && v.trim() ? v.trim() : undefined;
}

/** NO_PROXY: comma/space separated hosts, `.suffix` or `*.suffix` domains, host:port, or `*`. */
export function matchesNoProxy(hostname: string, port: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry);
    const pattern = (m?.[1] ?? entry).replace(/^\*\./, '.');
    const entryPort = m?.[2];
    if (entryPort && entryPort !== port) continue;
    if (pattern.startsWith('.') ? host.endsWith(pattern) || host === pattern.slice(1) : host === pattern || host.endsWith(`.${pattern}`)) return true;
  }
  return false;
}

/** The proxy URL for a request to `url`, or undefined for a direct connection. */
export function proxyFor(url: string, settings: ProxySettings): string | undefined {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return undefined;
  }
  if (isLoopback(target.hostname)) return undefined;
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  if (matchesNoProxy(target.hostname, port, envVar(settings.env, 'NO_PROXY'))) return undefined;
  const configured = settings.httpProxy?.trim();
  if (configured) return configured;
  return target.protocol === 'https:' ? envVar(settings.env, 'HTTPS_PROXY') ?? envVar(settings.env, 'HTTP_PROXY') : envVar(settings.env, 'HTTP_PROXY');
}
