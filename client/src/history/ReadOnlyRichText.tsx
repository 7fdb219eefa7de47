/**
 * A version's rich text (ProseMirror JSON from the server) in a read-only Tiptap editor with the
 * live editor's schema and typography, but no Collaboration: it shows a snapshot and never touches
 * the plan document.
 */
import { useMemo } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import { richTextContentExtensions } from '../../../shared/richText.ts';
import { richJsonToPlain, type RichNode } from '../../../shared/planSnapshot.ts';
import editorClasses from '../editor/RichTextEditor.module.css';
import classes from './History.module.css';

const hasText = (node: RichNode): boolean => richJsonToPlain(node).trim() !== '';

export function ReadOnlyRichText({
  content,
  label,
  hero,
  testId,
}: {
  content: RichNode;
  label: string;
  hero?: boolean;
  testId?: string;
}) {
  if (!hasText(content)) return <p className={classes.emptyText}>Nothing written here in this version.</p>;
  return <RichTextView content={content} label={label} hero={hero} testId={testId} />;
}

function RichTextView({
  content,
  label,
  hero,
  testId,
}: {
  content: RichNode;
  label: string;
  hero?: boolean;
  testId?: string;
}) {
  const extensions = useMemo(() => richTextContentExtensions({ openLinksOnClick: true }), []);
  const editor = useEditor(
    {
      extensions,
      content,
      editable: false,
      editorProps: {
        attributes: {
          'aria-label': label,
          'aria-readonly': 'true',
          class: `${editorClasses.prose} ${hero ? editorClasses.hero : ''} ${classes.readOnlyProse}`,
          ...(testId ? { 'data-testid': testId } : {}),
        },
      },
    },
    [content],
  );
  return <EditorContent editor={editor} />;
}
