import { useLabStore } from '../state/store';

/** The latest error or message, until dismissed. */
export function Notice() {
  const notice = useLabStore((state) => state.notice);
  const showNotice = useLabStore((state) => state.showNotice);
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.message}</span>
      <button type="button" onClick={() => showNotice(null)}>
        Dismiss
      </button>
    </div>
  );
}
