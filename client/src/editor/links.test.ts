import { describe, expect, it } from 'vitest';
import { normalizeUrl } from './links.ts';

describe('normalizeUrl', () => {
  it('adds https to bare domains', () => {
    expect(normalizeUrl('example.com/path')).toBe('https://example.com/path');
  });
  it('keeps http(s) and recognises email addresses', () => {
    expect(normalizeUrl('http://acme.example')).toBe('http://acme.example/');
    expect(normalizeUrl('ada@acme.example')).toBe('mailto:ada@acme.example');
  });
  it('refuses script and other schemes, spaces and hostnames without a dot', () => {
    expect(normalizeUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeUrl('data:text/html,x')).toBeNull();
    expect(normalizeUrl('two words')).toBeNull();
    expect(normalizeUrl('intranet')).toBeNull();
    expect(normalizeUrl('')).toBeNull();
  });
});
