/**
 * The first `tandem.*` setting a message names ("set tandem.huggingface.endpointUrl in your
 * user settings"), so its "Open Settings" button opens that exact key rather than a list of
 * every setting. Undefined when the message names none.
 */
export function settingMentioned(message: string, known: readonly string[]): string | undefined {
  for (const m of message.matchAll(/\btandem\.[A-Za-z]+(?:\.[A-Za-z]+)*/g)) {
    // "tandem.openai.chatModel / tandem.openai.completionModel": the first one that exists.
    const key = m[0];
    if (known.includes(key)) return key;
  }
  return undefined;
}
