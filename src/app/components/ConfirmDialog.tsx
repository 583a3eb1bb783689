import { useId, type ReactNode, type Ref } from 'react';

interface ConfirmDialogProps {
  ref: Ref<HTMLDialogElement>;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
}

/**
 * A modal confirmation built on <dialog>: the browser traps focus, closes it on Escape and returns focus to
 * the button that opened it. Open it with `ref.current.showModal()`.
 */
export function ConfirmDialog({ ref, title, children, confirmLabel, onConfirm }: ConfirmDialogProps) {
  const titleId = useId();
  const bodyId = useId();
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={(event) => {
        const dialog = event.currentTarget;
        if (dialog.returnValue === 'confirm') onConfirm();
        dialog.returnValue = '';
      }}
    >
      <form method="dialog">
        <h2 id={titleId}>{title}</h2>
        <div id={bodyId}>{children}</div>
        <div className="dialog__actions">
          <button className="button" value="cancel">
            Cancel
          </button>
          <button className="button button--danger" value="confirm">
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
