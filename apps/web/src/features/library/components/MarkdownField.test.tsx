import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { MarkdownField } from './MarkdownField.js';

function Harness() {
  const [text, setText] = useState('');
  return <MarkdownField label="Teksti" value={text} onChange={setText} />;
}

describe('the body field with its live preview', () => {
  it('draws what is written with the messages’ safe renderer, headings included', () => {
    render(<Harness />);
    fireEvent.change(screen.getByLabelText('Teksti'), {
      target: { value: '# Vaihe 1\n\n**Soita** kaikille <img src=x onerror=alert(1)>' },
    });
    const preview = screen.getByRole('region', { name: 'Esikatselu' });
    expect(preview.querySelector('h2')?.textContent).toBe('Vaihe 1');
    expect(preview.querySelector('strong')?.textContent).toBe('Soita');
    expect(preview.innerHTML).not.toContain('<img');
  });

  it('switches between text and preview with a toggle button (for phones)', () => {
    render(<Harness />);
    const toggle = screen.getByRole('button', { name: 'Näytä esikatselu' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
  });
});
