import * as vscode from 'vscode';
import { REFACTOR_PRESETS } from '../../core/prompts/refactorPrompt';

/**
 * Asks for the refactor instruction: the presets, plus whatever the person
 * types as free text (offered as the first item while typing).
 */
export function askInstruction(): Promise<string | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { instruction: string }>();
    const presets = REFACTOR_PRESETS.map((p) => ({ label: p.label, detail: p.instruction, instruction: p.instruction }));
    pick.title = 'Tandem: Refactor Selection';
    pick.placeholder = 'Pick a refactoring or type your own instruction';
    pick.matchOnDetail = false;
    pick.items = presets;
    pick.onDidChangeValue((value) => {
      const typed = value.trim();
      pick.items = typed ? [{ label: typed, description: 'your instruction', alwaysShow: true, instruction: typed }, ...presets] : presets;
    });
    let done = false;
    pick.onDidAccept(() => {
      done = true;
      const chosen = pick.selectedItems[0]?.instruction ?? pick.value.trim();
      pick.hide();
      resolve(chosen || undefined);
    });
    pick.onDidHide(() => {
      pick.dispose();
      if (!done) resolve(undefined);
    });
    pick.show();
  });
}
