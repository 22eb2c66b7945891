// The province's side ("Tổng hợp của tỉnh"): the shapes the shell's province_* commands
// take and return are generated from src/province/ into contract.ts; this file names them for
// the page, with the one thing only the UI needs. Every label shown (a dossier's state,
// a verdict) comes from the core.

import { fmtPoints as points } from './assessment/format';

export type {
  Consolidated,
  ConsolidatedRow,
  CriterionHead,
  ImportedDossier,
  ProvinceDossierState as DossierState,
  ProvinceImportReport as ImportReport,
  ProvinceIssuer as Issuer,
  ProvinceTrend as Trend,
  ProvinceTrendPoint as TrendPoint,
  DossierProgress as ProvinceProgress,
} from './contract';

/** Points as the report and the workbook print them (the one formatter of the assessment page,
 *  the core's catalog::fmt_points); blank where a commune has none. */
export function fmtPoints(p: number | null | undefined): string {
  return p === null || p === undefined ? '' : points(p);
}
