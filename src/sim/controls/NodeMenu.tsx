/**
 * The actions on one node, opened by clicking it or pressing Enter on it: crash, restart, pause,
 * resume, isolate. A menu in the ARIA sense: focus moves into it, arrow keys move between items,
 * Escape closes it and gives focus back to the cluster. It is rendered into the page's body (a portal),
 * so no panel around it (the other side in compare mode) can cover or clip it.
 */
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import type { FrameNode } from '../../engine/core/frame';
import type { Action } from '../../engine/core/schema';
import type { Point } from '../../viz/shared/geometry';

export interface NodeMenuItem {
  label: string;
  action: Action;
}

export const pauseDurationMs = 2000;

/** What can be done to a node in its current status. */
export function nodeMenuItems(node: Pick<FrameNode, 'id' | 'status'>): NodeMenuItem[] {
  const id = node.id;
  const items: NodeMenuItem[] = [];
  if (node.status === 'crashed') items.push({ label: `Restart ${id}`, action: { at: 0, restart: id } });
  else items.push({ label: `Crash ${id}`, action: { at: 0, crash: id } });
  if (node.status === 'up')
    items.push({
      label: `Pause ${id} for ${pauseDurationMs / 1000} s`,
      action: { at: 0, pause: id, durationMs: pauseDurationMs },
    });
  if (node.status === 'paused') items.push({ label: `Resume ${id}`, action: { at: 0, resume: id } });
  items.push({ label: `Isolate ${id} from the network`, action: { at: 0, isolate: id } });
  return items;
}

/** The menu's widest, to keep it on screen: 18rem. */
const menuWidthMax = 288;

export function NodeMenu({
  node,
  anchor,
  within,
  bothRuns = false,
  onAction,
  onClose,
}: {
  node: FrameNode;
  /** Where the node is, relative to `within`. */
  anchor: Point;
  within: RefObject<HTMLElement | null>;
  /** Compare mode: every action is applied to both runs, and the menu says so. */
  bothRuns?: boolean;
  onAction(action: Action): void;
  onClose(): void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  const items = nodeMenuItems(node);
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [node.id]);
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (menu.current && !menu.current.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [onClose]);

  const onKey = (event: KeyboardEvent) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      event.stopPropagation();
      entries[(to + entries.length) % entries.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(entries.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  const box = within.current?.getBoundingClientRect();
  if (!box) return null;
  const left = Math.max(
    scrollX + 8,
    Math.min(
      box.left + scrollX + anchor.x,
      scrollX + document.documentElement.clientWidth - menuWidthMax - 8,
    ),
  );
  return createPortal(
    <div
      ref={menu}
      className="sim-node-menu"
      style={{ left, top: box.top + scrollY + anchor.y }}
      role="menu"
      aria-label={`Actions for ${node.id}${bothRuns ? ' in both runs' : ''}`}
      onKeyDown={onKey}
    >
      <p className="sim-node-menu__title" aria-hidden="true">
        {node.id} · {node.view.role ?? 'node'} · {node.status}
      </p>
      {bothRuns && <p className="sim-node-menu__note">Applies to both runs.</p>}
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="sim-node-menu__item"
          onClick={() => {
            onAction(item.action);
            onClose();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>,
    document.body,
  );
}
