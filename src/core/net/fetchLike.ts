/** The `fetch` signature every outgoing request goes through; lives in net so egress and llm can share it without importing each other. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
