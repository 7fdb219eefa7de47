/**
 * The floor page of `npm run bench:client`: the same Tiptap + Collaboration + CollaborationCaret
 * editor as the plan's vision, bound to the same server and the same fragment, and nothing else
 * (no app shell, no Mantine, no other sections, no presence UI). What Charter's plan page costs
 * beyond this is Charter's own.
 */
import { createRoot } from 'react-dom/client';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

const room = new URLSearchParams(location.search).get('rel') ?? 'acme-globex';
const doc = new Y.Doc();
const provider = new WebsocketProvider(
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`,
  room,
  doc,
  { disableBc: true },
);
const fragment = doc.getXmlFragment('vision');

function Floor() {
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ undoRedo: false, trailingNode: false }),
      Collaboration.configure({ fragment }),
      CollaborationCaret.configure({ provider, user: { name: 'Floor', color: '#55555f' } }),
    ],
    editorProps: { attributes: { 'data-testid': 'editor-vision', 'aria-label': 'Shared Vision' } },
  });
  return <EditorContent editor={editor} />;
}

// Like the plan page, the editor appears once the document has arrived.
provider.once('sync', () => createRoot(document.getElementById('root')!).render(<Floor />));
