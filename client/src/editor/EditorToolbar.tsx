/**
 * The quiet formatting toolbar: visible while its editor has focus (or is hovered), one tab stop
 * with arrow-key movement inside (WAI-ARIA toolbar pattern), tooltips naming the shortcuts.
 */
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
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
import { useEditorState, type Editor } from '@tiptap/react';
import { normalizeUrl } from './links.ts';
import classes from './EditorToolbar.module.css';

const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

export function EditorToolbar({ editor, label }: { editor: Editor; label: string }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      link: e.isActive('link'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
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

  const chain = () => editor.chain().focus();
  let index = 0;
  const tool = (name: string, shortcut: string | null, icon: ReactNode, active: boolean, run: () => void, disabled = false) => {
    const myIndex = index++;
    return (
      <Tooltip key={name} label={shortcut ? `${name} · ${shortcut}` : name} withArrow openDelay={400}>
        <ActionIcon
          data-tool
          variant={active ? 'light' : 'subtle'}
          color={active ? 'accent' : 'ink'}
          size={32}
          radius="sm"
          aria-label={name}
          aria-pressed={active}
          disabled={disabled}
          tabIndex={myIndex === focusIndex ? 0 : -1}
          onFocus={() => setFocusIndex(myIndex)}
          onMouseDown={(e) => e.preventDefault()}
          onClick={run}
        >
          {icon}
        </ActionIcon>
      </Tooltip>
    );
  };

  return (
    <div className={classes.toolbar} role="toolbar" aria-label={`${label} formatting`} ref={ref} onKeyDown={onKeyDown}>
      {tool('Heading', `${mod}Alt+2`, <IconH2 size={18} stroke={1.8} />, state.h2, () => chain().toggleHeading({ level: 2 }).run())}
      {tool('Subheading', `${mod}Alt+3`, <IconH3 size={18} stroke={1.8} />, state.h3, () => chain().toggleHeading({ level: 3 }).run())}
      <span className={classes.sep} aria-hidden />
      {tool('Bold', `${mod}B`, <IconBold size={18} stroke={1.8} />, state.bold, () => chain().toggleBold().run())}
      {tool('Italic', `${mod}I`, <IconItalic size={18} stroke={1.8} />, state.italic, () => chain().toggleItalic().run())}
      <span className={classes.sep} aria-hidden />
      {tool('Bulleted list', `${mod}Shift+8`, <IconList size={18} stroke={1.8} />, state.bullet, () => chain().toggleBulletList().run())}
      {tool('Numbered list', `${mod}Shift+7`, <IconListNumbers size={18} stroke={1.8} />, state.ordered, () => chain().toggleOrderedList().run())}
      <LinkTool editor={editor} active={state.link} tabIndex={index === focusIndex ? 0 : -1} onFocus={((i) => () => setFocusIndex(i))(index++)} />
      <span className={classes.spacer} />
      {tool('Undo', `${mod}Z`, <IconArrowBackUp size={18} stroke={1.8} />, false, () => chain().undo().run(), !state.canUndo)}
      {tool('Redo', `${mod}Shift+Z`, <IconArrowForwardUp size={18} stroke={1.8} />, false, () => chain().redo().run(), !state.canRedo)}
    </div>
  );
}

function LinkTool({ editor, active, tabIndex, onFocus }: { editor: Editor; active: boolean; tabIndex: number; onFocus: () => void }) {
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
    if (empty && !active) editor.chain().focus().insertContent({ type: 'text', text: value.trim(), marks: [{ type: 'link', attrs: { href } }] }).run();
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
}
