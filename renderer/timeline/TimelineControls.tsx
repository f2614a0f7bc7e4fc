/** The timeline's own bar: how much is planned, zoom, a jump to today, and the legend. */
export function TimelineControls({
  count,
  end,
  zoom,
  zooms,
  setZoom,
  onToday,
}: {
  count: number;
  /** The plan's last working day, as shown. */
  end: string | null;
  zoom: number;
  zooms: number;
  setZoom(zoom: number): void;
  onToday(): void;
}) {
  return (
    <div className="lg-tl__bar" role="toolbar" aria-label="Timeline controls">
      <span className="lg-tl__count">
        {count === 1 ? '1 open node' : `${count.toLocaleString('en')} open nodes`}
        {end ? ` · ends ${end}` : ''}
      </span>
      <button
        type="button"
        aria-label="Zoom out the timeline"
        disabled={zoom === 0}
        onClick={() => setZoom(zoom - 1)}
      >
        −
      </button>
      <button
        type="button"
        aria-label="Zoom in the timeline"
        disabled={zoom === zooms - 1}
        onClick={() => setZoom(zoom + 1)}
      >
        +
      </button>
      <button type="button" onClick={onToday}>
        Today
      </button>
      <span className="lg-tl__legend" aria-hidden="true">
        <span className="lg-tl__key lg-tl__key--bar" /> work
        <span className="lg-tl__key lg-tl__key--critical" /> critical
        <span className="lg-tl__key lg-tl__key--late" /> late
        <span className="lg-tl__key lg-tl__key--due" /> due
        <span className="lg-tl__key lg-tl__key--off" /> not working
      </span>
      <span className="lg-tl__hint">
        Drag a bar to set its start, its right end to set the estimate.
      </span>
    </div>
  );
}
