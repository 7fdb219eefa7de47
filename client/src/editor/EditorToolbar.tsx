/**
 * The quiet formatting toolbar: visible while its editor has focus (or is hovered), one tab stop
 * with arrow-key movement inside (WAI-ARIA toolbar pattern), tooltips naming the shortcuts.
 */
import {
  memo,
  useCallback,
  useRef,
  useState,
  useSyncExternalStore,
  type ComponentType,
  type KeyboardEvent,
} from 'react';
import { ActionIcon, Button, Group, Popover, TextInput, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconBold,
  IconH2,
  IconH3,
  IconItalic,
  IconLink,
  IconList,
  IconListNumbers,
} from '@tabler/icons-react';
import type { Editor } from '@tiptap/react';
import type { Transaction } from '@tiptap/pm/state';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { normalizeUrl } from './links.ts';
import classes from './EditorToolbar.module.css';

const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

interface ToolbarState {
  h2: boolean;
  h3: boolean;
  bold: boolean;
  italic: boolean;
  bullet: boolean;
  ordered: boolean;
  link: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

function readToolbarState(e: Editor): ToolbarState {
  // Undo and redo are the Yjs undo manager's (Collaboration): its stacks say at once what
  // `can().undo()` would learn by dry-running the command on every keystroke.
  const undoManager = yUndoPluginKey.getState(e.state)?.undoManager;
  return {
    h2: e.isActive('heading', { level: 2 }),
    h3: e.isActive('heading', { level: 3 }),
    bold: e.isActive('bold'),
    italic: e.isActive('italic'),
    bullet: e.isActive('bulletList'),
    ordered: e.isActive('orderedList'),
    link: e.isActive('link'),
    canUndo: undoManager ? undoManager.undoStack.length > 0 : e.can().undo(),
    canRedo: undoManager ? undoManager.redoStack.length > 0 : e.can().redo(),
  };
}

const sameState = (a: ToolbarState, b: ToolbarState) =>
  (Object.keys(a) as (keyof ToolbarState)[]).every((k) => a[k] === b[k]);

/**
 * What the buttons show, read again only after a transaction that can change it: the text, the
 * selection or the stored marks (Ctrl+B on an empty selection). Remote carets redraw through
 * transactions that change none of these, many times a second, and cost nothing here.
 */
function useToolbarState(editor: Editor): ToolbarState {
  const current = useRef<ToolbarState | null>(null);
  const owner = useRef(editor);
  if (owner.current !== editor) {
    owner.current = editor;
    current.current = null;
  }
  const subscribe = useCallback(
    (onChange: () => void) => {
      const onTransaction = ({ transaction }: { transaction: Transaction }) => {
        if (!transaction.docChanged && !transaction.selectionSet && !transaction.storedMarksSet) return;
        const next = readToolbarState(editor);
        if (current.current && sameState(current.current, next)) return;
        current.current = next;
        onChange();
      };
      editor.on('transaction', onTransaction);
      return () => void editor.off('transaction', onTransaction);
    },
    [editor],
  );
  return useSyncExternalStore(subscribe, () => (current.current ??= readToolbarState(editor)));
}

type ToolIcon = ComponentType<{ size?: number; stroke?: number }>;
type Command = (editor: Editor) => void;

const run = (editor: Editor) => editor.chain().focus();
const COMMANDS = {
  heading: (e) => run(e).toggleHeading({ level: 2 }).run(),
  subheading: (e) => run(e).toggleHeading({ level: 3 }).run(),
  bold: (e) => run(e).toggleBold().run(),
  italic: (e) => run(e).toggleItalic().run(),
  bullet: (e) => run(e).toggleBulletList().run(),
  ordered: (e) => run(e).toggleOrderedList().run(),
  undo: (e) => run(e).undo().run(),
  redo: (e) => run(e).redo().run(),
} satisfies Record<string, Command>;

/**
 * The toolbar re-renders only when what it shows changes (a mark toggles, undo becomes possible),
 * never per keystroke, and then only the buttons whose state changed: each is memoised on plain
 * values, so their tooltips are left alone.
 */
export const EditorToolbar = memo(function EditorToolbar({ editor, label }: { editor: Editor; label: string }) {
  const state = useToolbarState(editor);
  const ref = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('button[data-tool]') ?? []);
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % buttons.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + buttons.length) % buttons.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    if (next >= 0) {
      e.preventDefault();
      setFocusIndex(next);
      buttons[next].focus();
    }
  };

  let index = 0;
  const tool = (
    name: string,
    shortcut: string | null,
    Icon: ToolIcon,
    active: boolean,
    command: Command,
    disabled = false,
  ) => {
    const myIndex = index++;
    return (
      <ToolButton
        key={name}
        editor={editor}
        name={name}
        shortcut={shortcut}
        Icon={Icon}
        active={active}
        disabled={disabled}
        command={command}
        index={myIndex}
        tabbable={myIndex === focusIndex}
        onFocusIndex={setFocusIndex}
      />
    );
  };
  // The link tool sits seventh in the row below (after the two list buttons).
  const linkIndex = 6;
  const onLinkFocus = useCallback(() => setFocusIndex(linkIndex), []);

  return (
    <div className={classes.toolbar} role="toolbar" aria-label={`${label} formatting`} ref={ref} onKeyDown={onKeyDown}>
      {tool('Heading', `${mod}Alt+2`, IconH2, state.h2, COMMANDS.heading)}
      {tool('Subheading', `${mod}Alt+3`, IconH3, state.h3, COMMANDS.subheading)}
      <span className={classes.sep} aria-hidden />
      {tool('Bold', `${mod}B`, IconBold, state.bold, COMMANDS.bold)}
      {tool('Italic', `${mod}I`, IconItalic, state.italic, COMMANDS.italic)}
      <span className={classes.sep} aria-hidden />
      {tool('Bulleted list', `${mod}Shift+8`, IconList, state.bullet, COMMANDS.bullet)}
      {tool('Numbered list', `${mod}Shift+7`, IconListNumbers, state.ordered, COMMANDS.ordered)}
      <LinkTool editor={editor} active={state.link} tabIndex={index++ === focusIndex ? 0 : -1} onFocus={onLinkFocus} />
      <span className={classes.spacer} />
      {tool('Undo', `${mod}Z`, IconArrowBackUp, false, COMMANDS.undo, !state.canUndo)}
      {tool('Redo', `${mod}Shift+Z`, IconArrowForwardUp, false, COMMANDS.redo, !state.canRedo)}
    </div>
  );
});

