// The documents of the self-assessment the "Tự đánh giá" page can export, in the order an
// officer produces them over the year, and the helpers of its export toolbar.

import type { AssessmentFormat, AssessmentKind, DossierProgress } from '../types';

export interface AssessmentDoc {
  kind: AssessmentKind;
  /** Short name on the button. */
  label: string;
  /** What it is, as a tooltip. */
  title: string;
  formats: AssessmentFormat[];
}

export const ASSESSMENT_DOCS: AssessmentDoc[] = [
  { kind: 'report-6m', label: 'Báo cáo 6 tháng', title: 'Báo cáo kết quả thực hiện 6 tháng đầu năm', formats: ['pdf', 'docx'] },
  { kind: 'report', label: 'Báo cáo tự đánh giá', title: 'Báo cáo kết quả tự đánh giá xã phù hợp với trẻ em (BC)', formats: ['pdf', 'docx'] },
  { kind: 'assessment', label: 'Bảng điểm (phụ lục)', title: 'Phụ lục: bảng điểm tự đánh giá theo từng chỉ tiêu', formats: ['pdf', 'docx', 'xlsx'] },
  { kind: 'minutes', label: 'Biên bản họp', title: 'Biên bản họp đánh giá (BB)', formats: ['pdf', 'docx'] },
  { kind: 'notice', label: 'Thông báo công khai', title: 'Thông báo công khai kết quả tự đánh giá (TB)', formats: ['pdf', 'docx'] },
  { kind: 'proposal', label: 'Tờ trình đề nghị', title: 'Tờ trình đề nghị công nhận (TTr) — chỉ lập được khi kết quả đạt chuẩn', formats: ['pdf', 'docx'] },
];

export const FORMAT_LABEL: Record<AssessmentFormat, string> = { pdf: 'PDF', docx: 'Word', xlsx: 'Excel' };

export function docLabel(kind: AssessmentKind): string {
  return ASSESSMENT_DOCS.find((d) => d.kind === kind)?.label ?? kind;
}

/** The progress bar's fill, 0..100; an empty build (total 0) counts as not started. */
export function progressPercent(p: DossierProgress | null): number {
  if (!p || p.total <= 0) return 0;
  return Math.round((Math.min(Math.max(p.done, 0), p.total) / p.total) * 100);
}

/** The folder of a written file, for "Mở thư mục" when the file itself is not wanted. */
export function parentDir(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : path;
}
