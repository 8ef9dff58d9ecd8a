/**
 * The code only a request runs: the privacy guard (with the secret scanner), the providers
 * and their protocol parsers, token counting. The engine imports this module on its first
 * request (`import()`), so activation neither parses nor runs it; the bundler gives it its
 * own file.
 */
export { guardedStream } from './guard';
export { PROVIDER_FACTORIES } from '../llm/factory';
export { EndpointTokenCounter } from '../llm/tokenCounter';
export { estimateTokens } from '../llm/estimate';
