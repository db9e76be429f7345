/** The status list's own styles: rows use classes, so mounting one writes no inline styles. */
export const LIST_CSS = `
.dl-row{position:absolute;left:0;top:0;height:40px;display:grid;align-items:center;border-bottom:1px solid #f0f0f0;cursor:pointer;background:#fff;contain:strict}
.dl-row:hover{background:#e6f4ff}
.dl-row.dl-retired{background:#fafafa}
.dl-cell{padding:0 8px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.dl-mono{font-family:monospace}
.dl-pill{display:inline-block;padding:0 6px;margin-right:4px;font-size:12px;line-height:20px;border-radius:4px;border:1px solid #d9d9d9;background:#fafafa;color:#595959}
.dl-new{color:#0958d9;background:#e6f4ff;border-color:#91caff}
.dl-active{color:#389e0d;background:#f6ffed;border-color:#b7eb8f}
.dl-dormant{color:#d46b08;background:#fff7e6;border-color:#ffd591}
.dl-pill.dl-retired{color:#cf1322;background:#fff1f0;border-color:#ffa39e}
.dl-visit-overdue{color:#cf1322;background:#fff1f0;border-color:#ffa39e}
.dl-visit-due{color:#d46b08;background:#fff7e6;border-color:#ffd591}
`;
