import { basicSetup } from 'codemirror';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { yaml } from '@codemirror/lang-yaml';
import { json } from '@codemirror/lang-json';
import type { ConfigFormat } from '../../core/config-text.ts';

/**
 * A configuration text area turned into CodeMirror with YAML or JSON highlighting: the lab editor and the
 * playground share it (bundled once, in a chunk both pages load). The text area stays in the form, hidden, and
 * follows every change, so code that reads its value keeps working.
 */

export interface ConfigEditor {
  view: EditorView;
  setFormat(format: ConfigFormat): void;
}

export interface ConfigEditorOptions {
  format: ConfigFormat;
  /** The editor's accessible name. */
  label: string;
  /** More content attributes (aria-describedby, data-testid). */
  attributes?: Record<string, string>;
  /** Key bindings, linting and the like, before the basic setup. */
  extensions?: Extension[];
  onChange?: (text: string) => void;
}

const languageFor = (f: ConfigFormat) => (f === 'json' ? json() : yaml());

export function configEditor(textarea: HTMLTextAreaElement, o: ConfigEditorOptions): ConfigEditor {
  const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
  const language = new Compartment();
  const view = new EditorView({
    parent: textarea.parentElement!,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        ...(o.extensions ?? []),
        basicSetup,
        language.of(languageFor(o.format)),
        EditorView.cspNonce.of(nonce),
        EditorView.contentAttributes.of({ 'aria-label': o.label, ...o.attributes }),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          textarea.value = u.state.doc.toString();
          o.onChange?.(textarea.value);
        }),
      ],
    }),
  });
  textarea.hidden = true;
  textarea.setAttribute('aria-hidden', 'true');
  // A visible label of the text area now names the editor.
  if (textarea.id) document.querySelector(`label[for="${textarea.id}"]`)?.addEventListener('click', () => view.focus());
  return { view, setFormat: (f) => view.dispatch({ effects: language.reconfigure(languageFor(f)) }) };
}
