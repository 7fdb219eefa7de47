/**
 * A collaborative rich-text editor bound to one XmlFragment of the plan (vision, principles,
 * behaviours): Tiptap + Collaboration (per-user undo/redo via the Yjs undo manager) +
 * CollaborationCaret (named, coloured carets from awareness).
 *
 * What must stay true: nothing here writes to the document unless the user types; a read-only
 * editor is bound to a one-way mirror and cannot write at all. In particular
 * StarterKit's trailing-node plugin is off — it appends a paragraph on load, which for a viewer
 * or a locked section would be a refused change (4403) and a reset loop.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button } from '@mantine/core';
import { IconMessagePlus } from '@tabler/icons-react';
import { EditorContent, useEditor } from '@tiptap/react';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { richTextContentExtensions, richTextSchema } from '../../../shared/richText.ts';
import { Placeholder } from '@tiptap/extensions';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { PresenceUser } from '../api/types.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { renderCaret } from './caret.ts';
import { RemoteHighlight } from './remoteHighlight.ts';
import { useReadOnlyMirror } from './readOnlyMirror.ts';
import { SectionAwareness } from './sectionAwareness.ts';
import { CommentMarks, selectionAnchor } from './commentMarks.ts';
import type { CommentsSource } from '../comments/CommentsContext.tsx';
import type { RichTextSection } from '../../../shared/roots.ts';
import classes from './RichTextEditor.module.css';

export interface RichTextEditorProps {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: PresenceUser;
  editable: boolean;
  /** Accessible name of the editing area, e.g. "Shared Vision". */
  label: string;
  placeholder: string;
  variant?: 'hero' | 'standard';
  /** Rendered below the toolbar row when the editor is read-only (who and why). */
  testId?: string;
  /** Comment markers and "comment on the selection", for the plan's sections. */
  comments?: { section: RichTextSection; source: CommentsSource } | null;
}

export function RichTextEditor({
  fragment: liveFragment,
  provider,
  user,
  editable,
  label,
  placeholder,
  variant = 'standard',
  testId,
  comments = null,
}: RichTextEditorProps) {
  // Read-only editors never write to the live document (see readOnlyMirror.ts).
  const fragment = useReadOnlyMirror(liveFragment, !editable);
  const extensions = useMemo(
    () => [
      ...richTextContentExtensions(),
      Placeholder.configure({ placeholder }),
      Collaboration.configure({ fragment }),
      // Only carets in this editor's own fragment rebuild its decorations (sectionAwareness.ts).
      CollaborationCaret.configure({
        provider: { awareness: new SectionAwareness(provider.awareness, fragment) },
        user,
        render: renderCaret,
      }),
      RemoteHighlight,
      CommentMarks.configure({ section: comments?.section ?? null, source: comments?.source ?? null }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt only when the document, socket or comment source is replaced (a reset); placeholder and user are read once, so a new object for them never remounts the editor
    [fragment, provider, comments?.source],
  );

  // The editor starts from the fragment's own content, not an empty paragraph: the collaboration
  // binding carries the first selection over when it renders the fragment, and position 1 of an
  // empty paragraph is no text position in a document that starts with a list. Equal content
  // means the binding writes nothing to the document.
  const content = useMemo(
    () => (fragment.length > 0 ? yXmlFragmentToProseMirrorRootNode(fragment, richTextSchema()).toJSON() : undefined),
    [fragment],
  );

  const editor = useEditor(
    {
      extensions,
      content,
      editable,
      editorProps: {
        attributes: {
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
          class: `${classes.prose} ${variant === 'hero' ? classes.hero : ''}`,
          ...(testId ? { 'data-testid': testId } : {}),
        },
      },
    },
    [extensions],
  );

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    if (editor.isEditable !== editable) editor.setEditable(editable);
    editor.view.dom.setAttribute('aria-readonly', String(!editable));
  }, [editor, editable]);

  // Whether there is a selection to comment on (viewers too: commenting is not editing).
  const [selecting, setSelecting] = useState(false);
  useEffect(() => {
    if (!editor || !comments) return;
    const onSelection = () => setSelecting(!editor.state.selection.empty);
    editor.on('selectionUpdate', onSelection);
    return () => {
      editor.off('selectionUpdate', onSelection);
    };
  }, [editor, comments]);
  const commentOnSelection = () => {
    if (!editor || !comments) return;
    const anchor = selectionAnchor(editor.state, comments.section);
    if (anchor) comments.source.startThread(anchor);
  };

  return (
    <div
      className={`ch-editor-zone ${classes.root} ${variant === 'hero' ? classes.rootHero : ''} ${editable ? '' : classes.readOnly}`}
      data-editable={editable}
    >
      {editable && editor ? <EditorToolbar editor={editor} label={label} /> : null}
      <EditorContent editor={editor} className={classes.content} />
      {comments ? (
        <div className={classes.commentBar}>
          <Button
            variant="light"
            size="compact-xs"
            leftSection={<IconMessagePlus size={14} />}
            disabled={!selecting}
            // Keeps the editor's selection: a mouse press here must not move the focus first.
            onMouseDown={(e) => e.preventDefault()}
            onClick={commentOnSelection}
            aria-label={`Comment on the selected text in ${label}`}
            title="Comment on the selected text (Ctrl+Alt+M)"
            data-testid={testId ? `${testId}-comment` : undefined}
          >
            Comment
          </Button>
        </div>
      ) : null}
    </div>
  );
}
