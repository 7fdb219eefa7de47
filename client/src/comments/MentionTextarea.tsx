/**
 * A comment box where `@` offers the participants of both companies (name, company, colour).
 * Arrow keys move through the offers, Enter or Tab picks one, Escape closes them; the list is a
 * listbox tied to the textarea (aria-activedescendant), so screen readers follow it.
 * Picking someone writes `@Name` into the text and records them as mentioned; a mention whose
 * name was deleted from the text again is dropped when posting (`mentionedIn`).
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Textarea } from '@mantine/core';
import type { TeamMember } from '../api/types.ts';
import classes from './Comments.module.css';

export interface MentionTextareaProps {
  value: string;
  onChange: (value: string) => void;
  mentions: string[];
  onMentionsChange: (ids: string[]) => void;
  team: readonly TeamMember[];
  /** Ctrl/Cmd+Enter. */
  onSubmit: () => void;
  label: string;
  placeholder?: string;
  autoFocus?: boolean;
  testId?: string;
}

/** The mentions whose `@Name` is still in the text. */
export function mentionedIn(text: string, ids: readonly string[], team: readonly TeamMember[]): string[] {
  return ids.filter((id) => {
    const m = team.find((t) => t.userId === id);
    return !!m && text.includes(`@${m.name}`);
  });
}

/** The `@query` being typed just before the caret, if any. */
function queryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,30})$/.exec(before);
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2] };
}

export function MentionTextarea(props: MentionTextareaProps) {
  const { value, onChange, mentions, onMentionsChange, team, onSubmit, label, placeholder, autoFocus, testId } = props;
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [index, setIndex] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const listId = useId();
  const q = queryAt(value, caret);
  const offers = useMemo(() => {
    if (!q || dismissed === q.start) return [];
    const needle = q.query.toLowerCase();
    return team.filter((m) => !m.deactivated && m.name.toLowerCase().includes(needle)).slice(0, 8);
  }, [q, team, dismissed]);
  const showing = offers.length > 0;
  const current = Math.min(index, offers.length - 1);

  const pick = (m: TeamMember) => {
    if (!q) return;
    const next = `${value.slice(0, q.start)}@${m.name} ${value.slice(caret)}`;
    const at = q.start + m.name.length + 2;
    onChange(next);
    if (!mentions.includes(m.userId)) onMentionsChange([...mentions, m.userId]);
    setCaret(at);
    setIndex(0);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(at, at);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (showing) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setIndex((current + step + offers.length) % offers.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pick(offers[current]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setDismissed(q!.start);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className={classes.mentionBox}>
      <Textarea
        ref={ref}
        value={value}
        onChange={(e) => {
          onChange(e.currentTarget.value);
          setCaret(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onKeyDown={onKeyDown}
        aria-label={label}
        placeholder={placeholder}
        autosize
        minRows={2}
        maxRows={8}
        maxLength={2000}
        autoFocus={autoFocus}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showing}
        aria-controls={showing ? listId : undefined}
        aria-activedescendant={showing ? `${listId}-${current}` : undefined}
        data-testid={testId}
      />
      {showing ? (
        <ul className={classes.mentionList} role="listbox" id={listId} aria-label="People to mention">
          {offers.map((m, i) => (
            <li
              key={m.userId}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              className={classes.mentionOption}
              data-active={i === current || undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(m);
              }}
            >
              <span className={classes.dot} style={{ background: m.color }} aria-hidden />
              <span className={classes.mentionName}>{m.name}</span>
              <span className={classes.mentionCompany}>{m.companyName}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
