/**
 * The caret other people see: a thin bar in the person's colour with their name, and a
 * `data-user-id` so "follow" can scroll to it. Labels carry the company too, so the room can tell
 * which side is typing.
 */
const HEX = /^#[0-9a-f]{6}$/i;

export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' && HEX.test(user.color) ? user.color : '#55555f';
  const name = typeof user.name === 'string' ? user.name : 'Someone';
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.setProperty('--caret-color', color);
  if (typeof user.id === 'string') caret.dataset.userId = user.id;
  caret.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.textContent = name;
  caret.append(label);
  return caret;
}
