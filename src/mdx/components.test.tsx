// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import type { ComponentType, ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mdxComponents } from './components.tsx';

const Callout = mdxComponents.Callout as ComponentType<{ kind?: string; children?: ReactNode }>;
const Anchor = mdxComponents.a as ComponentType<{ href: string; children?: ReactNode }>;
const Image = mdxComponents.img as ComponentType<{ src: string; alt: string }>;

function Broken(): ReactNode {
  throw new Error('the diagram data is missing.');
}

afterEach(cleanup);

describe('the lesson component registry', () => {
  it('contains a component that throws: an inline alert, and the rest of the lesson renders', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <MemoryRouter>
        <p>Before</p>
        <Callout kind="tip">
          <Broken />
        </Callout>
        <p>After</p>
      </MemoryRouter>,
    );
    consoleError.mockRestore();
    expect(screen.getByRole('alert').textContent).toBe(
      'This callout could not be shown: the diagram data is missing. The rest of the lesson still works.',
    );
    expect(screen.getByText('Before')).toBeTruthy();
    expect(screen.getByText('After')).toBeTruthy();
  });

  it('links a lesson file to its lesson page, keeping the section', () => {
    render(
      <MemoryRouter>
        <Anchor href="./02-replication.mdx#replication-lag">lag</Anchor>
        <Anchor href="https://example.org/paper.pdf">paper</Anchor>
      </MemoryRouter>,
    );
    expect(screen.getByRole('link', { name: 'lag' }).getAttribute('href')).toBe(
      '/lessons/replication#replication-lag',
    );
    expect(screen.getByRole('link', { name: 'paper' }).getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('serves images from the site root under the base path', () => {
    render(<Image src="/diagrams/ring.svg" alt="A hash ring" />);
    expect(screen.getByRole('img', { name: 'A hash ring' }).getAttribute('src')).toBe(
      `${import.meta.env.BASE_URL}diagrams/ring.svg`,
    );
  });
});
