// A minimal VS Code extension: chronolint's language server (`chronolint lsp`)
// for Markdown and plain text files, through vscode-languageclient.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration('chronolint');
  const server = {
    command: settings.get('path', 'chronolint'),
    args: ['lsp', ...settings.get('args', [])],
    transport: TransportKind.stdio,
  };
  client = new LanguageClient('chronolint', 'chronolint', server, {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
  });
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('chronolint')) {
        vscode.window.showInformationMessage('chronolint: reload the window to use the new settings.');
      }
    }),
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
