import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { DraftForm, saveFailedMessage, type DraftFormProps } from './DraftForm.tsx';

const noop = () => {};

/** The form's markup, without Mantine's style tags (node has no DOM; the server renderer shows the shape). */
function render(props: Partial<DraftFormProps> = {}): string {
  const html = renderToStaticMarkup(
    createElement(
      MantineProvider,
      null,
      createElement(DraftForm, {
        testId: 'thing-form',
        onSubmit: noop,
        failure: null,
        onCancel: noop,
        submitLabel: 'Add thing',
        submitTestId: 'thing-save',
        children: createElement('input', { 'aria-label': 'Title', 'data-autofocus': true }),
        ...props,
      }),
    ),
  );
  return html.slice(html.indexOf('<form'));
}

describe('DraftForm', () => {
  it('is a form the browser does not validate, with the fields between no alert and the two buttons', () => {
    const html = render();
    expect(html).toMatch(/^<form[^>]* novalidate=""[^>]* data-testid="thing-form"/i);
    expect(html).not.toContain('role="alert"');
    const field = html.indexOf('aria-label="Title"');
    const cancel = html.indexOf('>Cancel<');
    const submit = html.search(/<button[^>]*type="submit"[^>]*data-testid="thing-save"/);
    expect(field).toBeGreaterThan(0);
    expect(field).toBeLessThan(cancel);
    expect(cancel).toBeLessThan(submit);
    expect(html).toMatch(/data-testid="thing-save"[^]*>Add thing</);
    expect(html).toContain('data-autofocus="true"');
  });

  it('announces a failed save above the fields', () => {
    const html = render({ failure: 'Someone deleted this thing.' });
    const alert = html.search(/role="alert"[^]*Someone deleted this thing\./);
    expect(alert).toBeGreaterThan(0);
    expect(alert).toBeLessThan(html.indexOf('aria-label="Title"'));
  });
});

describe('saveFailedMessage', () => {
  it('names the thing and the reason, and says the draft is kept', () => {
    expect(saveFailedMessage('objective', new Error('the plan is read-only'))).toBe(
      'The objective could not be saved: the plan is read-only. What you typed is still here.',
    );
  });
});