interface ToolButtonProps {
  editor: Editor;
  name: string;
  shortcut: string | null;
  Icon: ToolIcon;
  active: boolean;
  disabled: boolean;
  command: Command;
  index: number;
  /** The one button reached by Tab (roving tabindex); arrows move between the others. */
  tabbable: boolean;
  onFocusIndex: (index: number) => void;
}

const ToolButton = memo(function ToolButton({
  editor,
  name,
  shortcut,
  Icon,
  active,
  disabled,
  command,
  index,
  tabbable,
  onFocusIndex,
}: ToolButtonProps) {
  return (
    <Tooltip label={shortcut ? `${name} · ${shortcut}` : name} withArrow openDelay={400}>
      <ActionIcon
        data-tool
        variant={active ? 'light' : 'subtle'}
        color={active ? 'accent' : 'ink'}
        size={32}
        radius="sm"
        aria-label={name}
        aria-pressed={active}
        disabled={disabled}
        tabIndex={tabbable ? 0 : -1}
        onFocus={() => onFocusIndex(index)}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => command(editor)}
      >
        <Icon size={18} stroke={1.8} />
      </ActionIcon>
    </Tooltip>
  );
});

const LinkTool = memo(function LinkTool({
  editor,
  active,
  tabIndex,
  onFocus,
}: {
  editor: Editor;
  active: boolean;
  tabIndex: number;
  onFocus: () => void;
}) {
  const [opened, setOpened] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const open = () => {
    setValue((editor.getAttributes('link').href as string | undefined) ?? '');
    setError(null);
    setOpened(true);
  };
  const apply = () => {
    if (!value.trim()) {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
      setOpened(false);
      return;
    }
    const href = normalizeUrl(value);
    if (!href) {
      setError('Enter a web address (https://…) or an email address.');
      return;
    }
    const { empty } = editor.state.selection;
    if (empty && !active)
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: value.trim(), marks: [{ type: 'link', attrs: { href } }] })
        .run();
    else editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    setOpened(false);
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    setOpened(false);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" withArrow trapFocus returnFocus shadow="md">
      <Popover.Target>
        <Tooltip label="Link" withArrow openDelay={400} disabled={opened}>
          <ActionIcon
            data-tool
            variant={active ? 'light' : 'subtle'}
            color={active ? 'accent' : 'ink'}
            size={32}
            radius="sm"
            aria-label="Link"
            aria-pressed={active}
            aria-haspopup="dialog"
            aria-expanded={opened}
            tabIndex={tabIndex}
            onFocus={onFocus}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => (opened ? setOpened(false) : open())}
          >
            <IconLink size={18} stroke={1.8} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <TextInput
            label="Link address"
            placeholder="https://example.com"
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={error}
            w={280}
            data-autofocus
          />
          <Group justify="flex-end" gap="xs" mt="sm">
            {active ? (
              <Button variant="subtle" color="red" size="xs" onClick={remove}>
                Remove link
              </Button>
            ) : null}
            <Button type="submit" size="xs">
              Apply
            </Button>
          </Group>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
});
