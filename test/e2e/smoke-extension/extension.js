// Minimal extension used only to prove the e2e harness: a command and a hover.
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('e2eSmoke.hello', () => `hello from ${vscode.version}`),
    vscode.languages.registerHoverProvider({ language: 'plaintext' }, {
      provideHover(document, position) {
        const range = document.getWordRangeAtPosition(position);
        const word = range ? document.getText(range) : '';
        const md = new vscode.MarkdownString(`**E2E smoke hover**\n\nWord: \`${word}\` — responsibility: _customer_`);
        return new vscode.Hover(md, range);
      },
    }),
  );
  return { activatedAt: Date.now() };
}

function deactivate() {}

module.exports = { activate, deactivate };
